/* rules_lifecycle.c: does the plan's status tell the truth? A complete plan
 * with open items (plan-complete-with-open-items), finished work with an
 * empty Outcomes section (outcomes-missing), a complete plan whose
 * validation checks are unticked (validation-not-run), and an active plan
 * whose newest entry is old (stale-plan). The status is plan_status.c's:
 * only a plan that says it is complete is held to it. */
#include <stdio.h>

#include "entry_text.h"
#include "plan_status.h"
#include "rules_family.h"

/* Sections standing for id (not the title): a plan may repeat one. */
static int is_section(const plan_t *p, size_t i, section_id_t id) {
    return rules_known_section(p, i) && p->sections[i].id == id;
}

/* Where a complaint about the status goes: the value where it is written,
 * else the title. */
static void status_anchor(const plan_t *p, const text_t *t, const plan_status_info_t *st, size_t *a, size_t *b) {
    if (st->source != STATUS_FROM_DEFAULT && st->source != STATUS_FROM_FOLDER) {
        *a = st->value_start;
        *b = st->value_end;
        return;
    }
    rules_anchor(p, t, a, b);
}

/* Adds every unchecked checkbox of the sections standing for id to the
 * last diagnostic's related information. */
static int relate_open(const plan_t *p, const text_t *t, section_id_t id, const char *what, diag_list_t *out) {
    for (size_t i = 0; i < p->nsections; i++) {
        if (!is_section(p, i, id)) continue;
        const plan_section_t *s = &p->sections[i];
        for (size_t k = 0; k < s->nentries; k++) {
            const plan_entry_t *e = &s->entries[k];
            if (e->checkbox != 0) continue;
            const char *words = t->data + s->start + e->box + 3;
            size_t n = e->line_end - (e->box + 3);
            while (n && *words == ' ') words++, n--;
            char msg[256];
            int m = snprintf(msg, sizeof msg, "%s: %.*s", what, rules_print_len(words, n), words);
            if (m < 0) continue;
            if (diag_add_related(out, s->start + e->start, s->start + e->line_end, msg,
                                 (size_t)m < sizeof msg ? (size_t)m : sizeof msg - 1) < 0)
                return -1;
        }
    }
    return 0;
}

/* Unchecked and all checkboxes of the sections standing for id. */
static void count_boxes(const plan_t *p, section_id_t id, unsigned *open, unsigned *total) {
    *open = *total = 0;
    for (size_t i = 0; i < p->nsections; i++) {
        if (!is_section(p, i, id)) continue;
        *total += p->sections[i].steps;
        *open += p->sections[i].steps - p->sections[i].checked;
    }
}

static int open_items(const plan_t *p, const text_t *t, const plan_status_info_t *st, diag_list_t *out) {
    unsigned todo, todo_total, steps, steps_total;
    count_boxes(p, SEC_TODO, &todo, &todo_total);
    count_boxes(p, SEC_PROGRESS, &steps, &steps_total);
    if (!todo && !steps) return 0;
    size_t a, b;
    status_anchor(p, t, st, &a, &b);
    const char *where = st->source == STATUS_FROM_FOLDER ? "sits in a completed folder" : "says it is complete";
    if (rule_emit(out, RULE_PLAN_COMPLETE_WITH_OPEN_ITEMS, a, b,
                  "The plan %s but %u item%s open (%u To-do, %u Progress); tick %s or change the status", where,
                  todo + steps, todo + steps == 1 ? " is" : "s are", todo, steps,
                  todo + steps == 1 ? "it" : "them") < 0)
        return -1;
    return relate_open(p, t, SEC_TODO, "Open To-do item", out) < 0 ||
                   relate_open(p, t, SEC_PROGRESS, "Open Progress step", out) < 0
               ? -1
               : 0;
}

/* Nothing written yet: no blocks, one placeholder paragraph ("None yet."),
 * or only placeholder entries. */
static int section_is_empty(const plan_t *p, const text_t *t, size_t i) {
    const plan_section_t *s = &p->sections[i];
    if (s->content_blocks == 0 && s->nentries == 0) return 1;
    if (s->content_blocks == 1 && s->nentries == 0) {
        size_t a = s->start + s->heading_len, b = plan_section_content_end(p, t, i);
        while (a < b && (t->data[a] == ' ' || t->data[a] == '\t' || t->data[a] == '\r' || t->data[a] == '\n')) a++;
        return a < b && entry_is_placeholder(t->data + a, b - a);
    }
    if (!s->nentries || s->content_blocks > s->nlists) return 0;
    for (size_t k = 0; k < s->nentries; k++)
        if (!(s->entries[k].flags & ENTRY_PLACEHOLDER)) return 0;
    return 1;
}

static int outcomes(const plan_t *p, const text_t *t, int complete, const plan_summary_t *sum, diag_list_t *out) {
    int finished = sum->todo_total && sum->todo_done == sum->todo_total;
    if (!complete && !finished) return 0;
    for (size_t i = 0; i < p->nsections; i++) {
        if (!is_section(p, i, SEC_OUTCOMES)) continue;
        const plan_section_t *s = &p->sections[i];
        if (!section_is_empty(p, t, i)) return 0;
        size_t a = s->start + s->name_start;
        return rule_emit(out, RULE_OUTCOMES_MISSING, a, a + s->name_len,
                         "%s, but Outcomes & Retrospective is empty; write what was achieved and what was learned",
                         complete ? "The plan is complete" : "Every to-do is checked");
    }
    return 0;
}

static int validation(const plan_t *p, const text_t *t, diag_list_t *out) {
    unsigned open, total;
    count_boxes(p, SEC_VALIDATION, &open, &total);
    if (!open) return 0;
    for (size_t i = 0; i < p->nsections; i++) {
        if (!is_section(p, i, SEC_VALIDATION)) continue;
        const plan_section_t *s = &p->sections[i];
        size_t a = s->start + s->name_start;
        if (rule_emit(out, RULE_VALIDATION_NOT_RUN, a, a + s->name_len,
                      "The plan is complete but %u of %u validation check%s %s not ticked; run %s and tick %s", open,
                      total, total == 1 ? "" : "s", open == 1 ? "is" : "are", open == 1 ? "it" : "them",
                      open == 1 ? "it" : "them") < 0)
            return -1;
        return relate_open(p, t, SEC_VALIDATION, "Not ticked", out);
    }
    return 0;
}

static int stale(const plan_t *p, const text_t *t, int64_t now, const plan_summary_t *sum, diag_list_t *out) {
    int days = p->config ? p->config->stale_after_days : 7;
    if (sum->newest == INT64_MIN || now - sum->newest <= (int64_t)days * 24 * 60) return 0;
    char when[40];
    ts_format(sum->newest, plan_stamp_style(p->dialect), when);
    size_t a, b;
    rules_anchor(p, t, &a, &b);
    return rule_emit(out, RULE_STALE_PLAN, a, b,
                     "The plan is active but its newest entry, %s, is %lld days old; log progress or change its status",
                     when, (long long)((now - sum->newest) / (24 * 60)));
}

int rules_lifecycle_document(const plan_t *p, const text_t *t, const plan_summary_t *sum, int64_t now,
                             diag_list_t *out) {
    int complete = sum->status.status == PLAN_COMPLETE;
    if (complete && open_items(p, t, &sum->status, out) < 0) return -1;
    if (outcomes(p, t, complete, sum, out) < 0) return -1;
    if (complete && validation(p, t, out) < 0) return -1;
    if (sum->status.status == PLAN_ACTIVE && stale(p, t, now, sum, out) < 0) return -1;
    return 0;
}
