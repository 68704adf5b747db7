/* file_index.h: the files and folders of one repository, for the paths
 * plans name (path_refs.h). Built once by walking the tree with the workspace
 * scan's skip rules (walk.h: .gitignore, .git, node_modules, build*), kept
 * current by watched-file events, and never read from disk per keystroke.
 *
 * Memory: one arena holding every path once (NUL-terminated), plus two
 * sorted arrays of 12-byte entries (by path, by file name): the paths' bytes
 * + 25 bytes per entry, 5.0 MiB for the benchmark's 100,000 files
 * (tests/bench/paths_bench.c measures it; file_index_memory says it).
 *
 * Not thread-safe: file_index_build runs on any thread (the server runs it on
 * libuv's pool); every other call on one thread at a time. */
#ifndef PLANLS_FILE_INDEX_H
#define PLANLS_FILE_INDEX_H

#include <stddef.h>

#include "path_refs.h"

/* An index lists at most this many entries (about 26 MiB; a home folder
 * opened as a workspace must not cost gigabytes); past it, every path it
 * does not list counts as unknown (no missing-path). */
#define FILE_INDEX_MAX_ENTRIES 500000

typedef struct file_index_s file_index_t;

/* Walks root (an absolute folder) and reads which files git tracks from
 * root/.git/index when it can. Blocking. Owned: free with file_index_free;
 * NULL on OOM (an unreadable root gives an empty index). */
file_index_t *file_index_build(const char *root);
void file_index_free(file_index_t *ix);

/* The folder it indexes (borrowed, valid until file_index_free). */
const char *file_index_root(const file_index_t *ix);

/* What rel ('/' separated, relative to the root, no "." or "..") is. */
path_kind_t file_index_kind(const file_index_t *ix, const char *rel);
/* 1 when git's index lists rel (a file) or a file below it (a folder), 0
 * when it does not, -1 when the index could not be read. */
int file_index_tracked(const file_index_t *ix, const char *rel);
/* The existing file rel most likely means: a file of the same name elsewhere
 * (the one sharing most leading folders with rel), else a file of its folder
 * whose name is one edit away. Owned: free(); NULL when none. */
char *file_index_nearest(const file_index_t *ix, const char *rel);
/* Does rel's first component exist? */
int file_index_has_top(const file_index_t *ix, const char *rel);

/* The entries directly in folder dir ("" for the root) whose names start
 * with prefix, in order, at most max: fn gets each name (borrowed for the
 * call, not NUL-terminated: len bytes) and whether it is a folder. Returns
 * how many were given. */
typedef void (*file_index_child_fn)(void *ctx, const char *name, size_t len, int is_dir);
size_t file_index_children(const file_index_t *ix, const char *dir, const char *prefix, size_t max,
                           file_index_child_fn fn, void *ctx);

/* A watched-file event: rel was created (is_dir: a folder) or deleted (with
 * everything below it). Returns 0, or -1 on OOM (the index is unchanged). */
int file_index_add(file_index_t *ix, const char *rel, int is_dir);
void file_index_remove(file_index_t *ix, const char *rel);

/* Entries listed, bytes held. */
size_t file_index_count(const file_index_t *ix);
size_t file_index_memory(const file_index_t *ix);
/* Changes whenever an answer may change (an event applied). */
unsigned long file_index_generation(const file_index_t *ix);
/* ix replaces old: its generation comes after old's, so that what was
 * cached for old's answers is not taken for its. */
void file_index_succeed(file_index_t *ix, const file_index_t *old);

/* The index as the rules' lookup (borrowed by *out: valid until
 * file_index_free). Its generation is read when the call is made. */
void file_index_lookup(const file_index_t *ix, path_lookup_t *out);

#endif
