/* plan_move.c: the completed folder a plan moves to (plan_move.h). */
#include "plan_move.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io.h"
#include "plan_status.h"

static int is_dir(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* dir/<completed name>/base for the first completed folder that exists in
 * dir and does not hold base yet. */
static char *into_completed(const char *dir, const char *base, const config_t *cfg) {
    size_t n;
    const char *const *names = config_completed_folders(cfg, &n);
    for (size_t k = 0; k < n; k++) {
        char *folder = io_path_join(dir, names[k]);
        if (!folder) return NULL;
        if (is_dir(folder)) {
            char *target = io_path_join(folder, base);
            free(folder);
            if (target && !exists(target)) return target;
            free(target);
            return NULL;
        }
        free(folder);
    }
    return NULL;
}

char *plan_move_target(const char *path, const config_t *cfg) {
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash || slash == path) return NULL;
    const char *base = slash + 1;
    size_t dir_len = (size_t)(slash - path);
    const char *parent = slash;
    while (parent > path && parent[-1] != '/') parent--;
    int kind = plan_status_folder_kind(cfg, parent, (size_t)(slash - parent));
    if (kind >= 2) return NULL; /* already filed as done */
    char *dir = malloc(dir_len + 1);
    if (!dir) return NULL;
    memcpy(dir, path, dir_len);
    dir[dir_len] = '\0';
    char *target = NULL;
    if (kind == 1) {
        /* active/plan.md -> completed/plan.md, beside active/. */
        size_t up = (size_t)(parent - path);
        if (up > 1) {
            dir[up - 1] = '\0';
            target = into_completed(dir, base, cfg);
        }
    } else {
        target = into_completed(dir, base, cfg);
    }
    free(dir);
    return target;
}
