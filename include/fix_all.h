/* fix_all.h: every safe quick fix of a plan at once, for `planls check
 * --fix` and the source.fixAll.planls code action. */
#ifndef PLANLS_FIX_ALL_H
#define PLANLS_FIX_ALL_H

#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "plan.h"
#include "text.h"

typedef enum {
    FIX_CERTAIN = 1, /* the result is certain: renames, stamps whose time is known, missing parts */
    FIX_GUESSES = 2  /* also fixes that guess (the current time for an undated entry) */
} fix_level_t;

typedef struct {
    text_t text;       /* the fixed text */
    plan_t plan;       /* its model, up to date, with the settings of the plan fixed */
    diag_list_t diags; /* what remains */
    unsigned applied;  /* fixes applied */
} fix_result_t;

/* Applies the quick fixes of t's diagnostics that level allows, again and
 * again until none is left (fixes that overlap wait for the next pass), to a
 * copy: t and p are not changed (p must be up to date with t; its settings
 * are used, and must outlive out). path (may be NULL) names the file, for a
 * title. Returns 0 or -1 (OOM); release out with fix_result_free either way. */
int fix_all(const plan_t *p, const text_t *t, int64_t now, const char *path, fix_level_t level, fix_result_t *out);

/* fix_all on p and t themselves, diags being their diagnostics now (what
 * remains on return): for a caller that owns them and has just run the
 * rules, one parse and one rules run fewer. *applied gets the number of
 * fixes. Returns 0 or -1 (OOM: p, t and diags are then to be freed). */
int fix_all_in_place(plan_t *p, text_t *t, diag_list_t *diags, int64_t now, const char *path, fix_level_t level,
                     unsigned *applied);
void fix_result_free(fix_result_t *r);

/* The source.fixAll.planls code action, appended to out when a diagnostic
 * of diags has a certain fix: one edit from the first changed byte to the
 * last, filled in only with edit set (a client that resolves actions asks
 * for it later). Returns 0 or -1 (OOM). */
int fix_all_action(const plan_t *p, const text_t *t, const diag_list_t *diags, int64_t now, const char *path, int edit,
                   action_list_t *out);

#endif
