/* plan.c: builds the plan model from cmark-gfm's block tree, a window of
 * sections at a time. The only file that knows cmark-gfm. */
#include "plan.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "vec.h"

/* ---- small text helpers ------------------------------------------------ */

static int is_blank_char(char c) { return c == ' ' || c == '\t'; }

static int starts_with_ci(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)prefix[i])) return 0;
    return 1;
}

static int contains_ci(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (starts_with_ci(s + i, n - i, needle)) return 1;
    return 0;
}

/* ---- front matter ------------------------------------------------------ */

/* Front matter only counts when it closes within this many lines: an opening
 * "---" with no end is a thematic break, as CommonMark says. */
#define FM_MAX_LINES 200

static int is_fence_line(const char *s, size_t n, const char *mark) {
    size_t k = strlen(mark);
    if (n < k || memcmp(s, mark, k) != 0) return 0;
    for (size_t i = k; i < n; i++)
        if (!is_blank_char(s[i])) return 0;
    return 1;
}

static void detect_front_matter(plan_t *p, const text_t *t) {
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
        if (starts_with_ci(s, b - a, "last_updated:")) {
            size_t v = a + strlen("last_updated:");
            while (v < b && (is_blank_char(t->data[v]) || t->data[v] == '"' || t->data[v] == '\''))
                v++;
            timestamp_t ts;
            size_t e = v;
            while (e < b && !is_blank_char(t->data[e]) && t->data[e] != '"' && t->data[e] != '\'') e++;
            if (e > v && ts_parse(t->data + v, e - v, &ts) != TS_NONE &&
                ts.status != TS_BAD) {
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

static void section_clear(plan_section_t *s) {
    free(s->entries);
    free(s->blocks);
    diag_list_free(&s->diags);
    memset(s, 0, sizeof *s);
}

static void section_init(plan_section_t *s, size_t start) {
    memset(s, 0, sizeof *s);
    s->start = start;
    s->custom = -1;
    s->max_stamp = INT64_MIN;
    diag_list_init(&s->diags);
}

typedef struct {
    plan_section_t *items;
    size_t n, cap;
} section_vec_t;

static plan_section_t *vec_push(section_vec_t *v, size_t start) {
    if (VEC_RESERVE(v->items, v->cap, v->n + 1) < 0) return NULL;
    plan_section_t *s = &v->items[v->n++];
    section_init(s, start);
    return s;
}

static void vec_free(section_vec_t *v) {
    for (size_t i = 0; i < v->n; i++) section_clear(&v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}

/* An entries array holding n entries has room for entries_capacity(n): the
 * capacity is implicit (powers of two from 8), so appends stay amortised O(1). */
static size_t entries_capacity(size_t n) {
    size_t cap = 8;
    while (cap < n) cap *= 2;
    return cap;
}

static int add_entry(plan_section_t *s, const plan_entry_t *e) {
    size_t n = s->nentries;
    if (n == 0 || n == entries_capacity(n)) {
        plan_entry_t *entries = realloc(s->entries, entries_capacity(n + 1) * sizeof *entries);
        if (!entries) return -1;
        s->entries = entries;
    }
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
} chunk_t;

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
    while (i < n && is_blank_char(s[i])) i++;
    return i == n;
}

/* cmark's end lines overshoot at times (a setext heading followed by an ATX
 * one ends on the ATX line): every block ends at the latest on the line
 * before its next sibling, and a setext heading on its underline. */
/* Equal after ASCII case folding and white space folding. */
static int same_name(const char *a, size_t n, const char *b) {
    size_t i = 0;
    while (i < n && is_blank_char(a[i])) i++;
    while (*b == ' ') b++;
    while (i < n && *b) {
        if (is_blank_char(a[i]) && *b == ' ') {
            while (i < n && is_blank_char(a[i])) i++;
            while (*b == ' ') b++;
            continue;
        }
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)*b)) return 0;
        i++;
        b++;
    }
    while (i < n && is_blank_char(a[i])) i++;
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

static void read_heading(plan_section_t *s, const chunk_t *c, cmark_node *node, int limit,
                         const config_t *cfg) {
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
        while (e > p && is_blank_char(t->data[e - 1])) e--;
        s->prefix_len = s->heading_len;
        s->name_start = p - s->start;
        s->name_len = e > p ? e - p : 0;
    } else {
        while (p < b && t->data[p] == '#') p++;
        while (p < b && is_blank_char(t->data[p])) p++;
        s->prefix_len = p - s->start;
        size_t e = b;
        while (e > p && is_blank_char(t->data[e - 1])) e--;
        /* A closing sequence of #s counts only after a space (or alone). */
        size_t h = e;
        while (h > p && t->data[h - 1] == '#') h--;
        if (h < e && (h == p || is_blank_char(t->data[h - 1]))) {
            e = h;
            while (e > p && is_blank_char(t->data[e - 1])) e--;
        }
        s->name_start = p - s->start;
        s->name_len = e - p;
    }
    s->match = section_match(t->data + s->start + s->name_start, s->name_len, &s->id);
    s->custom = -1;
    match_team_section(s, t->data + s->start + s->name_start, cfg);
}

