/* settings.c: JSON settings, guide discovery and repository discovery. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "settings.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guide.h"
#include "io.h"
#include "plan.h"
#include "rule_codes.h"
#include "sections.h"

/* Settings and guides are small; a larger file is not one of them. */
#define SETTINGS_MAX_FILE ((size_t)4 << 20)

static void apply_required(config_t *cfg, json_t *arr, strbuf_t *errs) {
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 64) {
        sb_add(errs, "requiredSections must be a list of 1 to 64 section names\n");
        return;
    }
    size_t n = json_array_size(arr);
    const char **names = calloc(n, sizeof *names);
    int *as = calloc(n, sizeof *as);
    if (!names || !as) {
        free(names);
        free(as);
        return;
    }
    size_t i;
    json_t *v;
    int ok = 1;
    json_array_foreach(arr, i, v) {
        as[i] = -2; /* decided by name */
        if (json_is_string(v)) {
            names[i] = json_string_value(v);
        } else if (json_is_object(v) && json_is_string(json_object_get(v, "name"))) {
            names[i] = json_string_value(json_object_get(v, "name"));
            const char *canon = json_string_value(json_object_get(v, "as"));
            section_id_t id;
            if (canon && section_match_stands_for(section_match(canon, strlen(canon), &id))) {
                as[i] = (int)id;
            } else if (json_object_get(v, "as")) {
                sb_printf(errs, "requiredSections[%zu].as must name a canonical section such as \"Progress\"\n", i);
                ok = 0;
            }
        } else {
            sb_printf(errs, "requiredSections[%zu] must be a name or {\"name\", \"as\"}\n", i);
            ok = 0;
        }
    }
    if (ok && config_set_required(cfg, names, n) == 0)
        for (i = 0; i < n; i++)
            if (as[i] != -2) cfg->required[i].id = as[i];
    free(names);
    free(as);
}

static void apply_globs(config_t *cfg, json_t *arr, strbuf_t *errs) {
    size_t i;
    json_t *v;
    if (!json_is_array(arr)) {
        sb_add(errs, "planGlobs must be a list of glob patterns\n");
        return;
    }
    if (json_array_size(arr) > CONFIG_MAX_GLOBS) {
        sb_printf(errs, "planGlobs has %zu patterns; at most %d are used\n", json_array_size(arr), CONFIG_MAX_GLOBS);
        return;
    }
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v)) {
            sb_printf(errs, "planGlobs[%zu] must be a string\n", i);
            return;
        }
        if (strlen(json_string_value(v)) >= CONFIG_GLOB_MAX_LEN) {
            sb_printf(errs, "planGlobs[%zu] is longer than %d bytes\n", i, CONFIG_GLOB_MAX_LEN - 1);
            return;
        }
    }
    for (size_t k = 0; k < cfg->nglobs; k++) free(cfg->globs[k]);
    free(cfg->globs);
    cfg->nglobs = 0;
    cfg->globs = calloc(json_array_size(arr) + 1, sizeof *cfg->globs);
    if (!cfg->globs) return;
    json_array_foreach(arr, i, v) {
        cfg->globs[i] = strdup(json_string_value(v));
        if (cfg->globs[i]) cfg->nglobs++;
    }
}

/* A list of folder names (activeFolders, completedFolders): plain names,
 * no '/'. */
static void apply_folders(char ***list, size_t *count, const char *key, json_t *arr, strbuf_t *errs) {
    size_t i;
    json_t *v;
    if (!json_is_array(arr) || json_array_size(arr) > CONFIG_MAX_GLOBS) {
        sb_printf(errs, "%s must be a list of at most %d folder names\n", key, CONFIG_MAX_GLOBS);
        return;
    }
    const char *names[CONFIG_MAX_GLOBS];
    json_array_foreach(arr, i, v) {
        const char *s = json_string_value(v);
        if (!s || !*s || strchr(s, '/') || strlen(s) > 255) {
            sb_printf(errs, "%s[%zu] must be a folder name without '/'\n", key, i);
            return;
        }
        names[i] = s;
    }
    config_set_folders(list, count, names, json_array_size(arr));
}

