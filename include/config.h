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
} config_t;

void config_init(config_t *c);
void config_free(config_t *c);
/* Deep copy; returns 0 or -1. */
int config_copy(config_t *dst, const config_t *src);
/* Sets the required sections (copies names); id -1 entries are matched by name. */
int config_set_required(config_t *c, const char *const *names, size_t n);

/* Does path (absolute) match the plan globs? root (may be NULL) anchors
 * relative patterns. */
int config_is_plan_path(const config_t *c, const char *root, const char *path);

/* Glob match with '**' (any directories, including none), '*' and '?' (not
 * crossing '/'). */
int config_glob_match(const char *pattern, const char *path);

#endif
