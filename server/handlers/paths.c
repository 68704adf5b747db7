/* paths.c: the repository paths a plan names (path_refs.h) as LSP: the file
 * index built off the loop and kept current by watched files, definition,
 * documentLink, hover and completion on a path, and willRenameFiles. The
 * index is never waited for: until it is ready these answer with nothing. */
/* lstat() is POSIX; realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "disk_plan.h"
#include "err.h"
#include "handlers.h"
#include "io.h"
#include "log.h"
#include "lsp.h"
#include "rules.h"
#include "uri.h"

/* CompletionItemKind. */
enum { COMPLETION_KIND_FILE = 17, COMPLETION_KIND_FOLDER = 19 };

/* Completion offers at most this many names of one folder. */
#define PATHS_COMPLETE_MAX 500

/* ---- the index ---------------------------------------------------------- */

typedef struct {
    ctx_t *c;
    char *root; /* owned */
    file_index_t *ix;
    double ms;
} build_job_t;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Off the loop: touches nothing but the job. */
static void build_work(void *arg) {
    build_job_t *j = arg;
    double t0 = now_ms();
    j->ix = file_index_build(j->root);
    j->ms = now_ms() - t0;
}

/* The open plans below root that name a path are checked again (the
 * others' diagnostics cannot change). */
static void mark_docs_under(ctx_t *c, const char *root) {
    for (size_t i = 0; i < c->docs->n; i++) {
        doc_t *d = c->docs->docs[i];
        if (!d->path || !io_path_is_under(root, d->path) || !doc_is_plan(d)) continue;
        path_ref_list_t refs = {0};
        if (rules_plan_paths(&d->plan, &d->text, &refs) < 0 || refs.n) d->needs_publish = 1;
        path_ref_list_free(&refs);
    }
}

static void build_done(void *arg) {
    build_job_t *j = arg;
    ctx_t *c = j->c;
    if (j->ix)
        log_info("file index of %s: %zu entries, %zu KiB, built in %.0f ms", j->root, file_index_count(j->ix),
                 file_index_memory(j->ix) >> 10, j->ms);
    else
        log_error("out of memory indexing the files of %s", j->root);
    workspace_files_ready(c->workspace, j->root, j->ix);
    if (session_finished(c->session)) {
        free(j->root);
        free(j);
        return;
    }
    mark_docs_under(c, j->root);
    diagnostics_publish_pending(c);
    workspace_rescan(c);
    /* A pull client asks again when told: its plans' paths are checked now. */
    if (c->caps.pull_diagnostics && c->caps.diagnostic_refresh)
        session_request(c->session, "workspace/diagnostic/refresh", NULL, NULL, NULL);
    free(j->root);
    free(j);
}

void paths_start(ctx_t *c) {
    uri_list_t wanted = workspace_files_wanted(c->workspace);
    for (size_t i = 0; i < wanted.n; i++) {
        build_job_t *j = calloc(1, sizeof *j);
        if (!j) {
            workspace_files_ready(c->workspace, wanted.uris[i], NULL);
            continue;
        }
        j->c = c;
        j->root = wanted.uris[i];
        wanted.uris[i] = NULL;
        if (c->offload) {
            c->offload(c->offload_host, build_work, build_done, j);
        } else {
            build_work(j);
            build_done(j);
        }
    }
    uri_list_free(&wanted);
}

void paths_file_event(ctx_t *c, const char *uri, int type) {
    char *path = uri_to_path(uri);
    const char *root;
    file_index_t *ix = path ? workspace_files_for(c->workspace, path, &root) : NULL;
    if (ix && type != LSP_FILE_CHANGED) {
        const char *rel = path + strlen(root);
        while (*rel == '/') rel++;
        unsigned long g = file_index_generation(ix);
        struct stat st;
        if (type == LSP_FILE_DELETED)
            file_index_remove(ix, rel);
        else if (lstat(path, &st) == 0 && file_index_add(ix, rel, S_ISDIR(st.st_mode)) < 0)
            log_error("out of memory adding %s to the file index", rel);
        if (file_index_generation(ix) != g) mark_docs_under(c, root);
    }
    free(path);
}

/* ---- a path in a document ---------------------------------------------- */

