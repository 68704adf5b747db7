/* plan.h: the plan model of one document, kept current incrementally.
 *
 * A document is cut into sections at its top-level headings of level 1 and 2
 * (as cmark-gfm sees them: not in code fences; ATX or setext). sections[0] is
 * the lead: everything before the first such heading (after YAML front matter).
 * After an edit only the sections the edit touched are parsed again; the
 * result always equals a full parse of the same text (plan_same checks it).
 *
 * Offsets inside a section (entries, spans, cached diagnostics) are relative to
 * the section's start, so an edit elsewhere only shifts section starts. How
 * the windows work: the comment at the top of server/analysis/plan.c. */
#ifndef PLANLS_PLAN_H
#define PLANLS_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "path_refs.h"
#include "sections.h"
#include "text.h"
#include "timestamp.h"

typedef enum { DIALECT_GUIDE = 0, DIALECT_COOKBOOK = 1 } dialect_t;

enum {
    ENTRY_RATIONALE = 1u << 0,   /* gives a reason: a "Rationale:" line, "because", a second sentence... */
    ENTRY_SUBITEMS = 1u << 1,    /* has nested list items or continuation lines */
    ENTRY_DATED = 1u << 2,       /* a "Date/Author:" or "Date:" line dates it */
    ENTRY_PART = 1u << 3,        /* a labelled part of the entry above ("- Rationale: ..." as a sibling) */
    ENTRY_LABELLED = 1u << 4,    /* opens with a cookbook label ("Decision:", "Date/Author:"): dialect evidence */
    ENTRY_PLACEHOLDER = 1u << 5, /* only holds a place: "None yet.", "(fill during work)" */
    ENTRY_UNLISTED = 1u << 6,    /* a "[x] ..." line of a Progress paragraph, not a list item */
    ENTRY_BLOCKED = 1u << 7      /* To-do or Progress: marked ⏸️ or BLOCKED on its first line */
};

typedef struct {
    size_t start;      /* first byte of the item's first line */
    size_t text;       /* first byte after the list marker and its spaces */
    size_t line_end;   /* end of the first line's content */
    size_t end;        /* end of the item's last line's content */
    int checkbox;      /* -1: none, 0: "[ ]", 1: "[x]" */
    size_t box;        /* offset of the checkbox's '[' when checkbox >= 0 */
    timestamp_t stamp; /* spans relative to the section, like everything here */
    unsigned flags;    /* ENTRY_* */
    unsigned list;     /* which top-level list of the section holds it (0, 1, ...) */
} plan_entry_t;

typedef enum { PREAMBLE_NONE = 0, PREAMBLE_GUIDE, PREAMBLE_COOKBOOK } preamble_t;

/* What a block before it means for the block after: an indented line may
 * continue a list or an indented code block. */
typedef enum { BLOCK_OTHER = 0, BLOCK_LIST, BLOCK_INDENTED_CODE } block_kind_t;

/* A top-level block of a section (below its heading), so that an edit among
 * a long section's paragraphs re-parses a few blocks, not the section. */
typedef struct {
    size_t start;          /* first byte of its first line (relative) */
    unsigned char kind;    /* block_kind_t */
    unsigned char content; /* counted in content_blocks */
    unsigned char special; /* holds a footer or a revision note: the section path reads it */
} plan_block_t;

typedef struct {
    size_t start;                /* absolute offset of the heading's first byte (lead: end of front matter) */
    size_t heading_len;          /* bytes of the heading line(s) with terminators; 0 for the lead */
    size_t prefix_len;           /* ATX: leading spaces, #s and the space after; setext: heading_len */
    size_t name_start, name_len; /* heading text, trimmed, without #s (relative) */
    int level;                   /* 0 lead, else the heading level (1 or 2) */
    int setext;
    section_match_t match;
    section_id_t id; /* valid when match != SECTION_NO_MATCH */
    int custom;      /* index of a team section in config->required, else -1 */

    plan_entry_t *entries; /* owned: top-level items of top-level lists */
    size_t nentries, entries_cap;
    plan_block_t *blocks; /* owned: its top-level blocks, in order */
    size_t nblocks, blocks_cap;
    unsigned content_blocks;                                /* blocks other than rules, footers, HTML comments */
    unsigned nlists;                                        /* top-level lists */
    int ends_with_list;                                     /* the section's last block is its last list */
    unsigned labelled, steps;                               /* entries with ENTRY_LABELLED, with a checkbox */
    unsigned checked, blocked;                              /* entries "[x]"; "[ ]" with ENTRY_BLOCKED */
    unsigned stamps_guide, stamps_cookbook, revision_notes; /* dialect evidence */
    preamble_t preamble;
    size_t preamble_start, preamble_end; /* relative span of the living-document line */
    size_t guide_ref, guide_ref_len;     /* relative span of a `path/PLANS.md` the preamble names (len 0: none) */
    int has_last_updated;
    size_t last_updated_line; /* relative offset of the footer line */
    timestamp_t last_updated; /* relative spans */
    int64_t max_stamp;        /* newest valid entry stamp (minutes), INT64_MIN if none */

    diag_list_t diags; /* cached section rules, relative offsets */
    /* The path rule's cache (rules_paths.c), made for the lookup generation
     * paths_gen (0: none; cleared with diags): the section's paths that were
     * not found (relative offsets; missing[k] is path_diags item k's path)
     * and the paths it says it creates. */
    diag_list_t path_diags;
    char **missing, **created; /* owned */
    size_t ncreated, capcreated, capmissing;
    unsigned long paths_gen;
    int paths_finished; /* the plan was complete or archived when path_diags were made */
    int diags_valid;
    dialect_t diags_dialect; /* what the cached diags were computed for */
    int diags_evidence;
    int diags_as_title; /* the section was the title */
} plan_section_t;

