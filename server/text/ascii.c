/* ascii.c: case-insensitive comparison of counted strings (see ascii.h). */
#include "ascii.h"

int ascii_prefix_ci(const char *s, size_t n, const char *p, size_t k) {
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (ascii_lower(s[i]) != ascii_lower(p[i])) return 0;
    return 1;
}

int ascii_equal_ci(const char *s, size_t n, const char *p, size_t k) { return n == k && ascii_prefix_ci(s, n, p, k); }

int ascii_suffix_ci(const char *s, size_t n, const char *p, size_t k) {
    return n >= k && ascii_prefix_ci(s + n - k, k, p, k);
}

int ascii_contains_ci(const char *s, size_t n, const char *p, size_t k) {
    for (size_t i = 0; i + k <= n; i++)
        if (ascii_prefix_ci(s + i, n - i, p, k)) return 1;
    return 0;
}
