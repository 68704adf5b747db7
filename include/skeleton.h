/* skeleton.h: the text planls writes into a plan (stamps, entries, whole new plans)
 * and where a new section goes. Completion and code actions share it, so a
 * section added either way looks the same. */
#ifndef PLANLS_SKELETON_H
#define PLANLS_SKELETON_H

#include <stdint.h>

#include "config.h"
#include "plan.h"

/* The current time as the plan writes its stamps (style_stamp): "[2026-11-25
 * 17:03 UTC]" or "(2026-11-25 17:03Z)". out holds 40 bytes. */
void skeleton_stamp(const plan_t *p, int64_t now, char *out);

/* "## " or "# ": how a new section heading of this plan starts
 * (style_heading_level). Static. */
const char *skeleton_heading_prefix(const plan_t *p);

/* A new entry for a section of plan p ("- [ ] " for To-do, a stamped entry
 * for Progress, sub-bullets for decisions...) in the plan's dialect, its
 * stamp and Progress checkbox as the plan writes them, as a snippet with
 * ${N:...} placeholders or as plain text; a new section starts with one too.
 * New string (caller frees); NULL on OOM. */
char *skeleton_entry(const plan_t *p, section_id_t id, int64_t now, int snippet);

/* A finished entry for section id (SEC_TODO, SEC_PROGRESS, SEC_SURPRISES,
 * SEC_DECISIONS) with the writer's words (one line), as skeleton_entry
 * writes its template: the plan's dialect, stamp style and Progress
 * checkbox. detail (may be NULL) is a decision's rationale or a surprise's
 * evidence, on its own line; author names who decided in the cookbook's
 * Date/Author line. New string (caller frees); NULL on OOM or for another
 * id. */
char *skeleton_entry_text(const plan_t *p, section_id_t id, int64_t now, const char *words, const char *detail,
                          const char *author);

/* Where required section k (plan_required) goes: before the first present
 * section that comes after it, else after the last section's content (before
 * a closing footer, and before a code fence left open there). k < 0: at
 * the end. *before_heading tells which case. */
size_t skeleton_section_insert_point(const plan_t *p, const text_t *t, int k, int *before_heading);

/* The required index of a canonical section, or -1 when the plan's required
 * list does not have it. *name receives the heading to write (the team's). */
int skeleton_required_of(const plan_t *p, section_id_t id, const char **name);

/* Text inserted at offset at so that it sits in its own block: adds the line
 * breaks needed before it. New string (caller frees); NULL on OOM. */
char *skeleton_block_text(const text_t *t, size_t at, const char *block);

/* A new plan: title, the dialect's living-document line (and, in the
 * cookbook dialect, the guide it follows), every required section, and the
 * guide dialect's Created / Last Updated footer. guide_rel (may be NULL) is
 * the guide's path from the repository root. New string (caller frees);
 * NULL on OOM. */
char *skeleton_new_plan(const config_t *cfg, const char *title, const char *guide_rel, int64_t now);

#endif
