/* config.h: a repository's settings as the analysis sees them (plain C; the
 * JSON side is server/settings.c). Defaults reproduce the stock behaviour. */
#ifndef PLANLS_CONFIG_H
#define PLANLS_CONFIG_H

#include <stddef.h>

#include "rule_codes.h"

typedef struct {
    char *name; /* owned: the heading as the team writes it */
    int id;     /* the canonical section_id_t it stands for, or -1 for a section of the team's own */
} config_section_t;

typedef struct {
    int dialect;                /* -1 auto, else dialect_t */
    config_section_t *required; /* owned; NULL: the dialect's canonical sections */
    size_t nrequired;
    char **globs; /* owned; NULL: the default plan globs */
    size_t nglobs;
    int severity[RULE_COUNT];  /* per rule_t: -1 default, 0 off, else severity_t */
    char *plans_dir;           /* owned; where `planls new` writes; NULL: collab/execplans */
    int workspace_diagnostics; /* scan the workspace for closed plans */
    char *guide_path;          /* owned; the repository's plan guide, NULL if none */
    int stale_after_days;      /* stale-plan: an active plan's newest entry older than this many days */
    int entry_age_hints;       /* inlay hints after entry stamps ("3 d ago") */
    char **active_folders;     /* owned; NULL: config_default_active_folders */
    size_t nactive_folders;
    char **completed_folders; /* owned; NULL: config_default_completed_folders */
    size_t ncompleted_folders;
    char **create_words; /* owned: the team's words saying a path is yet to be made (createWords) */
    size_t ncreate_words;
} config_t;

/* The folder names that say a plan's status when its status is written
 * nowhere in it (ASCII case-insensitive); NULL-terminated. Static. */
extern const char *const config_default_active_folders[];
extern const char *const config_default_completed_folders[];
extern const char *const config_archive_folders[];

/* The team's folder names of one kind, else the defaults: *n receives the
 * count. Borrowed from c (or static). */
const char *const *config_active_folders(const config_t *c, size_t *n);
const char *const *config_completed_folders(const config_t *c, size_t *n);

/* Replaces a folder list with copies of names[0..n). Returns 0 or -1. */
int config_set_folders(char ***list, size_t *count, const char *const *names, size_t n);

void config_init(config_t *c);
void config_free(config_t *c);
/* Deep copy; returns 0 or -1. */
int config_copy(config_t *dst, const config_t *src);
/* Sets the required sections (copies names); id -1 entries are matched by name. */
int config_set_required(config_t *c, const char *const *names, size_t n);

/* Where plans go when plansDirectory says nothing (`planls new`, and
 * `planls check --require-active`). */
#define CONFIG_DEFAULT_PLANS_DIR "collab/execplans"

/* The default plan globs, relative to the repository root; NULL-terminated.
 * Static. */
extern const char *const config_default_globs[];

/* Does path (absolute) name a Markdown file that matches the plan globs (the
 * team's, else the defaults)? Relative globs are matched against the path
 * relative to root (outside root they match nothing; with no root, against the
 * path as it is), absolute ones against path. README.md, index.md and
 * TEMPLATE.md never match. */
int config_is_plan_path(const config_t *c, const char *root, const char *path);

/* A template by its name ("execplan-template.md", "PLAN_TEMPLATE.md") or its
 * folder ("templates/", "_templates/"): never a plan by its path, and by its
 * content only when it has real dated entries (plan_is_plan). */
int config_is_template_path(const char *path);

/* Can a plan glob match a file somewhere below the folder dir (absolute)?
 * The walk enters a hidden folder only then. */
int config_plan_globs_reach(const config_t *c, const char *root, const char *dir);

/* Globs longer than this (bytes) match nothing, and only the first
 * CONFIG_MAX_GLOBS plan globs are used: a match costs up to the glob's length
 * times the path's, so both stay bounded whatever the settings or a
 * .gitignore say. */
#define CONFIG_GLOB_MAX_LEN 1024
#define CONFIG_MAX_GLOBS 64

/* Glob match as git does for .gitignore: '**' (any folders, including none;
 * a trailing one, anything at any depth), '*' and '?' (not crossing '/'),
 * exact case. */
int config_glob_match(const char *pattern, const char *path);

/* Glob match as plan globs are: the same wildcards, but ASCII
 * case-insensitive, and no wildcard matches a name that starts with a dot. */
int config_plan_glob_match(const char *pattern, const char *path);

#endif
