/* test_guide.c: reading a plan guide's skeleton (guide_skeleton): the fenced
 * Markdown block under a template heading, else the one with the most
 * canonical headings, each section once; nothing for a guide whose fences
 * name fewer than three, whatever its own headings. And telling a guide from
 * a live plan kept at a guide's path (guide_is_live_plan). */
#include <stdlib.h>
#include <string.h>

#include "guide.h"
#include "unit.h"

static char **NAMES;

static int skeleton(const char *text) {
    NAMES = NULL;
    return guide_skeleton(text, strlen(text), &NAMES);
}

static void release(int n) {
    for (int i = 0; i < n; i++) free(NAMES[i]);
    free(NAMES);
    NAMES = NULL;
}

/* The skeleton is exactly these names, in this order. */
static void expect(const char *text, const char *const *want, int n) {
    int got = skeleton(text);
    CHECK_INT(got, n);
    for (int i = 0; i < n && i < got; i++) CHECK_STR(NAMES[i], want[i]);
    if (got == 0) CHECK(NAMES == NULL);
    release(got > 0 ? got : 0);
}

static void test_fenced_skeleton(void) {
    static const char *const want[] = {"Purpose / Big Picture", "Progress", "Surprises & Discoveries", "Decision Log",
                                       "Outcomes & Retrospective"};
    /* The guide's own headings are prose about the skeleton; the fence is the skeleton. */
    expect("# How we write plans\n\n## Why\n\nPlans help.\n\n## The skeleton\n\n```md\n# <Title>\n\n"
           "## Purpose / Big Picture\n\n## Progress\n\n## Surprises & Discoveries\n\n## Decision Log\n\n"
           "## Outcomes & Retrospective\n```\n\n## Style\n\nShort sentences.\n",
           want, 5);
    /* "markdown", "~~~" fences, closing hashes, up to three spaces of indentation. */
    expect("~~~markdown\n## Purpose / Big Picture\n   ## Progress ##\n## Surprises & Discoveries\n"
           "## Decision Log\n## Outcomes & Retrospective\n~~~\n",
           want, 5);
    /* A fence without an info string counts; four spaces make it code, not a heading. */
    static const char *const three[] = {"Progress", "Decision Log", "Outcomes & Retrospective"};
    expect("```\n## Progress\n    ## To-do\n## Decision Log\n## Outcomes & Retrospective\n```\n", three, 3);
}

static void test_best_block_wins(void) {
    static const char *const want[] = {"Purpose / Big Picture", "To-do", "Progress", "Decision Log"};
    expect("An example entry:\n\n```md\n## Progress\n## Decision Log\n## Outcomes & Retrospective\n```\n\n"
           "The skeleton:\n\n```md\n## Purpose / Big Picture\n## To-do\n## Progress\n## Decision Log\n```\n",
           want, 4);
    /* A shell block quoting headings is not a skeleton. */
    static const char *const md[] = {"Progress", "Decision Log", "Outcomes & Retrospective"};
    expect("```bash\ncat <<EOF\n## Purpose / Big Picture\n## To-do\n## Progress\n## Decision Log\nEOF\n```\n\n"
           "```md\n## Progress\n## Decision Log\n## Outcomes & Retrospective\n```\n",
           md, 3);
}

static void test_fence_rules(void) {
    /* A shorter fence inside a longer one does not close it. */
    static const char *const want[] = {"Progress", "Decision Log", "Outcomes & Retrospective", "Rollout"};
    expect("````md\n## Progress\n```\n## Decision Log\n## Outcomes & Retrospective\n## Rollout\n````\n", want, 4);
    /* A fence left open at the end of the guide still ends there. */
    expect("```md\n## Progress\n## Decision Log\n## Outcomes & Retrospective\n## Rollout\n", want, 4);
    /* Headings outside the fence are not mixed into it. */
    expect("## Progress\n\n```md\n## Progress\n## Decision Log\n## Outcomes & Retrospective\n## Rollout\n```\n"
           "## Decision Log\n",
           want, 4);
}

static void test_own_headings_never(void) {
    /* No fence: the guide's own headings are prose about plans, even when
     * they are section names; the dialect's defaults stand. */
    expect("# Our plans\n\n## Purpose / Big Picture\n\ntext\n\n## Progress\n\n## Rollout\n\n## Decision Log\n", NULL,
           0);
    /* A fence with two canonical headings is no skeleton, and the guide's
     * own headings do not stand in for it. */
    expect("```md\n## Progress\n## Decision Log\n```\n## Progress\n## Decision Log\n## Outcomes & Retrospective\n",
           NULL, 0);
    expect("## Progress\n\n```md\n# <Title>\n```\n\n## Decision Log\n\n## Outcomes & Retrospective\n", NULL, 0);
}

