/* plan_paths.h: which files are plans by their path, and file URIs. Pure. */
#ifndef PLANLS_PLAN_PATHS_H
#define PLANLS_PLAN_PATHS_H

#include <stddef.h>

/* 1 when path matches a plan glob: any-dir/execplans/any-dir/NAME.md,
 * any-dir/plans/any-dir/NAME.md, or NAME.plan.md. */
int plan_path_matches(const char *path);

/* 1 for names ending in .md or .markdown (any case). */
int plan_path_is_markdown(const char *path);

/* Decodes a file: URI into a new file system path (caller frees), or NULL when
 * uri is not a file: URI or is malformed. Percent-escapes are decoded. */
char *plan_uri_to_path(const char *uri);

/* Encodes an absolute path as a new file:// URI (caller frees), NULL on OOM. */
char *plan_path_to_uri(const char *path);

#endif
