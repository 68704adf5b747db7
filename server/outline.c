/* outline.c: the plan's outline (document symbols), folding ranges and hovers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring.h"
#include "strbuf.h"

enum { SYM_MODULE = 2, SYM_NAMESPACE = 3, SYM_STRING = 15, SYM_BOOLEAN = 17, SYM_EVENT = 24 };

/* What each section is for, in our words (drawn from the plans guide). */
static const char *const section_help[SEC_COUNT] = {
    "Why this work matters: the problem it solves and what success looks like, for someone who "
    "knows nothing of it yet.",
    "The checklist of tasks. One `- [ ]` item per task with a clear end; nest sub-tasks; mark blocked "
    "ones `- [ ] ⏸️ task (BLOCKED: reason)`. Avoid vague items such as \"Database\".",
    "What has been done, newest last, each entry stamped in UTC: `- [2026-11-25 17:03 UTC] Migrated "
    "the tokens table`. Say what was done and what came of it.",
    "Unexpected findings, blockers and workarounds, stamped in UTC, with `- Impact:` and "
    "`- Workaround:` sub-bullets where they help the next person.",
    "Each decision with its time, a `- Rationale:`, the `- Alternatives considered:` and, later, the "
    "`- Outcome:`. Small choices count too.",
    "Filled in when the work ends: results, what went well, what could improve, follow-up items.",
    "Background a newcomer needs: links, the relevant parts of the repository, constraints.",
    "The strategy: phases, their order and dependencies, risks.",
    "The exact commands to run and files to change, kept current as the work deviates.",
    "How to know it works: test commands, expected output, acceptance criteria.",
    "How to retry, roll back or resume safely when a step fails.",
    "Links to pull requests, issues, diffs, notes and design documents.",
    "APIs touched, services and teams involved, integration points.",
};

void outline_free(outline_t *items, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(items[i].name);
        free(items[i].detail);
        outline_free(items[i].children, items[i].nchildren);
    }
    free(items);
}

static char *copy_trimmed(const char *s, size_t n, size_t max) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    if (n > max) {
        /* Cut on a character boundary. */
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    char *out = malloc(n + 1);
    if (!out) return NULL;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static int build_entries(const plan_section_t *s, const text_t *t, outline_t *parent) {
    if (!s->nentries) return 0;
    parent->children = calloc(s->nentries, sizeof *parent->children);
    if (!parent->children) return -1;
    for (size_t k = 0; k < s->nentries; k++) {
        const plan_entry_t *e = &s->entries[k];
        outline_t *o = &parent->children[parent->nchildren++];
        size_t words = e->stamp.status != TS_NONE ? e->stamp.end : e->checkbox >= 0 ? e->box + 3 : e->text;
        if (words > e->line_end) words = e->line_end;
        o->name = copy_trimmed(t->data + s->start + words, e->line_end - words, 120);
        if (o->name && !o->name[0]) {
            free(o->name);
            o->name = strdup("(empty)");
        }
        if (e->stamp.status != TS_NONE)
            o->detail = copy_trimmed(t->data + s->start + e->stamp.start, e->stamp.end - e->stamp.start, 60);
        else if (e->checkbox >= 0)
            o->detail = strdup(e->checkbox ? "done" : "open");
        o->kind = e->checkbox >= 0 ? SYM_BOOLEAN : SYM_EVENT;
        o->start = s->start + e->start;
        o->end = s->start + e->end;
        o->sel_start = s->start + e->text;
        o->sel_end = s->start + e->line_end;
        if (!o->name) return -1;
    }
    return 0;
}

int outline_build(const plan_t *p, const text_t *t, outline_t **items, size_t *n) {
    *items = NULL;
    *n = 0;
    outline_t *list = calloc(p->nsections, sizeof *list);
    if (!list) return -1;
    size_t count = 0;
    outline_t *title = NULL;
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        outline_t *o;
        if (title && i != p->title) {
            /* Sections nest under the title. */
            if (!title->children) title->children = calloc(p->nsections, sizeof *title->children);
            if (!title->children) break;
            o = &title->children[title->nchildren++];
        } else {
            o = &list[count++];
        }
        o->name = s->name_len ? copy_trimmed(t->data + s->start + s->name_start, s->name_len, 200)
                              : strdup("(untitled)");
        o->kind = i == p->title ? SYM_MODULE : SYM_STRING;
        o->start = s->start;
        o->end = skeleton_section_content_end(p, t, i);
        o->sel_start = s->start + s->name_start;
        o->sel_end = o->sel_start + s->name_len;
        if (s->match == SECTION_NEAR_MISS) o->detail = strdup(section_name(s->id));
        /* Lists under the title are prose, not plan entries. */
        if (!o->name || (i != p->title && build_entries(s, t, o) < 0)) {
            outline_free(list, count);
            return -1;
        }
        if (i == p->title) title = o;
    }
    if (title) title->end = t->len;
    *items = list;
    *n = count;
    return 0;
}

