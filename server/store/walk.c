/* walk.c: the Markdown files of a tree. */
#include "walk.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "io.h"
#include "plan_paths.h"
#include "vec.h"

typedef struct {
    char **patterns; /* .gitignore lines, trailing '/' dropped */
    size_t n, cap;
    const char *root;
    size_t max_files, max_bytes, bytes;
    walk_result_t *out;
} walker_t;

static void load_gitignore(walker_t *w) {
    if (!w->root) return;
    size_t len;
    char *path = io_path_join(w->root, ".gitignore");
    char *text = path ? io_read_file(path, 1 << 20, &len) : NULL;
    free(path);
    if (!text) return;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t k = strlen(line);
        while (k && (line[k - 1] == '\r' || line[k - 1] == ' ' || line[k - 1] == '/')) line[--k] = '\0';
        if (!k || line[0] == '#' || line[0] == '!') continue;
        if (VEC_RESERVE(w->patterns, w->cap, w->n + 1) < 0) break;
        w->patterns[w->n] = strdup(line[0] == '/' ? line + 1 : line);
        if (w->patterns[w->n]) w->n++;
    }
    free(text);
}

/* A pattern without '/' names a file or folder anywhere; one with '/' is
 * anchored at the root. */
static int ignored(const walker_t *w, const char *path, const char *name) {
    const char *rel = NULL;
    size_t n = w->root ? strlen(w->root) : 0;
    if (n && strncmp(path, w->root, n) == 0 && path[n] == '/') rel = path + n + 1;
    for (size_t i = 0; i < w->n; i++) {
        if (strchr(w->patterns[i], '/') ? rel && config_glob_match(w->patterns[i], rel)
                                        : config_glob_match(w->patterns[i], name))
            return 1;
    }
    return 0;
}

static int skip_dir(const char *name) {
    return name[0] == '.' || strcmp(name, "node_modules") == 0 || strncmp(name, "build", 5) == 0;
}

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add(walker_t *w, const char *path) {
    walk_result_t *r = w->out;
    if (VEC_RESERVE(r->paths, r->cap, r->n + 1) < 0) return;
    r->paths[r->n] = strdup(path);
    if (r->paths[r->n]) r->n++;
}

static int walk(walker_t *w, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && !w->out->truncated) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *path = io_path_join(dir, e->d_name);
        if (!path) break;
        struct stat st;
        if (lstat(path, &st) == 0 && !ignored(w, path, e->d_name)) {
            if (S_ISDIR(st.st_mode) && !skip_dir(e->d_name)) {
                walk(w, path);
            } else if (S_ISREG(st.st_mode) && plan_path_is_markdown(path)) {
                if (w->out->n >= w->max_files || w->bytes + (size_t)st.st_size > w->max_bytes) {
                    w->out->truncated = 1;
                } else {
                    w->bytes += (size_t)st.st_size;
                    add(w, path);
                }
            }
        }
        free(path);
    }
    closedir(d);
    return 0;
}

int walk_markdown(const char *dir, const char *root, size_t max_files, size_t max_bytes, walk_result_t *out) {
    memset(out, 0, sizeof *out);
    walker_t w = {NULL, 0, 0, root, max_files, max_bytes, 0, out};
    load_gitignore(&w);
    int rc = walk(&w, dir);
    for (size_t i = 0; i < w.n; i++) free(w.patterns[i]);
    free(w.patterns);
    if (out->n > 1) qsort(out->paths, out->n, sizeof *out->paths, compare);
    return rc;
}

void walk_result_free(walk_result_t *r) {
    for (size_t i = 0; i < r->n; i++) free(r->paths[i]);
    free(r->paths);
    memset(r, 0, sizeof *r);
}