typedef struct {
    path_ref_list_t refs;
    const path_lookup_t *lk;
    const char *root; /* borrowed from the workspace */
} doc_refs_t;

static int doc_refs(ctx_t *c, doc_t *d, doc_refs_t *r) {
    memset(r, 0, sizeof *r);
    r->lk = doc_paths(c, d, &r->root);
    if (!r->lk) return 0;
    return rules_plan_paths(&d->plan, &d->text, &r->refs) < 0 ? PL_ENOMEM : 0;
}

/* The ref whose span (with its suffix) holds off, or NULL. */
static const path_ref_t *ref_at(const doc_refs_t *r, size_t off) {
    for (size_t i = 0; i < r->refs.n; i++)
        if (r->refs.items[i].start <= off && off <= r->refs.items[i].full_end) return &r->refs.items[i];
    return NULL;
}

/* The existing file or folder ref names, as root-relative path (owned). */
static char *resolve(const doc_refs_t *r, doc_t *d, const path_ref_t *ref, path_kind_t *kind) {
    char *rel;
    *kind = path_refs_resolve(r->lk, d->plan_dir, ref->path, &rel);
    if (*kind != PATH_FILE && *kind != PATH_DIR) {
        free(rel);
        return NULL;
    }
    return rel;
}

static char *uri_of(const char *root, const char *rel) {
    char *abs = rel[0] ? io_path_join(root, rel) : strdup(root);
    char *uri = abs ? uri_from_path(abs) : NULL;
    free(abs);
    return uri;
}

static int handle_definition(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    size_t off;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0 || (rc = offset_from_request(c, m, d, out, &off)) < 0) return rc;
    doc_refs_t r;
    if ((rc = doc_refs(c, d, &r)) < 0) return rc;
    const path_ref_t *ref = ref_at(&r, off);
    path_kind_t kind;
    char *rel = ref ? resolve(&r, d, ref, &kind) : NULL;
    char *uri = rel && kind == PATH_FILE ? uri_of(r.root, rel) : NULL;
    if (uri) {
        long line = ref->line > 0 ? ref->line - 1 : 0;
        rc = reply_json(out,
                        json_pack("{s:s,s:{s:{s:I,s:i},s:{s:I,s:i}}}", "uri", uri, "range", "start", "line",
                                  (json_int_t)line, "character", 0, "end", "line", (json_int_t)line, "character", 0));
    }
    free(uri);
    free(rel);
    path_ref_list_free(&r.refs);
    return rc;
}

static int handle_document_link(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    json_t *links = json_array();
    doc_refs_t r;
    if (!links || (rc = doc_refs(c, d, &r)) < 0) {
        json_decref(links);
        return PL_ENOMEM;
    }
    for (size_t i = 0; i < r.refs.n; i++) {
        const path_ref_t *ref = &r.refs.items[i];
        path_kind_t kind;
        char *rel = resolve(&r, d, ref, &kind);
        char *uri = rel ? uri_of(r.root, rel) : NULL;
        if (uri) {
            char target[32] = "";
            if (ref->line > 0) snprintf(target, sizeof target, "#L%ld", ref->line);
            json_array_append_new(links,
                                  json_pack("{s:o,s:s+,s:s+}", "range",
                                            lsp_range_json(&d->text, c->enc, ref->start, ref->full_end), "target", uri,
                                            target, "tooltip", rel, kind == PATH_DIR ? " (folder)" : ""));
        }
        free(uri);
        free(rel);
    }
    path_ref_list_free(&r.refs);
    return reply_json(out, links);
}

char *paths_hover(ctx_t *c, doc_t *d, size_t off, size_t *start, size_t *end) {
    doc_refs_t r;
    if (doc_refs(c, d, &r) < 0) return NULL;
    const path_ref_t *ref = ref_at(&r, off);
    char *text = NULL;
    if (ref) {
        path_kind_t kind;
        char *rel = resolve(&r, d, ref, &kind);
        char *abs = rel ? io_path_join(r.root, rel) : NULL;
        struct stat st;
        strbuf_t b = {0};
        if (abs && lstat(abs, &st) == 0) {
            const file_index_t *ix = r.lk->ctx;
            int tracked = file_index_tracked(ix, rel);
            sb_printf(&b, "`%s`: %s", rel, kind == PATH_DIR ? "folder" : "file");
            if (kind == PATH_FILE) sb_printf(&b, ", %lld bytes", (long long)st.st_size);
            if (tracked >= 0) sb_add(&b, tracked ? ", tracked by git" : ", not tracked by git");
            if (ref->line > 0) sb_printf(&b, " (line %ld)", ref->line);
        } else if (!rel) {
            char *near = rules_path_nearest(&d->plan, ref->path);
            sb_printf(&b, "`%s`: not in the repository", ref->path);
            if (near) sb_printf(&b, "; the nearest file is `%s`", near);
            free(near);
        }
        text = sb_take(&b);
        *start = ref->start;
        *end = ref->full_end;
        free(abs);
        free(rel);
    }
    path_ref_list_free(&r.refs);
    return text;
}

