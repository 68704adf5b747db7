/* plan_md.c: the only file that knows cmark-gfm. It reads Markdown into the
 * plan model's pieces (sections, their blocks and entries, the front matter);
 * plan.c decides what to read and splices the results in. See plan_md.h. */
#include "plan_md.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "entry_text.h"
#include "preamble.h"
#include "vec.h"

/* ---- front matter ------------------------------------------------------ */

/* Front matter only counts when it closes within this many lines: an opening
 * "---" with no end is a thematic break, as CommonMark says. */
#define FM_MAX_LINES 200

static int is_fence_line(const char *s, size_t n, const char *mark) {
    size_t k = strlen(mark);
    if (n < k || memcmp(s, mark, k) != 0) return 0;
    for (size_t i = k; i < n; i++)
        if (!ascii_is_blank(s[i])) return 0;
    return 1;
}

void md_read_front_matter(plan_t *p, const text_t *t) {
    p->fm_end = 0;
    p->fm_has_last_updated = 0;
    if (t->nlines < 2 || !is_fence_line(t->data, text_line_end(t, 0), "---")) return;
    for (size_t line = 1; line < t->nlines && line < FM_MAX_LINES; line++) {
        size_t a = text_line_start(t, line), b = text_line_end(t, line);
        const char *s = t->data + a;
        if (is_fence_line(s, b - a, "---") || is_fence_line(s, b - a, "...")) {
            p->fm_end = text_line_next(t, line);
            return;
        }
        if (ascii_starts_ci(s, b - a, "last_updated:")) {
            size_t v = a + strlen("last_updated:");
            while (v < b && (ascii_is_blank(t->data[v]) || t->data[v] == '"' || t->data[v] == '\'')) v++;
            timestamp_t ts;
            size_t e = v;
            while (e < b && !ascii_is_blank(t->data[e]) && t->data[e] != '"' && t->data[e] != '\'') e++;
            if (e > v && ts_parse(t->data + v, e - v, &ts) != TS_NONE && ts.status != TS_BAD) {
                p->fm_has_last_updated = 1;
                p->fm_lu_start = v;
                p->fm_lu_end = e;
                p->fm_last_updated = ts.minutes;
            } else if (e > v) {
                /* A date-only value is the normal form here; ts_parse calls it BAD. */
                int y, mo, d;
                if (e - v == 10 && sscanf(t->data + v, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
                    p->fm_has_last_updated = 1;
                    p->fm_lu_start = v;
                    p->fm_lu_end = e;
                    p->fm_last_updated = ts_minutes_from_civil(y, mo, d, 0, 0);
                }
            }
        }
    }
}

/* ---- sections ---------------------------------------------------------- */

void md_section_clear(plan_section_t *s) {
    free(s->entries);
    free(s->blocks);
    diag_list_free(&s->diags);
    for (size_t k = 0; k < s->path_diags.n; k++) free(s->missing[k]);
    free(s->missing);
    for (size_t k = 0; k < s->ncreated; k++) free(s->created[k]);
    free(s->created);
    diag_list_free(&s->path_diags);
    memset(s, 0, sizeof *s);
}

void md_section_init(plan_section_t *s, size_t start) {
    memset(s, 0, sizeof *s);
    s->start = start;
    s->custom = -1;
    s->max_stamp = INT64_MIN;
    diag_list_init(&s->diags);
}

static plan_section_t *vec_push(section_vec_t *v, size_t start) {
    if (VEC_RESERVE(v->items, v->cap, v->n + 1) < 0) return NULL;
    plan_section_t *s = &v->items[v->n++];
    md_section_init(s, start);
    return s;
}

void md_sections_free(section_vec_t *v) {
    for (size_t i = 0; i < v->n; i++) md_section_clear(&v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}

static int add_entry(plan_section_t *s, const plan_entry_t *e) {
    if (VEC_RESERVE(s->entries, s->entries_cap, s->nentries + 1) < 0) return -1;
    s->entries[s->nentries++] = *e;
    return 0;
}

/* Appends a block; b->start is relative to s. */
static int add_block(plan_section_t *s, const plan_block_t *b) {
    if (VEC_RESERVE(s->blocks, s->blocks_cap, s->nblocks + 1) < 0) return -1;
    s->blocks[s->nblocks++] = *b;
    return 0;
}

/* ---- reading blocks ---------------------------------------------------- */

typedef struct {
    const text_t *t;
    size_t base_line; /* document line of the chunk's first line */
    int lines;        /* lines the chunk spans (cmark numbers them from 1) */
} chunk_t;

/* The chunk of t's bytes [from, end). */
static chunk_t chunk_of(const text_t *t, size_t from, size_t end) {
    size_t base = text_line_of(t, from);
    return (chunk_t){t, base, (int)(text_line_of(t, end > from ? end - 1 : from) - base) + 1};
}

static size_t abs_line(const chunk_t *c, int cmark_line) {
    return c->base_line + (size_t)(cmark_line > 0 ? cmark_line - 1 : 0);
}

static void shift_stamp(timestamp_t *ts, size_t by) {
    ts->start += by;
    ts->end += by;
}

/* A setext underline: up to three spaces, then only '=' or only '-'. */
static int is_underline(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    if (i == n || (s[i] != '=' && s[i] != '-')) return 0;
    char mark = s[i];
    while (i < n && s[i] == mark) i++;
    while (i < n && ascii_is_blank(s[i])) i++;
    return i == n;
}

/* Equal after ASCII case folding and white space folding. */
static int same_name(const char *a, size_t n, const char *b) {
    size_t i = 0;
    while (i < n && ascii_is_blank(a[i])) i++;
    while (*b == ' ') b++;
    while (i < n && *b) {
        if (ascii_is_blank(a[i]) && *b == ' ') {
            while (i < n && ascii_is_blank(a[i])) i++;
            while (*b == ' ') b++;
            continue;
        }
        if (ascii_lower(a[i]) != ascii_lower(*b)) return 0;
        i++;
        b++;
    }
    while (i < n && ascii_is_blank(a[i])) i++;
    while (*b == ' ') b++;
    return i == n && !*b;
}

/* A team's own heading names (settings, or its plan guide) come first: one
 * that stands for a canonical section takes its id; one of the team's own
 * sections is remembered by its index. */
static void match_team_section(plan_section_t *s, const char *name, const config_t *cfg) {
    if (!cfg) return;
    for (size_t k = 0; k < cfg->nrequired; k++) {
        if (!same_name(name, s->name_len, cfg->required[k].name)) continue;
        if (cfg->required[k].id >= 0) {
            s->match = SECTION_EXACT;
            s->id = (section_id_t)cfg->required[k].id;
        } else {
            s->match = SECTION_NO_MATCH;
            s->custom = (int)k;
        }
        return;
    }
}

static void read_heading(plan_section_t *s, const chunk_t *c, cmark_node *node, int limit, const config_t *cfg) {
    const text_t *t = c->t;
    size_t first = abs_line(c, cmark_node_get_start_line(node));
    size_t last = abs_line(c, limit);
    size_t a = text_line_start(t, first), b = text_line_end(t, first);
    size_t p = a;
    while (p < b && p - a < 3 && t->data[p] == ' ') p++;
    s->level = cmark_node_get_heading_level(node);
    s->setext = !(p < b && t->data[p] == '#');
    if (!s->setext) last = first;
    for (size_t line = first + 1; s->setext && line < last; line++) {
        size_t la = text_line_start(t, line);
        if (is_underline(t->data + la, text_line_end(t, line) - la)) last = line;
    }
    s->heading_len = text_line_next(t, last) - s->start;
    if (s->setext) {
        /* The heading's text is every line but the underline. */
        size_t text_last = last > first ? last - 1 : first;
        size_t e = text_line_end(t, text_last);
        while (e > p && ascii_is_blank(t->data[e - 1])) e--;
        s->prefix_len = s->heading_len;
        s->name_start = p - s->start;
        s->name_len = e > p ? e - p : 0;
    } else {
        while (p < b && t->data[p] == '#') p++;
        while (p < b && ascii_is_blank(t->data[p])) p++;
        s->prefix_len = p - s->start;
        size_t e = b;
        while (e > p && ascii_is_blank(t->data[e - 1])) e--;
        /* A closing sequence of #s counts only after a space (or alone). */
        size_t h = e;
        while (h > p && t->data[h - 1] == '#') h--;
        if (h < e && (h == p || ascii_is_blank(t->data[h - 1]))) {
            e = h;
            while (e > p && ascii_is_blank(t->data[e - 1])) e--;
        }
        s->name_start = p - s->start;
        s->name_len = e - p;
    }
    s->match = section_match(t->data + s->start + s->name_start, s->name_len, &s->id);
    s->custom = -1;
    match_team_section(s, t->data + s->start + s->name_start, cfg);
}

/* What an entry's words say (entry_text.h), as ENTRY_* flags: text is the
 * first line after the marker (and stamp), item the whole item. */
static unsigned entry_words(const plan_section_t *s, const char *text, size_t n, const char *item, size_t item_n,
                            int sublines) {
    unsigned f = 0;
    size_t after;
    switch (entry_label(text, n, &after)) {
    case LABEL_HEAD: f |= ENTRY_LABELLED; break;
    case LABEL_RATIONALE: f |= ENTRY_LABELLED | ENTRY_PART | ENTRY_RATIONALE; break;
    case LABEL_DATE: f |= ENTRY_LABELLED | ENTRY_PART | ENTRY_DATED; break;
    case LABEL_DETAIL: f |= ENTRY_PART; break;
    case LABEL_NONE: break;
    }
    /* Only decisions owe a reason: the other sections skip the scan. */
    if (s->match != SECTION_NO_MATCH && s->id == SEC_DECISIONS && entry_gives_reason(item, item_n))
        f |= ENTRY_RATIONALE;
    if (!sublines && entry_is_placeholder(text + after, n - after)) f |= ENTRY_PLACEHOLDER;
    if (s->match != SECTION_NO_MATCH && (s->id == SEC_TODO || s->id == SEC_PROGRESS)) {
        const char *nl = memchr(item, '\n', item_n);
        if (entry_is_blocked(item, nl ? (size_t)(nl - item) : item_n)) f |= ENTRY_BLOCKED;
    }
    return f;
}

/* What a continuation line or sub-item adds: a reason or a date. */
static unsigned subline_words(const char *s, size_t n) {
    entry_label_t l = entry_label(s, n, NULL);
    return l == LABEL_RATIONALE ? ENTRY_RATIONALE : l == LABEL_DATE ? ENTRY_DATED : 0;
}

void md_count_entry(plan_section_t *s, const plan_entry_t *e) {
    if (e->stamp.status != TS_NONE) {
        if (e->stamp.style == TS_STYLE_GUIDE) s->stamps_guide++;
        if (e->stamp.style == TS_STYLE_COOKBOOK) s->stamps_cookbook++;
        if (e->stamp.valid_time && e->stamp.minutes > s->max_stamp) s->max_stamp = e->stamp.minutes;
    }
    s->labelled += (e->flags & ENTRY_LABELLED) != 0;
    s->steps += e->checkbox >= 0;
    s->checked += e->checkbox == 1;
    s->blocked += e->checkbox == 0 && (e->flags & ENTRY_BLOCKED);
}

static int add_read_entry(plan_section_t *s, const plan_entry_t *e) {
    md_count_entry(s, e);
    return add_entry(s, e);
}

/* Reads one top-level list item into an entry of s. */
static int read_item(plan_section_t *s, const chunk_t *c, cmark_node *item, int limit, unsigned list) {
    const text_t *t = c->t;
    size_t first = abs_line(c, cmark_node_get_start_line(item));
    size_t last = abs_line(c, limit);
    while (last > first && text_line_is_blank(t, last)) last--;
    size_t a = text_line_start(t, first), b = text_line_end(t, first);
    size_t p = a;
    while (p < b && ascii_is_blank(t->data[p])) p++;
    if (p < b && (t->data[p] == '-' || t->data[p] == '*' || t->data[p] == '+')) {
        p++;
    } else {
        while (p < b && isdigit((unsigned char)t->data[p])) p++;
        if (p < b && (t->data[p] == '.' || t->data[p] == ')')) p++;
    }
    while (p < b && ascii_is_blank(t->data[p])) p++;

    plan_entry_t e;
    memset(&e, 0, sizeof e);
    e.start = a - s->start;
    e.text = p - s->start;
    e.line_end = b - s->start;
    e.end = text_line_end(t, last) - s->start;
    e.checkbox = -1;
    e.list = list;
    /* The tasklist extension decides whether this is a task item; the source
     * gives us where its box is. */
    const char *type = cmark_node_get_type_string(item);
    if (type && strcmp(type, "tasklist") == 0 && p < b && t->data[p] == '[') {
        e.checkbox = cmark_gfm_extensions_get_tasklist_item_checked(item) ? 1 : 0;
        e.box = p - s->start;
    }
    ts_scan_entry(t->data + p, b - p, &e.stamp);
    size_t words = e.stamp.status != TS_NONE ? p + e.stamp.end : p;
    shift_stamp(&e.stamp, e.text);
    size_t item_end = text_line_end(t, last);
    e.flags = entry_words(s, t->data + words, b - words, t->data + p, item_end - p, last > first);
    for (size_t line = first + 1; line <= last; line++) {
        size_t la = text_line_start(t, line), lb = text_line_end(t, line);
        if (la == lb) continue;
        e.flags |= ENTRY_SUBITEMS | subline_words(t->data + la, lb - la);
    }
    return add_read_entry(s, &e);
}

static int is_comment_only(const char *s, size_t n) {
    while (n && (ascii_is_blank(*s) || *s == '\n' || *s == '\r')) s++, n--;
    while (n && (ascii_is_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    return n >= 7 && memcmp(s, "<!--", 4) == 0 && memcmp(s + n - 3, "-->", 3) == 0;
}

/* What read_block found. */
enum { READ_CONTENT = 1, READ_SPECIAL = 2, READ_STEPS = 4, READ_OOM = 8 };

/* A "[x] (2026-01-09 10:00Z) text" line of a Progress paragraph, [a, b):
 * an entry of the section, in a list of its own (ENTRY_UNLISTED). */
static int read_unlisted_step(plan_section_t *s, const text_t *t, size_t a, size_t b) {
    plan_entry_t e;
    memset(&e, 0, sizeof e);
    e.start = e.text = e.box = a - s->start;
    e.line_end = e.end = b - s->start;
    e.checkbox = t->data[a + 1] != ' ';
    e.list = s->nlists;
    ts_scan_entry(t->data + a, b - a, &e.stamp);
    size_t words = e.stamp.status != TS_NONE ? a + e.stamp.end : a + 3;
    shift_stamp(&e.stamp, e.text);
    e.flags = ENTRY_UNLISTED | entry_words(s, t->data + words, b - words, t->data + a, b - a, 0);
    return add_read_entry(s, &e);
}

/* Reads a paragraph line by line: footers, revision notes, the preamble.
 * READ_CONTENT: it is content (not only a footer); READ_SPECIAL: it set
 * something of the section's own (footer, revision note, preamble, guide). */
static unsigned read_paragraph(plan_section_t *s, const chunk_t *c, cmark_node *node, int limit) {
    const text_t *t = c->t;
    size_t first = abs_line(c, cmark_node_get_start_line(node));
    size_t last = abs_line(c, limit);
    unsigned found = 0;
    /* Progress steps written without a list marker are entries all the same. */
    int steps = s->level > 0 && s->match != SECTION_NO_MATCH && s->id == SEC_PROGRESS;
    /* The living-document line and the guide it names sit under the title:
     * the lead, an H1, or an H2 that names no section (a title written as H2). */
    int may_hold_preamble = s->level <= 1 || section_match_may_be_title(s->match);
    for (size_t line = first; line <= last; line++) {
        size_t a = text_line_start(t, line), b = text_line_end(t, line);
        while (a < b && ascii_is_blank(t->data[a])) a++;
        const char *l = t->data + a;
        size_t n = b - a;
        if (ascii_starts_ci(l, n, "**last updated**:") || ascii_starts_ci(l, n, "**last updated:**") ||
            ascii_starts_ci(l, n, "last updated:")) {
            const char *colon = memchr(l, ':', n);
            size_t v = (size_t)(colon - t->data) + 1;
            if (v < b && t->data[v] == '*') v += 2 <= b - v ? 2 : b - v;
            while (v < b && ascii_is_blank(t->data[v])) v++;
            timestamp_t ts;
            ts_scan_entry(t->data + v, b - v, &ts);
            shift_stamp(&ts, v - s->start);
            s->has_last_updated = 1;
            s->last_updated_line = a - s->start;
            s->last_updated = ts;
            found |= READ_SPECIAL;
            continue;
        }
        if (ascii_starts_ci(l, n, "**created**:") || ascii_starts_ci(l, n, "**created:**")) continue;
        if (steps && (ascii_starts_ci(l, n, "[x] ") || ascii_starts_ci(l, n, "[ ] "))) {
            if (read_unlisted_step(s, t, a, b) < 0) return READ_OOM;
            found |= READ_SPECIAL | READ_STEPS;
        }
        if (ascii_starts_ci(l, n, "revision note")) {
            s->revision_notes++;
            found |= READ_SPECIAL;
        }
        if (may_hold_preamble && !s->guide_ref_len) {
            /* "This plan follows `docs/process/PLANS.md`." names the guide. */
            for (const char *q = memchr(l, '`', n); q && !s->guide_ref_len;
                 q = memchr(q + 1, '`', n - (size_t)(q + 1 - l))) {
                const char *e = memchr(q + 1, '`', n - (size_t)(q + 1 - l));
                if (!e) break;
                size_t k = (size_t)(e - q - 1);
                if (k > 8 && k < 512 && memcmp(e - 8, "PLANS.md", 8) == 0) {
                    s->guide_ref = (size_t)(q + 1 - t->data) - s->start;
                    s->guide_ref_len = k;
                    found |= READ_SPECIAL;
                }
                q = e;
            }
        }
        if (s->preamble == PREAMBLE_NONE && may_hold_preamble) {
            preamble_t kind = preamble_is_guide(l, n)      ? PREAMBLE_GUIDE
                              : preamble_is_cookbook(l, n) ? PREAMBLE_COOKBOOK
                                                           : PREAMBLE_NONE;
            if (kind != PREAMBLE_NONE) {
                s->preamble = kind;
                s->preamble_start = a - s->start;
                s->preamble_end = b - s->start;
                found |= READ_SPECIAL;
            }
        }
        found |= READ_CONTENT;
    }
    return found;
}

static block_kind_t block_kind(cmark_node *node) {
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LIST) return BLOCK_LIST;
    int length, offset; /* cmark-gfm writes these unchecked */
    char fence;
    if (type == CMARK_NODE_CODE_BLOCK && !cmark_node_get_fenced(node, &length, &offset, &fence))
        return BLOCK_INDENTED_CODE;
    return BLOCK_OTHER;
}

/* Reads a top-level block other than a list or a level 1-2 heading into s
 * and records it in s->blocks. Returns 0 or -1 (OOM). */
static int read_block(plan_section_t *s, const chunk_t *c, cmark_node *node, int limit) {
    unsigned found = READ_CONTENT;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        found = read_paragraph(s, c, node, limit);
        if (found & READ_OOM) return -1;
        if (found & READ_STEPS) s->nlists++; /* its steps are a list of their own */
        break;
    case CMARK_NODE_THEMATIC_BREAK: found = 0; break;
    case CMARK_NODE_HTML_BLOCK: {
        const char *lit = cmark_node_get_literal(node);
        if (lit && is_comment_only(lit, strlen(lit))) found = 0;
        break;
    }
    default: break;
    }
    size_t start = text_line_start(c->t, abs_line(c, cmark_node_get_start_line(node)));
    plan_block_t b = {start - s->start, (unsigned char)block_kind(node), (found & READ_CONTENT) != 0,
                      (found & READ_SPECIAL) != 0};
    s->content_blocks += b.content;
    return add_block(s, &b);
}

/* The last line (cmark numbering) of a block: its own end, clipped to the
 * line before its next sibling and to the parent's last line. */
/* cmark's end lines overshoot at times (a setext heading followed by an ATX
 * one ends on the ATX line): every block ends at the latest on the line
 * before its next sibling, and a setext heading on its underline. */
static int last_line(cmark_node *node, int parent_last) {
    int end = cmark_node_get_end_line(node);
    cmark_node *next = cmark_node_next(node);
    if (next && cmark_node_get_start_line(next) - 1 < end) end = cmark_node_get_start_line(next) - 1;
    if (end > parent_last) end = parent_last;
    int start = cmark_node_get_start_line(node);
    return end < start ? start : end;
}

static cmark_syntax_extension *tasklist_extension(void) {
    static cmark_syntax_extension *ext;
    if (!ext) {
        cmark_gfm_core_extensions_ensure_registered();
        ext = cmark_find_syntax_extension("tasklist");
    }
    return ext;
}

/* cmark-gfm's block tree of bytes [from, to) of t (caller frees), counted
 * in stats; NULL on OOM. */
static cmark_node *parse_cmark(const text_t *t, size_t from, size_t to, plan_stats_t *stats) {
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (!parser) return NULL;
    cmark_syntax_extension *ext = tasklist_extension();
    if (ext) cmark_parser_attach_syntax_extension(parser, ext);
    cmark_parser_feed(parser, t->data + from, to - from);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    if (doc) stats->bytes_parsed += to - from;
    return doc;
}

/* Is the chunk sealed: does the seal line start a level 1-2 heading, or (when
 * allowed) a top-level list item? Then every block before it was closed
 * exactly as in a parse of the whole text. */
static int find_seal(cmark_node *doc, chunk_opts_t *o) {
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        int start = cmark_node_get_start_line(n);
        cmark_node_type type = cmark_node_get_type(n);
        if (start == o->seal_line && type == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 2) {
            o->next_cont_list = 0;
            return 1;
        }
        if (o->list_seal && type == CMARK_NODE_LIST) {
            cmark_node *last = cmark_node_last_child(n);
            if (last && cmark_node_get_start_line(last) == o->seal_line) {
                o->next_cont_list = start < o->seal_line;
                return 1;
            }
        }
        if (start >= o->seal_line) return 0;
    }
    return 0;
}

md_result_t md_read_chunk(const text_t *t, size_t from, size_t to, section_vec_t *out, chunk_opts_t *o,
                          plan_stats_t *stats, const config_t *cfg) {
    cmark_node *doc = parse_cmark(t, from, to, stats);
    if (!doc) return MD_OOM;
    if (o->seal_line && !find_seal(doc, o)) {
        cmark_node_free(doc);
        return MD_UNSEALED;
    }

    chunk_t c = chunk_of(t, from, to);
    int chunk_lines = c.lines;
    plan_section_t *cur = o->cont && out->n ? &out->items[out->n - 1] : NULL;
    int rc = MD_OK, first_list = o->cont_list;
    if (o->lead) {
        cur = vec_push(out, from);
        if (!cur) rc = -1;
    }
    for (cmark_node *node = cmark_node_first_child(doc); node && rc == 0; node = cmark_node_next(node)) {
        cmark_node_type type = cmark_node_get_type(node);
        int start = cmark_node_get_start_line(node);
        if (o->seal_line && start >= o->seal_line) break; /* the seal belongs to the next chunk */
        int limit = last_line(node, chunk_lines);
        if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) <= 2) {
            if (!cur && start != 1) {
                rc = MD_NO_HEADING;
                break;
            }
            cur = vec_push(out, text_line_start(t, abs_line(&c, start)));
            if (!cur) {
                rc = -1;
                break;
            }
            read_heading(cur, &c, node, limit, cfg);
            first_list = 0;
            continue;
        }
        if (!cur) {
            rc = MD_NO_HEADING;
            break;
        }
        cur->ends_with_list = type == CMARK_NODE_LIST;
        if (type == CMARK_NODE_LIST) {
            /* A list cut by a chunk boundary is one list of the section. */
            int continues = first_list && start == 1;
            unsigned list = continues && cur->nlists ? cur->nlists - 1 : cur->nlists;
            if (!continues || !cur->nlists) {
                plan_block_t b = {text_line_start(t, abs_line(&c, start)) - cur->start, BLOCK_LIST, 1, 0};
                cur->content_blocks++;
                cur->nlists++;
                if (add_block(cur, &b) < 0) rc = -1;
            }
            for (cmark_node *item = cmark_node_first_child(node); item && rc == 0; item = cmark_node_next(item)) {
                if (o->seal_line && cmark_node_get_start_line(item) >= o->seal_line) break;
                rc = read_item(cur, &c, item, last_line(item, limit), list);
            }
        } else {
            rc = read_block(cur, &c, node, limit);
        }
        first_list = 0;
    }
    if (!cur && rc == 0) rc = MD_NO_HEADING;
    cmark_node_free(doc);
    return (md_result_t)rc;
}

