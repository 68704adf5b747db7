/* test_plan_status.c: where a plan's status is read from (front matter, a
 * Status line or table row, its folder), what the values mean, the summary,
 * and the lifecycle rules built on them. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "plan.h"
#include "plan_status.h"
#include "rules.h"
#include "timestamp.h"
#include "unit.h"

typedef struct {
    text_t t;
    plan_t p;
} doc_t;

static void open_doc(doc_t *d, const char *s, const char *path, const config_t *cfg) {
    plan_init(&d->p);
    d->p.path = path;
    d->p.config = cfg;
    text_init(&d->t, s, strlen(s));
    plan_parse(&d->p, &d->t);
}

static void close_doc(doc_t *d) {
    plan_free(&d->p);
    text_free(&d->t);
}

static plan_status_info_t status_of(const char *s, const char *path) {
    doc_t d;
    open_doc(&d, s, path, NULL);
    plan_status_info_t st;
    plan_status_detect(&d.p, &d.t, &st);
    close_doc(&d);
    return st;
}

static void test_values(void) {
    static const struct {
        const char *value;
        int known;
        plan_status_t status;
    } cases[] = {
        {"Complete", 1, PLAN_COMPLETE},
        {"completed", 1, PLAN_COMPLETE},
        {"DONE", 1, PLAN_COMPLETE},
        {"\xE2\x9C\x85", 1, PLAN_COMPLETE},                  /* ✅ alone */
        {"\xE2\x9C\x85 Complete", 1, PLAN_COMPLETE},         /* ✅ Complete */
        {"\xE2\x9C\x85\xEF\xB8\x8F Done", 1, PLAN_COMPLETE}, /* with a variation selector */
        {"**Done** (2026-11-20)", 1, PLAN_COMPLETE},
        {"In progress", 1, PLAN_ACTIVE},
        {"in-progress", 1, PLAN_ACTIVE},
        {"\xF0\x9F\x9A\xA7 In Progress", 1, PLAN_ACTIVE}, /* 🚧 */
        {"Blocked: waiting on review", 1, PLAN_BLOCKED},
        {"\xE2\x8F\xB8\xEF\xB8\x8F Paused", 1, PLAN_BLOCKED}, /* ⏸️ */
        {"On hold", 1, PLAN_BLOCKED},
        {"Draft", 1, PLAN_DRAFT},
        {"Not started", 1, PLAN_DRAFT},
        {"Abandoned", 1, PLAN_ABANDONED},
        {"Superseded by 0042", 1, PLAN_ABANDONED},
        {"Not done", 1, PLAN_ACTIVE},
        {"Completely rewritten", 0, PLAN_ACTIVE}, /* a word that starts like one is not it */
        {"Fertig", 0, PLAN_ACTIVE},               /* unknown: active, never complete */
        {"", 0, PLAN_ACTIVE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        plan_status_t st;
        int known = plan_status_parse(cases[i].value, strlen(cases[i].value), &st);
        if (known != cases[i].known || st != cases[i].status)
            fprintf(stderr, "value '%s': known %d status %s\n", cases[i].value, known, plan_status_name(st));
        CHECK_INT(known, cases[i].known);
        CHECK_INT(st, cases[i].status);
    }
}

