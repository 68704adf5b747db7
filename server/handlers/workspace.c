/* workspace.c: the LSP side of the workspace: folders and settings from the
 * client (initialize, workspace/configuration, didChangeConfiguration),
 * watched files, the scan's progress, and publishing what the workspace state
 * (store/workspace.c) reports changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "log.h"
#include "lsp.h"
#include "plan_paths.h"
#include "settings.h"
#include "uri.h"

/* Kinds of a file watcher (WatchKind). */
enum { LSP_WATCH_CREATE = 1, LSP_WATCH_DELETE = 4 };

/* Does a watched file's change change a plan's diagnostics (beyond its
 * paths)? */
static int plans_care(const char *uri) {
    return plan_path_is_markdown(uri) || strstr(uri, "/.gitignore") || uri_changes_rules(uri);
}

/* Sends what changed: each URI's diagnostics as the workspace now holds them
 * (none: an empty list clears them). */
static void publish_changed(ctx_t *c, uri_list_t *changed) {
    for (size_t i = 0; i < changed->n; i++) {
        const text_t *t;
        const diag_list_t *l;
        workspace_diagnostics_of(c->workspace, changed->uris[i], &t, &l);
        publish_diagnostics(c, changed->uris[i], -1, t, l);
    }
    uri_list_free(changed);
}

/* Closed plans' problems are pushed only to push clients: a pull client keeps
 * pushed and pulled problems apart and would show both; it asks. */
static void publish_closed(ctx_t *c, uri_list_t *changed) {
    if (c->caps.pull_diagnostics)
        uri_list_free(changed);
    else
        publish_changed(c, changed);
}

/* The client's "planls" settings (wrapped or bare, any value: the store
 * unwraps it) replace the ones it sent before. */
static void set_client_settings(ctx_t *c, json_t *value) {
    char *text = value ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if ((value && !text) || workspace_set_client_settings(c->workspace, text) < 0)
        log_error("out of memory keeping the client's settings; the previous ones stay");
    free(text);
}

void workspace_from_initialize(ctx_t *c, json_t *params) {
    workspace_t *w = c->workspace;
    json_t *folders = json_object_get(params, "workspaceFolders");
    size_t i;
    json_t *f;
    char err[LSP_ERR_MAX];
    json_array_foreach(folders, i, f) {
        const char *uri;
        if (lsp_get_uri(json_object_get(f, "uri"), "workspaceFolders[].uri", &uri, err) < 0)
            log_error("workspace folder ignored: %s", err);
        else if (workspace_add_folder(w, uri) < 0)
            log_error("out of memory adding the folder %s", uri);
    }
    const char *root_uri;
    if (!w->nroots && json_is_string(json_object_get(params, "rootUri"))) {
        if (lsp_get_uri(json_object_get(params, "rootUri"), "rootUri", &root_uri, err) < 0)
            log_error("rootUri ignored: %s", err);
        else
            workspace_add_folder(w, root_uri);
    }
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!w->nroots && root_path) {
        char *uri = uri_from_path(root_path);
        if (uri) workspace_add_folder(w, uri);
        free(uri);
    }
    set_client_settings(c, json_object_get(params, "initializationOptions"));
    workspace_reload_all(c);
}

static void progress(ctx_t *c, const char *kind, const char *message) {
    if (!c->caps.work_done_progress) return;
    json_t *value = json_pack("{s:s,s:s}", "kind", kind, "message", message);
    if (strcmp(kind, "begin") == 0) json_object_set_new(value, "title", json_string("planls: checking plans"));
    session_notify(c->session, "$/progress", json_pack("{s:s,s:o}", "token", "planls-scan", "value", value));
}

/* The workspace scan: diagnostics for the plans that are not open. */
static void scan(ctx_t *c) {
    workspace_t *w = c->workspace;
    if (!workspace_wants_scan(w)) return;
    if (c->caps.work_done_progress && !w->scanned)
        session_request(c->session, "window/workDoneProgress/create", json_pack("{s:s}", "token", "planls-scan"), NULL,
                        NULL);
    progress(c, "begin", "scanning the workspace");
    uri_list_t changed = {0};
    scan_stats_t st;
    workspace_scan(w, c->docs, ctx_now(c), &changed, &st);
    publish_closed(c, &changed);
    if (st.truncated)
        log_info("workspace scan stopped at %zu files in %zu folders (the limits are %d files, %zu bytes)", st.files,
                 st.truncated, SCAN_MAX_FILES, SCAN_MAX_BYTES);
    if (st.unreadable) log_info("workspace scan: %zu workspace folders could not be read", st.unreadable);
    if (st.skipped)
        log_info("workspace scan skipped %zu entries it could not read or Markdown files over %zu MiB", st.skipped,
                 SCAN_MAX_FILE >> 20);
    char msg[120];
    snprintf(msg, sizeof msg, "%zu plans in %zu Markdown files", st.plans, st.files);
    progress(c, "end", msg);
}

