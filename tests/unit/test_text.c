/* test_text.c: text_t bytes, line index (incremental vs. rebuilt from scratch)
 * and LSP position conversion in all three encodings. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "text.h"
#include "unit.h"

#define EMOJI "\xF0\x9F\x98\x80"         /* U+1F600: 4 bytes, 2 UTF-16 units */
#define PAUSE "\xE2\x8F\xB8\xEF\xB8\x8F" /* U+23F8 U+FE0F: 6 bytes, 2 units */
#define CJK "\xE4\xB8\xAD"               /* U+4E2D: 3 bytes, 1 unit */
#define E_ACUTE "e\xCC\x81"              /* e + U+0301 combining acute */

static const pos_encoding_t encs[] = {POS_UTF8, POS_UTF16, POS_UTF32};

/* Independent oracle: decode one UTF-8 character by computing its code point,
 * rejecting overlongs, surrogates and values past U+10FFFF; 1 if invalid. */
static size_t oracle_len(const unsigned char *s, size_t n) {
    size_t len;
    uint32_t cp, min;
    if (s[0] < 0x80) return 1;
    if ((s[0] & 0xE0) == 0xC0)
        len = 2, cp = s[0] & 0x1F, min = 0x80;
    else if ((s[0] & 0xF0) == 0xE0)
        len = 3, cp = s[0] & 0x0F, min = 0x800;
    else if ((s[0] & 0xF8) == 0xF0)
        len = 4, cp = s[0] & 0x07, min = 0x10000;
    else
        return 1;
    if (n < len) return 1;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 1;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
    return len;
}

static size_t oracle_units(size_t len, pos_encoding_t enc) {
    return enc == POS_UTF8 ? len : enc == POS_UTF32 ? 1 : len == 4 ? 2 : 1;
}

/* Line starts rebuilt from scratch with a plain scan; returns the count. */
static size_t oracle_lines(const char *d, size_t len, size_t *out) {
    size_t n = 0;
    out[n++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (d[i] == '\n')
            out[n++] = i + 1;
        else if (d[i] == '\r') {
            if (i + 1 < len && d[i + 1] == '\n') i++;
            out[n++] = i + 1;
        }
    }
    return n;
}

/* Compares t against the expected bytes and a from-scratch line index.
 * Returns 1 if all matched (so callers can stop a random run on first error). */
static int check_against(const text_t *t, const char *want, size_t want_len) {
    int before = unit_failures;
    CHECK_INT(t->len, want_len);
    if (t->len != want_len) return 0;
    CHECK(memcmp(t->data, want, want_len) == 0);
    CHECK_INT(t->data[t->len], 0);
    size_t *ref = malloc((want_len + 1) * sizeof *ref);
    size_t nref = oracle_lines(want, want_len, ref);
    CHECK_INT(t->nlines, nref);
    if (t->nlines == nref) CHECK(memcmp(t->lines, ref, nref * sizeof *ref) == 0);
    free(ref);
    return unit_failures == before;
}

/* Every character boundary round-trips offset -> position -> offset in every
 * encoding, with the character computed independently; offsets inside a
 * character round down to its start. */
static int check_positions(const text_t *t) {
    int before = unit_failures;
    const unsigned char *d = (const unsigned char *)t->data;
    for (size_t k = 0; k < t->nlines && unit_failures == before; k++) {
        size_t start = text_line_start(t, k), end = text_line_end(t, k);
        for (size_t e = 0; e < 3; e++) {
            size_t pos = start, units = 0;
            for (;;) {
                long line, ch;
                text_position_of(t, pos, encs[e], &line, &ch);
                CHECK_INT(line, k);
                CHECK_INT(ch, units);
                CHECK_INT(text_offset_at(t, line, ch, encs[e]), pos);
                if (pos >= end) break;
                size_t l = oracle_len(d + pos, end - pos);
                for (size_t i = 1; i < l; i++) {
                    text_position_of(t, pos + i, encs[e], &line, &ch);
                    CHECK_INT(ch, units);
                }
                units += oracle_units(l, encs[e]);
                pos += l;
            }
            CHECK_INT(text_units(t->data + start, end - start, encs[e]), units);
        }
    }
    return unit_failures == before;
}