static void test_sources(void) {
    plan_status_info_t st;
    st = status_of("---\ntitle: x\nstatus: done\n---\n# T\n\nStatus: Active\n", NULL);
    CHECK_INT(st.source, STATUS_FROM_FRONT_MATTER);
    CHECK_INT(st.status, PLAN_COMPLETE);

    const char *line = "# T\r\n\r\n**Status:** Blocked\r\n\r\n## Purpose / Big Picture\r\n\r\nStatus: Done\r\n";
    st = status_of(line, NULL);
    CHECK_INT(st.source, STATUS_FROM_LINE);
    CHECK_INT(st.status, PLAN_BLOCKED);
    CHECK_INT(memcmp(line + st.value_start, "Blocked", 7), 0);
    CHECK_INT(st.value_end - st.value_start, 7); /* the CR is not part of it */

    const char *table = "# T\n\n| Field | Value |\n|---|---|\n| Status | \xE2\x9C\x85 Complete |\n| Owner | me |\n";
    st = status_of(table, NULL);
    CHECK_INT(st.source, STATUS_FROM_TABLE);
    CHECK_INT(st.status, PLAN_COMPLETE);

    /* A status below the preamble (in a section) is not the plan's. */
    st = status_of("# T\n\n## Progress\n\nStatus: Done\n", "/r/plans/x.md");
    CHECK_INT(st.source, STATUS_FROM_DEFAULT);
    CHECK_INT(st.status, PLAN_ACTIVE);
    /* Nor one in a code block. */
    st = status_of("# T\n\n```\nStatus: Done\n```\n", NULL);
    CHECK_INT(st.source, STATUS_FROM_DEFAULT);

    st = status_of("# T\n", "/r/collab/execplans/completed/x.md");
    CHECK_INT(st.source, STATUS_FROM_FOLDER);
    CHECK_INT(st.status, PLAN_COMPLETE);
    st = status_of("# T\n", "/r/plans/Done/2026/x.md"); /* the grandparent, any case */
    CHECK_INT(st.status, PLAN_COMPLETE);
    st = status_of("# T\n", "/r/plans/archive/x.md");
    CHECK_INT(st.status, PLAN_ARCHIVED);
    st = status_of("# T\n", "/r/plans/active/x.md");
    CHECK_INT(st.source, STATUS_FROM_FOLDER);
    CHECK_INT(st.status, PLAN_ACTIVE);
    /* A file named done.md is no folder. */
    st = status_of("# T\n", "/r/plans/done.md");
    CHECK_INT(st.source, STATUS_FROM_DEFAULT);
    /* The text wins over the folder. */
    st = status_of("# T\n\nStatus: In progress\n", "/r/plans/completed/x.md");
    CHECK_INT(st.status, PLAN_ACTIVE);

    /* The team's folder names. */
    config_t cfg;
    config_init(&cfg);
    const char *names[] = {"erledigt"};
    config_set_folders(&cfg.completed_folders, &cfg.ncompleted_folders, names, 1);
    doc_t d;
    open_doc(&d, "# T\n", "/r/plans/erledigt/x.md", &cfg);
    plan_status_detect(&d.p, &d.t, &st);
    CHECK_INT(st.status, PLAN_COMPLETE);
    close_doc(&d);
    open_doc(&d, "# T\n", "/r/plans/done/x.md", &cfg); /* the defaults are replaced */
    plan_status_detect(&d.p, &d.t, &st);
    CHECK_INT(st.source, STATUS_FROM_DEFAULT);
    close_doc(&d);
    config_free(&cfg);
}

static const char *guide_plan =
    "# Ship the exporter\n\nStatus: Complete\n\n"
    "## To-do\n\n- [x] Write the exporter\n- [ ] \xE2\x8F\xB8\xEF\xB8\x8F Add the CLI flag\n"
    "- [ ] BLOCKED on review: docs\n\n"
    "## Progress\n\n- [x] [2026-11-20 10:00 UTC] Wrote it.\n- [ ] Wire the flag.\n\n"
    "## Outcomes & Retrospective\n\nNone yet.\n\n"
    "## Validation and Acceptance\n\n- [ ] The export test passes.\n";

