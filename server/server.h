/* server.h: the LSP server without its transport: bytes in, bytes out. main.c
 * wires it to libuv; tests and fuzzers wire it to buffers. */
#ifndef PLANLS_SERVER_H
#define PLANLS_SERVER_H

#include <jansson.h>
#include <stddef.h>

#include "framing.h"
#include "jsonrpc.h"
#include "documents.h"
#include "strbuf.h"
#include "text.h"
#include "workspace.h"

typedef enum { SRV_UNINITIALIZED = 0, SRV_RUNNING, SRV_SHUT_DOWN, SRV_EXITED, SRV_DEAD } server_state_t;

/* Takes ownership of buf (malloc'd framed bytes). */
typedef void (*server_write_fn)(void *ctx, char *buf, size_t len);

typedef struct {
    int pull_diagnostics;   /* textDocument.diagnostic declared */
    int snippets;           /* completion snippetSupport */
    int versioned_edits;    /* workspace.workspaceEdit.documentChanges */
    int show_document;      /* window.showDocument.support */
    int apply_edit;         /* workspace.applyEdit */
    int action_literals;    /* codeAction.codeActionLiteralSupport */
    int resolve_edits;      /* codeAction.resolveSupport.properties has "edit" */
    int configuration;      /* workspace.configuration */
    int watch_files;        /* workspace.didChangeWatchedFiles.dynamicRegistration */
    int work_done_progress; /* window.workDoneProgress */
} client_caps_t;

typedef enum { PENDING_NONE = 0, PENDING_REVEAL, PENDING_CONFIGURATION } pending_kind_t;

/* A request we sent and what to do with its answer. */
typedef struct {
    long long id;
    pending_kind_t kind;
    char *uri;              /* owned: after an applied edit, reveal this position */
    long line, character;
} pending_t;

struct server_s;
/* Writes the next piece of a long reply (server_stream). Returns 1 while
 * pieces remain, 0 once the reply is whole. */
typedef int (*stream_fn)(struct server_s *s, void *state);
/* Bytes written but not yet taken by the client. */
typedef size_t (*backlog_fn)(void *ctx);

typedef struct server_s {
    server_state_t state;
    pos_encoding_t enc;
    client_caps_t caps;
    store_t store;
    frame_t frame;
    rpc_msg_t *queue;  /* owned: parsed messages waiting for server_process */
    size_t nqueue, capqueue;
    server_write_fn write;
    void *write_ctx;
    int exit_code;     /* valid once state is SRV_EXITED or SRV_DEAD */
    int64_t now_override; /* tests: fixed clock in minutes, 0 = use ts_now() */
    workspace_t workspace;
    long long next_request_id;
    pending_t *pending;   /* owned */
    size_t npending;
    backlog_fn backlog;   /* NULL: writes are taken at once */
    struct {              /* the reply being streamed, if next is set */
        stream_fn next;
        void (*free_state)(void *);
        void *state;      /* owned */
    } stream;
} server_t;

void server_init(server_t *s, server_write_fn write, void *ctx);
void server_free(server_t *s);

/* Frames and parses bytes from the client into the queue. */
void server_feed(server_t *s, const char *data, size_t len);
/* Handles every queued message (a $/cancelRequest that arrived in the same
 * batch as its request cancels it), then publishes diagnostics for the
 * documents that changed. */
void server_process(server_t *s);
/* 1 once the process should end (exit received, or the stream is dead). */
int server_finished(const server_t *s);
/* 1 while a reply is being streamed: server_process must be called again
 * once the client has read some of it. */
int server_busy(const server_t *s);

/* Starts a reply written piece by piece, each piece once the client has read
 * most of the one before (s->backlog): a reply of megabytes never waits whole
 * in memory. Until it ends no other message is handled or written, so the
 * document it reads cannot change. state (owned by the stream) is freed with
 * free_state at the end, or by server_free. */
void server_stream(server_t *s, stream_fn next, void (*free_state)(void *), void *state);

/* Sends a message (stolen). */
void server_send(server_t *s, json_t *msg);
void server_reply(server_t *s, json_t *id, json_t *result);
/* Replies with result already written as JSON text (borrowed): for results
 * of thousands of items, whose jansson tree would weigh ten times the text. */
void server_reply_raw(server_t *s, json_t *id, const char *result, size_t len);
/* A notification whose params are JSON text (borrowed); method is a literal. */
void server_notify_raw(server_t *s, const char *method, const char *params, size_t len);
void server_reply_error(server_t *s, json_t *id, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Handlers (handlers_*.c). A request handler must reply exactly once. */
typedef void (*handler_fn)(server_t *s, const rpc_msg_t *m);
void handle_did_open(server_t *s, const rpc_msg_t *m);
void handle_did_change(server_t *s, const rpc_msg_t *m);
void handle_did_close(server_t *s, const rpc_msg_t *m);
void handle_did_save(server_t *s, const rpc_msg_t *m);
void handle_diagnostic(server_t *s, const rpc_msg_t *m);
void handle_stats(server_t *s, const rpc_msg_t *m);
void handle_completion(server_t *s, const rpc_msg_t *m);
void handle_code_action(server_t *s, const rpc_msg_t *m);
void handle_code_action_resolve(server_t *s, const rpc_msg_t *m);
void handle_execute_command(server_t *s, const rpc_msg_t *m);
void handle_document_symbol(server_t *s, const rpc_msg_t *m);
void handle_folding_range(server_t *s, const rpc_msg_t *m);
void handle_hover(server_t *s, const rpc_msg_t *m);
/* A reply from the client to one of our requests. */
void handle_response(server_t *s, const rpc_msg_t *m);
/* Sends a request to the client; params stolen. Returns its id. */
long long server_request(server_t *s, const char *method, json_t *params);
/* The same, remembering what to do with the answer (pending_t). */
pending_t *server_request_kind(server_t *s, pending_kind_t kind, const char *method, json_t *params);
void handle_initialized(server_t *s, const rpc_msg_t *m);
void handle_did_change_configuration(server_t *s, const rpc_msg_t *m);
void handle_did_change_watched_files(server_t *s, const rpc_msg_t *m);
void handle_workspace_symbol(server_t *s, const rpc_msg_t *m);
void handle_workspace_diagnostic(server_t *s, const rpc_msg_t *m);
/* The open document a request names in params.textDocument.uri, or NULL
 * after replying with the error. */
doc_t *request_document(server_t *s, const rpc_msg_t *m);
/* Publishes diagnostics of every document changed since the last call. */
void publish_pending(server_t *s);
/* Sends textDocument/publishDiagnostics for uri; version < 0 leaves it out;
 * t may be NULL when l is empty. */
void publish_diagnostics(server_t *s, const char *uri, long long version, const text_t *t, const diag_list_t *l);
int64_t server_now(const server_t *s);

/* The workspace's LSP side (handlers_workspace.c). */
void server_workspace_initialize(server_t *s, json_t *params);
/* Builds every folder's settings again, re-checks the open documents (and the
 * closed plans, once scanned) and publishes what changed. */
void server_reload(server_t *s);
/* A closed file changed on disk (or was closed in the editor): check it again. */
void server_file_changed(server_t *s, const char *uri, int deleted);
/* The answer to our workspace/configuration request. */
void server_configuration_reply(server_t *s, json_t *result);

#endif