static void test_empty(void) {
    text_t t;
    CHECK_INT(text_init(&t, NULL, 0), 0);
    CHECK_INT(t.nlines, 1);
    CHECK_INT(t.lines[0], 0);
    CHECK_INT(t.data[0], 0);
    CHECK_INT(text_line_end(&t, 0), 0);
    CHECK_INT(text_line_next(&t, 0), 0);
    CHECK_INT(text_offset_at(&t, 0, 5, POS_UTF16), 0);
    CHECK_INT(text_offset_at(&t, 3, 0, POS_UTF16), 0);
    long line = -1, ch = -1;
    text_position_of(&t, 10, POS_UTF16, &line, &ch);
    CHECK_INT(line, 0);
    CHECK_INT(ch, 0);
    text_free(&t);
}

static void test_line_endings(void) {
    /* Lines: "a" LF, "bc" CRLF, "d" CR, "" CRLF, "e" CR, "" (final empty). */
    const char *s = "a\nbc\r\nd\r\r\ne\r";
    text_t t;
    CHECK_INT(text_init(&t, s, strlen(s)), 0);
    CHECK_INT(t.nlines, 6);
    size_t want[] = {0, 2, 6, 8, 10, 12};
    for (size_t i = 0; i < 6; i++) CHECK_INT(t.lines[i], want[i]);
    CHECK_INT(text_line_end(&t, 1), 4); /* before "\r\n" */
    CHECK_INT(text_line_next(&t, 1), 6);
    CHECK_INT(text_line_end(&t, 2), 7); /* before lone "\r" */
    CHECK_INT(text_line_end(&t, 3), 8); /* empty line */
    CHECK_INT(text_line_next(&t, 3), 10);
    CHECK_INT(text_line_end(&t, 5), 12); /* last line */
    CHECK_INT(text_line_next(&t, 5), 12);
    CHECK_INT(text_line_start(&t, 99), 12); /* clamped to the last line */
    CHECK_INT(text_line_of(&t, 0), 0);
    CHECK_INT(text_line_of(&t, 1), 0); /* the "\n" belongs to line 0 */
    CHECK_INT(text_line_of(&t, 5), 1); /* the "\n" of "\r\n" too */
    CHECK_INT(text_line_of(&t, 6), 2);
    CHECK_INT(text_line_of(&t, 11), 4);
    CHECK_INT(text_line_of(&t, 12), 5);
    CHECK_INT(text_line_of(&t, 1000), 5);

    /* Past-the-end character clamps before the terminator, never into it. */
    CHECK_INT(text_offset_at(&t, 1, 99, POS_UTF16), 4);
    CHECK_INT(text_offset_at(&t, 2, 99, POS_UTF8), 7);
    /* Between "\r" and "\n": rounds down to the end of the content. */
    long line, ch;
    text_position_of(&t, 5, POS_UTF16, &line, &ch);
    CHECK_INT(line, 1);
    CHECK_INT(ch, 2);
    /* "\r\n\r" must be two terminators, not three. */
    text_free(&t);
    CHECK_INT(text_init(&t, "\r\n\r", 3), 0);
    CHECK_INT(t.nlines, 3);
    CHECK_INT(t.lines[1], 2);
    CHECK_INT(t.lines[2], 3);
    text_free(&t);
    /* NUL bytes inside are ordinary characters. */
    CHECK_INT(text_init(&t, "a\0b\nc", 5), 0);
    CHECK_INT(t.nlines, 2);
    CHECK_INT(text_line_end(&t, 0), 3);
    CHECK_INT(text_offset_at(&t, 0, 2, POS_UTF16), 2);
    text_free(&t);
}

