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
