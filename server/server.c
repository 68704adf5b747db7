/* server.c: lifecycle, dispatch and the message queue. */
#include "server.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring.h"
#include "log.h"
#include "timestamp.h"

static void on_frame(void *ctx, const char *body, size_t len);
static void on_frame_error(void *ctx, frame_error_t kind, const char *reason);
static void stream_end(server_t *s);

void server_init(server_t *s, server_write_fn write, void *ctx) {
    memset(s, 0, sizeof *s);
    s->enc = POS_UTF16;
    s->write = write;
    s->write_ctx = ctx;
    s->exit_code = 1;
    store_init(&s->store);
    workspace_init(&s->workspace);
    frame_init(&s->frame, FRAME_DEFAULT_CAP, on_frame, on_frame_error, s);
}

void server_free(server_t *s) {
    stream_end(s);
    for (size_t i = 0; i < s->nqueue; i++) rpc_msg_free(&s->queue[i]);
    free(s->queue);
    for (size_t i = 0; i < s->npending; i++) free(s->pending[i].uri);
    free(s->pending);
    store_free(&s->store);
    workspace_free(&s->workspace);
    frame_free(&s->frame);
}

int server_finished(const server_t *s) { return s->state == SRV_EXITED || s->state == SRV_DEAD; }

int64_t server_now(const server_t *s) { return s->now_override ? s->now_override : ts_now(); }

/* ---- output ------------------------------------------------------------ */

void server_send(server_t *s, json_t *msg) {
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
    s->write(s->write_ctx, buf, len);
}

void server_reply(server_t *s, json_t *id, json_t *result) { server_send(s, rpc_make_result(id, result)); }

/* Frames head + payload + "}" as one message (payload borrowed). */
static void send_raw(server_t *s, strbuf_t *head, const char *payload, size_t len) {
    sb_addn(head, payload, len);
    sb_add(head, "}");
    size_t n;
    char *framed = head->s && !head->failed ? frame_encode(head->s, head->n, &n) : NULL;
    free(sb_take(head));
    if (framed) s->write(s->write_ctx, framed, n);
    else log_error("out of memory building a message");
}

void server_reply_raw(server_t *s, json_t *id, const char *result, size_t len) {
    char *id_json = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    strbuf_t body = {0};
    sb_printf(&body, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", id_json ? id_json : "null");
    free(id_json);
    send_raw(s, &body, result, len);
}

void server_notify_raw(server_t *s, const char *method, const char *params, size_t len) {
    strbuf_t body = {0};
    sb_printf(&body, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":", method);
    send_raw(s, &body, params, len);
}

void server_reply_error(server_t *s, json_t *id, int code, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    server_send(s, rpc_make_error(id, code, "%s", msg));
}

/* ---- input ------------------------------------------------------------- */

static void on_frame(void *ctx, const char *body, size_t len) {
    server_t *s = ctx;
    if (s->nqueue == s->capqueue) {
        size_t cap = s->capqueue ? s->capqueue * 2 : 16;
        rpc_msg_t *q = realloc(s->queue, cap * sizeof *q);
        if (!q) {
            log_error("out of memory queueing a message; dropped");
            return;
        }
        s->queue = q;
        s->capqueue = cap;
    }
    rpc_parse(body, len, &s->queue[s->nqueue++]);
}

static void on_frame_error(void *ctx, frame_error_t kind, const char *reason) {
    server_t *s = ctx;
    if (kind == FRAME_FATAL) {
        log_error("cannot read the client's stream any more: %s; exiting", reason);
        s->state = SRV_DEAD;
        s->exit_code = 1;
        return;
    }
    log_error("refused a message: %s", reason);
    server_send(s, rpc_make_error(NULL, RPC_INVALID_REQUEST, "%s", reason));
}

void server_feed(server_t *s, const char *data, size_t len) {
    if (server_finished(s)) return;
    frame_feed(&s->frame, data, len);
}

/* ---- lifecycle --------------------------------------------------------- */

static int offers(json_t *arr, const char *what) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), what) == 0) return 1;
    }
    return 0;
}

static pos_encoding_t negotiate_encoding(json_t *caps) {
    json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
    if (!json_is_array(encs)) return POS_UTF16;
    /* Bytes are what we hold: utf-8 costs nothing. Otherwise honour the
     * client's first choice among the ones we support. */
    if (offers(encs, "utf-8")) return POS_UTF8;
    size_t i;
    json_t *v;
    json_array_foreach(encs, i, v) {
        if (!json_is_string(v)) continue;
        if (strcmp(json_string_value(v), "utf-32") == 0) return POS_UTF32;
        if (strcmp(json_string_value(v), "utf-16") == 0) return POS_UTF16;
    }
    return POS_UTF16;
}

static const char *encoding_name(pos_encoding_t e) {
    return e == POS_UTF8 ? "utf-8" : e == POS_UTF32 ? "utf-32" : "utf-16";
}

