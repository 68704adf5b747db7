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
    SECTION_EXACT,     /* equal after case folding, whitespace folding and closing hashes */
    SECTION_NEAR_MISS, /* a typo, a did-you-mean: "Suprises", "Decsion Log", "Progres" */
    SECTION_ALIAS,     /* the name in other words: "Decisions log", "Validation", "进度", "Progreso" */
    SECTION_KEYWORD    /* a key word among others: "Acceptance Criteria", "Risks and recovery" */
} section_match_t;

/* Matches a heading's text (as written, without the leading #s) against the
 * canonical names and their vocabulary (the policy is in sections.c). Returns
 * the kind of match and stores the section in *id (untouched on
 * SECTION_NO_MATCH). */
section_match_t section_match(const char *name, size_t n, section_id_t *id);

/* The heading stands for its section as written (EXACT, ALIAS, KEYWORD): it
 * counts as the section with no hint. A NEAR_MISS counts too, as a typo. */
int section_match_stands_for(section_match_t m);

/* A first H1 matching this way may still be the plan's title: NO_MATCH, or
 * only a KEYWORD ("# Add crash recovery to the sync worker"). */
int section_match_may_be_title(section_match_t m);

#endif
