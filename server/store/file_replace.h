/* file_replace.h: rewriting a file the user owns without ever leaving it
 * half written or overwriting a change made meanwhile. */
#ifndef PLANLS_FILE_REPLACE_H
#define PLANLS_FILE_REPLACE_H

#include <errno.h>
#include <stddef.h>

/* errno when the file no longer holds what was read. */
#define FILE_ECHANGED ESTALE

/* Replaces the regular file at path (not a symbolic link) with data[0..len)
 * when it still holds exactly old[0..oldlen): writes a temporary file in
 * the same folder with the file's permission bits, compares the file once
 * more and renames the temporary over it (readers see the old text or the
 * new, never a mix; no fsync, see file_replace.c). Returns 0,
 * or -1 with errno: FILE_ECHANGED (the file changed since it was read; it is
 * left as it is), or the system's. The temporary never outlives a failure. */
int file_replace(const char *path, const char *old, size_t oldlen, const char *data, size_t len);

#endif
