/* strbuf.h: a growable string for building edits and messages. */
#ifndef PLANLS_STRBUF_H
#define PLANLS_STRBUF_H

#include <stddef.h>

typedef struct {
    char *s; /* owned, NUL-terminated once anything was added */
    size_t n, cap;
    int failed; /* an allocation failed: the content is incomplete */
} strbuf_t;

void sb_addn(strbuf_t *b, const char *s, size_t n);
void sb_add(strbuf_t *b, const char *s);
void sb_printf(strbuf_t *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s[0..n) with each byte that is not part of well-formed UTF-8
 * written as U+FFFD: text from a file, for a JSON string (jansson refuses
 * ill-formed UTF-8). */
void sb_add_utf8(strbuf_t *b, const char *s, size_t n);
/* Hands over the string (new, caller frees; "" when empty); NULL after a
 * failed allocation. The buffer is reset. */
char *sb_take(strbuf_t *b);

#endif
