/* rules_entries.c: the entry rules, over the top-level items of a section's
 * lists: undated entries, Progress going back in time, decisions without a
 * rationale, to-do items without a checkbox, checkboxes outside Progress
 * (cookbook). The entries' stamps themselves are rules_time.c's. */
#include <stdio.h>

#include "rules_family.h"

/* An entry and the labelled parts written as sibling items after it
 * ("- Decision: ...", "- Rationale: ...", "- Date/Author: ...") are one
 * entry: the flags of them all. *next: the first entry after the group. */
static unsigned group_flags(const plan_section_t *sec, size_t k, size_t *next) {
    unsigned f = sec->entries[k].flags;
    size_t j = k + 1;
    while (j < sec->nentries && (sec->entries[j].flags & ENTRY_PART) && sec->entries[j].list == sec->entries[k].list)
        f |= sec->entries[j++].flags;
    *next = j;
    return f;
}

/* Does entry e need a stamp of its own? Guide plans stamp every entry. A
 * cookbook Progress lists steps still to do without a date, and dates its
 * surprises and decisions by their own lines; a plan that shows neither
 * dialect is asked only for its Progress steps. */
static int needs_stamp(const plan_t *p, section_id_t id, const plan_entry_t *e, unsigned flags, dialect_t d) {
    if (e->stamp.status != TS_NONE || (flags & (ENTRY_DATED | ENTRY_PLACEHOLDER))) return 0;
    if (d == DIALECT_GUIDE && p->dialect_evidence) return 1;
    if (id != SEC_PROGRESS) return 0;
    return d == DIALECT_COOKBOOK ? e->checkbox == 1 : e->checkbox != 0;
}

/* A decision that introduces a list of details ("Release layout:" and
 * sub-items) is the list's heading, not a decision without a reason. */
static int introduces_list(const plan_entry_t *e, const char *base) {
    size_t b = e->line_end;
    while (b > e->text && (base[b - 1] == ' ' || base[b - 1] == '\t' || base[b - 1] == '\r')) b--;
    return (e->flags & ENTRY_SUBITEMS) && b > e->text && base[b - 1] == ':';
}

int rules_entries_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    const plan_section_t *sec = &p->sections[i];
    const char *base = t->data + sec->start;
    if (!rules_known_section(p, i)) return 0;
    section_id_t id = sec->id;
    const timestamp_t *previous = NULL; /* the last valid Progress stamp above */
    for (size_t k = 0, next; k < sec->nentries; k = next) {
        const plan_entry_t *e = &sec->entries[k];
        unsigned flags = group_flags(sec, k, &next);
        int n = rules_print_len(base + e->text, e->line_end - e->text);
        if (rules_is_entry_section(id)) {
            if (needs_stamp(p, id, e, flags, d) &&
                rule_emit(out, RULE_UNDATED_ENTRY, e->text, e->line_end, "%s entry has no timestamp; start it with %s",
                          section_name(id),
                          d == DIALECT_COOKBOOK ? "(YYYY-MM-DD HH:MMZ)" : "[YYYY-MM-DD HH:MM UTC]") < 0)
                return -1;
            /* One report per step back in time, against the entry just above. */
            if (id == SEC_PROGRESS && e->stamp.valid_time) {
                if (previous && e->stamp.minutes < previous->minutes &&
                    rule_emit(out, RULE_PROGRESS_OUT_OF_ORDER, e->stamp.start, e->stamp.end,
                              "Progress goes back in time: '%.*s' is earlier than '%.*s' above it",
                              rules_print_len(base + e->stamp.start, e->stamp.end - e->stamp.start),
                              base + e->stamp.start,
                              rules_print_len(base + previous->start, previous->end - previous->start),
                              base + previous->start) < 0)
                    return -1;
                previous = &e->stamp;
            }
            if (id == SEC_DECISIONS && !(flags & (ENTRY_RATIONALE | ENTRY_PLACEHOLDER)) && !(e->flags & ENTRY_PART) &&
                !introduces_list(e, base)) {
                /* Name the decision by its words, not its stamp. */
                size_t what = e->stamp.status != TS_NONE ? e->stamp.end : e->text;
                while (what < e->line_end && (base[what] == ' ' || base[what] == '\t')) what++;
                if (rule_emit(out, RULE_DECISION_MISSING_RATIONALE, e->text, e->line_end,
                              "Decision '%.*s' gives no rationale; add a '- Rationale: ...' sub-bullet",
                              rules_print_len(base + what, e->line_end - what), base + what) < 0)
                    return -1;
            }
        }
        if (d == DIALECT_GUIDE && id == SEC_TODO && e->checkbox < 0 && !(flags & ENTRY_PLACEHOLDER) &&
            rule_emit(out, RULE_TODO_NOT_CHECKBOX, e->start, e->line_end,
                      "To-do item is not a checkbox; write '- [ ] %.*s'", n, base + e->text) < 0)
            return -1;
        if (d == DIALECT_COOKBOOK && id != SEC_PROGRESS && e->checkbox >= 0 &&
            rule_emit(out, RULE_CHECKBOX_OUTSIDE_PROGRESS, e->box, e->box + 3,
                      "Checkboxes belong in Progress in this plan's dialect; move the step there or drop "
                      "the box") < 0)
            return -1;
    }
    return 0;
}
