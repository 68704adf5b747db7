/* complete.c: completion items by context: a section heading being typed, a
 * timestamp where an entry or footer starts, an entry skeleton. Each item
 * replaces exactly what was typed (and an auto-closed bracket after the
 * cursor), so accepting gives one well-formed result. */
#include "complete.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "edit.h"
#include "skeleton.h"
#include "strbuf.h"
#include "vec.h"
#include "writing_style.h"

enum { KIND_VALUE = 12, KIND_MODULE = 9, KIND_SNIPPET = 15 };

void completion_list_free(completion_list_t *l) {
    for (size_t i = 0; i < l->n; i++) {
        completion_t *c = &l->items[i];
        free(c->label);
        free(c->detail);
        free(c->filter);
        free(c->sort);
        free(c->text);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Adds an item; takes ownership of text. */
static int add(completion_list_t *l, const char *label, const char *detail, const char *filter, int kind, int snippet,
               size_t start, size_t end, char *text) {
    if (!text) return -1;
    if (VEC_RESERVE(l->items, l->cap, l->n + 1) < 0) {
        free(text);
        return -1;
    }
    char sort[16];
    snprintf(sort, sizeof sort, "%04zu", l->n); /* the order we add is the order to show */
    completion_t *c = &l->items[l->n++];
    c->label = strdup(label);
    c->detail = detail ? strdup(detail) : NULL;
    c->filter = filter ? strdup(filter) : NULL;
    c->sort = strdup(sort);
    c->kind = kind;
    c->snippet = snippet;
    c->start = start;
    c->end = end;
    c->text = text;
    return c->label && c->sort ? 0 : -1;
}

typedef struct {
    const plan_t *p;
    const text_t *t;
    size_t off, ls, le; /* cursor, its line's start and content end */
    const char *line;   /* t->data + ls */
    size_t col;         /* off - ls */
    int64_t now;
    int snippets;
    dialect_t d;
    completion_list_t *out;
} ctx_t;

static size_t skip_spaces(const char *s, size_t i, size_t n) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

/* Length of a list marker ("-", "*", "+", "1.", "1)") at s[i], or 0. */
static size_t list_marker(const char *s, size_t i, size_t n) {
    if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+')) return 1;
    size_t k = i;
    while (k < n && isdigit((unsigned char)s[k])) k++;
    if (k > i && k < n && (s[k] == '.' || s[k] == ')')) return k - i + 1;
    return 0;
}

/* ---- headings -------------------------------------------------------------- */

static int name_starts_with(const char *name, const char *typed, size_t n) {
    return ascii_prefix_ci(name, strlen(name), typed, n);
}

/* prefix: "# " or "## ", the heading's level. */
static int add_heading(ctx_t *c, const required_t *r, const char *prefix, size_t start, size_t end, int with_body) {
    strbuf_t b = {0};
    sb_printf(&b, "%s%s", prefix, r->name);
    if (with_body && r->id >= 0) {
        char *body = skeleton_entry(c->p, (section_id_t)r->id, c->now, c->snippets);
        if (body && body[0]) sb_printf(&b, "\n%s", body);
        free(body);
    }
    /* "## " whatever the level, so that both "# Dec" and "## Dec" match it. */
    char filter[200];
    snprintf(filter, sizeof filter, "## %s", r->name);
    return add(c->out, r->name, "section", filter, KIND_MODULE, c->snippets && with_body, start, end, sb_take(&b));
}

/* Offers section headings for [start, end), each starting with prefix.
 * typed is the name typed so far. Missing sections come first in order;
 * existing ones only when no missing one matches. */
static int offer_headings(ctx_t *c, const char *prefix, size_t start, size_t end, const char *typed, size_t ntyped,
                          int with_body) {
    required_t req[PLAN_MAX_REQUIRED];
    size_t n = plan_required(c->p, req);
    int present[PLAN_MAX_REQUIRED] = {0};
    size_t here = plan_section_at(c->p, c->off);
    for (size_t i = 1; i < c->p->nsections; i++) {
        const plan_section_t *s = &c->p->sections[i];
        int editing = i == here && c->off <= s->start + s->heading_len;
        int k = plan_required_index(c->p, req, n, i);
        if (k >= 0 && !editing) present[k] = 1;
    }
    int offered = 0;
    for (int pass = 0; pass < 2 && !offered; pass++) {
        for (size_t k = 0; k < n; k++) {
            if (present[k] != pass || !name_starts_with(req[k].name, typed, ntyped)) continue;
            if (add_heading(c, &req[k], prefix, start, end, with_body) < 0) return -1;
            offered++;
        }
    }
    return 0;
}

/* "#", "##", "## Dec": the whole line becomes the heading. */
static int heading_context(ctx_t *c, int *handled) {
    size_t i = skip_spaces(c->line, 0, c->col);
    if (i > 3 || i >= c->col || c->line[i] != '#') return 0;
    size_t h = i;
    while (h < c->col && c->line[h] == '#') h++;
    if (h - i > 2) return 0;
    size_t name = skip_spaces(c->line, h, c->col);
    if (name == h && name < c->col) return 0; /* "#x" is not a heading */
    *handled = 1;
    /* A new heading gets the section's skeleton and the level of the plan's
     * sections; renaming one that already names a section keeps its level
     * and gets no skeleton. */
    const plan_section_t *s = &c->p->sections[plan_section_at(c->p, c->off)];
    int renaming = s->start == c->ls && s->level > 0 && s->match != SECTION_NO_MATCH;
    const char *prefix = renaming ? (s->level == 1 ? "# " : "## ") : skeleton_heading_prefix(c->p);
    return offer_headings(c, prefix, c->ls + i, c->le, c->line + name, c->col - name, !renaming);
}

/* ---- stamps and entries ------------------------------------------------ */

static int is_stamp_char(char ch) { return isdigit((unsigned char)ch) || strchr("-: TUCZ", ch) != NULL; }

/* After the point where a stamp belongs (stamp_at), the user may have typed an
 * opening bracket and part of a stamp: replace all of it, and the closing
 * bracket the editor added after the cursor. */
static int offer_stamp(ctx_t *c, size_t stamp_at) {
    size_t k = stamp_at;
    if (k < c->col && (c->line[k] == '[' || c->line[k] == '(')) {
        char close = c->line[k] == '[' ? ']' : ')';
        for (size_t q = k + 1; q < c->col; q++)
            if (!is_stamp_char(c->line[q])) return 0;
        size_t end = c->off;
        if (end < c->le && c->t->data[end] == close) end++;
        char stamp[40];
        skeleton_stamp(c->p, c->now, stamp);
        strbuf_t b = {0};
        sb_add(&b, stamp);
        if (end >= c->le || c->t->data[end] != ' ') sb_add(&b, " ");
        return add(c->out, stamp, "now (UTC)", stamp, KIND_VALUE, 0, c->ls + k, end, sb_take(&b));
    }
    if (k != c->col) return 0;
    char stamp[40];
    skeleton_stamp(c->p, c->now, stamp);
    strbuf_t b = {0};
    sb_printf(&b, "%s ", stamp);
    return add(c->out, stamp, "now (UTC)", stamp, KIND_VALUE, 0, c->off, c->off, sb_take(&b));
}

static int checkbox_at(const char *s, size_t i, size_t n) {
    return i + 2 < n && s[i] == '[' && (s[i + 1] == ' ' || s[i + 1] == 'x' || s[i + 1] == 'X') && s[i + 2] == ']';
}

static int entry_skeleton(ctx_t *c, section_id_t id, size_t start, size_t end, const char *label) {
    char *text = skeleton_entry(c->p, id, c->now, c->snippets);
    return add(c->out, label, "entry", text ? text : "", KIND_SNIPPET, c->snippets, start, end, text);
}

static const char *entry_label(section_id_t id) {
    switch (id) {
    case SEC_TODO: return "To-do item";
    case SEC_PROGRESS: return "Progress entry";
    case SEC_SURPRISES: return "Surprise";
    case SEC_DECISIONS: return "Decision";
    default: return NULL;
    }
}

static int list_context(ctx_t *c, section_id_t id, int *handled) {
    size_t n = c->col;
    size_t i = skip_spaces(c->line, 0, n);
    size_t m = list_marker(c->line, i, n);
    if (!m || i + m >= n || c->line[i + m] != ' ') return 0;
    size_t body = skip_spaces(c->line, i + m, n);
    *handled = 1;
    int entries = id == SEC_PROGRESS || id == SEC_SURPRISES || id == SEC_DECISIONS;
    /* Checkboxes in To-do, and in Progress when the plan writes its steps so. */
    if (id == SEC_TODO || (id == SEC_PROGRESS && style_progress_checkbox(c->p))) {
        /* "- " or "- [" where a checkbox belongs. */
        if (body == n || (body + 1 == n && c->line[body] == '[')) {
            size_t end = c->off;
            if (body + 1 == n && end < c->le && c->t->data[end] == ']') end++;
            if (id == SEC_PROGRESS) {
                char stamp[40];
                skeleton_stamp(c->p, c->now, stamp);
                strbuf_t b = {0};
                sb_printf(&b, "[x] %s ", stamp);
                if (add(c->out, "[x] done, with the time", "completed step", "[x]", KIND_VALUE, 0, c->ls + body, end,
                        sb_take(&b)) < 0)
                    return -1;
                return add(c->out, "[ ] open step", "step still to do", "[ ]", KIND_VALUE, 0, c->ls + body, end,
                           strdup("[ ] "));
            }
            if (add(c->out, "[ ] task", "checkbox", "[ ]", KIND_VALUE, 0, c->ls + body, end, strdup("[ ] ")) < 0)
                return -1;
            return add(c->out, "[ ] ⏸️ blocked task", "blocked: give the reason", "[ ] blocked", KIND_SNIPPET,
                       c->snippets, c->ls + body, end,
                       strdup(c->snippets ? "[ ] ⏸️ ${1:task} (BLOCKED: ${2:reason})" : "[ ] ⏸️  (BLOCKED: )"));
        }
        if (checkbox_at(c->line, body, n)) {
            size_t after = body + 3;
            if (id == SEC_PROGRESS) return offer_stamp(c, skip_spaces(c->line, after, n));
            if (skip_spaces(c->line, after, n) == n && after < n)
                return add(c->out, "⏸️ blocked", "mark the task blocked", "⏸️", KIND_SNIPPET, c->snippets,
                           c->off, c->off,
                           strdup(c->snippets ? "⏸️ ${1:task} (BLOCKED: ${2:reason})" : "⏸️  (BLOCKED: )"));
        }
        return 0;
    }
    if (!entries) return 0;
    size_t at = body + ts_markers_end(c->line + body, n - body);
    /* Cookbook surprises and decisions are labelled, not stamped. */
    int stamped = c->d == DIALECT_GUIDE || id == SEC_PROGRESS;
    if (stamped && offer_stamp(c, at) < 0) return -1;
    /* Right after the marker, the whole entry with its sub-bullets is offered too. */
    if (body == n && id != SEC_PROGRESS) return entry_skeleton(c, id, c->ls + i, c->le, entry_label(id));
    return 0;
}

static int footer_context(ctx_t *c, int *handled) {
    static const char *const labels[] = {"**Last Updated**:", "**Created**:"};
    size_t i = skip_spaces(c->line, 0, c->col);
    for (size_t k = 0; k < 2; k++) {
        size_t len = strlen(labels[k]);
        if (c->col - i >= len && strncmp(c->line + i, labels[k], len) == 0) {
            *handled = 1;
            return offer_stamp(c, skip_spaces(c->line, i + len, c->col));
        }
    }
    return 0;
}

static int collect_completions(const plan_t *p, const text_t *t, size_t off, int64_t now, int snippets,
                               completion_list_t *out) {
    ctx_t c = {p, t, off, 0, 0, NULL, 0, now, snippets, p->dialect, out};
    size_t line = text_line_of(t, off);
    c.ls = text_line_start(t, line);
    c.le = text_line_end(t, line);
    if (off > c.le) c.off = off = c.le;
    c.line = t->data + c.ls;
    c.col = off - c.ls;
    int handled = 0;
    if (heading_context(&c, &handled) < 0) return -1;
    if (handled) return 0;
    if (footer_context(&c, &handled) < 0) return -1;
    if (handled) return 0;
    size_t i = plan_section_at(p, off);
    const plan_section_t *s = &p->sections[i];
    int known = s->level > 0 && s->match != SECTION_NO_MATCH;
    if (known && list_context(&c, s->id, &handled) < 0) return -1;
    if (handled) return 0;
    /* An empty line: the section's entry, then the sections still missing. */
    if (skip_spaces(c.line, 0, c.le - c.ls) == c.le - c.ls) {
        if (known && entry_label(s->id) && entry_skeleton(&c, s->id, off, off, entry_label(s->id)) < 0) return -1;
        return offer_headings(&c, skeleton_heading_prefix(p), off, off, "", 0, 1);
    }
    return 0;
}

int complete_at(const plan_t *p, const text_t *t, size_t off, int64_t now, int snippets, completion_list_t *out) {
    if (collect_completions(p, t, off, now, snippets, out) < 0) return -1;
    if (text_cr(t)) {
        for (size_t i = 0; i < out->n; i++) edit_text_to_cr(out->items[i].text);
        return 0;
    }
    if (!text_crlf(t)) return 0;
    /* The items write "\n"; a plan whose lines end with "\r\n" gets its own
     * line ending in every line an item inserts (a heading with its skeleton,
     * an entry with its sub-bullets). */
    for (size_t i = 0; i < out->n; i++) {
        char *crlf = edit_text_crlf(out->items[i].text);
        if (!crlf) return -1;
        free(out->items[i].text);
        out->items[i].text = crlf;
    }
    return 0;
}