/* Sub-lines of an entry that give its reasons. */
static int line_is_rationale(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && (is_blank_char(s[i]) || s[i] == '-' || s[i] == '*' || s[i] == '+')) i++;
    return starts_with_ci(s + i, n - i, "rationale") || starts_with_ci(s + i, n - i, "**rationale");
}

static int is_blank_line(const text_t *t, size_t line) {
    for (size_t i = text_line_start(t, line), e = text_line_end(t, line); i < e; i++)
        if (!is_blank_char(t->data[i])) return 0;
    return 1;
}

/* Reads one top-level list item into an entry of s. */
static int read_item(plan_section_t *s, const chunk_t *c, cmark_node *item, int limit, unsigned list) {
    const text_t *t = c->t;
    size_t first = abs_line(c, cmark_node_get_start_line(item));
    size_t last = abs_line(c, limit);
    while (last > first && is_blank_line(t, last)) last--;
    size_t a = text_line_start(t, first), b = text_line_end(t, first);
    size_t p = a;
    while (p < b && is_blank_char(t->data[p])) p++;
    if (p < b && (t->data[p] == '-' || t->data[p] == '*' || t->data[p] == '+')) {
        p++;
    } else {
        while (p < b && isdigit((unsigned char)t->data[p])) p++;
        if (p < b && (t->data[p] == '.' || t->data[p] == ')')) p++;
    }
    while (p < b && is_blank_char(t->data[p])) p++;

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
    shift_stamp(&e.stamp, e.text);
    if (e.stamp.status != TS_NONE) {
        if (e.stamp.style == TS_STYLE_GUIDE) s->stamps_guide++;
        if (e.stamp.style == TS_STYLE_COOKBOOK) s->stamps_cookbook++;
        if (e.stamp.valid_time && e.stamp.minutes > s->max_stamp) s->max_stamp = e.stamp.minutes;
    }
    if (contains_ci(t->data + p, b - p, "because") || contains_ci(t->data + p, b - p, "rationale"))
        e.flags |= ENTRY_RATIONALE;
    for (size_t line = first + 1; line <= last; line++) {
        size_t la = text_line_start(t, line), lb = text_line_end(t, line);
        if (la == lb) continue;
        e.flags |= ENTRY_SUBITEMS;
        if (line_is_rationale(t->data + la, lb - la)) e.flags |= ENTRY_RATIONALE;
    }
    return add_entry(s, &e);
}

