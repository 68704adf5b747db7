/* test_framing.c: the framing state machine, fed in every way a pipe can split it. */
#include <stdint.h>
#include <stdlib.h>

#include "framing.h"
#include "unit.h"

/* Every callback appends to one log, so equal logs mean equal event streams
 * (bodies are logged with their length, so embedded NULs count). */
typedef struct {
    char *buf;
    size_t len, cap;
    int messages, refused, resync;
    int bad_terminator; /* a body arrived without its NUL */
} log_t;

static void log_put(log_t *l, const char *s, size_t n) {
    if (l->len + n + 1 > l->cap) {
        l->cap = (l->len + n + 1) * 2;
        l->buf = realloc(l->buf, l->cap);
        if (!l->buf) abort();
    }
    memcpy(l->buf + l->len, s, n);
    l->len += n;
    l->buf[l->len] = '\0';
}

static void on_message(void *ctx, const char *body, size_t len) {
    log_t *l = ctx;
    char head[32];
    int n = snprintf(head, sizeof head, "M%zu:", len);
    log_put(l, head, (size_t)n);
    log_put(l, body, len);
    log_put(l, "|", 1);
    if (body[len] != '\0') l->bad_terminator++;
    l->messages++;
}

static void on_error(void *ctx, frame_error_t kind, const char *reason) {
    log_t *l = ctx;
    log_put(l, kind == FRAME_RESYNC ? "S:" : "R:", 2);
    log_put(l, reason, strlen(reason));
    log_put(l, "|", 1);
    if (kind == FRAME_RESYNC)
        l->resync++;
    else
        l->refused++;
}

static void log_free(log_t *l) { free(l->buf); }