static void test_template_heading_wins(void) {
    /* An example plan with more sections comes first; the block under the
     * skeleton heading is the one plans follow. */
    static const char *const want[] = {"Purpose / Big Picture", "Progress", "Decision Log"};
    expect("# Writing plans\n\n## A finished plan, for example\n\n```md\n## Purpose / Big Picture\n## To-do\n"
           "## Progress\n## Decision Log\n## Outcomes & Retrospective\n```\n\n## The Skeleton of a plan\n\n"
           "```markdown\n## Purpose / Big Picture\n## Progress\n## Decision Log\n```\n",
           want, 3);
    /* Any heading level, any case, and a subheading of the template heading
     * is still under it; a later heading about something else is not. */
    static const char *const templ[] = {"Progress", "Decision Log", "Outcomes & Retrospective"};
    expect("# Plans\n\n### TEMPLATE\n\n#### Copy this\n\n```md\n## Progress\n## Decision Log\n"
           "## Outcomes & Retrospective\n```\n\n## Style\n\n```md\n## Purpose / Big Picture\n## Progress\n"
           "## Decision Log\n## Outcomes & Retrospective\n```\n",
           templ, 3);
    /* Under a template heading the block still needs three canonical headings. */
    static const char *const other[] = {"Purpose / Big Picture", "Progress", "Decision Log"};
    expect("## Template\n\n```md\n## Progress\n## Notes\n## Links\n```\n\n## Example\n\n```md\n"
           "## Purpose / Big Picture\n## Progress\n## Decision Log\n```\n",
           other, 3);
}

static void test_each_section_once(void) {
    /* The same name twice, in another case, or a near miss of a section
     * already named: required once, where it first appears. */
    static const char *const want[] = {"Progress", "Decision Log", "Rollout", "Outcomes & Retrospective"};
    expect("```md\n## Progress\n## Decision Log\n## Rollout\n## progress\n## Decisions Log\n## rollout\n"
           "## Outcomes & Retrospective\n## Progress\n```\n",
           want, 4);
}

static void test_no_skeleton(void) {
    expect("", NULL, 0);
    expect("# A readme\n\nNothing about plans.\n", NULL, 0);
    /* Two canonical headings are not enough, in a fence or outside. */
    expect("## Progress\n## Decision Log\n## Installation\n## Usage\n", NULL, 0);
    expect("```md\n## Progress\n## Decision Log\n## Rollout\n```\n", NULL, 0);
    /* "##Progress" is not a heading. */
    expect("##Progress\n##Decision Log\n##Outcomes & Retrospective\n", NULL, 0);
}

static void test_crlf_and_names(void) {
    static const char *const want[] = {"Progress", "ロールアウト", "Decision Log", "Outcomes & Retrospective"};
    expect("```md\r\n## Progress \r\n## ロールアウト\r\n## Decision Log\t\r\n## Outcomes & Retrospective\r\n```\r\n",
           want, 4);
}

static int live(const char *text) { return guide_is_live_plan(text, strlen(text)); }

static void test_live_plan_or_guide(void) {
    /* A plan kept in PLANS.md: stamped Progress entries, either dialect, with
     * or without a list marker. */
    CHECK_INT(live("# Move the queue\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Moved the reader.\n- [ ] Writer.\n"),
              1);
    CHECK_INT(live("# Move the queue\n\n## Progress\n\n- [2026-03-01 10:00 UTC] Moved the reader.\n"), 1);
    CHECK_INT(live("# Move the queue\n\n## Progress\r\n\r\n[x] (2026-03-01) Moved the reader.\r\n"), 1);
    CHECK_INT(live("# Move the queue\n\n### progress\n\n1. 2026-03-01 10:00Z - Moved the reader.\n"), 1);
    /* Or the living-document line under the title, with no stamps yet. */
    CHECK_INT(live("# Move the queue (ExecPlan)\n\nThis ExecPlan is a living document. Keep it current.\n\n"
                   "## Progress\n\n- Started.\n"),
              1);
    /* A guide: prose about plans, a Progress heading that explains the section. */
    CHECK_INT(live("# How we plan\n\nEvery plan is a living document.\n\n## Progress\n\nList each step with "
                   "its time, like (2026-03-01 10:00Z).\n"),
              0);
    /* A guide quoting its skeleton, example entries and living line included. */
    CHECK_INT(live("# How we plan\n\nThis plan is a living document, says each plan.\n\n## Progress\n\n"
                   "- [x] (2026-03-01 10:00Z) An example step.\n\n```md\n## Purpose / Big Picture\n## Progress\n"
                   "## Decision Log\n```\n"),
              0);
    /* A template written out: placeholder stamps are no stamps. */
    CHECK_INT(live("# ExecPlan\n\n## Purpose / Big Picture\n\n[What and why]\n\n## Progress\n\n"
                   "- YYYY-MM-DD HH:MMZ: what happened\n- [ ] (YYYY-MM-DD HH:MMZ) a step\n"),
              0);
    /* Stamps elsewhere, or quoted in a fence under Progress, do not count. */
    CHECK_INT(live("# Notes\n\n## Changelog\n\n- [2026-03-01 10:00 UTC] Released.\n"), 0);
    CHECK_INT(live("# Notes\n\n## Progress\n\n```text\n- [2026-03-01 10:00 UTC] Example.\n```\n"), 0);
    /* The living line counts under the title only. */
    CHECK_INT(live("# Guide\n\nHow to write plans.\n\nThis ExecPlan is a living document.\n"), 0);
    CHECK_INT(live(""), 0);
}

static void test_paths(void) {
    CHECK_STR(guide_paths[0], "PLANS.md");
    CHECK_STR(guide_paths[1], ".agent/PLANS.md");
    CHECK_STR(guide_paths[2], "docs/PLANS.md");
    CHECK(guide_paths[3] == NULL);
}

int main(void) {
    test_fenced_skeleton();
    test_best_block_wins();
    test_fence_rules();
    test_own_headings_never();
    test_template_heading_wins();
    test_each_section_once();
    test_no_skeleton();
    test_crlf_and_names();
    test_live_plan_or_guide();
    test_paths();
    return unit_report("guide");
}
