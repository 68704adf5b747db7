/* rules_family.h: what the rule families share (private to analysis/).
 * Each rules_<family>.c has a section part, whose results rules.c caches per
 * section with offsets relative to it, and a document part (absolute
 * offsets). rules.c calls them in a fixed order, which fixes the order of
 * diagnostics that share a position. */
#ifndef PLANLS_RULES_FAMILY_H
#define PLANLS_RULES_FAMILY_H

#include "plan.h"
#include "plan_status.h"
#include "rule_codes.h"

/* How much of the user's text s[0..n) a message quotes: at most 200 bytes,
 * cut where a character starts, so that the message stays valid UTF-8 (JSON
 * writers drop or mangle a string that is not). For "%.*s". */
static inline int rules_print_len(const char *s, size_t n) {
    if (n <= 200) return (int)n;
    size_t k = 200;
    /* Back to the start of the character byte 200 is in (at most 3 bytes
     * back: a longer run of continuation bytes is no character anyway). */
    while (k > 197 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    return (int)k;
}

/* Sections whose entries are dated. */
static inline int rules_is_entry_section(section_id_t id) {
    return id == SEC_PROGRESS || id == SEC_SURPRISES || id == SEC_DECISIONS;
}

/* Section i, below a heading that names one of the plan's sections and is
 * not the title ("# Crash recovery for the sync worker" may match by a key
 * word): only those carry entries, footers and content rules. */
static inline int rules_known_section(const plan_t *p, size_t i) {
    const plan_section_t *s = &p->sections[i];
    return s->level > 0 && s->match != SECTION_NO_MATCH && i != p->title;
}

/* Where document-wide complaints go: the title's text, else the first line. */
static inline void rules_anchor(const plan_t *p, const text_t *t, size_t *a, size_t *b) {
    if (p->title) {
        const plan_section_t *s = &p->sections[p->title];
        *a = s->start + s->name_start;
        *b = *a + s->name_len;
        return;
    }
    *a = 0;
    *b = text_line_end(t, 0);
}

/* rules_sections.c: unknown and empty sections; missing, duplicate and
 * misordered ones, title and preamble. */
int rules_sections_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out);
int rules_sections_document(const plan_t *p, const text_t *t, diag_list_t *out);
/* rules_time.c: bad and non-canonical stamps (entries, footer), future
 * stamps, stale Last Updated. */
int rules_time_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out);
int rules_time_document(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out);
/* rules_entries.c: undated entries, Progress order, rationale, to-do
 * checkboxes, checkboxes outside Progress. */
int rules_entries_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out);
/* rules_lifecycle.c: a plan whose status does not match its items: complete
 * with open items, outcomes or validation left out, active but stale. */
int rules_lifecycle_document(const plan_t *p, const text_t *t, const plan_summary_t *sum, int64_t now,
                             diag_list_t *out);

/* rules_paths.c: repository paths the plan names that do not exist (needs
 * p->paths; none without it); st is the plan's status. */
int rules_paths_document(const plan_t *p, const text_t *t, const plan_status_info_t *st, diag_list_t *out);
/* What rules.h's rules_plan_paths and rules_path_nearest say. */
int rules_paths_extract(const plan_t *p, const text_t *t, path_ref_list_t *out);
char *rules_paths_nearest(const plan_t *p, const char *path);

#endif
