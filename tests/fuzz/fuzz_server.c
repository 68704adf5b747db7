/* fuzz_server.c: the whole message path in-process (framing, JSON-RPC,
 * dispatch, lifecycle, document sync, diagnostics, completion, code actions,
 * commands, outline, folding, hover).
 *
 * A server_t with a fixed clock is first fed a fixed initialize, initialized
 * and didOpen of a plan; then the fuzz input. Every byte the server writes
 * must be one well-formed frame holding a JSON-RPC 2.0 object.
 *
 * Input formats:
 *   - raw (anything else): the bytes go to server_feed as they are, in chunks
 *     of varying size (derived from the input), server_process after each.
 *   - split: input starting with "%%\n" (utf-16 client with every capability)
 *     or "%8\n" (utf-8 client, pull diagnostics, lazily resolved code actions,
 *     cookbook plan, no snippets or literals) holds
 *     JSON bodies separated by lines "%%" (feed, then server_process) or "%+"
 *     (feed only: the next body lands in the same batch, so $/cancelRequest
 *     applies). The harness frames each body with its exact Content-Length, so
 *     mutations of the bodies are not lost to a wrong length.
 * The server is freed at the end; with ASan, anything left allocated fails. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plans.h"
#include "server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t writes;

/* Checks and discards what the server writes. */
static void sink(void *ctx, char *buf, size_t len) {
    (void)ctx;
    static const char head[] = "Content-Length: ";
    size_t hl = sizeof head - 1;
    if (len < hl + 4 || memcmp(buf, head, hl) != 0) abort();
    size_t i = hl, n = 0;
    if (buf[i] < '0' || buf[i] > '9') abort();
    while (i < len && buf[i] >= '0' && buf[i] <= '9') n = n * 10 + (size_t)(buf[i++] - '0');
    if (len - i < 4 || memcmp(buf + i, "\r\n\r\n", 4) != 0) abort();
    i += 4;
    if (len - i != n) abort();
    json_error_t err;
    json_t *msg = json_loadb(buf + i, n, JSON_ALLOW_NUL, &err);
    if (!json_is_object(msg)) {
        fprintf(stderr, "server wrote a body that is not a JSON object: %s\n", err.text);
        abort();
    }
    json_t *v = json_object_get(msg, "jsonrpc");
    if (!json_is_string(v) || strcmp(json_string_value(v), "2.0") != 0) abort();
    /* Exactly one of a reply, an error reply, a notification or a request. */
    int has_method = json_object_get(msg, "method") != NULL;
    int has_result = json_object_get(msg, "result") != NULL;
    int has_error = json_object_get(msg, "error") != NULL;
    if (has_method + has_result + has_error != 1) abort();
    if (!has_method && !json_object_get(msg, "id")) abort();
    json_decref(msg);
    free(buf);
    writes++;
}

static void feed_body(server_t *s, const char *body, size_t len) {
    char head[48];
    int hl = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
    server_feed(s, head, (size_t)hl);
    server_feed(s, body, len);
}

static void feed_json(server_t *s, json_t *msg) {
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body) abort();
    feed_body(s, body, strlen(body));
    free(body);
}

static void prelude(server_t *s, int utf8_client) {
    json_t *caps;
    if (utf8_client)
        caps = json_pack("{s:{s:[s,s]},s:{s:{},s:{s:{s:[s]}}},s:{s:b}}", "general", "positionEncodings", "utf-8",
                         "utf-16", "textDocument", "diagnostic", "codeAction", "resolveSupport", "properties", "edit",
                         "workspace", "applyEdit", 1);
    else
        caps = json_pack("{s:{s:{s:{s:b}},s:{s:{}}},s:{s:{s:b},s:b},s:{s:{s:b}}}", "textDocument", "completion",
                         "completionItem", "snippetSupport", 1, "codeAction", "codeActionLiteralSupport", "workspace",
                         "workspaceEdit", "documentChanges", 1, "applyEdit", 1, "window", "showDocument", "support", 1);
    feed_json(s, json_pack("{s:s,s:i,s:s,s:{s:i,s:n,s:o}}", "jsonrpc", "2.0", "id", 0, "method", "initialize", "params",
                           "processId", 1, "rootUri", "capabilities", caps));
    feed_json(s, json_pack("{s:s,s:s,s:{}}", "jsonrpc", "2.0", "method", "initialized", "params"));
    feed_json(s, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                           "params", "textDocument", "uri", "file:///fuzz/execplans/plan.md", "languageId", "markdown",
                           "version", 1, "text", sample_plans[utf8_client ? 1 : 0]));
    server_process(s);
}

/* Finds the next separator line ("\n%%\n" or "\n%+\n") at or after i. */
static size_t next_sep(const uint8_t *d, size_t n, size_t i, int *process) {
    for (size_t k = i; k + 4 <= n; k++) {
        if (d[k] == '\n' && d[k + 1] == '%' && (d[k + 2] == '%' || d[k + 2] == '+') && d[k + 3] == '\n') {
            *process = d[k + 2] == '%';
            return k;
        }
    }
    *process = 1;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    server_t s;
    server_init(&s, sink, NULL);
    s.ctx.now_override = SAMPLE_NOW;
    int split = size >= 3 && data[0] == '%' && (data[1] == '%' || data[1] == '8') && data[2] == '\n';
    prelude(&s, split && data[1] == '8');

    if (split) {
        size_t i = 3;
        while (i <= size && !server_finished(&s)) {
            int process;
            size_t end = next_sep(data, size, i, &process);
            feed_body(&s, (const char *)data + i, end - i);
            if (process) server_process(&s);
            i = end + 4;
        }
    } else {
        /* Chunk sizes from a small generator seeded by the input's length, so
         * a given input always splits the same way. */
        uint32_t x = (uint32_t)size * 2654435761u + 1u;
        size_t i = 0;
        while (i < size && !server_finished(&s)) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            static const size_t sizes[] = {1, 3, 17, 64, 300, 4096, 65536};
            size_t c = sizes[x % (sizeof sizes / sizeof sizes[0])];
            if (c > size - i) c = size - i;
            server_feed(&s, (const char *)data + i, c);
            server_process(&s);
            i += c;
        }
    }
    server_process(&s);
    server_free(&s);
    return 0;
}
