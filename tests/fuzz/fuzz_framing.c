/* fuzz_framing.c: frame_feed over arbitrary bytes in arbitrary chunkings.
 *
 * Input: byte 0 picks the body cap (small caps exercise the refusal path),
 * bytes 1..8 are a table of chunk sizes used in turn, the rest is the stream.
 * The same stream is also fed in one piece and byte by byte; all three must
 * produce the same messages and errors (framing is chunking-independent),
 * and a bad header never stops the messages after the next Content-Length. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    /* A running digest of every event, in order, plus counts. */
    uint64_t hash;
    size_t messages, refused, resync;
    int resyncing; /* frame_feed returned 1 */
} trace_t;

static void mix(trace_t *t, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) t->hash = (t->hash ^ b[i]) * 0x100000001b3ull;
}

static void on_message(void *ctx, const char *body, size_t len) {
    trace_t *t = ctx;
    if (body[len] != '\0') abort(); /* documented: NUL-terminated at len */
    t->messages++;
    mix(t, "M", 1);
    mix(t, &len, sizeof len);
    mix(t, body, len);
}

static void on_error(void *ctx, frame_error_t kind, const char *reason) {
    trace_t *t = ctx;
    if (!reason || strlen(reason) > 512) abort();
    if (kind == FRAME_RESYNC) {
        t->resync++;
    } else if (kind == FRAME_REFUSED) {
        t->refused++;
    } else {
        abort();
    }
    mix(t, &kind, sizeof kind);
}

static void run(const uint8_t *s, size_t n, size_t cap, const uint8_t *sizes, size_t nsizes, trace_t *t) {
    frame_t f;
    memset(t, 0, sizeof *t);
    t->hash = 0xcbf29ce484222325ull;
    frame_init(&f, cap, on_message, on_error, t);
    size_t i = 0, k = 0;
    int rc = 0;
    while (i < n) {
        size_t c = nsizes ? sizes[k++ % nsizes] : n - i;
        if (c == 0) c = 1;
        if (c > n - i) c = n - i;
        rc = frame_feed(&f, (const char *)s + i, c);
        if (rc != 0 && rc != 1) abort();
        if (rc == 1 && t->resync == 0) abort(); /* 1 only after a bad header */
        i += c;
    }
    t->resyncing = rc;
    /* Whatever came before, a whole message after a Content-Length is back in sync. */
    static const char good[] = "Content-Length: 2\r\n\r\n{}";
    if (t->resyncing && frame_feed(&f, good, sizeof good - 1) != 0) abort();
    frame_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 9) return 0;
    static const size_t caps[] = {FRAME_DEFAULT_CAP, 0, 1, 16, 100, 4096};
    size_t cap = caps[data[0] % (sizeof caps / sizeof caps[0])];
    const uint8_t *sizes = data + 1;
    const uint8_t *s = data + 9;
    size_t n = size - 9;

    trace_t chunked, whole, bytes;
    run(s, n, cap, sizes, 8, &chunked);
    run(s, n, cap, NULL, 0, &whole);
    static const uint8_t one = 1;
    run(s, n, cap, &one, 1, &bytes);
    if (chunked.hash != whole.hash || bytes.hash != whole.hash || chunked.messages != whole.messages ||
        chunked.refused != whole.refused || chunked.resync != whole.resync) {
        fprintf(stderr, "framing depends on chunking: %zu/%zu/%zu messages, %zu/%zu/%zu refused\n", chunked.messages,
                whole.messages, bytes.messages, chunked.refused, whole.refused, bytes.refused);
        abort();
    }
    /* frame_encode round trip: the framed form of any body decodes to it. */
    if (n <= 4096) {
        size_t len;
        char *enc = frame_encode((const char *)s, n, &len);
        if (!enc) abort();
        trace_t back, direct;
        run((const uint8_t *)enc, len, FRAME_DEFAULT_CAP, sizes, 8, &back);
        memset(&direct, 0, sizeof direct);
        direct.hash = 0xcbf29ce484222325ull;
        on_message(&direct, enc + (len - n), n); /* enc is NUL-terminated after the body */
        if (back.messages != 1 || back.resync || back.refused || back.hash != direct.hash) abort();
        free(enc);
    }
    return 0;
}
