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

int disk_plan_load(disk_plan_t *dp, const char *path, size_t max, const config_t *cfg, const char *root,
                   const path_lookup_t *paths, int named, int64_t now) {
    size_t len;
    char *data = io_read_file(path, max, named ? IO_FOLLOW : IO_NOFOLLOW, &len);
    if (!data) {
        int err = errno ? errno : ENOMEM;
        memset(dp, 0, sizeof *dp);
        plan_init(&dp->plan);
        diag_list_init(&dp->diags);
        text_init(&dp->text, "", 0);
        errno = err;
        return -1;
    }
    int rc = disk_plan_from_text(dp, path, data, len, cfg, root, paths, named, now);
    free(data);
    return rc;
}

int disk_plan_from_text(disk_plan_t *dp, const char *path, const char *data, size_t len, const config_t *cfg,
                        const char *root, const path_lookup_t *paths, int named, int64_t now) {
    memset(dp, 0, sizeof *dp);
    plan_init(&dp->plan);
    diag_list_init(&dp->diags);
    dp->plan.path = path; /* the folder is a status: read during the call only */
    if (text_init(&dp->text, data, len) < 0) {
        dp->plan.path = NULL;
        text_init(&dp->text, "", 0);
        errno = ENOMEM;
        return -1;
    }
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
    dp->is_plan = named || (!guide && (live || plan_is_plan(&dp->plan, &dp->text, config_is_plan_path(cfg, root, where),
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

void disk_plan_free(disk_plan_t *dp) {
    diag_list_free(&dp->diags);
    plan_free(&dp->plan);
    text_free(&dp->text);
    if (dp->has_own) config_free(&dp->own);
    free(dp->plan_dir);
    memset(dp, 0, sizeof *dp);
}
