/* workspace.c: folders, settings, closed plans, workspace symbols. */
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "disk_plan.h"
#include "lsp_json.h"
#include "plan.h"
#include "plan_paths.h"
#include "server.h"
#include "settings.h"
#include "walk.h"

/* The scan reads at most this much: a workspace is not a data lake. */
#define SCAN_MAX_FILES 2000
#define SCAN_MAX_BYTES ((size_t)64 << 20)
#define SCAN_MAX_FILE ((size_t)8 << 20)

void workspace_init(workspace_t *w) {
    memset(w, 0, sizeof *w);
    config_init(&w->fallback);
}

static void free_scanned(scanned_t *p) {
    json_decref(p->diagnostics);
    free(p->uri);
    free(p->path);
    for (size_t k = 0; k < p->nheadings; k++) free(p->headings[k].name);
    free(p->headings);
    memset(p, 0, sizeof *p);
}

static void free_roots(workspace_t *w) {
    for (size_t i = 0; i < w->nroots; i++) {
        free(w->roots[i].path);
        free(w->roots[i].uri);
        config_free(&w->roots[i].config);
    }
    free(w->roots);
    w->roots = NULL;
    w->nroots = 0;
}

void workspace_free(workspace_t *w) {
    free_roots(w);
    config_free(&w->fallback);
    json_decref(w->client_settings);
    for (size_t i = 0; i < w->nplans; i++) free_scanned(&w->plans[i]);
    free(w->plans);
    memset(w, 0, sizeof *w);
}

const config_t *workspace_config_for(const workspace_t *w, const char *path, const char **root) {
    const root_t *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; path && i < w->nroots; i++) {
        size_t n = strlen(w->roots[i].path);
        if (n > best_len && strncmp(path, w->roots[i].path, n) == 0 && (path[n] == '/' || n == 1)) {
            best = &w->roots[i];
            best_len = n;
        }
    }
    *root = best ? best->path : NULL;
    return best ? &best->config : &w->fallback;
}

static void add_root(workspace_t *w, const char *uri) {
    char *path = plan_uri_to_path(uri);
    if (!path) return;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') path[--n] = '\0';
    for (size_t i = 0; i < w->nroots; i++)
        if (strcmp(w->roots[i].path, path) == 0) {
            free(path);
            return;
        }
    root_t *r = realloc(w->roots, (w->nroots + 1) * sizeof *r);
    if (!r) {
        free(path);
        return;
    }
    w->roots = r;
    root_t *root = &r[w->nroots++];
    memset(root, 0, sizeof *root);
    root->path = path;
    root->uri = strdup(uri);
    config_init(&root->config);
}

/* The "planls" section, whether the client sent it wrapped or bare. */
static json_t *planls_section(json_t *v) {
    json_t *inner = json_object_get(v, "planls");
    return json_is_object(inner) ? inner : json_is_object(v) ? v : NULL;
}

void workspace_initialize(server_t *s, json_t *params) {
    workspace_t *w = &s->workspace;
    json_t *folders = json_object_get(params, "workspaceFolders");
    size_t i;
    json_t *f;
    json_array_foreach(folders, i, f) {
        const char *uri = json_string_value(json_object_get(f, "uri"));
        if (uri) add_root(w, uri);
    }
    const char *root_uri = json_string_value(json_object_get(params, "rootUri"));
    if (!w->nroots && root_uri) add_root(w, root_uri);
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!w->nroots && root_path) {
        char *uri = plan_path_to_uri(root_path);
        if (uri) add_root(w, uri);
        free(uri);
    }
    json_t *opts = planls_section(json_object_get(params, "initializationOptions"));
    if (opts) w->client_settings = json_incref(opts);
    workspace_reload(s);
}

/* Publishes the problems of a folder's .planls.json (an empty list clears them). */
static void publish_settings_problems(server_t *s, root_t *r, diag_list_t *problems) {
    if (!problems->n && !r->settings_published) return;
    size_t n = strlen(r->path) + sizeof SETTINGS_FILE + 1, len = 0;
    char *file = malloc(n);
    if (!file) return;
    snprintf(file, n, "%s/%s", r->path, SETTINGS_FILE);
    char *data = settings_read_file(file, (size_t)4 << 20, &len);
    char *uri = plan_path_to_uri(file);
    text_t t;
    if (uri && text_init(&t, data ? data : "", data ? len : 0) == 0) {
        publish_diagnostics(s, uri, -1, &t, problems);
        text_free(&t);
        r->settings_published = problems->n > 0;
    }
    free(uri);
    free(data);
    free(file);
}