static void test_unicode(void) {
    /* Line 0: "a😀b", line 1: "⏸️x", line 2: "中文é" with combining mark. */
    const char *s = "a" EMOJI "b\n" PAUSE "x\r\n" CJK CJK E_ACUTE;
    text_t t;
    CHECK_INT(text_init(&t, s, strlen(s)), 0);
    CHECK_INT(t.nlines, 3);

    /* Emoji: 4 bytes, 2 UTF-16 units, 1 code point. */
    CHECK_INT(text_units(EMOJI, 4, POS_UTF8), 4);
    CHECK_INT(text_units(EMOJI, 4, POS_UTF16), 2);
    CHECK_INT(text_units(EMOJI, 4, POS_UTF32), 1);
    CHECK_INT(text_offset_at(&t, 0, 3, POS_UTF16), 5); /* before "b" */
    CHECK_INT(text_offset_at(&t, 0, 2, POS_UTF32), 5);
    CHECK_INT(text_offset_at(&t, 0, 5, POS_UTF8), 5);
    /* Inside the surrogate pair rounds down to the emoji's start. */
    CHECK_INT(text_offset_at(&t, 0, 2, POS_UTF16), 1);
    /* Inside the UTF-8 sequence likewise. */
    for (long c = 2; c <= 4; c++) CHECK_INT(text_offset_at(&t, 0, c, POS_UTF8), 1);
    long line, ch;
    for (size_t off = 1; off <= 4; off++) {
        text_position_of(&t, off, POS_UTF16, &line, &ch);
        CHECK_INT(line, 0);
        CHECK_INT(ch, 1);
    }
    text_position_of(&t, 6, POS_UTF16, &line, &ch); /* after "b" */
    CHECK_INT(ch, 4);
    text_position_of(&t, 6, POS_UTF32, &line, &ch);
    CHECK_INT(ch, 3);

    /* ⏸️: two BMP code points, 6 bytes, 2 UTF-16 units. */
    CHECK_INT(text_units(PAUSE, 6, POS_UTF8), 6);
    CHECK_INT(text_units(PAUSE, 6, POS_UTF16), 2);
    CHECK_INT(text_units(PAUSE, 6, POS_UTF32), 2);
    size_t l1 = t.lines[1];
    CHECK_INT(text_offset_at(&t, 1, 1, POS_UTF16), l1 + 3); /* between U+23F8 and U+FE0F */
    CHECK_INT(text_offset_at(&t, 1, 2, POS_UTF16), l1 + 6);
    CHECK_INT(text_offset_at(&t, 1, 3, POS_UTF16), l1 + 7); /* end, before "\r\n" */
    CHECK_INT(text_offset_at(&t, 1, 40, POS_UTF16), l1 + 7);
    text_position_of(&t, l1 + 7, POS_UTF16, &line, &ch);
    CHECK_INT(line, 1);
    CHECK_INT(ch, 3);

    /* CJK: 3 bytes, one unit in UTF-16 and UTF-32; a combining mark is a code
     * point of its own (positions count code units, not graphemes). */
    size_t l2 = t.lines[2];
    CHECK_INT(text_offset_at(&t, 2, 1, POS_UTF16), l2 + 3);
    CHECK_INT(text_offset_at(&t, 2, 2, POS_UTF32), l2 + 6);
    CHECK_INT(text_offset_at(&t, 2, 3, POS_UTF16), l2 + 7); /* between e and U+0301 */
    CHECK_INT(text_offset_at(&t, 2, 4, POS_UTF16), l2 + 9);
    CHECK_INT(text_offset_at(&t, 2, 4, POS_UTF8), l2 + 3); /* inside 2nd CJK */
    text_position_of(&t, l2 + 8, POS_UTF16, &line, &ch);   /* inside U+0301 */
    CHECK_INT(line, 2);
    CHECK_INT(ch, 3);
    text_position_of(&t, t.len, POS_UTF16, &line, &ch);
    CHECK_INT(line, 2);
    CHECK_INT(ch, 4);
    text_position_of(&t, t.len, POS_UTF8, &line, &ch);
    CHECK_INT(ch, 9);
    CHECK(check_positions(&t));
    text_free(&t);
}

static void test_clamping(void) {
    const char *s = "ab\n" EMOJI "\n";
    text_t t;
    CHECK_INT(text_init(&t, s, strlen(s)), 0);
    CHECK_INT(t.nlines, 3);
    CHECK_INT(text_offset_at(&t, -1, 0, POS_UTF16), 0);
    CHECK_INT(text_offset_at(&t, -5, 99, POS_UTF16), 0);
    CHECK_INT(text_offset_at(&t, 3, 0, POS_UTF16), t.len);
    CHECK_INT(text_offset_at(&t, 1000000, 0, POS_UTF8), t.len);
    CHECK_INT(text_offset_at(&t, 0, -3, POS_UTF16), 0);
    CHECK_INT(text_offset_at(&t, 0, 99, POS_UTF16), 2);
    CHECK_INT(text_offset_at(&t, 1, 1, POS_UTF16), 3); /* surrogate half */
    CHECK_INT(text_offset_at(&t, 1, 3, POS_UTF16), 7); /* past end */
    CHECK_INT(text_offset_at(&t, 2, 7, POS_UTF16), 8); /* empty last line */
    long line, ch;
    text_position_of(&t, (size_t)-1, POS_UTF16, &line, &ch);
    CHECK_INT(line, 2);
    CHECK_INT(ch, 0);
    text_free(&t);
}

