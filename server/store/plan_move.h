/* plan_move.h: where a plan goes once it is complete, when the repository
 * files plans by status: from active/ to its sibling completed/ (or done/,
 * or the team's names), or from the plans folder into its completed/. */
#ifndef PLANLS_PLAN_MOVE_H
#define PLANLS_PLAN_MOVE_H

#include "config.h"

/* The path a complete plan at path (absolute) moves to, under cfg's folder
 * names (may be NULL: the defaults): only when that folder exists and holds
 * no file of the same name, and the plan is not already in a completed or
 * archive folder. New string (caller frees), or NULL: no move. */
char *plan_move_target(const char *path, const config_t *cfg);

#endif
