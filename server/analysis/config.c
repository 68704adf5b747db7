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
    c->stale_after_days = 7;
    c->entry_age_hints = 1;
    for (int i = 0; i < RULE_COUNT; i++) c->severity[i] = -1;
}

void config_free(config_t *c) {
    for (size_t i = 0; i < c->nrequired; i++) free(c->required[i].name);
    free(c->required);
    for (size_t i = 0; i < c->nglobs; i++) free(c->globs[i]);
    free(c->globs);
    free(c->plans_dir);
    free(c->guide_path);
    config_set_folders(&c->active_folders, &c->nactive_folders, NULL, 0);
    config_set_folders(&c->completed_folders, &c->ncompleted_folders, NULL, 0);
    for (size_t i = 0; i < c->ncreate_words; i++) free(c->create_words[i]);
    free(c->create_words);
    config_init(c);
}

const char *const config_default_active_folders[] = {"active", "in-progress", "current", NULL};
const char *const config_default_completed_folders[] = {"completed", "complete", "done", NULL};
const char *const config_archive_folders[] = {"archive", "archived", NULL};

static size_t count_names(const char *const *names) {
    size_t n = 0;
    while (names[n]) n++;
    return n;
}

const char *const *config_active_folders(const config_t *c, size_t *n) {
    if (c && c->active_folders) {
        *n = c->nactive_folders;
        return (const char *const *)c->active_folders;
    }
    *n = count_names(config_default_active_folders);
    return config_default_active_folders;
}

const char *const *config_completed_folders(const config_t *c, size_t *n) {
    if (c && c->completed_folders) {
        *n = c->ncompleted_folders;
        return (const char *const *)c->completed_folders;
    }
    *n = count_names(config_default_completed_folders);
    return config_default_completed_folders;
}

