/* handlers_sync.c: document synchronisation and diagnostics, push and pull. */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "log.h"
#include "lsp.h"
#include "server.h"
#include "uri.h"

/* Reads params.textDocument.uri; borrowed. */
static int document_uri(const rpc_msg_t *m, const char **uri, json_t **td, char *err) {
    if (!json_is_object(m->params)) {
        snprintf(err, LSP_ERR_MAX, "params must be an object");
        return -1;
    }
    if (lsp_get_object(m->params, "textDocument", "params.textDocument", td, err) < 0) return -1;
    return lsp_get_string(*td, "uri", "params.textDocument.uri", uri, NULL, err);
}

void handle_did_open(server_t *s, const rpc_msg_t *m) {
    char err[LSP_ERR_MAX];
    const char *uri, *text;
    size_t len;
    long long version = 0;
    json_t *td;
    if (document_uri(m, &uri, &td, err) < 0 || lsp_get_text(m, td, "params.textDocument.text", &text, &len, err) < 0 ||
        lsp_get_int(td, "version", "params.textDocument.version", &version, err) < 0) {
        log_error("didOpen ignored: %s", err);
        return;
    }
    if (store_find(&s->store, uri)) log_info("didOpen of %s, which is open already: taking the new text", uri);
    /* A large text was decoded into a buffer of its own (json_lift.h): the
     * document adopts it. A small one is copied and dropped from the message
     * before the parse, which needs memory of its own. */
    text_t doc_text;
    char *lifted = rpc_take_text(m, text);
    int rc = lifted ? text_adopt(&doc_text, lifted, len) : text_init(&doc_text, text, len);
    if (!lifted) json_object_del(td, "text");
    if (rc < 0) {
        log_error("out of memory opening %s", uri);
        return;
    }
    char *path = uri_to_path(uri);
    const char *root;
    const config_t *cfg = workspace_config_for(&s->workspace, path, &root);
    free(path);
    if (!store_open(&s->store, uri, version, &doc_text, cfg, root)) log_error("out of memory opening %s", uri);
}

/* Applies one TextDocumentContentChangeEvent. Returns 0 or -1 with err set. */
static int apply_change(server_t *s, const rpc_msg_t *m, doc_t *d, json_t *change, size_t index, char *err) {
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
        if (lsp_range_offsets(range, name, &d->text, s->enc, &start, &end, err) < 0) return -1;
    }
    if (doc_apply_change(d, start, end, text, len) < 0) {
        snprintf(err, LSP_ERR_MAX, "out of memory applying %s", field);
        return -1;
    }
    return 0;
}

void handle_did_change(server_t *s, const rpc_msg_t *m) {
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    long long version;
    if (document_uri(m, &uri, &td, err) < 0 ||
        lsp_get_int(td, "version", "params.textDocument.version", &version, err) < 0) {
        log_error("didChange ignored: %s", err);
        return;
    }
    doc_t *d = store_find(&s->store, uri);
    if (!d) {
        log_error("didChange ignored: %s is not open", uri);
        return;
    }
    if (version <= d->version) {
        log_error("didChange ignored: version %lld of %s is not newer than %lld", version, uri, d->version);
        return;
    }
    json_t *changes = json_object_get(m->params, "contentChanges");
    if (!json_is_array(changes)) {
        log_error("didChange ignored: params.contentChanges must be an array");
        return;
    }
    /* Changes apply in order, each to the text the previous one produced. A
     * bad one stops the batch: later ranges would be relative to a text we
     * do not have. */
    size_t i;
    json_t *change;
    json_array_foreach(changes, i, change) {
        if (apply_change(s, m, d, change, i, err) < 0) {
            log_error("didChange of %s stopped at change %zu: %s", uri, i, err);
            break;
        }
    }
    d->version = version;
    d->needs_publish = 1;
}

