/* paths_bench.c: the cost of repository paths (tests/bench/README.md,
 * "Repository paths"). In-process, over the store and analysis libraries the
 * server runs:
 *
 *   planls-bench-paths [FILES]   (default 100,000)
 *
 * builds a repository of FILES files in a temporary folder (with a
 * .gitignore'd build folder), then measures: the file index build (what the
 * server's worker thread does, median of 3) and its memory; opening a plan
 * naming 200 paths (parse + every rule) with the index and without it; and a
 * keystroke on that plan (one edit, then every rule) with and without it.
 * Prints a Markdown table with PASS/FAIL against the budgets: index <= 1 s,
 * open <= 2 ms more, keystroke <= 0.1 ms more (unchanged within noise). */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file_index.h"
#include "path_refs.h"
#include "plan.h"
#include "rules.h"
#include "strbuf.h"
#include "text.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return v[n / 2];
}

static char root[] = "/tmp/planls-bench-paths-XXXXXX";

static void touch(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fclose(f);
}

/* FILES files: src/mNN/pNN/file_NNN.c and a few more kinds, 100 per folder. */
static void make_repo(size_t files) {
    char path[512];
    snprintf(path, sizeof path, "%s/.gitignore", root);
    FILE *g = fopen(path, "w");
    fputs("build-out/\n*.log\n", g);
    fclose(g);
    snprintf(path, sizeof path, "%s/src", root);
    mkdir(path, 0700);
    size_t made = 0;
    for (size_t m = 0; made < files; m++) {
        snprintf(path, sizeof path, "%s/src/m%03zu", root, m);
        mkdir(path, 0700);
        for (size_t p = 0; p < 10 && made < files; p++) {
            snprintf(path, sizeof path, "%s/src/m%03zu/p%02zu", root, m, p);
            mkdir(path, 0700);
            for (size_t f = 0; f < 100 && made < files; f++, made++) {
                snprintf(path, sizeof path, "%s/src/m%03zu/p%02zu/file_%03zu.%s", root, m, p, f,
                         f % 4 == 0   ? "h"
                         : f % 4 == 1 ? "md"
                                      : "c");
                touch(path);
            }
        }
    }
}

static void remove_repo(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", root);
}

/* A plan of about 1,000 lines naming npaths paths (a tenth of them missing
 * but one edit away), in the guide dialect. */
static char *make_plan(size_t npaths, size_t files, size_t *len) {
    strbuf_t b = {0};
    sb_add(&b, "# Speed up the loader\n\nThis ExecPlan is a living document.\n\n## Purpose / Big Picture\n\n"
               "Faster.\n\n## To-do\n\n- [ ] write code\n\n## Progress\n\n");
    for (int i = 0; i < 400; i++)
        sb_printf(&b, "- [x] [2025-01-%02d 10:%02d UTC] Step %d of the work, measured and written down.\n", 1 + i % 28,
                  i % 60, i);
    sb_add(&b, "\n## Surprises & Discoveries\n\n- [2025-01-21 10:00 UTC] Found a thing.\n\n## Decision Log\n\n"
               "- [2025-01-21 11:00 UTC] Use C.\n  - Rationale: speed.\n\n## Outcomes & Retrospective\n\nNone.\n\n"
               "## Context and Orientation\n\n");
    for (size_t i = 0; i < npaths; i++) {
        size_t k = (i * 7919) % files, m = k / 1000, p = (k / 100) % 10, f = k % 100;
        const char *ext = f % 4 == 0 ? "h" : f % 4 == 1 ? "md" : "c";
        if (i % 10 == 9)
            sb_printf(&b, "- The reader in `src/m%03zu/p%02zu/fiel_%03zu.%s:12` handles case %zu.\n", m, p, f, ext, i);
        else
            sb_printf(&b, "- The reader in `src/m%03zu/p%02zu/file_%03zu.%s:12` handles case %zu.\n", m, p, f, ext, i);
    }
    sb_add(&b, "\n## Plan of Work\n\nDo it.\n\n");
    for (int i = 0; i < 400; i++) sb_printf(&b, "Paragraph %d of the plan of work says what changes and why.\n\n", i);
    sb_add(&b, "## Concrete Steps\n\nRun it.\n\n## Validation and Acceptance\n\nTest it.\n\n"
               "## Idempotence and Recovery\n\nAgain.\n\n## Artifacts and Notes\n\nNone.\n\n"
               "## Interfaces and Dependencies\n\nNone.\n");
    *len = b.n;
    return sb_take(&b);
}

