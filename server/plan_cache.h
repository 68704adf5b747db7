/* plan_cache.h: the plans `planls mcp` has read, kept parsed with the
 * repository's settings, so that a call re-parses only what changed on disk
 * since the last one (the way the language server re-parses an open
 * document after an edit). The result always equals a fresh
 * disk_plan_load of the file. */
#ifndef PLANLS_PLAN_CACHE_H
#define PLANLS_PLAN_CACHE_H

#include <stdint.h>

#include "config.h"
#include "disk_plan.h"
#include "edit.h"

typedef struct plan_cache plan_cache_t;

/* A cache for the repository at root (resolved; copied). NULL on OOM.
 * Release with plan_cache_free. */
plan_cache_t *plan_cache_new(const char *root);
void plan_cache_free(plan_cache_t *c);

/* The repository's folder. Borrowed: valid while c is. */
const char *plan_cache_root(const plan_cache_t *c);

/* The repository's settings, loaded again when .planls.json or a guide file
 * changed (which drops every cached plan). Borrowed: valid until the next
 * call on c. */
const config_t *plan_cache_settings(plan_cache_t *c);

/* The plan at path (resolved inside root, not a link), read now and checked
 * at now as `planls check FILE` checks it. Borrowed: valid until the next
 * call on c. NULL with errno as disk_plan_load sets it. */
disk_plan_t *plan_cache_load(plan_cache_t *c, const char *path, int64_t now);

/* plan_cache_load over text the caller holds (data[0..len), copied): the
 * unsaved text of the file at path (which need not exist), checked as that
 * file. The cached plan of path takes the text. */
disk_plan_t *plan_cache_text(plan_cache_t *c, const char *path, const char *data, size_t len, int64_t now);

/* The file at path now holds the cached plan's text with edits applied
 * (the caller wrote it): the cached plan takes them, so that the text's
 * lines can be read at once and the next load re-parses only them.
 * Returns 0, or -1 on OOM (the plan is then dropped from the cache). */
int plan_cache_wrote(plan_cache_t *c, const char *path, const edit_list_t *edits);

#endif
