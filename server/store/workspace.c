/* workspace.c: folders, their settings, and the closed plans. */
#include "workspace.h"

#include <stdlib.h>
#include <string.h>

#include "disk_plan.h"
#include "err.h"
#include "io.h"
#include "plan.h"
#include "plan_paths.h"
#include "settings.h"
#include "uri.h"
#include "vec.h"
#include "walk.h"

void uri_list_free(uri_list_t *l) {
    for (size_t i = 0; i < l->n; i++) free(l->uris[i]);
    free(l->uris);
    memset(l, 0, sizeof *l);
}

/* Out of memory drops the URI: the client then keeps showing the old list,
 * which the next change corrects. */
static void changed_add(uri_list_t *l, const char *uri) {
    if (VEC_RESERVE(l->uris, l->cap, l->n + 1) < 0) return;
    l->uris[l->n] = strdup(uri);
    if (l->uris[l->n]) l->n++;
}

void workspace_init(workspace_t *w) {
    memset(w, 0, sizeof *w);
    config_init(&w->fallback);
}

static void free_scanned(scanned_t *p) {
    free(p->uri);
    free(p->path);
    for (size_t k = 0; k < p->nheadings; k++) free(p->headings[k].name);
    free(p->headings);
    text_free(&p->text);
    diag_list_free(&p->diags);
    memset(p, 0, sizeof *p);
}

static void free_roots(workspace_t *w) {
    for (size_t i = 0; i < w->nroots; i++) {
        root_t *r = &w->roots[i];
        free(r->path);
        free(r->uri);
        free(r->settings_uri);
        text_free(&r->settings_text);
        diag_list_free(&r->settings_problems);
        config_free(&r->config);
    }
    free(w->roots);
    w->roots = NULL;
    w->nroots = w->caproots = 0;
}

void workspace_free(workspace_t *w) {
    free_roots(w);
    config_free(&w->fallback);
    free(w->client_settings);
    for (size_t i = 0; i < w->nplans; i++) free_scanned(&w->plans[i]);
    free(w->plans);
    for (size_t i = 0; i < w->nfiles; i++) {
        free(w->files[i].root);
        file_index_free(w->files[i].index);
    }
    free(w->files);
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

int workspace_add_folder(workspace_t *w, const char *uri) {
    char *path = uri_to_path(uri);
    if (!path) return 0;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') path[--n] = '\0';
    for (size_t i = 0; i < w->nroots; i++)
        if (strcmp(w->roots[i].path, path) == 0) {
            free(path);
            return 0;
        }
    char *file = io_path_join(path, SETTINGS_FILE);
    char *settings_uri = file ? uri_from_path(file) : NULL;
    char *own_uri = strdup(uri);
    free(file);
    if (!settings_uri || !own_uri || VEC_RESERVE(w->roots, w->caproots, w->nroots + 1) < 0) {
        free(path);
        free(settings_uri);
        free(own_uri);
        return PL_ENOMEM;
    }
    root_t *root = &w->roots[w->nroots++];
    memset(root, 0, sizeof *root);
    root->path = path;
    root->uri = own_uri;
    root->settings_uri = settings_uri;
    config_init(&root->config);
    diag_list_init(&root->settings_problems);
    return 0;
}

int workspace_set_client_settings(workspace_t *w, const char *json) {
    char *copy = json ? strdup(json) : NULL;
    if (json && !copy) return PL_ENOMEM;
    free(w->client_settings);
    w->client_settings = copy;
    return 0;
}

/* Keeps the problems of a folder's .planls.json (with the file's text, for
 * their positions) and says whether the client must be told. */
static void keep_settings_problems(root_t *r, diag_list_t *problems, uri_list_t *changed) {
    text_free(&r->settings_text);
    diag_list_free(&r->settings_problems);
    r->settings_problems = *problems;
    diag_list_init(problems);
    if (!r->settings_problems.n && !r->settings_published) return;
    if (r->settings_problems.n && settings_file_text(r->path, &r->settings_text) < 0) return;
    changed_add(changed, r->settings_uri);
    r->settings_published = r->settings_problems.n > 0;
}

void workspace_reload(workspace_t *w, store_t *docs, uri_list_t *changed, char **client_errors) {
    strbuf_t errs = {0};
    config_free(&w->fallback);
    config_init(&w->fallback);
    settings_apply_text(&w->fallback, w->client_settings, &errs);
    for (size_t i = 0; i < w->nroots; i++) {
        root_t *r = &w->roots[i];
        config_free(&r->config);
        config_init(&r->config);
        diag_list_t problems;
        diag_list_init(&problems);
        settings_load_root(&r->config, r->path, &problems);
        /* The client's settings win over the repository's file. */
        settings_apply_text(&r->config, w->client_settings, &errs);
        keep_settings_problems(r, &problems, changed);
        diag_list_free(&problems);
    }
    char *msg = sb_take(&errs);
    if (msg && !msg[0]) {
        free(msg);
        msg = NULL;
    }
    *client_errors = msg;
    for (size_t i = 0; i < docs->n; i++) {
        doc_t *d = docs->docs[i];
        const char *root;
        const config_t *cfg = workspace_config_for(w, d->path, &root);
        doc_configure(d, cfg, root);
    }
}

/* ---- closed plans ---------------------------------------------------------- */

static scanned_t *find_scanned(const workspace_t *w, const char *uri) {
    for (size_t i = 0; i < w->nplans; i++)
        if (strcmp(w->plans[i].uri, uri) == 0) return &w->plans[i];
    return NULL;
}

static void forget_scanned(workspace_t *w, scanned_t *p) {
    free_scanned(p);
    *p = w->plans[--w->nplans];
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
static int check_closed_file(workspace_t *w, const char *path, const char *uri, const config_t *cfg, const char *root,
                             int64_t now, uri_list_t *changed, int was_published, const diag_list_t *before);

static int check_closed(workspace_t *w, const char *path, const char *uri, int64_t now, uri_list_t *changed) {
    const char *root;
    const config_t *cfg = workspace_config_for(w, path, &root);
    scanned_t *old = find_scanned(w, uri);
    int was_published = old && old->published_nonempty;
    /* What the client was sent, to send nothing when a check again (the
     * file index became ready) finds the same. */
    diag_list_t before;
    diag_list_init(&before);
    if (old) {
        before = old->diags;
        diag_list_init(&old->diags);
        forget_scanned(w, old);
    }
    int rc = check_closed_file(w, path, uri, cfg, root, now, changed, was_published, &before);
    diag_list_free(&before);
    return rc;
}

/* Do two lists say the same (codes, spans, messages)? */
static int same_diags(const diag_list_t *a, const diag_list_t *b) {
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].start != b->items[i].start || a->items[i].end != b->items[i].end ||
            a->items[i].rule != b->items[i].rule || a->items[i].severity != b->items[i].severity ||
            strcmp(a->items[i].message, b->items[i].message) != 0)
            return 0;
    return 1;
}

