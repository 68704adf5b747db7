/* authoring.h: what planls offers while writing a plan: completions, code
 * actions, the outline, folding and hovers. Pure: byte offsets in, plain
 * structs out; the handlers turn them into LSP JSON. */
#ifndef PLANLS_AUTHORING_H
#define PLANLS_AUTHORING_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

/* ---- edits ---------------------------------------------------------------- */

typedef struct {
    size_t start, end; /* bytes replaced in the current text */
    char *text;        /* owned */
} edit_t;

typedef struct {
    edit_t *items; /* owned, sorted by start, non-overlapping */
    size_t n, cap;
} edit_list_t;

void edit_list_free(edit_list_t *l);
int edit_add(edit_list_t *l, size_t start, size_t end, const char *text);

/* ---- skeletons (skeleton.c) --------------------------------------------- */

/* The current time as the dialect writes it: "[2026-11-25 17:03 UTC]" or
 * "(2026-11-25 17:03Z)". out holds 40 bytes. */
void skeleton_stamp(dialect_t d, int64_t now, char *out);

/* The body a new section starts with ("- [ ] " for To-do, a stamped entry for
 * Progress, sub-bullets for decisions...), as a snippet with ${N:...}
 * placeholders or as plain text. New string (caller frees); "" for sections
 * that start empty. */
char *skeleton_section_body(section_id_t id, dialect_t d, int64_t now, int snippet);

/* A new entry for a section, as a snippet or plain text; new string. */
char *skeleton_entry(section_id_t id, dialect_t d, int64_t now, int snippet);

/* Where required section k (rules_required) goes: before the first present
 * section that comes after it, else after the last section's content (before
 * a closing footer). k < 0: at the end. *before_heading tells which case. */
size_t skeleton_section_insert_point(const plan_t *p, const text_t *t, int k, int *before_heading);

/* The required index of a canonical section, or -1 when the plan's required
 * list does not have it. *name receives the heading to write (the team's). */
int skeleton_required_of(const plan_t *p, section_id_t id, const char **name);

/* End of section i's content: after its last non-blank line (a footer block
 * after a thematic break does not count). Never before the heading's end. */
size_t skeleton_section_content_end(const plan_t *p, const text_t *t, size_t i);

/* The first section matching id (exact or near miss), or 0 when absent. */
size_t skeleton_find_section(const plan_t *p, section_id_t id);

/* Text inserted at offset at so that it sits in its own block: adds the line
 * breaks needed before it; caller frees. */
char *skeleton_block_text(const text_t *t, size_t at, const char *block);

/* A new plan: title, the dialect's living-document line (and, in the
 * cookbook dialect, the guide it follows), every required section, and the
 * guide dialect's Created / Last Updated footer. guide_rel (may be NULL) is
 * the guide's path from the repository root. New string. */
char *skeleton_new_plan(const config_t *cfg, const char *title, const char *guide_rel, int64_t now);

/* ---- completion (complete.c) -------------------------------------------- */

typedef struct {
    char *label;       /* owned */
    char *detail;      /* owned, may be NULL */
    char *filter;      /* owned, may be NULL */
    char *sort;        /* owned */
    int kind;          /* LSP CompletionItemKind */
    int snippet;       /* insertTextFormat 2 */
    size_t start, end; /* range replaced (contains the cursor) */
    char *text;        /* owned: new text */
} completion_t;

typedef struct {
    completion_t *items; /* owned */
    size_t n, cap;
} completion_list_t;

void completion_list_free(completion_list_t *l);

/* Completions at byte offset off. snippets: the client takes snippet syntax. */
int complete_at(const plan_t *p, const text_t *t, size_t off, int64_t now, int snippets, completion_list_t *out);

/* ---- code actions (actions.c) ------------------------------------------- */

typedef struct {
    char *title;           /* owned */
    const char *kind;      /* "quickfix", "refactor.rewrite", "source" */
    edit_list_t edits;
    const diag_t *fixes;   /* borrowed from the diag list given to actions_at, or NULL */
    int preferred;
    int has_cursor;        /* cursor: where to put the caret after the edit (offset */
    size_t cursor;         /*   into the edited text) */
    const char *command;   /* the workspace/executeCommand name doing the same, or NULL */
} action_t;

typedef struct {
    action_t *items; /* owned */
    size_t n, cap;
} action_list_t;

void action_list_free(action_list_t *l);

/* Code actions for the byte range [start, end]. diags are the document's
 * current diagnostics (those touching the range get quick fixes). path (may
 * be NULL) names the file, for a title derived from it. */
int actions_at(const plan_t *p, const text_t *t, size_t start, size_t end, const diag_list_t *diags, int64_t now,
               const char *path, action_list_t *out);

/* Entry commands, by name ("planls.addProgressEntry", "planls.addDecision",
 * "planls.addSurprise", "planls.addTodo", "planls.addRevisionNote"). Fills
 * one action. Returns 0, -1 for an unknown name. */
int action_for_command(const plan_t *p, const text_t *t, const char *name, int64_t now, action_t *out);

/* Names of the commands above, NULL-terminated. */
extern const char *const action_commands[];

/* ---- outline, folding, hover (outline.c) -------------------------------- */

/* One node of the outline. Names and details point into the text (or are
 * static): walking the outline allocates nothing, whatever the plan's size. */
typedef struct {
    const char *name, *detail; /* detail may be NULL */
    size_t name_len, detail_len;
    int kind;                  /* LSP SymbolKind */
    size_t start, end;         /* whole range */
    size_t sel_start, sel_end;
} outline_node_t;

enum { OUTLINE_ENTER = 0, OUTLINE_LEAVE = 1 };

/* A cursor over the plan's outline: the title, then its sections (nested
 * under it), then each section's entries; every node is entered, then left
 * after its children. Holds no pointers: a walk can stop and resume, as long
 * as the plan does not change in between. */
typedef struct {
    int step;
    size_t section, entry;
} outline_iter_t;

void outline_iter_init(outline_iter_t *it);
/* The next node and whether it is entered or left (OUTLINE_*). Returns 0 at
 * the end of the walk. */
int outline_next(outline_iter_t *it, const plan_t *p, const text_t *t, outline_node_t *node, int *event);

typedef struct {
    size_t start_line, end_line;
} fold_t;

/* Folding ranges: sections and entries with sub-items. Caller frees *out. */
int outline_folds(const plan_t *p, const text_t *t, fold_t **out, size_t *n);

/* Markdown hover text for offset off, or NULL; caller frees. start and end
 * receive the hovered span. */
char *outline_hover(const plan_t *p, size_t off, int64_t now, size_t *start, size_t *end);

#endif