void workspace_reload_all(ctx_t *c) {
    uri_list_t changed = {0};
    char *errs;
    workspace_reload(c->workspace, c->docs, &changed, &errs);
    publish_changed(c, &changed);
    if (errs) {
        log_error("settings from the client: %s", errs);
        session_notify(c->session, "window/showMessage",
                       json_pack("{s:i,s:s+}", "type", LSP_MESSAGE_WARNING, "message", "planls settings: ", errs));
    }
    free(errs);
    if (c->workspace->scanned) scan(c);
}

void workspace_rescan(ctx_t *c) {
    uri_list_t changed = {0};
    workspace_recheck_known(c->workspace, c->docs, ctx_now(c), &changed);
    publish_closed(c, &changed);
}

void workspace_recheck(ctx_t *c, const char *uri, int deleted) {
    uri_list_t changed = {0};
    workspace_file_changed(c->workspace, c->docs, uri, deleted, ctx_now(c), &changed);
    publish_closed(c, &changed);
}

/* The answer to our workspace/configuration request. */
static void on_configuration(void *arg, int rc, json_t *result) {
    ctx_t *c = arg;
    if (rc < 0 || !result) return;
    set_client_settings(c, json_array_get(result, 0));
    workspace_reload_all(c);
}

static void ask_configuration(ctx_t *c) {
    if (session_request(c->session, "workspace/configuration", json_pack("{s:[{s:s}]}", "items", "section", "planls"),
                        on_configuration, c) < 0)
        log_error("out of memory asking for the settings");
}

void workspace_start(ctx_t *c) {
    if (c->caps.configuration) ask_configuration(c);
    if (c->caps.watch_files)
        session_request(c->session, "client/registerCapability",
                        json_pack("{s:[{s:s,s:s,s:{s:[{s:s},{s:s},{s:s},{s:s,s:i}]}}]}", "registrations", "id",
                                  "planls-watch", "method", "workspace/didChangeWatchedFiles", "registerOptions",
                                  "watchers", "globPattern", "**/*.md", "globPattern", "**/.planls.json", "globPattern",
                                  "**/.gitignore", "globPattern", "**/*", "kind", LSP_WATCH_CREATE | LSP_WATCH_DELETE),
                        NULL, NULL);
    scan(c);
    paths_start(c); /* off the loop: the plans see their paths checked once it is ready */
}

static int handle_did_change_configuration(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    /* Pull clients announce a change and are asked; push clients send it. */
    if (c->caps.configuration) {
        ask_configuration(c);
        return 0;
    }
    set_client_settings(c, json_object_get(m->params, "settings"));
    workspace_reload_all(c);
    return 0;
}

static int handle_did_change_watched_files(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    (void)out;
    json_t *changes = json_object_get(m->params, "changes");
    size_t i;
    json_t *ch;
    int reload = 0, gitignore = 0;
    json_array_foreach(changes, i, ch) {
        const char *uri;
        char err[LSP_ERR_MAX];
        json_int_t type = json_integer_value(json_object_get(ch, "type"));
        if (lsp_get_uri(json_object_get(ch, "uri"), "params.changes[].uri", &uri, err) < 0) {
            if (json_is_string(json_object_get(ch, "uri"))) log_error("watched file ignored: %s", err);
            continue;
        }
        paths_file_event(c, uri, (int)type);
        if (!plans_care(uri)) continue; /* a file plans may name, not a plan */
        if (strstr(uri, "/.gitignore")) gitignore = 1;
        if (uri_changes_rules(uri) || strstr(uri, "/.gitignore"))
            reload = 1;
        else
            workspace_recheck(c, uri, type == LSP_FILE_DELETED);
    }
    if (reload) workspace_reload_all(c);
    if (gitignore) {
        workspace_files_stale(c->workspace); /* what the index leaves out changed */
        paths_start(c);
    }
    return 0;
}

static const route_t routes[] = {
    {"workspace/didChangeConfiguration", handle_did_change_configuration, ROUTE_NOTIFICATION},
    {"workspace/didChangeWatchedFiles", handle_did_change_watched_files, ROUTE_NOTIFICATION},
    {NULL, NULL, 0},
};

const handler_area_t workspace_area = {routes, NULL};