/* "createWords": ["scaffold", "port"]: words that, like "create", say a
 * path the plan names is yet to be made. */
static void apply_create_words(config_t *cfg, json_t *arr, strbuf_t *errs) {
    size_t i;
    json_t *v;
    int ok = json_is_array(arr) && json_array_size(arr) <= 64;
    json_array_foreach(arr, i, v) if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 40) ok =
        0;
    if (!ok) {
        sb_add(errs, "createWords must be a list of up to 64 words, such as [\"scaffold\"]\n");
        return;
    }
    for (size_t k = 0; k < cfg->ncreate_words; k++) free(cfg->create_words[k]);
    free(cfg->create_words);
    cfg->ncreate_words = 0;
    cfg->create_words = calloc(json_array_size(arr) + 1, sizeof *cfg->create_words);
    if (!cfg->create_words) return;
    json_array_foreach(arr, i, v) {
        cfg->create_words[cfg->ncreate_words] = strdup(json_string_value(v));
        if (cfg->create_words[cfg->ncreate_words]) cfg->ncreate_words++;
    }
}

/* Applies a settings object (the "planls" section) onto cfg. A bad field
 * keeps its previous value and adds a sentence naming it to errs. */
static void apply_object(config_t *cfg, json_t *obj, strbuf_t *errs) {
    if (!obj || json_is_null(obj)) return;
    if (!json_is_object(obj)) {
        sb_add(errs, "settings must be a JSON object\n");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (strcmp(key, "dialect") == 0) {
            const char *d = json_string_value(v);
            if (d && strcmp(d, "auto") == 0)
                cfg->dialect = -1;
            else if (d && strcmp(d, "guide") == 0)
                cfg->dialect = DIALECT_GUIDE;
            else if (d && strcmp(d, "cookbook") == 0)
                cfg->dialect = DIALECT_COOKBOOK;
            else
                sb_add(errs, "dialect must be \"auto\", \"guide\" or \"cookbook\"\n");
        } else if (strcmp(key, "requiredSections") == 0) {
            apply_required(cfg, v, errs);
        } else if (strcmp(key, "planGlobs") == 0) {
            apply_globs(cfg, v, errs);
        } else if (strcmp(key, "rules") == 0) {
            const char *code;
            json_t *sev;
            if (!json_is_object(v)) {
                sb_add(errs, "rules must map diagnostic codes to off|hint|information|warning|error\n");
                continue;
            }
            json_object_foreach(v, code, sev) {
                int k = rule_from_code(code);
                int s = json_is_string(sev) ? severity_from_name(json_string_value(sev)) : -1;
                if (k < 0)
                    sb_printf(errs, "rules.%s: unknown diagnostic code\n", code);
                else if (s < 0)
                    sb_printf(errs, "rules.%s must be off, hint, information, warning or error\n", code);
                else
                    cfg->severity[k] = s;
            }
        } else if (strcmp(key, "timezone") == 0) {
            const char *tz = json_string_value(v);
            if (!tz || strcmp(tz, "UTC") != 0)
                sb_add(errs, "timezone: plans record UTC (the guide's rule); only \"UTC\" is supported\n");
        } else if (strcmp(key, "plansDirectory") == 0) {
            if (!json_is_string(v) || json_string_value(v)[0] == '/' || strstr(json_string_value(v), "..")) {
                sb_add(errs, "plansDirectory must be a folder inside the repository, such as \"docs/plans\"\n");
            } else {
                free(cfg->plans_dir);
                cfg->plans_dir = strdup(json_string_value(v));
            }
        } else if (strcmp(key, "staleAfterDays") == 0) {
            if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 3650)
                cfg->stale_after_days = (int)json_integer_value(v);
            else
                sb_add(errs, "staleAfterDays must be a whole number of days from 1 to 3650\n");
        } else if (strcmp(key, "entryAgeHints") == 0) {
            if (json_is_boolean(v))
                cfg->entry_age_hints = json_is_true(v);
            else
                sb_add(errs, "entryAgeHints must be true or false\n");
        } else if (strcmp(key, "activeFolders") == 0) {
            apply_folders(&cfg->active_folders, &cfg->nactive_folders, key, v, errs);
        } else if (strcmp(key, "completedFolders") == 0) {
            apply_folders(&cfg->completed_folders, &cfg->ncompleted_folders, key, v, errs);
        } else if (strcmp(key, "createWords") == 0) {
            apply_create_words(cfg, v, errs);
        } else if (strcmp(key, "workspaceDiagnostics") == 0) {
            if (json_is_boolean(v))
                cfg->workspace_diagnostics = json_is_true(v);
            else
                sb_add(errs, "workspaceDiagnostics must be true or false\n");
        } else {
            sb_printf(errs, "unknown setting \"%s\"\n", key);
        }
    }
}

