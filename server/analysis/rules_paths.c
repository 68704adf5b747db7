/* rules_paths.c: missing-path, a repository path the plan names that exists
 * neither at the repository root nor beside the plan. A document rule: a path
 * the plan says it creates anywhere is expected everywhere in it. It reads
 * only the lookup the caller hands in (p->paths), never the disk.
 *
 * Conservative by design: plans cite other repositories' files, generated
 * files and paths of a sub-package. A path is reported only when the place it
 * points into exists (its first folder at the root, or for "./" and "../"
 * its folder beside the plan), so a path into another tree stays silent, as
 * do bare file names and anything below a folder the index does not list. */
#include <stdlib.h>
#include <string.h>

#include "rules_family.h"

int rules_paths_extract(const plan_t *p, const text_t *t, path_ref_list_t *out) {
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        int progress = s->level > 0 && s->match != SECTION_NO_MATCH && s->id == SEC_PROGRESS;
        if (path_refs_extract(t, s->start, plan_section_end(p, i, t), p->config, progress, out) < 0) return -1;
    }
    return 0;
}

char *rules_paths_nearest(const plan_t *p, const char *path) {
    if (!p->paths || !p->paths->nearest) return NULL;
    char *rel = path_refs_normalize(path[0] == '.' ? p->plan_dir : NULL, path);
    char *near = rel ? p->paths->nearest(p->paths->ctx, rel) : NULL;
    free(rel);
    return near;
}

/* Does the place the path points into exist? */
static int points_into_repository(const plan_t *p, const char *path) {
    const path_lookup_t *lk = p->paths;
    if (path[0] != '.') return strchr(path, '/') && lk->has_top(lk->ctx, path);
    char *rel = path_refs_normalize(p->plan_dir, path);
    if (!rel) return 0;
    char *slash = strrchr(rel, '/');
    int ok = 1;
    if (slash) {
        *slash = '\0';
        ok = lk->kind(lk->ctx, rel) == PATH_DIR;
    }
    free(rel);
    return ok;
}

static int created(const path_ref_list_t *l, const char *path) {
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].creates && strcmp(l->items[i].path, path) == 0) return 1;
    return 0;
}

int rules_paths_document(const plan_t *p, const text_t *t, diag_list_t *out) {
    if (!p->paths) return 0;
    path_ref_list_t refs = {0};
    int rc = rules_paths_extract(p, t, &refs);
    for (size_t i = 0; rc == 0 && i < refs.n; i++) {
        const path_ref_t *r = &refs.items[i];
        if (r->creates || created(&refs, r->path)) continue;
        char *resolved;
        path_kind_t k = path_refs_resolve(p->paths, p->plan_dir, r->path, &resolved);
        free(resolved);
        if (k != PATH_ABSENT || !points_into_repository(p, r->path)) continue;
        char *near = rules_paths_nearest(p, r->path);
        int n = rules_print_len(r->path, strlen(r->path));
        if (near)
            rc = rule_emit(out, RULE_MISSING_PATH, r->start, r->end,
                           "`%.*s` is not in the repository (nor beside the plan); did you mean `%s`?", n, r->path,
                           near);
        else
            rc = rule_emit(out, RULE_MISSING_PATH, r->start, r->end,
                           "`%.*s` is not in the repository (nor beside the plan)", n, r->path);
        free(near);
    }
    path_ref_list_free(&refs);
    return rc;
}
