/* writing_style.h: how a plan already writes what planls inserts into it
 * (section headings, stamps, Progress entries, rationale lines, status
 * markers), read from the plan's own text, so that an inserted line looks
 * like its neighbours. Code actions and completions both ask it. Pure reads
 * of the plan model. */
#ifndef PLANLS_WRITING_STYLE_H
#define PLANLS_WRITING_STYLE_H

#include <stddef.h>

#include "plan.h"
#include "text.h"

/* Level (1 or 2) for a new section heading: the most common level among the
 * sections the plan recognises (canonical, near misses, team sections); 2
 * on a tie or when there are none. */
int style_heading_level(const plan_t *p);

/* Style of a new stamp: the dialect's (plan_stamp_style), unless the plan's
 * timed entry stamps (two at least) all use the other one. */
ts_style_t style_stamp(const plan_t *p);

/* Whether a new Progress entry opens with "[x] " before its stamp: the
 * dialect's way (cookbook steps do, guide entries do not), unless the
 * plan's Progress entries (two at least) all do the other. */
int style_progress_checkbox(const plan_t *p);

/* The words of a task line s[0..n) (after its list marker) without its
 * status: the checkbox, leading markers and emoji, and a "(BLOCKED: ...)"
 * note. New string (caller frees); NULL on OOM. */
char *style_task_words(const char *s, size_t n);

/* How a decision in section sec starts its rationale line: what precedes
 * the words on the first "Rationale:" line of the section's entries ("  Rationale: ",
 * "  - Rationale: ", "  - **Rationale**: "), else the dialect's way. New
 * string (caller frees); NULL on OOM. */
char *style_rationale_lead(const plan_t *p, const text_t *t, size_t sec);

#endif
