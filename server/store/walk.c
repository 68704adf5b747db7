/* walk.c: the Markdown files of a tree. */
/* realpath() is XSI; d_type (an entry's type without a stat) is glibc's and
 * the BSDs'. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "io.h"
#include "plan_paths.h"
#include "vec.h"

/* Lines of a .gitignore read; real ones have tens. */
#define GITIGNORE_MAX_LINES 1000

/* One .gitignore line. */
typedef struct {
    char *glob;   /* owned; without its '!', leading '/' and trailing '/' */
    int anchored; /* it had a '/' before its end: matched from the root */
    int negated;  /* "!glob": takes back what an earlier line ignored */
} ignore_line_t;

typedef struct {
    ignore_line_t *lines;
    size_t n, cap;
    const char *root;
    walk_visit_fn visit;
    void *ctx;
    int stopped;
} walker_t;

/* walk_markdown's state. */
typedef struct {
    const char *root;
    const config_t *config; /* the plan globs, which say which hidden folders to enter */
    size_t max_file, max_files, max_bytes, bytes;
    walk_result_t *out;
} md_walk_t;

static void load_gitignore(walker_t *w) {
    if (!w->root) return;
    size_t len;
    char *path = io_path_join(w->root, ".gitignore");
    char *text = path ? io_read_inside(w->root, path, 1 << 20, &len) : NULL;
    free(path);
    if (!text) return;
    char *start = strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3 : text; /* a byte-order mark */
    /* strtok_r: the file index walks on a worker thread while the loop may walk too. */
    char *save = NULL;
    for (char *line = strtok_r(start, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t k = strlen(line);
        while (k && (line[k - 1] == '\r' || line[k - 1] == ' ' || line[k - 1] == '/')) line[--k] = '\0';
        if (!k || line[0] == '#') continue;
        int negated = line[0] == '!';
        line += negated;
        int anchored = strchr(line, '/') != NULL;
        if (line[0] == '/') line++;
        /* Each line is matched against every entry: a hostile file gets a bound. */
        if (w->n >= GITIGNORE_MAX_LINES) break;
        if (!line[0] || VEC_RESERVE(w->lines, w->cap, w->n + 1) < 0) continue;
        w->lines[w->n] = (ignore_line_t){strdup(line), anchored, negated};
        if (w->lines[w->n].glob) w->n++;
    }
    free(text);
}

/* A line without '/' names a file or folder anywhere; one with '/' is
 * anchored at the root. The last line that matches decides, as in git.
 * abs is the entry's absolute path. */
static int ignored(const walker_t *w, const char *abs, const char *name) {
    const char *rel = NULL;
    size_t n = w->root ? strlen(w->root) : 0;
    if (n && strncmp(abs, w->root, n) == 0 && abs[n] == '/') rel = abs + n + 1;
    int ignore = 0;
    for (size_t i = 0; i < w->n; i++) {
        const ignore_line_t *l = &w->lines[i];
        if (l->anchored ? rel && config_glob_match(l->glob, rel) : config_glob_match(l->glob, name))
            ignore = !l->negated;
    }
    return ignore;
}

/* Never plans, never cited as files of the repository: its own store,
 * packages, build output. */
static int skip_dir(const char *name) {
    return strcmp(name, ".git") == 0 || strcmp(name, "node_modules") == 0 || strncmp(name, "build", 5) == 0;
}

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

enum { TYPE_FILE, TYPE_DIR, TYPE_OTHER };

/* A regular file, a folder, or anything else (links are not followed),
 * from readdir's type when it tells (no stat per entry: a large repository
 * has 100,000 of them), else from lstat. -1 with errno when lstat fails. */
static int entry_type(const struct dirent *e, const char *path) {
#ifdef _DIRENT_HAVE_D_TYPE
    if (e->d_type == DT_REG) return TYPE_FILE;
    if (e->d_type == DT_DIR) return TYPE_DIR;
    if (e->d_type != DT_UNKNOWN) return TYPE_OTHER;
#else
    (void)e;
#endif
    struct stat st;
    if (lstat(path, &st) < 0) return -1;
    return S_ISREG(st.st_mode) ? TYPE_FILE : S_ISDIR(st.st_mode) ? TYPE_DIR : TYPE_OTHER;
}

/* dir is the path as reported, abs the same folder's absolute path;
 * in_hidden says a folder between the walk's start and dir is hidden.
 * Returns -1 with errno set when dir cannot be read. */
static int walk(walker_t *w, const char *dir, const char *abs, int in_hidden) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while (!w->stopped && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *path = io_path_join(dir, e->d_name), *entry = io_path_join(abs, e->d_name);
        if (!path || !entry) {
            free(path);
            free(entry);
            break;
        }
        walk_entry_t we = {path, entry, e->d_name, WALK_FILE, 0, in_hidden, 0};
        int rc = 1, type = entry_type(e, path);
        if (type < 0) {
            /* Gone since readdir is no news; anything else is said. */
            we.kind = WALK_UNREADABLE;
            we.err = errno;
            rc = errno == ENOENT ? 1 : w->visit(w->ctx, &we);
        } else if (type != TYPE_OTHER) {
            we.is_dir = type == TYPE_DIR;
            if (ignored(w, entry, e->d_name) || (we.is_dir && skip_dir(e->d_name))) {
                we.kind = WALK_SKIPPED; /* what .gitignore names, and the folders above */
                rc = w->visit(w->ctx, &we);
            } else if (we.is_dir) {
                we.kind = WALK_DIR;
                rc = w->visit(w->ctx, &we);
                if (rc > 0 && walk(w, path, entry, in_hidden || e->d_name[0] == '.') < 0) {
                    walk_entry_t bad = {path, entry, e->d_name, WALK_UNREADABLE, 1, in_hidden, errno};
                    rc = w->visit(w->ctx, &bad);
                }
            } else {
                rc = w->visit(w->ctx, &we);
            }
        }
        if (rc < 0) w->stopped = 1;
        free(path);
        free(entry);
    }
    closedir(d);
    return 0;
}

