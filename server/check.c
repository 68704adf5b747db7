/* check.c: `planls check [--format text|json|sarif] [FILE|DIR...]`. The same
 * model, rules and settings as the server, over files read from disk. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "check.h"

#include <limits.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan.h"
#include "plan_paths.h"
#include "settings.h"
#include "walk.h"

/* Larger files are not plans anyone edits by hand. */
#define CHECK_MAX_FILE ((size_t)64 << 20)
/* What a directory walk takes in at most. */
#define CHECK_MAX_FILES 100000
#define CHECK_MAX_BYTES ((size_t)4 << 30)

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

typedef struct {
    char *root; /* owned; "" for files outside any repository */
    config_t config;
} repo_t;

typedef struct {
    int format;
    int io_errors;
    int problems; /* warnings and errors */
    int files;
    json_t *report; /* JSON: array of files; SARIF: array of results */
    int64_t now;
    repo_t *repos;  /* settings per repository, loaded once */
    size_t nrepos;
} check_t;

static const char *short_severity(severity_t s) {
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "info";
    case SEV_HINT: return "hint";
    }
    return "?";
}

static void report(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    json_t *diags = c->format == FORMAT_JSON ? json_array() : NULL;
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        size_t line = text_line_of(t, d->start), eline = text_line_of(t, d->end);
        json_int_t col = (json_int_t)(d->start - text_line_start(t, line)) + 1;
        json_int_t ecol = (json_int_t)(d->end - text_line_start(t, eline)) + 1;
        if (d->severity <= SEV_WARNING) c->problems++;
        if (c->format == FORMAT_JSON) {
            json_array_append_new(diags, json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s}", "line", (json_int_t)line + 1,
                                                   "column", col, "endLine", (json_int_t)eline + 1, "endColumn",
                                                   ecol, "severity", short_severity(d->severity), "code", d->code,
                                                   "message", d->message));
        } else if (c->format == FORMAT_SARIF) {
            const char *level = d->severity == SEV_ERROR ? "error" : d->severity == SEV_WARNING ? "warning" : "note";
            json_array_append_new(
                c->report,
                json_pack("{s:s,s:s,s:{s:s},s:[{s:{s:{s:s},s:{s:I,s:I,s:I,s:I}}}]}", "ruleId", d->code, "level", level,
                          "message", "text", d->message, "locations", "physicalLocation", "artifactLocation", "uri",
                          path, "region", "startLine", (json_int_t)line + 1, "startColumn", col, "endLine",
                          (json_int_t)eline + 1, "endColumn", ecol));
        } else {
            printf("%s:%zu:%lld: %s: %s [%s]\n", path, line + 1, (long long)col, short_severity(d->severity),
                   d->message, d->code);
        }
    }
    if (c->format == FORMAT_JSON)
        json_array_append_new(c->report, json_pack("{s:s,s:o}", "path", path, "diagnostics", diags));
}

/* The repository holding path (its settings loaded on first use). */
static repo_t *repo_for(check_t *c, const char *path, int is_dir) {
    char *copy = strdup(path);
    if (!copy) return NULL;
    char *root = settings_find_root(is_dir ? copy : dirname(copy));
    free(copy);
    const char *key = root ? root : "";
    for (size_t i = 0; i < c->nrepos; i++)
        if (strcmp(c->repos[i].root, key) == 0) {
            free(root);
            return &c->repos[i];
        }
    repo_t *r = realloc(c->repos, (c->nrepos + 1) * sizeof *r);
    if (!r) {
        free(root);
        return NULL;
    }
    c->repos = r;
    repo_t *repo = &r[c->nrepos++];
    repo->root = root ? root : strdup("");
    config_init(&repo->config);
    if (root) {
        diag_list_t problems;
        diag_list_init(&problems);
        settings_load_root(&repo->config, root, &problems);
        if (problems.n) {
            /* Bad settings are reported on their file, then the defaults apply. */
            size_t n = strlen(root) + sizeof SETTINGS_FILE + 1, len;
            char *file = malloc(n);
            if (file) snprintf(file, n, "%s/%s", root, SETTINGS_FILE);
            char *data = file ? settings_read_file(file, CHECK_MAX_FILE, &len) : NULL;
            text_t t;
            if (text_init(&t, data ? data : "", data ? len : 0) == 0) {
                report(c, file ? file : SETTINGS_FILE, &t, &problems);
                text_free(&t);
            }
            free(data);
            free(file);
        }
        diag_list_free(&problems);
    }
    return repo;
}