static int add_fold(fold_t **out, size_t *n, size_t *cap, size_t a, size_t b) {
    if (b <= a) return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        fold_t *f = realloc(*out, c * sizeof *f);
        if (!f) return -1;
        *out = f;
        *cap = c;
    }
    (*out)[(*n)++] = (fold_t){a, b};
    return 0;
}

int outline_folds(const plan_t *p, const text_t *t, fold_t **out, size_t *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        size_t first = text_line_of(t, s->start);
        if (add_fold(out, n, &cap, first, text_line_of(t, skeleton_section_content_end(p, t, i))) < 0) return -1;
        for (size_t k = 0; k < s->nentries; k++) {
            const plan_entry_t *e = &s->entries[k];
            if (add_fold(out, n, &cap, text_line_of(t, s->start + e->start), text_line_of(t, s->start + e->end)) < 0)
                return -1;
        }
    }
    return 0;
}

static void describe_age(strbuf_t *b, int64_t minutes) {
    if (minutes < 0) {
        sb_printf(b, "in the future (%lld minutes ahead: local time written as UTC?)", (long long)-minutes);
    } else if (minutes < 60) {
        sb_printf(b, "%lld minute%s ago", (long long)minutes, minutes == 1 ? "" : "s");
    } else if (minutes < 48 * 60) {
        sb_printf(b, "%lld hour%s ago", (long long)(minutes / 60), minutes / 60 == 1 ? "" : "s");
    } else {
        sb_printf(b, "%lld days ago", (long long)(minutes / (24 * 60)));
    }
}

char *outline_hover(const plan_t *p, size_t off, int64_t now, size_t *start, size_t *end) {
    size_t i = plan_section_at(p, off);
    const plan_section_t *s = &p->sections[i];
    strbuf_t b = {0};
    if (s->level > 0 && off < s->start + s->heading_len) {
        if (s->match == SECTION_NO_MATCH) return NULL;
        sb_printf(&b, "**%s**\n\n%s", section_name(s->id), section_help[s->id]);
        if (s->match == SECTION_NEAR_MISS) sb_printf(&b, "\n\nThe canonical heading is `## %s`.", section_name(s->id));
        *start = s->start + s->name_start;
        *end = *start + s->name_len;
        return sb_take(&b);
    }
    const timestamp_t *ts = NULL;
    size_t rel = off - s->start;
    for (size_t k = 0; k < s->nentries && !ts; k++) {
        const timestamp_t *x = &s->entries[k].stamp;
        if (x->status != TS_NONE && x->start <= rel && rel <= x->end) ts = x;
    }
    if (!ts && s->has_last_updated && s->last_updated.start <= rel && rel <= s->last_updated.end)
        ts = &s->last_updated;
    if (!ts || !ts->valid_time) return NULL;
    char canon[40];
    ts_format(ts->minutes, TS_STYLE_GUIDE, canon);
    sb_printf(&b, "%s: ", canon);
    describe_age(&b, now - ts->minutes);
    *start = s->start + ts->start;
    *end = s->start + ts->end;
    return sb_take(&b);
}