md_result_t md_read_items(const text_t *t, size_t from, size_t to, size_t until, int tail, unsigned list,
                          plan_stats_t *stats, plan_section_t *w) {
    cmark_node *doc = parse_cmark(t, from, until, stats);
    if (!doc) return MD_OOM;
    stats->partial_parses++;

    chunk_t c = chunk_of(t, from, until);
    int chunk_lines = c.lines;
    int seal_line = (int)(text_line_of(t, to) - c.base_line) + 1;
    cmark_node *lst = cmark_node_first_child(doc);
    cmark_node *after = lst ? cmark_node_next(lst) : NULL;
    /* One list, then (mid-list) nothing or (at the section's end) the next heading. */
    int ok = lst && cmark_node_get_type(lst) == CMARK_NODE_LIST && cmark_node_get_start_line(lst) == 1;
    if (ok && !tail) {
        cmark_node *last = cmark_node_last_child(lst);
        ok = !after && last && cmark_node_get_start_line(last) == seal_line;
    } else if (ok && until > to) {
        ok = after && !cmark_node_next(after) && cmark_node_get_type(after) == CMARK_NODE_HEADING &&
             cmark_node_get_heading_level(after) <= 2 && cmark_node_get_start_line(after) == seal_line;
    } else if (ok) {
        ok = !after;
    }
    int rc = ok ? 0 : MD_UNSEALED;
    int limit = ok ? last_line(lst, chunk_lines) : 0;
    for (cmark_node *item = ok ? cmark_node_first_child(lst) : NULL; item && rc == 0; item = cmark_node_next(item)) {
        if (!tail && !cmark_node_next(item)) break; /* the sealing item belongs to the next window */
        rc = read_item(w, &c, item, last_line(item, limit), list);
    }
    cmark_node_free(doc);
    return (md_result_t)rc;
}

