/* cli_status.c: `planls status [--format text|json] [FILE|DIR...]`: one line
 * per plan (status, path, title, to-dos, blocked items, newest entry, problems),
 * active plans first, then a summary. The plans are found and checked as
 * `planls check` does (cli_plans.c); the rows are plan_report.c's, the same
 * the editor gets from planls.status. */
#include "cli_status.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plans.h"
#include "plan_report.h"
#include "timestamp.h"

typedef struct {
    cli_plans_t run;
    int json;
    json_t *rows;
} status_t;

static void on_plan(cli_plans_t *run, cli_job_t *j) {
    status_t *st = run->arg;
    int problems = 0;
    for (size_t i = 0; i < j->plan.diags.n; i++) problems += j->plan.diags.items[i].severity <= SEV_WARNING;
    const plan_summary_t *s = &j->plan.summary;
    json_array_append_new(st->rows, plan_report_row(s, s->title, s->title_len, "path", cli_plans_shown(run, j->path),
                                                    problems, j->plan.plan.config, run->now));
}

static void print_text(json_t *report) {
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(report, "plans"), i, row) {
        json_t *todos = json_object_get(row, "todos");
        const char *newest = json_string_value(json_object_get(row, "newestEntry"));
        printf("%-9s %s  \"%s\"  to-dos %d/%d  blocked %d  ", json_string_value(json_object_get(row, "status")),
               json_string_value(json_object_get(row, "path")), json_string_value(json_object_get(row, "title")),
               (int)json_integer_value(json_object_get(todos, "done")),
               (int)json_integer_value(json_object_get(todos, "total")),
               (int)json_integer_value(json_object_get(row, "blocked")));
        if (newest)
            printf("last entry %s (%s%s)", newest, json_string_value(json_object_get(row, "age")),
                   json_is_true(json_object_get(row, "stale")) ? ", stale" : "");
        else
            printf("no entries");
        printf("  problems %d\n", (int)json_integer_value(json_object_get(row, "problems")));
    }
    json_t *sum = json_object_get(report, "summary");
    int n = (int)json_integer_value(json_object_get(sum, "plans"));
    printf("%d plan%s:", n, n == 1 ? "" : "s");
    const char *sep = " ";
    for (int k = 0; k < PLAN_STATUS_COUNT; k++) {
        int count = (int)json_integer_value(json_object_get(sum, plan_status_name((plan_status_t)k)));
        if (!count) continue;
        printf("%s%d %s", sep, count, plan_status_name((plan_status_t)k));
        sep = ", ";
    }
    printf("; %d stale, %d blocked item%s\n", (int)json_integer_value(json_object_get(sum, "stale")),
           (int)json_integer_value(json_object_get(sum, "blockedItems")),
           json_integer_value(json_object_get(sum, "blockedItems")) == 1 ? "" : "s");
}

static int usage(void) {
    fprintf(stderr, "usage: planls status [--format text|json] [FILE|DIR...]\n"
                    "       with no FILE or DIR, the plans of the repository holding the current folder\n");
    return 2;
}

int status_main(int argc, char **argv) {
    status_t st;
    memset(&st, 0, sizeof st);
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first], *fmt = NULL;
        if (strcmp(a, "--format") == 0 && first + 1 < argc)
            fmt = argv[++first];
        else if (strncmp(a, "--format=", 9) == 0)
            fmt = a + 9;
        else if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else
            return usage();
        if (strcmp(fmt, "json") == 0)
            st.json = 1;
        else if (strcmp(fmt, "text") == 0)
            st.json = 0;
        else
            return usage();
    }
    st.rows = json_array();
    if (!st.rows) return 2;
    cli_plans_init(&st.run, ts_now());
    st.run.arg = &st;
    st.run.on_plan = on_plan;
    cli_plans_run(&st.run, argv + first, argc - first);
    json_t *report = plan_report_new(st.rows);
    cli_plans_free(&st.run);
    if (!report) {
        fprintf(stderr, "planls: out of memory\n");
        return 2;
    }
    if (st.json) {
        char *s = json_dumps(report, JSON_INDENT(2));
        if (s) puts(s);
        free(s);
    } else {
        print_text(report);
    }
    json_decref(report);
    return st.run.io_errors ? 2 : 0;
}