static int is_comment_only(const char *s, size_t n) {
    while (n && (is_blank_char(*s) || *s == '\n' || *s == '\r')) s++, n--;
    while (n && (is_blank_char(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    return n >= 7 && memcmp(s, "<!--", 4) == 0 && memcmp(s + n - 3, "-->", 3) == 0;
}

static int is_preamble_guide(const char *s, size_t n) {
    return starts_with_ci(s, n, "keep progress") && contains_ci(s, n, "current");
}

static int is_preamble_cookbook(const char *s, size_t n) {
    return contains_ci(s, n, "is a living document");
}

/* What read_block found. */
enum { READ_CONTENT = 1, READ_SPECIAL = 2 };

/* Reads a paragraph line by line: footers, revision notes, the preamble.
 * READ_CONTENT: it is content (not only a footer); READ_SPECIAL: it set
 * something of the section's own (footer, revision note, preamble, guide). */
static unsigned read_paragraph(plan_section_t *s, const chunk_t *c, cmark_node *node, int limit) {
    const text_t *t = c->t;
    size_t first = abs_line(c, cmark_node_get_start_line(node));
    size_t last = abs_line(c, limit);
    unsigned found = 0;
    for (size_t line = first; line <= last; line++) {
        size_t a = text_line_start(t, line), b = text_line_end(t, line);
        while (a < b && is_blank_char(t->data[a])) a++;
        const char *l = t->data + a;
        size_t n = b - a;
        if (starts_with_ci(l, n, "**last updated**:") || starts_with_ci(l, n, "**last updated:**") ||
            starts_with_ci(l, n, "last updated:")) {
            const char *colon = memchr(l, ':', n);
            size_t v = (size_t)(colon - t->data) + 1;
            if (v < b && t->data[v] == '*') v += 2 <= b - v ? 2 : b - v;
            while (v < b && is_blank_char(t->data[v])) v++;
            timestamp_t ts;
            ts_scan_entry(t->data + v, b - v, &ts);
            shift_stamp(&ts, v - s->start);
            s->has_last_updated = 1;
            s->last_updated_line = a - s->start;
            s->last_updated = ts;
            found |= READ_SPECIAL;
            continue;
        }
        if (starts_with_ci(l, n, "**created**:") || starts_with_ci(l, n, "**created:**")) continue;
        if (starts_with_ci(l, n, "revision note")) {
            s->revision_notes++;
            found |= READ_SPECIAL;
        }
        if ((s->level == 1 || s->level == 0) && !s->guide_ref_len) {
            /* "This plan follows `docs/process/PLANS.md`." names the guide. */
            for (const char *q = memchr(l, '`', n); q && !s->guide_ref_len; q = memchr(q + 1, '`', n - (size_t)(q + 1 - l))) {
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
        if (s->preamble == PREAMBLE_NONE && (s->level == 1 || s->level == 0)) {
            preamble_t kind = is_preamble_guide(l, n) ? PREAMBLE_GUIDE
                              : is_preamble_cookbook(l, n) ? PREAMBLE_COOKBOOK : PREAMBLE_NONE;
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
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        found = 0;
        break;
    case CMARK_NODE_HTML_BLOCK: {
        const char *lit = cmark_node_get_literal(node);
        if (lit && is_comment_only(lit, strlen(lit))) found = 0;
        break;
    }
    default:
        break;
    }
    size_t start = text_line_start(c->t, abs_line(c, cmark_node_get_start_line(node)));
    plan_block_t b = {start - s->start, (unsigned char)block_kind(node), (found & READ_CONTENT) != 0,
                      (found & READ_SPECIAL) != 0};
    s->content_blocks += b.content;
    return add_block(s, &b);
}

/* The last line (cmark numbering) of a block: its own end, clipped to the
 * line before its next sibling and to the parent's last line. */
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

/* How a chunk of text fits the parse around it. */
typedef struct {
    int lead;        /* the chunk starts the document (after front matter): it opens the lead */
    int cont;        /* the chunk continues the last section of out */
    int cont_list;   /* its first list continues that section's last list */
    int seal_line;   /* > 0: this line (cmark numbering) must start a block the chunk does not read */
    int list_seal;   /* a list item may seal, not only a level 1-2 heading */
    int next_cont_list; /* out: the sealing item continues the chunk's last list */
} chunk_opts_t;

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

/* Parses bytes [from, to) of t, which start at a line start, into sections
 * appended to out (or continuing its last one). Without lead or cont the
 * chunk must start with a section heading. Returns 0, -1 on OOM, 1 when the
 * chunk does not start with a heading although it should, 2 when it is not
 * sealed (nothing was read). */
static int parse_chunk(const text_t *t, size_t from, size_t to, section_vec_t *out, chunk_opts_t *o,
                       plan_stats_t *stats, const config_t *cfg) {
    cmark_node *doc = parse_cmark(t, from, to, stats);
    if (!doc) return -1;
    if (o->seal_line && !find_seal(doc, o)) {
        cmark_node_free(doc);
        return 2;
    }

    chunk_t c = {t, text_line_of(t, from)};
    int chunk_lines = (int)(text_line_of(t, to > from ? to - 1 : from) - c.base_line) + 1;
    plan_section_t *cur = o->cont && out->n ? &out->items[out->n - 1] : NULL;
    int rc = 0, first_list = o->cont_list;
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
            if (!cur && start != 1) { rc = 1; break; }
            cur = vec_push(out, text_line_start(t, abs_line(&c, start)));
            if (!cur) { rc = -1; break; }
            read_heading(cur, &c, node, limit, cfg);
            first_list = 0;
            continue;
        }
        if (!cur) { rc = 1; break; }
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
    if (!cur && rc == 0) rc = 1;
    cmark_node_free(doc);
    return rc;
}

/* ---- the model --------------------------------------------------------- */

void plan_prepare_threads(void) { tasklist_extension(); }

void plan_init(plan_t *p) { memset(p, 0, sizeof *p); }

static void drop_sections(plan_t *p) {
    for (size_t i = 0; i < p->nsections; i++) section_clear(&p->sections[i]);
    free(p->sections);
    p->sections = NULL;
    p->nsections = p->cap = 0;
}

void plan_free(plan_t *p) {
    drop_sections(p);
    memset(p, 0, sizeof *p);
}

static void update_title(plan_t *p) {
    p->title = 0;
    /* The title is the document's first heading when it is an H1 that names
     * no section. */
    if (p->nsections > 1 && p->sections[1].level == 1 && p->sections[1].match == SECTION_NO_MATCH &&
        p->sections[1].custom < 0)
        p->title = 1;
}

static void update_dialect(plan_t *p) {
    dialect_t d = DIALECT_GUIDE;
    if (p->config && p->config->dialect >= 0) {
        d = (dialect_t)p->config->dialect;
    } else {
        unsigned guide = 0, cookbook = 0;
        for (size_t i = 0; i < p->nsections; i++) {
            const plan_section_t *s = &p->sections[i];
            guide += s->stamps_guide;
            cookbook += s->stamps_cookbook + 2 * s->revision_notes;
            if (s->preamble == PREAMBLE_GUIDE) guide += 5;
            if (s->preamble == PREAMBLE_COOKBOOK) cookbook += 5;
            if (s->level > 0 && s->match != SECTION_NO_MATCH && s->id == SEC_TODO) guide += 5;
        }
        if (cookbook > guide) d = DIALECT_COOKBOOK;
    }
    p->dialect = d;
}

static void after_parse(plan_t *p) {
    update_title(p);
    update_dialect(p);
    p->dirty = 0;
}

/* A full parse reads the document in slices of about this size, cut where a
 * heading or a top-level list item starts, so cmark-gfm's tree (ten times the
 * text) never holds more than a slice. */
#define SLICE_BYTES 65536

/* The first line at or after off that may start a slice: a level 1-2 ATX
 * heading or a list item, at the start of the line. t->len when none. */
static size_t next_boundary(const text_t *t, size_t off) {
    for (size_t line = text_line_of(t, off); line < t->nlines; line++) {
        size_t a = text_line_start(t, line), b = text_line_end(t, line);
        const char *l = t->data + a;
        size_t n = b - a, i = 0;
        if (a < off) continue;
        if (n >= 2 && l[0] == '#' && (l[1] == ' ' || (l[1] == '#' && n >= 3 && l[2] == ' '))) return a;
        if (n >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && l[1] == ' ') return a;
        while (i < n && i < 9 && isdigit((unsigned char)l[i])) i++;
        if (i && i + 1 < n && (l[i] == '.' || l[i] == ')') && l[i + 1] == ' ') return a;
    }
    return t->len;
}

int plan_parse(plan_t *p, const text_t *t) {
    drop_sections(p);
    p->dirty = 0;
    detect_front_matter(p, t);
    p->stats.full_parses++;
    section_vec_t v = {0};
    size_t pos = p->fm_end;
    int cont_list = 0, rc = 0;
    while (rc == 0) {
        /* Grow the slice from boundary to boundary until it is sealed. */
        size_t slice = p->slice_bytes ? p->slice_bytes : SLICE_BYTES;
        size_t cut = slice < t->len - pos ? next_boundary(t, pos + slice) : t->len;
        for (;;) {
            chunk_opts_t o = {v.n == 0, v.n > 0, cont_list, 0, 1, 0};
            size_t until = t->len;
            if (cut < t->len) {
                o.seal_line = (int)(text_line_of(t, cut) - text_line_of(t, pos)) + 1;
                until = text_line_next(t, text_line_of(t, cut));
            }
            rc = parse_chunk(t, pos, until, &v, &o, &p->stats, p->config);
            if (rc == 2) {
                cut = next_boundary(t, until);
                continue;
            }
            cont_list = o.next_cont_list;
            break;
        }
        if (rc || cut >= t->len) break;
        pos = cut;
    }
    if (rc < 0) {
        vec_free(&v);
        p->dirty = 1; /* try again on the next update */
        p->dirty_lo = 0;
        p->dirty_hi = t->len;
        return -1;
    }
    p->sections = v.items;
    p->nsections = v.n;
    p->cap = v.cap;
    after_parse(p);
    return 0;
}

static size_t map_offset(size_t x, size_t start, size_t old_end, size_t new_len) {
    if (x <= start) return x;
    if (x >= old_end) return x - (old_end - start) + new_len;
    return start + new_len;
}

/* An edit inside one section's body moves the offsets (relative to the
 * section) that follow it: entries, footer, preamble. Keeping them current
 * lets an update re-parse only the entries the edit touched. */
static void shift_inside(plan_section_t *s, size_t start, size_t old_end, size_t new_len) {
    size_t a = start - s->start, b = old_end - s->start;
#define MAP(x) ((x) = map_offset((x), a, b, new_len))
    for (size_t k = 0; k < s->nentries; k++) {
        plan_entry_t *e = &s->entries[k];
        if (e->end < a) continue;
        MAP(e->start);
        MAP(e->text);
        MAP(e->line_end);
        MAP(e->end);
        MAP(e->box);
        MAP(e->stamp.start);
        MAP(e->stamp.end);
    }
    for (size_t k = s->nblocks; k-- > 0 && s->blocks[k].start >= a;) MAP(s->blocks[k].start);
    MAP(s->preamble_start);
    MAP(s->preamble_end);
    MAP(s->guide_ref);
    MAP(s->last_updated_line);
    MAP(s->last_updated.start);
    MAP(s->last_updated.end);
#undef MAP
}

/* Pending edits further apart than this are parsed separately. */
#define DIRTY_GAP 4096

int plan_prepare_edit(plan_t *p, const text_t *t, size_t start, size_t old_end) {
    if (p->dirty && (start > p->dirty_hi + DIRTY_GAP || old_end + DIRTY_GAP < p->dirty_lo)) return plan_update(p, t);
    return 0;
}

void plan_note_edit(plan_t *p, size_t start, size_t old_end, size_t new_len) {
    if (p->nsections) {
        size_t i = plan_section_at(p, start);
        plan_section_t *s = &p->sections[i];
        size_t body = s->start + s->heading_len;
        size_t end = i + 1 < p->nsections ? p->sections[i + 1].start : SIZE_MAX;
        if (start >= body && old_end < end) shift_inside(s, start, old_end, new_len);
    }
    for (size_t i = 0; i < p->nsections; i++) {
        plan_section_t *s = &p->sections[i];
        s->start = map_offset(s->start, start, old_end, new_len);
    }
    if (p->fm_has_last_updated) {
        p->fm_lu_start = map_offset(p->fm_lu_start, start, old_end, new_len);
        p->fm_lu_end = map_offset(p->fm_lu_end, start, old_end, new_len);
    }
    if (!p->dirty) {
        p->dirty = 1;
        p->dirty_lo = start;
        p->dirty_hi = start + new_len;
        return;
    }
    size_t lo = map_offset(p->dirty_lo, start, old_end, new_len);
    size_t hi = map_offset(p->dirty_hi, start, old_end, new_len);
    p->dirty_lo = lo < start ? lo : start;
    p->dirty_hi = hi > start + new_len ? hi : start + new_len;
}

size_t plan_section_at(const plan_t *p, size_t off) {
    size_t lo = 0, hi = p->nsections;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->sections[mid].start <= off) lo = mid;
        else hi = mid;
    }
    return lo;
}

size_t plan_section_end(const plan_t *p, size_t i, const text_t *t) {
    return i + 1 < p->nsections ? p->sections[i + 1].start : t->len;
}

/* Replaces sections [i, j] with the parsed ones. */
static int splice(plan_t *p, size_t i, size_t j, section_vec_t *v) {
    size_t old = j - i + 1, n = p->nsections - old + v->n;
    if (VEC_RESERVE(p->sections, p->cap, n) < 0) return -1;
    for (size_t k = i; k <= j; k++) section_clear(&p->sections[k]);
    memmove(&p->sections[i + v->n], &p->sections[j + 1], (p->nsections - j - 1) * sizeof *p->sections);
    memcpy(&p->sections[i], v->items, v->n * sizeof *v->items);
    p->nsections = n;
    free(v->items);
    memset(v, 0, sizeof *v);
    return 0;
}

/* Sums what a section knows from its entries, after some were replaced. */
static void recount_entries(plan_section_t *s) {
    s->stamps_guide = s->stamps_cookbook = 0;
    s->max_stamp = INT64_MIN;
    for (size_t k = 0; k < s->nentries; k++) {
        const timestamp_t *ts = &s->entries[k].stamp;
        if (ts->status == TS_NONE) continue;
        s->stamps_guide += ts->style == TS_STYLE_GUIDE;
        s->stamps_cookbook += ts->style == TS_STYLE_COOKBOOK;
        if (ts->valid_time && ts->minutes > s->max_stamp) s->max_stamp = ts->minutes;
    }
}

static size_t last_entry_at_or_before(const plan_section_t *s, size_t rel) {
    size_t lo = 0, hi = s->nentries; /* first entry starting after rel */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->entries[mid].start <= rel) lo = mid + 1;
        else hi = mid;
    }
    return lo; /* count of entries at or before rel: the one before is lo - 1 */
}

/* The fine-grained path: an edit inside one list of one section re-parses
 * only the items it touched, from the start of the first to the start of the
 * next untouched item of the same list (or the section's end when the list
 * ends the section). The window is sealed when that next item still starts an
 * item of the same, single list. Returns 1 when done, 0 when the section path
 * must run, -1 on OOM. */
static int update_entries(plan_t *p, const text_t *t) {
    size_t i = plan_section_at(p, p->dirty_lo);
    plan_section_t *s = &p->sections[i];
    size_t end = plan_section_end(p, i, t);
    if (p->dirty_lo < s->start + s->heading_len || p->dirty_hi >= end || !s->nentries) return 0;
    /* The item holding the edit's first byte. An item that starts on that
     * byte may be one the edit deleted (it sits on the edit's offset now):
     * the window then starts at the item before. */
    size_t lo = p->dirty_lo - s->start; /* > 0 but in the lead, which has no heading */
    size_t k = lo ? last_entry_at_or_before(s, lo - 1) : 0;
    if (k == 0) return 0;
    k--;
    /* Touching an item's marker may join it to the item above. */
    if (p->dirty_lo < s->start + s->entries[k].text) {
        if (k == 0 || s->entries[k - 1].list != s->entries[k].list) return 0;
        k--;
    }
    size_t m = last_entry_at_or_before(s, p->dirty_hi - s->start) - 1;
    unsigned list = s->entries[k].list;
    if (s->entries[m].list != list) return 0;
    int tail = !(m + 1 < s->nentries && s->entries[m + 1].list == list);
    if (tail && !(s->ends_with_list && list + 1 == s->nlists)) return 0;
    if (tail && i + 1 < p->nsections && p->sections[i + 1].setext) return 0;

    size_t from = s->start + s->entries[k].start;
    size_t to = tail ? end : s->start + s->entries[m + 1].start;
    size_t until = to < t->len ? text_line_next(t, text_line_of(t, to)) : to;
    cmark_node *doc = parse_cmark(t, from, until, &p->stats);
    if (!doc) return -1;
    p->stats.partial_parses++;

    chunk_t c = {t, text_line_of(t, from)};
    int chunk_lines = (int)(text_line_of(t, until > from ? until - 1 : from) - c.base_line) + 1;
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
    if (!ok) {
        cmark_node_free(doc);
        return 0;
    }

    /* Read the window's items into a scratch section anchored like s. */
    plan_section_t w;
    section_init(&w, s->start);
    int limit = last_line(lst, chunk_lines);
    int rc = 0;
    for (cmark_node *item = cmark_node_first_child(lst); item && rc == 0; item = cmark_node_next(item)) {
        if (!tail && !cmark_node_next(item)) break; /* the sealing item belongs to the next window */
        rc = read_item(&w, &c, item, last_line(item, limit), list);
    }
    cmark_node_free(doc);
    size_t old = m - k + 1, n = s->nentries - old + w.nentries;
    if (rc == 0 && n > s->nentries && entries_capacity(n) > entries_capacity(s->nentries)) {
        plan_entry_t *e = realloc(s->entries, entries_capacity(n) * sizeof *e);
        if (!e) rc = -1;
        else s->entries = e;
    }
    if (rc < 0) {
        section_clear(&w);
        return -1;
    }
    memmove(&s->entries[k + w.nentries], &s->entries[m + 1], (s->nentries - m - 1) * sizeof *s->entries);
    if (w.nentries) memcpy(&s->entries[k], w.entries, w.nentries * sizeof *w.entries);
    s->nentries = n;
    section_clear(&w);
    recount_entries(s);
    s->diags_valid = 0;
    return 1;
}

/* Count of blocks of s starting at or before rel. */
static size_t blocks_at_or_before(const plan_section_t *s, size_t rel) {
    size_t lo = 0, hi = s->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->blocks[mid].start <= rel) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The prose path: an edit among the paragraphs (code blocks, quotes, ...) of
 * a level-2 section re-parses only the blocks it touched, from the first
 * line of the first to the first line of the next untouched block, which
 * must still start a block of its own (the seal; at the section's end, the
 * next heading). Parsed alone, the window must read as in the whole text:
 * its first line started a block in the last parse and is unchanged, or it
 * starts afresh (see below). Lists, footers and revision notes are left to
 * the other paths. Returns 1 when done, 0 when the section path must run,
 * -1 on OOM. */
static int update_blocks(plan_t *p, const text_t *t) {
    size_t i = plan_section_at(p, p->dirty_lo);
    plan_section_t *s = &p->sections[i];
    size_t end = plan_section_end(p, i, t);
    if (s->level != 2 || p->dirty_lo < s->start + s->heading_len || p->dirty_hi >= end) return 0;
    size_t lo = p->dirty_lo - s->start;
    size_t e = blocks_at_or_before(s, p->dirty_hi - s->start);
    if (blocks_at_or_before(s, lo) == 0) return 0; /* in the blank lines under the heading */
    /* The window starts at the block holding the edit's first byte. A block
     * that starts on that byte may be one the edit deleted (it sits on the
     * edit's offset now): the window then starts at the block before. */
    size_t b = lo ? blocks_at_or_before(s, lo - 1) : 0;
    if (b > 0) b--;
    for (size_t k = b; k < e; k++)
        if (s->blocks[k].kind == BLOCK_LIST || s->blocks[k].special) return 0;
    size_t from = s->start + s->blocks[b].start;
    size_t first_line = text_line_of(t, from);
    if (text_line_start(t, first_line) != from) return 0;
    /* The block's first line, as it was, started it whatever came before.
     * An edited first line must start afresh on its own: after a blank line
     * (no lazy continuation), and behind a block no indented line can
     * continue (a list, indented code) unless its indentation is as it was. */
    if (p->dirty_lo < text_line_next(t, first_line) && b > 0) {
        size_t lead = from;
        while (lead < t->len && is_blank_char(t->data[lead])) lead++;
        if (!is_blank_line(t, first_line - 1) || (s->blocks[b - 1].kind != BLOCK_OTHER && lead >= p->dirty_lo))
            return 0;
    }
    int tail = e == s->nblocks;
    if (tail && i + 1 < p->nsections && p->sections[i + 1].setext) return 0;
    size_t to = tail ? end : s->start + s->blocks[e].start;
    size_t until = to < t->len ? text_line_next(t, text_line_of(t, to)) : to;

    cmark_node *doc = parse_cmark(t, from, until, &p->stats);
    if (!doc) return -1;
    p->stats.partial_parses++;
    chunk_t c = {t, first_line};
    int chunk_lines = (int)(text_line_of(t, until > from ? until - 1 : from) - c.base_line) + 1;
    int seal_line = until > to ? (int)(text_line_of(t, to) - first_line) + 1 : 0;
    /* Blocks only, then the seal: a node of its own on the seal line. */
    int ok = 1, sealed = !seal_line;
    for (cmark_node *n = cmark_node_first_child(doc); n && ok; n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        int heading2 = type == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 2;
        if (seal_line && cmark_node_get_start_line(n) >= seal_line) {
            ok = cmark_node_get_start_line(n) == seal_line && !cmark_node_next(n) &&
                 (tail ? heading2 : (unsigned)block_kind(n) == s->blocks[e].kind && !heading2);
            sealed = 1;
            break;
        }
        ok = type != CMARK_NODE_LIST && !heading2;
    }
    plan_section_t w;
    section_init(&w, s->start);
    w.level = s->level;
    int rc = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n && ok && sealed && rc == 0; n = cmark_node_next(n)) {
        if (seal_line && cmark_node_get_start_line(n) >= seal_line) break;
        rc = read_block(&w, &c, n, last_line(n, seal_line ? seal_line - 1 : chunk_lines));
    }
    cmark_node_free(doc);
    for (size_t k = 0; k < w.nblocks; k++) ok = ok && !w.blocks[k].special;
    /* At the section's end the last block decides ends_with_list. */
    if (tail && !w.nblocks) ok = 0;
    if (rc < 0 || !ok || !sealed) {
        section_clear(&w);
        return rc < 0 ? -1 : 0;
    }
    size_t old = e - b, n = s->nblocks - old + w.nblocks;
    if (VEC_RESERVE(s->blocks, s->blocks_cap, n) < 0) {
        section_clear(&w);
        return -1;
    }
    for (size_t k = b; k < e; k++) s->content_blocks -= s->blocks[k].content;
    memmove(&s->blocks[b + w.nblocks], &s->blocks[e], (s->nblocks - e) * sizeof *s->blocks);
    if (w.nblocks) memcpy(&s->blocks[b], w.blocks, w.nblocks * sizeof *w.blocks);
    s->nblocks = n;
    s->content_blocks += w.content_blocks;
    if (tail) s->ends_with_list = 0;
    section_clear(&w);
    s->diags_valid = 0;
    return 1;
}

