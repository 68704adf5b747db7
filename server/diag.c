/* diag.c: growable lists of diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list_t *l) { memset(l, 0, sizeof *l); }

void diag_list_clear(diag_list_t *l) {
    for (size_t i = 0; i < l->n; i++) free(l->items[i].message);
    l->n = 0;
}

void diag_list_free(diag_list_t *l) {
    diag_list_clear(l);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static diag_t *grow(diag_list_t *l) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        diag_t *items = realloc(l->items, cap * sizeof *items);
        if (!items) return NULL;
        l->items = items;
        l->cap = cap;
    }
    return &l->items[l->n];
}

int diag_add(diag_list_t *l, size_t start, size_t end, severity_t sev, const char *code,
             const char *fmt, ...) {
    diag_t *d = grow(l);
    if (!d) return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    char *msg = malloc((size_t)n + 1);
    if (!msg) return -1;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    d->start = start;
    d->end = end < start ? start : end;
    d->severity = sev;
    d->code = code;
    d->message = msg;
    d->arg = -1;
    l->n++;
    return 0;
}

int diag_list_append(diag_list_t *dst, const diag_list_t *src, size_t delta) {
    for (size_t i = 0; i < src->n; i++) {
        diag_t *d = grow(dst);
        if (!d) return -1;
        *d = src->items[i];
        d->start += delta;
        d->end += delta;
        d->message = strdup(src->items[i].message);
        if (!d->message) return -1;
        dst->n++;
    }
    return 0;
}

static int compare(const void *a, const void *b) {
    const diag_t *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_list_sort(diag_list_t *l) {
    for (size_t i = 0; i < l->n; i++) l->items[i].seq = i;
    if (l->n > 1) qsort(l->items, l->n, sizeof *l->items, compare);
}

const char *severity_name(severity_t s) {
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "information";
    case SEV_HINT: return "hint";
    }
    return "unknown";
}
