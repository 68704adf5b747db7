/* outline.c: the plan's outline (document symbols) and folding ranges. */
#include "outline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"
#include "vec.h"

enum { SYM_MODULE = 2, SYM_NAMESPACE = 3, SYM_STRING = 15, SYM_BOOLEAN = 17, SYM_EVENT = 24 };

/* A name for a span of the text: trimmed, at most max bytes, cut on a
 * character boundary. */
static void span_name(const char *s, size_t n, size_t max, const char **out, size_t *len) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    if (n > max) {
        /* Whole characters only; an invalid byte counts as one (a run of
         * stray continuation bytes must not cut the name to nothing). */
        const unsigned char *u = (const unsigned char *)s;
        size_t cut = 0;
        for (;;) {
            size_t l = utf8_len(u + cut, n - cut);
            if (!l) l = 1;
            if (cut + l > max) break;
            cut += l;
        }
        n = cut;
    }
    *out = s;
    *len = n;
}

/* The node of entry k of section s. */
static outline_node_t entry_node(const plan_section_t *s, size_t k, const text_t *t) {
    const plan_entry_t *e = &s->entries[k];
    outline_node_t o = {0};
    size_t words = e->stamp.status != TS_NONE ? e->stamp.end : e->checkbox >= 0 ? e->box + 3 : e->text;
    if (words > e->line_end) words = e->line_end;
    span_name(t->data + s->start + words, e->line_end - words, 120, &o.name, &o.name_len);
    if (!o.name_len) {
        o.name = "(empty)";
        o.name_len = 7;
    }
    if (e->stamp.status != TS_NONE) {
        span_name(t->data + s->start + e->stamp.start, e->stamp.end - e->stamp.start, 60, &o.detail, &o.detail_len);
    } else if (e->checkbox >= 0) {
        o.detail = e->checkbox ? "done" : "open";
        o.detail_len = 4;
    }
    o.kind = e->checkbox >= 0 ? SYM_BOOLEAN : SYM_EVENT;
    o.start = s->start + e->start;
    o.end = s->start + e->end;
    o.sel_start = s->start + e->text;
    o.sel_end = s->start + e->line_end;
    return o;
}

/* The node of section i (the title's spans the whole text). */
static outline_node_t section_node(const plan_t *p, size_t i, const text_t *t) {
    const plan_section_t *s = &p->sections[i];
    outline_node_t o = {0};
    if (s->name_len) {
        span_name(t->data + s->start + s->name_start, s->name_len, 200, &o.name, &o.name_len);
    } else {
        o.name = "(untitled)";
        o.name_len = 10;
    }
    o.kind = i == p->title ? SYM_MODULE : SYM_STRING;
    o.start = s->start;
    o.end = i == p->title ? t->len : plan_section_content_end(p, t, i);
    o.sel_start = s->start + s->name_start;
    o.sel_end = o.sel_start + s->name_len;
    if (s->match == SECTION_NEAR_MISS) {
        o.detail = section_name(s->id);
        o.detail_len = strlen(o.detail);
    }
    return o;
}

/* Steps of the walk; the cursor is (step, section, entry). */
enum { AT_SECTION = 0, AT_ENTRY, LEAVING_ENTRY, LEAVING_SECTION, LEAVING_TITLE, WALK_DONE };

void outline_iter_init(outline_iter_t *it) {
    it->step = AT_SECTION;
    it->section = 1;
    it->entry = 0;
}

int outline_next(outline_iter_t *it, const plan_t *p, const text_t *t, outline_node_t *node, int *event) {
    for (;;) {
        switch (it->step) {
        case AT_SECTION:
            if (it->section >= p->nsections) {
                it->step = LEAVING_TITLE;
                continue;
            }
            *node = section_node(p, it->section, t);
            *event = OUTLINE_ENTER;
            /* Sections nest under the title; lists under it are prose, not entries. */
            if (it->section == p->title) {
                it->section++;
            } else {
                it->step = AT_ENTRY;
                it->entry = 0;
            }
            return 1;
        case AT_ENTRY:
        case LEAVING_ENTRY: {
            const plan_section_t *s = &p->sections[it->section];
            if (it->entry >= s->nentries) {
                it->step = LEAVING_SECTION;
                continue;
            }
            *node = entry_node(s, it->entry, t);
            if (it->step == AT_ENTRY) {
                *event = OUTLINE_ENTER;
                it->step = LEAVING_ENTRY;
            } else {
                *event = OUTLINE_LEAVE;
                it->step = AT_ENTRY;
                it->entry++;
            }
            return 1;
        }
        case LEAVING_SECTION:
            *node = section_node(p, it->section, t);
            *event = OUTLINE_LEAVE;
            it->section++;
            it->step = AT_SECTION;
            return 1;
        case LEAVING_TITLE:
            it->step = WALK_DONE;
            if (!p->title) continue;
            *node = section_node(p, p->title, t);
            *event = OUTLINE_LEAVE;
            return 1;
        default: return 0;
        }
    }
}

static int add_fold(fold_t **out, size_t *n, size_t *cap, size_t a, size_t b) {
    if (b <= a) return 0;
    if (VEC_RESERVE(*out, *cap, *n + 1) < 0) return -1;
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
        if (add_fold(out, n, &cap, first, text_line_of(t, plan_section_content_end(p, t, i))) < 0) return -1;
        for (size_t k = 0; k < s->nentries; k++) {
            const plan_entry_t *e = &s->entries[k];
            if (add_fold(out, n, &cap, text_line_of(t, s->start + e->start), text_line_of(t, s->start + e->end)) < 0)
                return -1;
        }
    }
    return 0;
}
