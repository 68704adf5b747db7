/* outline.h: the plan's outline (document symbols) and its folding ranges. */
#ifndef PLANLS_OUTLINE_H
#define PLANLS_OUTLINE_H

#include <stddef.h>

#include "plan.h"

/* One node of the outline. Names and details point into the text (or are
 * static): walking the outline allocates nothing, whatever the plan's size. */
typedef struct {
    const char *name, *detail; /* detail may be NULL */
    size_t name_len, detail_len;
    int kind;          /* LSP SymbolKind */
    size_t start, end; /* whole range */
    size_t sel_start, sel_end;
} outline_node_t;

enum { OUTLINE_ENTER = 0, OUTLINE_LEAVE = 1 };

/* A cursor over the plan's outline: the title, then its sections (nested
 * under it), then each section's entries; every node is entered, then left
 * after its children. Holds no pointers: a walk can stop and resume, as long
 * as the plan does not change in between. */
typedef struct {
    int step;
    size_t section, entry;
} outline_iter_t;

void outline_iter_init(outline_iter_t *it);
/* The next node and whether it is entered or left (OUTLINE_*). Returns 0 at
 * the end of the walk. */
int outline_next(outline_iter_t *it, const plan_t *p, const text_t *t, outline_node_t *node, int *event);

typedef struct {
    size_t start_line, end_line;
} fold_t;

/* Folding ranges: sections and entries with sub-items. Caller frees *out. */
int outline_folds(const plan_t *p, const text_t *t, fold_t **out, size_t *n);

#endif
