/* golden_api.c: the golden runner's adapter over the analysis API (see
 * golden_api.h). */
#include "golden_api.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "complete.h"
#include "config.h"
#include "edit.h"
#include "hover.h"
#include "outline.h"
#include "plan.h"
#include "rule_codes.h"
#include "rules.h"
#include "text.h"
#include "timestamp.h"

struct golden_doc {
    text_t text;
    plan_t plan;
    config_t config;
    json_t *files; /* the case's repository, or NULL */
    char *plan_dir;
    path_lookup_t lookup;
};

/* A repository of the case's "files": a path is a file when listed, a folder
 * when a listed path starts with it and a '/'. */
static path_kind_t files_kind(const void *ctx, const char *rel) {
    const json_t *files = ctx;
    size_t i, n = strlen(rel);
    json_t *v;
    path_kind_t k = PATH_ABSENT;
    json_array_foreach(files, i, v) {
        const char *f = json_string_value(v);
        if (strcmp(f, rel) == 0) return PATH_FILE;
        if (n == 0 || (strncmp(f, rel, n) == 0 && f[n] == '/')) k = PATH_DIR;
    }
    return k;
}

static int files_has_top(const void *ctx, const char *rel) {
    const char *slash = strchr(rel, '/');
    size_t n = slash ? (size_t)(slash - rel) : strlen(rel);
    char top[256];
    if (n >= sizeof top) return 0;
    memcpy(top, rel, n);
    top[n] = '\0';
    return files_kind(ctx, top) != PATH_ABSENT;
}

/* The same file name elsewhere: enough for the cases (the index's own
 * search is tested through the server). */
static char *files_nearest(const void *ctx, const char *rel) {
    const json_t *files = ctx;
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    size_t i;
    json_t *v;
    json_array_foreach(files, i, v) {
        const char *f = json_string_value(v), *fb = strrchr(f, '/');
        if (strcmp(fb ? fb + 1 : f, base) == 0) return strdup(f);
    }
    return NULL;
}

long long golden_now(void) { return (long long)ts_minutes_from_civil(2026, 11, 25, 17, 3); }

golden_doc_t *golden_open(const char *data, size_t len, const json_t *options) {
    golden_doc_t *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    config_init(&d->config);
    plan_init(&d->plan);
    const char *dialect = json_string_value(json_object_get(options, "dialect"));
    if (dialect) {
        d->config.dialect = strcmp(dialect, "cookbook") == 0 ? DIALECT_COOKBOOK : DIALECT_GUIDE;
        d->plan.config = &d->config;
    }
    /* "rules": {"code": "off" | "hint" | "information" | "warning" | "error"}, as the setting. */
    static const char *const severities[] = {"off", "error", "warning", "information", "hint"};
    const char *code;
    json_t *sev;
    json_object_foreach(json_object_get(options, "rules"), code, sev) {
        int r = rule_from_code(code);
        for (int k = 0; r >= 0 && k < 5; k++)
            if (json_is_string(sev) && strcmp(json_string_value(sev), severities[k]) == 0) d->config.severity[r] = k;
        d->plan.config = &d->config;
    }
    json_t *files = json_object_get(options, "files");
    if (json_is_array(files)) {
        d->files = json_incref(files);
        d->lookup = (path_lookup_t){d->files, files_kind, files_nearest, files_has_top, 1};
        d->plan.paths = &d->lookup;
        const char *dir = json_string_value(json_object_get(options, "planDir"));
        d->plan_dir = strdup(dir ? dir : "");
        d->plan.plan_dir = d->plan_dir;
    }
    json_t *words = json_object_get(options, "createWords");
    if (json_is_array(words)) {
        d->config.create_words = calloc(json_array_size(words) + 1, sizeof(char *));
        size_t i;
        json_t *w;
        json_array_foreach(words, i, w) d->config.create_words[d->config.ncreate_words++] =
            strdup(json_string_value(w));
        d->plan.config = &d->config;
    }
    if (text_init(&d->text, data, len) < 0) {
        free(d);
        return NULL;
    }
    if (plan_parse(&d->plan, &d->text) < 0) {
        golden_close(d);
        return NULL;
    }
    return d;
}

