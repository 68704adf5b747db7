/* actions.h: code actions: quick fixes for the rules' diagnostics (by rule_t), the
 * entry commands, a skeleton for an empty file. */
#ifndef PLANLS_ACTIONS_H
#define PLANLS_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "edit.h"
#include "plan.h"

typedef struct {
    char *title;      /* owned */
    const char *kind; /* "quickfix", "refactor.rewrite", "source" */
    edit_list_t edits;
    const diag_t *fixes; /* borrowed from the diag list given to actions_at, or NULL */
    int preferred;
    int has_cursor;      /* cursor: where to put the caret after the edit (offset */
    size_t cursor;       /*   into the edited text) */
    const char *command; /* the workspace/executeCommand name doing the same, or NULL */
    char *rename_to;     /* owned: the file moves here too (a path; set by the server), or NULL */
} action_t;

typedef struct {
    action_t *items; /* owned */
    size_t n, cap;
} action_list_t;

void action_list_free(action_list_t *l);
/* Appends an empty action (kind static, title copied). Borrowed pointer,
 * valid until the list grows or is freed; NULL on OOM. */
action_t *action_list_add(action_list_t *l, const char *kind, const char *title);

/* Code actions for the byte range [start, end]. diags are the document's
 * current diagnostics; those on the lines the range covers get quick fixes,
 * and so do those named[k] flags (may be NULL): the client's (editors send
 * every diagnostic of the cursor's line, with the cursor anywhere on it).
 * path (may be NULL) names the file, for a title derived from it. */
int actions_at(const plan_t *p, const text_t *t, size_t start, size_t end, const diag_list_t *diags,
               const unsigned char *named, int64_t now, const char *path, action_list_t *out);

/* "Mark plan complete", appended to out when the cursor (off) is in the
 * plan's title or preamble and the plan does not say it is complete yet:
 * sets the status where the plan keeps it (front matter, Status line, table
 * cell; a new Status line when it keeps none, unless moving: the file is
 * about to move into a completed folder, which says it), and adds an
 * Outcomes & Retrospective section when there is none. Returns the index
 * of the action in out, -1 when none applies, -2 on OOM. */
int actions_mark_complete(const plan_t *p, const text_t *t, size_t off, int moving, action_list_t *out);

/* The quick fixes of diags, in their order, each naming its diagnostic in
 * fixes (borrowed from diags): what fix_all picks from. Returns 0 or -1 (OOM). */
int actions_quick_fixes(const plan_t *p, const text_t *t, const diag_list_t *diags, int64_t now, const char *path,
                        action_list_t *out);

/* Entry commands, by name ("planls.addProgressEntry", "planls.addDecision",
 * "planls.addSurprise", "planls.addTodo", "planls.addRevisionNote"). Fills
 * one action. Returns 0, -1 for an unknown name. */
int action_for_command(const plan_t *p, const text_t *t, const char *name, int64_t now, action_t *out);

/* Appends entry (one or more lines, no final line break) at the end of
 * section id, adding the section at its canonical place when it is
 * missing, as the entry commands do. Fills one action (its cursor: the end
 * of the entry's first line). Returns 0, -1 on OOM. */
int action_append_entry(const plan_t *p, const text_t *t, section_id_t id, const char *entry, action_t *out);

/* The richest "Mark done" of the checkbox entry whose first line holds off:
 * the tick, a Progress step's stamp, and for a To-do task its Progress
 * entry. Fills one action. Returns 0, 1 when there is no unticked checkbox
 * there, -1 on OOM. */
int action_mark_done(const plan_t *p, const text_t *t, size_t off, int64_t now, action_t *out);

/* Names of the commands above, NULL-terminated. Static. */
extern const char *const action_commands[];

#endif
