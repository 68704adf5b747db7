/* cli_plans.c: the plans a command line names, checked on libuv's thread
 * pool (both cores) and handed back in order. `planls check` and `planls
 * status` both run on it. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "cli_plans.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io.h"
#include "plan.h"
#include "settings.h"
#include "vec.h"
#include "walk.h"

/* Larger files are not plans anyone edits by hand. */
#define CHECK_MAX_FILE ((size_t)64 << 20)
/* What a directory walk takes in at most. */
#define CHECK_MAX_FILES 100000
#define CHECK_MAX_BYTES ((size_t)4 << 30)

void cli_plans_init(cli_plans_t *c, int64_t now) {
    memset(c, 0, sizeof *c);
    c->now = now;
    if (!realpath(".", c->cwd)) c->cwd[0] = '\0';
}

const char *cli_plans_shown(const cli_plans_t *c, const char *path) {
    size_t n = strlen(c->cwd);
    if (n > 1 && strncmp(path, c->cwd, n) == 0 && path[n] == '/') path += n + 1;
    while (path[0] == '.' && path[1] == '/' && path[2]) path += 2;
    return path;
}

void cli_plans_free(cli_plans_t *c) {
    for (size_t i = 0; i < c->nrepos; i++) {
        free(c->repos[i].root);
        config_free(&c->repos[i].config);
        file_index_free(c->repos[i].files);
    }
    free(c->repos);
    c->repos = NULL;
    c->nrepos = c->caprepos = 0;
}

cli_repo_t *cli_plans_repo(cli_plans_t *c, const char *path, int is_dir) {
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
    cli_repo_t *repo = &c->repos[c->nrepos++];
    repo->root = root ? root : strdup("");
    config_init(&repo->config);
    /* The same index the server builds: the editor and the CLI agree. */
    repo->files = root ? file_index_build(root) : NULL;
    if (repo->files) file_index_lookup(repo->files, &repo->lookup);
    if (root) {
        diag_list_t problems;
        diag_list_init(&problems);
        settings_load_root(&repo->config, root, &problems);
        if (problems.n && c->on_settings) {
            /* Bad settings are reported on their file, then the defaults apply. */
            char *file = io_path_join(root, SETTINGS_FILE);
            text_t t;
            if (settings_file_text(root, &t) == 0) {
                c->on_settings(c, file ? file : SETTINGS_FILE, &t, &problems);
                text_free(&t);
            }
            free(file);
        }
        diag_list_free(&problems);
    }
    return repo;
}

static void analyse(cli_job_t *j) {
    const char *root = j->repo && j->repo->root[0] ? j->repo->root : NULL;
    const path_lookup_t *paths = j->repo && j->repo->files ? &j->repo->lookup : NULL;
    if (disk_plan_load(&j->plan, j->path, CHECK_MAX_FILE, j->repo ? &j->repo->config : NULL, root, paths, j->flags,
                       j->now) < 0 ||
        (j->fix && disk_plan_fix(&j->plan, j->path, (fix_level_t)j->fix, j->now) < 0))
        j->read_errno = errno;
}

static void finish(cli_plans_t *c, cli_job_t *j) {
    if (j->read_errno) {
        if (j->read_errno == EFBIG)
            fprintf(stderr, "planls: %s: larger than %zu MiB, not read\n", j->path, CHECK_MAX_FILE >> 20);
        else
            fprintf(stderr, "planls: %s: %s\n", j->path, io_error_text(j->read_errno));
        c->io_errors++;
    } else if (j->plan.is_plan && c->on_plan) {
        c->on_plan(c, j);
    }
    disk_plan_free(&j->plan);
}

static void work_cb(uv_work_t *req) { analyse((cli_job_t *)req); }

static void after_work_cb(uv_work_t *req, int status) {
    (void)status;
    ((cli_job_t *)req)->done = 1;
}

static cli_job_t new_job(cli_plans_t *c, const char *path, const cli_repo_t *repo, unsigned flags) {
    cli_job_t j;
    memset(&j, 0, sizeof j);
    j.path = path;
    j.repo = repo;
    j.flags = flags;
    j.fix = c->fix;
    j.now = c->now;
    return j;
}

