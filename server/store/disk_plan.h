/* disk_plan.h: a file read from disk and checked as a plan, the way
 * `planls check` and the workspace scan both need it. */
#ifndef PLANLS_DISK_PLAN_H
#define PLANLS_DISK_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "fix_all.h"
#include "path_refs.h"
#include "plan.h"
#include "plan_status.h"
#include "text.h"

typedef struct {
    text_t text;
    text_t original; /* after disk_plan_fix applied fixes: the text read; else empty */
    unsigned fixes;  /* how many disk_plan_fix applied */
    plan_t plan;
    config_t own; /* settings of the guide the plan names, when has_own */
    int has_own;
    int is_plan;
    diag_list_t diags;      /* when is_plan */
    plan_summary_t summary; /* when is_plan; its title points into text */
    char *plan_dir;         /* owned: its folder relative to root, for the path rules */
} disk_plan_t;

enum {
    DISK_PLAN_ALWAYS = 1u << 0, /* a plan whatever it holds (a file named on the command line) */
    DISK_PLAN_FOLLOW = 1u << 1  /* a symbolic link is followed (named by the user), else refused */
};

/* Reads path (at most max bytes; a regular file only; a symbolic link only
 * with DISK_PLAN_FOLLOW) and checks it as disk_plan_from_text does. Returns
 * 0, or -1 with errno set when the file cannot be read or memory ran out
 * (ENOMEM: not "no problems"). Release with disk_plan_free either way. */
int disk_plan_load(disk_plan_t *dp, const char *path, size_t max, const config_t *cfg, const char *root,
                   const path_lookup_t *paths, unsigned flags, int64_t now);

/* Takes data[0..len) (copied) as the text of path (which need not exist:
 * unsaved text) and, when it is a plan under cfg (DISK_PLAN_ALWAYS: always;
 * else by its path or content, and never the guide itself), parses it
 * (following a guide its preamble names) and computes its diagnostics at
 * now. root (may be NULL) is its repository; paths (may be NULL: no path
 * rules) its files. cfg and paths are borrowed by dp->plan: keep them alive
 * while dp is used; path only during the call. Returns 0, or -1 with errno
 * ENOMEM. Release with disk_plan_free either way. */
int disk_plan_from_text(disk_plan_t *dp, const char *path, const char *data, size_t len, const config_t *cfg,
                        const char *root, const path_lookup_t *paths, unsigned flags, int64_t now);

/* Applies the plan's quick fixes that level allows (fix_all.h): text
 * becomes the fixed text, original keeps the one read, and plan and diags
 * describe what remains. Nothing changes when there is nothing to fix or dp
 * is no plan. Returns 0 or -1 (OOM). */
int disk_plan_fix(disk_plan_t *dp, const char *path, fix_level_t level, int64_t now);

void disk_plan_free(disk_plan_t *dp);

#endif
