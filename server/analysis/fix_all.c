/* fix_all.c: the quick fixes of a whole plan, applied until none is left. */
#include "fix_all.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Passes before giving up: each pass applies every fix that does not touch
 * another's bytes, so real plans settle in two or three. */
#define FIX_MAX_PASSES 16

/* Which fixes a level applies. A fix that writes a placeholder (an empty
 * Rationale line) or a code of its own that a writer must check (a path
 * suggestion) is never applied unasked: it would hide the finding. */
static int allowed(int rule, fix_level_t level) {
    switch (rule) {
    case RULE_MISSING_SECTION:
    case RULE_UNKNOWN_SECTION: /* only near misses have a fix: the rename is certain */
    case RULE_BAD_TIMESTAMP:   /* only when the intended time is certain */
    case RULE_TIMESTAMP_FORMAT:
    case RULE_MISSING_TITLE:
    case RULE_MISSING_PREAMBLE:
    case RULE_STALE_LAST_UPDATED:
    case RULE_TODO_NOT_CHECKBOX: return 1;
    case RULE_UNDATED_ENTRY: /* the current time is a guess at when it happened */
    case RULE_CHECKBOX_OUTSIDE_PROGRESS: /* dropping a box drops what it said */ return level >= FIX_GUESSES;
    default: return 0;
    }
}

/* Do the edits of a touch bytes (or an insertion point) that taken touches? */
static int overlaps(const edit_list_t *a, const edit_list_t *taken) {
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < taken->n; j++) {
            const edit_t *x = &a->items[i], *y = &taken->items[j];
            if (x->start <= y->end && y->start <= x->end) return 1;
        }
    return 0;
}

/* One pass over diags (the diagnostics of t now): the allowed fixes that do
 * not overlap, applied from the end so offsets hold. Returns the number
 * applied, or -1 (OOM). */
static int one_pass(plan_t *p, text_t *t, const diag_list_t *diags, int64_t now, const char *path, fix_level_t level) {
    action_list_t actions = {0};
    edit_list_t taken = {0};
    int applied = 0, rc = -1;
    if (actions_quick_fixes(p, t, diags, now, path, &actions) < 0) goto out;
    for (size_t i = 0; i < actions.n; i++) {
        const action_t *a = &actions.items[i];
        if (!a->fixes || !allowed(a->fixes->rule, level) || !a->edits.n || overlaps(&a->edits, &taken)) continue;
        for (size_t k = 0; k < a->edits.n; k++)
            if (edit_add(&taken, a->edits.items[k].start, a->edits.items[k].end, a->edits.items[k].text) < 0) goto out;
        applied++;
    }
    for (size_t k = taken.n; k-- > 0;) {
        const edit_t *e = &taken.items[k];
        if (plan_edit(p, t, e->start, e->end, e->text, strlen(e->text)) < 0) goto out;
    }
    rc = applied;
out:
    edit_list_free(&taken);
    action_list_free(&actions);
    return rc;
}

int fix_all_in_place(plan_t *p, text_t *t, diag_list_t *diags, int64_t now, const char *path, fix_level_t level,
                     unsigned *applied) {
    *applied = 0;
    /* Each pass fixes what the diagnostics of the text it starts from allow;
     * the pass that finds nothing to fix leaves what remains in diags. */
    for (int pass = 0; pass < FIX_MAX_PASSES; pass++) {
        int n = one_pass(p, t, diags, now, path, level);
        if (n < 0) return -1;
        if (n == 0) break;
        *applied += (unsigned)n;
        diag_list_clear(diags);
        if (rules_run(p, t, now, diags) < 0) return -1;
    }
    return 0;
}

int fix_all(const plan_t *p, const text_t *t, int64_t now, const char *path, fix_level_t level, fix_result_t *out) {
    memset(out, 0, sizeof *out);
    plan_init(&out->plan);
    diag_list_init(&out->diags);
    /* The copy sees what the plan sees: its settings, its repository's files, its place. */
    out->plan.config = p->config;
    out->plan.paths = p->paths;
    out->plan.plan_dir = p->plan_dir;
    out->plan.path = p->path;
    if (text_init(&out->text, t->data, t->len) < 0 || plan_parse(&out->plan, &out->text) < 0 ||
        rules_run(&out->plan, &out->text, now, &out->diags) < 0)
        return -1;
    return fix_all_in_place(&out->plan, &out->text, &out->diags, now, path, level, &out->applied);
}

void fix_result_free(fix_result_t *r) {
    text_free(&r->text);
    plan_free(&r->plan);
    diag_list_free(&r->diags);
    r->applied = 0;
}

/* Is offset i of s[0..n) the start of a line (or the end)? Never between a
 * "\r" and its "\n", nor inside a character. */
static int at_line_start(const char *s, size_t n, size_t i) {
    return i == 0 || i == n || s[i - 1] == '\n' || (s[i - 1] == '\r' && s[i] != '\n');
}

int fix_all_action(const plan_t *p, const text_t *t, const diag_list_t *diags, int64_t now, const char *path, int edit,
                   action_list_t *out) {
    /* A blank file gets "Create plan from skeleton" instead. */
    int any = 0, blank = 1;
    for (size_t i = 0; i < t->len && blank; i++) blank = isspace((unsigned char)t->data[i]);
    for (size_t i = 0; i < diags->n && !any && !blank; i++) any = allowed(diags->items[i].rule, FIX_CERTAIN);
    if (!any) return 0;
    action_t *a = action_list_add(out, "source.fixAll.planls", "Fix all safe problems (planls)");
    if (!a) return -1;
    if (!edit) return 0;
    fix_result_t r;
    if (fix_all(p, t, now, path, FIX_CERTAIN, &r) < 0) {
        fix_result_free(&r);
        return -1;
    }
    const text_t fixed = r.text;
    /* The changed lines: what stays the same at both ends is not sent. */
    size_t head = 0, tail = 0;
    while (head < t->len && head < fixed.len && t->data[head] == fixed.data[head]) head++;
    while (head > 0 && !at_line_start(t->data, t->len, head)) head--;
    while (tail < t->len - head && tail < fixed.len - head &&
           t->data[t->len - 1 - tail] == fixed.data[fixed.len - 1 - tail])
        tail++;
    while (tail > 0 && !at_line_start(t->data, t->len, t->len - tail)) tail--;
    int rc = 0;
    if (head != t->len || head != fixed.len) {
        char *middle = strndup(fixed.data + head, fixed.len - head - tail);
        rc = edit_add(&a->edits, head, t->len - tail, middle);
        free(middle);
    }
    fix_result_free(&r);
    return rc;
}