/* Tiny deterministic PRNG so failures reproduce. */
static uint32_t rng_state;
static uint32_t rng(void) {
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/* Feeds data into a fresh frame in the given chunking and returns the log.
 * chunk > 0: fixed chunk size; chunk == 0: random sizes 1..17. */
static log_t run(const char *data, size_t len, size_t cap, size_t chunk, int *last_rc) {
    log_t l = {0};
    frame_t f;
    frame_init(&f, cap, on_message, on_error, &l);
    size_t i = 0;
    int rc = 0;
    while (i < len) {
        size_t n = chunk ? chunk : 1 + rng() % 17;
        if (n > len - i) n = len - i;
        rc = frame_feed(&f, data + i, n);
        i += n;
    }
    frame_free(&f);
    if (last_rc) *last_rc = rc;
    return l;
}

static log_t run_str(const char *s, size_t cap, int *rc) {
    return run(s, strlen(s), cap, strlen(s) ? strlen(s) : 1, rc);
}

static void test_split_anywhere(void) {
    /* Several messages with mixed-case names, whitespace, Content-Type, an
     * unknown header, a header line without a colon, an empty body, a body
     * with a NUL and CRLFs inside, and a refused one in the middle. */
    static const char stream[] =
        "Content-Length: 5\r\n\r\nhello"
        "content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\nabc"
        "CONTENT-LENGTH: \t 0 \t\r\n\r\n"
        "X-Whatever: 1\r\nthis line has no colon\r\nContent-Length: 4\r\n\r\na\0\r\n"
        "Content-Length: 40\r\n\r\n0123456789012345678901234567890123456789"
        "Content-Length: 7\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        "Content-Length: 2\r\n\r\n\r\n";
    const size_t len = sizeof stream - 1;
    const char expected_head[] = "M5:hello|M3:abc|M0:|M4:a";

    log_t whole = run(stream, len, 32, len, NULL);
    CHECK_INT(whole.messages, 6);
    CHECK_INT(whole.refused, 1);
    CHECK_INT(whole.resync, 0);
    CHECK_INT(whole.bad_terminator, 0);
    CHECK(whole.len > sizeof expected_head && memcmp(whole.buf, expected_head, sizeof expected_head - 1) == 0);
    static const char expected_tail[] =
        "|R:message of 40 bytes exceeds the 32-byte limit; skipped|M7:{\"a\":1}|M2:\r\n|";
    CHECK(whole.len >= sizeof expected_tail - 1 &&
          memcmp(whole.buf + whole.len - (sizeof expected_tail - 1), expected_tail, sizeof expected_tail - 1) == 0);

    log_t bytes = run(stream, len, 32, 1, NULL);
    CHECK(bytes.len == whole.len && memcmp(bytes.buf, whole.buf, whole.len) == 0);
    log_free(&bytes);

    for (uint32_t seed = 1; seed <= 200; seed++) {
        rng_state = seed;
        log_t r = run(stream, len, 32, 0, NULL);
        CHECK(r.len == whole.len && memcmp(r.buf, whole.buf, whole.len) == 0);
        log_free(&r);
    }
    /* Every two-piece split, so each boundary is hit exactly. */
    for (size_t cut = 1; cut < len; cut++) {
        log_t l = {0};
        frame_t f;
        frame_init(&f, 32, on_message, on_error, &l);
        CHECK_INT(frame_feed(&f, stream, cut), 0);
        CHECK_INT(frame_feed(&f, stream + cut, len - cut), 0);
        frame_free(&f);
        CHECK(l.len == whole.len && memcmp(l.buf, whole.buf, whole.len) == 0);
        log_free(&l);
    }
    log_free(&whole);
}

/* A bad header block reports exactly one RESYNC with the given reason, and
 * frame_feed returns 1 until a Content-Length header follows; the messages
 * from there are delivered. */
static void expect_resync(const char *input, const char *reason) {
    log_t l = {0};
    frame_t f;
    frame_init(&f, FRAME_DEFAULT_CAP, on_message, on_error, &l);
    CHECK_INT(frame_feed(&f, input, strlen(input)), 1);
    CHECK_INT(frame_feed(&f, "{\"garbage\":1}", 13), 1);
    static const char good[] = "Content-Length: 2\r\n\r\n{}";
    CHECK_INT(frame_feed(&f, good, sizeof good - 1), 0);
    CHECK_INT(frame_feed(&f, good, sizeof good - 1), 0);
    frame_free(&f);
    CHECK_INT(l.resync, 1);
    CHECK_INT(l.messages, 2);
    char want[256];
    snprintf(want, sizeof want, "S:%s|M2:{}|M2:{}|", reason);
    CHECK_STR(l.buf, want);
    log_free(&l);
}

static void test_bad_headers(void) {
    expect_resync("Content-Type: x\r\n\r\n{}", "Content-Length header is missing");
    expect_resync("\r\n", "Content-Length header is missing");
    expect_resync("no colon here\r\n\r\n", "Content-Length header is missing");
    expect_resync("Content-Length: -5\r\n\r\n", "Content-Length '-5' is negative");
    expect_resync("Content-Length: abc\r\n\r\n", "Content-Length 'abc' is not a number");
    expect_resync("Content-Length: 1 2\r\n\r\n", "Content-Length '1 2' is not a number");
    expect_resync("Content-Length: +3\r\n\r\n", "Content-Length '+3' is not a number");
    expect_resync("Content-Length: 0x10\r\n\r\n", "Content-Length '0x10' is not a number");
    expect_resync("Content-Length:\r\n\r\n", "Content-Length header is empty");
    expect_resync("Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
                  "Content-Length given twice with different values (5 and 6)");

    /* SIZE_MAX + 1 overflows; computed so the test holds on any width. */
    char big[64], input[128], reason[128];
    snprintf(big, sizeof big, "%zu", (size_t)SIZE_MAX);
    size_t k = strlen(big);
    for (size_t i = k; i-- > 0;) { /* decimal increment */
        if (big[i] == '9') {
            big[i] = '0';
        } else {
            big[i]++;
            break;
        }
    }
    snprintf(input, sizeof input, "Content-Length: %s\r\n\r\n", big);
    snprintf(reason, sizeof reason, "Content-Length '%s' is too large to represent", big);
    expect_resync(input, reason);
    expect_resync("Content-Length: 99999999999999999999999999999999\r\n\r\n",
                  "Content-Length '99999999999999999999999999999999' is too large to represent");

    /* A header block that never ends. */
    char *flood = malloc(FRAME_HEADER_MAX + 100);
    memset(flood, 'x', FRAME_HEADER_MAX + 99);
    flood[FRAME_HEADER_MAX + 99] = '\0';
    snprintf(reason, sizeof reason, "header block exceeds %d bytes without an empty line", FRAME_HEADER_MAX);
    expect_resync(flood, reason);
    /* ... also made of valid-looking lines. */
    size_t n = 0;
    while (n + 20 < FRAME_HEADER_MAX + 99) {
        memcpy(flood + n, "X-Pad: 0123456789\r\n", 19);
        n += 19;
    }
    flood[n] = '\0';
    expect_resync(flood, reason);
    free(flood);

    /* A block of exactly FRAME_HEADER_MAX bytes, terminator included, is fine. */
    char *exact = malloc(FRAME_HEADER_MAX + 16);
    const char *cl = "Content-Length: 2\r\n";
    size_t cll = strlen(cl);
    memcpy(exact, cl, cll);
    size_t pad = FRAME_HEADER_MAX - cll - 4 - 2; /* "X:" + filler + "\r\n\r\n" */
    memcpy(exact + cll, "X:", 2);
    memset(exact + cll + 2, 'p', pad);
    memcpy(exact + cll + 2 + pad, "\r\n\r\n{}", 6);
    int rc;
    log_t l = run(exact, FRAME_HEADER_MAX + 2, FRAME_DEFAULT_CAP, 1, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(l.buf, "M2:{}|");
    log_free(&l);
    free(exact);
}

/* What was read before a bad header is delivered first; then the bytes up to
 * the next "Content-Length" (anywhere, any case, right after a body) are
 * skipped, whatever the chunking. */
static void test_resync(void) {
    static const char stream[] = "Content-Length: 13\r\n\r\n{\"id\":\"init\"}"
                                 "Content-Length: 4O\r\n\r\n{\"lost\":1}"
                                 "Content-Length: 2\r\n\r\n{}"
                                 "Content-Length: x\r\n\r\nnoisecontent-lengtCONTENT-LENGTHy: 3\r\n\r\nabc"
                                 "content-LENGTH: 1\r\n\r\nz";
    const size_t len = sizeof stream - 1;
    static const char want[] = "M13:{\"id\":\"init\"}|S:Content-Length '4O' is not a number|M2:{}|"
                               "S:Content-Length 'x' is not a number|S:Content-Length header is missing|M1:z|";
    int rc;
    log_t whole = run(stream, len, 64, len, &rc);
    CHECK_STR(whole.buf, want);
    CHECK_INT(rc, 0);
    for (size_t cut = 1; cut < len; cut++) {
        log_t l = {0};
        frame_t f;
        frame_init(&f, 64, on_message, on_error, &l);
        frame_feed(&f, stream, cut);
        CHECK_INT(frame_feed(&f, stream + cut, len - cut), 0);
        frame_free(&f);
        CHECK_STR(l.buf, want);
        log_free(&l);
    }
    log_t bytes = run(stream, len, 64, 1, NULL);
    CHECK_STR(bytes.buf, want);
    log_free(&bytes);
    log_free(&whole);

    /* Nothing follows: it stays resynchronising, delivering nothing. */
    log_t l = run_str("Content-Length: -1\r\n\r\n{\"jsonrpc\":\"2.0\"}\r\n", 64, &rc);
    CHECK_INT(rc, 1);
    CHECK_STR(l.buf, "S:Content-Length '-1' is negative|");
    log_free(&l);
}

static void test_refused(void) {
    int rc;
    /* Too large, then a good one: REFUSED then the message, still in sync. */
    log_t l = run_str("Content-Length: 10\r\n\r\n0123456789Content-Length: 2\r\n\r\n{}", 8, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(l.buf, "R:message of 10 bytes exceeds the 8-byte limit; skipped|M2:{}|");
    log_free(&l);

    l = run_str("Content-Length: 70000000\r\n\r\n", FRAME_DEFAULT_CAP, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(l.buf, "R:message of 70000000 bytes exceeds the 67108864-byte limit; skipped|");
    log_free(&l);

    /* A huge but representable claim: refused, nothing allocated (ASan would
     * also abort on a 10^15-byte malloc), and the skip counts down. */
    log_t h = {0};
    frame_t f;
    frame_init(&f, FRAME_DEFAULT_CAP, on_message, on_error, &h);
    static const char claim[] = "Content-Length: 1000000000000000\r\n\r\nabc";
    CHECK_INT(frame_feed(&f, claim, sizeof claim - 1), 0);
    CHECK(f.body == NULL);
    CHECK(f.skip_left == (size_t)1000000000000000ull - 3);
    CHECK_INT(h.refused, 1);
    frame_free(&f);
    log_free(&h);

    char input[96], want[160];
    snprintf(input, sizeof input, "Content-Length: %zu\r\n\r\nxyz", (size_t)SIZE_MAX);
    snprintf(want, sizeof want, "R:message of %zu bytes exceeds the 64-byte limit; skipped|", (size_t)SIZE_MAX);
    l = run_str(input, 64, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(l.buf, want);
    log_free(&l);

    /* cap itself is accepted; cap + 1 is not. */
    l = run_str("Content-Length: 4\r\n\r\nabcdContent-Length: 5\r\n\r\nabcde", 4, &rc);
    CHECK_STR(l.buf, "M4:abcd|R:message of 5 bytes exceeds the 4-byte limit; skipped|");
    log_free(&l);
}

static void test_edges(void) {
    int rc;
    /* Repeated identical length (leading zeros are the same number). */
    log_t l = run_str("Content-Length: 3\r\ncontent-length: 003\r\n\r\nabc", 64, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(l.buf, "M3:abc|");
    log_free(&l);

    /* A partial message is held until the rest arrives, and nothing is
     * reported for it in the meantime. */
    l = (log_t){0};
    frame_t f;
    frame_init(&f, 64, on_message, on_error, &l);
    CHECK_INT(frame_feed(&f, "Content-Length: 3\r\n\r\nab", 23), 0);
    CHECK_INT(l.messages, 0);
    CHECK_INT(frame_feed(&f, "", 0), 0);
    CHECK_INT(frame_feed(&f, "c", 1), 0);
    CHECK_STR(l.buf, "M3:abc|");
    /* Freed mid-body: no leak (ASan checks). */
    CHECK_INT(frame_feed(&f, "Content-Length: 3\r\n\r\na", 22), 0);
    frame_free(&f);
    log_free(&l);

    /* NULL callbacks are allowed. */
    frame_init(&f, 4, NULL, NULL, NULL);
    static const char two[] = "Content-Length: 2\r\n\r\n{}Content-Length: 9\r\n\r\n123456789";
    CHECK_INT(frame_feed(&f, two, sizeof two - 1), 0);
    CHECK_INT(frame_feed(&f, "bogus\r\n\r\n", 9), 1);
    frame_free(&f);
}

static void test_encode(void) {
    size_t n = 0;
    char *out = frame_encode("{}", 2, &n);
    CHECK_STR(out, "Content-Length: 2\r\n\r\n{}");
    CHECK_INT(n, 23);
    free(out);

    out = frame_encode("", 0, &n);
    CHECK_STR(out, "Content-Length: 0\r\n\r\n");
    CHECK_INT(n, 21);
    free(out);

    /* Encoding then framing gives the body back, NUL included. */
    out = frame_encode("a\0b", 3, &n);
    int rc;
    log_t l = run(out, n, 64, 1, &rc);
    CHECK_INT(rc, 0);
    CHECK(l.len == 7 && memcmp(l.buf, "M3:a\0b|", 7) == 0);
    log_free(&l);
    free(out);
}

int main(void) {
    test_split_anywhere();
    test_bad_headers();
    test_resync();
    test_refused();
    test_edges();
    test_encode();
    return unit_report("framing");
}
