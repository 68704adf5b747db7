/* settings.h: settings from JSON (.planls.json, initializationOptions,
 * workspace/configuration) into a config_t, and a repository's settings. */
#ifndef PLANLS_SETTINGS_H
#define PLANLS_SETTINGS_H

#include "config.h"
#include "diag.h"
#include "plan.h"
#include "strbuf.h"
#include "text.h"

#define SETTINGS_FILE ".planls.json"

/* Applies the client's settings, JSON text of a "planls" section, wrapped
 * ({"planls": {...}}) or bare, onto cfg; NULL, or a value that holds no
 * object, applies nothing. A bad field keeps its previous value and adds a
 * sentence naming it to errs. */
void settings_apply_text(config_t *cfg, const char *json, strbuf_t *errs);

/* A repository's settings: defaults, then its plan guide's skeleton (which
 * also decides the dialect), then root/.planls.json. Problems in that file
 * become "bad-settings" diagnostics in *problems, with offsets into the file.
 * Returns 0, or -1 when root/.planls.json exists but could not be used. */
int settings_load_root(config_t *cfg, const char *root, diag_list_t *problems);

/* Is path (absolute) one of the places a guide is looked for in the
 * repository at root (PLANS.md, .agent/PLANS.md, docs/PLANS.md)? A file
 * there that holds a live plan (guide_is_live_plan) is no guide but a plan. */
int settings_at_guide_path(const char *root, const char *path);

/* Settings for a plan whose preamble names its guide (rel, n bytes, from the
 * root) when the repository has none at the usual places: base with that
 * guide's skeleton and dialect. The path must stay inside root. Returns 1
 * when out was filled (caller frees it), else 0. */
int settings_for_named_guide(const config_t *base, const char *root, const char *rel, size_t n, config_t *out);

/* Parses p (over t) under cfg and, when its preamble names a guide that
 * settings_for_named_guide can follow, fills own and parses again under it:
 * the one way open documents and files on disk follow the guide a plan
 * names. *has_own says whether own was filled (caller frees it with
 * config_free). p->config then points at cfg or own, both borrowed by p:
 * they must outlive its use. Returns 0, or -1 when parsing ran out of memory. */
int settings_for_plan(plan_t *p, const text_t *t, const config_t *cfg, const char *root, config_t *own, int *has_own);

/* The text of root/.planls.json, for the positions of the problems
 * settings_load_root found in it (empty when it cannot be read). Returns 0,
 * or -1 on OOM; release with text_free. */
int settings_file_text(const char *root, text_t *t);

/* The repository root holding dir (or, when dir does not exist, its nearest
 * existing parent): the nearest ancestor with .planls.json, else with .git.
 * New string (caller frees), or NULL when there is none. */
char *settings_find_root(const char *dir);

#endif
