/* handlers_authoring.c: completion, code actions, commands, outline, folding
 * and hover over LSP JSON. The logic lives in complete.c, actions.c and
 * outline.c; this file only translates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring.h"
#include "log.h"
#include "lsp.h"
#include "server.h"

doc_t *request_document(server_t *s, const rpc_msg_t *m) {
    char err[LSP_ERR_MAX];
    json_t *td;
    const char *uri;
    if (!json_is_object(m->params)) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params must be an object");
        return NULL;
    }
    if (lsp_get_object(m->params, "textDocument", "params.textDocument", &td, err) < 0 ||
        lsp_get_string(td, "uri", "params.textDocument.uri", &uri, NULL, err) < 0) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "%s", err);
        return NULL;
    }
    doc_t *d = store_find(&s->store, uri);
    if (!d) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.textDocument.uri: %s is not open", uri);
        return NULL;
    }
    if (plan_update(&d->plan, &d->text) < 0) {
        server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
        return NULL;
    }
    return d;
}

/* The cursor position of a request, as a byte offset. */
static int request_offset(server_t *s, const rpc_msg_t *m, doc_t *d, size_t *off) {
    char err[LSP_ERR_MAX];
    if (lsp_position_offset(json_object_get(m->params, "position"), "params.position", &d->text, s->enc, off,
                            err) < 0) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "%s", err);
        return -1;
    }
    return 0;
}

long long server_request(server_t *s, const char *method, json_t *params) {
    long long id = ++s->next_request_id;
    json_t *jid = json_integer(id);
    server_send(s, rpc_make_request(jid, method, params));
    json_decref(jid);
    return id;
}

pending_t *server_request_kind(server_t *s, pending_kind_t kind, const char *method, json_t *params) {
    long long id = server_request(s, method, params);
    pending_t *p = realloc(s->pending, (s->npending + 1) * sizeof *p);
    if (!p) return NULL;
    s->pending = p;
    pending_t *n = &p[s->npending++];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->kind = kind;
    return n;
}

/* ---- completion ------------------------------------------------------------ */

void handle_completion(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    size_t off;
    if (!d || request_offset(s, m, d, &off) < 0) return;
    completion_list_t list = {0};
    json_t *items = json_array();
    if (doc_is_plan(d) && complete_at(&d->plan, &d->text, off, server_now(s), s->caps.snippets, &list) == 0) {
        for (size_t i = 0; i < list.n; i++) {
            const completion_t *c = &list.items[i];
            json_t *item = json_pack("{s:s,s:i,s:s,s:i,s:{s:o,s:s}}", "label", c->label, "kind", c->kind, "sortText",
                                     c->sort, "insertTextFormat", c->snippet ? 2 : 1, "textEdit", "range",
                                     lsp_range_json(&d->text, s->enc, c->start, c->end), "newText", c->text);
            if (!item) continue;
            if (c->detail) json_object_set_new(item, "detail", json_string(c->detail));
            if (c->filter) json_object_set_new(item, "filterText", json_string(c->filter));
            json_array_append_new(items, item);
        }
    }
    completion_list_free(&list);
    server_reply(s, m->id, json_pack("{s:b,s:o}", "isIncomplete", 0, "items", items));
}

/* ---- edits ---------------------------------------------------------------- */

static json_t *text_edits_json(server_t *s, doc_t *d, const edit_list_t *edits) {
    json_t *arr = json_array();
    for (size_t i = 0; i < edits->n; i++)
        json_array_append_new(arr, json_pack("{s:o,s:s}", "range",
                                             lsp_range_json(&d->text, s->enc, edits->items[i].start,
                                                            edits->items[i].end),
                                             "newText", edits->items[i].text));
    return arr;
}

/* A WorkspaceEdit for the document's current version: versioned where the
 * client supports it, so an edit computed for another text is refused. */
static json_t *workspace_edit_json(server_t *s, doc_t *d, const edit_list_t *edits) {
    json_t *te = text_edits_json(s, d, edits);
    if (s->caps.versioned_edits)
        return json_pack("{s:[{s:{s:s,s:I},s:o}]}", "documentChanges", "textDocument", "uri", d->uri, "version",
                         (json_int_t)d->version, "edits", te);
    json_t *changes = json_object();
    json_object_set_new(changes, d->uri, te);
    return json_pack("{s:o}", "changes", changes);
}

/* Where the caret lands after the edits: the cursor is an offset inside the
 * inserted text of one edit (edit start + index). Lines added by earlier
 * edits shift it down. */
