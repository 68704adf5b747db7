/* cli_check.c: `planls check [--format text|json|sarif] [--stale]
 * [--require-active] [FILE|DIR...]`. The same model, rules and settings as
 * the server, over files read from disk (cli_plans.c finds and reads them). */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "cli_check.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_json.h"
#include "cli_plans.h"
#include "io.h"
#include "plan_status.h"
#include "settings.h"

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

typedef struct {
    cli_plans_t run;
    int format;
    int problems; /* warnings and errors */
    int files;
    int stale;      /* --stale: report stale-plan, which is off in CI unless asked */
    int active;     /* plans whose status is active (--require-active) */
    json_t *report; /* JSON: array of files; SARIF: array of results */
} check_t;

/* A place in t as the CLI reports it: 1-based line and column (UTF-8 bytes). */
typedef struct {
    json_int_t line, col, eline, ecol;
} where_t;

static where_t where_of(const text_t *t, size_t start, size_t end) {
    size_t line = text_line_of(t, start), eline = text_line_of(t, end);
    where_t w = {(json_int_t)line + 1, (json_int_t)(start - text_line_start(t, line)) + 1, (json_int_t)eline + 1,
                 (json_int_t)(end - text_line_start(t, eline)) + 1};
    return w;
}

static json_t *sarif_location(const char *path, where_t w) {
    return json_pack("{s:{s:{s:s},s:{s:I,s:I,s:I,s:I}}}", "physicalLocation", "artifactLocation", "uri", path, "region",
                     "startLine", w.line, "startColumn", w.col, "endLine", w.eline, "endColumn", w.ecol);
}

/* A diagnostic's related information (the open items of a complete plan):
 * SARIF's relatedLocations. */
static json_t *sarif_related(const char *path, const text_t *t, const diag_t *d) {
    json_t *arr = json_array();
    for (size_t k = 0; arr && k < d->nrelated; k++) {
        json_t *loc = sarif_location(path, where_of(t, d->related[k].start, d->related[k].end));
        json_object_set_new(loc, "id", json_integer((json_int_t)k));
        json_object_set_new(loc, "message", json_pack("{s:s}", "text", d->related[k].message));
        json_array_append_new(arr, loc);
    }
    return arr;
}

static void report(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    c->problems += check_json_problems(l);
    if (c->format == FORMAT_JSON) {
        json_array_append_new(c->report, check_json_file(path, t, l));
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        where_t w = where_of(t, d->start, d->end);
        if (c->format == FORMAT_SARIF) {
            const char *level = d->severity == SEV_ERROR ? "error" : d->severity == SEV_WARNING ? "warning" : "note";
            json_t *o = json_pack("{s:s,s:s,s:{s:s},s:[o]}", "ruleId", d->code, "level", level, "message", "text",
                                  d->message, "locations", sarif_location(path, w));
            if (o && d->nrelated) json_object_set_new(o, "relatedLocations", sarif_related(path, t, d));
            json_array_append_new(c->report, o);
        } else {
            printf("%s:%lld:%lld: %s: %s [%s]\n", path, (long long)w.line, (long long)w.col,
                   severity_short_name(d->severity), d->message, d->code);
            for (size_t k = 0; k < d->nrelated; k++) {
                where_t r = where_of(t, d->related[k].start, d->related[k].end);
                printf("%s:%lld:%lld: note: %s\n", path, (long long)r.line, (long long)r.col, d->related[k].message);
            }
        }
    }
}

static void on_settings(cli_plans_t *run, const char *path, const text_t *t, const diag_list_t *l) {
    report(run->arg, path, t, l);
}

/* stale-plan turns CI red as the calendar moves, with no change to the plan:
 * the CLI reports it when asked (--stale, or a severity in the settings). */
static void drop_stale(const check_t *c, const config_t *cfg, diag_list_t *l) {
    if (c->stale || (cfg && cfg->severity[RULE_STALE_PLAN] > 0)) return;
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].rule == RULE_STALE_PLAN) {
            diag_free_item(&l->items[i]);
            continue;
        }
        l->items[kept++] = l->items[i];
    }
    l->n = kept;
}

static void on_plan(cli_plans_t *run, cli_job_t *j) {
    check_t *c = run->arg;
    c->files++;
    if (j->plan.summary.status.status == PLAN_ACTIVE) c->active++;
    drop_stale(c, j->plan.plan.config, &j->plan.diags);
    report(c, j->path, &j->plan.text, &j->plan.diags);
}

