/* test_session.c: protocol/session.c with fake route tables and no plan:
 * the lifecycle, the error table, cancellation, streamed replies and our
 * requests' callbacks (many in flight, so the pending array moves while
 * callbacks run and send). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "session.h"
#include "unit.h"

/* What the session wrote, one parsed message each. */
typedef struct {
    json_t *msgs[512];
    size_t n;
} sink_t;

static void sink(void *ctx, char *buf, size_t len) {
    sink_t *k = ctx;
    const char *body = strstr(buf, "\r\n\r\n");
    size_t declared = body ? strtoul(buf + strlen("Content-Length: "), NULL, 10) : 0;
    CHECK(body != NULL);
    if (body) CHECK_INT(len - (size_t)(body + 4 - buf), declared);
    json_error_t err;
    json_t *m = body ? json_loadb(body + 4, declared, 0, &err) : NULL;
    CHECK(m != NULL);
    if (m && k->n < sizeof k->msgs / sizeof k->msgs[0])
        k->msgs[k->n++] = m;
    else
        json_decref(m);
    free(buf);
}

/* A stream's pieces arrive as separate writes: join them before parsing. */
typedef struct {
    strbuf_t bytes;
} raw_sink_t;

static void raw_sink(void *ctx, char *buf, size_t len) {
    raw_sink_t *k = ctx;
    sb_addn(&k->bytes, buf, len);
    free(buf);
}

static void sink_clear(sink_t *k) {
    for (size_t i = 0; i < k->n; i++) json_decref(k->msgs[i]);
    k->n = 0;
}

static void send(session_t *s, const char *json) {
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(json));
    session_feed(s, head, (size_t)n);
    session_feed(s, json, strlen(json));
}

static int error_code(json_t *m) {
    return (int)json_integer_value(json_object_get(json_object_get(m, "error"), "code"));
}

static const char *error_message(json_t *m) {
    return json_string_value(json_object_get(json_object_get(m, "error"), "message"));
}

/* ---- fake handlers ---------------------------------------------------------- */

struct ctx_s {
    int initialized, notes;
};

static int h_ok(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)c;
    (void)m;
    return reply_json(out, json_pack("{s:b}", "ok", 1));
}

static int h_note(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)m;
    (void)out;
    c->notes++;
    return 0;
}

/* Fails with the code in params.err, the message in params.msg (or none). */
static int h_fail(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)c;
    int err = (int)json_integer_value(json_object_get(m->params, "err"));
    const char *msg = json_string_value(json_object_get(m->params, "msg"));
    return msg ? reply_fail(out, err, "%s", msg) : err;
}

static int h_null_json(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)c;
    (void)m;
    return reply_json(out, NULL); /* a json_pack that failed */
}

static int h_raw(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)c;
    (void)m;
    strbuf_t b = {0};
    sb_add(&b, "[1,2,3]");
    return reply_raw(out, &b);
}

/* A stream of count pieces "[0,1,...]". */
typedef struct {
    int i, count;
} counter_t;

static int counter_fill(void *state, strbuf_t *b) {
    counter_t *k = state;
    if (k->i == 0) sb_add(b, "[");
    sb_printf(b, "%s%d", k->i ? "," : "", k->i);
    if (++k->i < k->count) return 1;
    sb_add(b, "]");
    return 0;
}

static void counter_rewind(void *state) { ((counter_t *)state)->i = 0; }

static int h_stream(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)c;
    (void)m;
    counter_t *k = calloc(1, sizeof *k);
    if (!k) return PL_ENOMEM;
    k->count = 1000;
    out->stream = (reply_stream_t){counter_fill, counter_rewind, free, k};
    return 0;
}

static int h_init(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)m;
    (void)out;
    c->initialized++;
    return 0;
}

