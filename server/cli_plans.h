/* cli_plans.h: what `planls check` and `planls status` share: finding the
 * plans the command line names (files, folders, else the repository of the
 * current folder), loading each repository's settings once, and checking
 * the files on libuv's thread pool, handing each plan back in order. */
#ifndef PLANLS_CLI_PLANS_H
#define PLANLS_CLI_PLANS_H

#include <limits.h>
#include <stdint.h>
#include <uv.h>

#include "config.h"
#include "diag.h"
#include "disk_plan.h"
#include "file_index.h"
#include "text.h"

typedef struct {
    char *root; /* owned; "" for files outside any repository */
    config_t config;
    file_index_t *files; /* owned: its files, built once, for the path rules (NULL outside a repository) */
    path_lookup_t lookup;
} cli_repo_t;

/* One file: read, checked and summarised on a worker thread. */
typedef struct {
    uv_work_t req;
    const char *path; /* borrowed */
    const cli_repo_t *repo;
    unsigned flags; /* DISK_PLAN_*: a file named on the command line follows links, and is always a plan */
    int fix;        /* fix_level_t to apply, or 0 */
    int64_t now;
    disk_plan_t plan; /* its summary too */
    int read_errno, done;
} cli_job_t;

typedef struct cli_plans_s cli_plans_t;
struct cli_plans_s {
    int64_t now;
    int plans_only;    /* files named are checked only when they are plans (by path and content, as in a walk) */
    int fix;           /* check --fix: the fix_level_t each plan's fixes are applied at (on the worker), or 0 */
    int io_errors;     /* files or folders named that could not be read */
    cli_repo_t *repos; /* owned: settings per repository, loaded once */
    size_t nrepos, caprepos;
    /* Called on the main thread, in the order the files were given: each
     * plan (borrowed for the call), and the problems of a repository's
     * settings file (path, its text, the bad-settings diagnostics). */
    void (*on_plan)(cli_plans_t *c, cli_job_t *j);
    void (*on_settings)(cli_plans_t *c, const char *path, const text_t *t, const diag_list_t *l);
    void *arg;          /* the command's own state */
    char cwd[PATH_MAX]; /* the current folder, resolved ("" if unknown) */
};

void cli_plans_init(cli_plans_t *c, int64_t now);

/* A path as the commands show it: relative to the current folder when it
 * lies below it (a bare command walks the repository by its absolute root,
 * and annotations want paths from the checkout), without a leading "./".
 * Borrowed from path. */
const char *cli_plans_shown(const cli_plans_t *c, const char *path);
void cli_plans_free(cli_plans_t *c);

/* The repository holding path (a folder when is_dir), its settings loaded
 * on first use. Borrowed (valid until the next call or cli_plans_free);
 * NULL on OOM. */
cli_repo_t *cli_plans_repo(cli_plans_t *c, const char *path, int is_dir);

/* Checks each of paths[0..n) (files always unless plans_only, folders'
 * plans), or with n == 0 the plans of the repository holding the current
 * folder. */
void cli_plans_run(cli_plans_t *c, char **paths, int n);

/* Checks the plans below one folder. Returns 0, or -1 when the folder itself
 * could not be read (said on stderr, counted in io_errors). */
int cli_plans_dir(cli_plans_t *c, const char *dir);

/* Checks data[0..len) as the unsaved text of path (which need not exist),
 * with the settings and files of path's repository, handing it to on_plan
 * when it is a plan. */
void cli_plans_text(cli_plans_t *c, const char *path, const char *data, size_t len);

#endif
