/* text.h: a document's bytes plus an incrementally maintained line index, and
 * exact conversion between LSP positions (in the negotiated encoding) and byte
 * offsets. Pure: no libuv, no JSON. */
#ifndef PLANLS_TEXT_H
#define PLANLS_TEXT_H

#include <stddef.h>

typedef enum {
    POS_UTF8 = 0,  /* character = UTF-8 code units (bytes) */
    POS_UTF16 = 1, /* character = UTF-16 code units (LSP default) */
    POS_UTF32 = 2  /* character = Unicode code points */
} pos_encoding_t;

/* Line terminators are "\n", "\r\n" and a lone "\r", as in LSP and CommonMark.
 * lines[k] is the byte offset where line k starts; lines[0] == 0 and there is
 * always at least one line (an empty document has one empty line). A document
 * ending with a terminator has a last, empty line after it. */
typedef struct {
    char *data; /* owned; always NUL-terminated at data[len] (may also hold NULs inside) */
    size_t len;
    size_t cap;
    size_t *lines; /* owned */
    size_t nlines;
    size_t lines_cap;
    /* A known position on one line, so that conversions along a very long
     * line do not each walk it from its start. Updated by the const
     * conversion functions (a cache: it never changes what they return). */
    struct {
        int valid;
        pos_encoding_t enc;
        size_t line, off, units;
    } memo;
} text_t;

/* Copies data. Returns 0, or -1 on allocation failure. */
int text_init(text_t *t, const char *data, size_t len);
/* Takes over data (malloc'd, NUL-terminated at len) without copying it; on
 * failure data is freed too. Returns 0, or -1 on allocation failure. */
int text_adopt(text_t *t, char *data, size_t len);
void text_free(text_t *t);

/* Replaces bytes [start, end) with s[0..n). start/end are clamped to the text
 * and swapped when end < start is impossible: callers pass start <= end <= len.
 * The line index is updated locally (only the lines around the edit are
 * rescanned; later line starts are shifted). Returns 0, or -1 on allocation
 * failure (text unchanged). */
int text_replace(text_t *t, size_t start, size_t end, const char *s, size_t n);

/* Line containing byte offset off (off clamped to len). O(log lines). */
size_t text_line_of(const text_t *t, size_t off);
/* Start offset of line (line clamped to nlines-1). */
size_t text_line_start(const text_t *t, size_t line);
/* Offset just past the line's content, before its terminator. */
size_t text_line_end(const text_t *t, size_t line);
/* Offset just past the line's terminator (== len on the last line). */
size_t text_line_next(const text_t *t, size_t line);
/* Is the line empty or made of spaces and tabs only? */
int text_line_is_blank(const text_t *t, size_t line);
/* Does the text end its lines with "\r\n" (as its first line does)? */
int text_crlf(const text_t *t);
/* Does it end them with a lone "\r" (as its first line does)? */
int text_cr(const text_t *t);

/* LSP position -> byte offset. Never trusts its input: a negative line gives 0,
 * a line past the end gives len; a character past the end of the line clamps to
 * the line's end (before the terminator); a character that falls inside a
 * multi-unit character (a surrogate pair half, a UTF-8 continuation) rounds
 * down to that character's start. Invalid UTF-8 bytes count as one code unit
 * each in every encoding. */
size_t text_offset_at(const text_t *t, long line, long character, pos_encoding_t enc);

/* Byte offset -> LSP position (offset clamped to len, and rounded down to a
 * character start). */
void text_position_of(const text_t *t, size_t off, pos_encoding_t enc, long *line, long *character);

/* Number of code units of enc in bytes s[0..n). */
size_t text_units(const char *s, size_t n, pos_encoding_t enc);

#endif