static const route_t lifecycle_routes[] = {
    {"initialize", h_init, ROUTE_REQUEST},
    {"shutdown", h_ok, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

static const route_t other_routes[] = {
    {"ok", h_ok, ROUTE_REQUEST},
    {"note", h_note, ROUTE_NOTIFICATION},
    {"fail", h_fail, ROUTE_REQUEST},
    {"nulljson", h_null_json, ROUTE_REQUEST},
    {"raw", h_raw, ROUTE_REQUEST},
    {"stream", h_stream, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

static const route_t *const tables[] = {lifecycle_routes, other_routes, NULL};

static void test_lifecycle(void) {
    sink_t k = {0};
    struct ctx_s c = {0};
    session_t s;
    session_init(&s, tables, &c, sink, &k);
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ok\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"note\"}");
    CHECK_INT(session_process(&s), 1);
    CHECK_INT(k.n, 1);
    CHECK_INT(error_code(k.msgs[0]), RPC_SERVER_NOT_INITIALIZED);
    CHECK_STR(error_message(k.msgs[0]), "'ok' before initialize");
    CHECK_INT(c.notes, 0);
    sink_clear(&k);

    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{}}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"note\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"missing\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"note\"}"); /* a notification's method as a request */
    session_process(&s);
    CHECK_INT(s.state, SESSION_RUNNING);
    CHECK_INT(c.initialized, 1);
    CHECK_INT(c.notes, 1);
    CHECK_INT(k.n, 4);
    CHECK(json_is_null(json_object_get(k.msgs[0], "result")));
    CHECK_INT(error_code(k.msgs[1]), RPC_INVALID_REQUEST);
    CHECK_STR(error_message(k.msgs[1]), "initialize was already received");
    CHECK_INT(error_code(k.msgs[2]), RPC_METHOD_NOT_FOUND);
    CHECK_STR(error_message(k.msgs[2]), "unknown method 'missing'");
    CHECK_INT(error_code(k.msgs[3]), RPC_METHOD_NOT_FOUND);
    sink_clear(&k);

    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"shutdown\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ok\"}");
    session_process(&s);
    CHECK_INT(s.state, SESSION_SHUT_DOWN);
    CHECK_INT(k.n, 2);
    CHECK_STR(error_message(k.msgs[1]), "'ok' after shutdown");
    CHECK_INT(error_code(k.msgs[1]), RPC_INVALID_REQUEST);
    send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    CHECK_INT(session_process(&s), 0);
    CHECK(session_finished(&s));
    CHECK_INT(s.exit_code, 0);
    sink_clear(&k);
    session_free(&s);
}

static void initialize(session_t *s, sink_t *k) {
    send(s, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}");
    session_process(s);
    sink_clear(k);
}

/* Every PL_E* code maps to its JSON-RPC code; without a message the table's
 * default is sent. */
static void test_error_table(void) {
    static const struct {
        int err, code;
        const char *fallback;
    } rows[] = {
        {PL_ENOMEM, RPC_INTERNAL_ERROR, "out of memory"},
        {PL_EINVAL, RPC_INVALID_PARAMS, "invalid params"},
        {PL_ENOTOPEN, RPC_INVALID_PARAMS, "the document is not open"},
        {PL_EMODIFIED, RPC_CONTENT_MODIFIED, "the document changed"},
        {PL_ECANCELLED, RPC_REQUEST_CANCELLED, "request cancelled"},
        {PL_ENOMETHOD, RPC_METHOD_NOT_FOUND, "unknown method"},
        {PL_ENOTINIT, RPC_SERVER_NOT_INITIALIZED, "not initialized"},
        {PL_EREFUSED, RPC_INVALID_REQUEST, "the request cannot be served now"},
        {-99, RPC_INTERNAL_ERROR, "internal error"},
    };
    sink_t k = {0};
    struct ctx_s c = {0};
    session_t s;
    session_init(&s, tables, &c, sink, &k);
    initialize(&s, &k);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char body[200];
        snprintf(body, sizeof body, "{\"jsonrpc\":\"2.0\",\"id\":%zu,\"method\":\"fail\",\"params\":{\"err\":%d}}", i,
                 rows[i].err);
        send(&s, body);
        snprintf(body, sizeof body,
                 "{\"jsonrpc\":\"2.0\",\"id\":%zu,\"method\":\"fail\",\"params\":{\"err\":%d,\"msg\":\"why\"}}", i,
                 rows[i].err);
        send(&s, body);
        session_process(&s);
        CHECK_INT(k.n, 2);
        if (k.n != 2) break;
        CHECK_INT(error_code(k.msgs[0]), rows[i].code);
        CHECK_STR(error_message(k.msgs[0]), rows[i].fallback);
        CHECK_INT(error_code(k.msgs[1]), rows[i].code);
        CHECK_STR(error_message(k.msgs[1]), "why");
        sink_clear(&k);
    }
    /* A result that could not be built is an error, never a null result. */
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"nulljson\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":51,\"method\":\"raw\"}");
    session_process(&s);
    CHECK_INT(k.n, 2);
    if (k.n == 2) {
        CHECK_INT(error_code(k.msgs[0]), RPC_INTERNAL_ERROR);
        CHECK_INT(json_array_size(json_object_get(k.msgs[1], "result")), 3);
    }
    sink_clear(&k);
    session_free(&s);
}

