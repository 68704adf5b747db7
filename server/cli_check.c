/* cli_check.c: `planls check [--format text|json|sarif] [FILE|DIR...]`. The same
 * model, rules and settings as the server, over files read from disk. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "cli_check.h"

#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uv.h>

#include "disk_plan.h"
#include "file_index.h"
#include "io.h"
#include "plan.h"
#include "plan_paths.h"
#include "settings.h"
#include "vec.h"
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
    file_index_t *files; /* owned: its files, built once, for the path rules (NULL outside a repository) */
    path_lookup_t lookup;
} repo_t;

typedef struct {
    int format;
    int io_errors;
    int problems; /* warnings and errors */
    int files;
    json_t *report; /* JSON: array of files; SARIF: array of results */
    int64_t now;
    repo_t *repos; /* settings per repository, loaded once */
    size_t nrepos, caprepos;
} check_t;

static void report(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    json_t *diags = c->format == FORMAT_JSON ? json_array() : NULL;
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        size_t line = text_line_of(t, d->start), eline = text_line_of(t, d->end);
        json_int_t col = (json_int_t)(d->start - text_line_start(t, line)) + 1;
        json_int_t ecol = (json_int_t)(d->end - text_line_start(t, eline)) + 1;
        if (d->severity <= SEV_WARNING) c->problems++;
        if (c->format == FORMAT_JSON) {
            json_array_append_new(diags,
                                  json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s}", "line", (json_int_t)line + 1, "column",
                                            col, "endLine", (json_int_t)eline + 1, "endColumn", ecol, "severity",
                                            severity_short_name(d->severity), "code", d->code, "message", d->message));
        } else if (c->format == FORMAT_SARIF) {
            const char *level = d->severity == SEV_ERROR ? "error" : d->severity == SEV_WARNING ? "warning" : "note";
            json_array_append_new(c->report, json_pack("{s:s,s:s,s:{s:s},s:[{s:{s:{s:s},s:{s:I,s:I,s:I,s:I}}}]}",
                                                       "ruleId", d->code, "level", level, "message", "text", d->message,
                                                       "locations", "physicalLocation", "artifactLocation", "uri", path,
                                                       "region", "startLine", (json_int_t)line + 1, "startColumn", col,
                                                       "endLine", (json_int_t)eline + 1, "endColumn", ecol));
        } else {
            printf("%s:%zu:%lld: %s: %s [%s]\n", path, line + 1, (long long)col, severity_short_name(d->severity),
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
    if (VEC_RESERVE(c->repos, c->caprepos, c->nrepos + 1) < 0) {
        free(root);
        return NULL;
    }
    repo_t *repo = &c->repos[c->nrepos++];
    repo->root = root ? root : strdup("");
    config_init(&repo->config);
    /* The same index the server builds: the editor and the CLI agree. */
    repo->files = root ? file_index_build(root) : NULL;
    if (repo->files) file_index_lookup(repo->files, &repo->lookup);
    if (root) {
        diag_list_t problems;
        diag_list_init(&problems);
        settings_load_root(&repo->config, root, &problems);
        if (problems.n) {
            /* Bad settings are reported on their file, then the defaults apply. */
            char *file = io_path_join(root, SETTINGS_FILE);
            text_t t;
            if (settings_file_text(root, &t) == 0) {
                report(c, file ? file : SETTINGS_FILE, &t, &problems);
                text_free(&t);
            }
            free(file);
        }
        diag_list_free(&problems);
    }
    return repo;
}

/* One file's check: reading and analysis may run on a worker thread; the
 * report is written on the main thread, in order. */
typedef struct {
    uv_work_t req;
    const char *path; /* borrowed */
    const repo_t *repo;
    int named;
    int64_t now;
    disk_plan_t plan;
    int read_errno, done;
} job_t;

static void analyse(job_t *j) {
    const char *root = j->repo && j->repo->root[0] ? j->repo->root : NULL;
    const path_lookup_t *paths = j->repo && j->repo->files ? &j->repo->lookup : NULL;
    if (disk_plan_load(&j->plan, j->path, CHECK_MAX_FILE, j->repo ? &j->repo->config : NULL, root, paths, j->named,
                       j->now) < 0)
        j->read_errno = errno;
}

static void finish(check_t *c, job_t *j) {
    if (j->read_errno) {
        if (j->read_errno == EFBIG)
            fprintf(stderr, "planls: %s: larger than %zu MiB, not read\n", j->path, CHECK_MAX_FILE >> 20);
        else
            fprintf(stderr, "planls: %s: %s\n", j->path, io_error_text(j->read_errno));
        c->io_errors++;
    } else if (j->plan.is_plan) {
        c->files++;
        report(c, j->path, &j->plan.text, &j->plan.diags);
    }
    disk_plan_free(&j->plan);
}

static void work_cb(uv_work_t *req) { analyse((job_t *)req); }

static void after_work_cb(uv_work_t *req, int status) {
    (void)status;
    ((job_t *)req)->done = 1;
}

static job_t new_job(check_t *c, const char *path, const repo_t *repo, int named) {
    job_t j;
    memset(&j, 0, sizeof j);
    j.path = path;
    j.repo = repo;
    j.named = named;
    j.now = c->now;
    return j;
}

static void check_file(check_t *c, const char *path, const repo_t *repo, int named) {
    job_t j = new_job(c, path, repo, named);
    analyse(&j);
    finish(c, &j);
}

/* Checks many files on libuv's thread pool (both cores), reporting them in
 * the order given as they complete. */
static void check_files(check_t *c, char **paths, size_t n) {
    job_t *jobs = calloc(n ? n : 1, sizeof *jobs);
    if (!jobs) return;
    /* Settings are loaded here, before any thread reads them; the repos array
     * may move while it grows, so jobs learn their repo once it is complete. */
    size_t *repo_of = calloc(n ? n : 1, sizeof *repo_of);
    if (!repo_of) {
        free(jobs);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const repo_t *repo = repo_for(c, paths[i], 0);
        repo_of[i] = repo ? (size_t)(repo - c->repos) : SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++)
        jobs[i] = new_job(c, paths[i], repo_of[i] == SIZE_MAX ? NULL : &c->repos[repo_of[i]], 0);
    free(repo_of);
    uv_loop_t loop;
    int threads = n > 1 && uv_loop_init(&loop) == 0;
    plan_prepare_threads();
    for (size_t i = 0; i < n && threads; i++)
        if (uv_queue_work(&loop, &jobs[i].req, work_cb, after_work_cb) < 0) {
            analyse(&jobs[i]);
            jobs[i].done = 1;
        }
    size_t next = 0;
    while (next < n) {
        if (!threads) {
            analyse(&jobs[next]);
            jobs[next].done = 1;
        } else if (!jobs[next].done) {
            uv_run(&loop, UV_RUN_ONCE);
            continue;
        }
        finish(c, &jobs[next++]);
    }
    if (threads) {
        uv_run(&loop, UV_RUN_DEFAULT);
        uv_loop_close(&loop);
    }
    free(jobs);
}

static void check_dir(check_t *c, const char *dir) {
    repo_t *repo = repo_for(c, dir, 1);
    walk_result_t files;
    if (walk_markdown(dir, repo && repo->root[0] ? repo->root : NULL, repo ? &repo->config : NULL, CHECK_MAX_FILE,
                      CHECK_MAX_FILES, CHECK_MAX_BYTES, &files) < 0) {
        /* The folder named (or the repository's) itself: nothing was checked. */
        fprintf(stderr, "planls: %s: %s\n", dir, strerror(errno));
        c->io_errors++;
    }
    /* What is left out below it is said, but is no error of the run: a
     * repository may hold what planls has no business reading. */
    for (size_t i = 0; i < files.nskipped; i++) fprintf(stderr, "planls: %s\n", files.skipped[i]);
    check_files(c, files.paths, files.n);
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
        out =
            json_pack("{s:O,s:{s:i,s:i}}", "files", c->report, "summary", "checked", c->files, "problems", c->problems);
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

int check_main(int argc, char **argv) {
    check_t c;
    memset(&c, 0, sizeof c);
    c.now = ts_now();
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
            c.format = FORMAT_JSON;
        else if (strcmp(fmt, "sarif") == 0)
            c.format = FORMAT_SARIF;
        else if (strcmp(fmt, "text") == 0)
            c.format = FORMAT_TEXT;
        else
            return usage();
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
        file_index_free(c.repos[i].files);
    }
    free(c.repos);
    if (c.io_errors) return 2;
    return c.problems ? 1 : 0;
}
