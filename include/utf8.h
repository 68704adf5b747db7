/* utf8.h: the one UTF-8 decoder. Positions, JSON escapes and the JSON writer
 * all ask the same question (how long is the well-formed sequence here?), and
 * must agree on the answer, or a column counted by one disagrees with a string
 * written by another. Inline because it runs per character in every position
 * conversion. */
#ifndef PLANLS_UTF8_H
#define PLANLS_UTF8_H

#include <stddef.h>

/* Length (1-4) of the well-formed UTF-8 sequence at s[0..n), n >= 1, or 0 when
 * it is ill-formed or truncated (Unicode's table 3-7: no overlongs, no
 * surrogates, nothing above U+10FFFF; jansson's utf8_check_full agrees). */
static inline size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0], lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    size_t len;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0; /* overlong */
    else if (c == 0xED)
        hi = 0x9F; /* UTF-16 surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* past U+10FFFF */
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return len;
}

#endif
