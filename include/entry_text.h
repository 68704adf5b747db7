/* entry_text.h: what the words of a plan entry say: the label it opens with
 * ("Decision:", "Rationale:", "Date/Author:"), whether it gives a reason, and
 * whether it only holds a place ("None yet."). Pure; English, Chinese,
 * Japanese, Korean, Spanish and Portuguese. */
#ifndef PLANLS_ENTRY_TEXT_H
#define PLANLS_ENTRY_TEXT_H

#include <stddef.h>

typedef enum {
    LABEL_NONE = 0,
    LABEL_HEAD,      /* opens an entry: "Decision:", "Observation:", "Finding:" */
    LABEL_RATIONALE, /* "Rationale:", "Why:", "Reason:" */
    LABEL_DATE,      /* "Date/Author:", "Date:", "When:" */
    LABEL_DETAIL     /* another part of the entry above: "Evidence:", "Impact:", "Alternatives:" */
} entry_label_t;

/* The label s[0..n) opens with (after blanks, a list marker and "**").
 * *after (may be NULL): where the words after the label start (0 without). */
entry_label_t entry_label(const char *s, size_t n, size_t *after);

/* Does s[0..n) give a reason: "because", "so that", "to avoid", "in order to",
 * "instead of", "since", a second sentence, or the same in the other
 * languages (为了, 因为, ため, ので, から, porque, ...)? */
int entry_gives_reason(const char *s, size_t n);

/* Does s[0..n) (an entry's text after its marker) only hold a place:
 * "None yet.", "(fill during work)", "(none)", "TBD", "暂无", "なし"? */
int entry_is_placeholder(const char *s, size_t n);

/* Is an entry (its first line s[0..n)) marked blocked: a pause sign ⏸ or
 * the word BLOCKED in capitals? */
int entry_is_blocked(const char *s, size_t n);

#endif
