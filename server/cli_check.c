/* cli_check.c: `planls check [--format text|json|sarif|github] [FILE|DIR...]`.
 * The same model, rules and settings as the server, over files read from disk
 * (or one text from standard input). */
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
#include "io.h"
#include "line_diff.h"
#include "plan.h"
#include "plan_paths.h"
#include "settings.h"
#include "strbuf.h"
#include "vec.h"
#include "walk.h"

/* Larger files are not plans anyone edits by hand. */
#define CHECK_MAX_FILE ((size_t)64 << 20)
/* What a directory walk takes in at most. */
#define CHECK_MAX_FILES 100000
#define CHECK_MAX_BYTES ((size_t)4 << 30)

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB };
enum { FIX_WRITE, FIX_DRY_RUN, FIX_DIFF };

typedef struct {
    char *root; /* owned; "" for files outside any repository */
    config_t config;
} repo_t;

typedef struct {
    int format;
    int plans_only; /* files named are checked only when they are plans */
    int fix;        /* 0, or the fix_level_t of --fix / --fix=all */
    int fix_output; /* FIX_WRITE, FIX_DRY_RUN, FIX_DIFF */
    int fixed_files;
    unsigned fixes;
    FILE *out;          /* where findings go: stdout, or stderr when stdout carries a fixed text */
    char cwd[PATH_MAX]; /* the current folder, resolved ("" if unknown): paths below it are shown relative */
    int io_errors;
    int problems; /* warnings and errors */
    int files;
    json_t *report; /* JSON: array of files; SARIF: array of results */
    int64_t now;
    repo_t *repos; /* settings per repository, loaded once */
    size_t nrepos, caprepos;
} check_t;

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

static void github_line(FILE *out, const char *path, const diag_t *d, size_t line, long long col, size_t eline,
                        long long ecol) {
    const char *kind = d->severity == SEV_ERROR ? "error" : d->severity == SEV_WARNING ? "warning" : "notice";
    fprintf(out, "::%s file=", kind);
    github_escaped(out, path, 1);
    fprintf(out, ",line=%zu,col=%lld,endLine=%zu,endColumn=%lld,title=", line + 1, col, eline + 1, ecol);
    github_escaped(out, d->code, 1);
    fputs("::", out);
    github_escaped(out, d->message, 0);
    fputc('\n', out);
}

/* A path as reports show it: relative to the current folder when it lies
 * below it (a bare `check` walks the repository by its absolute root, and
 * annotations want paths from the checkout), without a leading "./". */
static const char *shown(const check_t *c, const char *path) {
    size_t n = strlen(c->cwd);
    if (n > 1 && strncmp(path, c->cwd, n) == 0 && path[n] == '/') path += n + 1;
    while (path[0] == '.' && path[1] == '/' && path[2]) path += 2;
    return path;
}

static void report(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    path = shown(c, path);
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
        } else if (c->format == FORMAT_GITHUB) {
            github_line(c->out, path, d, line, (long long)col, eline, (long long)ecol);
        } else {
            fprintf(c->out, "%s:%zu:%lld: %s: %s [%s]\n", path, line + 1, (long long)col,
                    severity_short_name(d->severity), d->message, d->code);
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
    unsigned flags; /* DISK_PLAN_* */
    int fix;        /* fix_level_t, or 0 */
    int64_t now;
    disk_plan_t plan;
    int read_errno, done;
} job_t;

static void analyse(job_t *j) {
    const char *root = j->repo && j->repo->root[0] ? j->repo->root : NULL;
    if (disk_plan_load(&j->plan, j->path, CHECK_MAX_FILE, j->repo ? &j->repo->config : NULL, root, j->flags, j->now) <
            0 ||
        (j->fix && disk_plan_fix(&j->plan, j->path, (fix_level_t)j->fix, j->now) < 0))
        j->read_errno = errno;
}

/* What --fix does with a fixed file: write it (only if it still holds what
 * was read), or say what would change. */
static void write_fixed(check_t *c, job_t *j) {
    const disk_plan_t *dp = &j->plan;
    if (!dp->fixes) return;
    c->fixed_files++;
    c->fixes += dp->fixes;
    if (c->fix_output == FIX_DIFF) {
        strbuf_t d = {0};
        if (line_diff(j->path, dp->original.data, dp->original.len, dp->text.data, dp->text.len, &d) == 0)
            fputs(d.s ? d.s : "", stdout);
        free(sb_take(&d));
        return;
    }
    if (c->fix_output == FIX_DRY_RUN) {
        fprintf(stderr, "planls: %s: would apply %u fix%s\n", j->path, dp->fixes, dp->fixes == 1 ? "" : "es");
        return;
    }
    if (io_replace_file(j->path, dp->original.data, dp->original.len, dp->text.data, dp->text.len) < 0) {
        fprintf(stderr, "planls: %s: not fixed: %s\n", j->path, io_error_text(errno));
        c->io_errors++;
    }
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
        if (c->fix) write_fixed(c, j);
        /* A diff on stdout stays a diff: what remains is counted, not printed. */
        if (c->fix_output == FIX_DIFF) {
            for (size_t i = 0; i < j->plan.diags.n; i++) c->problems += j->plan.diags.items[i].severity <= SEV_WARNING;
        } else {
            report(c, j->path, &j->plan.text, &j->plan.diags);
        }
    }
    disk_plan_free(&j->plan);
}

