/* ascii.h: ASCII character classes and case-insensitive comparison, the way
 * Markdown, HTTP headers and file names need them: locale-free (tolower()
 * would fold by the C locale) and on counted strings, so a span of the
 * document compares without a copy. */
#ifndef PLANLS_ASCII_H
#define PLANLS_ASCII_H

#include <stddef.h>
#include <string.h>

static inline int ascii_is_blank(char c) { return c == ' ' || c == '\t'; }
static inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Each compares s[0..n) with p[0..k), ignoring ASCII case. */
int ascii_equal_ci(const char *s, size_t n, const char *p, size_t k);
/* s starts with p. */
int ascii_prefix_ci(const char *s, size_t n, const char *p, size_t k);
/* s ends with p. */
int ascii_suffix_ci(const char *s, size_t n, const char *p, size_t k);
/* p occurs in s (an empty p does). */
int ascii_contains_ci(const char *s, size_t n, const char *p, size_t k);

/* The same with a NUL-terminated p. */
static inline int ascii_starts_ci(const char *s, size_t n, const char *p) {
    return ascii_prefix_ci(s, n, p, strlen(p));
}
static inline int ascii_has_ci(const char *s, size_t n, const char *p) { return ascii_contains_ci(s, n, p, strlen(p)); }

#endif
