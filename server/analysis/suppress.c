/* suppress.c: planls-disable comments (see suppress.h). */
#include "suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_fence.h"
#include "rule_codes.h"
#include "vec.h"

typedef enum { KIND_NEXT_LINE, KIND_FILE, KIND_DISABLE, KIND_ENABLE } kind_t;

/* One code a comment names; rule -1 with all set: every code. */
typedef struct {
    int rule;           /* rule_t, or -1 */
    int all;            /* the comment names no code */
    size_t start, end;  /* span to report (the code, or the whole comment) */
    size_t first, last; /* lines it covers, inclusive */
    int used;
} target_t;

typedef struct {
    target_t *items;
    size_t n, cap;
} targets_t;

static const struct {
    const char *word;
    kind_t kind;
} words[] = {
    /* Longest first: "planls-disable" is a prefix of the others. */
    {"planls-disable-next-line", KIND_NEXT_LINE},
    {"planls-disable-file", KIND_FILE},
    {"planls-disable", KIND_DISABLE},
    {"planls-enable", KIND_ENABLE},
};

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* The comment's kind when s[0..n) (a line from its first non-blank byte)
 * opens with a planls comment; *body and *body_end bound its codes, *close
 * is just past "-->" (or n when the comment goes on past the line). */
static int directive(const char *s, size_t n, kind_t *kind, size_t *body, size_t *body_end) {
    if (n < 4 || memcmp(s, "<!--", 4) != 0) return 0;
    size_t i = 4;
    while (i < n && is_space(s[i])) i++;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t len = strlen(words[w].word);
        if (n - i < len || memcmp(s + i, words[w].word, len) != 0) continue;
        size_t after = i + len;
        /* The word must end: "planls-disabled" is prose. */
        if (after < n && !is_space(s[after]) && s[after] != '-') return 0;
        if (after < n && s[after] == '-' && (n - after < 3 || memcmp(s + after, "-->", 3) != 0)) return 0;
        *kind = words[w].kind;
        *body = after;
        const char *close = NULL;
        for (size_t k = after; k + 3 <= n; k++)
            if (memcmp(s + k, "-->", 3) == 0) {
                close = s + k;
                break;
            }
        *body_end = close ? (size_t)(close - s) : n;
        return 1;
    }
    return 0;
}

/* Adds the comment's targets: each code it names (up to a "--" reason), or
 * one for every code. */
static int add_targets(targets_t *ts, const char *line, size_t abs, size_t body, size_t body_end, size_t comment_end,
                       size_t first, size_t last) {
    size_t before = ts->n;
    size_t i = body;
    while (i < body_end) {
        while (i < body_end && (is_space(line[i]) || line[i] == ',')) i++;
        if (i + 1 < body_end && line[i] == '-' && line[i + 1] == '-') break; /* "-- why" */
        size_t a = i;
        while (i < body_end && !is_space(line[i]) && line[i] != ',') i++;
        if (i == a) break;
        if (VEC_RESERVE(ts->items, ts->cap, ts->n + 1) < 0) return -1;
        char code[64];
        size_t len = i - a < sizeof code - 1 ? i - a : sizeof code - 1;
        memcpy(code, line + a, len);
        code[len] = '\0';
        ts->items[ts->n++] = (target_t){rule_from_code(code), 0, abs + a, abs + i, first, last, 0};
        if (ts->items[ts->n - 1].rule < 0) ts->items[ts->n - 1].used = -1; /* unknown: reported as such */
    }
    if (ts->n == before) {
        if (VEC_RESERVE(ts->items, ts->cap, ts->n + 1) < 0) return -1;
        ts->items[ts->n++] = (target_t){-1, 1, abs, abs + comment_end, first, last, 0};
    }
    return 0;
}

/* Closes the open disable regions an enable names (none named: all of
 * them) at line. */
static void close_regions(targets_t *ts, size_t open_from, const char *line, size_t body, size_t body_end, size_t at) {
    targets_t named = {0};
    int any = 0;
    /* Reuse the parser: codes named by the enable, without recording spans. */
    if (add_targets(&named, line, 0, body, body_end, body_end, 0, 0) == 0) any = !(named.n == 1 && named.items[0].all);
    for (size_t k = open_from; k < ts->n; k++) {
        target_t *r = &ts->items[k];
        if (r->last != (size_t)-1) continue;
        int match = !any;
        for (size_t j = 0; any && j < named.n; j++)
            if (named.items[j].rule >= 0 && named.items[j].rule == r->rule) match = 1;
        if (match) r->last = at;
    }
    free(named.items);
}