static int check_closed_file(workspace_t *w, const char *path, const char *uri, const config_t *cfg, const char *root,
                             int64_t now, uri_list_t *changed, int was_published, const diag_list_t *before) {
    if (!cfg->workspace_diagnostics) return 0;
    /* Only what lies inside its workspace folder, once links are resolved:
     * a URI or a link must not make the server read the rest of the disk. */
    char *inside = root ? io_resolve_inside(root, path) : NULL;
    if (!inside) {
        if (was_published) changed_add(changed, uri);
        return 0;
    }
    disk_plan_t dp;
    const char *files_root;
    const path_lookup_t *paths = workspace_files_lookup(w, inside, &files_root);
    int rc = disk_plan_load(&dp, inside, SCAN_MAX_FILE, cfg, root, paths, 0, now);
    free(inside);
    if (rc < 0 || !dp.is_plan) {
        if (was_published) changed_add(changed, uri);
        disk_plan_free(&dp);
        return 0;
    }
    int report =
        (dp.diags.n > 0 || was_published) && !(w->scan_changes_only && was_published && same_diags(&dp.diags, before));
    if (VEC_RESERVE(w->plans, w->capplans, w->nplans + 1) == 0) {
        scanned_t *e = &w->plans[w->nplans++];
        memset(e, 0, sizeof *e);
        e->uri = strdup(uri);
        e->path = strdup(path);
        index_headings(e, &dp.plan, &dp.text);
        e->published_nonempty = dp.diags.n > 0;
        e->summary = dp.summary;
        e->summary.title = NULL; /* it pointed into the text */
        for (size_t k = 0; k < dp.diags.n; k++) e->problems += dp.diags.items[k].severity <= SEV_WARNING;
        /* Kept for clients that pull workspace diagnostics, and for the push
         * that follows; a clean plan needs no text for an empty list. */
        e->diags = dp.diags;
        diag_list_init(&dp.diags);
        if (e->diags.n) {
            e->text = dp.text;
            memset(&dp.text, 0, sizeof dp.text);
        }
        if (!e->uri || !e->path) forget_scanned(w, e);
    }
    if (report) changed_add(changed, uri);
    disk_plan_free(&dp);
    return 1;
}

void workspace_file_changed(workspace_t *w, store_t *docs, const char *uri, int deleted, int64_t now,
                            uri_list_t *changed) {
    if (store_find(docs, uri)) return; /* the editor's text wins over the disk's */
    char *path = uri_to_path(uri);
    if (!path) return;
    scanned_t *old = find_scanned(w, uri);
    if (deleted) {
        if (old && old->published_nonempty) changed_add(changed, uri);
        if (old) forget_scanned(w, old);
    } else if (plan_path_is_markdown(path)) {
        check_closed(w, path, uri, now, changed);
    }
    free(path);
}

int workspace_wants_scan(const workspace_t *w) {
    int any = 0;
    for (size_t i = 0; i < w->nroots; i++) any |= w->roots[i].config.workspace_diagnostics;
    return any;
}

