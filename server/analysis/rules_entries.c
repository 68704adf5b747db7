/* rules_entries.c: the entry rules, over the top-level items of a section's
 * lists: undated entries, Progress going back in time, decisions without a
 * rationale, to-do items without a checkbox, checkboxes outside Progress
 * (cookbook). The entries' stamps themselves are rules_time.c's. */
#include <stdio.h>

#include "rules_family.h"

int rules_entries_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    const plan_section_t *sec = &p->sections[i];
    const char *base = t->data + sec->start;
    if (!rules_known_section(sec)) return 0;
    section_id_t id = sec->id;
    const timestamp_t *newest = NULL;
    for (size_t k = 0; k < sec->nentries; k++) {
        const plan_entry_t *e = &sec->entries[k];
        int n = rules_print_len(e->line_end - e->text);
        if (rules_is_entry_section(id)) {
            if (e->stamp.status == TS_NONE) {
                /* Cookbook Progress lists steps still to do without a date;
                 * only a checked step records when it was done. Cookbook
                 * surprises and decisions are dated by their own lines. */
                int needs = d == DIALECT_GUIDE || (id == SEC_PROGRESS && e->checkbox == 1);
                if (needs && rule_emit(out, RULE_UNDATED_ENTRY, e->text, e->line_end,
                                       "%s entry has no timestamp; start it with %s", section_name(id),
                                       d == DIALECT_COOKBOOK ? "(YYYY-MM-DD HH:MMZ)" : "[YYYY-MM-DD HH:MM UTC]") < 0)
                    return -1;
            }
            if (id == SEC_PROGRESS && e->stamp.valid_time) {
                if (newest && e->stamp.minutes < newest->minutes &&
                    rule_emit(out, RULE_PROGRESS_OUT_OF_ORDER, e->stamp.start, e->stamp.end,
                              "Progress goes back in time: '%.*s' is earlier than '%.*s' above it",
                              rules_print_len(e->stamp.end - e->stamp.start), base + e->stamp.start,
                              rules_print_len(newest->end - newest->start), base + newest->start) < 0)
                    return -1;
                if (!newest || e->stamp.minutes >= newest->minutes) newest = &e->stamp;
            }
            if (id == SEC_DECISIONS && !(e->flags & ENTRY_RATIONALE)) {
                /* Name the decision by its words, not its stamp. */
                size_t what = e->stamp.status != TS_NONE ? e->stamp.end : e->text;
                while (what < e->line_end && (base[what] == ' ' || base[what] == '\t')) what++;
                if (rule_emit(out, RULE_DECISION_MISSING_RATIONALE, e->text, e->line_end,
                              "Decision '%.*s' gives no rationale; add a '- Rationale: ...' sub-bullet",
                              rules_print_len(e->line_end - what), base + what) < 0)
                    return -1;
            }
        }
        if (d == DIALECT_GUIDE && id == SEC_TODO && e->checkbox < 0 &&
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