int plan_update(plan_t *p, const text_t *t) {
    if (!p->dirty) return 0;
    size_t old_fm = p->fm_end;
    detect_front_matter(p, t);
    if (p->nsections == 0 || p->fm_end != old_fm || p->dirty_lo < p->fm_end) return plan_parse(p, t);
    int fine = update_entries(p, t);
    if (fine == 0) fine = update_blocks(p, t);
    if (fine < 0) return -1;
    if (fine) {
        after_parse(p);
        return 0;
    }

    /* The window starts at the section holding the first touched byte (the
     * first of equals: sections emptied by the edit sit on one offset), or at
     * the one before when the edit reached into the heading's marker, which
     * may have stopped being a heading. */
    size_t i = plan_section_at(p, p->dirty_lo);
    while (i > 0 && p->sections[i - 1].start == p->sections[i].start) i--;
    if (i > 0 && p->dirty_lo < p->sections[i].start + p->sections[i].prefix_len) i--;
    size_t j = plan_section_at(p, p->dirty_hi);
    if (j < i) j = i;

    for (;;) {
        /* A setext heading after the window could absorb the window's last
         * line: take that section in too. */
        while (j + 1 < p->nsections && p->sections[j + 1].setext) j++;
        size_t from = p->sections[i].start;
        size_t to = plan_section_end(p, j, t);
        size_t until = to;
        if (j + 1 < p->nsections) until = text_line_next(t, text_line_of(t, to));
        section_vec_t v = {0};
        /* The window is sealed when the next section's heading still parses
         * as a heading on its own line. */
        chunk_opts_t o = {i == 0, 0, 0, 0, 0, 0};
        if (j + 1 < p->nsections) o.seal_line = (int)(text_line_of(t, to) - text_line_of(t, from)) + 1;
        int rc = parse_chunk(t, from, until, &v, &o, &p->stats, p->config);
        p->stats.partial_parses++;
        if (rc < 0) {
            vec_free(&v);
            return -1;
        }
        if (rc == 1) { /* the window did not start where a section starts */
            vec_free(&v);
            return plan_parse(p, t);
        }
        if (rc == 2) { /* an open fence or HTML block: parse to the end */
            vec_free(&v);
            j = p->nsections - 1;
            continue;
        }
        if (splice(p, i, j, &v) < 0) {
            vec_free(&v);
            return -1;
        }
        break;
    }
    after_parse(p);
    return 0;
}

