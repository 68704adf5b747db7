/* session.c: the JSON-RPC session: queue, lifecycle, cancellation, dispatch,
 * replies (whole or streamed) and our requests to the client. */
#include "session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "log.h"
#include "vec.h"

/* The one mapping of planls' error codes to JSON-RPC's. The message is used
 * when the handler gave none. */
static const struct {
    int err;
    int code;
    const char *message;
} error_table[] = {
    {PL_ENOMEM, RPC_INTERNAL_ERROR, "out of memory"},
    {PL_EINVAL, RPC_INVALID_PARAMS, "invalid params"},
    {PL_ENOTOPEN, RPC_INVALID_PARAMS, "the document is not open"},
    {PL_EMODIFIED, RPC_CONTENT_MODIFIED, "the document changed"},
    {PL_ECANCELLED, RPC_REQUEST_CANCELLED, "request cancelled"},
    {PL_ENOMETHOD, RPC_METHOD_NOT_FOUND, "unknown method"},
    {PL_ENOTINIT, RPC_SERVER_NOT_INITIALIZED, "not initialized"},
    {PL_EREFUSED, RPC_INVALID_REQUEST, "the request cannot be served now"},
};

static void on_frame(void *ctx, const char *body, size_t len);
static void on_frame_error(void *ctx, frame_error_t kind, const char *reason);
static void stream_end(session_t *s);

void session_init(session_t *s, const route_t *const *tables, ctx_t *ctx, session_write_fn write, void *write_ctx) {
    memset(s, 0, sizeof *s);
    s->tables = tables;
    s->ctx = ctx;
    s->write = write;
    s->write_ctx = write_ctx;
    s->exit_code = 1;
    frame_init(&s->frame, FRAME_DEFAULT_CAP, on_frame, on_frame_error, s);
}

void session_free(session_t *s) {
    stream_end(s);
    outbox_free(&s->out);
    for (size_t i = 0; i < s->nqueue; i++) rpc_msg_free(&s->queue[i]);
    free(s->queue);
    /* Callbacks may not send: the session is going away. */
    for (size_t i = 0; i < s->npending; i++)
        if (s->pending[i].cb) s->pending[i].cb(s->pending[i].arg, PL_ECANCELLED, NULL);
    free(s->pending);
    frame_free(&s->frame);
    memset(s, 0, sizeof *s);
}

int session_finished(const session_t *s) { return s->state == SESSION_EXITED || s->state == SESSION_DEAD; }

int session_busy(const session_t *s) { return s->stream.src.fill != NULL || s->nqueue > 0 || !outbox_empty(&s->out); }

static size_t transport_backlog(const session_t *s) { return s->backlog ? s->backlog(s->write_ctx) : 0; }

size_t session_backlog(const session_t *s) { return s->out.bytes + transport_backlog(s); }

int session_wants_input(const session_t *s) { return !s->input_paused && s->nqueue < SESSION_QUEUE_MAX; }

void session_lost(session_t *s) {
    if (session_finished(s)) return;
    s->exit_code = s->state == SESSION_SHUT_DOWN ? 0 : 1;
}

/* ---- output ------------------------------------------------------------ */

/* Hands the outbox to the transport while the client keeps up, all of it once
 * the session is over (the transport lets it drain before closing). */
static void flush(session_t *s) {
    while (!outbox_empty(&s->out) && (session_finished(s) || transport_backlog(s) < SESSION_HANDOVER)) {
        size_t len;
        char *buf = outbox_take(&s->out, &len);
        s->write(s->write_ctx, buf, len);
    }
}

/* Every framed message leaves through here (buf stolen; key borrowed). */
static void emit(session_t *s, char *buf, size_t len, const char *key) {
    if (outbox_put(&s->out, buf, len, key) < 0) {
        /* Out of order rather than lost: JSON-RPC replies need no order. */
        s->write(s->write_ctx, buf, len);
        return;
    }
    flush(s);
}

void session_send(session_t *s, json_t *msg) {
    if (!msg) {
        log_error("out of memory building a message");
        return;
    }
    size_t len;
    char *buf = rpc_encode(msg, &len);
    json_decref(msg);
    if (!buf) {
        log_error("could not encode a message");
        return;
    }
    emit(s, buf, len, NULL);
}

void session_notify(session_t *s, const char *method, json_t *params) {
    session_send(s, rpc_make_notification(method, params));
}

/* Frames head + payload + "}" as one message (payload and key borrowed). */
static void send_raw(session_t *s, strbuf_t *head, const char *payload, size_t len, const char *key) {
    sb_addn(head, payload, len);
    sb_add(head, "}");
    size_t n;
    char *framed = head->s && !head->failed ? frame_encode(head->s, head->n, &n) : NULL;
    free(sb_take(head));
    if (framed)
        emit(s, framed, n, key);
    else
        log_error("out of memory building a message");
}

