/* plan_paths.h: which files are plans by their path. Pure. (File URIs are
 * server/store/uri.h.) */
#ifndef PLANLS_PLAN_PATHS_H
#define PLANLS_PLAN_PATHS_H

#include <stddef.h>

/* 1 when path matches a default plan glob: any-dir/execplans/any-dir/NAME.md,
 * the same under exec-plans/ or plans/, or NAME.plan.md. */
int plan_path_matches(const char *path);

/* 1 for names ending in .md or .markdown (any case). */
int plan_path_is_markdown(const char *path);

#endif
