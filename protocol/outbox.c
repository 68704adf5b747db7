/* outbox.c: the session's waiting output, oldest first. */
#include "outbox.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

void outbox_free(outbox_t *o) {
    for (size_t i = o->head; i < o->n; i++) {
        free(o->items[i].buf);
        free(o->items[i].key);
    }
    free(o->items);
    memset(o, 0, sizeof *o);
}

int outbox_put(outbox_t *o, char *buf, size_t len, const char *key) {
    /* A linear search, but only over keyed items when there are any: one
     * publish per document and batch, against a few thousand waiting items. */
    for (size_t i = o->head; key && o->keyed && i < o->n; i++) {
        outbox_item_t *it = &o->items[i];
        if (!it->key || strcmp(it->key, key) != 0) continue;
        o->bytes = o->bytes - it->len + len;
        free(it->buf);
        it->buf = buf;
        it->len = len;
        return 0;
    }
    if (o->head == o->n) o->head = o->n = 0;
    if (o->head > 0 && o->n == o->cap) {
        /* Reuse the room the taken items left before growing. */
        memmove(o->items, o->items + o->head, (o->n - o->head) * sizeof *o->items);
        o->n -= o->head;
        o->head = 0;
    }
    char *k = NULL;
    if (key && !(k = strdup(key))) return -1;
    if (VEC_RESERVE(o->items, o->cap, o->n + 1) < 0) {
        free(k);
        return -1;
    }
    o->items[o->n++] = (outbox_item_t){buf, len, k};
    o->bytes += len;
    o->keyed += k != NULL;
    return 0;
}

char *outbox_take(outbox_t *o, size_t *len) {
    if (o->head == o->n) return NULL;
    outbox_item_t it = o->items[o->head++];
    o->bytes -= it.len;
    o->keyed -= it.key != NULL;
    free(it.key);
    *len = it.len;
    return it.buf;
}