static void work_cb(uv_work_t *req) { analyse((job_t *)req); }

static void after_work_cb(uv_work_t *req, int status) {
    (void)status;
    ((job_t *)req)->done = 1;
}

static job_t new_job(check_t *c, const char *path, const repo_t *repo, unsigned flags) {
    job_t j;
    memset(&j, 0, sizeof j);
    j.path = path;
    j.repo = repo;
    j.flags = flags;
    j.fix = c->fix;
    j.now = c->now;
    return j;
}

/* A file named on the command line: a link is the user's choice; it is a
 * plan unless --plans-only asks its content and path. */
static void check_file(check_t *c, const char *path, const repo_t *repo) {
    job_t j = new_job(c, path, repo, DISK_PLAN_FOLLOW | (c->plans_only ? 0 : DISK_PLAN_ALWAYS));
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
    fprintf(stderr, "usage: planls check [--format text|json|sarif|github] [--plans-only]\n"
                    "                    [--fix[=all] [--dry-run | --diff]] [FILE|DIR...]\n"
                    "       planls check [--format ...] [--plans-only] [--fix[=all]] --stdin-filename PATH < TEXT\n"
                    "       with no FILE or DIR, checks the plans of the repository holding the current folder\n");
    return 2;
}

/* Standard input, whole: at most max bytes. Returns an owned buffer (free)
 * with *len set, or NULL with errno set (EFBIG: too large). */
static char *read_stdin(size_t max, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0) break;
    }
    if (ferror(stdin)) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (n > max) {
        free(buf);
        errno = EFBIG;
        return NULL;
    }
    *len = n;
    return buf;
}

/* Unsaved text of path, from standard input: reported as path, with the
 * settings of path's repository. */
static void check_stdin(check_t *c, const char *path) {
    job_t j = new_job(c, path, repo_for(c, path, 0), c->plans_only ? 0 : DISK_PLAN_ALWAYS);
    size_t len = 0;
    char *data = read_stdin(CHECK_MAX_FILE, &len);
    if (!data) {
        j.read_errno = errno;
        j.path = "standard input";
    } else {
        const char *root = j.repo && j.repo->root[0] ? j.repo->root : NULL;
        if (disk_plan_check(&j.plan, path, data, len, j.repo ? &j.repo->config : NULL, root, j.flags, j.now) < 0 ||
            (c->fix && disk_plan_fix(&j.plan, path, (fix_level_t)c->fix, j.now) < 0))
            j.read_errno = errno;
        free(data);
    }
    if (c->fix && c->fix_output == FIX_WRITE && !j.read_errno) {
        /* Nothing to write to: the fixed text goes to stdout, what remains to stderr. */
        fwrite(j.plan.text.data, 1, j.plan.text.len, stdout);
        c->fixes += j.plan.fixes;
        c->fixed_files += j.plan.fixes > 0;
        j.plan.fixes = 0;
        c->out = stderr;
    }
    finish(c, &j);
}

static void print_report(check_t *c) {
    if (c->format == FORMAT_TEXT || c->format == FORMAT_GITHUB) {
        fflush(stdout);
        if (c->fix)
            fprintf(stderr, "planls: %s %u fix%s in %d file%s\n",
                    c->fix_output == FIX_WRITE ? "applied" : "would apply", c->fixes, c->fixes == 1 ? "" : "es",
                    c->fixed_files, c->fixed_files == 1 ? "" : "s");
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
    c.now = ts_now();
    c.out = stdout;
    if (!realpath(".", c.cwd)) c.cwd[0] = '\0';
    const char *stdin_name = NULL, *v;
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if ((v = option_value(argc, argv, &first, "--format"))) {
            if (parse_format(&c, v) < 0) return usage();
        } else if ((v = option_value(argc, argv, &first, "--stdin-filename"))) {
            stdin_name = v;
        } else if (strcmp(argv[first], "--plans-only") == 0) {
            c.plans_only = 1;
        } else if (strcmp(argv[first], "--fix") == 0) {
            c.fix = FIX_CERTAIN;
        } else if (strcmp(argv[first], "--fix=all") == 0) {
            c.fix = FIX_GUESSES;
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
    if (c.fix_output != FIX_WRITE && !c.fix) {
        fprintf(stderr, "planls: --dry-run and --diff go with --fix\n");
        return 2;
    }
    if (stdin_name && c.fix && c.format != FORMAT_TEXT) {
        fprintf(stderr, "planls: --fix with --stdin-filename prints the fixed text; findings only as text\n");
        return 2;
    }
    if (stdin_name && first < argc) {
        fprintf(stderr, "planls: --stdin-filename checks standard input only; no FILE or DIR with it\n");
        return 2;
    }
    if (c.format == FORMAT_JSON || c.format == FORMAT_SARIF) c.report = json_array();
    if (stdin_name) {
        check_stdin(&c, stdin_name);
    } else if (first >= argc) {
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
            check_file(&c, argv[i], repo_for(&c, argv[i], 0));
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
