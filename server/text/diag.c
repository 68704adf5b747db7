/* diag.c: growable lists of diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

void diag_list_init(diag_list_t *l) { memset(l, 0, sizeof *l); }

void diag_free_item(diag_t *d) {
    free(d->message);
    for (size_t k = 0; k < d->nrelated; k++) free(d->related[k].message);
    free(d->related);
    d->message = NULL;
    d->related = NULL;
    d->nrelated = 0;
}

void diag_list_clear(diag_list_t *l) {
    for (size_t i = 0; i < l->n; i++) diag_free_item(&l->items[i]);
    l->n = 0;
}

void diag_list_free(diag_list_t *l) {
    diag_list_clear(l);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static diag_t *grow(diag_list_t *l) { return VEC_RESERVE(l->items, l->cap, l->n + 1) < 0 ? NULL : &l->items[l->n]; }

int diag_vadd(diag_list_t *l, size_t start, size_t end, severity_t sev, const char *code, int rule, const char *fmt,
              va_list ap) {
    diag_t *d = grow(l);
    if (!d) return -1;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n < 0 ? NULL : malloc((size_t)n + 1);
    if (msg) vsnprintf(msg, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!msg) return -1;
    d->start = start;
    d->end = end < start ? start : end;
    d->severity = sev;
    d->code = code;
    d->rule = rule;
    d->message = msg;
    d->required_index = -1;
    d->related = NULL;
    d->nrelated = 0;
    l->n++;
    return 0;
}

int diag_add_related(diag_list_t *l, size_t start, size_t end, const char *message, size_t n) {
    if (!l->n) return -1;
    diag_t *d = &l->items[l->n - 1];
    diag_related_t *grown = realloc(d->related, (d->nrelated + 1) * sizeof *grown);
    if (!grown) return -1;
    d->related = grown;
    char *copy = malloc(n + 1);
    if (!copy) return -1;
    memcpy(copy, message, n);
    copy[n] = '\0';
    d->related[d->nrelated++] = (diag_related_t){start, end < start ? start : end, copy};
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
        d->related = NULL;
        d->nrelated = 0;
        if (!d->message) return -1;
        dst->n++;
        const diag_t *from = &src->items[i];
        if (from->nrelated && !(d->related = calloc(from->nrelated, sizeof *d->related))) return -1;
        for (size_t k = 0; k < from->nrelated; k++) {
            d->related[k] = from->related[k];
            d->related[k].start += delta;
            d->related[k].end += delta;
            d->related[k].message = strdup(from->related[k].message);
            if (!d->related[k].message) return -1;
            d->nrelated++;
        }
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

/* The one severity table: the settings' names, and the CLI's shorter ones. */
static const struct {
    const char *name, *short_name;
} severities[] = {
    [SEV_ERROR] = {"error", "error"},
    [SEV_WARNING] = {"warning", "warning"},
    [SEV_INFO] = {"information", "info"},
    [SEV_HINT] = {"hint", "hint"},
};

static int known(severity_t s) { return s >= SEV_ERROR && s <= SEV_HINT; }

const char *severity_name(severity_t s) { return known(s) ? severities[s].name : "unknown"; }

const char *severity_short_name(severity_t s) { return known(s) ? severities[s].short_name : "?"; }

int severity_from_name(const char *name) {
    if (strcmp(name, "off") == 0) return 0;
    for (int s = SEV_ERROR; s <= SEV_HINT; s++)
        if (strcmp(name, severities[s].name) == 0) return s;
    return -1;
}