static void check_file(check_t *c, const char *path, repo_t *repo, int named) {
    size_t len;
    char *data = settings_read_file(path, CHECK_MAX_FILE, &len);
    if (!data) {
        fprintf(stderr, "planls: %s: %s\n", path, errno == EFBIG ? "not a regular file of a plan's size"
                                                                  : strerror(errno));
        c->io_errors++;
        return;
    }
    text_t t;
    if (text_init(&t, data, len) < 0) {
        free(data);
        c->io_errors++;
        return;
    }
    free(data);
    const config_t *cfg = repo ? &repo->config : NULL;
    plan_t p;
    plan_init(&p);
    p.config = cfg;
    diag_list_t l;
    diag_list_init(&l);
    const char *root = repo && repo->root[0] ? repo->root : NULL;
    /* Settings name paths from the repository root: compare absolute paths. */
    char abs[PATH_MAX];
    const char *where = realpath(path, abs) ? abs : path;
    int guide = cfg && cfg->guide_path && strcmp(cfg->guide_path, where) == 0;
    if (plan_parse(&p, &t) == 0 &&
        (named || (!guide && (config_is_plan_path(cfg, root, where) || plan_looks_like_plan(&p))))) {
        c->files++;
        if (plan_diagnostics(&p, &t, c->now, &l) == 0) report(c, path, &t, &l);
    }
    diag_list_free(&l);
    plan_free(&p);
    text_free(&t);
}

static void check_dir(check_t *c, const char *dir) {
    repo_t *repo = repo_for(c, dir, 1);
    walk_result_t files;
    if (walk_markdown(dir, repo && repo->root[0] ? repo->root : NULL, CHECK_MAX_FILES, CHECK_MAX_BYTES, &files) < 0) {
        fprintf(stderr, "planls: %s: %s\n", dir, strerror(errno));
        c->io_errors++;
    }
    for (size_t i = 0; i < files.n; i++) check_file(c, files.paths[i], repo_for(c, files.paths[i], 0), 0);
    if (files.truncated) fprintf(stderr, "planls: %s: stopped after %zu files\n", dir, files.n);
    walk_result_free(&files);
}

static int usage(void) {
    fprintf(stderr, "usage: planls check [--format text|json|sarif] [FILE|DIR...]\n"
                    "       with no FILE or DIR, checks the plans of the repository holding the current folder\n");
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
        out = json_pack("{s:O,s:{s:i,s:i}}", "files", c->report, "summary", "checked", c->files, "problems",
                        c->problems);
    } else {
        json_t *rules = json_array();
        for (int i = 0; i < CONFIG_RULE_COUNT; i++)
            json_array_append_new(rules, json_pack("{s:s}", "id", config_rule_codes[i]));
        out = json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:s,s:o}},s:O}]}", "version", "2.1.0", "$schema",
                        "https://json.schemastore.org/sarif-2.1.0.json", "runs", "tool", "driver", "name", "planls",
                        "version", PLANLS_VERSION, "rules",
                        rules, "results", c->report);
    }
    char *s = out ? json_dumps(out, JSON_INDENT(2)) : NULL;
    if (s) puts(s);
    free(s);
    json_decref(out);
}

int check_main(int argc, char **argv) {
    check_t c;
    memset(&c, 0, sizeof c);
    c.now = ts_now();
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first], *fmt = NULL;
        if (strcmp(a, "--format") == 0 && first + 1 < argc) fmt = argv[++first];
        else if (strncmp(a, "--format=", 9) == 0) fmt = a + 9;
        else if (strcmp(a, "--") == 0) { first++; break; }
        else return usage();
        if (strcmp(fmt, "json") == 0) c.format = FORMAT_JSON;
        else if (strcmp(fmt, "sarif") == 0) c.format = FORMAT_SARIF;
        else if (strcmp(fmt, "text") == 0) c.format = FORMAT_TEXT;
        else return usage();
    }
    if (c.format != FORMAT_TEXT) c.report = json_array();
    if (first >= argc) {
        /* No arguments: the plans of the repository holding the current folder. */
        char *root = settings_find_root(".");
        check_dir(&c, root ? root : ".");
        free(root);
    }
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "planls: %s: %s\n", argv[i], strerror(errno));
            c.io_errors++;
        } else if (S_ISDIR(st.st_mode)) {
            check_dir(&c, argv[i]);
        } else {
            check_file(&c, argv[i], repo_for(&c, argv[i], 0), 1);
        }
    }
    print_report(&c);
    json_decref(c.report);
    for (size_t i = 0; i < c.nrepos; i++) {
        free(c.repos[i].root);
        config_free(&c.repos[i].config);
    }
    free(c.repos);
    if (c.io_errors) return 2;
    return c.problems ? 1 : 0;
}
