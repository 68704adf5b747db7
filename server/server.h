/* server.h: the planls language server without its transport: bytes in,
 * bytes out. main.c wires it to libuv; tests and fuzzers wire it to buffers.
 * The server is the session (protocol/session.c), the documents and the
 * workspace (server/store/), and the handlers' context joining them. */
#ifndef PLANLS_SERVER_H
#define PLANLS_SERVER_H

#include <stddef.h>

#include "documents.h"
#include "handlers.h"
#include "session.h"
#include "workspace.h"

typedef struct {
    session_t session; /* tests set session.backlog */
    ctx_t ctx;         /* tests set ctx.now_override */
    store_t store;
    workspace_t workspace;
} server_t;

/* Takes ownership of buf (malloc'd framed bytes). */
typedef session_write_fn server_write_fn;

/* s must stay where it is until server_free: its parts point at each other. */
void server_init(server_t *s, server_write_fn write, void *write_ctx);
void server_free(server_t *s);

/* Where slow work (a repository's file index) runs: fn runs work off the
 * loop and done on it. Unset, both run at once, in the call. */
void server_set_offload(server_t *s, offload_fn fn, void *host);

/* Frames and parses bytes from the client (borrowed) into the queue. */
void server_feed(server_t *s, const char *data, size_t len);
/* Handles every queued message, then publishes diagnostics for the documents
 * that changed. */
void server_process(server_t *s);
/* 1 once the process should end (exit received, or the stream is dead). */
int server_finished(const server_t *s);
/* 1 while output or messages wait for the client to read (a streamed reply,
 * held messages, publishes not yet handed over): server_process must be
 * called again once the client has read some of it. */
int server_busy(const server_t *s);
/* 0 while the transport should not read the input (backpressure; see
 * SESSION_BACKLOG_MAX), as of the last server_process. */
int server_wants_input(const server_t *s);
/* The client went away (input ended, output broke). Returns the exit status:
 * 0 when it had shut the server down, else 1. */
int server_lost(server_t *s);
/* The exit status once server_finished. */
int server_exit_code(const server_t *s);

#endif
