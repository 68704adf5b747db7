/* line_diff.c: unified diffs (see line_diff.h). */
#include "line_diff.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

#define CONTEXT 3

typedef struct {
    const char *s; /* borrowed: the line with its terminator */
    size_t n;
} line_t;

typedef struct {
    line_t *items;
    size_t n, cap;
} lines_t;

static int split(const char *s, size_t len, lines_t *out) {
    size_t a = 0;
    while (a < len) {
        const char *nl = memchr(s + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - s) + 1 : len;
        if (VEC_RESERVE(out->items, out->cap, out->n + 1) < 0) return -1;
        out->items[out->n++] = (line_t){s + a, b - a};
        a = b;
    }
    return 0;
}

static int same(const line_t *x, const line_t *y) { return x->n == y->n && memcmp(x->s, y->s, x->n) == 0; }

typedef enum { OP_SAME, OP_DEL, OP_ADD } op_t;

typedef struct {
    unsigned char *items; /* op_t */
    size_t n, cap;
} ops_t;

static int push(ops_t *o, op_t op) {
    if (VEC_RESERVE(o->items, o->cap, o->n + 1) < 0) return -1;
    o->items[o->n++] = (unsigned char)op;
    return 0;
}

/* The trace keeps one row of diagonals per cost: past this many cells the
 * search stops and the middle is written as removed, then added. */
#define MAX_TRACE ((long)1 << 22)

static int replace_all(size_t n, size_t m, ops_t *out) {
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = push(out, OP_DEL);
    for (size_t i = 0; i < m && rc == 0; i++) rc = push(out, OP_ADD);
    return rc;
}

/* The shortest edit script of a[0..n) to b[0..m) (Myers 1986): the furthest
 * x on each diagonal k for each cost d, kept per d to walk back. */
static int myers(const line_t *a, size_t n, const line_t *b, size_t m, ops_t *out) {
    long max = (long)(n + m), width = 2 * max + 1;
    if (width > MAX_TRACE) return replace_all(n, m, out);
    long *v = calloc((size_t)width, sizeof *v);
    long **trace = calloc((size_t)max + 1, sizeof *trace);
    if (!v || !trace) {
        free(v);
        free(trace);
        return -1;
    }
    long d, found = -1;
    int capped = 0;
    for (d = 0; d <= max && found < 0; d++) {
        if ((d + 1) * width > MAX_TRACE) {
            capped = 1;
            break;
        }
        trace[d] = malloc((size_t)width * sizeof *v);
        if (!trace[d]) break;
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1;
            long y = x - k;
            while (x < (long)n && y < (long)m && same(&a[x], &b[y])) x++, y++;
            v[max + k] = x;
            if (x >= (long)n && y >= (long)m) {
                found = d;
                break;
            }
        }
        memcpy(trace[d], v, (size_t)width * sizeof *v);
    }
    int rc = found < 0 && !capped ? -1 : 0;
    if (capped) found = -1;
    /* Walk back from (n, m), collecting ops in reverse. */
    ops_t rev = {0};
    long x = (long)n, y = (long)m;
    for (d = found; rc == 0 && d > 0; d--) {
        const long *pv = trace[d - 1];
        long k = x - y;
        long pk = (k == -d || (k != d && pv[max + k - 1] < pv[max + k + 1])) ? k + 1 : k - 1;
        long px = pv[max + pk], py = px - pk;
        while (x > px && y > py && rc == 0) rc = push(&rev, OP_SAME), x--, y--;
        if (rc == 0) rc = push(&rev, x == px ? OP_ADD : OP_DEL);
        x = px;
        y = py;
    }
    while (!capped && rc == 0 && x > 0 && y > 0) rc = push(&rev, OP_SAME), x--, y--;
    if (capped)
        rc = replace_all(n, m, out);
    else
        for (size_t i = rev.n; rc == 0 && i-- > 0;) rc = push(out, (op_t)rev.items[i]);
    free(rev.items);
    for (long i = 0; i <= max && trace[i]; i++) free(trace[i]);
    free(trace);
    free(v);
    return rc;
}

