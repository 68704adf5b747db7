/* guide.c: a plan guide, by lines: the skeleton it quotes, and whether the
 * file at a guide's path is a guide at all or a live plan. A guide quotes the
 * skeleton in a fence, where CommonMark sees no headings, so this reads the
 * fence's text itself. */
#include "guide.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "sections.h"
#include "timestamp.h"
#include "vec.h"

const char *const guide_paths[] = {"PLANS.md", ".agent/PLANS.md", "docs/PLANS.md", NULL};

typedef struct {
    size_t first, count; /* a run of headings in the list below */
    int canonical;       /* how many of them name canonical sections */
    int under_template;  /* the block sits under a "template" or "skeleton" heading */
} block_t;

typedef struct {
    const char *start; /* a heading's text (into the guide) */
    size_t len;
} head_t;

typedef struct {
    head_t *items;
    size_t n, cap;
} heads_t;

static int push_head(heads_t *h, const char *s, size_t n) {
    if (VEC_RESERVE(h->items, h->cap, h->n + 1) < 0) return -1;
    h->items[h->n++] = (head_t){s, n};
    return 0;
}

/* "## Name" (up to three spaces first, one to six #s): the level, and the
 * name, trimmed, without closing #s. */
static int atx_heading(const char *l, size_t n, int *level, const char **name, size_t *nlen) {
    size_t i = 0;
    while (i < n && i < 3 && l[i] == ' ') i++;
    size_t k = i;
    while (k < n && l[k] == '#') k++;
    if (k == i || k - i > 6 || k >= n || (l[k] != ' ' && l[k] != '\t')) return 0;
    *level = (int)(k - i);
    while (k < n && (l[k] == ' ' || l[k] == '\t')) k++;
    size_t e = n;
    while (e > k && (l[e - 1] == ' ' || l[e - 1] == '\t' || l[e - 1] == '#')) e--;
    if (e == k) return 0;
    *name = l + k;
    *nlen = e - k;
    return 1;
}

static int h2_name(const char *l, size_t n, const char **name, size_t *nlen) {
    int level;
    return atx_heading(l, n, &level, name, nlen) && level == 2;
}

/* A fence line: its character and length, and whether an info string follows. */
static int fence(const char *l, size_t n, char *ch, size_t *count, const char **info, size_t *ilen) {
    size_t i = 0;
    while (i < n && i < 3 && l[i] == ' ') i++;
    if (i >= n || (l[i] != '`' && l[i] != '~')) return 0;
    char c = l[i];
    size_t k = i;
    while (k < n && l[k] == c) k++;
    if (k - i < 3) return 0;
    *ch = c;
    *count = k - i;
    while (k < n && (l[k] == ' ' || l[k] == '\t')) k++;
    size_t e = n;
    while (e > k && (l[e - 1] == ' ' || l[e - 1] == '\t' || l[e - 1] == '\r')) e--;
    *info = l + k;
    *ilen = e - k;
    return 1;
}

static int is_markdown_info(const char *s, size_t n) {
    return n == 0 || (n == 2 && strncmp(s, "md", 2) == 0) || (n == 8 && strncmp(s, "markdown", 8) == 0);
}

static int names_template(const char *s, size_t n) {
    return ascii_contains_ci(s, n, "template", 8) || ascii_contains_ci(s, n, "skeleton", 8);
}

/* A line of the guide: [a, a + n) without its line ending; *next is where
 * the following line starts. */
static const char *line_at(const char *text, size_t len, size_t a, size_t *n, size_t *next) {
    size_t b = a;
    while (b < len && text[b] != '\n') b++;
    *n = b - a;
    if (*n && text[a + *n - 1] == '\r') (*n)--;
    *next = b + 1;
    return text + a;
}

/* The fenced Markdown blocks of a guide and their level-2 headings. */
typedef struct {
    heads_t heads;
    block_t blocks[64];
    size_t nblocks;
} fenced_t;

