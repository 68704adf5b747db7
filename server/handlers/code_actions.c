/* code_actions.c: textDocument/codeAction, codeAction/resolve and
 * workspace/executeCommand (the entry commands, and planls.reveal, which
 * puts the caret where a command's edit wants it). The actions themselves are
 * actions.c's. */
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "edit.h"
#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "rules.h"

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
 * client supports it, so an edit computed for another text is refused. New
 * reference, NULL on OOM. */
static json_t *workspace_edit_json(ctx_t *c, doc_t *d, const edit_list_t *edits) {
    json_t *te = text_edits_json(c, d, edits);
    if (c->caps.versioned_edits)
        return json_pack("{s:[{s:{s:s,s:I},s:o}]}", "documentChanges", "textDocument", "uri", d->uri, "version",
                         (json_int_t)d->version, "edits", te);
    json_t *changes = json_object();
    json_object_set_new(changes, d->uri, te);
    return json_pack("{s:o}", "changes", changes);
}

/* Where the caret lands after the edits: the cursor is an offset inside the
 * inserted text of one edit (edit start + index). Lines added by earlier
 * edits shift it down. */
static void cursor_after(ctx_t *c, doc_t *d, const action_t *a, long *line, long *character) {
    const edit_t *at = NULL;
    long shift = 0;
    for (size_t i = 0; i < a->edits.n; i++) {
        const edit_t *e = &a->edits.items[i];
        if (e->start <= a->cursor && a->cursor <= e->start + strlen(e->text)) {
            at = e;
            break;
        }
        for (const char *p = e->text; *p; p++) shift += *p == '\n';
        shift -= (long)(text_line_of(&d->text, e->end) - text_line_of(&d->text, e->start));
    }
    if (!at) {
        text_position_of(&d->text, a->cursor, c->enc, line, character);
        return;
    }
    text_position_of(&d->text, at->start, c->enc, line, character);
    size_t k = a->cursor - at->start;
    const char *last = at->text;
    long lines = 0;
    for (size_t i = 0; i < k; i++)
        if (at->text[i] == '\n') {
            lines++;
            last = at->text + i + 1;
        }
    size_t units = text_units(last, (size_t)(at->text + k - last), c->enc);
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

/* The code actions for [start, end] as JSON (new reference, NULL on OOM).
 * With lazy set (clients that resolve edits), each action carries data to
 * find it again instead of its edit, which keeps a long list cheap. */
static json_t *code_actions_json(ctx_t *c, doc_t *d, size_t start, size_t end, json_t *only, int lazy) {
    json_t *result = json_array();
    if (!result || !doc_is_plan(d)) return result;
    diag_list_t diags;
    diag_list_init(&diags);
    action_list_t actions = {0};
    int64_t now = ctx_now(c);
    int ok = rules_run(&d->plan, &d->text, now, &diags) == 0 &&
             actions_at(&d->plan, &d->text, start, end, &diags, now, d->path, &actions) == 0;
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
                                json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version", (json_int_t)d->version, "range",
                                          lsp_range_json(&d->text, c->enc, start, end)));
        else
            json_object_set_new(o, "edit", workspace_edit_json(c, d, &a->edits));
        if (a->preferred) json_object_set_new(o, "isPreferred", json_true());
        if (a->fixes) {
            diag_list_t one = {(diag_t *)a->fixes, 1, 1};
            json_object_set_new(o, "diagnostics", lsp_diagnostics_json(&d->text, c->enc, &one));
        }
        if (a->has_cursor && c->caps.show_document) {
            long line, ch;
            cursor_after(c, d, a, &line, &ch);
            json_object_set_new(o, "command", reveal_command(d->uri, line, ch));
        }
        json_array_append_new(result, o);
    }
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
    json_t *only = json_object_get(json_object_get(m->params, "context"), "only");
    return reply_json(out, code_actions_json(c, d, start, end, only, c->caps.resolve_edits));
}

