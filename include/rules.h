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

#define RULES_MAX_REQUIRED 64

/* A section a plan must have: its heading, and the canonical section it
 * stands for (-1 for a team's own section). */
typedef struct {
    const char *name; /* borrowed (static or from the config) */
    int id;
} required_t;

/* The sections this plan must have, in order: the settings' (or plan
 * guide's) list, else the dialect's canonical sections. out holds
 * RULES_MAX_REQUIRED. Returns the count. */
size_t rules_required(const plan_t *p, required_t *out);
/* Index in req of section i, or -1 when it is none of them. */
int rules_required_index(const plan_t *p, const required_t *req, size_t n, size_t i);

/* The living-document line a dialect expects under the title. Static. */
const char *rules_preamble_text(dialect_t d);

#endif