void workspace_reload(server_t *s) {
    workspace_t *w = &s->workspace;
    strbuf_t errs = {0};
    config_free(&w->fallback);
    config_init(&w->fallback);
    settings_apply(&w->fallback, w->client_settings, &errs);
    for (size_t i = 0; i < w->nroots; i++) {
        root_t *r = &w->roots[i];
        config_free(&r->config);
        config_init(&r->config);
        diag_list_t problems;
        diag_list_init(&problems);
        settings_load_root(&r->config, r->path, &problems);
        /* The client's settings win over the repository's file. */
        settings_apply(&r->config, w->client_settings, &errs);
        publish_settings_problems(s, r, &problems);
        diag_list_free(&problems);
    }
    char *msg = sb_take(&errs);
    if (msg && msg[0]) {
        log_error("settings from the client: %s", msg);
        server_send(s, rpc_make_notification("window/showMessage",
                                             json_pack("{s:i,s:s+}", "type", 2, "message",
                                                       "planls settings: ", msg)));
    }
    free(msg);
    for (size_t i = 0; i < s->store.n; i++) {
        doc_t *d = s->store.docs[i];
        const char *root;
        const config_t *cfg = workspace_config_for(w, d->path, &root);
        doc_configure(d, cfg, root);
    }
    if (w->scanned) workspace_scan(s);
}

/* ---- closed plans ---------------------------------------------------------- */

static scanned_t *find_scanned(workspace_t *w, const char *uri) {
    for (size_t i = 0; i < w->nplans; i++)
        if (strcmp(w->plans[i].uri, uri) == 0) return &w->plans[i];
    return NULL;
}

static void forget_scanned(workspace_t *w, scanned_t *p) {
    free_scanned(p);
    *p = w->plans[--w->nplans];
}

/* t may be NULL for an empty list. */
static void publish_closed(server_t *s, const char *uri, const text_t *t, const diag_list_t *l) {
    /* A pull client keeps pushed and pulled problems apart and would show
     * both: it asks for what it shows. */
    if (s->caps.pull_diagnostics) return;
    publish_diagnostics(s, uri, -1, t, l);
}

/* Records a plan's title and sections for workspace symbols. */
static void index_headings(scanned_t *e, const plan_t *p, const text_t *t) {
    e->headings = calloc(p->nsections, sizeof *e->headings);
    if (!e->headings) return;
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *sec = &p->sections[i];
        char *name = malloc(sec->name_len + 1);
        if (!name) break;
        memcpy(name, t->data + sec->start + sec->name_start, sec->name_len);
        name[sec->name_len] = '\0';
        e->headings[e->nheadings++] = (plan_heading_t){name, (long)text_line_of(t, sec->start)};
    }
    e->has_title = p->title == 1; /* the title is the first heading */
}

/* Checks one file from disk. Returns 1 when it is a plan. */
static int check_closed(server_t *s, const char *path, const char *uri) {
    workspace_t *w = &s->workspace;
    const char *root;
    const config_t *cfg = workspace_config_for(w, path, &root);
    scanned_t *old = find_scanned(w, uri);
    int was_published = old && old->published_nonempty;
    if (old) forget_scanned(w, old);
    if (!cfg->workspace_diagnostics) return 0;
    disk_plan_t dp;
    if (disk_plan_load(&dp, path, SCAN_MAX_FILE, cfg, root, 0, server_now(s)) < 0 || !dp.is_plan) {
        if (was_published) publish_closed(s, uri, NULL, &(diag_list_t){0});
        disk_plan_free(&dp);
        return 0;
    }
    scanned_t *grown = realloc(w->plans, (w->nplans + 1) * sizeof *grown);
    if (grown) {
        w->plans = grown;
        scanned_t *e = &grown[w->nplans++];
        memset(e, 0, sizeof *e);
        e->uri = strdup(uri);
        e->path = strdup(path);
        index_headings(e, &dp.plan, &dp.text);
        e->published_nonempty = dp.diags.n > 0;
        /* Kept for clients that pull workspace diagnostics. */
        e->diagnostics = lsp_diagnostics_json(&dp.text, s->enc, &dp.diags);
    }
    if (dp.diags.n || was_published) publish_closed(s, uri, &dp.text, &dp.diags);
    disk_plan_free(&dp);
    return 1;
}

void workspace_file_changed(server_t *s, const char *uri, int deleted) {
    if (store_find(&s->store, uri)) return; /* the editor's text wins over the disk's */
    char *path = plan_uri_to_path(uri);
    if (!path) return;
    scanned_t *old = find_scanned(&s->workspace, uri);
    if (deleted) {
        if (old && old->published_nonempty) publish_closed(s, uri, NULL, &(diag_list_t){0});
        if (old) forget_scanned(&s->workspace, old);
    } else if (plan_path_is_markdown(path)) {
        check_closed(s, path, uri);
    }
    free(path);
}

