/* cli_check.c: `planls check [--format text|json|sarif|github] [--stale]
 * [--require-active] [--plans-only] [--fix[=all] [--dry-run|--diff]]
 * [--stdin-filename PATH] [FILE|DIR...]`. The same model, rules and settings
 * as the server, over files read from disk (cli_plans.c finds and reads
 * them) or one text from standard input. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "cli_check.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_json.h"
#include "cli_plans.h"
#include "file_replace.h"
#include "io.h"
#include "line_diff.h"
#include "plan_status.h"
#include "settings.h"
#include "strbuf.h"

/* Larger texts on standard input are not plans anyone edits by hand. */
#define CHECK_MAX_STDIN ((size_t)64 << 20)

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB };
enum { FIX_WRITE, FIX_DRY_RUN, FIX_DIFF };

typedef struct {
    cli_plans_t run;
    int format;
    int problems; /* warnings and errors */
    int files;
    int stale;      /* --stale: report stale-plan, which is off in CI unless asked */
    int active;     /* plans whose status is active (--require-active) */
    json_t *report; /* JSON: array of files; SARIF: array of results */
    int fix_output; /* with --fix: FIX_WRITE, FIX_DRY_RUN, FIX_DIFF */
    int fixed_files;
    unsigned fixes;
    int from_stdin; /* the fixed text goes to stdout, the findings to stderr */
    int echoed;     /* from_stdin: the text was written to stdout */
    FILE *out;      /* where findings go */
} check_t;

static const char *shown(const check_t *c, const char *path) { return cli_plans_shown(&c->run, path); }

/* GitHub's workflow commands end a value at a newline, and a property also
 * at ',' or ':': those are written %-escaped, as the runner expects. */
static void github_escaped(FILE *out, const char *s, int property) {
    for (; *s; s++) {
        if (*s == '%' || *s == '\r' || *s == '\n' || (property && (*s == ':' || *s == ',')))
            fprintf(out, "%%%02X", (unsigned char)*s);
        else
            fputc(*s, out);
    }
}

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

static void github_line(FILE *out, const char *path, const diag_t *d, where_t w) {
    const char *kind = d->severity == SEV_ERROR ? "error" : d->severity == SEV_WARNING ? "warning" : "notice";
    fprintf(out, "::%s file=", kind);
    github_escaped(out, path, 1);
    fprintf(out, ",line=%lld,col=%lld,endLine=%lld,endColumn=%lld,title=", (long long)w.line, (long long)w.col,
            (long long)w.eline, (long long)w.ecol);
    github_escaped(out, d->code, 1);
    fputs("::", out);
    github_escaped(out, d->message, 0);
    fputc('\n', out);
}

static void report(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    path = shown(c, path);
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
        } else if (c->format == FORMAT_GITHUB) {
            github_line(c->out, path, d, w);
        } else {
            fprintf(c->out, "%s:%lld:%lld: %s: %s [%s]\n", path, (long long)w.line, (long long)w.col,
                    severity_short_name(d->severity), d->message, d->code);
            for (size_t k = 0; k < d->nrelated; k++) {
                where_t r = where_of(t, d->related[k].start, d->related[k].end);
                fprintf(c->out, "%s:%lld:%lld: note: %s\n", path, (long long)r.line, (long long)r.col,
                        d->related[k].message);
            }
        }
    }
}

static void on_settings(cli_plans_t *run, const char *path, const text_t *t, const diag_list_t *l) {
    check_t *c = run->arg;
    /* A diff on stdout stays a diff: the settings' problems are counted, not printed. */
    if (c->fix_output == FIX_DIFF)
        c->problems += check_json_problems(l);
    else
        report(c, path, t, l);
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

/* What --fix does with a fixed plan: write it (only over the text it read),
 * print it (from standard input), or say or show what would change. */
static void write_fixed(check_t *c, cli_job_t *j) {
    const disk_plan_t *dp = &j->plan;
    if (c->from_stdin && c->fix_output == FIX_WRITE) {
        fwrite(dp->text.data, 1, dp->text.len, stdout);
        c->echoed = 1;
    }
    if (!dp->fixes) return;
    c->fixed_files++;
    c->fixes += dp->fixes;
    if (c->fix_output == FIX_DIFF) {
        strbuf_t d = {0};
        if (line_diff(shown(c, j->path), dp->original.data, dp->original.len, dp->text.data, dp->text.len, &d) == 0)
            fputs(d.s ? d.s : "", stdout);
        free(sb_take(&d));
    } else if (c->fix_output == FIX_DRY_RUN) {
        fprintf(stderr, "planls: %s: would apply %u fix%s\n", shown(c, j->path), dp->fixes, dp->fixes == 1 ? "" : "es");
    } else if (!c->from_stdin) {
        /* A link named on the command line is the user's: the file it leads to is fixed, the link stays. */
        char real[PATH_MAX];
        const char *target = realpath(j->path, real) ? real : j->path;
        if (file_replace(target, dp->original.data, dp->original.len, dp->text.data, dp->text.len) < 0) {
            fprintf(stderr, "planls: %s: not fixed: %s\n", shown(c, j->path), io_error_text(errno));
            c->run.io_errors++;
        }
    }
}

static void on_plan(cli_plans_t *run, cli_job_t *j) {
    check_t *c = run->arg;
    c->files++;
    if (j->plan.summary.status.status == PLAN_ACTIVE) c->active++;
    drop_stale(c, j->plan.plan.config, &j->plan.diags);
    if (run->fix) write_fixed(c, j);
    /* A diff on stdout stays a diff: what remains is counted, not printed. */
    if (c->fix_output == FIX_DIFF)
        c->problems += check_json_problems(&j->plan.diags);
    else
        report(c, j->path, &j->plan.text, &j->plan.diags);
}

/* Standard input, whole: at most max bytes. Returns an owned buffer (free)
 * with *len set, or NULL with errno set (EFBIG: too large). */
static char *read_stdin(size_t max, size_t *len) {
    strbuf_t b = {0};
    char chunk[1 << 16];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (b.n + got > max) {
            free(sb_take(&b));
            errno = EFBIG;
            return NULL;
        }
        sb_addn(&b, chunk, got);
    }
    *len = b.n;
    char *data = sb_take(&b);
    if (!data || ferror(stdin)) {
        free(data);
        errno = data ? EIO : ENOMEM;
        return NULL;
    }
    return data;
}

