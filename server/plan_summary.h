/* plan_summary.h: what MCP's plan_status reports about one plan, in one
 * function so that a fuller `planls status` can take its place. */
#ifndef PLANLS_PLAN_SUMMARY_H
#define PLANLS_PLAN_SUMMARY_H

#include <jansson.h>

#include "diag.h"
#include "plan.h"
#include "text.h"

/* {"path", "title", "dialect", "sections": {"present": [...], "missing":
 * [...]}, "todos": {"done", "total"}, "steps": {"done", "total"},
 * "newestEntry": {"section", "line", "stamp", "text"} or null, "findings":
 * {"errors", "warnings"}} for an up-to-date plan p over t with its
 * diagnostics. Lines count from 1. New reference (NULL on OOM). */
json_t *plan_summary_json(const char *path, const plan_t *p, const text_t *t, const diag_list_t *diags);

#endif
