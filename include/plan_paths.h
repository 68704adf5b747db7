/* plan_paths.h: which files are Markdown, by their name. Pure. (The plan
 * globs are config.h; file URIs are server/store/uri.h.) */
#ifndef PLANLS_PLAN_PATHS_H
#define PLANLS_PLAN_PATHS_H

#include <stddef.h>

/* 1 for names ending in .md or .markdown (any case). */
int plan_path_is_markdown(const char *path);

#endif
