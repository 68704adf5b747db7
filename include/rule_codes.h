/* rule_codes.h: every diagnostic code planls emits, in one table. Rules emit
 * the enum, code actions switch on it, settings accept per-code severities
 * from it, SARIF describes it, and a test holds README's table to it: adding
 * a rule is one row here plus its check in one rules_<family>.c. */
#ifndef PLANLS_RULE_CODES_H
#define PLANLS_RULE_CODES_H

#include "diag.h"

/* X(enum, code, default severity, family, has a quick fix, reported unless the settings turn it off)
 * (family "suppress": suppress.c, the planls-disable comments) */
#define RULE_CODES(X)                                                                                                  \
    X(RULE_MISSING_SECTION, "missing-section", SEV_WARNING, "sections", 1, 1)                                          \
    X(RULE_DUPLICATE_SECTION, "duplicate-section", SEV_WARNING, "sections", 0, 1)                                      \
    X(RULE_UNKNOWN_SECTION, "unknown-section", SEV_WARNING, "sections", 1, 1)                                          \
    X(RULE_EXTRA_SECTION, "extra-section", SEV_HINT, "sections", 0, 0)                                                 \
    X(RULE_SECTION_ORDER, "section-order", SEV_HINT, "sections", 0, 1)                                                 \
    X(RULE_MISSING_TITLE, "missing-title", SEV_INFO, "sections", 1, 1)                                                 \
    X(RULE_MISSING_PREAMBLE, "missing-preamble", SEV_INFO, "sections", 1, 1)                                           \
    X(RULE_EMPTY_SECTION, "empty-section", SEV_HINT, "sections", 0, 1)                                                 \
    X(RULE_BAD_TIMESTAMP, "bad-timestamp", SEV_WARNING, "time", 1, 1)                                                  \
    X(RULE_TIMESTAMP_FORMAT, "timestamp-format", SEV_HINT, "time", 1, 1)                                               \
    X(RULE_UNDATED_ENTRY, "undated-entry", SEV_INFO, "entries", 1, 1)                                                  \
    X(RULE_PROGRESS_OUT_OF_ORDER, "progress-out-of-order", SEV_INFO, "entries", 0, 1)                                  \
    X(RULE_FUTURE_TIMESTAMP, "future-timestamp", SEV_INFO, "time", 0, 1)                                               \
    X(RULE_STALE_LAST_UPDATED, "stale-last-updated", SEV_INFO, "time", 1, 1)                                           \
    X(RULE_DECISION_MISSING_RATIONALE, "decision-missing-rationale", SEV_INFO, "entries", 1, 1)                        \
    X(RULE_TODO_NOT_CHECKBOX, "todo-not-checkbox", SEV_INFO, "entries", 1, 1)                                          \
    X(RULE_CHECKBOX_OUTSIDE_PROGRESS, "checkbox-outside-progress", SEV_INFO, "entries", 1, 1)                          \
    X(RULE_PLAN_COMPLETE_WITH_OPEN_ITEMS, "plan-complete-with-open-items", SEV_WARNING, "lifecycle", 0, 1)             \
    X(RULE_OUTCOMES_MISSING, "outcomes-missing", SEV_INFO, "lifecycle", 0, 1)                                          \
    X(RULE_VALIDATION_NOT_RUN, "validation-not-run", SEV_INFO, "lifecycle", 0, 1)                                      \
    X(RULE_STALE_PLAN, "stale-plan", SEV_INFO, "lifecycle", 0, 1)                                                      \
    X(RULE_MISSING_PATH, "missing-path", SEV_INFO, "paths", 1, 1)                                                      \
    X(RULE_UNUSED_SUPPRESSION, "unused-suppression", SEV_HINT, "suppress", 0, 1)                                       \
    X(RULE_BAD_SETTINGS, "bad-settings", SEV_ERROR, "settings", 0, 1)

typedef enum {
#define RULE_ENUM(e, code, sev, family, fix, on) e,
    RULE_CODES(RULE_ENUM)
#undef RULE_ENUM
        RULE_COUNT
} rule_t;

typedef struct {
    const char *code;    /* the stable code on the wire and in settings */
    severity_t severity; /* the default (a rule may emit a milder one for a milder case) */
    const char *family;  /* which rules_<family>.c emits it ("settings": the settings reader) */
    int has_fix;         /* actions.c offers a quick fix */
    int on;              /* reported by default; 0: only when the settings give it a severity */
} rule_info_t;

extern const rule_info_t rule_info[RULE_COUNT];

/* The rule with this code, or -1. */
int rule_from_code(const char *code);

/* Appends a diagnostic of rule r at its default severity, or at sev. Return
 * 0 or -1 (OOM). */
int rule_emit(diag_list_t *out, rule_t r, size_t start, size_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
int rule_emit_sev(diag_list_t *out, rule_t r, severity_t sev, size_t start, size_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#endif
