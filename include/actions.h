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

/* The quick fixes of diags, in their order, each naming its diagnostic in
 * fixes (borrowed from diags): what fix_all picks from. Returns 0 or -1 (OOM). */
int actions_quick_fixes(const plan_t *p, const text_t *t, const diag_list_t *diags, int64_t now, const char *path,
                        action_list_t *out);

/* Entry commands, by name ("planls.addProgressEntry", "planls.addDecision",
 * "planls.addSurprise", "planls.addTodo", "planls.addRevisionNote"). Fills
 * one action. Returns 0, -1 for an unknown name. */
int action_for_command(const plan_t *p, const text_t *t, const char *name, int64_t now, action_t *out);

/* Names of the commands above, NULL-terminated. Static. */
extern const char *const action_commands[];

#endif