/* A walk over a guide's lines that knows which are inside code fences. */
typedef struct {
    const char *text;
    size_t len, next;
    int in_fence;
    char fch;      /* the open fence's character */
    size_t fcount; /* and length */
} lines_t;

typedef enum { LINE_TEXT, LINE_FENCE_OPEN, LINE_FENCE_CLOSE, LINE_IN_FENCE } line_kind_t;

static lines_t lines_of(const char *text, size_t len) { return (lines_t){text, len, 0, 0, 0, 0}; }

/* The next line [*l, *l + *n) and its kind; for an opening fence, its info
 * string. Returns 0 at the end. */
static int next_line(lines_t *w, const char **l, size_t *n, line_kind_t *kind, const char **info, size_t *ilen) {
    if (w->next >= w->len) return 0;
    *l = line_at(w->text, w->len, w->next, n, &w->next);
    char ch;
    size_t count;
    int is_fence = fence(*l, *n, &ch, &count, info, ilen);
    if (!w->in_fence && is_fence) {
        w->in_fence = 1;
        w->fch = ch;
        w->fcount = count;
        *kind = LINE_FENCE_OPEN;
    } else if (w->in_fence && is_fence && ch == w->fch && count >= w->fcount && !*ilen) {
        w->in_fence = 0;
        *kind = LINE_FENCE_CLOSE;
    } else {
        *kind = w->in_fence ? LINE_IN_FENCE : LINE_TEXT;
    }
    return 1;
}

/* Reads the fenced blocks; returns 0 or -1 on OOM. */
static int read_fenced(const char *text, size_t len, fenced_t *f) {
    memset(f, 0, sizeof *f);
    int md = 0, under[7] = {0};
    lines_t w = lines_of(text, len);
    const char *l, *info, *name;
    size_t n, ilen, nlen;
    line_kind_t kind;
    while (next_line(&w, &l, &n, &kind, &info, &ilen)) {
        int level;
        if (kind == LINE_FENCE_OPEN) {
            md = is_markdown_info(info, ilen) && f->nblocks < 64;
            int templ = 0;
            for (int k = 1; k <= 6; k++) templ |= under[k];
            if (md) f->blocks[f->nblocks] = (block_t){f->heads.n, 0, 0, templ};
        } else if (kind == LINE_FENCE_CLOSE) {
            if (md) {
                f->blocks[f->nblocks].count = f->heads.n - f->blocks[f->nblocks].first;
                f->nblocks++;
            }
        } else if (kind == LINE_TEXT && atx_heading(l, n, &level, &name, &nlen)) {
            /* The headings above the next fence: is one of them about the template? */
            under[level] = names_template(name, nlen);
            for (int k = level + 1; k <= 6; k++) under[k] = 0;
        } else if (kind == LINE_IN_FENCE && md && h2_name(l, n, &name, &nlen)) {
            section_id_t id;
            if (push_head(&f->heads, name, nlen) < 0) return -1;
            f->blocks[f->nblocks].canonical += section_match(name, nlen, &id) != SECTION_NO_MATCH;
        }
    }
    if (w.in_fence && md) {
        f->blocks[f->nblocks].count = f->heads.n - f->blocks[f->nblocks].first;
        f->nblocks++;
    }
    return 0;
}

/* The same section twice: the same canonical section, or the same name. */
static int seen_before(const head_t *heads, size_t k) {
    section_id_t id, other;
    int canonical = section_match(heads[k].start, heads[k].len, &id) != SECTION_NO_MATCH;
    for (size_t j = 0; j < k; j++) {
        if (ascii_equal_ci(heads[j].start, heads[j].len, heads[k].start, heads[k].len)) return 1;
        if (canonical && section_match(heads[j].start, heads[j].len, &other) != SECTION_NO_MATCH && other == id)
            return 1;
    }
    return 0;
}