static int usage(void) {
    fprintf(stderr, "usage: planls check [--format text|json|sarif|github] [--stale] [--require-active]\n"
                    "                    [--plans-only] [--fix[=all] [--dry-run | --diff]] [FILE|DIR...]\n"
                    "       planls check [--format ...] [--plans-only] [--fix[=all]] --stdin-filename PATH < TEXT\n"
                    "       with no FILE or DIR, checks the plans of the repository holding the current folder\n"
                    "       (with --require-active, its plans directory)\n");
    return 2;
}

static void print_report(check_t *c) {
    if (c->format == FORMAT_TEXT || c->format == FORMAT_GITHUB) {
        fflush(stdout);
        if (c->run.fix)
            fprintf(stderr, "planls: %s %u fix%s in %d file%s\n",
                    c->fix_output == FIX_WRITE ? "applied" : "would apply", c->fixes, c->fixes == 1 ? "" : "es",
                    c->fixed_files, c->fixed_files == 1 ? "" : "s");
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

static int parse_format(check_t *c, const char *fmt) {
    static const char *const names[] = {
        [FORMAT_TEXT] = "text", [FORMAT_JSON] = "json", [FORMAT_SARIF] = "sarif", [FORMAT_GITHUB] = "github"};
    for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(fmt, names[i]) == 0) {
            c->format = i;
            return 0;
        }
    fprintf(stderr, "planls: unknown format '%s' (text, json, sarif or github)\n", fmt);
    return -1;
}

/* An option's value: "--name VALUE" or "--name=VALUE". NULL when arg is not
 * that option; *i moves past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] == '\0' && *i + 1 < argc) return argv[++*i];
    return NULL;
}

int check_main(int argc, char **argv) {
    check_t c;
    memset(&c, 0, sizeof c);
    cli_plans_init(&c.run, ts_now());
    c.run.arg = &c;
    c.run.on_plan = on_plan;
    c.run.on_settings = on_settings;
    c.out = stdout;
    const char *stdin_name = NULL, *v;
    int first = 0, require_active = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if ((v = option_value(argc, argv, &first, "--format"))) {
            if (parse_format(&c, v) < 0) return usage();
        } else if ((v = option_value(argc, argv, &first, "--stdin-filename"))) {
            stdin_name = v;
        } else if (strcmp(argv[first], "--stale") == 0) {
            c.stale = 1;
        } else if (strcmp(argv[first], "--require-active") == 0) {
            require_active = 1;
        } else if (strcmp(argv[first], "--plans-only") == 0) {
            c.run.plans_only = 1;
        } else if (strcmp(argv[first], "--fix") == 0) {
            c.run.fix = FIX_CERTAIN;
        } else if (strcmp(argv[first], "--fix=all") == 0) {
            c.run.fix = FIX_GUESSES;
        } else if (strcmp(argv[first], "--dry-run") == 0) {
            c.fix_output = FIX_DRY_RUN;
        } else if (strcmp(argv[first], "--diff") == 0) {
            c.fix_output = FIX_DIFF;
        } else if (strcmp(argv[first], "--") == 0) {
            first++;
            break;
        } else
            return usage();
    }
    if (c.fix_output != FIX_WRITE && !c.run.fix) {
        fprintf(stderr, "planls: --dry-run and --diff go with --fix\n");
        return 2;
    }
    if (stdin_name && (first < argc || require_active)) {
        fprintf(stderr,
                "planls: --stdin-filename checks standard input only; no FILE, DIR or --require-active with it\n");
        return 2;
    }
    if (stdin_name && c.run.fix && c.fix_output == FIX_WRITE) {
        if (c.format != FORMAT_TEXT) {
            fprintf(stderr, "planls: --fix with --stdin-filename prints the fixed text; findings only as text\n");
            return 2;
        }
        /* stdout carries the fixed text; the findings go to stderr. */
        c.from_stdin = 1;
        c.out = stderr;
    }
    if (c.format == FORMAT_JSON || c.format == FORMAT_SARIF) c.report = json_array();
    char *dir = require_active && first >= argc ? plans_directory(&c) : NULL;
    int missing = 0;
    if (dir) {
        struct stat st;
        missing = stat(dir, &st) < 0 || !S_ISDIR(st.st_mode);
        if (!missing) cli_plans_dir(&c.run, dir);
    } else if (stdin_name) {
        size_t len = 0;
        char *data = read_stdin(CHECK_MAX_STDIN, &len);
        if (data) {
            cli_plans_text(&c.run, stdin_name, data, len);
            /* A text that is no plan (--plans-only) goes back as it came: a
             * hook writing stdout over the file must never empty it. */
            if (c.from_stdin && !c.echoed) fwrite(data, 1, len, stdout);
        } else {
            fprintf(stderr, "planls: standard input: %s\n",
                    errno == EFBIG ? "larger than 64 MiB, not read" : strerror(errno));
            c.run.io_errors++;
        }
        free(data);
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
