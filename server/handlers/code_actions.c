/* code_actions.c: textDocument/codeAction, codeAction/resolve and
 * workspace/executeCommand (the entry commands, and planls.reveal, which
 * puts the caret where a command's edit wants it). The actions themselves are
 * actions.c's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "edit.h"
#include "err.h"
#include "fix_all.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "plan_move.h"
#include "rules.h"
#include "strbuf.h"
#include "uri.h"

static json_t *text_edits_json(ctx_t *c, doc_t *d, const edit_list_t *edits) {
    json_t *arr = json_array();
    for (size_t i = 0; i < edits->n; i++)
        json_array_append_new(arr,
                              json_pack("{s:o,s:s}", "range",
                                        lsp_range_json(&d->text, c->enc, edits->items[i].start, edits->items[i].end),
                                        "newText", edits->items[i].text));
    return arr;
}

/* A WorkspaceEdit for the document's current version: versioned where the
 * client supports it, so an edit computed for another text is refused; then,
 * with rename_to (a path, may be NULL; only for clients that rename files),
 * the move of the file there. New reference, NULL on OOM. */
static json_t *workspace_edit_json(ctx_t *c, doc_t *d, const edit_list_t *edits, const char *rename_to) {
    json_t *te = text_edits_json(c, d, edits);
    if (c->caps.versioned_edits) {
        json_t *edit = json_pack("{s:[{s:{s:s,s:I},s:o}]}", "documentChanges", "textDocument", "uri", d->uri, "version",
                                 (json_int_t)d->version, "edits", te);
        char *uri = rename_to && c->caps.rename_files ? uri_from_path(rename_to) : NULL;
        if (edit && uri)
            json_array_append_new(json_object_get(edit, "documentChanges"),
                                  json_pack("{s:s,s:s,s:s,s:{s:b,s:b}}", "kind", "rename", "oldUri", d->uri, "newUri",
                                            uri, "options", "overwrite", 0, "ignoreIfExists", 0));
        free(uri);
        return edit;
    }
    json_t *changes = json_object();
    json_object_set_new(changes, d->uri, te);
    return json_pack("{s:o}", "changes", changes);
}

/* Where the caret lands after the edits, as a position in the edited text.
 * The cursor is an offset inside one edit's inserted text (edit start +
 * index). The text from the first edit to the end of the last one's line is
 * edited in a copy, so that line breaks count as the client will see them: a
 * "\r" just before the first edit goes in too, as it and an inserted "\n"
 * make one line break, not two. Returns 0, or -1 on OOM. */
static int cursor_after(ctx_t *c, doc_t *d, const action_t *a, long *line, long *character) {
    const text_t *t = &d->text;
    const edit_list_t *l = &a->edits;
    if (!l->n) {
        text_position_of(t, a->cursor, c->enc, line, character);
        return 0;
    }
    size_t from = l->items[0].start;
    if (from > 0 && t->data[from - 1] == '\r') from--;
    size_t to = text_line_next(t, text_line_of(t, l->items[l->n - 1].end));
    strbuf_t b = {0};
    size_t at = from, cursor = SIZE_MAX;
    for (size_t i = 0; i < l->n; i++) {
        const edit_t *e = &l->items[i];
        sb_addn(&b, t->data + at, e->start - at);
        size_t n = strlen(e->text);
        if (cursor == SIZE_MAX && e->start <= a->cursor && a->cursor <= e->start + n)
            cursor = b.n + (a->cursor - e->start);
        sb_addn(&b, e->text, n);
        at = e->end;
    }
    sb_addn(&b, t->data + at, to - at);
    if (cursor == SIZE_MAX) cursor = b.n; /* not inside an edit: the end of the last one */
    text_t window;
    size_t n = b.n;
    char *data = sb_take(&b);
    if (!data || text_adopt(&window, data, n) < 0) return -1;
    long wl, wc;
    text_position_of(&window, cursor, c->enc, &wl, &wc);
    text_free(&window);
    /* The copy's first line starts where its first byte is in the text. */
    text_position_of(t, from, c->enc, line, character);
    *character = wl ? wc : *character + wc;
    *line += wl;
    return 0;
}

