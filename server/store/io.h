/* io.h: the file-system helpers every reader of settings, guides and plans
 * needs: the one function that reads a file, the one check that a path lies
 * inside a folder, joining paths. Plain POSIX; no logging (callers decide
 * what a failure means). */
#ifndef PLANLS_IO_H
#define PLANLS_IO_H

#include <errno.h>
#include <stddef.h>

/* errno values of ours, besides the system's (io_error_text says them). */
#define IO_ENOTREG ENODEV  /* not a regular file: a FIFO, socket, device or folder */
#define IO_EOUTSIDE EXDEV  /* the path resolves outside the folder it must stay in */
#define IO_ECHANGED ESTALE /* the file changed on disk since it was read */

/* How io_read_file treats a symbolic link as the path's last component. */
typedef enum {
    IO_FOLLOW,   /* a file the user named: follow it */
    IO_NOFOLLOW, /* a file planls found itself: refuse a link (ELOOP) */
} io_links_t;

/* Reads a whole regular file of at most max bytes into a new buffer,
 * NUL-terminated at *len (caller frees). Every file planls reads goes
 * through here: it opens without blocking (a FIFO must not hang the server),
 * checks the descriptor (not the name) is a regular file, then reads. NULL
 * with errno set on failure: EFBIG larger than max, IO_ENOTREG, ELOOP (a
 * link under IO_NOFOLLOW), or the system's. */
char *io_read_file(const char *path, size_t max, io_links_t links, size_t *len);

/* path with its folder resolved (realpath) and its last component kept as
 * given, when that folder is root or lies below it (root is resolved too).
 * Opening the result with O_NOFOLLOW then reaches nothing outside root. The
 * file itself need not exist; its folder must. New string (caller frees), or
 * NULL with errno: IO_EOUTSIDE, EINVAL (a last component "." or ".."), or
 * realpath's. */
char *io_resolve_inside(const char *root, const char *path);

/* io_resolve_inside, then io_read_file without following a link: a file of
 * the repository or workspace folder at root. Caller frees. */
char *io_read_inside(const char *root, const char *path, size_t max, size_t *len);

/* Replaces the file at path (a link: the file it leads to) with
 * data[0..len), atomically: a temporary file in the same folder with the
 * same permissions, written and synced, then renamed over it. Only when the
 * file still holds was[0..was_len), the text the caller read: else nothing
 * is written and errno is IO_ECHANGED. 0, or -1 with errno. */
int io_replace_file(const char *path, const char *was, size_t was_len, const char *data, size_t len);

/* Is path (resolved) root (resolved) or below it? A string comparison. */
int io_path_is_under(const char *root, const char *path);

/* Why a read failed, in words, for an errno from the functions above.
 * Static string. */
const char *io_error_text(int err);

/* "dir/name" as a new string (caller frees), NULL on OOM. A dir that ends
 * in '/' gets no second one. */
char *io_path_join(const char *dir, const char *name);

#endif
