/* disk_plan.h: a file read from disk and checked as a plan, the way
 * `planls check` and the workspace scan both need it. */
#ifndef PLANLS_DISK_PLAN_H
#define PLANLS_DISK_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "path_refs.h"
#include "plan.h"
#include "plan_status.h"
#include "text.h"

typedef struct {
    text_t text;
    plan_t plan;
    config_t own; /* settings of the guide the plan names, when has_own */
    int has_own;
    int is_plan;
    diag_list_t diags;      /* when is_plan */
    plan_summary_t summary; /* when is_plan; its title points into text */
    char *plan_dir;         /* owned: its folder relative to root, for the path rules */
} disk_plan_t;

/* Reads path (at most max bytes; a regular file only; a symbolic link only
 * when named, the user's own choice) and, when it is a plan under cfg (named:
 * always; else by its path or content, and never the guide itself), parses
 * it (following a guide its preamble names) and computes its diagnostics at
 * now. root (may be NULL) is its repository; paths (may be NULL: no path
 * rules) its files. cfg and paths are borrowed by dp->plan: keep them alive
 * while dp is used; path only during the call. Returns 0, or -1 with errno
 * set when the file cannot be read or memory ran out (ENOMEM: not "no
 * problems"). Release with disk_plan_free either way. */
int disk_plan_load(disk_plan_t *dp, const char *path, size_t max, const config_t *cfg, const char *root,
                   const path_lookup_t *paths, int named, int64_t now);
/* disk_plan_load over text already read (data[0..len), copied): unsaved
 * text checked as the file at path would be (its repository's settings,
 * the guide its preamble names). path need not exist. Returns 0, or -1
 * with errno ENOMEM. Release with disk_plan_free either way. */
int disk_plan_from_text(disk_plan_t *dp, const char *path, const char *data, size_t len, const config_t *cfg,
                        const char *root, const path_lookup_t *paths, int named, int64_t now);
void disk_plan_free(disk_plan_t *dp);

#endif