static void test_invalid_utf8(void) {
    /* Each invalid byte is one unit in every encoding: a stray continuation,
     * 0xFF, a truncated 3-byte sequence, an overlong "/", an encoded surrogate
     * and a code point past U+10FFFF. */
    struct {
        const char *s;
        size_t n;
    } cases[] = {{"\x80", 1},        {"\xFF", 1},         {"\xE4\xB8", 2},
                 {"\xC0\xAF", 2},    {"\xED\xA0\x80", 3}, {"\xF4\x90\x80\x80", 4},
                 {"\xF0\x9F\x98", 3}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (size_t e = 0; e < 3; e++) CHECK_INT(text_units(cases[i].s, cases[i].n, encs[e]), cases[i].n);
    /* Truncated sequence followed by ASCII: the "a" is not swallowed. */
    const char *s = "\xE4\xB8"
                    "a" EMOJI;
    text_t t;
    CHECK_INT(text_init(&t, s, strlen(s)), 0);
    CHECK_INT(text_offset_at(&t, 0, 1, POS_UTF16), 1);
    CHECK_INT(text_offset_at(&t, 0, 3, POS_UTF32), 3);
    CHECK_INT(text_offset_at(&t, 0, 5, POS_UTF16), 7);
    CHECK(check_positions(&t));
    text_free(&t);
}

/* Applies one edit both to t and to a plain shadow buffer, then compares. */
static int edit(text_t *t, char *shadow, size_t *slen, size_t start, size_t end, const char *s) {
    size_t n = strlen(s);
    CHECK_INT(text_replace(t, start, end, s, n), 0);
    memmove(shadow + start + n, shadow + end, *slen - end);
    memcpy(shadow + start, s, n);
    *slen = *slen - (end - start) + n;
    return check_against(t, shadow, *slen);
}

static void test_crlf_edits(void) {
    char shadow[256];
    size_t slen;
    text_t t;
#define RESET(str)                                                                                                     \
    do {                                                                                                               \
        text_free(&t);                                                                                                 \
        slen = strlen(str);                                                                                            \
        memcpy(shadow, str, slen);                                                                                     \
        CHECK_INT(text_init(&t, str, slen), 0);                                                                        \
    } while (0)
    CHECK_INT(text_init(&t, NULL, 0), 0);

    RESET("ab\rcd");
    CHECK(edit(&t, shadow, &slen, 3, 3, "\n")); /* "\r" + "\n" joins into CRLF */
    CHECK_INT(t.nlines, 2);
    CHECK_INT(t.lines[1], 4);
    CHECK(edit(&t, shadow, &slen, 3, 4, "")); /* delete the "\n" of "\r\n" */
    CHECK_INT(t.lines[1], 3);
    CHECK(edit(&t, shadow, &slen, 2, 3, "")); /* delete the lone "\r" */
    CHECK_INT(t.nlines, 1);

    RESET("ab\ncd");
    CHECK(edit(&t, shadow, &slen, 2, 2, "\r")); /* "\r" before "\n" */
    CHECK_INT(t.nlines, 2);
    CHECK_INT(t.lines[1], 4);
    CHECK(edit(&t, shadow, &slen, 3, 3, "x")); /* split the CRLF apart */
    CHECK_INT(t.nlines, 3);
    CHECK(edit(&t, shadow, &slen, 3, 4, "")); /* and rejoin it */
    CHECK_INT(t.nlines, 2);

    RESET("a\r\nb");
    CHECK(edit(&t, shadow, &slen, 1, 2, ""));         /* delete the "\r" of "\r\n" */
    CHECK(edit(&t, shadow, &slen, 2, 2, "\r"));       /* "\n" then "\r" at end... */
    CHECK(edit(&t, shadow, &slen, 3, 3, "\n"));       /* ...then "\n": "\r\n" */
    CHECK(edit(&t, shadow, &slen, 0, 0, "\n"));       /* insert at 0 */
    CHECK(edit(&t, shadow, &slen, slen, slen, "\r")); /* trailing lone "\r" */
    CHECK_INT(t.lines[t.nlines - 1], t.len);
    CHECK(edit(&t, shadow, &slen, slen, slen, "\n")); /* completes the CRLF */
    CHECK(edit(&t, shadow, &slen, 0, slen, ""));      /* delete everything */
    CHECK_INT(t.nlines, 1);
    CHECK(edit(&t, shadow, &slen, 0, 0, "x\r\ny\rz\n" EMOJI));
    CHECK(edit(&t, shadow, &slen, 2, 5, "\r\r")); /* across lines */
    CHECK(check_positions(&t));

    /* Out-of-range and swapped bounds are clamped, not trusted. */
    RESET("abc\n");
    CHECK_INT(text_replace(&t, 99, 200, "Z", 1), 0);
    CHECK_INT(t.len, 5);
    CHECK_INT(t.data[4], 'Z');
    CHECK_INT(text_replace(&t, 3, 1, "", 0), 0);
    CHECK_STR(t.data, "a\nZ");
    CHECK_INT(t.nlines, 2);
    text_free(&t);
#undef RESET
}

static uint64_t rng_state;
static uint32_t rnd(void) { /* xorshift64*: seeded, reproducible */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static void test_random(void) {
    static const char *const pieces[] = {
        "a",     "b",        " ",    "\r",   "\n",       "\r\n",     "\n\r",         "\r\r", EMOJI,      PAUSE, CJK,
        E_ACUTE, "\xC3\xA9", "\xFF", "\x80", "\xE4\xB8", "\xF0\x9F", "\xED\xA0\x80", "",     "line\r\n", "\n\n"};
    const size_t npieces = sizeof pieces / sizeof *pieces;
    enum { MAXLEN = 1024, ROUNDS = 5000 };
    char *shadow = malloc(MAXLEN + 64 * 8);
    char ins[64 * 8];
    size_t slen = 0;
    text_t t;
    CHECK_INT(text_init(&t, NULL, 0), 0);
    rng_state = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < ROUNDS; round++) {
        /* Mostly small edits; the document drifts, kept under MAXLEN. */
        size_t start = slen ? rnd() % (slen + 1) : 0;
        size_t del = rnd() % 4 == 0 ? rnd() % 16 : rnd() % 3;
        if (slen > MAXLEN / 2) del += rnd() % 64;
        size_t end = start + del > slen ? slen : start + del;
        size_t ilen = 0, npick = rnd() % 5;
        if (rnd() % 8 == 0) npick += rnd() % 40;
        for (size_t i = 0; i < npick; i++) {
            const char *p = pieces[rnd() % npieces];
            memcpy(ins + ilen, p, strlen(p));
            ilen += strlen(p);
        }
        ins[ilen] = '\0';
        if (!edit(&t, shadow, &slen, start, end, ins) || !check_positions(&t)) {
            fprintf(stderr, "random: failed at round %d\n", round);
            break;
        }
    }
    text_free(&t);
    free(shadow);
}

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* A 50,000-line document edited one byte at a time in the middle: the local
 * update must cost far less than rebuilding the index. Compared against
 * text_init of the same document rather than an absolute time, so the check
 * holds under sanitizers and on slow machines alike. */
static void test_large_document(void) {
    enum { LINES = 50000, EDITS = 4000, INITS = 5 };
    size_t len = (size_t)LINES * 20;
    char *doc = malloc(len);
    for (size_t i = 0; i < len; i++) doc[i] = i % 20 == 19 ? '\n' : (char)('a' + i % 20);
    text_t t;
    double t0 = now_us();
    for (int i = 0; i < INITS; i++) {
        CHECK_INT(text_init(&t, doc, len), 0);
        if (i < INITS - 1) text_free(&t);
    }
    double init_us = (now_us() - t0) / INITS;
    CHECK_INT(t.nlines, LINES + 1);
    size_t at = len / 2;
    t0 = now_us();
    for (int i = 0; i < EDITS; i++) {
        if (i % 2 == 0)
            text_replace(&t, at, at, i % 4 ? "x" : "\n", 1);
        else
            text_replace(&t, at, at + 1, "", 0);
    }
    double edit_us = (now_us() - t0) / EDITS;
    printf("text: %.1f us per edit, %.1f us per full init, %d lines\n", edit_us, init_us, LINES);
    CHECK(edit_us * 10 < init_us);
    CHECK(check_against(&t, doc, len));
    text_free(&t);
    free(doc);
}

int main(void) {
    test_empty();
    test_line_endings();
    test_unicode();
    test_clamping();
    test_invalid_utf8();
    test_crlf_edits();
    test_random();
    test_large_document();
    return unit_report("text");
}
