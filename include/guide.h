/* guide.h: reading a repository's plan guide (PLANS.md): the headings of the
 * skeleton it tells plans to follow. Pure. */
#ifndef PLANLS_GUIDE_H
#define PLANLS_GUIDE_H

#include <stddef.h>

/* Finds the guide's skeleton: of its fenced Markdown blocks (```md,
 * ```markdown or no info) whose level-2 headings name at least three
 * canonical sections, one under a heading that says "template" or
 * "skeleton", else the one naming the most; each section once. The guide's
 * own headings never count. *names receives a new array of new strings, owned
 * by the caller (free each, then the array; NULL when there is no skeleton).
 * Returns the count, 0 when there is no skeleton, -1 on OOM. */
int guide_skeleton(const char *text, size_t len, char ***names);

/* Is the file at a guide's path (a root PLANS.md) a live plan rather than a
 * guide? It is when it quotes no skeleton (no fenced Markdown block with three
 * level-2 headings) and either a Progress section has a stamped entry or the
 * title is followed by the living-document line. */
int guide_is_live_plan(const char *text, size_t len);

/* The guide files a repository may keep, relative to its root, in the order
 * they are looked for. NULL-terminated. */
extern const char *const guide_paths[];

#endif
