/* handlers_workspace.c: the LSP side of the workspace: folders and settings
 * from the client, the scan's progress and publishing, workspace symbols and
 * workspace diagnostics. The state is store/workspace.c. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "lsp.h"
#include "plan.h"
#include "server.h"
#include "settings.h"
#include "uri.h"
#include "workspace.h"

/* Sends what changed to the client: each URI's diagnostics as the workspace
 * now holds them (an empty list clears them). */
static void publish_changed(server_t *s, uri_list_t *changed) {
    for (size_t i = 0; i < changed->n; i++) {
        const text_t *t;
        const diag_list_t *l;
        workspace_diagnostics_of(&s->workspace, changed->uris[i], &t, &l);
        publish_diagnostics(s, changed->uris[i], -1, t, l);
    }
    uri_list_free(changed);
}

/* Closed plans' problems are pushed only to push clients: a pull client keeps
 * pushed and pulled problems apart and would show both; it asks. */
static void publish_closed(server_t *s, uri_list_t *changed) {
    if (s->caps.pull_diagnostics) uri_list_free(changed);
    else publish_changed(s, changed);
}

void server_workspace_initialize(server_t *s, json_t *params) {
    workspace_t *w = &s->workspace;
    json_t *folders = json_object_get(params, "workspaceFolders");
    size_t i;
    json_t *f;
    json_array_foreach(folders, i, f) {
        const char *uri = json_string_value(json_object_get(f, "uri"));
        if (uri) workspace_add_folder(w, uri);
    }
    const char *root_uri = json_string_value(json_object_get(params, "rootUri"));
    if (!w->nroots && root_uri) workspace_add_folder(w, root_uri);
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!w->nroots && root_path) {
        char *uri = uri_from_path(root_path);
        if (uri) workspace_add_folder(w, uri);
        free(uri);
    }
    workspace_set_client_settings(w, settings_section(json_object_get(params, "initializationOptions")));
    server_reload(s);
}

static void progress(server_t *s, const char *kind, const char *message) {
    if (!s->caps.work_done_progress) return;
    json_t *value = json_pack("{s:s,s:s}", "kind", kind, "message", message);
    if (strcmp(kind, "begin") == 0) json_object_set_new(value, "title", json_string("planls: checking plans"));
    server_send(s, rpc_make_notification("$/progress", json_pack("{s:s,s:o}", "token", "planls-scan", "value",
                                                                 value)));
}

static void scan(server_t *s) {
    workspace_t *w = &s->workspace;
    if (!workspace_wants_scan(w)) return;
    if (s->caps.work_done_progress && !w->scanned)
        server_request(s, "window/workDoneProgress/create", json_pack("{s:s}", "token", "planls-scan"));
    progress(s, "begin", "scanning the workspace");
    uri_list_t changed = {0};
    scan_stats_t st;
    workspace_scan(w, &s->store, server_now(s), &changed, &st);
    publish_closed(s, &changed);
    if (st.truncated)
        log_info("workspace scan stopped at %zu files in %zu folders (the limits are %d files, %zu bytes)", st.files,
                 st.truncated, SCAN_MAX_FILES, SCAN_MAX_BYTES);
    char msg[120];
    snprintf(msg, sizeof msg, "%zu plans in %zu Markdown files", st.plans, st.files);
    progress(s, "end", msg);
}

void server_reload(server_t *s) {
    uri_list_t changed = {0};
    char *errs;
    workspace_reload(&s->workspace, &s->store, &changed, &errs);
    publish_changed(s, &changed);
    if (errs) {
        log_error("settings from the client: %s", errs);
        server_send(s, rpc_make_notification("window/showMessage",
                                             json_pack("{s:i,s:s+}", "type", LSP_MESSAGE_WARNING, "message",
                                                       "planls settings: ", errs)));
    }
    free(errs);
    if (s->workspace.scanned) scan(s);
}

void server_file_changed(server_t *s, const char *uri, int deleted) {
    uri_list_t changed = {0};
    workspace_file_changed(&s->workspace, &s->store, uri, deleted, server_now(s), &changed);
    publish_closed(s, &changed);
}

/* ---- handlers --------------------------------------------------------------- */

void handle_initialized(server_t *s, const rpc_msg_t *m) {
    (void)m;
    if (s->caps.configuration)
        server_request_kind(s, PENDING_CONFIGURATION, "workspace/configuration",
                            json_pack("{s:[{s:s}]}", "items", "section", "planls"));
    if (s->caps.watch_files)
        server_request(s, "client/registerCapability",
                       json_pack("{s:[{s:s,s:s,s:{s:[{s:s},{s:s},{s:s}]}}]}", "registrations", "id",
                                 "planls-watch", "method", "workspace/didChangeWatchedFiles", "registerOptions",
                                 "watchers", "globPattern", "**/*.md", "globPattern", "**/.planls.json",
                                 "globPattern", "**/.gitignore"));
    scan(s);
}

void server_configuration_reply(server_t *s, json_t *result) {
    workspace_set_client_settings(&s->workspace, settings_section(json_array_get(result, 0)));
    server_reload(s);
}

void handle_did_change_configuration(server_t *s, const rpc_msg_t *m) {
    /* Pull clients announce a change and are asked; push clients send it. */
    if (s->caps.configuration) {
        server_request_kind(s, PENDING_CONFIGURATION, "workspace/configuration",
                            json_pack("{s:[{s:s}]}", "items", "section", "planls"));
        return;
    }
    workspace_set_client_settings(&s->workspace, settings_section(json_object_get(m->params, "settings")));
    server_reload(s);
}

