/* cli_init_text.h: what `planls init` writes: the plan guide, the sections
 * it keeps between markers in AGENTS.md, README.md and
 * .pre-commit-config.yaml, and the settings file. Text only; cli_init.c
 * decides where it goes. */
#ifndef PLANLS_CLI_INIT_TEXT_H
#define PLANLS_CLI_INIT_TEXT_H

#include <stdint.h>

#include "config.h"

/* The marker lines' distinctive parts: a line holding INIT_BEGIN opens the
 * section planls init owns, the next line holding INIT_END closes it. */
#define INIT_BEGIN "planls:begin"
#define INIT_END "planls:end"

/* PLANS.md: what an ExecPlan is, the rules, and the skeleton (from cfg, so
 * in its dialect and with its required sections) that `planls new` and the
 * checks then follow. plans_dir is where plans go. Owned: free it; NULL on OOM. */
char *init_guide_text(const config_t *cfg, const char *plans_dir, int64_t now);

/* The ExecPlan section of AGENTS.md, markers included. Owned: free it. */
char *init_agents_block(const char *plans_dir, const char *guide_rel);

/* The line README.md gets, markers included. Owned: free it. */
char *init_readme_block(const char *plans_dir, const char *guide_rel);

/* .planls.json with the settings at their defaults, spelled out (the
 * severities of all codes included), but for the dialect, which the plan
 * guide's skeleton decides. Owned: free it. */
char *init_settings_json(const char *plans_dir);

/* The pre-commit hook (a local hook running `planls check` when a plan, the
 * guide or the settings change), as one item of the `repos:` list at the
 * given indentation, markers included. Owned: free it. */
char *init_precommit_block(const char *plans_dir, const char *guide_rel, const char *indent);

/* text with the marked section replaced by block, or, when text has none,
 * block appended after a blank line. *result: 0 unchanged (the section is
 * block already), 1 replaced, 2 appended, -1 an opening marker without its
 * closing one (NULL is returned: the file is left alone). Owned: free it;
 * NULL on OOM too. */
char *init_splice(const char *text, const char *block, int *result);

#endif
