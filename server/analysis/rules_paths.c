/* rules_paths.c: missing-path, a repository path the plan names that exists
 * neither at the repository root nor beside the plan. A document rule: a path
 * the plan says it creates anywhere is expected everywhere in it. It reads
 * only the lookup the caller hands in (p->paths), never the disk.
 *
 * Conservative by design: plans cite other repositories' files, generated
 * files and paths of a sub-package. A path is reported only when the place it
 * points into exists (its first folder at the root, or for "./" and "../"
 * its folder beside the plan), so a path into another tree stays silent, as
 * do bare file names, folders (`src/auth/`) and anything below a folder the
 * index does not list. And only a finished plan (complete or archived) is
 * held to every file it names: in one still under way, a file that is not
 * there yet is most likely one it is about to make, so only a near miss (a
 * file of that name elsewhere, or one edit away) is reported there. */
#include <stdlib.h>
#include <string.h>

#include "rules_family.h"
#include "vec.h"

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
    char *rel = path_refs_normalize(path_refs_is_local(path) ? p->plan_dir : NULL, path);
    char *near = rel ? p->paths->nearest(p->paths->ctx, rel) : NULL;
    free(rel);
    return near;
}

/* Does the place the path points into exist? */
static int points_into_repository(const plan_t *p, const char *path) {
    const path_lookup_t *lk = p->paths;
    /* A folder that is not there is as likely a convention of other trees
     * (`docs/exec-plans/`) as a mistake: only files are reported. */
    if (path[strlen(path) - 1] == '/') return 0;
    if (!path_refs_is_local(path)) return strchr(path, '/') && lk->has_top(lk->ctx, path);
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

static void clear_cache(plan_section_t *s) {
    for (size_t k = 0; k < s->path_diags.n; k++) free(s->missing[k]);
    for (size_t k = 0; k < s->ncreated; k++) free(s->created[k]);
    diag_list_clear(&s->path_diags);
    s->ncreated = 0;
}

/* Section i's paths: what it names that is missing, what it creates. */
static int fill_cache(const plan_t *p, size_t i, const text_t *t, unsigned long gen, int finished) {
    plan_section_t *s = &p->sections[i];
    clear_cache(s);
    int progress = s->level > 0 && s->match != SECTION_NO_MATCH && s->id == SEC_PROGRESS;
    path_ref_list_t refs = {0};
    int rc = path_refs_extract(t, s->start, plan_section_end(p, i, t), p->config, progress, &refs);
    for (size_t k = 0; rc == 0 && k < refs.n; k++) {
        path_ref_t *r = &refs.items[k];
        if (r->creates) {
            if ((rc = VEC_RESERVE(s->created, s->capcreated, s->ncreated + 1)) == 0) {
                s->created[s->ncreated++] = r->path;
                r->path = NULL;
            }
            continue;
        }
        char *resolved;
        path_kind_t kind = path_refs_resolve(p->paths, p->plan_dir, r->path, &resolved);
        free(resolved);
        if (kind != PATH_ABSENT || !points_into_repository(p, r->path)) continue;
        if ((rc = VEC_RESERVE(s->missing, s->capmissing, s->path_diags.n + 1)) < 0) break;
        char *near = rules_paths_nearest(p, r->path);
        if (!near && !finished) continue;
        int n = rules_print_len(r->path, strlen(r->path));
        size_t a = r->start - s->start, b = r->end - s->start;
        if (near)
            rc = rule_emit(&s->path_diags, RULE_MISSING_PATH, a, b,
                           "`%.*s` is not in the repository (nor beside the plan); did you mean `%s`?", n, r->path,
                           near);
        else
            rc = rule_emit(&s->path_diags, RULE_MISSING_PATH, a, b,
                           "`%.*s` is not in the repository (nor beside the plan)", n, r->path);
        free(near);
        if (rc == 0) {
            s->missing[s->path_diags.n - 1] = r->path;
            r->path = NULL;
        }
    }
    path_ref_list_free(&refs);
    if (rc < 0) {
        clear_cache(s);
        return -1;
    }
    s->paths_gen = gen;
    s->paths_finished = finished;
    return 0;
}

/* Does a section of the plan say it creates path? */
static int created_anywhere(const plan_t *p, const char *path) {
    for (size_t i = 0; i < p->nsections; i++)
        for (size_t k = 0; k < p->sections[i].ncreated; k++)
            if (strcmp(p->sections[i].created[k], path) == 0) return 1;
    return 0;
}

/* Each section's result is kept until the section or the index changes: a
 * keystroke reads only the section it touched again. */
int rules_paths_document(const plan_t *p, const text_t *t, const plan_status_info_t *st, diag_list_t *out) {
    if (!p->paths) return 0;
    unsigned long gen = p->paths->generation ? p->paths->generation : 1;
    int finished = st->status == PLAN_COMPLETE || st->status == PLAN_ARCHIVED;
    for (size_t i = 0; i < p->nsections; i++)
        if ((p->sections[i].paths_gen != gen || p->sections[i].paths_finished != finished) &&
            fill_cache(p, i, t, gen, finished) < 0)
            return -1;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        for (size_t k = 0; k < s->path_diags.n; k++) {
            if (created_anywhere(p, s->missing[k])) continue;
            const diag_t *d = &s->path_diags.items[k];
            if (rule_emit(out, RULE_MISSING_PATH, s->start + d->start, s->start + d->end, "%s", d->message) < 0)
                return -1;
        }
    }
    return 0;
}
