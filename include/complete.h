/* complete.h: completions inside a plan: section headings (with their first entry),
 * entries, stamps. Byte offsets in, plain structs out. */
#ifndef PLANLS_COMPLETE_H
#define PLANLS_COMPLETE_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

typedef struct {
    char *label;       /* owned */
    char *detail;      /* owned, may be NULL */
    char *filter;      /* owned, may be NULL */
    char *sort;        /* owned */
    int kind;          /* LSP CompletionItemKind */
    int snippet;       /* insertTextFormat 2 */
    size_t start, end; /* range replaced (contains the cursor) */
    char *text;        /* owned: new text */
} completion_t;

typedef struct {
    completion_t *items; /* owned */
    size_t n, cap;
} completion_list_t;

void completion_list_free(completion_list_t *l);

/* Completions at byte offset off. snippets: the client takes snippet syntax. */
int complete_at(const plan_t *p, const text_t *t, size_t off, int64_t now, int snippets, completion_list_t *out);

#endif