static void test_summary(void) {
    doc_t d;
    open_doc(&d, guide_plan, NULL, NULL);
    plan_summary_t s;
    plan_summary(&d.p, &d.t, &s);
    CHECK_INT(s.status.status, PLAN_COMPLETE);
    CHECK_INT(s.todo_done, 1);
    CHECK_INT(s.todo_total, 3);
    CHECK_INT(s.steps_open, 1);
    CHECK_INT(s.blocked, 2);
    CHECK_INT(s.newest, ts_minutes_from_civil(2026, 11, 20, 10, 0));
    CHECK_INT(s.title_len, strlen("Ship the exporter"));
    char line[160];
    int64_t now = ts_minutes_from_civil(2026, 11, 23, 11, 0);
    CHECK_STR(plan_summary_line(&s, now, line),
              "Complete \xC2\xB7 1/3 done \xC2\xB7 last entry 3 d ago \xC2\xB7 2 blocked");
    close_doc(&d);

    /* No To-do list: the Progress steps are the to-dos. */
    open_doc(&d, "# T\n\n## Progress\n\n- [x] (2026-11-25 12:00Z) a\n- [ ] b\n", NULL, NULL);
    plan_summary(&d.p, &d.t, &s);
    CHECK_INT(s.todo_done, 1);
    CHECK_INT(s.todo_total, 2);
    CHECK_STR(plan_summary_line(&s, ts_minutes_from_civil(2026, 11, 25, 17, 3), line),
              "1/2 done \xC2\xB7 last entry 5 h ago");
    close_doc(&d);

    char age[32];
    CHECK_STR(plan_age_text(100, 100, age), "just now");
    CHECK_STR(plan_age_text(100, 112, age), "12 min ago");
    CHECK_STR(plan_age_text(100, 100 + 3 * 1440 + 5, age), "3 d ago");
    CHECK_STR(plan_age_text(100, 10, age), "in the future");
}

static size_t count_code(const diag_list_t *l, const char *code, const diag_t **last) {
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].code, code) == 0) {
            n++;
            *last = &l->items[i];
        }
    return n;
}

static void test_rules(void) {
    doc_t d;
    open_doc(&d, guide_plan, NULL, NULL);
    diag_list_t l;
    diag_list_init(&l);
    int64_t now = ts_minutes_from_civil(2026, 11, 23, 11, 0);
    rules_run(&d.p, &d.t, now, &l);
    const diag_t *g = NULL;
    CHECK_INT(count_code(&l, "plan-complete-with-open-items", &g), 1);
    if (g) {
        CHECK_INT(memcmp(guide_plan + g->start, "Complete", 8), 0);
        CHECK_INT(g->nrelated, 3); /* two To-do items, one Progress step */
        if (g->nrelated == 3) {
            CHECK(strstr(g->related[2].message, "Wire the flag.") != NULL);
            CHECK_INT(memcmp(guide_plan + g->related[2].start, "- [ ] Wire", 10), 0);
        }
    }
    CHECK_INT(count_code(&l, "outcomes-missing", &g), 1);
    CHECK_INT(count_code(&l, "validation-not-run", &g), 1);
    if (g) CHECK_INT(g->nrelated, 1);
    CHECK_INT(count_code(&l, "stale-plan", &g), 0); /* complete plans are never stale */
    diag_list_free(&l);
    close_doc(&d);

    /* Active, 8 days quiet: stale by default, not with 10 days. */
    const char *active = "# T\n\n## Progress\n\n- [x] [2026-11-15 10:00 UTC] a\n- [ ] b\n";
    config_t cfg;
    config_init(&cfg);
    open_doc(&d, active, NULL, &cfg);
    diag_list_init(&l);
    rules_run(&d.p, &d.t, now, &l);
    CHECK_INT(count_code(&l, "stale-plan", &g), 1);
    CHECK_INT(count_code(&l, "plan-complete-with-open-items", &g), 0);
    diag_list_clear(&l);
    cfg.stale_after_days = 10;
    rules_run(&d.p, &d.t, now, &l);
    CHECK_INT(count_code(&l, "stale-plan", &g), 0);
    diag_list_free(&l);
    close_doc(&d);
    config_free(&cfg);

    /* Every to-do done, outcomes written: nothing to say. */
    open_doc(&d, "# T\n\n## To-do\n\n- [x] a\n\n## Outcomes & Retrospective\n\nIt worked.\n", NULL, NULL);
    diag_list_init(&l);
    rules_run(&d.p, &d.t, now, &l);
    CHECK_INT(count_code(&l, "outcomes-missing", &g), 0);
    diag_list_free(&l);
    close_doc(&d);
}

int main(void) {
    test_values();
    test_sources();
    test_summary();
    test_rules();
    return unit_report("plan_status");
}
