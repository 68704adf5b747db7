/* io.h: the two file-system helpers every reader of settings, guides and
 * plans needs. Plain POSIX; no logging (callers decide what a failure means). */
#ifndef PLANLS_IO_H
#define PLANLS_IO_H

#include <stddef.h>

/* Reads a whole regular file of at most max bytes into a new buffer,
 * NUL-terminated at *len (caller frees). NULL with errno set on failure
 * (EFBIG when larger than max or not a regular file). */
char *io_read_file(const char *path, size_t max, size_t *len);

/* "dir/name" as a new string (caller frees), NULL on OOM. A dir that ends
 * in '/' gets no second one. */
char *io_path_join(const char *dir, const char *name);

#endif