void workspace_scan(workspace_t *w, store_t *docs, int64_t now, uri_list_t *changed, scan_stats_t *stats) {
    memset(stats, 0, sizeof *stats);
    if (!workspace_wants_scan(w)) return;
    w->scanned = 1;
    for (size_t i = 0; i < w->nroots; i++) {
        root_t *r = &w->roots[i];
        if (!r->config.workspace_diagnostics) continue;
        walk_result_t found;
        if (walk_markdown(r->path, r->path, &r->config, SCAN_MAX_FILE, SCAN_MAX_FILES, SCAN_MAX_BYTES, &found) < 0)
            stats->unreadable++;
        stats->truncated += found.truncated != 0;
        stats->skipped += found.nskipped;
        for (size_t k = 0; k < found.n; k++) {
            char *uri = uri_from_path(found.paths[k]);
            if (uri && !store_find(docs, uri))
                stats->plans += (size_t)check_closed(w, found.paths[k], uri, now, changed);
            free(uri);
        }
        stats->files += found.n;
        walk_result_free(&found);
    }
}

void workspace_recheck_known(workspace_t *w, store_t *docs, int64_t now, uri_list_t *changed) {
    /* check_closed reorders w->plans: walk a copy of the names. */
    uri_list_t uris = {0}, paths = {0};
    for (size_t i = 0; i < w->nplans; i++) {
        changed_add(&uris, w->plans[i].uri);
        changed_add(&paths, w->plans[i].path);
    }
    w->scan_changes_only = 1;
    for (size_t i = 0; i < uris.n && i < paths.n; i++)
        if (!store_find(docs, uris.uris[i])) check_closed(w, paths.uris[i], uris.uris[i], now, changed);
    w->scan_changes_only = 0;
    uri_list_free(&uris);
    uri_list_free(&paths);
}

int workspace_diagnostics_of(const workspace_t *w, const char *uri, const text_t **t, const diag_list_t **l) {
    static const diag_list_t none = {0};
    const scanned_t *e = find_scanned(w, uri);
    if (e) {
        *t = e->diags.n ? &e->text : NULL;
        *l = &e->diags;
        return 1;
    }
    for (size_t i = 0; i < w->nroots; i++)
        if (strcmp(w->roots[i].settings_uri, uri) == 0) {
            *t = w->roots[i].settings_problems.n ? &w->roots[i].settings_text : NULL;
            *l = &w->roots[i].settings_problems;
            return 1;
        }
    *t = NULL;
    *l = &none;
    return 0;
}

/* ---- file indexes ------------------------------------------------------- */

uri_list_t workspace_files_wanted(workspace_t *w) {
    uri_list_t out = {0};
    for (size_t i = 0; i < w->nroots; i++) {
        root_files_t *f = NULL;
        for (size_t k = 0; k < w->nfiles; k++)
            if (strcmp(w->files[k].root, w->roots[i].path) == 0) f = &w->files[k];
        if (f && (f->building || (f->index && !f->stale))) continue;
        if (!f) {
            if (VEC_RESERVE(w->files, w->capfiles, w->nfiles + 1) < 0) continue;
            f = &w->files[w->nfiles];
            memset(f, 0, sizeof *f);
            if (!(f->root = strdup(w->roots[i].path))) continue;
            w->nfiles++;
        }
        f->building = 1;
        f->stale = 0;
        changed_add(&out, f->root);
    }
    return out;
}

void workspace_files_stale(workspace_t *w) {
    for (size_t k = 0; k < w->nfiles; k++) w->files[k].stale = 1;
}

void workspace_files_ready(workspace_t *w, const char *root, file_index_t *ix) {
    for (size_t k = 0; k < w->nfiles; k++)
        if (strcmp(w->files[k].root, root) == 0) {
            if (ix) file_index_succeed(ix, w->files[k].index);
            file_index_free(w->files[k].index);
            w->files[k].index = ix;
            w->files[k].building = 0;
            return;
        }
    file_index_free(ix);
}

file_index_t *workspace_files_for(workspace_t *w, const char *path, const char **root) {
    root_files_t *best = NULL;
    size_t best_len = 0;
    for (size_t k = 0; path && k < w->nfiles; k++) {
        size_t n = strlen(w->files[k].root);
        if (w->files[k].index && n > best_len && io_path_is_under(w->files[k].root, path)) {
            best = &w->files[k];
            best_len = n;
        }
    }
    if (root) *root = best ? best->root : NULL;
    return best ? best->index : NULL;
}

const path_lookup_t *workspace_files_lookup(workspace_t *w, const char *path, const char **root) {
    file_index_t *ix = workspace_files_for(w, path, root);
    if (!ix) return NULL;
    for (size_t k = 0; k < w->nfiles; k++)
        if (w->files[k].index == ix) {
            file_index_lookup(ix, &w->files[k].lookup);
            return &w->files[k].lookup;
        }
    return NULL;
}
