/* writing_style.c: how a plan already writes what planls inserts (see
 * writing_style.h). Each answer is the plan's own habit when it has a clear
 * one, else the dialect's way, so a plan with no entries yet gets the
 * canonical form. */
#include "writing_style.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "strbuf.h"
#include "utf8.h"

/* A habit other than the dialect's counts when the plan shows it at least
 * this often and never the dialect's way: one entry is not yet a style, and
 * a plan that writes both has no consistent one to follow. */
#define HABIT_MIN 2

static int is_habit(unsigned other, unsigned canonical) { return other >= HABIT_MIN && canonical == 0; }

static int is_recognised(const plan_t *p, size_t i) {
    const plan_section_t *s = &p->sections[i];
    return i != p->title && s->level > 0 && (s->match != SECTION_NO_MATCH || s->custom >= 0);
}

int style_heading_level(const plan_t *p) {
    unsigned h1 = 0, h2 = 0;
    for (size_t i = 1; i < p->nsections; i++) {
        if (!is_recognised(p, i)) continue;
        if (p->sections[i].level == 1)
            h1++;
        else
            h2++;
    }
    return h1 > h2 ? 1 : 2;
}

ts_style_t style_stamp(const plan_t *p) {
    unsigned guide = 0, cookbook = 0;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        for (size_t k = 0; k < s->nentries; k++) {
            const timestamp_t *ts = &s->entries[k].stamp;
            if (ts->status != TS_OK || !ts->has_time) continue;
            guide += ts->style == TS_STYLE_GUIDE;
            cookbook += ts->style == TS_STYLE_COOKBOOK;
        }
    }
    ts_style_t canonical = plan_stamp_style(p->dialect);
    if (canonical == TS_STYLE_GUIDE) return is_habit(cookbook, guide) ? TS_STYLE_COOKBOOK : TS_STYLE_GUIDE;
    return is_habit(guide, cookbook) ? TS_STYLE_GUIDE : TS_STYLE_COOKBOOK;
}

int style_progress_checkbox(const plan_t *p) {
    int canonical = p->dialect == DIALECT_COOKBOOK;
    size_t i = plan_find_section(p, SEC_PROGRESS);
    if (!i) return canonical;
    unsigned boxed = 0, bare = 0;
    const plan_section_t *s = &p->sections[i];
    for (size_t k = 0; k < s->nentries; k++) {
        const plan_entry_t *e = &s->entries[k];
        /* An item still being typed ("- ", "- [") has no form yet. */
        if (e->line_end - e->text < 2) continue;
        boxed += e->checkbox >= 0;
        bare += e->checkbox < 0;
    }
    return canonical ? !is_habit(bare, boxed) : is_habit(boxed, bare);
}

/* ---- status markers ------------------------------------------------------ */

char *style_task_words(const char *s, size_t n) {
    size_t from = ts_markers_end(s, n), to = n;
    /* A "(BLOCKED: reason)" note goes with the state it described. */
    size_t cut = from, cut_end = from;
    for (size_t k = from; k < to; k++) {
        if (s[k] != '(' || !ascii_prefix_ci(s + k + 1, to - k - 1, "blocked", 7)) continue;
        const char *close = memchr(s + k, ')', to - k);
        cut = k;
        cut_end = close ? (size_t)(close - s) + 1 : to;
        break;
    }
    strbuf_t b = {0};
    size_t head_end = cut_end > cut ? cut : to;
    while (head_end > from && ascii_is_blank(s[head_end - 1])) head_end--;
    sb_addn(&b, s + from, head_end - from);
    if (cut_end > cut) {
        size_t tail = cut_end;
        while (tail < to && ascii_is_blank(s[tail])) tail++;
        size_t tail_end = to;
        while (tail_end > tail && ascii_is_blank(s[tail_end - 1])) tail_end--;
        if (tail < tail_end && head_end > from) sb_add(&b, " ");
        sb_addn(&b, s + tail, tail_end - tail);
    }
    return sb_take(&b);
}

/* ---- rationale lines ------------------------------------------------------- */

/* Length of the lead of a rationale line s[0..n) (indentation, list marker,
 * bold, "Rationale:" and the space after), or 0 when it is no such line. */
static size_t rationale_lead_len(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && ascii_is_blank(s[i])) i++;
    if (i + 1 < n && strchr("-*+", s[i]) && s[i + 1] == ' ') i += 2;
    if (i + 1 < n && s[i] == '*' && s[i + 1] == '*') i += 2;
    if (!ascii_prefix_ci(s + i, n - i, "rationale", 9)) return 0;
    i += 9;
    if (i + 1 < n && s[i] == '*' && s[i + 1] == '*') i += 2;
    if (i >= n || s[i] != ':') return 0;
    i++;
    if (i + 1 < n && s[i] == '*' && s[i + 1] == '*') i += 2;
    return i;
}

char *style_rationale_lead(const plan_t *p, const text_t *t, size_t sec) {
    const plan_section_t *s = &p->sections[sec];
    for (size_t k = 0; k < s->nentries; k++) {
        const plan_entry_t *e = &s->entries[k];
        size_t line = text_line_of(t, s->start + e->start), last = text_line_of(t, s->start + e->end);
        for (; line <= last; line++) {
            size_t ls = text_line_start(t, line), le = text_line_end(t, line);
            size_t len = rationale_lead_len(t->data + ls, le - ls);
            if (!len) continue;
            strbuf_t b = {0};
            sb_addn(&b, t->data + ls, len);
            sb_add(&b, " ");
            return sb_take(&b);
        }
    }
    return strdup(p->dialect == DIALECT_COOKBOOK ? "  Rationale: " : "  - Rationale: ");
}
