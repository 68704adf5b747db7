/* framing.h: LSP base-protocol framing (Content-Length headers) as a pure state
 * machine. Bytes go in in chunks of any size; whole message bodies come out
 * through a callback. No I/O, no JSON. */
#ifndef PLANLS_FRAMING_H
#define PLANLS_FRAMING_H

#include <stddef.h>

#define FRAME_DEFAULT_CAP ((size_t)64 << 20) /* 64 MiB */
#define FRAME_HEADER_MAX 8192                /* bytes of header block before we give up */

typedef enum {
    FRAME_REFUSED = 1, /* one message was dropped (body skipped); the stream is still in sync */
    FRAME_RESYNC = 2   /* a header block was unusable: the bytes up to the next "Content-Length"
                          are skipped, and reading goes on from that header */
} frame_error_t;

/* body is borrowed for the duration of the call; it is NUL-terminated at len. */
typedef void (*frame_message_cb)(void *ctx, const char *body, size_t len);
/* reason is a static or short-lived English sentence for the log. */
typedef void (*frame_error_cb)(void *ctx, frame_error_t kind, const char *reason);

typedef struct {
    size_t cap; /* largest body accepted */
    frame_message_cb on_message;
    frame_error_cb on_error;
    void *ctx;
    /* private state */
    int state; /* header / body / skip / resync */
    char header[FRAME_HEADER_MAX];
    size_t header_len;
    char *body; /* owned; allocated only once the length is known and <= cap */
    size_t body_len, body_have;
    size_t skip_left;    /* bytes of a refused body still to discard */
    size_t resync_match; /* bytes of "content-length" matched while resynchronising */
} frame_t;

void frame_init(frame_t *f, size_t cap, frame_message_cb on_message, frame_error_cb on_error, void *ctx);
void frame_free(frame_t *f);

/* Feeds bytes. Calls on_message for each complete body and on_error for each
 * problem, in stream order. Returns 1 while it is skipping bytes to find a
 * header after a bad one, else 0.
 *
 * Rules: header lines end with "\r\n" and the block with an empty line; header
 * names are case-insensitive; Content-Type and unknown headers are ignored.
 * Content-Length must be present once (a repeat with the same value is
 * tolerated), be all digits and fit in size_t; otherwise RESYNC. A length above
 * cap is REFUSED: its body is skipped without being allocated. A header block
 * longer than FRAME_HEADER_MAX is RESYNC. Resynchronising (as vscode-jsonrpc's
 * reader recovers) skips to the next "Content-Length", in any case and anywhere,
 * even right after a body's last byte, and parses a header block from there. */
int frame_feed(frame_t *f, const char *data, size_t len);

/* Writes the framed form of body into a new buffer (caller frees). *out_len
 * receives its length. Returns NULL on allocation failure. */
char *frame_encode(const char *body, size_t len, size_t *out_len);

#endif
