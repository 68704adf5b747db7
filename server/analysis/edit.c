/* edit.c: edit lists (see edit.h). */
#include "edit.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

void edit_list_free(edit_list_t *l) {
    for (size_t i = 0; i < l->n; i++) free(l->items[i].text);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int edit_add(edit_list_t *l, size_t start, size_t end, const char *text) {
    if (!text) return -1;
    if (VEC_RESERVE(l->items, l->cap, l->n + 1) < 0) return -1;
    char *copy = strdup(text);
    if (!copy) return -1;
    /* Keep the list sorted: clients apply edits against the original text. */
    size_t at = l->n;
    while (at > 0 && l->items[at - 1].start > start) at--;
    memmove(&l->items[at + 1], &l->items[at], (l->n - at) * sizeof *l->items);
    l->items[at] = (edit_t){start, end, copy};
    l->n++;
    return 0;
}

/* Lone line feeds in s[0..n). */
static size_t lone_lfs(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += s[i] == '\n' && (i == 0 || s[i - 1] != '\r');
    return k;
}

char *edit_text_crlf(const char *s) {
    size_t n = strlen(s);
    char *d = malloc(n + lone_lfs(s, n) + 1);
    if (!d) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) d[o++] = '\r';
        d[o++] = s[i];
    }
    d[o] = '\0';
    return d;
}

int edit_list_to_crlf(edit_list_t *l, size_t *cursor) {
    char **fresh = calloc(l->n ? l->n : 1, sizeof *fresh);
    if (!fresh) return -1;
    for (size_t k = 0; k < l->n; k++) {
        fresh[k] = edit_text_crlf(l->items[k].text);
        if (!fresh[k]) {
            for (size_t j = 0; j < k; j++) free(fresh[j]);
            free(fresh);
            return -1;
        }
    }
    /* All or nothing: swap only once every text was rewritten. The cursor
     * moves by the line feeds before it in the edit that holds it. */
    int moved = 0;
    for (size_t k = 0; k < l->n; k++) {
        edit_t *e = &l->items[k];
        size_t n = strlen(e->text);
        if (cursor && !moved && e->start <= *cursor && *cursor <= e->start + n) {
            *cursor += lone_lfs(e->text, *cursor - e->start);
            moved = 1;
        }
        free(e->text);
        e->text = fresh[k];
    }
    free(fresh);
    return 0;
}

void edit_text_to_cr(char *s) {
    char prev = '\0'; /* as written, before this loop rewrote it */
    for (; *s; s++) {
        char c = *s;
        if (c == '\n' && prev != '\r') *s = '\r';
        prev = c;
    }
}

void edit_list_to_cr(edit_list_t *l) {
    for (size_t k = 0; k < l->n; k++) edit_text_to_cr(l->items[k].text);
}

char *edit_apply(const char *s, size_t n, const edit_list_t *l, size_t *out_len) {
    size_t len = n;
    for (size_t i = 0; i < l->n; i++) len += strlen(l->items[i].text) - (l->items[i].end - l->items[i].start);
    char *d = malloc(len + 1);
    if (!d) return NULL;
    size_t o = 0, from = 0;
    for (size_t i = 0; i < l->n; i++) {
        const edit_t *e = &l->items[i];
        memcpy(d + o, s + from, e->start - from);
        o += e->start - from;
        size_t k = strlen(e->text);
        memcpy(d + o, e->text, k);
        o += k;
        from = e->end;
    }
    memcpy(d + o, s + from, n - from);
    o += n - from;
    d[o] = '\0';
    *out_len = o;
    return d;
}