/* Every planls comment of t outside code fences, as targets with their lines. */
static int collect(const text_t *t, targets_t *ts) {
    char mark = 0;
    size_t fence = 0;
    for (size_t ln = 0; ln < t->nlines; ln++) {
        size_t a = text_line_start(t, ln), e = text_line_end(t, ln);
        const char *s = t->data + a;
        size_t n = e - a;
        if (fence) {
            if (md_fence_closes(s, n, mark, fence)) fence = 0;
            continue;
        }
        if ((fence = md_fence_opens(s, n, &mark))) continue;
        size_t ind = 0;
        while (ind < n && is_space(s[ind])) ind++;
        kind_t kind;
        size_t body, body_end;
        if (!directive(s + ind, n - ind, &kind, &body, &body_end)) continue;
        /* A comment that does not close on its line covers from the line after its end. */
        size_t end_line = ln;
        if (body_end == n - ind) {
            const char *close = NULL;
            for (size_t k = ln + 1; k < t->nlines && !close; k++) {
                size_t ka = text_line_start(t, k), ke = text_line_end(t, k);
                for (size_t x = ka; x + 3 <= ke; x++)
                    if (memcmp(t->data + x, "-->", 3) == 0) {
                        close = t->data + x;
                        end_line = k;
                        break;
                    }
            }
            if (!close) continue; /* never closed: not a comment anyone meant */
        }
        const char *line = s + ind;
        size_t abs = a + ind, comment_end = body_end + 3 <= n - ind ? body_end + 3 : n - ind;
        switch (kind) {
        case KIND_NEXT_LINE:
            if (add_targets(ts, line, abs, body, body_end, comment_end, end_line + 1, end_line + 1) < 0) return -1;
            break;
        case KIND_FILE:
            if (add_targets(ts, line, abs, body, body_end, comment_end, 0, (size_t)-2) < 0) return -1;
            break;
        case KIND_DISABLE:
            /* Open until an enable closes it: last = -1 meanwhile. */
            if (add_targets(ts, line, abs, body, body_end, comment_end, end_line + 1, (size_t)-1) < 0) return -1;
            break;
        case KIND_ENABLE: close_regions(ts, 0, line, body, body_end, ln); break;
        }
    }
    return 0;
}

/* Does the text hold a "<!-- planls-" comment anywhere? Runs on every
 * keystroke over the whole text: it stops only at '<', rare in plans (a
 * scan for the 'p' of "planls-" stopped at every word with a p). */
static int mentions_planls(const text_t *t) {
    if (!t->len) return 0;
    const char *s = t->data, *end = t->data + t->len;
    while ((s = memchr(s, '<', (size_t)(end - s)))) {
        const char *k = s + 1;
        if (end - k >= 3 && memcmp(k, "!--", 3) == 0) {
            k += 3;
            while (k < end && is_space(*k)) k++;
            if (end - k >= 7 && memcmp(k, "planls-", 7) == 0) return 1;
        }
        s++;
    }
    return 0;
}

int suppress_apply(const text_t *t, diag_list_t *l) {
    /* Most plans have none: one scan for the comment, no line walk. */
    if (!mentions_planls(t)) return 0;
    targets_t ts = {0};
    if (collect(t, &ts) < 0) {
        free(ts.items);
        return -1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        diag_t *d = &l->items[i];
        size_t line = text_line_of(t, d->start);
        int silenced = 0;
        for (size_t k = 0; k < ts.n; k++) {
            target_t *x = &ts.items[k];
            if (x->used < 0 || line < x->first || line > x->last) continue;
            if (!x->all && x->rule != d->rule) continue;
            x->used = 1;
            silenced = 1;
        }
        if (silenced)
            free(d->message);
        else
            l->items[kept++] = *d;
    }
    l->n = kept;
    int rc = 0;
    for (size_t k = 0; k < ts.n && rc == 0; k++) {
        const target_t *x = &ts.items[k];
        if (x->used > 0) continue;
        if (x->used < 0)
            rc = rule_emit(l, RULE_UNUSED_SUPPRESSION, x->start, x->end, "Unknown code '%.*s' in a planls comment",
                           (int)(x->end - x->start), t->data + x->start);
        else if (x->all)
            rc = rule_emit(l, RULE_UNUSED_SUPPRESSION, x->start, x->end,
                           "This planls comment silences nothing; remove it");
        else
            rc = rule_emit(l, RULE_UNUSED_SUPPRESSION, x->start, x->end, "Nothing here is reported as '%s'; remove it",
                           rule_info[x->rule].code);
    }
    free(ts.items);
    return rc;
}

char *suppress_comment_for(const text_t *t, size_t line_start, const char *code) {
    size_t e = text_line_end(t, text_line_of(t, line_start)), ind = 0;
    while (line_start + ind < e && is_space(t->data[line_start + ind])) ind++;
    size_t n = ind + strlen(code) + 40;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%.*s<!-- planls-disable-next-line %s -->\n", (int)ind, t->data + line_start, code);
    return s;
}