static int handle_code_action_resolve(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    char err[LSP_ERR_MAX];
    json_t *data = json_object_get(m->params, "data");
    const char *uri, *title;
    long long version;
    if (lsp_get_string(m->params, "title", "params.title", &title, NULL, err) < 0 ||
        lsp_get_string(data, "uri", "params.data.uri", &uri, NULL, err) < 0 ||
        lsp_get_int(data, "version", "params.data.version", &version, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    doc_t *d = store_find(c->docs, uri);
    /* The text changed since the list was made: the client asks again. */
    if (!d || d->version != version)
        return reply_fail(out, PL_EMODIFIED, "the document changed since the code action was listed");
    if (plan_update(&d->plan, &d->text) < 0) return PL_ENOMEM;
    size_t start, end;
    if (lsp_range_offsets(json_object_get(data, "range"), "params.data.range", &d->text, c->enc, &start, &end, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    json_t *all = code_actions_json(c, d, start, end, NULL, 0);
    if (!all) return PL_ENOMEM;
    size_t i;
    json_t *a;
    json_array_foreach(all, i, a) {
        if (strcmp(json_string_value(json_object_get(a, "title")), title) != 0) continue;
        json_t *resolved = json_deep_copy(m->params);
        if (resolved) json_object_set(resolved, "edit", json_object_get(a, "edit"));
        json_decref(all);
        return reply_json(out, resolved);
    }
    json_decref(all);
    return reply_fail(out, PL_EMODIFIED, "the code action '%s' no longer applies", title);
}

/* ---- commands -------------------------------------------------------------- */

static void show_position(ctx_t *c, const char *uri, long line, long character) {
    session_request(c->session, "window/showDocument",
                    json_pack("{s:s,s:b,s:{s:{s:i,s:i},s:{s:i,s:i}}}", "uri", uri, "takeFocus", 1, "selection", "start",
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
    json_t *params = json_pack("{s:s,s:o}", "label", a->title, "edit", workspace_edit_json(c, d, &a->edits));
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
        cursor_after(c, d, a, &r->line, &r->character);
    }
    if (session_request(c->session, "workspace/applyEdit", params, r ? on_edit_applied : NULL, r) < 0) {
        if (r) free(r->uri);
        free(r);
        return PL_ENOMEM;
    }
    return 0;
}

static int handle_execute_command(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    const char *name = json_string_value(json_object_get(m->params, "command"));
    json_t *args = json_object_get(m->params, "arguments");
    if (!name) return reply_fail(out, PL_EINVAL, "params.command must be a string");
    json_t *arg0 = json_array_get(args, 0);
    const char *uri = json_is_string(arg0) ? json_string_value(arg0) : json_string_value(json_object_get(arg0, "uri"));
    if (!uri) return reply_fail(out, PL_EINVAL, "params.arguments[0] must be the document URI");
    if (strcmp(name, "planls.reveal") == 0) {
        json_t *pos = json_array_get(args, 1);
        json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
        if (!json_is_integer(line) || !json_is_integer(ch))
            return reply_fail(out, PL_EINVAL, "params.arguments[1] must be a Position");
        if (c->caps.show_document) show_position(c, uri, (long)json_integer_value(line), (long)json_integer_value(ch));
        return 0;
    }
    doc_t *d = store_find(c->docs, uri);
    if (!d) return reply_fail(out, PL_ENOTOPEN, "params.arguments[0]: %s is not open", uri);
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
        json_object_set_new(caps, "executeCommandProvider", json_pack("{s:O}", "commands", commands)) < 0) {
        json_decref(commands);
        return PL_ENOMEM;
    }
    json_decref(commands);
    /* Clients that take literal code actions are told which kinds to expect. */
    json_t *provider = c->caps.action_literals ? json_pack("{s:[s,s],s:b}", "codeActionKinds", "quickfix",
                                                           "refactor.rewrite", "resolveProvider", c->caps.resolve_edits)
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
