/* diagnostics.c: a plan's problems, pushed (publishDiagnostics after each
 * batch) or pulled (textDocument/diagnostic, workspace/diagnostic), and the
 * parse counters of $/planls/stats. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "rules.h"

/* A plan's diagnostics into l (empty for any other document). Returns 0 or
 * PL_ENOMEM (l then empty). */
static int document_diagnostics(ctx_t *c, doc_t *d, diag_list_t *l) {
    if (doc_is_plan(d) && (doc_paths(c, d, NULL), rules_run(&d->plan, &d->text, ctx_now(c), l) < 0)) {
        diag_list_clear(l);
        return PL_ENOMEM;
    }
    return 0;
}

void diagnostics_publish_pending(ctx_t *c) {
    if (c->caps.pull_diagnostics) return;
    for (size_t i = 0; i < c->docs->n; i++) {
        doc_t *d = c->docs->docs[i];
        if (!d->needs_publish) continue;
        d->needs_publish = 0;
        /* A plan always gets its list, even an empty one; another Markdown
         * file gets nothing, unless it still shows diagnostics of ours. */
        if (!doc_is_plan(d) && !d->published_nonempty) continue;
        diag_list_t list;
        diag_list_init(&list);
        if (document_diagnostics(c, d, &list) < 0) log_error("out of memory checking %s", d->uri);
        d->published_nonempty = list.n > 0;
        publish_diagnostics(c, d->uri, d->version, &d->text, &list);
        diag_list_free(&list);
    }
}

static int handle_diagnostic(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    diag_list_t list;
    diag_list_init(&list);
    /* Out of memory is an error reply, not "no problems". */
    if (document_diagnostics(c, d, &list) < 0) {
        diag_list_free(&list);
        return PL_ENOMEM;
    }
    strbuf_t b = {0};
    sb_add(&b, "{\"kind\":\"full\",\"items\":");
    lsp_write_diagnostics(&b, &d->text, c->enc, d->uri, &list);
    sb_add(&b, "}");
    diag_list_free(&list);
    return reply_raw(out, &b);
}

/* workspace/diagnostic: the plans that are not open, for clients that pull
 * (they get no pushes). Always full reports; the scan keeps them current. */
static int handle_workspace_diagnostic(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)m;
    const workspace_t *w = c->workspace;
    strbuf_t b = {0};
    sb_add(&b, "{\"items\":[");
    int first = 1;
    for (size_t i = 0; i < w->nplans; i++) {
        const scanned_t *e = &w->plans[i];
        if (store_find(c->docs, e->uri)) continue;
        sb_add(&b, first ? "{\"kind\":\"full\",\"uri\":" : ",{\"kind\":\"full\",\"uri\":");
        first = 0;
        lsp_write_string(&b, e->uri, strlen(e->uri));
        sb_add(&b, ",\"version\":null,\"items\":");
        lsp_write_diagnostics(&b, e->diags.n ? &e->text : NULL, c->enc, e->uri, &e->diags);
        sb_add(&b, "}");
    }
    sb_add(&b, "]}");
    return reply_raw(out, &b);
}

/* $/planls/stats: the parse counters of a document, for the benchmark's
 * work mode and for regression tests of the incremental path. */
static int handle_stats(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    const plan_stats_t *st = &d->plan.stats;
    return reply_json(out, json_pack("{s:I,s:I,s:I,s:I}", "fullParses", (json_int_t)st->full_parses, "partialParses",
                                     (json_int_t)st->partial_parses, "bytesParsed", (json_int_t)st->bytes_parsed,
                                     "textBytes", (json_int_t)d->text.len));
}

/* Pull diagnostics only for clients that ask: a client that gets both pull
 * and push shows every problem twice. */
static int capabilities(const ctx_t *c, json_t *caps) {
    if (!c->caps.pull_diagnostics) return 0;
    return json_object_set_new(caps, "diagnosticProvider",
                               json_pack("{s:s,s:b,s:b}", "identifier", "planls", "interFileDependencies", 0,
                                         "workspaceDiagnostics", 1)) < 0
               ? PL_ENOMEM
               : 0;
}

static const route_t routes[] = {
    {"textDocument/diagnostic", handle_diagnostic, ROUTE_REQUEST},
    {"workspace/diagnostic", handle_workspace_diagnostic, ROUTE_REQUEST},
    {"$/planls/stats", handle_stats, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t diagnostics_area = {routes, capabilities};
