/* path_refs.h: the repository paths a plan names, in its inline code spans
 * and Markdown link targets, and what a path lookup answers about them. Pure:
 * the lookup is handed in (the file index is server/store/file_index.h), so
 * the rules, the CLI and the tests share one extraction.
 *
 * Not paths: URLs, fenced and indented code, globs and placeholders (`*`,
 * `<name>`, `{id}`, `...`), spans with spaces (command lines, prose), bare
 * words without a '/' or a known file extension, absolute and home paths,
 * flags, versions, numbers, e-mail addresses, `@scope/pkg`, MIME types,
 * ratios, dates, `and/or`, dotted code (`config.path`, `obj.method()`). */
#ifndef PLANLS_PATH_REFS_H
#define PLANLS_PATH_REFS_H

#include <stddef.h>

#include "config.h"
#include "text.h"

typedef enum { PATH_REF_CODE = 0, PATH_REF_LINK = 1 } path_ref_kind_t;

typedef struct {
    size_t start, end;   /* absolute span of the path in the text (without its suffix) */
    size_t full_end;     /* end of the span with its `:line` / `#...` suffix */
    char *path;          /* owned: the path as named (a link's %XX decoded), no suffix */
    long line, line_end; /* 1-based line of `path:120`, `#L120`, `#L120-L140`; 0: none */
    char *anchor;        /* owned: `#anchor` (not `#L...`), or NULL */
    path_ref_kind_t kind;
    int creates;       /* its list item or sentence says it will be created */
    int done_progress; /* it sits in a checked Progress item */
} path_ref_t;

typedef struct {
    path_ref_t *items; /* owned */
    size_t n, cap;
} path_ref_list_t;

void path_ref_list_free(path_ref_list_t *l);

/* Appends the paths named in t[start, end) (a run of whole lines, outside
 * fences that cross its ends: callers pass whole sections) to out. cfg (may
 * be NULL) adds the team's own creation words. in_progress says the span is
 * a Progress section (its checked items set done_progress). Returns 0 or -1
 * (OOM). */
int path_refs_extract(const text_t *t, size_t start, size_t end, const config_t *cfg, int in_progress,
                      path_ref_list_t *out);

/* Is s[0..n) (a code span's content, trimmed) a repository path? On 1,
 * *path_len is the length of the path without its suffix, and *line,
 * *line_end, *anchor_start and *anchor_len describe the suffix. */
int path_refs_classify(const char *s, size_t n, int link, size_t *path_len, long *line, long *line_end,
                       size_t *anchor_start, size_t *anchor_len);

/* The path rel (relative, '/' separated) joined to folder dir ("" or NULL:
 * the root) with "." and ".." resolved. Owned: free(). NULL when it climbs
 * out of the root, or on OOM. A trailing '/' is dropped. */
char *path_refs_normalize(const char *dir, const char *rel);

/* Is the path named from the plan's folder ("./x", "../x", ".", "..")?
 * A dotfile (".gitignore") is not. */
int path_refs_is_local(const char *path);

/* What an index knows about a path relative to the repository root. */
typedef enum {
    PATH_ABSENT = 0,
    PATH_FILE = 1,
    PATH_DIR = 2,
    PATH_UNKNOWN = 3 /* below a folder the index does not list (ignored, build output) */
} path_kind_t;

/* An abstract lookup over a repository's files: the rules never read the
 * disk. */
typedef struct {
    const void *ctx;
    path_kind_t (*kind)(const void *ctx, const char *rel);
    /* The existing file nearest to rel (the same file name elsewhere, or one
     * edit away in its folder), or NULL. Owned: free(). */
    char *(*nearest)(const void *ctx, const char *rel);
    /* Does the first component of rel exist at the root at all? */
    int (*has_top)(const void *ctx, const char *rel);
    unsigned long generation; /* changes whenever an answer may change */
} path_lookup_t;

/* Where a path named in a plan lives: resolved against the repository root,
 * then against the plan's folder (dir, relative to the root). Returns its
 * kind, with *resolved (owned: free(), may be NULL) the path relative to the
 * root that exists, else the root-relative reading. A local path
 * (path_refs_is_local) is resolved against the plan's folder only. */
path_kind_t path_refs_resolve(const path_lookup_t *lk, const char *dir, const char *path, char **resolved);

#endif
