/* outbox.h: what the session has written but not yet handed to the
 * transport, in order. A message may carry a key (a document's URI for
 * publishDiagnostics): only the newest message of a key matters, so a newer
 * one takes the place of the one still waiting. No I/O. */
#ifndef PLANLS_OUTBOX_H
#define PLANLS_OUTBOX_H

#include <stddef.h>

typedef struct {
    char *buf; /* owned: framed bytes */
    size_t len;
    char *key; /* owned, or NULL */
} outbox_item_t;

typedef struct {
    outbox_item_t *items; /* owned; items[head .. n) wait */
    size_t head, n, cap;
    size_t bytes; /* sum of the waiting lengths */
    size_t keyed; /* waiting items with a key */
} outbox_t;

void outbox_free(outbox_t *o);
/* Appends buf (stolen). With a key (borrowed, copied), a waiting message of
 * that key is replaced in its place instead. Returns 0, or -1 out of memory
 * (buf is then still the caller's). */
int outbox_put(outbox_t *o, char *buf, size_t len, const char *key);
/* The oldest waiting message (caller frees), *len set; NULL when none. */
char *outbox_take(outbox_t *o, size_t *len);
static inline int outbox_empty(const outbox_t *o) { return o->head == o->n; }

#endif
