/* symbols.c: textDocument/documentSymbol (the outline, streamed) and
 * workspace/symbol (the headings of open and closed plans). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "err.h"
#include "handlers.h"
#include "lsp.h"
#include "outline.h"

/* documentSymbol replies grow with the plan (5 MB at 50,000 lines): they are
 * streamed (reply_stream_t), so the reply never sits whole in memory,
 * neither here nor in the write queue. */
#define SYMBOL_CHUNK 65536

typedef struct {
    ctx_t *c;
    doc_t *d; /* borrowed: nothing changes it while the reply streams */
    outline_iter_t it;
    int started;  /* the opening '[' is written */
    int first[8]; /* per depth: no sibling written yet */
    int depth;
} symbol_writer_t;

static void write_symbol(symbol_writer_t *w, strbuf_t *b, const outline_node_t *n, int event) {
    if (event == OUTLINE_LEAVE) {
        sb_add(b, "]}");
        w->depth--;
        return;
    }
    if (!w->first[w->depth]) sb_add(b, ",");
    w->first[w->depth] = 0;
    sb_add(b, "{\"name\":");
    lsp_write_string(b, n->name, n->name_len);
    if (n->detail) {
        sb_add(b, ",\"detail\":");
        lsp_write_string(b, n->detail, n->detail_len);
    }
    sb_printf(b, ",\"kind\":%d,\"range\":", n->kind);
    lsp_write_range(b, &w->d->text, w->c->enc, n->start, n->end);
    sb_add(b, ",\"selectionRange\":");
    lsp_write_range(b, &w->d->text, w->c->enc, n->sel_start, n->sel_end);
    sb_add(b, ",\"children\":[");
    if (w->depth < 7) w->depth++;
    w->first[w->depth] = 1;
}

static void symbols_rewind(void *state) {
    symbol_writer_t *w = state;
    outline_iter_init(&w->it);
    memset(w->first, 0, sizeof w->first);
    w->first[0] = 1;
    w->depth = 0;
    w->started = 0;
}

/* Appends the result's next bytes to b, about SYMBOL_CHUNK of them. */
static int symbols_fill(void *state, strbuf_t *b) {
    symbol_writer_t *w = state;
    if (!w->started) {
        sb_add(b, "[");
        w->started = 1;
    }
    outline_node_t node;
    int event;
    while (b->n < SYMBOL_CHUNK) {
        if (!doc_is_plan(w->d) || !outline_next(&w->it, &w->d->plan, &w->d->text, &node, &event)) {
            sb_add(b, "]");
            return 0;
        }
        write_symbol(w, b, &node, event);
    }
    return 1;
}

static int handle_document_symbol(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    symbol_writer_t *w = calloc(1, sizeof *w);
    if (!w) return PL_ENOMEM;
    w->c = c;
    w->d = d;
    out->stream = (reply_stream_t){symbols_fill, symbols_rewind, free, w};
    return 0;
}

/* ---- workspace/symbol ------------------------------------------------------ */

/* Case-insensitive substring; an empty query matches everything. */
static int matches(const char *name, const char *query) {
    return ascii_contains_ci(name, strlen(name), query, strlen(query));
}

/* A SymbolInformation at the start of line. Returns 0 or PL_ENOMEM. */
static int add_symbol(json_t *arr, const char *name, int is_title, const char *uri, long line, const char *container) {
    json_t *sym = json_pack("{s:s,s:i,s:{s:s,s:{s:{s:i,s:i},s:{s:i,s:i}}}}", "name", name, "kind",
                            is_title ? LSP_SYMBOL_FILE : LSP_SYMBOL_STRING, "location", "uri", uri, "range", "start",
                            "line", (json_int_t)line, "character", 0, "end", "line", (json_int_t)line, "character", 0);
    if (sym && container) json_object_set_new(sym, "containerName", json_string(container));
    return json_array_append_new(arr, sym) < 0 ? PL_ENOMEM : 0;
}

static int handle_workspace_symbol(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    const char *query = json_string_value(json_object_get(m->params, "query"));
    if (!query) return reply_fail(out, PL_EINVAL, "params.query must be a string");
    json_t *result = json_array();
    int rc = result ? 0 : PL_ENOMEM;
    /* Open plans from the editor's text, closed ones from the scan. */
    for (size_t i = 0; rc == 0 && i < c->docs->n; i++) {
        doc_t *d = c->docs->docs[i];
        if (!doc_is_plan(d)) continue;
        const plan_t *p = &d->plan;
        char title[256] = "";
        if (p->title)
            snprintf(title, sizeof title, "%.*s", (int)p->sections[p->title].name_len,
                     d->text.data + p->sections[p->title].start + p->sections[p->title].name_start);
        for (size_t k = 1; rc == 0 && k < p->nsections; k++) {
            const plan_section_t *sec = &p->sections[k];
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)sec->name_len, d->text.data + sec->start + sec->name_start);
            long line, ch;
            text_position_of(&d->text, sec->start, c->enc, &line, &ch);
            if (matches(name, query))
                rc = add_symbol(result, name, k == p->title, d->uri, line, k == p->title ? NULL : title);
        }
    }
    const workspace_t *w = c->workspace;
    for (size_t i = 0; rc == 0 && i < w->nplans; i++) {
        const scanned_t *e = &w->plans[i];
        if (store_find(c->docs, e->uri)) continue;
        const char *title = e->has_title ? e->headings[0].name : NULL;
        for (size_t k = 0; rc == 0 && k < e->nheadings; k++) {
            int is_title = e->has_title && k == 0;
            if (matches(e->headings[k].name, query))
                rc = add_symbol(result, e->headings[k].name, is_title, e->uri, e->headings[k].line,
                                is_title ? NULL : title);
        }
    }
    if (rc < 0) {
        json_decref(result);
        return rc;
    }
    return reply_json(out, result);
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    if (json_object_set_new(caps, "documentSymbolProvider", json_true()) < 0 ||
        json_object_set_new(caps, "workspaceSymbolProvider", json_true()) < 0)
        return PL_ENOMEM;
    return 0;
}

static const route_t routes[] = {
    {"textDocument/documentSymbol", handle_document_symbol, ROUTE_REQUEST},
    {"workspace/symbol", handle_workspace_symbol, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t symbols_area = {routes, capabilities};
