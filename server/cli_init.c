/* cli_init.c: `planls init [--dry-run] [--readme] [--pre-commit]` in a
 * repository: the plans folder, the plan guide (PLANS.md), the ExecPlan
 * section of AGENTS.md (and README.md when asked), .planls.json and the
 * pre-commit hook. Idempotent: a file that exists is kept, and only the
 * sections between planls's markers are ever rewritten. */
/* realpath() is POSIX 2008 / XSI. */
#define _XOPEN_SOURCE 700
#include "cli_init.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_files.h"
#include "cli_init_text.h"
#include "disk_plan.h"
#include "file_replace.h"
#include "io.h"
#include "settings.h"
#include "strbuf.h"
#include "timestamp.h"
#include "walk.h"

/* Files init reads (AGENTS.md, README.md, the hook config) and plans it
 * reads for their dialect: larger ones are left alone. */
#define INIT_MAX_FILE (8u << 20)
#define INIT_MAX_PLANS 2000
#define INIT_MAX_BYTES (64u << 20)

typedef struct {
    const char *root; /* borrowed: the repository, resolved */
    int dry_run;
    int failed; /* an I/O error: exit status 2 */
    int manual; /* something is left to the user: exit status 1 */
} init_t;

/* One line of the report: "created X (why)" or, in a dry run, "would
 * create X (why)". */
static void report(const init_t *in, const char *now, const char *done, const char *rel, const char *why) {
    printf("%s %s%s%s%s\n", in->dry_run ? now : done, rel, why ? " (" : "", why ? why : "", why ? ")" : "");
}

static void fail(init_t *in, const char *rel, const char *why) {
    fprintf(stderr, "planls: %s: %s; left alone\n", rel, why);
    in->failed = 1;
}

/* The plans folder, created inside the repository. */
static void init_plans_dir(init_t *in, const char *dir) {
    char *path = io_path_join(in->root, dir);
    struct stat st;
    char label[PATH_MAX + 2];
    snprintf(label, sizeof label, "%s/", dir);
    if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        report(in, "would keep", "kept", label, "exists");
    } else if (in->dry_run) {
        report(in, "would create", "", label, NULL);
    } else {
        char *made = cli_make_dirs_inside(in->root, dir);
        if (made)
            report(in, "", "created", label, NULL);
        else
            fail(in, label, io_error_text(errno));
        free(made);
    }
    free(path);
}

/* A new file at rel with text, unless one exists there. */
static void init_new_file(init_t *in, const char *rel, const char *text, const char *why) {
    char *path = io_resolve_inside(in->root, rel);
    struct stat st;
    if (!path) {
        fail(in, rel, io_error_text(errno));
    } else if (lstat(path, &st) == 0) {
        report(in, "would keep", "kept", rel, "exists");
    } else if (in->dry_run) {
        report(in, "would create", "", rel, why);
    } else {
        int rc = cli_write_new(path, text, NULL);
        if (rc == 0)
            report(in, "", "created", rel, why);
        else if (rc == 1)
            report(in, "", "kept", rel, "exists");
        else
            in->failed = 1;
    }
    free(path);
}

/* rel with block as its marked section (see init_splice); a missing file is
 * created as head followed by block. */