static int usage(void) {
    fprintf(stderr, "usage: planls check [--format text|json|sarif] [--stale] [--require-active] [FILE|DIR...]\n"
                    "       with no FILE or DIR, checks the plans of the repository holding the current folder\n"
                    "       (with --require-active, its plans directory)\n");
    return 2;
}

static void print_report(check_t *c) {
    if (c->format == FORMAT_TEXT) {
        fflush(stdout);
        fprintf(stderr, "planls: checked %d plan%s, %d warning%s or error%s\n", c->files, c->files == 1 ? "" : "s",
                c->problems, c->problems == 1 ? "" : "s", c->problems == 1 ? "" : "s");
        return;
    }
    json_t *out;
    if (c->format == FORMAT_JSON) {
        out = check_json_report(json_incref(c->report), c->files, c->problems);
    } else {
        json_t *rules = json_array();
        for (int i = 0; i < RULE_COUNT; i++) json_array_append_new(rules, json_pack("{s:s}", "id", rule_info[i].code));
        out = json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:s,s:o}},s:O}]}", "version", "2.1.0", "$schema",
                        "https://json.schemastore.org/sarif-2.1.0.json", "runs", "tool", "driver", "name", "planls",
                        "version", PLANLS_VERSION, "rules", rules, "results", c->report);
    }
    char *s = out ? json_dumps(out, JSON_INDENT(2)) : NULL;
    if (s) puts(s);
    free(s);
    json_decref(out);
}

/* --require-active without a folder: the repository's plans directory. New
 * string (caller frees), NULL on OOM. */
static char *plans_directory(check_t *c) {
    char *root = settings_find_root(".");
    cli_repo_t *repo = root ? cli_plans_repo(&c->run, root, 1) : NULL;
    const char *rel = repo && repo->config.plans_dir ? repo->config.plans_dir : CONFIG_DEFAULT_PLANS_DIR;
    char *dir = io_path_join(root ? root : ".", rel);
    free(root);
    return dir;
}

int check_main(int argc, char **argv) {
    check_t c;
    memset(&c, 0, sizeof c);
    cli_plans_init(&c.run, ts_now());
    c.run.arg = &c;
    c.run.on_plan = on_plan;
    c.run.on_settings = on_settings;
    int first = 0, require_active = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first], *fmt = NULL;
        if (strcmp(a, "--format") == 0 && first + 1 < argc)
            fmt = argv[++first];
        else if (strncmp(a, "--format=", 9) == 0)
            fmt = a + 9;
        else if (strcmp(a, "--stale") == 0) {
            c.stale = 1;
            continue;
        } else if (strcmp(a, "--require-active") == 0) {
            require_active = 1;
            continue;
        } else if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else
            return usage();
        if (strcmp(fmt, "json") == 0)
            c.format = FORMAT_JSON;
        else if (strcmp(fmt, "sarif") == 0)
            c.format = FORMAT_SARIF;
        else if (strcmp(fmt, "text") == 0)
            c.format = FORMAT_TEXT;
        else
            return usage();
    }
    if (c.format != FORMAT_TEXT) c.report = json_array();
    char *dir = require_active && first >= argc ? plans_directory(&c) : NULL;
    int missing = 0;
    if (dir) {
        struct stat st;
        missing = stat(dir, &st) < 0 || !S_ISDIR(st.st_mode);
        if (!missing) cli_plans_dir(&c.run, dir);
    } else {
        cli_plans_run(&c.run, argv + first, argc - first);
    }
    print_report(&c);
    json_decref(c.report);
    cli_plans_free(&c.run);
    int rc = c.run.io_errors ? 2 : c.problems ? 1 : 0;
    if (require_active && !c.active) {
        /* The guide's compliance check: current work has a plan. */
        const char *where = dir ? dir : first + 1 == argc ? argv[first] : "the folders given";
        if (missing)
            fprintf(stderr, "planls: no active plan: %s does not exist; start one with `planls new \"Title\"`\n",
                    where);
        else
            fprintf(stderr,
                    "planls: no active plan in %s (every plan there is complete, blocked, draft, archived or "
                    "abandoned); start one with `planls new \"Title\"`\n",
                    where);
        if (rc == 0) rc = 1;
    }
    free(dir);
    return rc;
}
