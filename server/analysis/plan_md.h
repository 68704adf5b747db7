/* plan_md.h: reading Markdown into the plan model (private to analysis/).
 * plan_md.c is the only file that includes cmark-gfm; plan.c (the model and
 * its incremental windows) chooses the bytes to read and calls these. Every
 * reader parses a byte range that starts at a line start, and reports
 * whether the range parsed exactly as it would inside the whole text (it is
 * "sealed": the block after it still starts where it did). */
#ifndef PLANLS_PLAN_MD_H
#define PLANLS_PLAN_MD_H

#include "plan.h"

/* What a reader made of its range. MD_OOM is -1 so that the 0 / -1 results
 * of the smaller readers pass through unchanged. */
typedef enum {
    MD_OK = 0,
    MD_OOM = -1,
    MD_NO_HEADING = 1, /* the range should start with a section heading and does not */
    MD_UNSEALED = 2    /* the range does not read as in the whole text: nothing was kept */
} md_result_t;

/* A growing run of parsed sections (items owned). */
typedef struct {
    plan_section_t *items;
    size_t n, cap;
} section_vec_t;

/* How a chunk of text fits the parse around it. */
typedef struct {
    int lead;           /* the chunk starts the document (after front matter): it opens the lead */
    int cont;           /* the chunk continues the last section of out */
    int cont_list;      /* its first list continues that section's last list */
    int seal_line;      /* > 0: this line (cmark numbering) must start a block the chunk does not read */
    int list_seal;      /* a list item may seal, not only a level 1-2 heading */
    int next_cont_list; /* out: the sealing item continues the chunk's last list */
} chunk_opts_t;
/* Call once before parsing on several threads (registers cmark-gfm's
 * extensions, which is not thread-safe). */
void md_prepare_threads(void);

/* YAML front matter at the start of t: sets p->fm_end and the
 * "last_updated:" fields. */
void md_read_front_matter(plan_t *p, const text_t *t);

/* Parses bytes [from, to) of t into sections appended to out (or continuing
 * its last one, o->cont). Without o->lead or o->cont the range must start
 * with a section heading (else MD_NO_HEADING). With o->seal_line, MD_UNSEALED
 * when that line does not start a level 1-2 heading (or, with o->list_seal,
 * a top-level list item). */
md_result_t md_read_chunk(const text_t *t, size_t from, size_t to, section_vec_t *out, chunk_opts_t *o,
                          plan_stats_t *stats, const config_t *cfg);

/* The item window of one list: parses [from, until) and reads its items into
 * w (md_section_init'ed, anchored at the section's start), every one before
 * to. Mid-list (!tail) the item at to must still start an item of the same
 * list; at the section's end (tail) the next heading, if any (until > to),
 * must start on to's line. */
md_result_t md_read_items(const text_t *t, size_t from, size_t to, size_t until, int tail, unsigned list,
                          plan_stats_t *stats, plan_section_t *w);

/* The block window: parses [from, until) and reads its top-level blocks into
 * w. No list or level 1-2 heading may appear before to; at to starts a block
 * of seal_kind (!tail) or the next heading (tail, until > to). A footer or
 * revision note in the window, or an empty tail window, is MD_UNSEALED: the
 * section path reads those. */
md_result_t md_read_blocks(const text_t *t, size_t from, size_t to, size_t until, int tail, block_kind_t seal_kind,
                           plan_stats_t *stats, plan_section_t *w);

/* A section with nothing read yet, starting at absolute offset start. */
void md_section_init(plan_section_t *s, size_t start);
/* Frees what a section owns and zeroes it. */
void md_section_clear(plan_section_t *s);

/* Adds what entry e says to s's sums: stamps of each style, the newest
 * stamp, labelled entries, checkbox steps (the reader and plan.c's recount
 * after a partial parse both call it). */
void md_count_entry(plan_section_t *s, const plan_entry_t *e);

/* Clears every section of v and frees its array. */
void md_sections_free(section_vec_t *v);

#endif
