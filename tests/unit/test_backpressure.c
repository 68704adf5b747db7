/* test_backpressure.c: a client that does not read (issue 13), in-process.
 *
 * The sink keeps what is written and reports as backlog what the "client"
 * has not taken. While it takes nothing, the output ahead of it stays bounded
 * (SESSION_BACKLOG_MAX plus one message), the server asks not to be read, and
 * a publish waiting in the outbox is replaced by the document's newer one.
 * Once the client reads, every reply comes, in order. */
#include <stdlib.h>

#include "frames.h"
#include "outbox.h"
#include "server.h"
#include "strbuf.h"
#include "unit.h"

typedef struct {
    strbuf_t out;
    size_t read; /* bytes of out the client has taken */
} client_t;

static void sink(void *ctx, char *buf, size_t len) {
    client_t *c = ctx;
    sb_addn(&c->out, buf, len);
    free(buf);
}

static size_t backlog(void *ctx) {
    client_t *c = ctx;
    return c->out.n - c->read;
}

static void start(server_t *s, client_t *c) {
    server_init(s, sink, c);
    s->session.backlog = backlog;
    s->ctx.now_override = 29000000;
    frames_send(s, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    frames_send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
}

/* didOpen of a plan with n times line (a format taking the number). */
static void open_plan(server_t *s, size_t n, const char *line) {
    strbuf_t b = {0};
    sb_add(&b, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
               "{\"uri\":\"file:///tmp/execplans/p.md\",\"languageId\":\"markdown\",\"version\":1,\"text\":"
               "\"# P\\n\\n## Progress\\n\\n");
    for (size_t i = 0; i < n; i++) sb_printf(&b, line, i);
    sb_add(&b, "\"}}}");
    frames_send(s, b.s);
    free(sb_take(&b));
}

static void test_unread_replies_are_bounded(void) {
    client_t c = {{0}, 0};
    server_t s;
    start(&s, &c);
    open_plan(&s, 200, "### Step %zu\\n\\n- [ ] item\\n  more\\n\\n"); /* folding: about 8 KB */
    server_process(&s);
    c.read = c.out.n;
    size_t at = c.out.n;
    enum { N = 2000 }; /* 16 MB of replies: four times SESSION_BACKLOG_MAX */
    for (int i = 1; i <= N; i++) {
        char req[200];
        snprintf(req, sizeof req,
                 "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"textDocument/foldingRange\","
                 "\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/execplans/p.md\"}}}",
                 i);
        frames_send(&s, req);
    }
    /* The client reads nothing: the server stops and says so. */
    for (int round = 0; round < 5; round++) server_process(&s);
    CHECK(server_busy(&s));
    CHECK(!server_wants_input(&s));
    CHECK(session_backlog(&s.session) >= SESSION_BACKLOG_MAX);
    CHECK(session_backlog(&s.session) < SESSION_BACKLOG_MAX + (64u << 10));
    CHECK(c.out.n - c.read <= SESSION_HANDOVER + (64u << 10));
    /* It reads half of what waits, and 256 KB, each round: every reply, in order. */
    int rounds = 0;
    while (server_busy(&s) && rounds++ < 1000000) {
        c.read += (c.out.n - c.read + 1) / 2 + (256u << 10);
        if (c.read > c.out.n) c.read = c.out.n;
        server_process(&s);
    }
    CHECK(!server_busy(&s));
    CHECK(server_wants_input(&s));
    int next = 1;
    for (json_t *m; (m = frames_next(&c.out, &at)); json_decref(m)) {
        if (json_object_get(m, "method")) continue;
        CHECK_INT(json_integer_value(json_object_get(m, "id")), next);
        next++;
    }
    CHECK_INT(next, N + 1);
    server_free(&s);
    free(sb_take(&c.out));
}

static void test_waiting_publish_is_replaced(void) {
    client_t c = {{0}, 0};
    server_t s;
    start(&s, &c);
    /* Progress entries without a time: a publish of 470 KB, more than SESSION_HANDOVER. */
    open_plan(&s, 2000, "- [x] step %zu done\\n");
    server_process(&s);
    size_t at = 0;
    /* 50 edits, each its own batch, while the client reads nothing. */
    for (int v = 2; v <= 51; v++) {
        char change[300];
        snprintf(change, sizeof change,
                 "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                 "{\"uri\":\"file:///tmp/execplans/p.md\",\"version\":%d},\"contentChanges\":[{\"range\":"
                 "{\"start\":{\"line\":0,\"character\":2},\"end\":{\"line\":0,\"character\":2}},\"text\":\"x\"}]}}",
                 v);
        frames_send(&s, change);
        server_process(&s);
        CHECK(server_wants_input(&s)); /* publishes replace each other: no need to stop reading */
    }
    CHECK(s.session.out.n - s.session.out.head == 1);
    while (server_busy(&s)) {
        c.read = c.out.n;
        server_process(&s);
    }
    long long versions[8];
    size_t n = 0;
    for (json_t *m; (m = frames_next(&c.out, &at)); json_decref(m)) {
        json_t *v = json_object_get(json_object_get(m, "params"), "version");
        if (v && n < 8) versions[n++] = json_integer_value(v);
    }
    CHECK_INT(n, 2);
    CHECK_INT(versions[0], 1);
    CHECK_INT(versions[n - 1], 51);
    server_free(&s);
    free(sb_take(&c.out));
}

static void test_outbox(void) {
    outbox_t o = {0};
    CHECK(outbox_put(&o, strdup("a"), 1, NULL) == 0);
    CHECK(outbox_put(&o, strdup("p1"), 2, "uri") == 0);
    CHECK(outbox_put(&o, strdup("b"), 1, NULL) == 0);
    CHECK(outbox_put(&o, strdup("q1"), 2, "other") == 0);
    CHECK(outbox_put(&o, strdup("p22"), 3, "uri") == 0); /* takes p1's place */
    CHECK_INT(o.bytes, 1 + 3 + 1 + 2);
    const char *want[] = {"a", "p22", "b", "q1"};
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        char *m = outbox_take(&o, &len);
        CHECK_STR(m, want[i]);
        CHECK_INT(len, strlen(want[i]));
        free(m);
    }
    size_t len;
    CHECK(outbox_take(&o, &len) == NULL);
    CHECK_INT(o.bytes, 0);
    /* Taken: a newer one with the key is appended, not lost. */
    CHECK(outbox_put(&o, strdup("p3"), 2, "uri") == 0);
    CHECK(outbox_put(&o, strdup("c"), 1, NULL) == 0);
    char *m = outbox_take(&o, &len);
    CHECK_STR(m, "p3");
    free(m);
    outbox_free(&o);
}

int main(void) {
    test_outbox();
    test_unread_replies_are_bounded();
    test_waiting_publish_is_replaced();
    return unit_report("backpressure");
}
