/* suppress.h: inline suppression comments, the way linters spell them:
 *
 *   <!-- planls-disable-next-line CODE[, CODE] -->   the line after the comment
 *   <!-- planls-disable CODE -->  ...  <!-- planls-enable CODE -->
 *   <!-- planls-disable-file CODE -->               the whole file
 *
 * No codes means every code; "-- why" after the codes is a reason for the
 * reader. A comment counts when it opens its line (after any indentation)
 * outside a code fence, so a plan can quote the syntax in backticks or in a
 * fence without silencing itself. */
#ifndef PLANLS_SUPPRESS_H
#define PLANLS_SUPPRESS_H

#include "diag.h"
#include "text.h"

/* Drops from l (absolute offsets into t) the diagnostics t's comments
 * silence, freeing them, and appends an unused-suppression hint for each
 * code a comment names that is unknown or silences nothing (and for a
 * comment without codes that silences nothing). Returns 0 or -1 (OOM). */
int suppress_apply(const text_t *t, diag_list_t *l);

/* The comment that silences code on the line starting at line_start, for the
 * "Ignore CODE on this line" fix: the line's indentation, then
 * "<!-- planls-disable-next-line CODE -->" and "\n" (actions fit it to the
 * text's line endings). Owned string (free), or NULL on OOM. */
char *suppress_comment_for(const text_t *t, size_t line_start, const char *code);

#endif
