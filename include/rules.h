/* rules.h: the diagnostics of a plan. The codes are the rows of
 * rule_codes.h; the checks live in one file per family (rules_sections.c,
 * rules_entries.c, rules_time.c). */
#ifndef PLANLS_RULES_H
#define PLANLS_RULES_H

#include "plan.h"
#include "rule_codes.h"

/* Brings the model up to date with t, then appends every diagnostic of the
 * document to out: absolute offsets, sorted by position, at the severities
 * the plan's settings give. now is minutes since the epoch (ts_now()). Each
 * section's results are cached in the model until an edit touches it.
 * Returns 0 or -1 (OOM). */
int rules_run(plan_t *p, const text_t *t, int64_t now, diag_list_t *out);

/* The paths the plan names, every section's (path_refs_extract with the
 * plan's settings and its Progress section). Returns 0 or -1 (OOM). */
int rules_plan_paths(const plan_t *p, const text_t *t, path_ref_list_t *out);

/* The existing file a missing path of the plan most likely means (the same
 * file name elsewhere, or one edit away), relative to the repository root,
 * from p->paths; NULL when there is none or no index. Owned: free(). */
char *rules_path_nearest(const plan_t *p, const char *path);

#endif