void session_notify_raw(session_t *s, const char *method, const char *params, size_t len) {
    session_notify_newest(s, NULL, method, params, len);
}

void session_notify_newest(session_t *s, const char *key, const char *method, const char *params, size_t len) {
    strbuf_t body = {0};
    sb_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":", method);
    send_raw(s, &body, params, len, key);
}

/* The envelope of a reply to id, up to its result. */
static void reply_head(strbuf_t *b, json_t *id) {
    char *id_json = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    sb_printf(b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id_json ? id_json : "null");
    free(id_json);
}

static void send_error(session_t *s, json_t *id, int err, const char *message) {
    int code = RPC_INTERNAL_ERROR;
    const char *fallback = "internal error";
    for (size_t i = 0; i < sizeof error_table / sizeof error_table[0]; i++)
        if (error_table[i].err == err) {
            code = error_table[i].code;
            fallback = error_table[i].message;
        }
    session_send(s, rpc_make_error(id, code, "%s", message && message[0] ? message : fallback));
}

int reply_fail(reply_t *out, int err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
    return err;
}

int reply_json(reply_t *out, json_t *result) {
    if (!result) return PL_ENOMEM;
    out->json = result;
    return 0;
}

int reply_raw(reply_t *out, strbuf_t *b) {
    size_t n = b->n;
    char *text = b->s ? sb_take(b) : NULL;
    if (!text) {
        free(sb_take(b));
        return PL_ENOMEM;
    }
    out->raw = text;
    out->raw_len = n;
    return 0;
}

static void reply_release(reply_t *r) {
    json_decref(r->json);
    free(r->raw);
    if (r->stream.free_state) r->stream.free_state(r->stream.state);
    memset(r, 0, sizeof *r);
}

/* ---- our requests ------------------------------------------------------ */

int session_request(session_t *s, const char *method, json_t *params, session_reply_cb on_reply, void *arg) {
    /* Room for the pending entry first: once sent, the request must be
     * remembered. The array moves as it grows, so nothing outside this
     * file holds a pointer into it. */
    if (on_reply && VEC_RESERVE(s->pending, s->cappending, s->npending + 1) < 0) {
        json_decref(params);
        return PL_ENOMEM;
    }
    long long id = ++s->next_id;
    json_t *jid = json_integer(id);
    if (!jid) {
        json_decref(params);
        return PL_ENOMEM;
    }
    json_t *msg = rpc_make_request(jid, method, params);
    json_decref(jid);
    if (!msg) return PL_ENOMEM;
    session_send(s, msg);
    if (on_reply) s->pending[s->npending++] = (session_pending_t){id, on_reply, arg};
    return 0;
}

/* A reply from the client to one of our requests. */
static void on_response(session_t *s, const rpc_msg_t *m) {
    if (!json_is_integer(m->id)) return;
    long long id = json_integer_value(m->id);
    for (size_t i = 0; i < s->npending; i++) {
        if (s->pending[i].id != id) continue;
        /* Out of the array before the call: the callback may send requests. */
        session_pending_t done = s->pending[i];
        s->pending[i] = s->pending[--s->npending];
        done.cb(done.arg, 0, json_object_get(m->root, "result"));
        return;
    }
}

/* ---- input ------------------------------------------------------------- */

static void on_frame(void *ctx, const char *body, size_t len) {
    session_t *s = ctx;
    if (VEC_RESERVE(s->queue, s->capqueue, s->nqueue + 1) < 0) {
        log_error("out of memory queueing a message; dropped");
        return;
    }
    rpc_parse(body, len, &s->queue[s->nqueue++]);
}

/* Framing errors are JSON-RPC's own: they carry its code as it is. Their
 * reply takes its place in the queue, after the messages read before: the
 * lifecycle and the order of replies are the queue's business. */
static void on_frame_error(void *ctx, frame_error_t kind, const char *reason) {
    session_t *s = ctx;
    if (kind == FRAME_RESYNC)
        log_error("bad header: %s; skipping to the next Content-Length header", reason);
    else
        log_error("refused a message: %s", reason);
    if (VEC_RESERVE(s->queue, s->capqueue, s->nqueue + 1) < 0) {
        log_error("out of memory queueing a framing error; dropped");
        return;
    }
    rpc_msg_t *m = &s->queue[s->nqueue++];
    memset(m, 0, sizeof *m);
    m->kind = RPC_INVALID;
    m->error_code = kind == FRAME_RESYNC ? RPC_PARSE_ERROR : RPC_INVALID_REQUEST;
    snprintf(m->error_message, sizeof m->error_message, "%s%s", reason,
             kind == FRAME_RESYNC ? "; skipped to the next Content-Length header" : "");
}