void handle_did_close(server_t *s, const rpc_msg_t *m) {
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    if (document_uri(m, &uri, &td, err) < 0) {
        log_error("didClose ignored: %s", err);
        return;
    }
    doc_t *d = store_find(&s->store, uri);
    if (!d) return;
    /* The client forgets a closed file's text; clear what we showed for it. */
    if (d->published_nonempty && !s->caps.pull_diagnostics) {
        diag_list_t none = {0};
        publish_diagnostics(s, uri, -1, NULL, &none);
    }
    store_close(&s->store, uri);
    /* A closed plan is still a plan of the workspace: show what its file says. */
    if (s->workspace.scanned) server_file_changed(s, uri, 0);
}

void handle_did_save(server_t *s, const rpc_msg_t *m) {
    /* The text arrived with didChange already; a saved settings file or plan
     * guide changes the rules, for clients that do not watch files for us. */
    char err[LSP_ERR_MAX];
    const char *uri;
    json_t *td;
    if (s->caps.watch_files || document_uri(m, &uri, &td, err) < 0) return;
    size_t n = strlen(uri);
    if ((n >= 13 && strcmp(uri + n - 13, "/.planls.json") == 0) || (n >= 9 && strcmp(uri + n - 9, "/PLANS.md") == 0))
        server_reload(s);
}

/* A plan's diagnostics into l (empty for any other document). */
static void document_diagnostics(server_t *s, doc_t *d, diag_list_t *l) {
    if (doc_is_plan(d) && plan_diagnostics(&d->plan, &d->text, server_now(s), l) < 0) {
        log_error("out of memory checking %s", d->uri);
        diag_list_clear(l);
    }
}

/* Written as text, not as a jansson tree: on every keystroke of a plan with
 * many problems the tree cost a quarter of the server's time. */
void publish_diagnostics(server_t *s, const char *uri, long long version, const text_t *t, const diag_list_t *l) {
    strbuf_t b = {0};
    sb_add(&b, "{\"uri\":");
    lsp_write_string(&b, uri, strlen(uri));
    if (version >= 0) sb_printf(&b, ",\"version\":%lld", version);
    sb_add(&b, ",\"diagnostics\":");
    lsp_write_diagnostics(&b, t, s->enc, l);
    sb_add(&b, "}");
    if (b.s && !b.failed) server_notify_raw(s, "textDocument/publishDiagnostics", b.s, b.n);
    else log_error("out of memory publishing diagnostics of %s", uri);
    free(sb_take(&b));
}

void publish_pending(server_t *s) {
    if (s->caps.pull_diagnostics) return;
    for (size_t i = 0; i < s->store.n; i++) {
        doc_t *d = s->store.docs[i];
        if (!d->needs_publish) continue;
        d->needs_publish = 0;
        /* A plan always gets its list, even an empty one; another Markdown
         * file gets nothing, unless it still shows diagnostics of ours. */
        if (!doc_is_plan(d) && !d->published_nonempty) continue;
        diag_list_t list;
        diag_list_init(&list);
        document_diagnostics(s, d, &list);
        d->published_nonempty = list.n > 0;
        publish_diagnostics(s, d->uri, d->version, &d->text, &list);
        diag_list_free(&list);
    }
}

/* $/planls/stats: the parse counters of a document, for the benchmark's
 * work mode and for regression tests of the incremental path. */
void handle_stats(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    if (!d) return;
    const plan_stats_t *st = &d->plan.stats;
    server_reply(s, m->id, json_pack("{s:I,s:I,s:I,s:I}", "fullParses", (json_int_t)st->full_parses,
                                     "partialParses", (json_int_t)st->partial_parses, "bytesParsed",
                                     (json_int_t)st->bytes_parsed, "textBytes", (json_int_t)d->text.len));
}

void handle_diagnostic(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    if (!d) return;
    diag_list_t list;
    diag_list_init(&list);
    document_diagnostics(s, d, &list);
    strbuf_t b = {0};
    sb_add(&b, "{\"kind\":\"full\",\"items\":");
    lsp_write_diagnostics(&b, &d->text, s->enc, &list);
    sb_add(&b, "}");
    diag_list_free(&list);
    if (b.s && !b.failed) server_reply_raw(s, m->id, b.s, b.n);
    else server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
    free(sb_take(&b));
}