typedef struct {
    unsigned long full_parses;    /* parses of the whole document */
    unsigned long partial_parses; /* parses of a window of sections */
    unsigned long long bytes_parsed;
} plan_stats_t;

typedef struct {
    size_t fm_end;                 /* bytes of YAML front matter, 0 if none */
    int fm_has_last_updated;       /* "last_updated: YYYY-MM-DD" in the front matter */
    size_t fm_lu_start, fm_lu_end; /* absolute span of its value */
    int64_t fm_last_updated;       /* minutes at 00:00 of that date */

    plan_section_t *sections; /* owned; nsections >= 1 after a parse */
    size_t nsections, cap;
    size_t title; /* index of the title section, 0 if none */
    dialect_t dialect;
    int dialect_evidence;   /* the settings or the plan itself say which dialect it is; else the rules
                               demand neither a To-do section nor stamps on surprises and decisions */
    const config_t *config; /* borrowed; NULL: defaults. Changing it needs plan_parse */
    const char *path;       /* borrowed; the file's path (its folder may say its status), NULL: unknown */
    /* The repository's files, for the path rules: borrowed, set by the caller
     * before each rules run (NULL: no index yet, so no path rules), with the
     * plan's folder relative to the repository root ("" or NULL: the root). */
    const path_lookup_t *paths;
    const char *plan_dir;

    size_t slice_bytes; /* full parses read slices of about this size; 0: the default */
    int dirty;          /* an edit is pending: [dirty_lo, dirty_hi) touched */
    size_t dirty_lo, dirty_hi;
    plan_stats_t stats;
} plan_t;

void plan_init(plan_t *p);
/* Call once before parsing on several threads (registers cmark-gfm's
 * extensions, which is not thread-safe). */
void plan_prepare_threads(void);
void plan_free(plan_t *p);

/* Parses the whole text from scratch. Returns 0 or -1 (OOM). */
int plan_parse(plan_t *p, const text_t *t);

/* Replaces bytes [start, end) of t with s[0..n) and records the edit in the
 * model (start <= end <= t->len); parsing waits for plan_update, which
 * re-parses a window around the edits. The one way to edit a parsed text:
 * the document store, tests and fuzzers all call it. Returns 0, or -1 on
 * allocation failure (text and model unchanged). */
int plan_edit(plan_t *p, text_t *t, size_t start, size_t end, const char *s, size_t n);

/* Brings the model up to date with t, re-parsing only the touched sections.
 * Returns 0 or -1 (OOM; the model is then rebuilt by a full parse next time). */
int plan_update(plan_t *p, const text_t *t);

#define PLAN_MAX_REQUIRED 64

/* A section a plan must have: its heading, and the canonical section it
 * stands for (-1 for a team's own section). */
typedef struct {
    const char *name; /* borrowed (static or from the config) */
    int id;
} required_t;

/* The sections this plan must have, in order: the settings' (or plan
 * guide's) list, else the dialect's canonical sections. out holds
 * PLAN_MAX_REQUIRED. Returns the count. */
size_t plan_required(const plan_t *p, required_t *out);
/* Index in req of section i, or -1 when it is none of them. */
int plan_required_index(const plan_t *p, const required_t *req, size_t n, size_t i);

/* The living-document line a dialect expects under the title. Static. */
const char *plan_preamble_text(dialect_t d);

/* The stamp style a plan of dialect d writes (rewrites, new stamps). */
ts_style_t plan_stamp_style(dialect_t d);

typedef enum {
    PLAN_KIND_NONE = 0, /* no sign either way: an empty file, a title, a section or two */
    PLAN_KIND_EXECPLAN, /* the living-document line (any language); a section only a plan keeps
                           (Progress, Surprises, Outcomes) with two more of its sections, or with
                           another of those or a Decision Log; or a title that names it an ExecPlan
                           ("ExecPlan: ...", "... (ExecPlan)") or "This ExecPlan" in the first
                           lines, with one section named as such */
    PLAN_KIND_OTHER     /* says it is a MasterPlan or a phase plan, without the ExecPlan skeleton */
} plan_kind_t;

/* What the content of an up-to-date model says it is (plan_kind.c). */
plan_kind_t plan_kind(const plan_t *p, const text_t *t);

/* Is a file a plan (not counting one named on the command line, or a live
 * plan where a guide would be)? From its content and its path: a plan glob
 * names it (by_path) or its name is a template's (template_name, see
 * config_is_template_path). A file in a plan folder is one unless it says it
 * is a MasterPlan; any other file needs an ExecPlan's content, a template
 * dated entries too. */
int plan_is_plan(const plan_t *p, const text_t *t, int by_path, int template_name);

/* Section holding absolute offset off. */
size_t plan_section_at(const plan_t *p, size_t off);
/* End (absolute) of section i: the next section's start, or the text's end. */
size_t plan_section_end(const plan_t *p, size_t i, const text_t *t);

/* End of section i's content: after its last non-blank line (a footer block
 * after a thematic break does not count). Never before the heading's end. */
size_t plan_section_content_end(const plan_t *p, const text_t *t, size_t i);

/* The first section matching id (exact or near miss), or 0 when absent. */
size_t plan_find_section(const plan_t *p, section_id_t id);

/* The plan guide the plan's preamble names (a `...PLANS.md` path in
 * backticks), pointing into t; 0 when it names none. */
size_t plan_guide_ref(const plan_t *p, const text_t *t, const char **path);

/* Structural equality of two models of the same text (tests, fuzzers). */
int plan_same(const plan_t *a, const plan_t *b);

#endif
