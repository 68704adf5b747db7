/* settings.h: settings from JSON (.planls.json, initializationOptions,
 * workspace/configuration) into a config_t, and a repository's settings. */
#ifndef PLANLS_SETTINGS_H
#define PLANLS_SETTINGS_H

#include <jansson.h>

#include "config.h"
#include "diag.h"
#include "strbuf.h"

#define SETTINGS_FILE ".planls.json"

/* Applies a settings object (the "planls" section) onto cfg. A bad field
 * keeps its previous value and adds a sentence naming it to errs. */
void settings_apply(config_t *cfg, json_t *obj, strbuf_t *errs);

/* A repository's settings: defaults, then its plan guide's skeleton (which
 * also decides the dialect), then root/.planls.json. Problems in that file
 * become "bad-settings" diagnostics in *problems, with offsets into the file.
 * Returns 0, or -1 when root/.planls.json exists but could not be used. */
int settings_load_root(config_t *cfg, const char *root, diag_list_t *problems);

/* Settings for a plan whose preamble names its guide (rel, n bytes, from the
 * root) when the repository has none at the usual places: base with that
 * guide's skeleton and dialect. The path must stay inside root. Returns 1
 * when out was filled (caller frees it), else 0. */
int settings_for_named_guide(const config_t *base, const char *root, const char *rel, size_t n, config_t *out);

/* The repository root holding dir: the nearest ancestor with .planls.json,
 * else with .git. New string, or NULL when there is none. */
char *settings_find_root(const char *dir);

/* Reads a whole file (at most max bytes) into a new NUL-terminated buffer.
 * NULL with errno set on failure. */
char *settings_read_file(const char *path, size_t max, size_t *len);

#endif
