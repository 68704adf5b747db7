/* server.c: the composition root. It joins the handler areas into the route
 * tables the session dispatches through, and points the handlers' context at
 * the session, the documents and the workspace. The only file that sees every
 * part. */
#include "server.h"

#include <string.h>

/* Every LSP area planls serves; initialize asks them for their capabilities
 * in this order. */
static const handler_area_t *const areas[] = {
    &lifecycle_area, &documents_area, &diagnostics_area, &completion_area, &code_actions_area, &symbols_area,
    &folding_area,   &hover_area,     &workspace_area,   &health_area,     &paths_area,        NULL,
};

#define NAREAS (sizeof areas / sizeof areas[0] - 1)
static const route_t *tables[NAREAS + 1];

void server_init(server_t *s, server_write_fn write, void *write_ctx) {
    memset(s, 0, sizeof *s);
    /* The same for every server: filling it again is harmless. */
    for (size_t i = 0; i < NAREAS; i++) tables[i] = areas[i]->routes;
    tables[NAREAS] = NULL;
    store_init(&s->store);
    workspace_init(&s->workspace);
    s->ctx.session = &s->session;
    s->ctx.docs = &s->store;
    s->ctx.workspace = &s->workspace;
    s->ctx.enc = POS_UTF16;
    s->ctx.areas = areas;
    session_init(&s->session, tables, &s->ctx, write, write_ctx);
}

void server_free(server_t *s) {
    session_free(&s->session);
    store_free(&s->store);
    workspace_free(&s->workspace);
}

void server_set_offload(server_t *s, offload_fn fn, void *host) {
    s->ctx.offload = fn;
    s->ctx.offload_host = host;
}

void server_feed(server_t *s, const char *data, size_t len) { session_feed(&s->session, data, len); }

void server_process(server_t *s) {
    if (session_process(&s->session)) diagnostics_publish_pending(&s->ctx);
}

int server_finished(const server_t *s) { return session_finished(&s->session); }

int server_busy(const server_t *s) { return session_busy(&s->session); }

int server_wants_input(const server_t *s) { return session_wants_input(&s->session); }

int server_lost(server_t *s) {
    session_lost(&s->session);
    return s->session.exit_code;
}

int server_exit_code(const server_t *s) { return s->session.exit_code; }
