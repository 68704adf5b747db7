/* documents.c: document synchronisation (didOpen, didChange, didClose,
 * didSave). Notifications: a bad one is logged and ignored, as LSP wants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "uri.h"

/* Reads params.textDocument.uri; borrowed. */
static int document_uri(const rpc_msg_t *m, const char **uri, json_t **td, char *err) {
    if (!json_is_object(m->params)) {
        snprintf(err, LSP_ERR_MAX, "params must be an object");
        return -1;
    }
    if (lsp_get_object(m->params, "textDocument", "params.textDocument", td, err) < 0) return -1;
    return lsp_get_uri(json_object_get(*td, "uri"), "params.textDocument.uri", uri, err);
}

static int handle_did_open(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    char err[LSP_ERR_MAX];
    const char *uri, *text;
    size_t len;
    long long version = 0;
    json_t *td;
    if (document_uri(m, &uri, &td, err) < 0 || lsp_get_text(m, td, "params.textDocument.text", &text, &len, err) < 0 ||
        lsp_get_int(td, "version", "params.textDocument.version", &version, err) < 0) {
        log_error("didOpen ignored: %s", err);
        return 0;
    }
    if (store_find(c->docs, uri)) log_info("didOpen of %s, which is open already: taking the new text", uri);
    /* A large text was decoded into a buffer of its own (lift.h): the
     * document adopts it. A small one is copied and dropped from the message
     * before the parse, which needs memory of its own. */
    text_t doc_text;
    char *lifted = rpc_take_text(m, text);
    int rc = lifted ? text_adopt(&doc_text, lifted, len) : text_init(&doc_text, text, len);
    if (!lifted) json_object_del(td, "text");
    if (rc < 0) {
        log_error("out of memory opening %s", uri);
        return 0;
    }
    char *path = uri_to_path(uri);
    const char *root;
    const config_t *cfg = workspace_config_for(c->workspace, path, &root);
    free(path);
    if (!store_open(c->docs, uri, version, &doc_text, cfg, root)) log_error("out of memory opening %s", uri);
    return 0;
}

/* Applies one TextDocumentContentChangeEvent. Returns 0 or -1 with err set. */
static int apply_change(ctx_t *c, const rpc_msg_t *m, doc_t *d, json_t *change, size_t index, char *err) {
    char field[80];
    snprintf(field, sizeof field, "params.contentChanges[%zu]", index);
    const char *text;
    size_t len;
    if (!json_is_object(change)) {
        snprintf(err, LSP_ERR_MAX, "%s must be an object", field);
        return -1;
    }
    char name[100];
    snprintf(name, sizeof name, "%s.text", field);
    if (lsp_get_text(m, change, name, &text, &len, err) < 0) return -1;
    json_t *range = json_object_get(change, "range");
    size_t start = 0, end = DOC_WHOLE;
    if (range) {
        snprintf(name, sizeof name, "%s.range", field);
        if (lsp_range_offsets(range, name, &d->text, c->enc, &start, &end, err) < 0) return -1;
    }
    if (doc_apply_change(d, start, end, text, len) < 0) {
        snprintf(err, LSP_ERR_MAX, "out of memory applying %s", field);
        return -1;
    }
    return 0;
}

static int handle_did_change(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    long long version;
    if (document_uri(m, &uri, &td, err) < 0 ||
        lsp_get_int(td, "version", "params.textDocument.version", &version, err) < 0) {
        log_error("didChange ignored: %s", err);
        return 0;
    }
    doc_t *d = store_find(c->docs, uri);
    if (!d) {
        log_error("didChange ignored: %s is not open", uri);
        return 0;
    }
    if (version <= d->version) {
        log_error("didChange ignored: version %lld of %s is not newer than %lld", version, uri, d->version);
        return 0;
    }
    json_t *changes = json_object_get(m->params, "contentChanges");
    if (!json_is_array(changes)) {
        log_error("didChange ignored: params.contentChanges must be an array");
        return 0;
    }
    /* Changes apply in order, each to the text the previous one produced. A
     * bad one stops the batch: later ranges would be relative to a text we
     * do not have. */
    size_t i;
    json_t *change;
    json_array_foreach(changes, i, change) {
        if (apply_change(c, m, d, change, i, err) < 0) {
            log_error("didChange of %s stopped at change %zu: %s", uri, i, err);
            break;
        }
    }
    d->version = version;
    d->needs_publish = 1;
    return 0;
}

static int handle_did_close(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    if (document_uri(m, &uri, &td, err) < 0) {
        log_error("didClose ignored: %s", err);
        return 0;
    }
    doc_t *d = store_find(c->docs, uri);
    if (!d) return 0;
    /* The client forgets a closed file's text; clear what we showed for it. */
    if (d->published_nonempty && !c->caps.pull_diagnostics) {
        diag_list_t none = {0};
        publish_diagnostics(c, uri, -1, NULL, &none);
    }
    store_close(c->docs, uri);
    /* A closed plan is still a plan of the workspace: show what its file says. */
    if (c->workspace->scanned) workspace_recheck(c, uri, 0);
    return 0;
}

static int handle_did_save(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    /* The text arrived with didChange already; a saved settings file or plan
     * guide changes the rules, for clients that do not watch files for us. */
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    if (c->caps.watch_files || document_uri(m, &uri, &td, err) < 0) return 0;
    if (uri_changes_rules(uri)) workspace_reload_all(c);
    return 0;
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    return json_object_set_new(caps, "textDocumentSync",
                               json_pack("{s:b,s:i,s:{s:b}}", "openClose", 1, "change", LSP_SYNC_INCREMENTAL, "save",
                                         "includeText", 0)) < 0
               ? PL_ENOMEM
               : 0;
}

static const route_t routes[] = {
    {"textDocument/didOpen", handle_did_open, ROUTE_NOTIFICATION},
    {"textDocument/didChange", handle_did_change, ROUTE_NOTIFICATION},
    {"textDocument/didClose", handle_did_close, ROUTE_NOTIFICATION},
    {"textDocument/didSave", handle_did_save, ROUTE_NOTIFICATION},
    {NULL, NULL, 0},
};

const handler_area_t documents_area = {routes, capabilities};
