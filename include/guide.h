/* guide.h: reading a repository's plan guide (PLANS.md): the headings of the
 * skeleton it tells plans to follow. Pure. */
#ifndef PLANLS_GUIDE_H
#define PLANLS_GUIDE_H

#include <stddef.h>

/* Finds the guide's skeleton: of its fenced Markdown blocks (```md,
 * ```markdown or no info), the one with the most level-2 headings naming
 * canonical sections (at least three); else the guide's own level-2 headings
 * when at least three are canonical. *names receives a new array of new
 * strings (free each, then the array). Returns the count, 0 when there is no
 * skeleton, -1 on OOM. */
int guide_skeleton(const char *text, size_t len, char ***names);

/* The guide files a repository may keep, relative to its root, in the order
 * they are looked for. NULL-terminated. */
extern const char *const guide_paths[];

#endif