/* ---- completion ---------------------------------------------------------- */

/* Where the path being typed at off starts, when off is inside a code span
 * (an odd count of backticks before it on its line) or a link target ("](");
 * SIZE_MAX otherwise. */
static size_t typed_path_start(const text_t *t, size_t off) {
    size_t ls = text_line_start(t, text_line_of(t, off));
    size_t tick = SIZE_MAX, ticks = 0;
    for (size_t i = ls; i < off; i++) {
        if (t->data[i] == '\\') {
            i++;
            continue;
        }
        if (t->data[i] == '`') {
            ticks++;
            tick = i + 1;
        }
    }
    size_t at = SIZE_MAX;
    if (ticks % 2 == 1) at = tick;
    for (size_t i = off; i >= ls + 2 && at == SIZE_MAX; i--) {
        char ch = t->data[i - 1];
        if (ch == ' ' || ch == ')' || ch == '`') break;
        if (ch == '(' && t->data[i - 2] == ']') at = i;
    }
    if (at == SIZE_MAX) return SIZE_MAX;
    for (size_t i = at; i < off; i++)
        if (t->data[i] == ' ' || t->data[i] == '\t') return SIZE_MAX; /* a command line or prose */
    return at;
}

typedef struct {
    ctx_t *c;
    doc_t *d;
    json_t *items;
    size_t from, to; /* the name being typed */
} complete_t;

static void add_child(void *ctx, const char *name, size_t len, int is_dir) {
    complete_t *k = ctx;
    char *text = malloc(len + 2);
    if (!text) return;
    memcpy(text, name, len);
    text[len] = is_dir ? '/' : '\0';
    text[len + 1] = '\0';
    json_t *item =
        json_pack("{s:s#,s:i,s:s,s:{s:o,s:s}}", "label", name, (int)len, "kind",
                  is_dir ? COMPLETION_KIND_FOLDER : COMPLETION_KIND_FILE, "detail", is_dir ? "folder" : "file",
                  "textEdit", "range", lsp_range_json(&k->d->text, k->c->enc, k->from, k->to), "newText", text);
    json_array_append_new(k->items, item);
    free(text);
}

int paths_complete(ctx_t *c, doc_t *d, size_t off, json_t *items) {
    size_t at = typed_path_start(&d->text, off);
    if (at == SIZE_MAX) return 0;
    const char *root;
    const path_lookup_t *lk = doc_paths(c, d, &root);
    if (!lk) return 1; /* inside a path, but no index yet: nothing, not the plan's words */
    size_t n = off - at, cut = n;
    const char *typed = d->text.data + at;
    while (cut > 0 && typed[cut - 1] != '/') cut--;
    char *dir_typed = malloc(cut + 1), *prefix = malloc(n - cut + 1);
    if (!dir_typed || !prefix) {
        free(dir_typed);
        free(prefix);
        return 1;
    }
    memcpy(dir_typed, typed, cut);
    dir_typed[cut] = '\0';
    memcpy(prefix, typed + cut, n - cut);
    prefix[n - cut] = '\0';
    /* "./" and "../" from the plan's folder; anything else from the root. */
    char *dir = path_refs_normalize(path_refs_is_local(dir_typed) ? d->plan_dir : NULL, dir_typed);
    complete_t k = {c, d, items, at + cut, off};
    if (dir && lk->kind(lk->ctx, dir) == PATH_DIR)
        file_index_children(lk->ctx, dir, prefix, PATHS_COMPLETE_MAX, add_child, &k);
    free(dir);
    free(dir_typed);
    free(prefix);
    return 1;
}

