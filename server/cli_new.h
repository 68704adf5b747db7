/* cli_new.h: `planls new "Title"`, a plan from the repository's skeleton. */
#ifndef PLANLS_CLI_NEW_H
#define PLANLS_CLI_NEW_H

#include "strbuf.h"

/* argv holds the arguments after "new". Returns the exit status: 0 written,
 * 1 the file exists, 2 usage or I/O error. */
int new_main(int argc, char **argv);

/* What `planls new` does, for the repository holding dir: writes the new
 * plan for raw_title (cleaned as new_clean_title does) and sets *path to it
 * (new string, caller frees; NULL unless 0 is returned). What went wrong, and
 * settings problems, are appended to msg, one line each. Returns 0 written,
 * 1 the file exists, 2 an error. */
int new_plan_create(const char *dir, const char *raw_title, char **path, strbuf_t *msg);

/* The file name for a title: lowercase ASCII words joined by '-', at most
 * 80 bytes (new string, caller frees; "plan" when nothing is left). */
char *new_slug(const char *title);

/* The title as the plan's heading: each run of control characters
 * (newlines, tabs, escapes, C1) and spaces becomes one space, none at either
 * end. New string (caller frees; "" when nothing printable is left), or
 * NULL on OOM. */
char *new_clean_title(const char *title);

#endif
