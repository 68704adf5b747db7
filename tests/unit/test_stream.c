/* test_stream.c: a long reply is written as the client reads it.
 *
 * The server runs in-process with a sink that plays a client: it keeps what is
 * written and reports as backlog what it has not "read" yet. A documentSymbol
 * reply of megabytes must never be more than a bounded amount ahead of the
 * client, the messages behind it must wait for it (in order, the document
 * unchanged until it is whole), and the bytes must form exact frames. */
#include <stdlib.h>

#include "frames.h"
#include "server.h"
#include "strbuf.h"
#include "unit.h"

typedef struct {
    strbuf_t out; /* everything written */
    size_t read;  /* bytes of out the "client" has taken */
    size_t max_ahead;
} client_t;

static void sink(void *ctx, char *buf, size_t len) {
    client_t *c = ctx;
    sb_addn(&c->out, buf, len);
    free(buf);
    if (c->out.n - c->read > c->max_ahead) c->max_ahead = c->out.n - c->read;
}

static size_t backlog(void *ctx) {
    client_t *c = ctx;
    return c->out.n - c->read;
}

/* A plan of n Progress entries in the guide dialect: about 60 bytes each. */
static char *big_plan_json(size_t n) {
    strbuf_t b = {0};
    sb_add(&b, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
               "{\"uri\":\"file:///tmp/big.md\",\"languageId\":\"markdown\",\"version\":1,\"text\":"
               "\"# Big\\n\\n## Purpose / Big Picture\\n\\nX.\\n\\n## To-do\\n\\n- [ ] y\\n\\n## Progress\\n\\n");
    for (size_t i = 0; i < n; i++)
        sb_printf(&b, "- [2025-01-%02zu %02zu:%02zu UTC] step %zu \\u00e9\\n", 1 + i / 1440 % 28, i / 60 % 24, i % 60,
                  i);
    sb_add(&b, "\"}}}");
    return sb_take(&b);
}

static void test_document_symbol_streams(void) {
    client_t c = {{0}, 0, 0};
    server_t s;
    server_init(&s, sink, &c);
    s.session.backlog = backlog;
    s.ctx.now_override = 1;
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    char *open = big_plan_json(30000);
    frames_send(&s, open);
    free(open);
    server_process(&s);
    c.read = c.out.n;
    c.max_ahead = 0;
    size_t at = c.out.n;

    /* The reply, then a change and a request queued behind it in one batch. */
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/documentSymbol\","
                    "\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/big.md\"}}}");
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                    "{\"uri\":\"file:///tmp/big.md\",\"version\":2},\"contentChanges\":[{\"text\":"
                    "\"# Small\\n\\n## Purpose / Big Picture\\n\\n## To-do\\n\\n## Progress\\n\"}]}}");
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/documentSymbol\","
                    "\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/big.md\"}}}");
    int rounds = 0;
    for (server_process(&s); server_busy(&s) && rounds < 100000; server_process(&s)) {
        rounds++;
        c.read += (c.out.n - c.read + 1) / 2; /* a slow client: half of what waits */
    }
    CHECK(!server_busy(&s));
    CHECK(rounds > 10);
    /* Ahead of the client by the backlog limit plus a piece, at most. */
    CHECK(c.max_ahead <= (192u << 10));

    json_t *first = frames_next(&c.out, &at);
    CHECK(first != NULL);
    json_t *symbols = json_object_get(first, "result");
    CHECK_INT(json_integer_value(json_object_get(first, "id")), 2);
    CHECK_INT(json_array_size(symbols), 1);
    json_t *sections = json_object_get(json_array_get(symbols, 0), "children");
    json_t *progress = json_array_get(sections, 2);
    CHECK_STR(json_string_value(json_object_get(progress, "name")), "Progress");
    CHECK_INT(json_array_size(json_object_get(progress, "children")), 30000);
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(progress, "children"), 29999), "name")),
              "step 29999 \xc3\xa9");
    json_decref(first);

    /* Then the change applied, then the second request on the new text. */
    json_t *next = frames_next(&c.out, &at);
    while (next && json_object_get(next, "method")) { /* diagnostics may come between */
        json_decref(next);
        next = frames_next(&c.out, &at);
    }
    CHECK(next != NULL);
    CHECK_INT(json_integer_value(json_object_get(next, "id")), 3);
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(next, "result"), 0), "name")), "Small");
    json_decref(next);
    server_free(&s);
    free(sb_take(&c.out));
}

/* Without a backlog probe (tests, fuzzers, a file as output), the reply is
 * written whole at once. */
static void test_no_probe_writes_at_once(void) {
    client_t c = {{0}, 0, 0};
    server_t s;
    server_init(&s, sink, &c);
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    char *open = big_plan_json(3000);
    frames_send(&s, open);
    free(open);
    frames_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/documentSymbol\","
                    "\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/big.md\"}}}");
    server_process(&s);
    CHECK(!server_busy(&s));
    size_t at = 0, replies = 0;
    for (json_t *m; (m = frames_next(&c.out, &at)); json_decref(m)) replies += json_object_get(m, "id") != NULL;
    CHECK_INT(at, c.out.n);
    CHECK_INT(replies, 2);
    server_free(&s);
    free(sb_take(&c.out));
}

int main(void) {
    test_document_symbol_streams();
    test_no_probe_writes_at_once();
    return unit_report("stream");
}