void session_feed(session_t *s, const char *data, size_t len) {
    if (session_finished(s)) return;
    frame_feed(&s->frame, data, len);
}

/* ---- streamed replies ---------------------------------------------------- */

static void stream_end(session_t *s) {
    if (s->stream.src.free_state) s->stream.src.free_state(s->stream.src.state);
    free(sb_take(&s->stream.piece));
    memset(&s->stream, 0, sizeof s->stream);
}

/* Measures the whole frame, then starts writing it. Returns 0, or PL_ENOMEM
 * (the stream is released). */
static int stream_start(session_t *s, json_t *id, reply_stream_t *src) {
    strbuf_t head = {0}, b = {0};
    reply_head(&head, id);
    size_t total = head.n + 1; /* + the envelope's "}" */
    src->rewind(src->state);
    for (int more = 1; more && !b.failed;) {
        more = src->fill(src->state, &b);
        total += b.n;
        b.n = 0;
    }
    int failed = b.failed || head.failed;
    free(sb_take(&b));
    if (failed) {
        free(sb_take(&head));
        if (src->free_state) src->free_state(src->state);
        return PL_ENOMEM;
    }
    src->rewind(src->state);
    s->stream.src = *src;
    sb_printf(&s->stream.piece, "Content-Length: %zu\r\n\r\n", total);
    sb_addn(&s->stream.piece, head.s, head.n);
    free(sb_take(&head));
    return 0;
}

/* Writes pieces of the streamed reply while the client keeps up. Returns 1
 * once no reply is being streamed. */
static int stream_step(session_t *s) {
    while (s->stream.src.fill) {
        /* A piece is made only when it can be handed over at once: the
         * stream is ahead of the client by SESSION_HANDOVER at most. */
        if (!outbox_empty(&s->out) || transport_backlog(s) >= SESSION_HANDOVER) return 0;
        int more = s->stream.src.fill(s->stream.src.state, &s->stream.piece);
        if (!more) sb_add(&s->stream.piece, "}");
        if (s->stream.piece.failed) {
            /* Half a frame is out: the client's stream cannot be repaired. */
            log_error("out of memory streaming a reply; exiting");
            s->state = SESSION_DEAD;
            s->exit_code = 1;
            stream_end(s);
            return 1;
        }
        size_t n = s->stream.piece.n;
        char *piece = sb_take(&s->stream.piece);
        if (piece && n)
            emit(s, piece, n, NULL);
        else
            free(piece);
        if (!more) stream_end(s);
    }
    return 1;
}

/* ---- dispatch ---------------------------------------------------------- */

static const route_t *find_route(const session_t *s, const char *method) {
    for (const route_t *const *t = s->tables; *t; t++)
        for (const route_t *r = *t; r->method; r++)
            if (strcmp(r->method, method) == 0) return r;
    return NULL;
}

