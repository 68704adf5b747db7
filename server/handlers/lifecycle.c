/* lifecycle.c: initialize (the client's capabilities in, ours out),
 * initialized and shutdown. The session keeps the lifecycle state and
 * handles exit itself. */
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"

static int offers(json_t *arr, const char *what) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), what) == 0) return 1;
    }
    return 0;
}

static void read_client_caps(client_caps_t *cc, json_t *caps) {
    json_t *td = json_object_get(caps, "textDocument");
    cc->pull_diagnostics = json_is_object(json_object_get(td, "diagnostic"));
    cc->snippets = json_is_true(
        json_object_get(json_object_get(json_object_get(td, "completion"), "completionItem"), "snippetSupport"));
    json_t *ws = json_object_get(caps, "workspace");
    json_t *we = json_object_get(ws, "workspaceEdit");
    cc->versioned_edits = json_is_true(json_object_get(we, "documentChanges"));
    cc->rename_files = cc->versioned_edits && offers(json_object_get(we, "resourceOperations"), "rename");
    cc->apply_edit = json_is_true(json_object_get(ws, "applyEdit"));
    cc->show_document =
        json_is_true(json_object_get(json_object_get(json_object_get(caps, "window"), "showDocument"), "support"));
    cc->configuration = json_is_true(json_object_get(ws, "configuration"));
    cc->watch_files =
        json_is_true(json_object_get(json_object_get(ws, "didChangeWatchedFiles"), "dynamicRegistration"));
    cc->work_done_progress = json_is_true(json_object_get(json_object_get(caps, "window"), "workDoneProgress"));
    cc->diagnostic_refresh = json_is_true(json_object_get(json_object_get(ws, "diagnostics"), "refreshSupport"));
    json_t *ca = json_object_get(td, "codeAction");
    cc->action_literals = json_is_object(json_object_get(ca, "codeActionLiteralSupport"));
    cc->resolve_edits = offers(json_object_get(json_object_get(ca, "resolveSupport"), "properties"), "edit");
    cc->code_lens = json_is_object(json_object_get(td, "codeLens"));
    cc->inlay_hints = json_is_object(json_object_get(td, "inlayHint"));
}

static int handle_initialize(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    if (!json_is_object(m->params)) return reply_fail(out, PL_EINVAL, "params must be an InitializeParams object");
    json_t *caps = json_object_get(m->params, "capabilities");
    if (caps && !json_is_object(caps)) return reply_fail(out, PL_EINVAL, "params.capabilities must be an object");
    c->enc = lsp_negotiate_encoding(caps);
    read_client_caps(&c->caps, caps);

    /* Each area says what it serves. */
    json_t *capabilities = json_pack("{s:s}", "positionEncoding", lsp_encoding_name(c->enc));
    if (!capabilities) return PL_ENOMEM;
    for (const handler_area_t *const *a = c->areas; *a; a++)
        if ((*a)->capabilities && (*a)->capabilities(c, capabilities) < 0) {
            json_decref(capabilities);
            return PL_ENOMEM;
        }
    json_t *result = json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities, "serverInfo", "name", "planls",
                               "version", PLANLS_VERSION);
    if (!result) return PL_ENOMEM;
    workspace_from_initialize(c, m->params);
    log_info("initialized: position encoding %s, pull diagnostics %s", lsp_encoding_name(c->enc),
             c->caps.pull_diagnostics ? "yes" : "no");
    return reply_json(out, result);
}

static int handle_initialized(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)m;
    (void)out;
    workspace_start(c);
    return 0;
}

static int handle_shutdown(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)m;
    (void)out;
    diagnostics_publish_pending(c); /* what the client changed before shutdown still gets its answer */
    return 0;
}

static const route_t routes[] = {
    {"initialize", handle_initialize, ROUTE_REQUEST},
    {"initialized", handle_initialized, ROUTE_NOTIFICATION},
    {"shutdown", handle_shutdown, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t lifecycle_area = {routes, NULL};
