/* session.h: one JSON-RPC session of a language server, without its
 * transport and without its methods. Bytes in (session_feed), framed bytes
 * out (the write callback); in between: the inbound queue, the LSP lifecycle
 * (initialize, shutdown, exit), $/cancelRequest, dispatch through the route
 * tables it is given, the one reply each request gets, replies streamed in
 * pieces, and requests to the client with reply callbacks. It knows nothing
 * of plans and nothing of libuv.
 *
 * Handlers return; the session replies. A request handler fills a reply_t
 * and returns 0, or returns a negative PL_E* code (err.h) with a message:
 * session.c maps the code to a JSON-RPC error in one table. A request thus
 * gets exactly one reply by construction. */
#ifndef PLANLS_SESSION_H
#define PLANLS_SESSION_H

#include <jansson.h>
#include <stddef.h>

#include "framing.h"
#include "jsonrpc.h"
#include "outbox.h"
#include "strbuf.h"

/* The handlers' context. Opaque here: the session only passes it on. */
typedef struct ctx_s ctx_t;

typedef enum {
    SESSION_UNINITIALIZED = 0,
    SESSION_RUNNING,   /* initialize succeeded */
    SESSION_SHUT_DOWN, /* shutdown succeeded: only exit is served */
    SESSION_EXITED,    /* exit received */
    SESSION_DEAD       /* the client's stream cannot be read or written any more */
} session_state_t;

/* Takes ownership of buf (malloc'd framed bytes). */
typedef void (*session_write_fn)(void *write_ctx, char *buf, size_t len);
/* Bytes written but not yet taken by the client. */
typedef size_t (*session_backlog_fn)(void *write_ctx);

/* A result written in pieces, for results of megabytes that should never
 * sit whole in memory. The session writes it twice: once to measure the
 * frame's Content-Length (then rewind), then piece by piece as the client
 * reads. Nothing else is handled until it ends, so what it reads cannot
 * change meanwhile. */
typedef struct {
    /* Appends the next piece of the result's JSON text to b (a few tens of
     * KB). Returns 1 while more remain, 0 once the result is whole. */
    int (*fill)(void *state, strbuf_t *b);
    /* Starts again from the first piece. */
    void (*rewind)(void *state);
    /* Releases state (the stream owns it): at the end, on failure, or in
     * session_free. May be NULL. */
    void (*free_state)(void *state);
    void *state;
} reply_stream_t;

#define REPLY_MESSAGE_MAX 512

/* What a request handler hands back. At most one of json, raw and stream is
 * set; none means a null result. The session takes ownership of all three,
 * on success and failure alike. */
typedef struct {
    json_t *json; /* the result, stolen */
    char *raw;    /* or the result as JSON text (malloc'd, stolen): for results of
                     thousands of items, whose jansson tree would weigh ten times the text */
    size_t raw_len;
    reply_stream_t stream;           /* or a streamed result (stream.fill set) */
    char message[REPLY_MESSAGE_MAX]; /* when the handler fails: what went wrong (reply_fail) */
} reply_t;

/* A handler. For a request: returns 0 with *out filled, or a negative PL_E*
 * code (out->message says why; empty: the table's default message). For a
 * notification: out is ignored and a negative return with a message is
 * logged. m is borrowed for the call. */
typedef int (*handler_fn)(ctx_t *c, const rpc_msg_t *m, reply_t *out);

typedef enum { ROUTE_NOTIFICATION = 0, ROUTE_REQUEST = 1 } route_kind_t;

/* One method. A table is an array ended by an entry with method NULL. */
typedef struct {
    const char *method;
    handler_fn fn;
    route_kind_t kind;
} route_t;

/* What to do with the client's answer to one of our requests. Called exactly
 * once: rc 0 with the result (borrowed for the call; NULL when the client
 * answered with an error), or rc PL_ECANCELLED from session_free when no
 * answer came, so that arg can be released. */
typedef void (*session_reply_cb)(void *arg, int rc, json_t *result);

/* private */
typedef struct {
    long long id;
    session_reply_cb cb;
    void *arg;
} session_pending_t;

/* Backpressure. Past SESSION_BACKLOG_MAX bytes the client has not taken
 * (waiting in the outbox or in the transport), no more messages are handled
 * and the input should not be read (session_wants_input) until the backlog
 * is under SESSION_BACKLOG_LOW. The transport is handed messages while it
 * holds under SESSION_HANDOVER: the rest wait in the outbox, where a newer
 * publishDiagnostics of a document replaces the older one. */
