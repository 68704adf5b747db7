/* rules.h: the diagnostics. Section rules see one section (relative offsets,
 * cached by plan.c); document rules see the whole model (absolute offsets). */
#ifndef PLANLS_RULES_H
#define PLANLS_RULES_H

#include "plan.h"

/* Appends the diagnostics of section i to out, offsets relative to its start. */
int rules_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out);

/* Appends the document-wide diagnostics (missing, duplicate and misordered
 * sections, title, preamble, stale footer, future stamps) to out. */
int rules_document(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out);

/* The living-document line a dialect expects under the title. Static. */
const char *rules_preamble_text(dialect_t d);

#endif