void golden_close(golden_doc_t *d) {
    if (!d) return;
    plan_free(&d->plan);
    text_free(&d->text);
    config_free(&d->config);
    json_decref(d->files);
    free(d->plan_dir);
    free(d);
}

static json_t *range_json(const text_t *t, size_t start, size_t end) {
    long sl, sc, el, ec;
    text_position_of(t, start, POS_UTF16, &sl, &sc);
    text_position_of(t, end, POS_UTF16, &el, &ec);
    return json_pack("[i,i,i,i]", (int)sl, (int)sc, (int)el, (int)ec);
}

json_t *golden_lines(const char *s, size_t n) {
    json_t *arr = json_array();
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            json_array_append_new(arr, json_stringn(s + a, i - a));
            a = i + 1;
        }
    }
    return arr;
}

json_t *golden_rules(golden_doc_t *d) {
    diag_list_t l;
    diag_list_init(&l);
    if (rules_run(&d->plan, &d->text, golden_now(), &l) < 0) {
        diag_list_free(&l);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
        const diag_t *g = &l.items[i];
        long sl, sc, el, ec;
        text_position_of(&d->text, g->start, POS_UTF16, &sl, &sc);
        text_position_of(&d->text, g->end, POS_UTF16, &el, &ec);
        json_t *o = json_pack("{s:[i,i],s:[i,i],s:s,s:i,s:s}", "start", (int)sl, (int)sc, "end", (int)el, (int)ec,
                              "code", g->code, "severity", (int)g->severity, "message", g->message);
        /* Related information (open items of a complete plan): [start, end, message]. */
        json_t *rel = g->nrelated ? json_array() : NULL;
        for (size_t k = 0; rel && k < g->nrelated; k++) {
            text_position_of(&d->text, g->related[k].start, POS_UTF16, &sl, &sc);
            text_position_of(&d->text, g->related[k].end, POS_UTF16, &el, &ec);
            json_array_append_new(rel, json_pack("{s:[i,i],s:[i,i],s:s}", "start", (int)sl, (int)sc, "end", (int)el,
                                                 (int)ec, "message", g->related[k].message));
        }
        if (rel) json_object_set_new(o, "related", rel);
        json_array_append_new(arr, o);
    }
    diag_list_free(&l);
    return arr;
}

json_t *golden_paths(golden_doc_t *d) {
    path_ref_list_t l = {0};
    if (plan_update(&d->plan, &d->text) < 0 || rules_plan_paths(&d->plan, &d->text, &l) < 0) {
        path_ref_list_free(&l);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
        const path_ref_t *r = &l.items[i];
        json_t *o = json_pack("{s:s,s:o,s:s}", "path", r->path, "range", range_json(&d->text, r->start, r->end), "kind",
                              r->kind == PATH_REF_LINK ? "link" : "code");
        if (r->full_end != r->end)
            json_object_set_new(o, "suffix", json_stringn(d->text.data + r->end, r->full_end - r->end));
        if (r->line) json_object_set_new(o, "line", json_integer(r->line));
        if (r->line_end) json_object_set_new(o, "lineEnd", json_integer(r->line_end));
        if (r->anchor) json_object_set_new(o, "anchor", json_string(r->anchor));
        if (r->creates) json_object_set_new(o, "creates", json_true());
        if (r->done_progress) json_object_set_new(o, "doneProgress", json_true());
        json_array_append_new(arr, o);
    }
    path_ref_list_free(&l);
    return arr;
}

json_t *golden_complete(golden_doc_t *d, size_t off, int snippets) {
    completion_list_t l = {0};
    if (complete_at(&d->plan, &d->text, off, golden_now(), snippets, &l) < 0) {
        completion_list_free(&l);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
        const completion_t *c = &l.items[i];
        json_t *o =
            json_pack("{s:s,s:s,s:s%,s:o}", "label", c->label, "text", c->text, "replaces", d->text.data + c->start,
                      c->end - c->start, "range", range_json(&d->text, c->start, c->end));
        if (c->snippet) json_object_set_new(o, "snippet", json_true());
        json_array_append_new(arr, o);
    }
    completion_list_free(&l);
    return arr;
}

