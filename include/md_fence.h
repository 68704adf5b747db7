/* md_fence.h: code fence lines as CommonMark reads them, for the few places
 * that walk a text line by line instead of asking the model. */
#ifndef PLANLS_MD_FENCE_H
#define PLANLS_MD_FENCE_H

#include <stddef.h>

/* Length of the code fence line s[0..n) opens (up to 3 spaces, then 3 or
 * more backticks or tildes; a backtick fence's info string has none), 0 when
 * it opens none. *mark receives its character. */
size_t md_fence_opens(const char *s, size_t n, char *mark);

/* Does line s[0..n) close a fence of len marks? */
int md_fence_closes(const char *s, size_t n, char mark, size_t len);

#endif