static void progress(server_t *s, const char *kind, const char *message) {
    if (!s->caps.work_done_progress) return;
    json_t *value = json_pack("{s:s,s:s}", "kind", kind, "message", message);
    if (strcmp(kind, "begin") == 0) json_object_set_new(value, "title", json_string("planls: checking plans"));
    server_send(s, rpc_make_notification("$/progress", json_pack("{s:s,s:o}", "token", "planls-scan", "value",
                                                                 value)));
}

void workspace_scan(server_t *s) {
    workspace_t *w = &s->workspace;
    int any = 0;
    for (size_t i = 0; i < w->nroots; i++) any |= w->roots[i].config.workspace_diagnostics;
    if (!any) return;
    if (s->caps.work_done_progress && !w->scanned)
        server_request(s, "window/workDoneProgress/create", json_pack("{s:s}", "token", "planls-scan"));
    w->scanned = 1;
    progress(s, "begin", "scanning the workspace");
    size_t plans = 0, files = 0;
    for (size_t i = 0; i < w->nroots; i++) {
        root_t *r = &w->roots[i];
        if (!r->config.workspace_diagnostics) continue;
        walk_result_t found;
        walk_markdown(r->path, r->path, SCAN_MAX_FILES, SCAN_MAX_BYTES, &found);
        if (found.truncated)
            log_info("workspace scan of %s stopped at %zu files (the limits are %d files, %zu bytes)", r->path,
                     found.n, SCAN_MAX_FILES, SCAN_MAX_BYTES);
        for (size_t k = 0; k < found.n; k++) {
            char *uri = plan_path_to_uri(found.paths[k]);
            if (uri && !store_find(&s->store, uri)) plans += (size_t)check_closed(s, found.paths[k], uri);
            free(uri);
        }
        files += found.n;
        walk_result_free(&found);
    }
    char msg[120];
    snprintf(msg, sizeof msg, "%zu plans in %zu Markdown files", plans, files);
    progress(s, "end", msg);
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
    workspace_scan(s);
}

void workspace_configuration_reply(server_t *s, json_t *result) {
    json_t *section = planls_section(json_array_get(result, 0));
    json_decref(s->workspace.client_settings);
    s->workspace.client_settings = section ? json_incref(section) : NULL;
    workspace_reload(s);
}

void handle_did_change_configuration(server_t *s, const rpc_msg_t *m) {
    /* Pull clients announce a change and are asked; push clients send it. */
    if (s->caps.configuration) {
        server_request_kind(s, PENDING_CONFIGURATION, "workspace/configuration",
                            json_pack("{s:[{s:s}]}", "items", "section", "planls"));
        return;
    }
    json_t *section = planls_section(json_object_get(m->params, "settings"));
    json_decref(s->workspace.client_settings);
    s->workspace.client_settings = section ? json_incref(section) : NULL;
    workspace_reload(s);
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
        else workspace_file_changed(s, uri, type == 3);
    }
    if (reload) workspace_reload(s);
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
                add_symbol(out, name, k == p->title ? 1 : 15, d->uri, line, k == p->title ? NULL : title);
        }
    }
    for (size_t i = 0; i < s->workspace.nplans; i++) {
        const scanned_t *e = &s->workspace.plans[i];
        if (store_find(&s->store, e->uri)) continue;
        const char *title = e->has_title ? e->headings[0].name : NULL;
        for (size_t k = 0; k < e->nheadings; k++) {
            int is_title = e->has_title && k == 0;
            if (matches(e->headings[k].name, query))
                add_symbol(out, e->headings[k].name, is_title ? 1 : 15, e->uri, e->headings[k].line,
                           is_title ? NULL : title);
        }
    }
    server_reply(s, m->id, out);
}

/* workspace/diagnostic: the plans that are not open, for clients that pull
 * (they get no pushes). Always full reports; the scan keeps them current. */
void handle_workspace_diagnostic(server_t *s, const rpc_msg_t *m) {
    json_t *items = json_array();
    for (size_t i = 0; i < s->workspace.nplans; i++) {
        const scanned_t *e = &s->workspace.plans[i];
        if (store_find(&s->store, e->uri) || !e->diagnostics) continue;
        json_array_append_new(items, json_pack("{s:s,s:s,s:n,s:O}", "kind", "full", "uri", e->uri, "version",
                                               "items", e->diagnostics));
    }
    server_reply(s, m->id, json_pack("{s:o}", "items", items));
}
