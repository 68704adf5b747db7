/* strbuf.c: growable strings. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"

static int reserve(strbuf_t *b, size_t more) {
    if (b->failed) return -1;
    if (b->n + more + 1 <= b->cap) return 0;
    if (more > SIZE_MAX - b->n - 1 || VEC_RESERVE(b->s, b->cap, b->n + more + 1) < 0) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

void sb_addn(strbuf_t *b, const char *s, size_t n) {
    if (reserve(b, n) < 0) return;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void sb_add(strbuf_t *b, const char *s) { sb_addn(b, s, strlen(s)); }

void sb_printf(strbuf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0) return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

char *sb_take(strbuf_t *b) {
    char *s = b->failed ? NULL : b->s ? b->s : strdup("");
    if (b->failed) free(b->s);
    b->s = NULL;
    b->n = b->cap = 0;
    b->failed = 0;
    return s;
}

void sb_add_utf8(strbuf_t *b, const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len((const unsigned char *)s + i, n - i);
        if (k) {
            sb_addn(b, s + i, k);
            i += k;
        } else {
            sb_add(b, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        }
    }
}
