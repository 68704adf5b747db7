/* text.c: document bytes, an incrementally maintained line index, and LSP
 * position <-> byte offset conversion. See text.h for the contract. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"

/* Whether a line starts at offset p (0 < p <= len). It depends only on the two
 * bytes around p, which is what makes local rescanning possible: after "\n",
 * or after a "\r" not followed by "\n". data[len] is the NUL terminator, so a
 * final lone "\r" correctly starts an empty last line. */
static int starts_line(const char *d, size_t p) { return d[p - 1] == '\n' || (d[p - 1] == '\r' && d[p] != '\n'); }

/* Index of the first line start >= off (lines[] is strictly increasing). */
static size_t lower_bound(const text_t *t, size_t off) {
    size_t lo = 0, hi = t->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Builds the line index of t's text. */
static int index_lines(text_t *t) {
    size_t n = 1;
    for (size_t p = 1; p <= t->len; p++) n += (size_t)starts_line(t->data, p);
    if (VEC_RESERVE(t->lines, t->lines_cap, n) < 0) {
        text_free(t);
        return -1;
    }
    t->lines[0] = 0;
    t->nlines = 1;
    for (size_t p = 1; p <= t->len; p++)
        if (starts_line(t->data, p)) t->lines[t->nlines++] = p;
    return 0;
}

int text_init(text_t *t, const char *data, size_t len) {
    memset(t, 0, sizeof *t);
    if (VEC_RESERVE(t->data, t->cap, len + 1) < 0) return -1;
    if (len) memcpy(t->data, data, len);
    t->data[len] = '\0';
    t->len = len;
    return index_lines(t);
}

int text_adopt(text_t *t, char *data, size_t len) {
    memset(t, 0, sizeof *t);
    t->data = data;
    t->len = len;
    t->cap = len + 1;
    return index_lines(t);
}

void text_free(text_t *t) {
    free(t->data);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

/* Only positions q in [start, start+n] of the new text can change line-start
 * status: starts_line(q) reads bytes q-1 and q, and both are untouched bytes
 * exactly when q < start or q > start+n. So old starts below start are kept,
 * old starts above end are shifted by the byte delta, and the n+1 positions in
 * between are rescanned. This covers CRLF joins and splits at either edge (a
 * "\n" inserted after a "\r", the "\n" of a "\r\n" deleted, ...) because the
 * rescan includes both boundary positions. s must not point into t->data. */
int text_replace(text_t *t, size_t start, size_t end, const char *s, size_t n) {
    t->memo.valid = 0;
    if (start > t->len) start = t->len;
    if (end > t->len) end = t->len;
    if (end < start) {
        size_t tmp = start;
        start = end;
        end = tmp;
    }
    size_t removed = end - start;
    if (n > SIZE_MAX - 1 - (t->len - removed)) return -1;
    size_t newlen = t->len - removed + n;

    /* Lines [0, keep) survive as is; lines [tail, nlines) move by the delta.
     * lines[0] == 0 is always kept even when the edit starts at 0. */
    size_t keep = lower_bound(t, start);
    if (keep == 0) keep = 1;
    size_t tail = lower_bound(t, end + 1);
    size_t ntail = t->nlines - tail;

    /* Reserve everything before touching anything, so failure leaves the text
     * unchanged (realloc preserves contents). At most n+1 rescanned starts. */
    if (VEC_RESERVE(t->data, t->cap, newlen + 1) < 0 || VEC_RESERVE(t->lines, t->lines_cap, keep + n + 1 + ntail) < 0)
        return -1;

    /* Bytes, including the trailing NUL, which starts_line relies on. */
    memmove(t->data + start + n, t->data + end, t->len - end + 1);
    if (n) memcpy(t->data + start, s, n);
    t->len = newlen;

    size_t first = start ? start : 1, last = start + n, found = 0;
    for (size_t q = first; q <= last; q++) found += (size_t)starts_line(t->data, q);

    size_t *dst = t->lines + keep + found;
    memmove(dst, t->lines + tail, ntail * sizeof *t->lines);
    for (size_t i = 0; i < ntail; i++) dst[i] = dst[i] - removed + n; /* dst[i] > end >= removed: no wrap */

    size_t k = keep;
    for (size_t q = first; q <= last; q++)
        if (starts_line(t->data, q)) t->lines[k++] = q;
    t->nlines = keep + found + ntail;
    return 0;
}

size_t text_line_of(const text_t *t, size_t off) {
    if (off > t->len) off = t->len;
    /* The last line whose start is <= off. lines[0] == 0 makes this >= 1. */
    return lower_bound(t, off + 1) - 1;
}

size_t text_line_start(const text_t *t, size_t line) {
    if (line >= t->nlines) line = t->nlines - 1;
    return t->lines[line];
}

size_t text_line_next(const text_t *t, size_t line) {
    if (line + 1 >= t->nlines) return t->len;
    return t->lines[line + 1];
}

int text_crlf(const text_t *t) {
    if (t->nlines < 2) return 0;
    size_t next = t->lines[1];
    return next >= 2 && t->data[next - 2] == '\r' && t->data[next - 1] == '\n';
}

int text_cr(const text_t *t) {
    if (t->nlines < 2) return 0;
    size_t next = t->lines[1];
    return t->data[next - 1] == '\r';
}

int text_line_is_blank(const text_t *t, size_t line) {
    for (size_t i = text_line_start(t, line), e = text_line_end(t, line); i < e; i++)
        if (t->data[i] != ' ' && t->data[i] != '\t') return 0;
    return 1;
}

size_t text_line_end(const text_t *t, size_t line) {
    if (line + 1 >= t->nlines) return t->len;
    size_t start = t->lines[line], next = t->lines[line + 1];
    /* A line that is followed by another ends in "\n", "\r\n" or "\r". */
    if (next - start >= 2 && t->data[next - 1] == '\n' && t->data[next - 2] == '\r') return next - 2;
    return next - 1;
}

/* Length of the character at s[0..n): an invalid or truncated byte is a
 * character of its own. */
static size_t char_len(const unsigned char *s, size_t n) {
    size_t len = utf8_len(s, n);
    return len ? len : 1;
}

/* Code units of enc taken by a character of UTF-8 length len. Only 4-byte
 * sequences lie outside the BMP, needing a UTF-16 surrogate pair. */
static size_t char_units(size_t len, pos_encoding_t enc) {
    switch (enc) {
    case POS_UTF8: return len;
    case POS_UTF32: return 1;
    case POS_UTF16:
    default: return len == 4 ? 2 : 1;
    }
}

size_t text_units(const char *s, size_t n, pos_encoding_t enc) {
    const unsigned char *u = (const unsigned char *)s;
    size_t units = 0;
    for (size_t i = 0; i < n;) {
        size_t l = char_len(u + i, n - i);
        units += char_units(l, enc);
        i += l;
    }
    return units;
}

/* The memo is a cache inside a text the callers hold as const. */
static void remember(const text_t *t, pos_encoding_t enc, size_t line, size_t off, size_t units) {
    text_t *m = (text_t *)t;
    m->memo.valid = 1;
    m->memo.enc = enc;
    m->memo.line = line;
    m->memo.off = off;
    m->memo.units = units;
}

size_t text_offset_at(const text_t *t, long line, long character, pos_encoding_t enc) {
    if (line < 0) return 0;
    if ((unsigned long)line >= t->nlines) return t->len;
    size_t pos = t->lines[line], end = text_line_end(t, (size_t)line);
    if (character <= 0) return pos;
    /* Walk whole characters; stop before one that would overshoot, which
     * rounds a position inside a surrogate pair or UTF-8 sequence down. */
    const unsigned char *d = (const unsigned char *)t->data;
    unsigned long left = (unsigned long)character;
    if (t->memo.valid && t->memo.enc == enc && t->memo.line == (size_t)line && t->memo.units <= left) {
        pos = t->memo.off;
        left -= t->memo.units;
    }
    while (pos < end) {
        size_t l = char_len(d + pos, end - pos);
        size_t u = char_units(l, enc);
        if (u > left) break;
        left -= u;
        pos += l;
    }
    remember(t, enc, (size_t)line, pos, (size_t)character - left);
    return pos;
}

void text_position_of(const text_t *t, size_t off, pos_encoding_t enc, long *line, long *character) {
    if (off > t->len) off = t->len;
    size_t k = text_line_of(t, off);
    size_t pos = t->lines[k], end = text_line_end(t, k);
    /* Between the "\r" and "\n" of a CRLF no LSP position exists; the
     * nearest one before it is the end of the line's content. */
    if (off > end) off = end;
    const unsigned char *d = (const unsigned char *)t->data;
    size_t units = 0;
    if (t->memo.valid && t->memo.enc == enc && t->memo.line == k && t->memo.off <= off) {
        pos = t->memo.off;
        units = t->memo.units;
    }
    while (pos < off) {
        size_t l = char_len(d + pos, end - pos);
        if (l > off - pos) break; /* off is inside this character: round down to its start */
        units += char_units(l, enc);
        pos += l;
    }
    remember(t, enc, k, pos, units);
    *line = (long)k;
    *character = (long)units;
}