/* ---- willRenameFiles ----------------------------------------------------- */

/* to (root-relative) as the plan names it: from the root, or, when the plan
 * named the old one from its folder ("./", "../"), from its folder. Owned. */
static char *as_named(const char *named, const char *plan_dir, const char *to) {
    if (!path_refs_is_local(named)) return strdup(to);
    const char *dir = plan_dir ? plan_dir : "";
    size_t common = 0; /* bytes of to below the folders it shares with dir */
    const char *s = dir;
    while (*s) {
        size_t len = strcspn(s, "/");
        if (strncmp(to + common, s, len) != 0 || to[common + len] != '/') break;
        common += len + 1;
        s += len + (s[len] == '/');
    }
    size_t ups = 0;
    while (*s) {
        ups++;
        s += strcspn(s, "/");
        if (*s) s++;
    }
    strbuf_t b = {0};
    if (!ups) sb_add(&b, "./");
    for (size_t u = 0; u < ups; u++) sb_add(&b, "../");
    sb_add(&b, to + common);
    return sb_take(&b);
}

typedef struct {
    const char *from, *to; /* root-relative */
} rename_t;

/* Edits for one plan's text into te (a JSON array); returns how many. */
static size_t rename_edits(ctx_t *c, const plan_t *p, const text_t *t, const char *plan_dir, const path_lookup_t *lk,
                           const rename_t *rn, size_t nrn, json_t *te) {
    path_ref_list_t refs = {0};
    size_t count = 0;
    if (rules_plan_paths(p, t, &refs) < 0) return 0;
    for (size_t i = 0; i < refs.n; i++) {
        const path_ref_t *ref = &refs.items[i];
        char *rel;
        path_kind_t k = path_refs_resolve(lk, plan_dir, ref->path, &rel);
        for (size_t j = 0; rel && (k == PATH_FILE || k == PATH_DIR) && j < nrn; j++) {
            size_t fl = strlen(rn[j].from);
            if (strncmp(rel, rn[j].from, fl) != 0 || (rel[fl] && rel[fl] != '/')) continue;
            strbuf_t b = {0};
            sb_printf(&b, "%s%s", rn[j].to, rel + fl);
            char *moved = sb_take(&b);
            char *named = moved ? as_named(ref->path, plan_dir, moved) : NULL;
            if (named && ref->path[strlen(ref->path) - 1] == '/' && named[strlen(named) - 1] != '/') {
                strbuf_t nb = {0};
                sb_printf(&nb, "%s/", named);
                free(named);
                named = sb_take(&nb);
            }
            if (named) {
                json_array_append_new(te, json_pack("{s:o,s:s}", "range",
                                                    lsp_range_json(t, c->enc, ref->start, ref->end), "newText", named));
                count++;
            }
            free(moved);
            free(named);
            break;
        }
        free(rel);
    }
    path_ref_list_free(&refs);
    return count;
}

static void add_document_edits(ctx_t *c, json_t *changes, json_t *doc_changes, const char *uri, long long version,
                               json_t *te) {
    if (!json_array_size(te)) {
        json_decref(te);
        return;
    }
    if (c->caps.versioned_edits) {
        json_t *id = json_pack("{s:s}", "uri", uri);
        json_object_set_new(id, "version", version >= 0 ? json_integer(version) : json_null());
        json_array_append_new(doc_changes, json_pack("{s:o,s:o}", "textDocument", id, "edits", te));
    } else {
        json_object_set_new(changes, uri, te);
    }
}

/* A folder's URI may end with '/': its path then does too. */
static void trim_slashes(char *path) {
    size_t n = path ? strlen(path) : 0;
    while (n > 1 && path[n - 1] == '/') path[--n] = '\0';
}

