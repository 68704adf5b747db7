/* plan_kind.c: is a Markdown file an ExecPlan, another kind of plan, or
 * neither? Decided on the parsed model and a few lines of text, for files
 * that no plan glob names (and to keep a MasterPlan in a plan folder quiet). */
#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "plan.h"

/* How far after the title the plan's first lines are looked at. */
#define FIRST_LINES_BYTES 600

/* What a document's headings say. known: headings that stand for one of
 * the plan's sections (exact, alias, key word, near miss, or a team section
 * of the settings); named: those not matched by a key word among other words
 * ("Review outcomes" is too weak a sign); own: named sections only an
 * ExecPlan keeps (Progress, Surprises & Discoveries, Outcomes &
 * Retrospective), since specs and proposals share the others (Purpose,
 * Context, Acceptance, even a Decision log); decisions: a named Decision Log. */
typedef struct {
    unsigned known, named, own, decisions;
} headings_t;

static headings_t read_headings(const plan_t *p) {
    headings_t h = {0, 0, 0, 0};
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (i == p->title || (s->match == SECTION_NO_MATCH && s->custom < 0)) continue;
        h.known++;
        if (s->match == SECTION_KEYWORD) continue;
        h.named++;
        if (s->match == SECTION_NO_MATCH) continue; /* a team section */
        h.own += s->id == SEC_PROGRESS || s->id == SEC_SURPRISES || s->id == SEC_OUTCOMES;
        h.decisions += s->id == SEC_DECISIONS;
    }
    return h;
}

static int has_any_ci(const char *s, size_t n, const char *const *words) {
    for (; *words; words++)
        if (ascii_has_ci(s, n, *words)) return 1;
    return 0;
}

/* The title's text and the first lines under it (or the document's first
 * lines when it has no title). */
static void opening(const plan_t *p, const text_t *t, const char **title, size_t *title_len, const char **lines,
                    size_t *lines_len) {
    *title = "";
    *title_len = 0;
    size_t from = p->fm_end;
    if (p->title) {
        const plan_section_t *s = &p->sections[p->title];
        *title = t->data + s->start + s->name_start;
        *title_len = s->name_len;
        from = s->start + s->heading_len;
    }
    size_t to = from + FIRST_LINES_BYTES < t->len ? from + FIRST_LINES_BYTES : t->len;
    *lines = t->data + from;
    *lines_len = to > from ? to - from : 0;
}

/* A title that says what the document is: "ExecPlan: Cache the index",
 * "Cache the index ExecPlan", "Cache the index (ExecPlan)". A title that
 * only mentions ExecPlans ("Carve ExecPlan episodes out of ...") is about
 * them. */
static int title_names_execplan(const char *s, size_t n) {
    /* Not "execution plan": that is a skill's or a guide's topic as often. */
    static const char *const names[] = {"execplan", "exec plan"};
    while (n && (s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == ' ' || s[n - 1] == '.')) n--;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t len = strlen(names[k]);
        if (ascii_prefix_ci(s, n, names[k], len) || ascii_suffix_ci(s, n, names[k], len)) return 1;
    }
    return 0;
}

plan_kind_t plan_kind(const plan_t *p, const text_t *t) {
    static const char *const other_kinds[] = {"masterplan", "master plan", "phase plan", NULL};
    static const char *const execplan_lines[] = {"this execplan", "本 execplan",   "本execplan",
                                                 "este execplan", "esta execplan", "この execplan",
                                                 "このexecplan",  "이 execplan",   NULL};
    const char *title, *lines;
    size_t title_len, lines_len;
    opening(p, t, &title, &title_len, &lines, &lines_len);
    headings_t h = read_headings(p);
    /* A MasterPlan or a phase plan that lists ExecPlans says so at the top,
     * and lacks the ExecPlan skeleton (a "master plan" written as an
     * ExecPlan is one). */
    if (h.known < 4 && (has_any_ci(title, title_len, other_kinds) || has_any_ci(lines, lines_len, other_kinds)))
        return PLAN_KIND_OTHER;
    for (size_t i = 0; i < p->nsections; i++)
        if (p->sections[i].preamble != PREAMBLE_NONE) return PLAN_KIND_EXECPLAN;
    if (h.own >= 1 && (h.known >= 3 || h.own + h.decisions >= 2)) return PLAN_KIND_EXECPLAN;
    int says_execplan = title_names_execplan(title, title_len) || has_any_ci(lines, lines_len, execplan_lines);
    return says_execplan && h.named >= 1 ? PLAN_KIND_EXECPLAN : PLAN_KIND_NONE;
}

/* A template's entries are placeholders: "[YYYY-MM-DD HH:MM UTC]" is no stamp. */
static int has_dated_entries(const plan_t *p) {
    for (size_t i = 0; i < p->nsections; i++)
        if (p->sections[i].max_stamp != INT64_MIN) return 1;
    return 0;
}

int plan_is_plan(const plan_t *p, const text_t *t, int by_path, int template_name) {
    plan_kind_t kind = plan_kind(p, t);
    if (template_name) return kind == PLAN_KIND_EXECPLAN && has_dated_entries(p);
    return kind == PLAN_KIND_EXECPLAN || (by_path && kind == PLAN_KIND_NONE);
}
