/* cli_files.h: writing files for the commands (new, init): inside the
 * repository only, never over a user's file, never through a link. */
#ifndef PLANLS_CLI_FILES_H
#define PLANLS_CLI_FILES_H

#include "strbuf.h"

/* Creates base/dir folder by folder (mkdir -p) with every folder resolved
 * and checked to lie inside base (the repository): a symbolic link among
 * them must not lead a new file out of it. Returns the resolved folder
 * (owned: free it), or NULL with errno set (IO_EOUTSIDE: a link led out). */
char *cli_make_dirs_inside(const char *base, const char *dir);

/* Writes text to a new file at path: never over an existing file (O_EXCL),
 * never through a symbolic link (O_NOFOLLOW). Returns 0, 1 when the file
 * exists, 2 on an error, said in msg (a line each), or on stderr when msg
 * is NULL. */
int cli_write_new(const char *path, const char *text, strbuf_t *msg);

#endif