static void handle_initialize(server_t *s, const rpc_msg_t *m) {
    if (s->state != SRV_UNINITIALIZED) {
        server_reply_error(s, m->id, RPC_INVALID_REQUEST, "initialize was already received");
        return;
    }
    if (!json_is_object(m->params)) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params must be an InitializeParams object");
        return;
    }
    json_t *caps = json_object_get(m->params, "capabilities");
    if (caps && !json_is_object(caps)) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.capabilities must be an object");
        return;
    }
    s->enc = negotiate_encoding(caps);
    json_t *td = json_object_get(caps, "textDocument");
    s->caps.pull_diagnostics = json_is_object(json_object_get(td, "diagnostic"));
    s->caps.snippets = json_is_true(json_object_get(
        json_object_get(json_object_get(td, "completion"), "completionItem"), "snippetSupport"));
    json_t *ws = json_object_get(caps, "workspace");
    s->caps.versioned_edits =
        json_is_true(json_object_get(json_object_get(ws, "workspaceEdit"), "documentChanges"));
    s->caps.apply_edit = json_is_true(json_object_get(ws, "applyEdit"));
    s->caps.show_document = json_is_true(
        json_object_get(json_object_get(json_object_get(caps, "window"), "showDocument"), "support"));
    s->caps.configuration = json_is_true(json_object_get(ws, "configuration"));
    s->caps.watch_files = json_is_true(
        json_object_get(json_object_get(ws, "didChangeWatchedFiles"), "dynamicRegistration"));
    s->caps.work_done_progress =
        json_is_true(json_object_get(json_object_get(caps, "window"), "workDoneProgress"));
    json_t *ca = json_object_get(td, "codeAction");
    s->caps.action_literals = json_is_object(json_object_get(ca, "codeActionLiteralSupport"));
    s->caps.resolve_edits =
        offers(json_object_get(json_object_get(ca, "resolveSupport"), "properties"), "edit");

    json_t *commands = json_array();
    for (const char *const *c = action_commands; *c; c++) json_array_append_new(commands, json_string(*c));
    json_array_append_new(commands, json_string("planls.reveal"));
    json_t *capabilities = json_pack(
        "{s:s,s:{s:b,s:i,s:{s:b}},s:{s:[s,s,s,s,s],s:b},s:b,s:b,s:b,s:b,s:{s:o}}", "positionEncoding",
        encoding_name(s->enc), "textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
        "completionProvider", "triggerCharacters", "#", "[", "(", "-", " ", "resolveProvider", 0,
        "documentSymbolProvider", 1, "foldingRangeProvider", 1, "hoverProvider", 1, "workspaceSymbolProvider", 1,
        "executeCommandProvider",
        "commands", commands);
    /* Clients that take literal code actions are told which kinds to expect. */
    if (capabilities)
        json_object_set_new(capabilities, "codeActionProvider",
                            s->caps.action_literals
                                ? json_pack("{s:[s,s],s:b}", "codeActionKinds", "quickfix", "refactor.rewrite",
                                            "resolveProvider", s->caps.resolve_edits)
                                : json_true());
    /* Pull diagnostics only for clients that ask: a client that gets both
     * pull and push shows every problem twice. */
    if (capabilities && s->caps.pull_diagnostics)
        json_object_set_new(capabilities, "diagnosticProvider",
                            json_pack("{s:s,s:b,s:b}", "identifier", "planls", "interFileDependencies", 0,
                                      "workspaceDiagnostics", 1));
    json_t *result = json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities, "serverInfo", "name",
                               "planls", "version", PLANLS_VERSION);
    s->state = SRV_RUNNING;
    server_workspace_initialize(s, m->params);
    log_info("initialized: position encoding %s, pull diagnostics %s", encoding_name(s->enc),
             s->caps.pull_diagnostics ? "yes" : "no");
    server_reply(s, m->id, result);
}

static void handle_shutdown(server_t *s, const rpc_msg_t *m) {
    publish_pending(s); /* what the client changed before shutdown still gets its answer */
    s->state = SRV_SHUT_DOWN;
    server_reply(s, m->id, NULL);
}

static void handle_exit(server_t *s, const rpc_msg_t *m) {
    (void)m;
    s->exit_code = s->state == SRV_SHUT_DOWN ? 0 : 1;
    if (s->exit_code) log_error("exit without shutdown");
    s->state = SRV_EXITED;
}

/* Cancellation is handled when the queue is drained; alone it is a no-op. */
static void handle_cancel(server_t *s, const rpc_msg_t *m) {
    (void)s;
    (void)m;
}

typedef struct {
    const char *method;
    handler_fn fn;
    int is_request;
} route_t;

