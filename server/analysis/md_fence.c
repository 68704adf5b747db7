/* md_fence.c: code fence lines (CommonMark 4.5). */
#include "md_fence.h"

#include <string.h>

size_t md_fence_opens(const char *s, size_t n, char *mark) {
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    if (i == n || (s[i] != '`' && s[i] != '~')) return 0;
    size_t k = i;
    while (k < n && s[k] == s[i]) k++;
    if (k - i < 3 || (s[i] == '`' && memchr(s + k, '`', n - k))) return 0;
    *mark = s[i];
    return k - i;
}

int md_fence_closes(const char *s, size_t n, char mark, size_t len) {
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    size_t k = i;
    while (k < n && s[k] == mark) k++;
    if (k - i < len) return 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
    return k == n;
}