static void put_line(strbuf_t *out, char mark, const line_t *l) {
    sb_addn(out, &mark, 1);
    sb_addn(out, l->s, l->n);
    if (!l->n || l->s[l->n - 1] != '\n') sb_add(out, "\n\\ No newline at end of file\n");
}

/* One hunk: ops [from, to) starting at lines ai of a and bi of b. */
static void hunk(strbuf_t *out, const ops_t *ops, size_t from, size_t to, const lines_t *a, size_t ai, const lines_t *b,
                 size_t bi) {
    size_t na = 0, nb = 0;
    for (size_t i = from; i < to; i++) {
        na += ops->items[i] != OP_ADD;
        nb += ops->items[i] != OP_DEL;
    }
    /* As diff -u writes them: an empty side starts one line before, and a
     * count of 1 is left out. */
    sb_printf(out, "@@ -%zu", na ? ai + 1 : ai);
    if (na != 1) sb_printf(out, ",%zu", na);
    sb_printf(out, " +%zu", nb ? bi + 1 : bi);
    if (nb != 1) sb_printf(out, ",%zu", nb);
    sb_add(out, " @@\n");
    for (size_t i = from; i < to; i++) {
        switch (ops->items[i]) {
        case OP_SAME:
            put_line(out, ' ', &a->items[ai++]);
            bi++;
            break;
        case OP_DEL: put_line(out, '-', &a->items[ai++]); break;
        case OP_ADD: put_line(out, '+', &b->items[bi++]); break;
        }
    }
}

int line_diff(const char *name, const char *a, size_t alen, const char *b, size_t blen, strbuf_t *out) {
    if (alen == blen && memcmp(a, b, alen) == 0) return 0;
    lines_t la = {0}, lb = {0};
    ops_t ops = {0};
    int rc = split(a, alen, &la) < 0 || split(b, blen, &lb) < 0 ? -1 : 0;
    /* Fixes touch a few places: the common head and tail need no search. */
    size_t head = 0, tail = 0;
    while (rc == 0 && head < la.n && head < lb.n && same(&la.items[head], &lb.items[head])) head++;
    while (rc == 0 && tail < la.n - head && tail < lb.n - head &&
           same(&la.items[la.n - 1 - tail], &lb.items[lb.n - 1 - tail]))
        tail++;
    for (size_t k = 0; rc == 0 && k < head; k++) rc = push(&ops, OP_SAME);
    if (rc == 0) rc = myers(la.items + head, la.n - head - tail, lb.items + head, lb.n - head - tail, &ops);
    for (size_t k = 0; rc == 0 && k < tail; k++) rc = push(&ops, OP_SAME);
    if (rc == 0) {
        sb_printf(out, "--- a/%s\n+++ b/%s\n", name, name);
        /* Hunks: changes with CONTEXT lines around, merged when their contexts meet. */
        size_t i = 0, ai = 0, bi = 0;
        while (i < ops.n) {
            if (ops.items[i] == OP_SAME) {
                i++, ai++, bi++;
                continue;
            }
            size_t lead = 0;
            while (lead < CONTEXT && lead < i && ops.items[i - lead - 1] == OP_SAME) lead++;
            size_t from = i - lead, hai = ai - lead, hbi = bi - lead, end = i;
            for (;;) {
                while (end < ops.n && ops.items[end] != OP_SAME) {
                    ai += ops.items[end] != OP_ADD;
                    bi += ops.items[end] != OP_DEL;
                    end++;
                }
                size_t run = 0;
                while (end + run < ops.n && ops.items[end + run] == OP_SAME) run++;
                if (end + run < ops.n && run <= 2 * CONTEXT) {
                    end += run, ai += run, bi += run;
                    continue;
                }
                size_t tail = run < CONTEXT ? run : CONTEXT;
                end += tail, ai += tail, bi += tail;
                break;
            }
            hunk(out, &ops, from, end, &la, hai, &lb, hbi);
            i = end;
        }
    }
    free(la.items);
    free(lb.items);
    free(ops.items);
    return rc < 0 || out->failed ? -1 : 0;
}