static void cursor_after(server_t *s, doc_t *d, const action_t *a, long *line, long *character) {
    const edit_t *at = NULL;
    long shift = 0;
    for (size_t i = 0; i < a->edits.n; i++) {
        const edit_t *e = &a->edits.items[i];
        if (e->start <= a->cursor && a->cursor <= e->start + strlen(e->text)) {
            at = e;
            break;
        }
        for (const char *c = e->text; *c; c++) shift += *c == '\n';
        shift -= (long)(text_line_of(&d->text, e->end) - text_line_of(&d->text, e->start));
    }
    if (!at) {
        text_position_of(&d->text, a->cursor, s->enc, line, character);
        return;
    }
    text_position_of(&d->text, at->start, s->enc, line, character);
    size_t k = a->cursor - at->start;
    const char *last = at->text;
    long lines = 0;
    for (size_t i = 0; i < k; i++)
        if (at->text[i] == '\n') {
            lines++;
            last = at->text + i + 1;
        }
    size_t units = text_units(last, (size_t)(at->text + k - last), s->enc);
    *line += shift + lines;
    *character = lines ? (long)units : *character + (long)units;
}

static json_t *reveal_command(const char *uri, long line, long character) {
    return json_pack("{s:s,s:s,s:[s,{s:i,s:i}]}", "title", "Go to the new entry", "command", "planls.reveal",
                     "arguments", uri, "line", (json_int_t)line, "character", (json_int_t)character);
}

/* ---- code actions ---------------------------------------------------------- */

static int kind_wanted(json_t *only, const char *kind) {
    if (!json_is_array(only)) return 1;
    size_t i;
    json_t *v;
    json_array_foreach(only, i, v) {
        const char *k = json_string_value(v);
        size_t n = k ? strlen(k) : 0;
        if (k && strncmp(kind, k, n) == 0 && (kind[n] == '\0' || kind[n] == '.')) return 1;
    }
    return 0;
}

/* The code actions for [start, end] as JSON. With lazy set (clients that
 * resolve edits), each action carries data to find it again instead of its
 * edit, which keeps a long list cheap. */
static json_t *code_actions_json(server_t *s, doc_t *d, size_t start, size_t end, json_t *only, int lazy) {
    json_t *result = json_array();
    if (!doc_is_plan(d)) return result;
    diag_list_t diags;
    diag_list_init(&diags);
    action_list_t actions = {0};
    int64_t now = server_now(s);
    if (plan_diagnostics(&d->plan, &d->text, now, &diags) == 0 &&
        actions_at(&d->plan, &d->text, start, end, &diags, now, d->path, &actions) == 0) {
        for (size_t i = 0; i < actions.n; i++) {
            const action_t *a = &actions.items[i];
            if (!kind_wanted(only, a->kind)) continue;
            json_t *o = json_pack("{s:s,s:s}", "title", a->title, "kind", a->kind);
            if (!o) continue;
            if (lazy)
                json_object_set_new(o, "data", json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version",
                                                         (json_int_t)d->version, "range",
                                                         lsp_range_json(&d->text, s->enc, start, end)));
            else
                json_object_set_new(o, "edit", workspace_edit_json(s, d, &a->edits));
            if (a->preferred) json_object_set_new(o, "isPreferred", json_true());
            if (a->fixes) {
                diag_list_t one = {(diag_t *)a->fixes, 1, 1};
                json_object_set_new(o, "diagnostics", lsp_diagnostics_json(&d->text, s->enc, &one));
            }
            if (a->has_cursor && s->caps.show_document) {
                long line, ch;
                cursor_after(s, d, a, &line, &ch);
                json_object_set_new(o, "command", reveal_command(d->uri, line, ch));
            }
            json_array_append_new(result, o);
        }
    }
    action_list_free(&actions);
    diag_list_free(&diags);
    return result;
}

void handle_code_action(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    if (!d) return;
    char err[LSP_ERR_MAX];
    size_t start, end;
    if (lsp_range_offsets(json_object_get(m->params, "range"), "params.range", &d->text, s->enc, &start, &end,
                          err) < 0) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "%s", err);
        return;
    }
    json_t *only = json_object_get(json_object_get(m->params, "context"), "only");
    server_reply(s, m->id, code_actions_json(s, d, start, end, only, s->caps.resolve_edits));
}