int walk_tree(const char *dir, const char *root, walk_visit_fn visit, void *ctx) {
    /* Globs and .gitignore lines name paths from the root, which is
     * absolute: the walk matches the absolute path of what it finds. */
    char abs[PATH_MAX], real_root[PATH_MAX];
    if (!realpath(dir, abs)) return -1;
    if (root && realpath(root, real_root)) root = real_root;
    walker_t w = {NULL, 0, 0, root, visit, ctx, 0};
    load_gitignore(&w);
    int rc = walk(&w, dir, abs, 0);
    int err = errno;
    for (size_t i = 0; i < w.n; i++) free(w.lines[i].glob);
    free(w.lines);
    errno = err;
    return rc;
}

struct walk_ignore_s {
    walker_t w;
    char root[PATH_MAX];
};

walk_ignore_t *walk_ignore_load(const char *root) {
    walk_ignore_t *ig = calloc(1, sizeof *ig);
    if (!ig) return NULL;
    if (!realpath(root, ig->root)) snprintf(ig->root, sizeof ig->root, "%s", root);
    ig->w.root = ig->root;
    load_gitignore(&ig->w);
    return ig;
}

int walk_ignore_match(const walk_ignore_t *ig, const char *rel) {
    if (!ig) return 0;
    char abs[PATH_MAX];
    if (snprintf(abs, sizeof abs, "%s/%s", ig->root, rel) >= (int)sizeof abs) return 0;
    /* The path or any folder on its way: git ignores what is below an ignored folder. */
    size_t base = strlen(ig->root) + 1;
    for (size_t k = base; abs[k]; k++) {
        if (abs[k] != '/' && abs[k + 1] != '\0') continue;
        size_t end = abs[k] == '/' ? k : k + 1;
        char save = abs[end];
        abs[end] = '\0';
        const char *name = strrchr(abs, '/') + 1;
        int hit = skip_dir(name) || ignored(&ig->w, abs, name);
        abs[end] = save;
        if (hit) return 1;
    }
    return 0;
}

void walk_ignore_free(walk_ignore_t *ig) {
    if (!ig) return;
    for (size_t i = 0; i < ig->w.n; i++) free(ig->w.lines[i].glob);
    free(ig->w.lines);
    free(ig);
}

static void add(walk_result_t *r, const char *path) {
    if (VEC_RESERVE(r->paths, r->cap, r->n + 1) < 0) return;
    r->paths[r->n] = strdup(path);
    if (r->paths[r->n]) r->n++;
}

/* Out of memory drops the note: the walk itself goes on. */
static void note_skipped(walk_result_t *r, const char *path, const char *why) {
    size_t n = strlen(path) + strlen(why) + sizeof ": skipped: ";
    char *note = malloc(n);
    if (!note || VEC_RESERVE(r->skipped, r->capskipped, r->nskipped + 1) < 0) {
        free(note);
        return;
    }
    snprintf(note, n, "%s: skipped: %s", path, why);
    r->skipped[r->nskipped++] = note;
}

/* A folder in or under a hidden one (.agent, .cache, .venv...) is entered
 * only when a plan glob can match a file below it: tools keep thousands of
 * Markdown files of their own there, and the walk's limits must go to plans. */
static int md_visit(void *ctx, const walk_entry_t *e) {
    md_walk_t *m = ctx;
    switch (e->kind) {
    case WALK_SKIPPED: return 1;
    case WALK_UNREADABLE: note_skipped(m->out, e->path, strerror(e->err)); return 1;
    case WALK_DIR:
        return (!e->in_hidden && e->name[0] != '.') || config_plan_globs_reach(m->config, m->root, e->abs) ? 1 : 0;
    case WALK_FILE: {
        if (!plan_path_is_markdown(e->path)) return 1;
        struct stat st;
        if (lstat(e->path, &st) < 0 || !S_ISREG(st.st_mode)) return 1; /* gone, or changed since readdir */
        size_t size = (size_t)st.st_size;
        /* One huge file must not hide the plans after it. */
        if (size > m->max_file) {
            char why[64];
            snprintf(why, sizeof why, "larger than %zu MiB", m->max_file >> 20);
            note_skipped(m->out, e->path, why);
        } else if (m->out->n >= m->max_files || m->bytes + size > m->max_bytes) {
            m->out->truncated = 1;
            return -1;
        } else {
            m->bytes += size;
            add(m->out, e->path);
        }
        return 1;
    }
    }
    return 1;
}

int walk_markdown(const char *dir, const char *root, const config_t *cfg, size_t max_file, size_t max_files,
                  size_t max_bytes, walk_result_t *out) {
    memset(out, 0, sizeof *out);
    char real_root[PATH_MAX];
    if (root && realpath(root, real_root)) root = real_root;
    md_walk_t m = {root, cfg, max_file, max_files, max_bytes, 0, out};
    int rc = walk_tree(dir, root, md_visit, &m);
    int err = errno;
    if (out->n > 1) qsort(out->paths, out->n, sizeof *out->paths, compare);
    errno = err;
    return rc;
}

void walk_result_free(walk_result_t *r) {
    for (size_t i = 0; i < r->n; i++) free(r->paths[i]);
    free(r->paths);
    for (size_t i = 0; i < r->nskipped; i++) free(r->skipped[i]);
    free(r->skipped);
    memset(r, 0, sizeof *r);
}
