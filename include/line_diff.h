/* line_diff.h: a unified diff of two texts, line by line (Myers' O(ND)
 * algorithm), for `planls check --fix --diff`. Written here because Debian
 * ships no small C diff library (libgit2 and libxdiff-in-git are whole
 * toolkits for what is 150 lines). */
#ifndef PLANLS_LINE_DIFF_H
#define PLANLS_LINE_DIFF_H

#include <stddef.h>

#include "strbuf.h"

/* Appends to out the unified diff (3 lines of context, "--- a/NAME" and
 * "+++ b/NAME" headers) turning a[0..alen) into b[0..blen); nothing when
 * they are equal. Returns 0, or -1 on OOM. */
int line_diff(const char *name, const char *a, size_t alen, const char *b, size_t blen, strbuf_t *out);

#endif
