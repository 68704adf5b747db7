/* plan_report.h: the health report of many plans as JSON, the one shape
 * `planls status --format json` prints and `workspace/executeCommand`
 * `planls.status` returns. */
#ifndef PLANLS_PLAN_REPORT_H
#define PLANLS_PLAN_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "config.h"
#include "plan_status.h"

/* One plan: title (title[0..title_len), may be NULL), its place (key "path"
 * or "uri", value where), the summary, its count of warnings and errors, and
 * whether it is stale under cfg (borrowed, may be NULL) at now. New
 * reference, NULL on OOM. */
json_t *plan_report_row(const plan_summary_t *s, const char *title, size_t title_len, const char *key,
                        const char *where, int problems, const config_t *cfg, int64_t now);

/* {"plans": rows sorted active first (then blocked, draft, complete,
 * archived, abandoned; by place within each), "summary": {"plans", one
 * count per status, "stale", "blocked"}}. Steals rows. New reference, NULL
 * on OOM. */
json_t *plan_report_new(json_t *rows);

#endif