md_result_t md_read_blocks(const text_t *t, size_t from, size_t to, size_t until, int tail, block_kind_t seal_kind,
                           plan_stats_t *stats, plan_section_t *w) {
    cmark_node *doc = parse_cmark(t, from, until, stats);
    if (!doc) return MD_OOM;
    stats->partial_parses++;
    chunk_t c = chunk_of(t, from, until);
    int chunk_lines = c.lines;
    int seal_line = until > to ? (int)(text_line_of(t, to) - c.base_line) + 1 : 0;
    /* Blocks only, then the seal: a node of its own on the seal line. */
    int ok = 1, sealed = !seal_line;
    for (cmark_node *n = cmark_node_first_child(doc); n && ok; n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        int heading2 = type == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 2;
        if (seal_line && cmark_node_get_start_line(n) >= seal_line) {
            ok = cmark_node_get_start_line(n) == seal_line && !cmark_node_next(n) &&
                 (tail ? heading2 : block_kind(n) == seal_kind && !heading2);
            sealed = 1;
            break;
        }
        ok = type != CMARK_NODE_LIST && !heading2;
    }
    int rc = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n && ok && sealed && rc == 0; n = cmark_node_next(n)) {
        if (seal_line && cmark_node_get_start_line(n) >= seal_line) break;
        rc = read_block(w, &c, n, last_line(n, seal_line ? seal_line - 1 : chunk_lines));
    }
    cmark_node_free(doc);
    if (rc < 0) return MD_OOM;
    for (size_t k = 0; k < w->nblocks; k++) ok = ok && !w->blocks[k].special;
    /* At the section's end the last block decides ends_with_list. */
    if (tail && !w->nblocks) ok = 0;
    return ok && sealed ? MD_OK : MD_UNSEALED;
}

void md_prepare_threads(void) { tasklist_extension(); }
