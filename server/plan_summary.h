/* plan_summary.h: what MCP's plan_status reports about one plan, in one
 * function so that a fuller `planls status` can take its place. */
#ifndef PLANLS_PLAN_SUMMARY_H
#define PLANLS_PLAN_SUMMARY_H

#include <jansson.h>
#include <stdint.h>

#include "disk_plan.h"

/* The row `planls status --format json` gives the plan (status, where it
 * comes from, to-dos, open steps, blocked items, problems, age, stale), with
 * "path", "title", "dialect", "sections": {"present": [...], "missing":
 * [...]}, "steps": {"done", "total"}, "newestEntry": {"section", "line",
 * "stamp", "text"} or null, "findings": {"errors", "warnings"} for a plan
 * checked from disk (dp->is_plan) at now. Lines count from 1. New
 * reference (NULL on OOM). */
json_t *plan_summary_json(const char *path, const disk_plan_t *dp, int64_t now);

#endif
