/* test_writing_style.c: what a plan's own text says about how inserted lines
 * look (writing_style.h): heading level, stamp style, Progress checkboxes,
 * status markers and rationale lines. */
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "text.h"
#include "unit.h"
#include "writing_style.h"

typedef struct {
    text_t t;
    plan_t p;
} doc_t;

static void doc_open(doc_t *d, const char *s) {
    text_init(&d->t, s, strlen(s));
    plan_init(&d->p);
    plan_parse(&d->p, &d->t);
}

static void doc_close(doc_t *d) {
    plan_free(&d->p);
    text_free(&d->t);
}

static void test_heading_level(void) {
    static const struct {
        const char *plan;
        int level;
    } cases[] = {
        {"# T\n\n## Progress\n\n## Decision Log\n", 2},
        {"# T\n\n# Progress\n\n# Decision Log\n", 1},
        /* The most common level wins, not the first or any H1. */
        {"# T\n\n# Purpose / Big Picture\n\n# Progress\n\n## Decision Log\n", 1},
        {"# T\n\n# Progress\n\n## Decision Log\n\n## Surprises & Discoveries\n", 2},
        {"# T\n\n# Progress\n\n## Decision Log\n", 2}, /* a tie */
        {"# T\n\nNo sections yet.\n", 2},
        {"# T\n\n# Notes\n\n# More notes\n\n## Progress\n", 2}, /* unrecognised headings do not count */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        doc_t d;
        doc_open(&d, cases[i].plan);
        CHECK_INT(style_heading_level(&d.p), cases[i].level);
        doc_close(&d);
    }
}

static void test_stamp_and_checkbox(void) {
    static const struct {
        const char *plan;
        ts_style_t stamp;
        int checkbox;
    } cases[] = {
        /* Guide (it has a To-do): canonical forms while there is no habit. */
        {"# T\n\n## To-do\n\n- [ ] a\n\n## Progress\n\n- [2026-01-02 10:00 UTC] b\n", TS_STYLE_GUIDE, 0},
        /* Two cookbook steps and nothing else: the plan's habit. */
        {"# T\n\n## To-do\n\n- [ ] a\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) b\n- [x] (2026-01-02 11:00Z) c\n",
         TS_STYLE_COOKBOOK, 1},
        /* One is not a habit. */
        {"# T\n\n## To-do\n\n- [ ] a\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) b\n", TS_STYLE_GUIDE, 0},
        /* Both styles: no consistent habit, the dialect's. */
        {"# T\n\n## To-do\n\n- [ ] a\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) b\n- [x] (2026-01-02 11:00Z) "
         "c\n- [2026-01-02 12:00 UTC] d\n",
         TS_STYLE_GUIDE, 0},
        /* An item still being typed does not break the habit. */
        {"# T\n\n## To-do\n\n- [ ] a\n\n## Progress\n\n- [x] [2026-01-02 10:00 UTC] b\n- [x] [2026-01-02 11:00 UTC] "
         "c\n- \n",
         TS_STYLE_GUIDE, 1},
        /* Cookbook (its living-document line) written with guide stamps and no checkboxes. */
        {"# T\n\nThis ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision "
         "Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n## Progress\n\n- "
         "[2026-01-02 10:00 UTC] b\n- [2026-01-02 11:00 UTC] c\n",
         TS_STYLE_GUIDE, 0},
        {"# T\n\nThis ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision "
         "Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.\n\n## Progress\n\n- [x] "
         "(2026-01-02 10:00Z) b\n",
         TS_STYLE_COOKBOOK, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        doc_t d;
        doc_open(&d, cases[i].plan);
        CHECK_INT(style_stamp(&d.p), cases[i].stamp);
        CHECK_INT(style_progress_checkbox(&d.p), cases[i].checkbox);
        doc_close(&d);
    }
}

static void test_markers(void) {
    static const struct {
        const char *entry;
        size_t end;
    } cases[] = {
        {"[!] Cut the test", 4},
        {"[~] Half done", 4},
        {"[-] Dropped", 4},
        {"[ ] \xE2\x8F\xB8\xEF\xB8\x8F Split", 11}, /* a checkbox, then U+23F8 U+FE0F */
        {"[x] [!] Both", 8},
        {"\xE2\x9A\xA0\xEF\xB8\x8F Retried", 7}, /* U+26A0 U+FE0F */
        {"\xE5\xAE\x8C\xE4\xBA\x86", 0},         /* CJK is words, not markers */
        {"[1] footnote", 0},
        {"[x]", 3},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_INT(ts_markers_end(cases[i].entry, strlen(cases[i].entry)), cases[i].end);
}

static void test_task_words(void) {
    static const struct {
        const char *task, *words;
    } cases[] = {
        {"[ ] \xE2\x8F\xB8\xEF\xB8\x8F Split the tests (BLOCKED: one schema)", "Split the tests"},
        {"[ ] Cache (blocked) before the release", "Cache before the release"},
        {"[ ] (BLOCKED: access) Ask for access", "Ask for access"},
        {"[ ] Plain task", "Plain task"},
        {"[ ] Unclosed (BLOCKED: no end", "Unclosed"},
        {"[ ] \xE7\xB4\xA2\xE5\xBC\x95", "\xE7\xB4\xA2\xE5\xBC\x95"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *w = style_task_words(cases[i].task, strlen(cases[i].task));
        CHECK_STR(w, cases[i].words);
        free(w);
    }
}

static void test_rationale_lead(void) {
    static const struct {
        const char *plan, *lead;
    } cases[] = {
        {"# T\n\n## To-do\n\n## Decision Log\n\n- [2026-01-02 10:00 UTC] a\n  - Rationale: b\n- [2026-01-02 11:00 "
         "UTC] c\n",
         "  - Rationale: "},
        {"# T\n\n## To-do\n\n## Decision Log\n\n- [2026-01-02 10:00 UTC] a\n  Rationale: b\n", "  Rationale: "},
        {"# T\n\n## Decision Log\n\n- Decision: a\n    Rationale: b\n    Date/Author: 2026-01-02 / me\n",
         "    Rationale: "},
        {"# T\n\n## Decision Log\n\n- [2026-01-02 10:00 UTC] a\n  - **Rationale**: b\n", "  - **Rationale**: "},
        /* No rationale to copy: the guide dialect's sub-bullet. */
        {"# T\n\n## To-do\n\n## Decision Log\n\n- [2026-01-02 10:00 UTC] a\n", "  - Rationale: "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        doc_t d;
        doc_open(&d, cases[i].plan);
        size_t sec = plan_find_section(&d.p, SEC_DECISIONS);
        CHECK(sec != 0);
        char *lead = sec ? style_rationale_lead(&d.p, &d.t, sec) : NULL;
        CHECK_STR(lead, cases[i].lead);
        free(lead);
        doc_close(&d);
    }
}

int main(void) {
    test_heading_level();
    test_stamp_and_checkbox();
    test_markers();
    test_task_words();
    test_rationale_lead();
    return unit_report("writing_style");
}
