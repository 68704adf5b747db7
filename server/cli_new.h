/* cli_new.h: `planls new "Title"`, a plan from the repository's skeleton. */
#ifndef PLANLS_CLI_NEW_H
#define PLANLS_CLI_NEW_H

/* argv holds the arguments after "new". Returns the exit status: 0 written,
 * 1 the file exists, 2 usage or I/O error. */
int new_main(int argc, char **argv);

/* The file name for a title: lowercase ASCII words joined by '-', at most
 * 80 bytes (new string, caller frees; "plan" when nothing is left). */
char *new_slug(const char *title);

/* The title as the plan's heading: each run of control characters
 * (newlines, tabs, escapes, C1) and spaces becomes one space, none at either
 * end. New string (caller frees; "" when nothing printable is left), or
 * NULL on OOM. */
char *new_clean_title(const char *title);

#endif
