/* config.c: settings as plain data, plan globs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "plan_paths.h"
#include "sections.h"

void config_init(config_t *c) {
    memset(c, 0, sizeof *c);
    c->dialect = -1;
    c->workspace_diagnostics = 1;
    for (int i = 0; i < RULE_COUNT; i++) c->severity[i] = -1;
}

void config_free(config_t *c) {
    for (size_t i = 0; i < c->nrequired; i++) free(c->required[i].name);
    free(c->required);
    for (size_t i = 0; i < c->nglobs; i++) free(c->globs[i]);
    free(c->globs);
    free(c->plans_dir);
    free(c->guide_path);
    config_init(c);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

int config_copy(config_t *dst, const config_t *src) {
    *dst = *src;
    dst->required = NULL;
    dst->globs = NULL;
    dst->nrequired = dst->nglobs = 0;
    dst->plans_dir = dup_or_null(src->plans_dir);
    dst->guide_path = dup_or_null(src->guide_path);
    if (src->required) {
        dst->required = calloc(src->nrequired, sizeof *dst->required);
        if (!dst->required) return -1;
        for (size_t i = 0; i < src->nrequired; i++) {
            dst->required[i].name = strdup(src->required[i].name);
            dst->required[i].id = src->required[i].id;
            dst->nrequired++;
            if (!dst->required[i].name) return -1;
        }
    }
    if (src->globs) {
        dst->globs = calloc(src->nglobs, sizeof *dst->globs);
        if (!dst->globs) return -1;
        for (size_t i = 0; i < src->nglobs; i++) {
            dst->globs[i] = strdup(src->globs[i]);
            dst->nglobs++;
            if (!dst->globs[i]) return -1;
        }
    }
    return 0;
}

int config_set_required(config_t *c, const char *const *names, size_t n) {
    for (size_t i = 0; i < c->nrequired; i++) free(c->required[i].name);
    free(c->required);
    c->required = calloc(n ? n : 1, sizeof *c->required);
    c->nrequired = 0;
    if (!c->required) return -1;
    for (size_t i = 0; i < n; i++) {
        section_id_t id;
        c->required[i].name = strdup(names[i]);
        if (!c->required[i].name) return -1;
        c->required[i].id = section_match(names[i], strlen(names[i]), &id) != SECTION_NO_MATCH ? (int)id : -1;
        c->nrequired++;
    }
    return 0;
}

int config_glob_match(const char *pat, const char *path) {
    while (*pat) {
        if (pat[0] == '*' && pat[1] == '*') {
            pat += 2;
            if (*pat == '/') pat++;
            /* "**" matches any run of whole directories, including none. */
            for (const char *p = path;; p++) {
                if ((p == path || p[-1] == '/') && config_glob_match(pat, p)) return 1;
                if (!*p) return 0;
            }
        }
        if (*pat == '*') {
            for (const char *p = path;; p++) {
                if (config_glob_match(pat + 1, p)) return 1;
                if (!*p || *p == '/') return 0;
            }
        }
        if (!*path) return 0;
        if (*pat != '?' && *pat != *path) return 0;
        if (*pat == '?' && *path == '/') return 0;
        pat++;
        path++;
    }
    return *path == '\0';
}

/* An index or a template kept in a plan folder (README.md, index.md,
 * TEMPLATE.md, any case) is no plan by its path; its content may still say it
 * is one. */
static int is_index_name(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static const char *const names[] = {"readme.md", "index.md", "template.md"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_equal_ci(base, strlen(base), names[i], strlen(names[i]))) return 1;
    return 0;
}

int config_is_plan_path(const config_t *c, const char *root, const char *path) {
    if (!path || is_index_name(path)) return 0;
    if (!c || !c->globs) return plan_path_matches(path);
    const char *rel = path;
    size_t n = root ? strlen(root) : 0;
    if (n && strncmp(path, root, n) == 0 && (path[n] == '/' || root[n - 1] == '/')) rel = path + n + (path[n] == '/');
    for (size_t i = 0; i < c->nglobs; i++) {
        const char *g = c->globs[i];
        if (config_glob_match(g, g[0] == '/' ? path : rel)) return 1;
    }
    return 0;
}