static json_t *reveal_command(const char *uri, long line, long character) {
    return json_pack("{s:s,s:s,s:[s,{s:I,s:I}]}", "title", "Go to the new entry", "command", "planls.reveal",
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

/* Reads a Range's four numbers; 0, or -1 when it is not one. */
static int range_numbers(json_t *range, long long v[4]) {
    json_t *ends[2] = {json_object_get(range, "start"), json_object_get(range, "end")};
    for (int k = 0; k < 4; k++) {
        json_t *n = json_object_get(ends[k / 2], k % 2 ? "character" : "line");
        if (!json_is_integer(n)) return -1;
        v[k] = json_integer_value(n);
    }
    return 0;
}

/* At most this many of the client's diagnostics are matched, each against
 * every diagnostic of the document. */
#define NAMED_MAX 1000

/* Which current diagnostics the client names in named (context.diagnostics,
 * or the ones a listed action's data carries): those with the same code and
 * range. Editors send the diagnostics of the cursor's line, not only those
 * under the cursor. Returns a new array of diags->n flags, and in *which the
 * named ones as {code, range} objects (new reference), for the data of lazy
 * actions; NULL on OOM. */
static unsigned char *named_diagnostics(ctx_t *c, doc_t *d, const diag_list_t *diags, json_t *named, json_t **which) {
    unsigned char *flags = calloc(diags->n ? diags->n : 1, 1);
    long *at = NULL; /* each diagnostic's range: 4 numbers, computed once */
    size_t m = json_array_size(named);
    if (m && diags->n) at = malloc(diags->n * 4 * sizeof *at);
    *which = json_array();
    if (!flags || !*which || (m && diags->n && !at)) {
        free(flags);
        free(at);
        json_decref(*which);
        *which = NULL;
        return NULL;
    }
    for (size_t k = 0; at && k < diags->n; k++) {
        text_position_of(&d->text, diags->items[k].start, c->enc, &at[4 * k], &at[4 * k + 1]);
        text_position_of(&d->text, diags->items[k].end, c->enc, &at[4 * k + 2], &at[4 * k + 3]);
    }
    for (size_t i = 0; at && i < m && i < NAMED_MAX; i++) {
        json_t *x = json_array_get(named, i);
        const char *code = json_string_value(json_object_get(x, "code"));
        long long want[4];
        if (!code || range_numbers(json_object_get(x, "range"), want) < 0) continue;
        for (size_t k = 0; k < diags->n; k++) {
            const diag_t *g = &diags->items[k];
            const long *have = &at[4 * k];
            if (flags[k] || have[0] != want[0] || have[1] != want[1] || have[2] != want[2] || have[3] != want[3] ||
                strcmp(g->code, code) != 0)
                continue;
            flags[k] = 1;
            json_array_append_new(*which, json_pack("{s:s,s:o}", "code", g->code, "range",
                                                    lsp_range_json(&d->text, c->enc, g->start, g->end)));
        }
    }
    free(at);
    return flags;
}

/* Appends "Mark plan complete" when it applies at off, with the move into a
 * completed folder for clients that can rename files, when the repository
 * files its plans so. Returns 0, or -1 on OOM. */
static int mark_complete(ctx_t *c, doc_t *d, size_t off, action_list_t *actions) {
    char *target = d->path && c->caps.rename_files ? plan_move_target(d->path, d->plan.config) : NULL;
    int k = actions_mark_complete(&d->plan, &d->text, off, target != NULL, actions);
    if (k >= 0 && target) {
        action_t *a = &actions->items[k];
        /* The title says where the file goes: "completed/". */
        const char *slash = strrchr(target, '/'), *folder = slash;
        while (folder > target && folder[-1] != '/') folder--;
        strbuf_t b = {0};
        sb_printf(&b, "%s and move it to %.*s/", a->title, (int)(slash - folder), folder);
        char *title = sb_take(&b);
        if (!title) k = -2;
        free(a->title);
        a->title = title;
        a->rename_to = target;
        target = NULL;
    }
    free(target);
    return k == -2 ? -1 : 0;
}

/* Whether the list has source.fixAll.planls (always last, so the other
 * actions keep their places in a list made again to resolve one). */
enum { FIX_ALL_NONE, FIX_ALL_LISTED, FIX_ALL_WITH_EDIT };

/* Does only name source.fixAll.planls or a kind above it ("source",
 * "source.fixAll")? A request without only (the light bulb) does not. */
static int asks_fix_all(json_t *only) {
    size_t i;
    json_t *v;
    json_array_foreach(only, i, v) {
        const char *k = json_string_value(v);
        if (k && strncmp("source.fixAll.planls", k, strlen(k)) == 0) return 1;
    }
    return 0;
}

/* The code actions for [start, end] and the client's diagnostics named, as
 * JSON (new reference, NULL on OOM). With lazy set (clients that resolve
 * edits), each action carries instead of its edit the data that makes the
 * same list again (range, the named diagnostics still current) and its index
 * in it, which keeps a long list cheap. fix_all: FIX_ALL_*. */
static json_t *code_actions_json(ctx_t *c, doc_t *d, size_t start, size_t end, json_t *named, json_t *only, int lazy,
                                 int fix_all) {
    json_t *result = json_array();
    if (!result || !doc_is_plan(d)) return result;
    diag_list_t diags;
    diag_list_init(&diags);
    action_list_t actions = {0};
    int64_t now = ctx_now(c);
    json_t *which = NULL;
    unsigned char *flags = NULL;
    doc_paths(c, d, NULL);
    int ok = rules_run(&d->plan, &d->text, now, &diags) == 0 &&
             (flags = named_diagnostics(c, d, &diags, named, &which)) != NULL &&
             actions_at(&d->plan, &d->text, start, end, &diags, flags, now, d->path, &actions) == 0 &&
             mark_complete(c, d, start, &actions) == 0 &&
             (fix_all == FIX_ALL_NONE ||
              fix_all_action(&d->plan, &d->text, &diags, now, d->path, fix_all == FIX_ALL_WITH_EDIT, &actions) == 0);
    for (size_t i = 0; ok && i < actions.n; i++) {
        const action_t *a = &actions.items[i];
        if (!kind_wanted(only, a->kind)) continue;
        json_t *o = json_pack("{s:s,s:s}", "title", a->title, "kind", a->kind);
        if (!o) {
            ok = 0;
            break;
        }
        if (lazy)
            json_object_set_new(o, "data",
                                json_pack("{s:s,s:I,s:o,s:O,s:I}", "uri", d->uri, "version", (json_int_t)d->version,
                                          "range", lsp_range_json(&d->text, c->enc, start, end), "diagnostics", which,
                                          "index", (json_int_t)i));
        else
            json_object_set_new(o, "edit", workspace_edit_json(c, d, &a->edits, a->rename_to));
        if (a->preferred) json_object_set_new(o, "isPreferred", json_true());
        if (a->fixes) {
            diag_list_t one = {(diag_t *)a->fixes, 1, 1};
            json_object_set_new(o, "diagnostics", lsp_diagnostics_json(&d->text, c->enc, d->uri, &one));
        }
        if (a->has_cursor && c->caps.show_document) {
            long line, ch;
            if (cursor_after(c, d, a, &line, &ch) < 0) {
                json_decref(o);
                ok = 0;
                break;
            }
            json_object_set_new(o, "command", reveal_command(d->uri, line, ch));
        }
        json_array_append_new(result, o);
    }
    free(flags);
    json_decref(which);
    action_list_free(&actions);
    diag_list_free(&diags);
    if (!ok) {
        json_decref(result);
        return NULL;
    }
    return result;
}

static int handle_code_action(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    char err[LSP_ERR_MAX];
    size_t start, end;
    if (lsp_range_offsets(json_object_get(m->params, "range"), "params.range", &d->text, c->enc, &start, &end, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    json_t *context = json_object_get(m->params, "context"), *only = json_object_get(context, "only");
    /* Fixing the whole plan runs the rules pass after pass: a client that
     * resolves gets it listed at no cost; one that does not, only when it
     * asks for it by kind (on save, a fix-all key), not with every light bulb. */
    int fix_all = c->caps.resolve_edits && kind_wanted(only, "source.fixAll.planls") ? FIX_ALL_LISTED
                  : asks_fix_all(only)                                               ? FIX_ALL_WITH_EDIT
                                                                                     : FIX_ALL_NONE;
    return reply_json(out, code_actions_json(c, d, start, end, json_object_get(context, "diagnostics"), only,
                                             c->caps.resolve_edits, fix_all));
}

/* The action the data of a listed one names: the same list is made again for
 * the same version, and the action at its index must still have its title. */
static int handle_code_action_resolve(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    char err[LSP_ERR_MAX];
    json_t *data = json_object_get(m->params, "data");
    const char *uri, *title;
    long long version, index;
    if (lsp_get_string(m->params, "title", "params.title", &title, NULL, err) < 0 ||
        lsp_get_uri(json_object_get(data, "uri"), "params.data.uri", &uri, err) < 0 ||
        lsp_get_int(data, "version", "params.data.version", &version, err) < 0 ||
        lsp_get_int(data, "index", "params.data.index", &index, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    doc_t *d = store_find(c->docs, uri);
    /* The text changed since the list was made: the client asks again. */
    if (!d || d->version != version)
        return reply_fail(out, PL_EMODIFIED, "the document changed since the code action was listed");
    if (plan_update(&d->plan, &d->text) < 0) return PL_ENOMEM;
    size_t start, end;
    if (lsp_range_offsets(json_object_get(data, "range"), "params.data.range", &d->text, c->enc, &start, &end, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    json_t *all = code_actions_json(c, d, start, end, json_object_get(data, "diagnostics"), NULL, 0, FIX_ALL_WITH_EDIT);
    if (!all) return PL_ENOMEM;
    json_t *a = index >= 0 ? json_array_get(all, (size_t)index) : NULL;
    const char *listed = json_string_value(json_object_get(a, "title"));
    if (!listed || strcmp(listed, title) != 0) {
        json_decref(all);
        return reply_fail(out, PL_EMODIFIED, "the code action '%s' no longer applies", title);
    }
    json_t *resolved = json_deep_copy(m->params);
    if (resolved) json_object_set(resolved, "edit", json_object_get(a, "edit"));
    json_decref(all);
    return reply_json(out, resolved);
}

/* ---- commands -------------------------------------------------------------- */

static void show_position(ctx_t *c, const char *uri, long line, long character) {
    session_request(c->session, "window/showDocument",
                    json_pack("{s:s,s:b,s:{s:{s:I,s:I},s:{s:I,s:I}}}", "uri", uri, "takeFocus", 1, "selection", "start",
                              "line", (json_int_t)line, "character", (json_int_t)character, "end", "line",
                              (json_int_t)line, "character", (json_int_t)character),
                    NULL, NULL);
}

/* Where to put the caret once the client has applied a command's edit. */
typedef struct {
    ctx_t *c;
    char *uri;
    long line, character;
} reveal_t;

static void on_edit_applied(void *arg, int rc, json_t *result) {
    reveal_t *r = arg;
    if (rc == 0 && json_is_true(json_object_get(result, "applied"))) show_position(r->c, r->uri, r->line, r->character);
    free(r->uri);
    free(r);
}

static int is_entry_command(const char *name) {
    for (const char *const *k = action_commands; *k; k++)
        if (strcmp(*k, name) == 0) return 1;
    return 0;
}

/* Applies an entry command's edit through the client. */
static int run_entry_command(ctx_t *c, doc_t *d, action_t *a, reply_t *out) {
    if (!c->caps.apply_edit) return reply_fail(out, PL_EREFUSED, "the client cannot apply edits (workspace.applyEdit)");
    json_t *params = json_pack("{s:s,s:o}", "label", a->title, "edit", workspace_edit_json(c, d, &a->edits, NULL));
    if (!params) return PL_ENOMEM;
    /* Reveal the new entry once the client has applied the edit. */
    reveal_t *r = NULL;
    if (a->has_cursor && c->caps.show_document) {
        r = calloc(1, sizeof *r);
        if (r && !(r->uri = strdup(d->uri))) {
            free(r);
            r = NULL;
        }
        if (!r) {
            json_decref(params);
            return PL_ENOMEM;
        }
        r->c = c;
        if (cursor_after(c, d, a, &r->line, &r->character) < 0) {
            free(r->uri);
            free(r);
            json_decref(params);
            return PL_ENOMEM;
        }
    }
    if (session_request(c->session, "workspace/applyEdit", params, r ? on_edit_applied : NULL, r) < 0) {
        if (r) free(r->uri);
        free(r);
        return PL_ENOMEM;
    }
    return 0;
}

/* planls.reveal: the position is the client's, so it is checked (LSP's
 * uinteger) and then clamped into the document as it is now. */
static int reveal(ctx_t *c, doc_t *d, json_t *pos, reply_t *out) {
    json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_integer(line) || !json_is_integer(ch) || json_integer_value(line) < 0 ||
        json_integer_value(line) > INT32_MAX || json_integer_value(ch) < 0 || json_integer_value(ch) > INT32_MAX)
        return reply_fail(out, PL_EINVAL, "params.arguments[1] must be a Position");
    size_t off = text_offset_at(&d->text, (long)json_integer_value(line), (long)json_integer_value(ch), c->enc);
    long l, k;
    text_position_of(&d->text, off, c->enc, &l, &k);
    if (c->caps.show_document) show_position(c, d->uri, l, k);
    return 0;
}

/* planls.status [URI]: the health report of one plan, or of every plan the
 * server knows (open, and found by the workspace scan). */
static int run_status(ctx_t *c, json_t *args, reply_t *out) {
    json_t *arg0 = json_array_get(args, 0);
    const char *uri = NULL;
    char err[LSP_ERR_MAX];
    if (arg0 && !json_is_null(arg0) &&
        (json_is_string(arg0) ? lsp_get_uri(arg0, "params.arguments[0]", &uri, err) < 0
                              : lsp_get_uri(json_object_get(arg0, "uri"), "params.arguments[0].uri", &uri, err) < 0))
        return reply_fail(out, PL_EINVAL, "%s", err);
    json_t *report = health_status_report(c, uri);
    if (!report) return PL_ENOMEM;
    if (uri && !json_array_size(json_object_get(report, "plans"))) {
        json_decref(report);
        return reply_fail(out, PL_ENOTOPEN, "params.arguments[0]: %s is no plan planls knows", uri);
    }
    return reply_json(out, report);
}

static int handle_execute_command(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    const char *name = json_string_value(json_object_get(m->params, "command"));
    json_t *args = json_object_get(m->params, "arguments");
    if (!name) return reply_fail(out, PL_EINVAL, "params.command must be a string");
    if (strcmp(name, "planls.status") == 0) return run_status(c, args, out);
    /* The document: arguments[0], a URI or a TextDocumentIdentifier. */
    json_t *arg0 = json_array_get(args, 0);
    char err[LSP_ERR_MAX];
    const char *uri;
    if (json_is_string(arg0) ? lsp_get_uri(arg0, "params.arguments[0]", &uri, err) < 0
                             : lsp_get_uri(json_object_get(arg0, "uri"), "params.arguments[0].uri", &uri, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    doc_t *d = store_find(c->docs, uri);
    if (!d) return reply_fail(out, PL_ENOTOPEN, "params.arguments[0]: %s is not open", uri);
    if (strcmp(name, "planls.reveal") == 0) return reveal(c, d, json_array_get(args, 1), out);
    if (plan_update(&d->plan, &d->text) < 0) return PL_ENOMEM;
    /* Only a known name can fail for want of memory: tell the two apart. */
    if (!is_entry_command(name)) return reply_fail(out, PL_EINVAL, "unknown command '%s'", name);
    action_t a;
    int rc =
        action_for_command(&d->plan, &d->text, name, ctx_now(c), &a) < 0 ? PL_ENOMEM : run_entry_command(c, d, &a, out);
    free(a.title);
    edit_list_free(&a.edits);
    return rc;
}

static int capabilities(const ctx_t *c, json_t *caps) {
    json_t *commands = json_array();
    for (const char *const *k = action_commands; commands && *k; k++)
        if (json_array_append_new(commands, json_string(*k)) < 0) {
            json_decref(commands);
            commands = NULL;
        }
    if (!commands || json_array_append_new(commands, json_string("planls.reveal")) < 0 ||
        json_array_append_new(commands, json_string("planls.status")) < 0 ||
        json_object_set_new(caps, "executeCommandProvider", json_pack("{s:O}", "commands", commands)) < 0) {
        json_decref(commands);
        return PL_ENOMEM;
    }
    json_decref(commands);
    /* Clients that take literal code actions are told which kinds to expect. */
    json_t *provider = c->caps.action_literals
                           ? json_pack("{s:[s,s,s],s:b}", "codeActionKinds", "quickfix", "refactor.rewrite",
                                       "source.fixAll.planls", "resolveProvider", c->caps.resolve_edits)
                           : json_true();
    return json_object_set_new(caps, "codeActionProvider", provider) < 0 ? PL_ENOMEM : 0;
}

static const route_t routes[] = {
    {"textDocument/codeAction", handle_code_action, ROUTE_REQUEST},
    {"codeAction/resolve", handle_code_action_resolve, ROUTE_REQUEST},
    {"workspace/executeCommand", handle_execute_command, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t code_actions_area = {routes, capabilities};