static void test_cancel(void) {
    sink_t k = {0};
    struct ctx_s c = {0};
    session_t s;
    session_init(&s, tables, &c, sink, &k);
    initialize(&s, &k);
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ok\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"ok\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"a\"}}");
    session_process(&s);
    CHECK_INT(k.n, 2);
    if (k.n == 2) {
        CHECK_INT(error_code(k.msgs[0]), RPC_REQUEST_CANCELLED);
        CHECK_STR(error_message(k.msgs[0]), "request cancelled");
        CHECK(json_is_true(json_object_get(json_object_get(k.msgs[1], "result"), "ok")));
    }
    sink_clear(&k);
    session_free(&s);
}

static void test_stream(void) {
    raw_sink_t k = {{0}};
    struct ctx_s c = {0};
    session_t s;
    session_init(&s, tables, &c, raw_sink, &k);
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}");
    session_process(&s);
    free(sb_take(&k.bytes));
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"stream\"}");
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ok\"}");
    for (int rounds = 0; rounds < 10000 && (session_process(&s), session_busy(&s)); rounds++) {
    }
    CHECK(!session_busy(&s));
    /* Two frames: the streamed one, exact in length, then the reply behind it. */
    const char *p = k.bytes.s;
    for (int frame = 0; frame < 2 && p; frame++) {
        size_t len = strtoul(p + strlen("Content-Length: "), NULL, 10);
        const char *body = strstr(p, "\r\n\r\n");
        CHECK(body != NULL);
        if (!body) break;
        body += 4;
        json_error_t err;
        json_t *m = json_loadb(body, len, 0, &err);
        CHECK(m != NULL);
        if (frame == 0) {
            CHECK_INT(json_integer_value(json_object_get(m, "id")), 9);
            CHECK_INT(json_array_size(json_object_get(m, "result")), 1000);
        } else {
            CHECK_INT(json_integer_value(json_object_get(m, "id")), 10);
            CHECK_INT((size_t)(body + len - k.bytes.s), k.bytes.n);
        }
        json_decref(m);
        p = body + len;
    }
    free(sb_take(&k.bytes));
    session_free(&s);
}

/* ---- our requests -------------------------------------------------------- */

typedef struct {
    session_t *s;
    int answered, cancelled, chained;
    json_int_t last;
} answers_t;

typedef struct {
    answers_t *a;
    json_int_t n;
    int chain; /* send another request from the callback */
} ask_t;

static void on_answer(void *arg, int rc, json_t *result) {
    ask_t *q = arg;
    if (rc == PL_ECANCELLED) {
        q->a->cancelled++;
    } else {
        q->a->answered++;
        CHECK_INT(json_integer_value(result), q->n * 10);
        if (q->chain) {
            ask_t *next = calloc(1, sizeof *next);
            next->a = q->a;
            next->n = 1000;
            CHECK_INT(session_request(q->a->s, "again", NULL, on_answer, next), 0);
            q->a->chained++;
        }
    }
    free(q);
}

static void test_requests(void) {
    sink_t k = {0};
    struct ctx_s c = {0};
    session_t s;
    session_init(&s, tables, &c, sink, &k);
    initialize(&s, &k);
    answers_t a = {&s, 0, 0, 0, 0};
    /* 100 in flight: the pending array grows (moves) several times. */
    for (json_int_t i = 1; i <= 100; i++) {
        ask_t *q = calloc(1, sizeof *q);
        q->a = &a;
        q->n = i;
        q->chain = i == 50;
        CHECK_INT(session_request(&s, "ask", json_pack("{s:I}", "n", i), on_answer, q), 0);
    }
    CHECK_INT(session_request(&s, "fire-and-forget", NULL, NULL, NULL), 0);
    CHECK_INT(k.n, 101);
    sink_clear(&k);
    /* Answered backwards, all but the first; the ids are 1..100. */
    for (int i = 100; i >= 2; i--) {
        char body[100];
        snprintf(body, sizeof body, "{\"jsonrpc\":\"2.0\",\"id\":%d,\"result\":%d}", i, i * 10);
        send(&s, body);
    }
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":101,\"result\":null}"); /* the one without callback */
    send(&s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":70}");     /* answered twice: ignored */
    session_process(&s);
    CHECK_INT(a.answered, 99);
    CHECK_INT(a.chained, 1);
    CHECK_INT(k.n, 1); /* the chained request */
    sink_clear(&k);
    /* Request 1 and the chained one never get an answer. */
    session_free(&s);
    CHECK_INT(a.cancelled, 2);
}

int main(void) {
    test_lifecycle();
    test_error_table();
    test_cancel();
    test_stream();
    test_requests();
    return unit_report("session");
}