size_t plan_guide_ref(const plan_t *p, const text_t *t, const char **path) {
    const plan_section_t *s = p->nsections ? &p->sections[p->title] : NULL;
    if (!s || !s->guide_ref_len) return 0;
    *path = t->data + s->start + s->guide_ref;
    return s->guide_ref_len;
}

ts_style_t plan_stamp_style(dialect_t d) { return d == DIALECT_COOKBOOK ? TS_STYLE_COOKBOOK : TS_STYLE_GUIDE; }

int plan_looks_like_plan(const plan_t *p) {
    unsigned known = 0;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (s->preamble != PREAMBLE_NONE) return 1;
        if (s->level > 0 && (s->match == SECTION_EXACT || s->custom >= 0)) known++;
    }
    return known >= 3;
}

static int same_stamp(const timestamp_t *a, const timestamp_t *b) {
    return a->status == b->status && a->style == b->style && a->start == b->start &&
           a->end == b->end && a->valid_time == b->valid_time &&
           (!a->valid_time || a->minutes == b->minutes);
}

int plan_same(const plan_t *a, const plan_t *b) {
    if (a->nsections != b->nsections || a->fm_end != b->fm_end || a->title != b->title ||
        a->dialect != b->dialect)
        return 0;
    for (size_t i = 0; i < a->nsections; i++) {
        const plan_section_t *x = &a->sections[i], *y = &b->sections[i];
        if (x->start != y->start || x->heading_len != y->heading_len || x->prefix_len != y->prefix_len ||
            x->name_start != y->name_start || x->name_len != y->name_len || x->level != y->level ||
            x->setext != y->setext || x->match != y->match || x->custom != y->custom ||
            (x->match != SECTION_NO_MATCH && x->id != y->id) || x->nentries != y->nentries ||
            x->content_blocks != y->content_blocks || x->stamps_guide != y->stamps_guide ||
            x->stamps_cookbook != y->stamps_cookbook || x->revision_notes != y->revision_notes ||
            x->nlists != y->nlists || x->ends_with_list != y->ends_with_list ||
            x->preamble != y->preamble || x->has_last_updated != y->has_last_updated ||
            x->guide_ref != y->guide_ref || x->guide_ref_len != y->guide_ref_len ||
            x->max_stamp != y->max_stamp)
            return 0;
        if (x->has_last_updated &&
            (x->last_updated_line != y->last_updated_line || !same_stamp(&x->last_updated, &y->last_updated)))
            return 0;
        if (x->nblocks != y->nblocks) return 0;
        for (size_t k = 0; k < x->nblocks; k++) {
            const plan_block_t *e = &x->blocks[k], *f = &y->blocks[k];
            if (e->start != f->start || e->kind != f->kind || e->content != f->content || e->special != f->special)
                return 0;
        }
        for (size_t k = 0; k < x->nentries; k++) {
            const plan_entry_t *e = &x->entries[k], *f = &y->entries[k];
            if (e->start != f->start || e->text != f->text || e->line_end != f->line_end || e->list != f->list ||
                e->end != f->end || e->checkbox != f->checkbox || e->flags != f->flags ||
                (e->checkbox >= 0 && e->box != f->box) || !same_stamp(&e->stamp, &f->stamp))
                return 0;
        }
    }
    return 1;
}

/* Per-code severities from the settings: "off" drops the diagnostic. Applied
 * to the output so the cached section results stay valid. */
static void apply_severities(const config_t *cfg, diag_list_t *l) {
    if (!cfg) return;
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        int k = config_rule_index(l->items[i].code);
        int sev = k >= 0 ? cfg->severity[k] : -1;
        if (sev == 0) {
            free(l->items[i].message);
            continue;
        }
        if (sev > 0) l->items[i].severity = (severity_t)sev;
        l->items[kept++] = l->items[i];
    }
    l->n = kept;
}

int plan_diagnostics(plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
    if (plan_update(p, t) < 0) return -1;
    for (size_t i = 0; i < p->nsections; i++) {
        plan_section_t *s = &p->sections[i];
        if (!s->diags_valid || s->diags_dialect != p->dialect) {
            diag_list_clear(&s->diags);
            if (rules_section(p, i, t, p->dialect, &s->diags) < 0) return -1;
            s->diags_valid = 1;
            s->diags_dialect = p->dialect;
        }
        if (diag_list_append(out, &s->diags, s->start) < 0) return -1;
    }
    if (rules_document(p, t, now, out) < 0) return -1;
    apply_severities(p->config, out);
    diag_list_sort(out);
    return 0;
}