int config_set_folders(char ***list, size_t *count, const char *const *names, size_t n) {
    for (size_t i = 0; *list && i < *count; i++) free((*list)[i]);
    free(*list);
    *list = NULL;
    *count = 0;
    if (!names) return 0;
    *list = calloc(n + 1, sizeof **list);
    if (!*list) return -1;
    for (size_t i = 0; i < n; i++) {
        (*list)[i] = strdup(names[i]);
        if (!(*list)[i]) return -1;
        (*count)++;
    }
    return 0;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

int config_copy(config_t *dst, const config_t *src) {
    *dst = *src;
    dst->required = NULL;
    dst->globs = NULL;
    dst->nrequired = dst->nglobs = 0;
    dst->create_words = NULL;
    dst->ncreate_words = 0;
    dst->plans_dir = dup_or_null(src->plans_dir);
    dst->guide_path = dup_or_null(src->guide_path);
    dst->active_folders = dst->completed_folders = NULL;
    dst->nactive_folders = dst->ncompleted_folders = 0;
    if ((src->active_folders &&
         config_set_folders(&dst->active_folders, &dst->nactive_folders, (const char *const *)src->active_folders,
                            src->nactive_folders) < 0) ||
        (src->completed_folders &&
         config_set_folders(&dst->completed_folders, &dst->ncompleted_folders,
                            (const char *const *)src->completed_folders, src->ncompleted_folders) < 0))
        return -1;
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
    if (src->create_words) {
        dst->create_words = calloc(src->ncreate_words, sizeof *dst->create_words);
        if (!dst->create_words) return -1;
        for (size_t i = 0; i < src->ncreate_words; i++) {
            dst->create_words[i] = strdup(src->create_words[i]);
            dst->ncreate_words++;
            if (!dst->create_words[i]) return -1;
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

/* A glob is compiled to tokens and run as an automaton over the path: the
 * set of token positions reachable after each byte. That costs at most
 * tokens x path bytes, where trying each way a wildcard can match (as a
 * recursive matcher does) is exponential: "*a*a*a*a*a*b" or "**" and "/" written
 * a thousand times never finished. */
enum { TOK_LIT, TOK_ANY, TOK_STAR, TOK_DSTAR };

typedef struct {
    const char *path;
    int flags;
    size_t n; /* tokens; position n: the whole glob matched */
    unsigned char kind[CONFIG_GLOB_MAX_LEN];
    char lit[CONFIG_GLOB_MAX_LEN];
    size_t mark[CONFIG_GLOB_MAX_LEN + 1]; /* == gen: in the set being built */
    size_t gen;
    unsigned short set[2][CONFIG_GLOB_MAX_LEN + 1];
    size_t nset[2];
    int cur; /* set[cur] is the set being built */
} glob_t;

static int name_starts(const char *path, size_t i) { return i == 0 || path[i - 1] == '/'; }

static int hidden_at(const glob_t *g, size_t i) {
    return (g->flags & GLOB_NO_HIDDEN) && g->path[i] == '.' && name_starts(g->path, i);
}

/* Adds position s at path offset i, and every position after it that
 * matches there without reading a byte: a '*' (nothing), a "**" where a name
 * starts or the path ends (no folders). */
static void glob_add(glob_t *g, size_t s, size_t i) {
    for (; s <= g->n && g->mark[s] != g->gen; s++) {
        if (s < g->n && g->kind[s] == TOK_STAR && hidden_at(g, i)) return;
        g->mark[s] = g->gen;
        g->set[g->cur][g->nset[g->cur]++] = (unsigned short)s;
        if (s == g->n) return;
        if (g->kind[s] == TOK_DSTAR ? !(name_starts(g->path, i) || !g->path[i]) : g->kind[s] != TOK_STAR) return;
    }
}

/* Splits pat into tokens; -1 when it is too long to match anything. */
static int glob_compile(glob_t *g, const char *pat) {
    g->n = 0;
    for (const char *p = pat; *p; g->n++) {
        if ((size_t)(p - pat) >= CONFIG_GLOB_MAX_LEN) return -1;
        g->lit[g->n] = *p;
        if (p[0] == '*' && p[1] == '*') {
            /* "**" with its "/" is one token: any run of whole folders, including none. */
            p += p[2] == '/' ? 3 : 2;
            if (g->n && g->kind[g->n - 1] == TOK_DSTAR) g->n--; /* two in a row are one */
            g->kind[g->n] = TOK_DSTAR;
            continue;
        }
        g->kind[g->n] = *p == '*' ? TOK_STAR : *p == '?' ? TOK_ANY : TOK_LIT;
        p++;
    }
    return 0;
}

static int glob_match(const char *pat, const char *path, int flags) {
    glob_t g;
    if (glob_compile(&g, pat) < 0) return 0;
    g.path = path;
    g.flags = flags;
    for (size_t s = 0; s <= g.n; s++) g.mark[s] = 0;
    g.gen = 1;
    g.cur = 0;
    g.nset[0] = 0;
    glob_add(&g, 0, 0);
    for (size_t i = 0; path[i] && g.nset[g.cur]; i++) {
        const unsigned short *from = g.set[g.cur];
        size_t nfrom = g.nset[g.cur];
        g.cur ^= 1;
        g.nset[g.cur] = 0;
        g.gen++;
        char c = path[i];
        for (size_t k = 0; k < nfrom; k++) {
            size_t s = from[k];
            if (s == g.n) continue;
            switch (g.kind[s]) {
            case TOK_LIT:
                if (c == g.lit[s] || ((flags & GLOB_FOLD) && ascii_lower(c) == ascii_lower(g.lit[s])))
                    glob_add(&g, s + 1, i + 1);
                break;
            case TOK_ANY:
                if (c != '/' && !hidden_at(&g, i)) glob_add(&g, s + 1, i + 1);
                break;
            case TOK_STAR:
                if (c != '/') glob_add(&g, s, i + 1);
                break;
            default: /* "**" crosses folders, never into a hidden one */
                if (!hidden_at(&g, i)) glob_add(&g, s, i + 1);
                break;
            }
        }
    }
    /* Below a folder: the path ended with some of the glob still to match. */
    if (flags & GLOB_BELOW) return g.nset[g.cur] > 0;
    return g.mark[g.n] == g.gen;
}

int config_glob_match(const char *pat, const char *path) { return glob_match(pat, path, 0); }

int config_plan_glob_match(const char *pat, const char *path) { return glob_match(pat, path, GLOB_PLAN); }

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
    if (n > CONFIG_MAX_GLOBS) n = CONFIG_MAX_GLOBS;
    for (size_t i = 0; i < n; i++) {
        const char *g = globs[i], *against = g[0] == '/' ? path : rel;
        if (against && glob_match(g, against, GLOB_PLAN | flags)) return 1;
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
