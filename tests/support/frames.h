/* frames.h: the client side of LSP framing for tests that run the server
 * in-process (test_stream, test_backpressure): send one message, read the
 * frames the server wrote. */
#ifndef PLANLS_TEST_FRAMES_H
#define PLANLS_TEST_FRAMES_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "strbuf.h"

/* Feeds one message to the server, framed. */
static inline void frames_send(server_t *s, const char *json) {
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(json));
    server_feed(s, head, (size_t)n);
    server_feed(s, json, strlen(json));
}

/* The next frame of out from *at: its body (new JSON reference), or NULL
 * when no whole frame starts there. */
static inline json_t *frames_next(const strbuf_t *out, size_t *at) {
    const char *p = out->s + *at, *end = out->s + out->n;
    if (p >= end || strncmp(p, "Content-Length: ", 16) != 0) return NULL;
    size_t len = strtoul(p + 16, NULL, 10);
    const char *body = strstr(p, "\r\n\r\n");
    if (!body || body + 4 + len > end) return NULL;
    body += 4;
    *at = (size_t)(body + len - out->s);
    json_error_t err;
    return json_loadb(body, len, 0, &err);
}

#endif