/* Opening: parse and every rule, the fastest of 20 (the machine is shared:
 * the minimum is the cost, the rest is other processes). */
static double open_ms(const char *s, size_t n, const path_lookup_t *lk, size_t *ndiags) {
    double v[20];
    for (int r = 0; r < 20; r++) {
        text_t t;
        plan_t p;
        diag_list_t l;
        text_init(&t, s, n);
        plan_init(&p);
        diag_list_init(&l);
        double t0 = now_ms();
        plan_parse(&p, &t);
        p.paths = lk;
        p.plan_dir = "docs/plans";
        rules_run(&p, &t, 29000000, &l);
        v[r] = now_ms() - t0;
        *ndiags = l.n;
        diag_list_free(&l);
        plan_free(&p);
        text_free(&t);
    }
    qsort(v, 20, sizeof *v, cmp_double);
    return v[0];
}

/* A keystroke: one character typed in a Progress line, then every rule;
 * median of 500. */
static double keystroke_ms(const char *s, size_t n, const path_lookup_t *lk) {
    static double v[500];
    text_t t;
    plan_t p;
    text_init(&t, s, n);
    plan_init(&p);
    plan_parse(&p, &t);
    p.paths = lk;
    p.plan_dir = "docs/plans";
    size_t at = (size_t)(strstr(s, "Step 200 of") - s) + 5;
    for (int r = 0; r < 500; r++) {
        diag_list_t l;
        diag_list_init(&l);
        double t0 = now_ms();
        plan_edit(&p, &t, at, at, "x", 1);
        rules_run(&p, &t, 29000000, &l);
        v[r] = now_ms() - t0;
        diag_list_free(&l);
        at++;
    }
    plan_free(&p);
    text_free(&t);
    return median(v, 500);
}

int main(int argc, char **argv) {
    size_t files = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
    if (files < 1000) files = 1000;
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    fprintf(stderr, "making %zu files under %s...\n", files, root);
    make_repo(files);
    double builds[3];
    file_index_t *ix = NULL;
    for (int r = 0; r < 3; r++) {
        file_index_free(ix);
        double t0 = now_ms();
        ix = file_index_build(root);
        builds[r] = now_ms() - t0;
    }
    if (!ix) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    double build = median(builds, 3);
    size_t len, n_with, n_without;
    char *plan = make_plan(200, files, &len);
    path_lookup_t lk;
    file_index_lookup(ix, &lk);
    double open_without = open_ms(plan, len, NULL, &n_without), open_with = open_ms(plan, len, &lk, &n_with);
    double key_without = keystroke_ms(plan, len, NULL), key_with = keystroke_ms(plan, len, &lk);
    int ok_build = build <= 1000, ok_open = open_with - open_without <= 2.0, ok_key = key_with - key_without <= 0.1;
    printf("| measure (%zu files, plan of %zu bytes naming 200 paths) | result | budget |\n|---|---|---|\n", files,
           len);
    printf("| file index build (median of 3) | %.0f ms, %zu entries | <= 1000 ms %s |\n", build, file_index_count(ix),
           ok_build ? "PASS" : "FAIL");
    printf("| file index memory | %.1f MiB (%.0f bytes per entry) | stated |\n", file_index_memory(ix) / 1048576.0,
           (double)file_index_memory(ix) / (double)file_index_count(ix));
    printf("| open: parse + rules, without / with the index (fastest of 20) | %.2f / %.2f ms (+%.2f; %zu missing-path) "
           "| +2 ms %s |\n",
           open_without, open_with, open_with - open_without, n_with - n_without, ok_open ? "PASS" : "FAIL");
    printf("| keystroke: edit + rules, without / with the index | %.3f / %.3f ms (+%.3f) | +0.1 ms %s |\n", key_without,
           key_with, key_with - key_without, ok_key ? "PASS" : "FAIL");
    free(plan);
    file_index_free(ix);
    remove_repo();
    return ok_build && ok_open && ok_key ? 0 : 1;
}
