/* edit.h: a list of text edits, as code actions and completions produce them: byte
 * offsets into the current text, applied all at once. */
#ifndef PLANLS_EDIT_H
#define PLANLS_EDIT_H

#include <stddef.h>

typedef struct {
    size_t start, end; /* bytes replaced in the current text */
    char *text;        /* owned */
} edit_t;

typedef struct {
    edit_t *items; /* owned, sorted by start, non-overlapping */
    size_t n, cap;
} edit_list_t;

void edit_list_free(edit_list_t *l);
/* Adds an edit replacing [start, end) with a copy of text, keeping the list
 * sorted (clients apply every edit against the original text). Returns 0, or
 * -1 on OOM or a NULL text (an allocation that failed upstream). */
int edit_add(edit_list_t *l, size_t start, size_t end, const char *text);
/* A copy of s with every "\n" that has no "\r" before it written as
 * "\r\n". New string (caller frees); NULL on OOM. */
char *edit_text_crlf(const char *s);
/* Rewrites every "\n" of the edits' texts that has no "\r" before it as
 * "\r\n". *cursor (may be NULL), an offset in the edited text that may lie
 * inside an inserted text, moves with it. Returns 0, or -1 on OOM (the list
 * unchanged). */
int edit_list_to_crlf(edit_list_t *l, size_t *cursor);
/* Rewrites, in place, each "\n" of s not after a "\r" to "\r": the line
 * ending of a file whose lines end with a lone CR. */
void edit_text_to_cr(char *s);

/* Rewrites every "\n" of the edits' texts that has no "\r" before it as
 * "\r" (for texts whose lines end with a lone "\r"); offsets do not move. */
void edit_list_to_cr(edit_list_t *l);

/* s[0..n) with the edits of l (sorted, non-overlapping, inside s) applied,
 * NUL-terminated at *out_len. New string (caller frees); NULL on OOM. */
char *edit_apply(const char *s, size_t n, const edit_list_t *l, size_t *out_len);

#endif
