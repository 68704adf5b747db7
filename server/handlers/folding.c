/* folding.c: textDocument/foldingRange over outline.c's folds. */
#include <stdlib.h>

#include "err.h"
#include "handlers.h"
#include "outline.h"

static int handle_folding_range(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    fold_t *folds = NULL;
    size_t n = 0;
    strbuf_t result = {0};
    sb_add(&result, "[");
    if (doc_is_plan(d) && outline_folds(&d->plan, &d->text, &folds, &n) < 0) rc = PL_ENOMEM;
    for (size_t i = 0; rc == 0 && i < n; i++)
        sb_printf(&result, "%s{\"startLine\":%zu,\"endLine\":%zu}", i ? "," : "", folds[i].start_line,
                  folds[i].end_line);
    sb_add(&result, "]");
    free(folds);
    if (rc < 0) {
        free(sb_take(&result));
        return rc;
    }
    return reply_raw(out, &result);
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    return json_object_set_new(caps, "foldingRangeProvider", json_true()) < 0 ? PL_ENOMEM : 0;
}

static const route_t routes[] = {
    {"textDocument/foldingRange", handle_folding_range, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t folding_area = {routes, capabilities};
