/* walk.h: finding the Markdown files of a tree, as `planls check` and the
 * workspace scan do: .git, node_modules, build folders and what the
 * top-level .gitignore names are skipped, and so are hidden folders the plan
 * globs cannot reach into; symlinks are not followed. */
#ifndef PLANLS_WALK_H
#define PLANLS_WALK_H

#include <stddef.h>

#include "config.h"

typedef struct {
    char **paths; /* owned, sorted */
    size_t n, cap;
    int truncated; /* the limits were reached */
    /* What the walk left out and why, one "path: reason" each (owned, in
     * the order met): folders and entries it could not read, Markdown files
     * over the size cap. */
    char **skipped;
    size_t nskipped, capskipped;
} walk_result_t;

/* Collects Markdown files under dir (which lies in the repository at root,
 * an absolute path whose .gitignore applies; root may be NULL) into out,
 * whose paths start with dir as given. cfg's plan globs (NULL: the defaults)
 * say which hidden folders below dir are entered. A file over max_file bytes
 * is skipped; the walk stops at max_files files or max_bytes bytes in all.
 * Returns 0, -1 with errno set when dir itself cannot be read. */
int walk_markdown(const char *dir, const char *root, const config_t *cfg, size_t max_file, size_t max_files,
                  size_t max_bytes, walk_result_t *out);
void walk_result_free(walk_result_t *r);

#endif
