/* completion.c: textDocument/completion over complete.c. */
#include "complete.h"
#include "err.h"
#include "handlers.h"
#include "lsp.h"

/* One CompletionItem; NULL on OOM. */
static json_t *item_json(ctx_t *c, const doc_t *d, const completion_t *it) {
    json_t *item =
        json_pack("{s:s,s:i,s:s,s:i,s:{s:o,s:s}}", "label", it->label, "kind", it->kind, "sortText", it->sort,
                  "insertTextFormat", it->snippet ? LSP_INSERT_SNIPPET : LSP_INSERT_PLAIN, "textEdit", "range",
                  lsp_range_json(&d->text, c->enc, it->start, it->end), "newText", it->text);
    if (item && it->detail) json_object_set_new(item, "detail", json_string(it->detail));
    if (item && it->filter) json_object_set_new(item, "filterText", json_string(it->filter));
    return item;
}

static int handle_completion(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    size_t off;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0 || (rc = offset_from_request(c, m, d, out, &off)) < 0) return rc;
    completion_list_t list = {0};
    json_t *items = json_array();
    /* Inside a code span or a link target: repository paths, nothing else. */
    int in_path = items && doc_is_plan(d) && paths_complete(c, d, off, items);
    if (items && !in_path && doc_is_plan(d) &&
        complete_at(&d->plan, &d->text, off, ctx_now(c), c->caps.snippets, &list) < 0)
        rc = PL_ENOMEM;
    for (size_t i = 0; items && rc == 0 && i < list.n; i++)
        if (json_array_append_new(items, item_json(c, d, &list.items[i])) < 0) rc = PL_ENOMEM;
    completion_list_free(&list);
    if (!items || rc < 0) {
        json_decref(items);
        return PL_ENOMEM;
    }
    return reply_json(out, json_pack("{s:b,s:o}", "isIncomplete", 0, "items", items));
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    return json_object_set_new(caps, "completionProvider",
                               json_pack("{s:[s,s,s,s,s,s,s],s:b}", "triggerCharacters", "#", "[", "(", "-", " ", "/",
                                         "`", "resolveProvider", 0)) < 0
               ? PL_ENOMEM
               : 0;
}

static const route_t routes[] = {
    {"textDocument/completion", handle_completion, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t completion_area = {routes, capabilities};
