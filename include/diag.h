/* diag.h: a diagnostic as the analysis produces it: byte offsets, no JSON. */
#ifndef PLANLS_DIAG_H
#define PLANLS_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { SEV_ERROR = 1, SEV_WARNING = 2, SEV_INFO = 3, SEV_HINT = 4 } severity_t;

/* A place elsewhere in the same document that the diagnostic is about (LSP's
 * DiagnosticRelatedInformation): each open item of a plan that says it is
 * complete. */
typedef struct {
    size_t start, end; /* byte offsets, relative as the diagnostic's are */
    char *message;     /* owned */
} diag_related_t;

typedef struct {
    size_t start, end; /* byte offsets (absolute in a diag list, section-relative in a cache) */
    severity_t severity;
    const char *code;        /* static, e.g. "missing-section" */
    int rule;                /* its rule_t (analysis/rule_codes.h), or -1 */
    char *message;           /* owned */
    size_t seq;              /* insertion order: ties in position keep the rules' order */
    int required_index;      /* missing-section: which of the plan's required sections; else -1 */
    diag_related_t *related; /* owned; nrelated places of related information */
    size_t nrelated;
} diag_t;

typedef struct {
    diag_t *items; /* owned */
    size_t n, cap;
} diag_list_t;

void diag_list_init(diag_list_t *l);
void diag_list_free(diag_list_t *l);
void diag_list_clear(diag_list_t *l);
/* Appends a diagnostic with a printf-formatted message; rule is the emitter's
 * id for the code (diag knows no codes; the analysis emits through
 * rule_emit in rule_codes.h). Returns 0 or -1 (OOM). */
int diag_vadd(diag_list_t *l, size_t start, size_t end, severity_t sev, const char *code, int rule, const char *fmt,
              va_list ap);
/* Adds related information (a copy of message, n bytes) to the list's last
 * diagnostic. Returns 0 or -1 (OOM). */
int diag_add_related(diag_list_t *l, size_t start, size_t end, const char *message, size_t n);
/* Frees what one diagnostic owns (its message and related information). */
void diag_free_item(diag_t *d);
/* Appends a copy of every item of src with offsets shifted by delta. */
int diag_list_append(diag_list_t *dst, const diag_list_t *src, size_t delta);
/* Sorts by start offset, keeping the order the rules produced for ties. */
void diag_list_sort(diag_list_t *l);
/* "error", "warning", "information", "hint" (the names settings use). Static. */
const char *severity_name(severity_t s);
/* The same, with "info" for SEV_INFO (the CLI's reports). Static. */
const char *severity_short_name(severity_t s);
/* A settings name: 0 for "off", a severity_t, or -1 when it is none. */
int severity_from_name(const char *name);

#endif