static int handle_will_rename(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    json_t *files = json_object_get(m->params, "files");
    if (!json_is_array(files)) return reply_fail(out, PL_EINVAL, "params.files must be an array");
    rename_t rn[64];
    char *owned[128];
    size_t nrn = 0, nowned = 0;
    const char *root = NULL;
    const path_lookup_t *lk = NULL;
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f) {
        const char *ou, *nu;
        char err[LSP_ERR_MAX];
        if (lsp_get_uri(json_object_get(f, "oldUri"), "params.files[].oldUri", &ou, err) < 0 ||
            lsp_get_uri(json_object_get(f, "newUri"), "params.files[].newUri", &nu, err) < 0)
            return reply_fail(out, PL_EINVAL, "%s", err);
        char *op = uri_to_path(ou), *np = uri_to_path(nu);
        trim_slashes(op);
        trim_slashes(np);
        const char *r1 = NULL;
        const path_lookup_t *l1 = op ? workspace_files_lookup(c->workspace, op, &r1) : NULL;
        size_t rl = r1 ? strlen(r1) : 0;
        /* Both ends in one repository, whose index is ready. */
        if (l1 && nrn < 64 && np && io_path_is_under(r1, np) && (!root || strcmp(root, r1) == 0) && op[rl] == '/' &&
            np[rl] == '/') {
            root = r1;
            lk = l1;
            rn[nrn].from = op + rl + 1;
            rn[nrn].to = np + rl + 1;
            nrn++;
            owned[nowned++] = op;
            owned[nowned++] = np;
        } else {
            free(op);
            free(np);
        }
    }
    json_t *changes = json_object(), *doc_changes = json_array();
    for (size_t k = 0; nrn && k < c->docs->n; k++) {
        doc_t *d = c->docs->docs[k];
        if (!d->path || !io_path_is_under(root, d->path) || !doc_is_plan(d) || !doc_paths(c, d, NULL)) continue;
        json_t *te = json_array();
        rename_edits(c, &d->plan, &d->text, d->plan_dir, lk, rn, nrn, te);
        add_document_edits(c, changes, doc_changes, d->uri, d->version, te);
    }
    /* Closed plans, as the workspace scan found them, read again now. */
    workspace_t *w = c->workspace;
    for (size_t k = 0; nrn && k < w->nplans; k++) {
        const scanned_t *e = &w->plans[k];
        if (store_find(c->docs, e->uri) || !io_path_is_under(root, e->path)) continue;
        const char *froot;
        const config_t *cfg = workspace_config_for(w, e->path, &froot);
        char *inside = froot ? io_resolve_inside(froot, e->path) : NULL;
        disk_plan_t dp;
        if (inside && disk_plan_load(&dp, inside, SCAN_MAX_FILE, cfg, froot, lk, 0, ctx_now(c)) == 0 && dp.is_plan &&
            dp.plan_dir) {
            json_t *te = json_array();
            rename_edits(c, &dp.plan, &dp.text, dp.plan_dir, lk, rn, nrn, te);
            add_document_edits(c, changes, doc_changes, e->uri, -1, te);
        }
        if (inside) disk_plan_free(&dp);
        free(inside);
    }
    for (size_t k = 0; k < nowned; k++) free(owned[k]);
    if (!json_object_size(changes) && !json_array_size(doc_changes)) {
        json_decref(changes);
        json_decref(doc_changes);
        return 0; /* null: nothing to change */
    }
    if (c->caps.versioned_edits) {
        json_decref(changes);
        return reply_json(out, json_pack("{s:o}", "documentChanges", doc_changes));
    }
    json_decref(doc_changes);
    return reply_json(out, json_pack("{s:o}", "changes", changes));
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    json_t *ws = json_object_get(caps, "workspace");
    if (!ws) {
        ws = json_object();
        json_object_set_new(caps, "workspace", ws);
    }
    /* Renames of any file or folder: a plan may cite anything. */
    json_t *ops =
        json_pack("{s:{s:[{s:s,s:{s:s}}]}}", "willRename", "filters", "scheme", "file", "pattern", "glob", "**/*");
    if (json_object_set_new(caps, "definitionProvider", json_true()) < 0 ||
        json_object_set_new(caps, "documentLinkProvider", json_pack("{s:b}", "resolveProvider", 0)) < 0 ||
        json_object_set_new(ws, "fileOperations", ops) < 0)
        return PL_ENOMEM;
    return 0;
}

static const route_t routes[] = {
    {"textDocument/definition", handle_definition, ROUTE_REQUEST},
    {"textDocument/documentLink", handle_document_link, ROUTE_REQUEST},
    {"workspace/willRenameFiles", handle_will_rename, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t paths_area = {routes, capabilities};
