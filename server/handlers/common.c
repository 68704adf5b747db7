/* common.c: helpers every handler area uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "settings.h"
#include "timestamp.h"

int64_t ctx_now(const ctx_t *c) { return c->now_override ? c->now_override : ts_now(); }

int doc_from_request(ctx_t *c, const rpc_msg_t *m, reply_t *out, doc_t **d) {
    char err[LSP_ERR_MAX];
    json_t *td;
    const char *uri;
    if (!json_is_object(m->params)) return reply_fail(out, PL_EINVAL, "params must be an object");
    if (lsp_get_object(m->params, "textDocument", "params.textDocument", &td, err) < 0 ||
        lsp_get_uri(json_object_get(td, "uri"), "params.textDocument.uri", &uri, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    *d = store_find(c->docs, uri);
    if (!*d) return reply_fail(out, PL_ENOTOPEN, "params.textDocument.uri: %s is not open", uri);
    if (plan_update(&(*d)->plan, &(*d)->text) < 0) return PL_ENOMEM;
    return 0;
}

int offset_from_request(ctx_t *c, const rpc_msg_t *m, const doc_t *d, reply_t *out, size_t *off) {
    char err[LSP_ERR_MAX];
    if (lsp_position_offset(json_object_get(m->params, "position"), "params.position", &d->text, c->enc, off, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    return 0;
}

/* Written as text, not as a jansson tree: on every keystroke of a plan with
 * many problems the tree cost a quarter of the server's time. */
void publish_diagnostics(ctx_t *c, const char *uri, long long version, const text_t *t, const diag_list_t *l) {
    strbuf_t b = {0};
    sb_add(&b, "{\"uri\":");
    lsp_write_string(&b, uri, strlen(uri));
    if (version >= 0) sb_printf(&b, ",\"version\":%lld", version);
    sb_add(&b, ",\"diagnostics\":");
    lsp_write_diagnostics(&b, t, c->enc, uri, l);
    sb_add(&b, "}");
    if (b.s && !b.failed) /* Only a document's newest diagnostics matter to a client that is behind. */
        session_notify_newest(c->session, uri, "textDocument/publishDiagnostics", b.s, b.n);
    else
        log_error("out of memory publishing diagnostics of %s", uri);
    free(sb_take(&b));
}

const path_lookup_t *doc_paths(ctx_t *c, doc_t *d, const char **root) {
    const char *r = NULL;
    const path_lookup_t *lk = d->path ? workspace_files_lookup(c->workspace, d->path, &r) : NULL;
    if (lk && !d->plan_dir) {
        const char *rel = d->path + strlen(r);
        while (*rel == '/') rel++;
        const char *slash = strrchr(rel, '/');
        size_t n = slash ? (size_t)(slash - rel) : 0;
        if ((d->plan_dir = malloc(n + 1)) != NULL) {
            memcpy(d->plan_dir, rel, n);
            d->plan_dir[n] = '\0';
        }
    }
    if (!d->plan_dir) lk = NULL;
    d->plan.paths = lk;
    d->plan.plan_dir = d->plan_dir;
    if (root) *root = lk ? r : NULL;
    return lk;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int uri_changes_rules(const char *uri) { return ends_with(uri, "/" SETTINGS_FILE) || ends_with(uri, "/PLANS.md"); }