/* The text after applying edits (sorted, non-overlapping, offsets into t). */
static json_t *applied(const text_t *t, const edit_list_t *edits) {
    size_t n = t->len;
    for (size_t i = 0; i < edits->n; i++) n += strlen(edits->items[i].text);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0, at = 0;
    for (size_t i = 0; i < edits->n; i++) {
        const edit_t *e = &edits->items[i];
        if (e->start < at || e->end < e->start || e->end > t->len) {
            free(out);
            return json_string("(edits overlap or leave the text)");
        }
        memcpy(out + o, t->data + at, e->start - at);
        o += e->start - at;
        size_t k = strlen(e->text);
        memcpy(out + o, e->text, k);
        o += k;
        at = e->end;
    }
    memcpy(out + o, t->data + at, t->len - at);
    o += t->len - at;
    json_t *lines = golden_lines(out, o);
    free(out);
    return lines;
}

json_t *golden_actions(golden_doc_t *d, size_t off, const char *path) {
    diag_list_t diags;
    diag_list_init(&diags);
    action_list_t l = {0};
    json_t *result = NULL;
    if (rules_run(&d->plan, &d->text, golden_now(), &diags) == 0 &&
        actions_at(&d->plan, &d->text, off, off, &diags, NULL, golden_now(), path, &l) == 0) {
        json_t *titles = json_array(), *texts = json_object();
        for (size_t i = 0; i < l.n; i++) {
            json_array_append_new(titles, json_string(l.items[i].title));
            /* A repeated title keeps its first text: the expected files name actions by title. */
            if (!json_object_get(texts, l.items[i].title))
                json_object_set_new(texts, l.items[i].title, applied(&d->text, &l.items[i].edits));
        }
        result = json_pack("{s:o,s:o}", "titles", titles, "results", texts);
    }
    action_list_free(&l);
    diag_list_free(&diags);
    return result;
}

static const char *symbol_kind(int kind) {
    switch (kind) {
    case 2: return "Module";
    case 3: return "Namespace";
    case 15: return "String";
    case 17: return "Boolean";
    case 24: return "Event";
    default: return "?";
    }
}

/* Leaves drop their empty "children" list, to keep the files short. */
static void prune(json_t *nodes) {
    size_t i;
    json_t *o;
    json_array_foreach(nodes, i, o) {
        json_t *c = json_object_get(o, "children");
        if (json_array_size(c) == 0)
            json_object_del(o, "children");
        else
            prune(c);
    }
}

json_t *golden_outline(golden_doc_t *d) {
    /* The walk enters and leaves nodes; a stack of children arrays nests them. */
    json_t *stack[16];
    int depth = 0;
    stack[0] = json_array();
    outline_iter_t it;
    outline_iter_init(&it);
    outline_node_t n;
    int ev;
    while (outline_next(&it, &d->plan, &d->text, &n, &ev)) {
        if (ev == OUTLINE_LEAVE) {
            if (depth > 0) depth--;
            continue;
        }
        long sl, sc, el, ec;
        text_position_of(&d->text, n.start, POS_UTF16, &sl, &sc);
        text_position_of(&d->text, n.end, POS_UTF16, &el, &ec);
        json_t *o = json_pack("{s:s%,s:s,s:[i,i],s:o}", "name", n.name, n.name_len, "kind", symbol_kind(n.kind),
                              "lines", (int)sl, (int)el, "selection", range_json(&d->text, n.sel_start, n.sel_end));
        if (n.detail) json_object_set_new(o, "detail", json_stringn(n.detail, n.detail_len));
        json_t *children = json_array();
        json_object_set_new(o, "children", children);
        json_array_append_new(stack[depth], o);
        if (depth + 1 < 16) stack[++depth] = children;
    }
    prune(stack[0]);
    return stack[0];
}

json_t *golden_folding(golden_doc_t *d) {
    fold_t *f;
    size_t n;
    if (outline_folds(&d->plan, &d->text, &f, &n) < 0) return NULL;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("[i,i]", (int)f[i].start_line, (int)f[i].end_line));
    free(f);
    return arr;
}

json_t *golden_hover(golden_doc_t *d, size_t off) {
    size_t start = 0, end = 0;
    char *s = hover_at(&d->plan, off, golden_now(), &start, &end);
    if (!s) return json_null();
    json_t *o = json_pack("{s:s,s:s%,s:o}", "text", s, "span", d->text.data + start, end - start, "range",
                          range_json(&d->text, start, end));
    free(s);
    return o;
}