static void fail(session_t *s, const rpc_msg_t *m, int err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void fail(session_t *s, const rpc_msg_t *m, int err, const char *fmt, ...) {
    char message[REPLY_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    send_error(s, m->id, err, message);
}

static void handle_exit(session_t *s) {
    s->exit_code = s->state == SESSION_SHUT_DOWN ? 0 : 1;
    if (s->exit_code) log_error("exit without shutdown");
    s->state = SESSION_EXITED;
}

static void reply(session_t *s, const rpc_msg_t *m, int rc, reply_t *out) {
    if (rc < 0) {
        send_error(s, m->id, rc, out->message);
    } else if (out->stream.fill) {
        reply_stream_t src = out->stream;
        memset(&out->stream, 0, sizeof out->stream);
        if (stream_start(s, m->id, &src) < 0) send_error(s, m->id, PL_ENOMEM, NULL);
    } else if (out->raw) {
        strbuf_t head = {0};
        reply_head(&head, m->id);
        send_raw(s, &head, out->raw, out->raw_len, NULL);
    } else {
        json_t *result = out->json;
        out->json = NULL;
        session_send(s, rpc_make_result(m->id, result));
    }
    reply_release(out);
}

static void dispatch(session_t *s, const rpc_msg_t *m) {
    if (m->kind == RPC_INVALID) {
        /* The parser's own JSON-RPC code (parse error, invalid request). */
        log_error("bad message: %s", m->error_message);
        session_send(s, rpc_make_error(m->id, m->error_code, "%s", m->error_message));
        return;
    }
    if (m->kind == RPC_RESPONSE) {
        on_response(s, m);
        return;
    }
    int request = m->kind == RPC_REQUEST;
    if (strcmp(m->method, "exit") == 0) {
        handle_exit(s);
        return;
    }
    int initialize = strcmp(m->method, "initialize") == 0;
    if (s->state == SESSION_UNINITIALIZED && !initialize) {
        if (request) fail(s, m, PL_ENOTINIT, "'%s' before initialize", m->method);
        return;
    }
    if (s->state == SESSION_SHUT_DOWN) {
        if (request) fail(s, m, PL_EREFUSED, "'%s' after shutdown", m->method);
        return;
    }
    /* Cancellation is applied when the batch is taken (mark_cancelled). */
    if (!request && strcmp(m->method, "$/cancelRequest") == 0) return;
    const route_t *r = find_route(s, m->method);
    if (!r || (r->kind == ROUTE_REQUEST) != request) {
        if (request)
            fail(s, m, PL_ENOMETHOD, "unknown method '%s'", m->method);
        else
            log_info("ignored notification '%s'", m->method);
        return;
    }
    if (initialize && s->state != SESSION_UNINITIALIZED) {
        fail(s, m, PL_EREFUSED, "initialize was already received");
        return;
    }
    reply_t out;
    memset(&out, 0, sizeof out);
    int rc = r->fn(s->ctx, m, &out);
    if (!request) {
        if (rc < 0 && out.message[0]) log_error("%s: %s", m->method, out.message);
        reply_release(&out);
        return;
    }
    if (rc == 0 && initialize) s->state = SESSION_RUNNING;
    if (rc == 0 && strcmp(m->method, "shutdown") == 0) s->state = SESSION_SHUT_DOWN;
    reply(s, m, rc, &out);
}

static int same_id(json_t *a, json_t *b) { return a && b && json_equal(a, b); }

/* Requests cancelled by a $/cancelRequest in the same batch never run. */
static void mark_cancelled(session_t *s, int *cancelled) {
    for (size_t i = 0; i < s->nqueue; i++) {
        const rpc_msg_t *c = &s->queue[i];
        if (c->kind != RPC_NOTIFICATION || strcmp(c->method, "$/cancelRequest") != 0) continue;
        json_t *id = json_object_get(c->params, "id");
        for (size_t k = 0; k < i; k++)
            if (s->queue[k].kind == RPC_REQUEST && !cancelled[k] && same_id(s->queue[k].id, id) &&
                strcmp(s->queue[k].method, "exit") != 0)
                cancelled[k] = 1;
    }
}

/* Output the client has not taken holds the messages still queued. */
static int held(const session_t *s) { return s->state != SESSION_EXITED && session_backlog(s) >= SESSION_BACKLOG_MAX; }

/* session_process without the flushing around it. */
static int process_queue(session_t *s) {
    if (!stream_step(s)) return 0;
    if (s->nqueue == 0) return 1;
    if (held(s)) return 0;
    /* Handlers may not feed the queue, so it can be taken whole. */
    rpc_msg_t *queue = s->queue;
    size_t n = s->nqueue, cap = s->capqueue;
    int *cancelled = calloc(n, sizeof *cancelled);
    if (cancelled) mark_cancelled(s, cancelled);
    s->queue = NULL;
    s->nqueue = s->capqueue = 0;
    size_t i = 0;
    while (i < n) {
        if (s->state != SESSION_EXITED) {
            if (cancelled && cancelled[i])
                fail(s, &queue[i], PL_ECANCELLED, "request cancelled");
            else
                dispatch(s, &queue[i]);
        }
        /* A didOpen's JSON holds a copy of the text: let it go at once. */
        rpc_msg_free(&queue[i++]);
        if (!stream_step(s) || held(s)) break;
    }
    free(cancelled);
    if (i < n) {
        /* The rest waits, in order: for a streamed reply, or for the client
         * to read what was written. */
        memmove(queue, queue + i, (n - i) * sizeof *queue);
        s->queue = queue;
        s->nqueue = n - i;
        s->capqueue = cap;
        return 0;
    }
    free(queue);
    return s->state != SESSION_EXITED;
}

int session_process(session_t *s) {
    flush(s);
    int done = process_queue(s);
    flush(s);
    /* Input is read again only once the backlog is well under the bound, so
     * a client that reads slowly is not woken for every few replies. */
    size_t backlog = session_backlog(s);
    if (s->nqueue > 0 || s->stream.src.fill || backlog >= SESSION_BACKLOG_MAX)
        s->input_paused = 1;
    else if (backlog < SESSION_BACKLOG_LOW)
        s->input_paused = 0;
    return done;
}