static void init_marked_section(init_t *in, const char *rel, const char *block, const char *head) {
    char *path = io_resolve_inside(in->root, rel);
    if (!path) {
        fail(in, rel, io_error_text(errno));
        return;
    }
    size_t len = 0;
    char *text = io_read_file(path, INIT_MAX_FILE, IO_NOFOLLOW, &len);
    if (!text && errno == ENOENT) {
        strbuf_t b = {0};
        sb_add(&b, head);
        sb_add(&b, block);
        char *whole = sb_take(&b);
        if (!whole)
            fail(in, rel, "out of memory");
        else if (in->dry_run)
            report(in, "would create", "", rel, "with the section between planls markers");
        else if (cli_write_new(path, whole, NULL) == 0)
            report(in, "", "created", rel, "with the section between planls markers");
        else
            in->failed = 1;
        free(whole);
        free(path);
        return;
    }
    if (!text) {
        fail(in, rel, errno == ELOOP ? "a symbolic link" : io_error_text(errno));
        free(path);
        return;
    }
    int result = 0;
    char *spliced = strlen(text) == len ? init_splice(text, block, &result) : NULL;
    if (strlen(text) != len)
        fail(in, rel, "holds NUL bytes");
    else if (!spliced && result == -1)
        fail(in, rel, "a '" INIT_BEGIN "' marker without its '" INIT_END "'");
    else if (!spliced)
        fail(in, rel, "out of memory");
    else if (result == 0)
        report(in, "would leave", "unchanged", rel, "the section between planls markers is up to date");
    else if (in->dry_run)
        report(in, result == 1 ? "would update" : "would add to", "", rel,
               result == 1 ? "the section between planls markers" : "a section between planls markers, at the end");
    else if (file_replace(path, text, len, spliced, strlen(spliced)) == 0)
        report(in, "", result == 1 ? "updated" : "added to", rel,
               result == 1 ? "the section between planls markers" : "a section between planls markers, at the end");
    else
        fail(in, rel, io_error_text(errno));
    free(spliced);
    free(text);
    free(path);
}

/* The indentation of the items of the top-level `repos:` list when that
 * list is the file's last top-level key (so appending adds an item), else
 * NULL. Owned: free it. */
static char *repos_item_indent(const char *yaml) {
    const char *repos = NULL;
    for (const char *l = yaml; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        if (strncmp(l, "repos:", 6) == 0)
            repos = l;
        else if (repos && *l != ' ' && *l != '\t' && *l != '#' && *l != '\n' && *l != '-')
            return NULL; /* another top-level key follows the list */
    }
    if (!repos) return NULL;
    const char *after = strchr(repos, '\n');
    if (!after) return NULL;
    for (const char *l = after + 1; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        size_t sp = strspn(l, " ");
        if (l[sp] == '-' && l[sp + 1] == ' ') {
            char *ind = malloc(sp + 1);
            if (ind) {
                memset(ind, ' ', sp);
                ind[sp] = '\0';
            }
            return ind;
        }
        if (l[sp] != '#' && l[sp] != '\n') return NULL;
    }
    return NULL;
}

/* .pre-commit-config.yaml: the hook between markers (a new file, or a new
 * item at the end of its repos: list); a hook with id planls is kept. */
static void init_precommit(init_t *in, const char *plans_dir, const char *guide_rel) {
    const char *rel = ".pre-commit-config.yaml";
    char *path = io_resolve_inside(in->root, rel);
    size_t len = 0;
    char *text = path ? io_read_file(path, INIT_MAX_FILE, IO_NOFOLLOW, &len) : NULL;
    if (!text) {
        char *block = init_precommit_block(plans_dir, guide_rel, "  ");
        init_marked_section(in, rel, block ? block : "", "repos:\n");
        free(block);
    } else {
        const char *mark = strstr(text, INIT_BEGIN);
        char *indent = NULL;
        if (mark) {
            const char *ls = mark;
            while (ls > text && ls[-1] != '\n') ls--;
            size_t sp = strspn(ls, " ");
            indent = strndup(ls, sp);
        } else if (!strstr(text, "id: planls")) {
            indent = repos_item_indent(text);
        }
        if (indent) {
            char *block = init_precommit_block(plans_dir, guide_rel, indent);
            init_marked_section(in, rel, block ? block : "", "");
            free(block);
        } else if (strstr(text, "id: planls")) {
            report(in, "would keep", "kept", rel, "it has a hook with id planls");
        } else {
            char *block = init_precommit_block(plans_dir, guide_rel, "  ");
            printf("left %s alone: its repos: list is not the last key; add this item to it by hand:\n%s", rel,
                   block ? block : "");
            free(block);
            in->manual = 1;
        }
        free(indent);
    }
    free(text);
    free(path);
}

/* The dialect the repository's plans are written in (the majority of those
 * that show one), or -1 when none does. */
