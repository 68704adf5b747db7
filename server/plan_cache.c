/* plan_cache.c: parsed plans kept between MCP calls (see plan_cache.h). */
#include "plan_cache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "guide.h"
#include "io.h"
#include "rules.h"
#include "settings.h"

/* As `planls check`: larger files are no plans anyone edits. */
#define CACHE_MAX_FILE ((size_t)64 << 20)
/* Plans kept; an agent works on one or two at a time. */
#define CACHE_PLANS 8
/* .planls.json and the guide paths: what the settings are read from. */
#define SETTINGS_SOURCES 8

typedef struct {
    char *path; /* owned; NULL: a free slot */
    disk_plan_t dp;
    unsigned long used; /* for eviction: the least recently used goes */
} entry_t;

/* What a settings file looked like when the settings were read. */
typedef struct {
    int exists;
    struct stat st;
} source_t;

struct plan_cache {
    char *root; /* owned */
    config_t cfg;
    int has_cfg;
    source_t sources[SETTINGS_SOURCES];
    entry_t plans[CACHE_PLANS];
    unsigned long clock;
};

plan_cache_t *plan_cache_new(const char *root) {
    plan_cache_t *c = calloc(1, sizeof *c);
    if (c && !(c->root = strdup(root))) {
        free(c);
        return NULL;
    }
    return c;
}

static void drop(entry_t *e) {
    if (!e->path) return;
    free(e->path);
    disk_plan_free(&e->dp);
    e->path = NULL;
}

static void drop_all(plan_cache_t *c) {
    for (size_t i = 0; i < CACHE_PLANS; i++) drop(&c->plans[i]);
}

void plan_cache_free(plan_cache_t *c) {
    if (!c) return;
    drop_all(c);
    if (c->has_cfg) config_free(&c->cfg);
    free(c->root);
    free(c);
}

/* The state of every file the settings come from. */
static void read_sources(const plan_cache_t *c, source_t *out) {
    memset(out, 0, sizeof(source_t) * SETTINGS_SOURCES);
    const char *names[SETTINGS_SOURCES] = {SETTINGS_FILE};
    size_t n = 1;
    for (const char *const *g = guide_paths; *g && n < SETTINGS_SOURCES; g++) names[n++] = *g;
    for (size_t i = 0; i < n; i++) {
        char *path = io_path_join(c->root, names[i]);
        out[i].exists = path && stat(path, &out[i].st) == 0;
        free(path);
    }
}

static int same_source(const source_t *a, const source_t *b) {
    if (a->exists != b->exists) return 0;
    if (!a->exists) return 1;
    return a->st.st_ino == b->st.st_ino && a->st.st_size == b->st.st_size &&
           a->st.st_mtim.tv_sec == b->st.st_mtim.tv_sec && a->st.st_mtim.tv_nsec == b->st.st_mtim.tv_nsec;
}

const config_t *plan_cache_settings(plan_cache_t *c) {
    source_t now[SETTINGS_SOURCES];
    read_sources(c, now);
    int same = c->has_cfg;
    for (size_t i = 0; same && i < SETTINGS_SOURCES; i++) same = same_source(&now[i], &c->sources[i]);
    if (same) return &c->cfg;
    /* The plans were parsed under the old settings (they borrow them). */
    drop_all(c);
    if (c->has_cfg) config_free(&c->cfg);
    config_init(&c->cfg);
    diag_list_t problems;
    diag_list_init(&problems);
    settings_load_root(&c->cfg, c->root, &problems); /* bad settings: the defaults, as check does */
    diag_list_free(&problems);
    c->has_cfg = 1;
    memcpy(c->sources, now, sizeof now);
    return &c->cfg;
}

static entry_t *find(plan_cache_t *c, const char *path) {
    for (size_t i = 0; i < CACHE_PLANS; i++)
        if (c->plans[i].path && strcmp(c->plans[i].path, path) == 0) return &c->plans[i];
    return NULL;
}

/* Brings a cached plan to data[0..len) by re-parsing what differs, when
 * that cannot change which settings apply (the title and the lead, where
 * the preamble may name a guide, are untouched). Returns 0, or -1 when it
 * must be parsed whole. */
static int update(entry_t *e, const char *data, size_t len, int64_t now) {
    disk_plan_t *dp = &e->dp;
    if (dp->has_own) return -1;
    const text_t *t = &dp->text;
    size_t prefix = 0, max = t->len < len ? t->len : len;
    while (prefix < max && t->data[prefix] == data[prefix]) prefix++;
    size_t suffix = 0;
    while (suffix < max - prefix && t->data[t->len - 1 - suffix] == data[len - 1 - suffix]) suffix++;
    const plan_t *p = &dp->plan;
    size_t head_end = p->title + 1 < p->nsections ? p->sections[p->title + 1].start : t->len;
    if (prefix != t->len || len != t->len) {
        if (prefix < head_end) return -1;
        if (plan_edit(&dp->plan, &dp->text, prefix, t->len - suffix, data + prefix, len - prefix - suffix) < 0)
            return -1;
    }
    diag_list_free(&dp->diags);
    diag_list_init(&dp->diags);
    return rules_run(&dp->plan, &dp->text, now, &dp->diags);
}

disk_plan_t *plan_cache_load(plan_cache_t *c, const char *path, int64_t now) {
    size_t len;
    char *data = io_read_file(path, CACHE_MAX_FILE, IO_NOFOLLOW, &len);
    if (!data) return NULL;
    disk_plan_t *dp = plan_cache_text(c, path, data, len, now);
    free(data);
    return dp;
}

disk_plan_t *plan_cache_text(plan_cache_t *c, const char *path, const char *data, size_t len, int64_t now) {
    const config_t *cfg = plan_cache_settings(c);
    entry_t *e = find(c, path);
    if (e && update(e, data, len, now) == 0) {
        e->used = ++c->clock;
        return &e->dp;
    }
    if (!e) {
        /* A free slot, else the least recently used one. */
        e = &c->plans[0];
        for (size_t i = 0; i < CACHE_PLANS; i++) {
            if (!c->plans[i].path) {
                e = &c->plans[i];
                break;
            }
            if (c->plans[i].used < e->used) e = &c->plans[i];
        }
    }
    drop(e);
    e->path = strdup(path);
    int rc = e->path ? disk_plan_from_text(&e->dp, path, data, len, cfg, c->root, NULL, 1, now) : -1;
    if (rc < 0) {
        drop(e); /* disk_plan_from_text leaves dp to be freed either way */
        errno = ENOMEM;
        return NULL;
    }
    e->used = ++c->clock;
    return &e->dp;
}

const char *plan_cache_root(const plan_cache_t *c) { return c->root; }

int plan_cache_wrote(plan_cache_t *c, const char *path, const edit_list_t *edits) {
    entry_t *e = find(c, path);
    if (!e) return 0;
    /* From the last: offsets before an edit stay valid. */
    for (size_t i = edits->n; i-- > 0;) {
        const edit_t *ed = &edits->items[i];
        if (plan_edit(&e->dp.plan, &e->dp.text, ed->start, ed->end, ed->text, strlen(ed->text)) < 0) {
            drop(e);
            return -1;
        }
    }
    return 0;
}