static const route_t routes[] = {
    {"initialize", handle_initialize, 1},
    {"initialized", handle_initialized, 0},
    {"shutdown", handle_shutdown, 1},
    {"exit", handle_exit, 0},
    {"$/cancelRequest", handle_cancel, 0},
    {"textDocument/didOpen", handle_did_open, 0},
    {"textDocument/didChange", handle_did_change, 0},
    {"textDocument/didClose", handle_did_close, 0},
    {"textDocument/didSave", handle_did_save, 0},
    {"textDocument/diagnostic", handle_diagnostic, 1},
    {"$/planls/stats", handle_stats, 1},
    {"textDocument/completion", handle_completion, 1},
    {"textDocument/codeAction", handle_code_action, 1},
    {"codeAction/resolve", handle_code_action_resolve, 1},
    {"textDocument/documentSymbol", handle_document_symbol, 1},
    {"textDocument/foldingRange", handle_folding_range, 1},
    {"textDocument/hover", handle_hover, 1},
    {"workspace/executeCommand", handle_execute_command, 1},
    {"workspace/didChangeConfiguration", handle_did_change_configuration, 0},
    {"workspace/didChangeWatchedFiles", handle_did_change_watched_files, 0},
    {"workspace/symbol", handle_workspace_symbol, 1},
    {"workspace/diagnostic", handle_workspace_diagnostic, 1},
};

static const route_t *find_route(const char *method) {
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (strcmp(routes[i].method, method) == 0) return &routes[i];
    return NULL;
}

static void dispatch(server_t *s, const rpc_msg_t *m) {
    if (m->kind == RPC_INVALID) {
        log_error("bad message: %s", m->error_message);
        server_reply_error(s, m->id, m->error_code, "%s", m->error_message);
        return;
    }
    if (m->kind == RPC_RESPONSE) {
        handle_response(s, m);
        return;
    }
    int request = m->kind == RPC_REQUEST;
    const route_t *r = find_route(m->method);
    if (strcmp(m->method, "exit") == 0) {
        handle_exit(s, m);
        return;
    }
    if (s->state == SRV_UNINITIALIZED && strcmp(m->method, "initialize") != 0) {
        if (request)
            server_reply_error(s, m->id, RPC_SERVER_NOT_INITIALIZED, "'%s' before initialize", m->method);
        return;
    }
    if (s->state == SRV_SHUT_DOWN) {
        if (request)
            server_reply_error(s, m->id, RPC_INVALID_REQUEST, "'%s' after shutdown", m->method);
        return;
    }
    if (!r || r->is_request != request) {
        if (request) server_reply_error(s, m->id, RPC_METHOD_NOT_FOUND, "unknown method '%s'", m->method);
        else log_info("ignored notification '%s'", m->method);
        return;
    }
    r->fn(s, m);
}

static int same_id(json_t *a, json_t *b) { return a && b && json_equal(a, b); }

/* Requests cancelled by a $/cancelRequest in the same batch never run. */
static void mark_cancelled(server_t *s, int *cancelled) {
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

/* Replies are written ahead of the client by at most this much. */
#define STREAM_BACKLOG ((size_t)128 << 10)

void server_stream(server_t *s, stream_fn next, void (*free_state)(void *), void *state) {
    s->stream.next = next;
    s->stream.free_state = free_state;
    s->stream.state = state;
}

static void stream_end(server_t *s) {
    if (s->stream.free_state) s->stream.free_state(s->stream.state);
    memset(&s->stream, 0, sizeof s->stream);
}

int server_busy(const server_t *s) { return s->stream.next != NULL; }

/* Writes pieces of the streamed reply while the client keeps up. Returns 1
 * once no reply is being streamed. */
static int stream_step(server_t *s) {
    while (s->stream.next) {
        if (s->backlog && s->backlog(s->write_ctx) >= STREAM_BACKLOG) return 0;
        if (!s->stream.next(s, s->stream.state)) stream_end(s);
    }
    return 1;
}

void server_process(server_t *s) {
    if (!stream_step(s)) return;
    if (s->nqueue == 0) {
        publish_pending(s);
        return;
    }
    /* Handlers may not feed the queue, so it can be taken whole. */
    rpc_msg_t *queue = s->queue;
    size_t n = s->nqueue, cap = s->capqueue;
    int *cancelled = calloc(n, sizeof *cancelled);
    if (cancelled) mark_cancelled(s, cancelled);
    s->queue = NULL;
    s->nqueue = s->capqueue = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s->state != SRV_EXITED) {
            if (cancelled && cancelled[i])
                server_reply_error(s, queue[i].id, RPC_REQUEST_CANCELLED, "request cancelled");
            else
                dispatch(s, &queue[i]);
        }
        /* A didOpen's JSON holds a copy of the text: let it go at once. */
        rpc_msg_free(&queue[i]);
        if (!stream_step(s)) break;
    }
    free(cancelled);
    if (i < n) {
        /* A reply is streaming: the rest of the batch waits for it, in order. */
        memmove(queue, queue + i + 1, (n - i - 1) * sizeof *queue);
        s->queue = queue;
        s->nqueue = n - i - 1;
        s->capqueue = cap;
        return;
    }
    free(queue);
    if (s->state != SRV_EXITED) publish_pending(s);
}
