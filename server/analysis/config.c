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

/* How a glob compares: git's way for .gitignore (exact case, wildcards
 * match hidden names); the plan globs' way (ASCII case-insensitive, as on the
 * case-insensitive file systems teams share plans from; wildcards never match
 * a name that starts with a dot, as in shells, so a glob reaches into a hidden
 * folder only by spelling its name); and "below": the path is a folder, and
 * the question is whether a file somewhere below it can match. */
enum { GLOB_FOLD = 1, GLOB_NO_HIDDEN = 2, GLOB_BELOW = 4, GLOB_PLAN = GLOB_FOLD | GLOB_NO_HIDDEN };

static int name_starts(const char *start, const char *p) { return p == start || p[-1] == '/'; }

static int hidden_at(const char *start, const char *p, int flags) {
    return (flags & GLOB_NO_HIDDEN) && *p == '.' && name_starts(start, p);
}

static int glob_match(const char *pat, const char *path, const char *start, int flags) {
    while (*pat) {
        /* The whole folder matched; the rest of the pattern names what is below it. */
        if ((flags & GLOB_BELOW) && !*path) return 1;
        if (pat[0] == '*' && pat[1] == '*') {
            pat += 2;
            if (*pat == '/') pat++;
            /* "**" matches any run of whole folders, including none; at the
             * end of a pattern, anything at any depth. */
            for (const char *p = path;; p++) {
                if ((name_starts(start, p) || !*p) && glob_match(pat, p, start, flags)) return 1;
                if (!*p || hidden_at(start, p, flags)) return 0;
            }
        }
        if (*pat == '*') {
            if (hidden_at(start, path, flags)) return 0;
            for (const char *p = path;; p++) {
                if (glob_match(pat + 1, p, start, flags)) return 1;
                if (!*p || *p == '/') return 0;
            }
        }
        if (!*path) return 0;
        if (*pat == '?') {
            if (*path == '/' || hidden_at(start, path, flags)) return 0;
        } else if (*pat != *path && (!(flags & GLOB_FOLD) || ascii_lower(*pat) != ascii_lower(*path))) {
            return 0;
        }
        pat++;
        path++;
    }
    return *path == '\0';
}

int config_glob_match(const char *pat, const char *path) { return glob_match(pat, path, path, 0); }

int config_plan_glob_match(const char *pat, const char *path) { return glob_match(pat, path, path, GLOB_PLAN); }

const char *const config_default_globs[] = {
    "**/execplans/**/*.md",
    "**/exec-plans/**/*.md",
    "**/plans/**/*.md",
    "**/*.plan.md",
    /* Wildcards skip hidden folders, so the agent folders are named. */
    "**/.agent/execplans/**/*.md",
    "**/.agent/exec-plans/**/*.md",
    "**/.agent/plans/**/*.md",
    "**/.agents/execplans/**/*.md",
    "**/.agents/exec-plans/**/*.md",
    "**/.agents/plans/**/*.md",
    NULL,
};

/* path relative to root, or NULL when it lies outside; the path itself when
 * there is no root. Borrowed from path. */
static const char *relative_to(const char *root, const char *path) {
    size_t n = root ? strlen(root) : 0;
    if (!n) return path;
    if (strncmp(path, root, n) != 0) return NULL;
    if (path[n] == '/') return path + n + 1;
    return root[n - 1] == '/' ? path + n : NULL;
}

/* Does a plan glob match path (absolute), or with GLOB_BELOW a file below the
 * folder path (which ends in '/')? Relative globs see the path from root. */
static int any_glob(const config_t *c, const char *root, const char *path, int flags) {
    const char *rel = relative_to(root, path);
    const char *const *globs = c && c->globs ? (const char *const *)c->globs : config_default_globs;
    size_t n = c && c->globs ? c->nglobs : sizeof config_default_globs / sizeof *config_default_globs - 1;
    for (size_t i = 0; i < n; i++) {
        const char *g = globs[i], *against = g[0] == '/' ? path : rel;
        if (against && glob_match(g, against, against, GLOB_PLAN | flags)) return 1;
    }
    return 0;
}

/* An index kept in a plan folder (README.md, index.md, any case) is no plan
 * by its path; its content may still say it is one. */
static int is_index_name(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static const char *const names[] = {"readme.md", "index.md"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_equal_ci(base, strlen(base), names[i], strlen(names[i]))) return 1;
    return 0;
}

int config_is_template_path(const char *path) {
    if (!path) return 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (ascii_has_ci(base, strlen(base), "template")) return 1;
    /* A folder of templates: "templates/", "_templates/", "template/". */
    for (const char *p = path; (p = strchr(p, '/')) != NULL; p++) {
        const char *dir = p + 1, *end = strchr(dir, '/');
        if (!end) break;
        size_t n = (size_t)(end - dir);
        while (n && (*dir == '_' || *dir == '.')) dir++, n--;
        if (ascii_equal_ci(dir, n, "templates", 9) || ascii_equal_ci(dir, n, "template", 8)) return 1;
    }
    return 0;
}

int config_is_plan_path(const config_t *c, const char *root, const char *path) {
    if (!path || !plan_path_is_markdown(path) || is_index_name(path) || config_is_template_path(path)) return 0;
    return any_glob(c, root, path, 0);
}

int config_plan_globs_reach(const config_t *c, const char *root, const char *dir) {
    size_t n = dir ? strlen(dir) : 0;
    char *folder = malloc(n + 2);
    if (!folder) return 1; /* out of memory: look rather than miss a plan */
    memcpy(folder, dir, n);
    folder[n] = '/';
    folder[n + 1] = '\0';
    if (n && dir[n - 1] == '/') folder[n] = '\0';
    int reach = any_glob(c, root, folder, GLOB_BELOW);
    free(folder);
    return reach;
}