int guide_skeleton(const char *text, size_t len, char ***names) {
    *names = NULL;
    fenced_t f;
    if (read_fenced(text, len, &f) < 0) {
        free(f.heads.items);
        return -1;
    }
    /* A usable block names at least three canonical sections; one under a
     * template heading beats one that is not, then the most canonical wins.
     * Without one the dialect's defaults stand: the guide's own headings are
     * prose about plans, never a skeleton. */
    const block_t *best = NULL;
    for (size_t k = 0; k < f.nblocks; k++) {
        const block_t *b = &f.blocks[k];
        if (b->canonical < 3) continue;
        if (!best || b->under_template > best->under_template ||
            (b->under_template == best->under_template && b->canonical > best->canonical))
            best = b;
    }
    int result = 0;
    if (best) {
        *names = calloc(best->count, sizeof **names);
        if (!*names) result = -1;
        const head_t *heads = f.heads.items + best->first;
        for (size_t k = 0; k < best->count && result >= 0; k++) {
            if (seen_before(heads, k)) continue;
            char *s = malloc(heads[k].len + 1);
            if (!s) {
                result = -1;
                break;
            }
            memcpy(s, heads[k].start, heads[k].len);
            s[heads[k].len] = '\0';
            (*names)[result++] = s;
        }
        if (result < 0 && *names) {
            for (size_t k = 0; k < best->count; k++) free((*names)[k]);
            free(*names);
            *names = NULL;
        }
    }
    free(f.heads.items);
    return result;
}

/* A Progress entry with a stamp: "- [x] (2026-03-01 10:00Z) did X",
 * "- [2026-03-01 10:00 UTC] did X", or the same without the list marker. */
static int stamped_entry(const char *l, size_t n) {
    size_t i = 0;
    while (i < n && ascii_is_blank(l[i])) i++;
    if (i + 1 < n && (l[i] == '-' || l[i] == '*' || l[i] == '+') && ascii_is_blank(l[i + 1])) {
        i += 2;
    } else {
        size_t d = i;
        while (d < n && l[d] >= '0' && l[d] <= '9') d++;
        if (d > i && d + 1 < n && (l[d] == '.' || l[d] == ')') && ascii_is_blank(l[d + 1]))
            i = d + 2;
        else if (i >= n || l[i] != '[')
            return 0;
    }
    while (i < n && ascii_is_blank(l[i])) i++;
    timestamp_t ts;
    return ts_scan_entry(l + i, n - i, &ts) != TS_NONE;
}

static int living_line(const char *l, size_t n) {
    static const char *const openings[] = {"This ExecPlan is a living document", "This plan is a living document"};
    for (size_t k = 0; k < sizeof openings / sizeof *openings; k++)
        if (ascii_prefix_ci(l, n, openings[k], strlen(openings[k]))) return 1;
    return 0;
}

int guide_is_live_plan(const char *text, size_t len) {
    fenced_t f;
    int rc = read_fenced(text, len, &f);
    free(f.heads.items);
    if (rc < 0) return 0;
    for (size_t k = 0; k < f.nblocks; k++)
        if (f.blocks[k].count >= 3) return 0; /* it quotes a skeleton: a guide */
    int in_progress = 0, after_title = 0;
    lines_t w = lines_of(text, len);
    const char *l, *info, *name;
    size_t n, ilen, nlen;
    line_kind_t kind;
    while (next_line(&w, &l, &n, &kind, &info, &ilen)) {
        int level;
        if (kind != LINE_TEXT) {
            after_title = 0;
        } else if (atx_heading(l, n, &level, &name, &nlen)) {
            section_id_t id;
            in_progress = section_match(name, nlen, &id) != SECTION_NO_MATCH && id == SEC_PROGRESS;
            after_title = level == 1;
        } else if (in_progress && stamped_entry(l, n)) {
            return 1;
        } else if (after_title) {
            size_t i = 0;
            while (i < n && ascii_is_blank(l[i])) i++;
            if (i == n) continue; /* the blank line under the title */
            if (living_line(l + i, n - i)) return 1;
            after_title = 0;
        }
    }
    return 0;
}
