/* check_json.h: the findings as `check --format json` writes them, shared by
 * `planls check` and the MCP server's check_plan, so both say the same. */
#ifndef PLANLS_CHECK_JSON_H
#define PLANLS_CHECK_JSON_H

#include <jansson.h>

#include "diag.h"
#include "text.h"

/* {"path": path, "diagnostics": [{"line", "column", "endLine", "endColumn",
 * "severity", "code", "message", and "related": [{"line", "column",
 * "endLine", "endColumn", "message"}...] when it has related information}...]}:
 * lines and columns from 1, columns in bytes. New reference (NULL on OOM). */
json_t *check_json_file(const char *path, const text_t *t, const diag_list_t *l);

/* {"files": files, "summary": {"checked", "problems"}}; files is stolen.
 * New reference (NULL on OOM). */
json_t *check_json_report(json_t *files, int checked, int problems);

/* s[0..n) as a JSON string, each ill-formed UTF-8 byte written as U+FFFD
 * (jansson refuses them, and a plan, a path or a message quoting them may
 * hold any bytes). New reference (NULL on OOM). */
json_t *check_json_string(const char *s, size_t n);

/* Warnings and errors in l: what makes `check` exit 1. */
int check_json_problems(const diag_list_t *l);

#endif