void handle_code_action_resolve(server_t *s, const rpc_msg_t *m) {
    char err[LSP_ERR_MAX];
    json_t *data = json_object_get(m->params, "data");
    const char *uri, *title;
    long long version;
    if (lsp_get_string(m->params, "title", "params.title", &title, NULL, err) < 0 ||
        lsp_get_string(data, "uri", "params.data.uri", &uri, NULL, err) < 0 ||
        lsp_get_int(data, "version", "params.data.version", &version, err) < 0) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "%s", err);
        return;
    }
    doc_t *d = store_find(&s->store, uri);
    if (!d || d->version != version || plan_update(&d->plan, &d->text) < 0) {
        /* The text changed since the list was made: the client asks again. */
        server_reply_error(s, m->id, RPC_CONTENT_MODIFIED, "the document changed since the code action was listed");
        return;
    }
    size_t start, end;
    if (lsp_range_offsets(json_object_get(data, "range"), "params.data.range", &d->text, s->enc, &start, &end,
                          err) < 0) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "%s", err);
        return;
    }
    json_t *all = code_actions_json(s, d, start, end, NULL, 0);
    size_t i;
    json_t *a;
    json_array_foreach(all, i, a) {
        if (strcmp(json_string_value(json_object_get(a, "title")), title) != 0) continue;
        json_t *resolved = json_deep_copy(m->params);
        json_object_set(resolved, "edit", json_object_get(a, "edit"));
        json_decref(all);
        server_reply(s, m->id, resolved);
        return;
    }
    json_decref(all);
    server_reply_error(s, m->id, RPC_CONTENT_MODIFIED, "the code action '%s' no longer applies", title);
}

/* ---- commands -------------------------------------------------------------- */

static void show_position(server_t *s, const char *uri, long line, long character) {
    server_request(s, "window/showDocument",
                   json_pack("{s:s,s:b,s:{s:{s:i,s:i},s:{s:i,s:i}}}", "uri", uri, "takeFocus", 1, "selection",
                             "start", "line", (json_int_t)line, "character", (json_int_t)character, "end", "line",
                             (json_int_t)line, "character", (json_int_t)character));
}

void handle_execute_command(server_t *s, const rpc_msg_t *m) {
    const char *name = json_string_value(json_object_get(m->params, "command"));
    json_t *args = json_object_get(m->params, "arguments");
    if (!name) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.command must be a string");
        return;
    }
    json_t *arg0 = json_array_get(args, 0);
    const char *uri = json_is_string(arg0) ? json_string_value(arg0)
                                           : json_string_value(json_object_get(arg0, "uri"));
    if (!uri) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.arguments[0] must be the document URI");
        return;
    }
    if (strcmp(name, "planls.reveal") == 0) {
        json_t *pos = json_array_get(args, 1);
        json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
        if (!json_is_integer(line) || !json_is_integer(ch)) {
            server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.arguments[1] must be a Position");
            return;
        }
        if (s->caps.show_document)
            show_position(s, uri, (long)json_integer_value(line), (long)json_integer_value(ch));
        server_reply(s, m->id, NULL);
        return;
    }
    doc_t *d = store_find(&s->store, uri);
    if (!d) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.arguments[0]: %s is not open", uri);
        return;
    }
    if (plan_update(&d->plan, &d->text) < 0) {
        server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
        return;
    }
    action_t a;
    if (action_for_command(&d->plan, &d->text, name, server_now(s), &a) < 0) {
        free(a.title);
        edit_list_free(&a.edits);
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "unknown command '%s'", name);
        return;
    }
    if (!s->caps.apply_edit) {
        server_reply_error(s, m->id, RPC_INVALID_REQUEST, "the client cannot apply edits (workspace.applyEdit)");
    } else {
        /* Reveal the new entry once the client has applied the edit. */
        int reveal = a.has_cursor && s->caps.show_document;
        pending_t *n = server_request_kind(s, reveal ? PENDING_REVEAL : PENDING_NONE, "workspace/applyEdit",
                                           json_pack("{s:s,s:o}", "label", a.title, "edit",
                                                     workspace_edit_json(s, d, &a.edits)));
        if (n && reveal) {
            n->uri = strdup(d->uri);
            cursor_after(s, d, &a, &n->line, &n->character);
        }
        server_reply(s, m->id, NULL);
    }
    free(a.title);
    edit_list_free(&a.edits);
}

void handle_response(server_t *s, const rpc_msg_t *m) {
    if (!json_is_integer(m->id)) return;
    long long id = json_integer_value(m->id);
    for (size_t i = 0; i < s->npending; i++) {
        pending_t *p = &s->pending[i];
        if (p->id != id) continue;
        json_t *result = json_object_get(m->root, "result");
        pending_t done = *p;
        s->pending[i] = s->pending[--s->npending];
        if (done.kind == PENDING_REVEAL && json_is_true(json_object_get(result, "applied")) && done.uri)
            show_position(s, done.uri, done.line, done.character);
        if (done.kind == PENDING_CONFIGURATION && result) server_configuration_reply(s, result);
        free(done.uri);
        return;
    }
}

/* ---- outline, folding, hover ----------------------------------------------- */

/* documentSymbol replies grow with the plan (5 MB at 50,000 lines). They are
 * written twice in pieces: once to measure the frame's length, then streamed
 * as the client reads (server_stream), so the reply never sits whole in
 * memory, neither here nor in the write queue. */