static int is_settings_uri(const char *uri) {
    size_t n = strlen(uri), k = strlen("/" SETTINGS_FILE);
    return n >= k && strcmp(uri + n - k, "/" SETTINGS_FILE) == 0;
}

static int is_guide_uri(const char *uri) {
    size_t n = strlen(uri);
    return n >= 9 && strcmp(uri + n - 9, "/PLANS.md") == 0;
}

void handle_did_change_watched_files(server_t *s, const rpc_msg_t *m) {
    json_t *changes = json_object_get(m->params, "changes");
    size_t i;
    json_t *c;
    int reload = 0;
    json_array_foreach(changes, i, c) {
        const char *uri = json_string_value(json_object_get(c, "uri"));
        json_int_t type = json_integer_value(json_object_get(c, "type"));
        if (!uri) continue;
        if (is_settings_uri(uri) || is_guide_uri(uri) || strstr(uri, "/.gitignore")) reload = 1;
        else server_file_changed(s, uri, type == LSP_FILE_DELETED);
    }
    if (reload) server_reload(s);
}

/* Case-insensitive substring; an empty query matches everything. */
static int matches(const char *name, const char *query) {
    size_t q = strlen(query);
    for (const char *p = name; *p; p++) {
        size_t k = 0;
        while (k < q && p[k] && (p[k] | 32) == (query[k] | 32)) k++;
        if (k == q) return 1;
    }
    return q == 0;
}

static void add_symbol(json_t *arr, const char *name, int kind, const char *uri, long line, const char *container) {
    json_t *sym = json_pack("{s:s,s:i,s:{s:s,s:{s:{s:i,s:i},s:{s:i,s:i}}}}", "name", name, "kind", kind,
                            "location", "uri", uri, "range", "start", "line", (json_int_t)line, "character", 0,
                            "end", "line", (json_int_t)line, "character", 0);
    if (sym && container) json_object_set_new(sym, "containerName", json_string(container));
    if (sym) json_array_append_new(arr, sym);
}

void handle_workspace_symbol(server_t *s, const rpc_msg_t *m) {
    const char *query = json_string_value(json_object_get(m->params, "query"));
    if (!query) {
        server_reply_error(s, m->id, RPC_INVALID_PARAMS, "params.query must be a string");
        return;
    }
    json_t *out = json_array();
    /* Open plans from the editor's text, closed ones from the scan. */
    for (size_t i = 0; i < s->store.n; i++) {
        doc_t *d = s->store.docs[i];
        if (!doc_is_plan(d)) continue;
        const plan_t *p = &d->plan;
        char title[256] = "";
        if (p->title)
            snprintf(title, sizeof title, "%.*s", (int)p->sections[p->title].name_len,
                     d->text.data + p->sections[p->title].start + p->sections[p->title].name_start);
        for (size_t k = 1; k < p->nsections; k++) {
            const plan_section_t *sec = &p->sections[k];
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)sec->name_len, d->text.data + sec->start + sec->name_start);
            long line, ch;
            text_position_of(&d->text, sec->start, s->enc, &line, &ch);
            if (matches(name, query))
                add_symbol(out, name, k == p->title ? LSP_SYMBOL_FILE : LSP_SYMBOL_STRING, d->uri, line, k == p->title ? NULL : title);
        }
    }
    for (size_t i = 0; i < s->workspace.nplans; i++) {
        const scanned_t *e = &s->workspace.plans[i];
        if (store_find(&s->store, e->uri)) continue;
        const char *title = e->has_title ? e->headings[0].name : NULL;
        for (size_t k = 0; k < e->nheadings; k++) {
            int is_title = e->has_title && k == 0;
            if (matches(e->headings[k].name, query))
                add_symbol(out, e->headings[k].name, is_title ? LSP_SYMBOL_FILE : LSP_SYMBOL_STRING, e->uri, e->headings[k].line,
                           is_title ? NULL : title);
        }
    }
    server_reply(s, m->id, out);
}

/* workspace/diagnostic: the plans that are not open, for clients that pull
 * (they get no pushes). Always full reports; the scan keeps them current. */
void handle_workspace_diagnostic(server_t *s, const rpc_msg_t *m) {
    strbuf_t b = {0};
    sb_add(&b, "{\"items\":[");
    int first = 1;
    for (size_t i = 0; i < s->workspace.nplans; i++) {
        const scanned_t *e = &s->workspace.plans[i];
        if (store_find(&s->store, e->uri)) continue;
        sb_add(&b, first ? "{\"kind\":\"full\",\"uri\":" : ",{\"kind\":\"full\",\"uri\":");
        first = 0;
        lsp_write_string(&b, e->uri, strlen(e->uri));
        sb_add(&b, ",\"version\":null,\"items\":");
        lsp_write_diagnostics(&b, e->diags.n ? &e->text : NULL, s->enc, &e->diags);
        sb_add(&b, "}");
    }
    sb_add(&b, "]}");
    if (b.s && !b.failed) server_reply_raw(s, m->id, b.s, b.n);
    else server_reply_error(s, m->id, RPC_INTERNAL_ERROR, "out of memory");
    free(sb_take(&b));
}