/* Each line of errs becomes a diagnostic at offset 0..at_end. */
static int errs_to_diags(strbuf_t *errs, size_t at_end, diag_list_t *out) {
    char *all = sb_take(errs);
    int rc = 0;
    for (char *line = all, *nl; all && *line && rc == 0; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl) break;
        *nl = '\0';
        rc = rule_emit(out, RULE_BAD_SETTINGS, 0, at_end, "%s: %s; using the default", SETTINGS_FILE, line);
    }
    free(all);
    return rc;
}

/* A file of the repository's own (guide, settings) at path below root: read
 * only when its folder resolves inside root, and never through a symbolic
 * link, which could lead out of the workspace. */
static char *read_own(const char *root, const char *path, size_t *len) {
    return io_read_inside(root, path, SETTINGS_MAX_FILE, len);
}

/* Reads the guide at path into cfg (which takes path). Returns 0 when the
 * file cannot be read, or is no guide but a live plan (a root PLANS.md can be
 * the plan itself: then it is checked like any plan, and the next guide path
 * is tried). */
static int read_guide(config_t *cfg, const char *root, char *path) {
    size_t len;
    char *text = read_own(root, path, &len);
    if (!text || guide_is_live_plan(text, len)) {
        free(text);
        free(path);
        return 0;
    }
    char **names;
    int n = guide_skeleton(text, len, &names);
    free(text);
    free(cfg->guide_path);
    cfg->guide_path = path;
    if (n > 0) {
        config_set_required(cfg, (const char *const *)names, (size_t)n);
        /* A skeleton without To-do is the cookbook's. */
        int todo = 0;
        for (size_t k = 0; k < cfg->nrequired; k++) todo |= cfg->required[k].id == SEC_TODO;
        cfg->dialect = todo ? DIALECT_GUIDE : DIALECT_COOKBOOK;
        for (int k = 0; k < n; k++) free(names[k]);
        free(names);
    }
    return 1;
}

static void apply_guide(config_t *cfg, const char *root) {
    for (const char *const *g = guide_paths; *g; g++) {
        char *path = io_path_join(root, *g);
        if (path && read_guide(cfg, root, path)) return;
    }
}

int settings_at_guide_path(const char *root, const char *path) {
    size_t n = root ? strlen(root) : 0;
    if (!n || !path || strncmp(path, root, n) != 0 || path[n] != '/') return 0;
    for (const char *const *g = guide_paths; *g; g++)
        if (strcmp(path + n + 1, *g) == 0) return 1;
    return 0;
}

int settings_for_named_guide(const config_t *base, const char *root, const char *rel, size_t n, config_t *out) {
    if (!base || base->guide_path || !root || !n || rel[0] == '/') return 0;
    char name[512];
    if (n >= sizeof name) return 0;
    memcpy(name, rel, n);
    name[n] = '\0';
    if (strstr(name, "..")) return 0; /* inside the repository only */
    char *path = io_path_join(root, name);
    if (!path || config_copy(out, base) < 0 || !read_guide(out, root, path)) {
        config_free(out);
        return 0;
    }
    return 1;
}