#define SYMBOL_CHUNK 65536

typedef struct {
    server_t *s;
    doc_t *d;       /* borrowed: nothing changes it while the reply streams */
    char *id;       /* owned: the request's id as JSON */
    strbuf_t b;     /* the piece being written */
    outline_iter_t it;
    int started;      /* the envelope is written */
    int first[8];   /* per depth: no sibling written yet */
    int depth;
} symbol_writer_t;

static void write_symbol(symbol_writer_t *w, const outline_node_t *n, int event) {
    if (event == OUTLINE_LEAVE) {
        sb_add(&w->b, "]}");
        w->depth--;
        return;
    }
    if (!w->first[w->depth]) sb_add(&w->b, ",");
    w->first[w->depth] = 0;
    sb_add(&w->b, "{\"name\":");
    lsp_write_string(&w->b, n->name, n->name_len);
    if (n->detail) {
        sb_add(&w->b, ",\"detail\":");
        lsp_write_string(&w->b, n->detail, n->detail_len);
    }
    sb_printf(&w->b, ",\"kind\":%d,\"range\":", n->kind);
    lsp_write_range(&w->b, &w->d->text, w->s->enc, n->start, n->end);
    sb_add(&w->b, ",\"selectionRange\":");
    lsp_write_range(&w->b, &w->d->text, w->s->enc, n->sel_start, n->sel_end);
    sb_add(&w->b, ",\"children\":[");
    if (w->depth < 7) w->depth++;
    w->first[w->depth] = 1;
}

static void symbols_rewind(symbol_writer_t *w) {
    outline_iter_init(&w->it);
    memset(w->first, 0, sizeof w->first);
    w->first[0] = 1;
    w->depth = 0;
    w->started = 0;
}

/* Appends the reply's next bytes to w->b, about SYMBOL_CHUNK of them.
 * Returns 1 while more remain. */
static int symbols_fill(symbol_writer_t *w) {
    if (!w->started) {
        sb_printf(&w->b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":[", w->id);
        w->started = 1;
    }
    outline_node_t node;
    int event;
    while (w->b.n < SYMBOL_CHUNK) {
        if (!doc_is_plan(w->d) || !outline_next(&w->it, &w->d->plan, &w->d->text, &node, &event)) {
            sb_add(&w->b, "]}");
            return 0;
        }
        write_symbol(w, &node, event);
    }
    return 1;
}

static int symbols_send_piece(server_t *s, void *state) {
    symbol_writer_t *w = state;
    int more = symbols_fill(w);
    size_t n = w->b.n;
    char *piece = sb_take(&w->b);
    if (piece && n) s->write(s->write_ctx, piece, n);
    else free(piece);
    return more;
}

static void symbols_free(void *state) {
    symbol_writer_t *w = state;
    free(sb_take(&w->b));
    free(w->id);
    free(w);
}

void handle_document_symbol(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    if (!d) return;
    symbol_writer_t *w = calloc(1, sizeof *w);
    char *id = json_dumps(m->id, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!w || !id) {
        free(w);
        free(id);
        server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
        return;
    }
    w->s = s;
    w->d = d;
    w->id = id;
    size_t total = 0;
    symbols_rewind(w);
    for (int more = 1; more;) {
        more = symbols_fill(w);
        total += w->b.n;
        w->b.n = 0;
    }
    symbols_rewind(w);
    sb_printf(&w->b, "Content-Length: %zu\r\n\r\n", total);
    server_stream(s, symbols_send_piece, symbols_free, w);
}

void handle_folding_range(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    if (!d) return;
    fold_t *folds = NULL;
    size_t n = 0;
    strbuf_t result = {0};
    sb_add(&result, "[");
    if (doc_is_plan(d) && outline_folds(&d->plan, &d->text, &folds, &n) == 0)
        for (size_t i = 0; i < n; i++)
            sb_printf(&result, "%s{\"startLine\":%zu,\"endLine\":%zu}", i ? "," : "", folds[i].start_line,
                      folds[i].end_line);
    sb_add(&result, "]");
    free(folds);
    if (result.failed) server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
    else server_reply_raw(s, m->id, result.s, result.n);
    free(sb_take(&result));
}

void handle_hover(server_t *s, const rpc_msg_t *m) {
    doc_t *d = request_document(s, m);
    size_t off;
    if (!d || request_offset(s, m, d, &off) < 0) return;
    size_t a, b;
    char *text = doc_is_plan(d) ? outline_hover(&d->plan, off, server_now(s), &a, &b) : NULL;
    if (!text) {
        server_reply(s, m->id, NULL);
        return;
    }
    server_reply(s, m->id, json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", "markdown", "value", text, "range",
                                     lsp_range_json(&d->text, s->enc, a, b)));
    free(text);
}
