/* sections.h: the canonical ExecPlan sections and heading-name matching. Pure. */
#ifndef PLANLS_SECTIONS_H
#define PLANLS_SECTIONS_H

#include <stddef.h>

typedef enum {
    SEC_PURPOSE = 0,
    SEC_TODO,
    SEC_PROGRESS,
    SEC_SURPRISES,
    SEC_DECISIONS,
    SEC_OUTCOMES,
    SEC_CONTEXT,
    SEC_PLAN_OF_WORK,
    SEC_STEPS,
    SEC_VALIDATION,
    SEC_IDEMPOTENCE,
    SEC_ARTIFACTS,
    SEC_INTERFACES,
    SEC_COUNT
} section_id_t;

/* Canonical heading text, e.g. "Surprises & Discoveries". Static. */
const char *section_name(section_id_t id);

typedef enum {
    SECTION_NO_MATCH = 0,
    SECTION_EXACT,    /* equal after case folding, whitespace folding and closing hashes */
    SECTION_NEAR_MISS /* a did-you-mean: "Suprises", "Validation & Acceptance", "Decisions Log" */
} section_match_t;

/* Matches a heading's text (as written, without the leading #s) against the
 * canonical names. Returns the kind of match and stores the section in *id
 * (untouched on SECTION_NO_MATCH). '&' and "and" are the same word; near misses
 * are small edit distances over the normalised name or over one of its words. */
section_match_t section_match(const char *name, size_t n, section_id_t *id);

#endif
