/* ascii.h: ASCII character classes and case-insensitive comparison, the way
 * Markdown, HTTP headers and file names need them: locale-free (tolower()
 * would fold by the C locale) and on counted strings, so a span of the
 * document compares without a copy. Inline: the parser asks these for every
 * list item ("because", "rationale"), and a call per byte showed up as 10 %
 * of a full parse. */
#ifndef PLANLS_ASCII_H
#define PLANLS_ASCII_H

#include <stddef.h>
#include <string.h>

static inline int ascii_is_blank(char c) { return c == ' ' || c == '\t'; }
static inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Each compares s[0..n) with p[0..k), ignoring ASCII case. s starts with p: */
static inline int ascii_prefix_ci(const char *s, size_t n, const char *p, size_t k) {
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (ascii_lower(s[i]) != ascii_lower(p[i])) return 0;
    return 1;
}

/* s is p. */
static inline int ascii_equal_ci(const char *s, size_t n, const char *p, size_t k) {
    return n == k && ascii_prefix_ci(s, n, p, k);
}

/* s ends with p. */
static inline int ascii_suffix_ci(const char *s, size_t n, const char *p, size_t k) {
    return n >= k && ascii_prefix_ci(s + n - k, k, p, k);
}

/* p occurs in s (an empty p does). */
static inline int ascii_contains_ci(const char *s, size_t n, const char *p, size_t k) {
    if (k == 0) return 1;
    char first = ascii_lower(p[0]);
    for (size_t i = 0; i + k <= n; i++)
        if (ascii_lower(s[i]) == first && ascii_prefix_ci(s + i + 1, n - i - 1, p + 1, k - 1)) return 1;
    return 0;
}

/* The same with a NUL-terminated p. */
static inline int ascii_starts_ci(const char *s, size_t n, const char *p) {
    return ascii_prefix_ci(s, n, p, strlen(p));
}
static inline int ascii_has_ci(const char *s, size_t n, const char *p) { return ascii_contains_ci(s, n, p, strlen(p)); }

#endif
