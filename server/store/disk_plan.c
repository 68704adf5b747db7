/* disk_plan.c: one plan file from disk, checked. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "disk_plan.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "guide.h"
#include "io.h"
#include "rules.h"
#include "settings.h"

/* The folder of the file at abs relative to root ("" at the root), or NULL
 * outside it. Owned. */
static char *folder_in(const char *root, const char *abs) {
    char real_root[PATH_MAX];
    if (!root || !realpath(root, real_root)) return NULL;
    size_t n = strlen(real_root);
    if (strncmp(abs, real_root, n) != 0 || abs[n] != '/') return NULL;
    const char *rel = abs + n + 1, *slash = strrchr(rel, '/');
    size_t k = slash ? (size_t)(slash - rel) : 0;
    char *dir = malloc(k + 1);
    if (!dir) return NULL;
    memcpy(dir, rel, k);
    dir[k] = '\0';
    return dir;
}

static void start(disk_plan_t *dp) {
    memset(dp, 0, sizeof *dp);
    plan_init(&dp->plan);
    diag_list_init(&dp->diags);
}

/* Decides whether dp->text is a plan and, when it is, computes what the
 * rules say of it (see disk_plan_from_text). */
static int check_text(disk_plan_t *dp, const char *path, const config_t *cfg, const char *root,
                      const path_lookup_t *paths, unsigned flags, int64_t now) {
    dp->plan.path = path; /* the folder is a status: read during the call only */
    /* A plan that names its guide follows it. */
    if (settings_for_plan(&dp->plan, &dp->text, cfg, root, &dp->own, &dp->has_own) < 0) {
        dp->plan.path = NULL;
        errno = ENOMEM;
        return -1;
    }
    /* Settings name paths from the repository root: compare absolute paths. */
    char abs[PATH_MAX];
    const char *where = realpath(path, abs) ? abs : path;
    int guide = cfg && cfg->guide_path && strcmp(cfg->guide_path, where) == 0;
    /* A plan kept where the guide would be is checked however short it is. */
    int live = settings_at_guide_path(root, where) && guide_is_live_plan(dp->text.data, dp->text.len);
    dp->is_plan = (flags & DISK_PLAN_ALWAYS) ||
                  (!guide && (live || plan_is_plan(&dp->plan, &dp->text, config_is_plan_path(cfg, root, where),
                                                   config_is_template_path(where))));
    if (paths && dp->is_plan && (dp->plan_dir = folder_in(root, where)) != NULL) {
        dp->plan.paths = paths;
        dp->plan.plan_dir = dp->plan_dir;
    }
    if (dp->is_plan && rules_run(&dp->plan, &dp->text, now, &dp->diags) < 0) {
        dp->plan.path = NULL;
        errno = ENOMEM;
        return -1;
    }
    if (dp->is_plan) plan_summary(&dp->plan, &dp->text, &dp->summary);
    dp->plan.path = NULL; /* the caller's string, read during the call only */
    return 0;
}

int disk_plan_load(disk_plan_t *dp, const char *path, size_t max, const config_t *cfg, const char *root,
                   const path_lookup_t *paths, unsigned flags, int64_t now) {
    start(dp);
    size_t len;
    char *data = io_read_file(path, max, (flags & DISK_PLAN_FOLLOW) ? IO_FOLLOW : IO_NOFOLLOW, &len);
    if (!data || text_init(&dp->text, data, len) < 0) {
        int err = errno ? errno : ENOMEM;
        free(data);
        text_init(&dp->text, "", 0);
        errno = err;
        return -1;
    }
    free(data);
    return check_text(dp, path, cfg, root, paths, flags, now);
}

int disk_plan_from_text(disk_plan_t *dp, const char *path, const char *data, size_t len, const config_t *cfg,
                        const char *root, const path_lookup_t *paths, unsigned flags, int64_t now) {
    start(dp);
    if (text_init(&dp->text, data, len) < 0) {
        text_init(&dp->text, "", 0);
        errno = ENOMEM;
        return -1;
    }
    return check_text(dp, path, cfg, root, paths, flags, now);
}

int disk_plan_fix(disk_plan_t *dp, const char *path, fix_level_t level, int64_t now) {
    if (!dp->is_plan) return 0;
    /* The text read is kept aside (to compare before writing); the plan is
     * fixed in place, with the diagnostics just computed as the first pass's. */
    if (text_init(&dp->original, dp->text.data, dp->text.len) < 0) return -1;
    dp->plan.path = path; /* its folder may say its status, as when it was checked */
    unsigned applied;
    int rc = fix_all_in_place(&dp->plan, &dp->text, &dp->diags, now, path, level, &applied);
    if (rc == 0 && applied) plan_summary(&dp->plan, &dp->text, &dp->summary); /* its title points into the text */
    dp->plan.path = NULL;
    if (rc < 0) return -1;
    if (!applied || (dp->original.len == dp->text.len && memcmp(dp->original.data, dp->text.data, dp->text.len) == 0)) {
        text_free(&dp->original);
        return 0;
    }
    dp->fixes = applied;
    return 0;
}

void disk_plan_free(disk_plan_t *dp) {
    text_free(&dp->original);
    diag_list_free(&dp->diags);
    plan_free(&dp->plan);
    text_free(&dp->text);
    if (dp->has_own) config_free(&dp->own);
    free(dp->plan_dir);
    memset(dp, 0, sizeof *dp);
}
