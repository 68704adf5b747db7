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

/* The walk itself, for walk_markdown and the file index (file_index.h):
 * every entry below dir, with the same skip rules. */
typedef enum {
    WALK_FILE = 0,  /* a regular file */
    WALK_DIR,       /* a folder: the visitor says whether to enter it */
    WALK_SKIPPED,   /* named by .gitignore, or .git, node_modules, build*: never entered */
    WALK_UNREADABLE /* could not be read (err says why) */
} walk_kind_t;

typedef struct {
    const char *path; /* as reported: dir joined with the names below it */
    const char *abs;  /* absolute */
    const char *name; /* its last component */
    walk_kind_t kind;
    int is_dir;
    int in_hidden; /* a folder between dir and it is hidden */
    int err;       /* WALK_UNREADABLE: errno */
} walk_entry_t;

/* Returns 1 to go on (and to enter a folder), 0 not to enter the folder, -1
 * to stop the walk. e is borrowed for the call. */
typedef int (*walk_visit_fn)(void *ctx, const walk_entry_t *e);

/* Visits every entry below dir in the repository at root (may be NULL: no
 * .gitignore), in directory order; symbolic links are neither followed nor
 * visited. Returns 0, -1 with errno set when dir itself cannot be read. */
int walk_tree(const char *dir, const char *root, walk_visit_fn visit, void *ctx);

/* The skip rules of the walk for paths that are not on disk: would a walk of
 * the repository at root leave out rel (root-relative), itself or a folder on
 * its way (what .gitignore names, .git, node_modules, build*)? */
typedef struct walk_ignore_s walk_ignore_t;
/* Reads root's .gitignore. Owned: walk_ignore_free. NULL on OOM. */
walk_ignore_t *walk_ignore_load(const char *root);
int walk_ignore_match(const walk_ignore_t *ig, const char *rel);
void walk_ignore_free(walk_ignore_t *ig);

#endif
