/* vec.h: the one way to grow an array. Every list in planls (sections,
 * entries, blocks, diagnostics, edits, completions, folds, messages) grows by
 * doubling through here, so the overflow checks are written once. */
#ifndef PLANLS_VEC_H
#define PLANLS_VEC_H

#include <stddef.h>

/* Grows the array *bufp (elements of size elem, capacity *cap) to hold at
 * least need elements, doubling from a first capacity of 8. Returns 0, or -1
 * on overflow or allocation failure, leaving *bufp and *cap as they were.
 * bufp points at the caller's typed pointer (T **, passed as void *: the
 * pointer is read and written with memcpy, so no aliasing rule is broken). */
int vec_reserve(void *bufp, size_t *cap, size_t need, size_t elem);

/* vec_reserve for a typed pointer: VEC_RESERVE(l->items, l->cap, l->n + 1). */
#define VEC_RESERVE(ptr, cap, need) ((need) <= (cap) ? 0 : vec_reserve(&(ptr), &(cap), (need), sizeof *(ptr)))

#endif