/* A file named on the command line: a link is the user's choice; it is a
 * plan unless --plans-only asks its path and content. */
static void check_file(cli_plans_t *c, const char *path, const cli_repo_t *repo) {
    cli_job_t j = new_job(c, path, repo, DISK_PLAN_FOLLOW | (c->plans_only ? 0 : DISK_PLAN_ALWAYS));
    analyse(&j);
    finish(c, &j);
}

void cli_plans_text(cli_plans_t *c, const char *path, const char *data, size_t len) {
    const cli_repo_t *repo = cli_plans_repo(c, path, 0);
    cli_job_t j = new_job(c, path, repo, c->plans_only ? 0 : DISK_PLAN_ALWAYS);
    const char *root = repo && repo->root[0] ? repo->root : NULL;
    if (disk_plan_from_text(&j.plan, path, data, len, repo ? &repo->config : NULL, root,
                            repo && repo->files ? &repo->lookup : NULL, j.flags, j.now) < 0 ||
        (j.fix && disk_plan_fix(&j.plan, path, (fix_level_t)j.fix, j.now) < 0))
        j.read_errno = errno;
    finish(c, &j);
}

/* Checks many files on the thread pool, handing them back in the order
 * given as they complete. */
static void check_files(cli_plans_t *c, char **paths, size_t n) {
    cli_job_t *jobs = calloc(n ? n : 1, sizeof *jobs);
    if (!jobs) return;
    /* Settings are loaded here, before any thread reads them; the repos array
     * may move while it grows, so jobs learn their repo once it is complete. */
    size_t *repo_of = calloc(n ? n : 1, sizeof *repo_of);
    if (!repo_of) {
        free(jobs);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        /* A walk lists a folder's files together: the repository of the
         * previous file's folder is this one's, without looking it up again. */
        const char *slash = strrchr(paths[i], '/'), *prev = i ? strrchr(paths[i - 1], '/') : NULL;
        size_t len = slash ? (size_t)(slash - paths[i]) : 0;
        if (prev && slash && (size_t)(prev - paths[i - 1]) == len && memcmp(paths[i], paths[i - 1], len) == 0) {
            repo_of[i] = repo_of[i - 1];
            continue;
        }
        const cli_repo_t *repo = cli_plans_repo(c, paths[i], 0);
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

int cli_plans_dir(cli_plans_t *c, const char *dir) {
    cli_repo_t *repo = cli_plans_repo(c, dir, 1);
    walk_result_t files;
    int rc = 0;
    if (walk_markdown(dir, repo && repo->root[0] ? repo->root : NULL, repo ? &repo->config : NULL, CHECK_MAX_FILE,
                      CHECK_MAX_FILES, CHECK_MAX_BYTES, &files) < 0) {
        /* The folder named (or the repository's) itself: nothing was checked. */
        fprintf(stderr, "planls: %s: %s\n", dir, strerror(errno));
        c->io_errors++;
        rc = -1;
    }
    /* What is left out below it is said, but is no error of the run: a
     * repository may hold what planls has no business reading. */
    for (size_t i = 0; i < files.nskipped; i++) fprintf(stderr, "planls: %s\n", files.skipped[i]);
    check_files(c, files.paths, files.n);
    if (files.truncated) fprintf(stderr, "planls: %s: stopped after %zu files\n", dir, files.n);
    walk_result_free(&files);
    return rc;
}

void cli_plans_run(cli_plans_t *c, char **paths, int n) {
    if (n <= 0) {
        /* No arguments: the plans of the repository holding the current folder. */
        char *root = settings_find_root(".");
        cli_plans_dir(c, root ? root : ".");
        free(root);
    }
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) < 0) {
            fprintf(stderr, "planls: %s: %s\n", paths[i], strerror(errno));
            c->io_errors++;
        } else if (S_ISDIR(st.st_mode)) {
            cli_plans_dir(c, paths[i]);
        } else {
            check_file(c, paths[i], cli_plans_repo(c, paths[i], 0));
        }
    }
}
