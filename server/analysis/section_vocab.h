/* section_vocab.h: the words that stand for each canonical section besides its
 * English name: word variants, key words, the name in other languages, CJK key
 * terms. Data only; sections.c decides how they match. Pure. */
#ifndef PLANLS_SECTION_VOCAB_H
#define PLANLS_SECTION_VOCAB_H

#include "sections.h"

/* Every list is NULL-terminated and static. Latin words are lowercase ASCII
 * with accents folded ("aceptacion"); sections.c compares them after a naive
 * plural stem. */
typedef struct {
    /* The words of the English name (after sections.c splits it) and their
     * spelling variants: a heading made only of these names the section. */
    const char *words[6];
    /* Key words: one of them among other words places a heading here. */
    const char *keys[8];
    /* The whole name in Chinese (both scripts), Japanese, Korean, Spanish and
     * Portuguese, as written, one string per language with the names
     * separated by '|' ("进度|进展"); compared after sections.c's compaction. */
    const char *const *names;
    /* CJK terms that place a short heading that begins or ends with one. */
    const char *cjk_keys[10];
} section_vocab_t;

/* The vocabulary of section id, or NULL for an id out of range. Static. */
const section_vocab_t *section_vocab(section_id_t id);

/* Words too common in plan headings to stand for a section on their own:
 * "Notes", "Work Plan", "Next Steps", "Log". */
int section_vocab_is_generic(const char *word);

/* Words that join others and carry no meaning of their own here ("and",
 * "of", Spanish "y", "de", Portuguese "e"), and filler ("list", "section"). */
int section_vocab_is_filler(const char *word);

#endif