int settings_for_plan(plan_t *p, const text_t *t, const config_t *cfg, const char *root, config_t *own, int *has_own) {
    *has_own = 0;
    p->config = cfg;
    if (plan_parse(p, t) < 0) return -1;
    const char *ref;
    size_t n = plan_guide_ref(p, t, &ref);
    if (!n || !settings_for_named_guide(cfg, root, ref, n, own)) return 0;
    *has_own = 1;
    p->config = own;
    return plan_parse(p, t);
}

int settings_file_text(const char *root, text_t *t) {
    size_t len = 0;
    char *file = io_path_join(root, SETTINGS_FILE);
    char *data = file ? read_own(root, file, &len) : NULL;
    free(file);
    return data ? text_adopt(t, data, len) : text_init(t, "", 0);
}

/* The "planls" section of a settings value, whether it came wrapped
 * ({"planls": {...}}) or bare. Borrowed from v. */
static json_t *section_of(json_t *v) {
    json_t *inner = json_object_get(v, "planls");
    return json_is_object(inner) ? inner : v;
}

void settings_apply_text(config_t *cfg, const char *json, strbuf_t *errs) {
    json_t *v = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
    json_t *section = section_of(v);
    if (json_is_object(section)) apply_object(cfg, section, errs);
    json_decref(v);
}

int settings_load_root(config_t *cfg, const char *root, diag_list_t *problems) {
    apply_guide(cfg, root);
    char *path = io_path_join(root, SETTINGS_FILE);
    size_t len;
    char *text = path ? read_own(root, path, &len) : NULL;
    int read_errno = text ? 0 : errno;
    free(path);
    if (!text) {
        if (read_errno == ENOENT) return 0;
        rule_emit(problems, RULE_BAD_SETTINGS, 0, 0, "%s cannot be read: %s", SETTINGS_FILE, io_error_text(read_errno));
        return -1;
    }
    json_error_t err;
    json_t *obj = json_loadb(text, len, 0, &err);
    if (!obj) {
        size_t at = err.position > 0 && (size_t)err.position <= len ? (size_t)err.position : 0;
        size_t from = at;
        while (from > 0 && text[from - 1] != '\n') from--;
        rule_emit(problems, RULE_BAD_SETTINGS, from, at, "%s is not valid JSON: %s; using the defaults", SETTINGS_FILE,
                  err.text);
        free(text);
        return -1;
    }
    strbuf_t errs = {0};
    apply_object(cfg, section_of(obj), &errs);
    size_t first_line = 0;
    while (first_line < len && text[first_line] != '\n') first_line++;
    errs_to_diags(&errs, first_line, problems);
    json_decref(obj);
    free(text);
    return 0;
}

static int exists(const char *dir, const char *name) {
    char *p = io_path_join(dir, name);
    struct stat st;
    int ok = p && stat(p, &st) == 0;
    free(p);
    return ok;
}

char *settings_find_root(const char *dir) {
    char buf[PATH_MAX];
    if (!realpath(dir, buf)) {
        /* A folder not made yet (unsaved text named for it): its nearest existing parent. */
        char up[PATH_MAX];
        size_t n = strlen(dir);
        if (n == 0 || n >= sizeof up) return NULL;
        memcpy(up, dir, n + 1);
        char *slash = strrchr(up, '/');
        if (!slash) return settings_find_root(".");
        if (slash == up) return NULL;
        *slash = '\0';
        return settings_find_root(up);
    }
    for (;;) {
        /* The repository's top (.git) ends the search: settings above it are not its. */
        if (exists(buf, SETTINGS_FILE) || exists(buf, ".git")) return strdup(buf);
        char *slash = strrchr(buf, '/');
        if (!slash || slash == buf) return NULL;
        *slash = '\0';
    }
}