static int plans_dialect(const char *root, const config_t *cfg, int *nplans) {
    walk_result_t files;
    *nplans = 0;
    if (walk_markdown(root, root, cfg, INIT_MAX_FILE, INIT_MAX_PLANS, INIT_MAX_BYTES, &files) < 0) return -1;
    int votes[2] = {0, 0};
    int64_t now = ts_now();
    for (size_t i = 0; i < files.n; i++) {
        disk_plan_t dp;
        if (disk_plan_load(&dp, files.paths[i], INIT_MAX_FILE, cfg, root, NULL, 0, now) == 0 && dp.is_plan &&
            dp.plan.dialect_evidence && (dp.plan.dialect == DIALECT_GUIDE || dp.plan.dialect == DIALECT_COOKBOOK))
            votes[dp.plan.dialect]++;
        disk_plan_free(&dp);
    }
    walk_result_free(&files);
    *nplans = votes[0] + votes[1];
    if (!*nplans) return -1;
    return votes[DIALECT_COOKBOOK] > votes[DIALECT_GUIDE] ? DIALECT_COOKBOOK : DIALECT_GUIDE;
}

/* PLANS.md in the dialect of the plans there are, unless a guide exists. */
static void init_guide(init_t *in, config_t *cfg, const char *plans_dir, const char *guide_rel) {
    if (cfg->guide_path) {
        report(in, "would keep", "kept", guide_rel, "the plan guide exists");
        return;
    }
    int nplans = 0;
    if (cfg->dialect < 0) {
        int d = plans_dialect(in->root, cfg, &nplans);
        if (d >= 0) cfg->dialect = d;
    }
    char why[96];
    const char *dialect = cfg->dialect == DIALECT_COOKBOOK ? "cookbook" : "guide";
    if (nplans)
        snprintf(why, sizeof why, "%s dialect, as the %d plan%s here", dialect, nplans, nplans == 1 ? "" : "s");
    else
        snprintf(why, sizeof why, "%s dialect", dialect);
    char *text = init_guide_text(cfg, plans_dir, ts_now());
    if (text)
        init_new_file(in, guide_rel, text, why);
    else
        fail(in, guide_rel, "out of memory");
    free(text);
}

static int usage(void) {
    fprintf(stderr, "usage: planls init [--dry-run] [--readme] [--pre-commit]\n");
    return 2;
}

int init_main(int argc, char **argv) {
    init_t in = {0};
    int readme = 0, precommit = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            in.dry_run = 1;
        else if (strcmp(argv[i], "--readme") == 0)
            readme = 1;
        else if (strcmp(argv[i], "--pre-commit") == 0)
            precommit = 1;
        else
            return usage();
    }
    char *root = settings_find_root(".");
    if (!root) root = realpath(".", NULL);
    if (!root) {
        fprintf(stderr, "planls: .: %s\n", strerror(errno));
        return 2;
    }
    in.root = root;
    config_t cfg;
    config_init(&cfg);
    diag_list_t problems;
    diag_list_init(&problems);
    settings_load_root(&cfg, root, &problems);
    for (size_t i = 0; i < problems.n; i++) fprintf(stderr, "planls: %s\n", problems.items[i].message);
    diag_list_free(&problems);

    const char *plans_dir = cfg.plans_dir ? cfg.plans_dir : CONFIG_DEFAULT_PLANS_DIR;
    size_t rl = strlen(root);
    const char *guide_rel = "PLANS.md";
    if (cfg.guide_path && strncmp(cfg.guide_path, root, rl) == 0 && cfg.guide_path[rl] == '/')
        guide_rel = cfg.guide_path + rl + 1;
    printf("%s in %s\n", in.dry_run ? "planls init (dry run: nothing is written)" : "planls init", root);

    init_plans_dir(&in, plans_dir);
    init_guide(&in, &cfg, plans_dir, guide_rel);
    char *agents = init_agents_block(plans_dir, guide_rel);
    init_marked_section(&in, "AGENTS.md", agents ? agents : "", "# AGENTS.md\n\n");
    free(agents);
    if (readme) {
        char *line = init_readme_block(plans_dir, guide_rel);
        init_marked_section(&in, "README.md", line ? line : "", "");
        free(line);
    }
    char *json = init_settings_json(plans_dir);
    init_new_file(&in, SETTINGS_FILE, json ? json : "{}\n", "every setting at its default");
    free(json);
    if (precommit) init_precommit(&in, plans_dir, guide_rel);

    config_free(&cfg);
    free(root);
    return in.failed ? 2 : in.manual ? 1 : 0;
}