#define SESSION_BACKLOG_MAX ((size_t)4 << 20)
#define SESSION_BACKLOG_LOW ((size_t)1 << 20)
#define SESSION_HANDOVER ((size_t)128 << 10)
/* Messages read and not yet handled past which the input should not be read
 * either: one read of 64 KB may hold hundreds. */
#define SESSION_QUEUE_MAX 1024

typedef struct session_s {
    /* read-only */
    session_state_t state;
    int exit_code; /* valid once session_finished */
    /* public: set after session_init */
    session_backlog_fn backlog; /* NULL: writes are taken at once */
    /* private */
    const route_t *const *tables; /* borrowed, NULL-terminated list of tables */
    ctx_t *ctx;                   /* borrowed */
    session_write_fn write;
    void *write_ctx;
    frame_t frame;
    rpc_msg_t *queue; /* owned: parsed messages waiting for session_process */
    size_t nqueue, capqueue;
    long long next_id;
    session_pending_t *pending; /* owned: requests we sent that await an answer */
    size_t npending, cappending;
    struct {
        reply_stream_t src; /* active while src.fill is set */
        strbuf_t piece;     /* the next bytes to write */
    } stream;
    outbox_t out;     /* written, not yet handed to the transport */
    int input_paused; /* see session_wants_input */
} session_t;

/* tables (a NULL-terminated array of route tables) and ctx are borrowed for
 * the session's life. */
void session_init(session_t *s, const route_t *const *tables, ctx_t *ctx, session_write_fn write, void *write_ctx);
/* Ends a streamed reply, tells every pending request's callback
 * (PL_ECANCELLED) and frees everything. */
void session_free(session_t *s);

/* Frames and parses bytes from the client into the queue (data borrowed). */
void session_feed(session_t *s, const char *data, size_t len);
/* Handles every queued message; a $/cancelRequest that arrived in the same
 * batch as its request cancels it. Returns 1 when the batch is done (the
 * caller's after-batch work may run: publishing what changed), 0 while a
 * streamed reply holds the rest back or once exit was received. */
int session_process(session_t *s);
/* 1 once the process should end (exit received, or the stream is dead). */
int session_finished(const session_t *s);
/* 1 while output or messages wait for the client to read (a streamed reply,
 * the outbox, messages held by backpressure): session_process must be called
 * again once the client has read some of it. */
int session_busy(const session_t *s);
/* Bytes written that the client has not taken: the outbox and the transport's. */
size_t session_backlog(const session_t *s);
/* 0 while the input should not be read: SESSION_QUEUE_MAX messages wait, or
 * (as of the last session_process) messages are held, or the backlog passed
 * SESSION_BACKLOG_MAX and is not yet under SESSION_BACKLOG_LOW. */
int session_wants_input(const session_t *s);
/* The client went away without exit: the exit status LSP prescribes. */
void session_lost(session_t *s);

/* A message to the client (stolen; NULL is logged as out of memory). */
void session_send(session_t *s, json_t *msg);
/* A notification; params stolen. */
void session_notify(session_t *s, const char *method, json_t *params);
/* A notification whose params are JSON text (borrowed); method is a literal. */
void session_notify_raw(session_t *s, const char *method, const char *params, size_t len);
/* session_notify_raw for a notification of which only the newest of a key
 * (borrowed) matters: one still waiting in the outbox is replaced by it. */
void session_notify_newest(session_t *s, const char *key, const char *method, const char *params, size_t len);
/* A request to the client; params stolen. on_reply (may be NULL: the answer
 * is ignored) gets arg with the answer. Returns 0, or PL_ENOMEM when nothing
 * was sent: on_reply is then never called and arg stays the caller's. */
int session_request(session_t *s, const char *method, json_t *params, session_reply_cb on_reply, void *arg);

/* Helpers for handlers. */
/* Sets out->message and returns err, so that a handler ends with
 * `return reply_fail(out, PL_EINVAL, "params.query must be a string");`. */
int reply_fail(reply_t *out, int err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* out->json = result (stolen); PL_ENOMEM when result is NULL (a failed
 * json_pack must not pose as a null result). */
int reply_json(reply_t *out, json_t *result);
/* The text b holds becomes out->raw (b is emptied); PL_ENOMEM when b failed. */
int reply_raw(reply_t *out, strbuf_t *b);

#endif
