/* documents.c: the open documents. A handful are open at once, so a flat
 * array searched by URI. */
#include "documents.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "guide.h"
#include "settings.h"
#include "uri.h"
#include "vec.h"

void store_init(store_t *s) { memset(s, 0, sizeof *s); }

static void doc_free(doc_t *d) {
    if (d->has_own) config_free(&d->own);
    free(d->uri);
    free(d->path);
    free(d->plan_dir);
    text_free(&d->text);
    plan_free(&d->plan);
    free(d);
}

void store_free(store_t *s) {
    for (size_t i = 0; i < s->n; i++) doc_free(s->docs[i]);
    free(s->docs);
    memset(s, 0, sizeof *s);
}

static size_t index_of(const store_t *s, const char *uri) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0) return i;
    return s->n;
}

doc_t *store_find(store_t *s, const char *uri) {
    size_t i = index_of(s, uri);
    return i < s->n ? s->docs[i] : NULL;
}

void doc_configure(doc_t *d, const config_t *cfg, const char *root) {
    const char *where = d->path ? d->path : d->uri;
    d->path_is_plan = config_is_plan_path(cfg, root, where);
    d->is_guide = cfg && cfg->guide_path && d->path && strcmp(cfg->guide_path, d->path) == 0;
    d->at_guide_path = settings_at_guide_path(root, d->path);
    if (d->has_own) config_free(&d->own);
    d->has_own = 0;
    d->plan.path = d->path;
    /* A plan that names its guide follows it (read when opened or
     * reconfigured). An out-of-memory parse is not reported here (as
     * before): doc_configure has no caller that could do better. */
    settings_for_plan(&d->plan, &d->text, cfg, root, &d->own, &d->has_own);
    d->needs_publish = 1;
}

doc_t *store_open(store_t *s, const char *uri, long long version, text_t *text, const config_t *cfg, const char *root) {
    doc_t *d = calloc(1, sizeof *d);
    if (!d || !(d->uri = strdup(uri))) {
        free(d);
        text_free(text);
        return NULL;
    }
    d->path = uri_to_path(uri);
    plan_init(&d->plan);
    d->text = *text;
    memset(text, 0, sizeof *text);
    d->version = version;
    doc_configure(d, cfg, root);

    size_t i = index_of(s, uri);
    if (i < s->n) { /* a second didOpen: the client's text wins */
        d->published_nonempty = s->docs[i]->published_nonempty;
        doc_free(s->docs[i]);
        s->docs[i] = d;
        return d;
    }
    if (VEC_RESERVE(s->docs, s->cap, s->n + 1) < 0) {
        doc_free(d);
        return NULL;
    }
    s->docs[s->n++] = d;
    return d;
}

void store_close(store_t *s, const char *uri) {
    size_t i = index_of(s, uri);
    if (i == s->n) return;
    doc_free(s->docs[i]);
    s->docs[i] = s->docs[--s->n];
}

int doc_is_plan(doc_t *d) {
    if (d->is_guide || plan_update(&d->plan, &d->text) < 0) return 0;
    if (d->at_guide_path && guide_is_live_plan(d->text.data, d->text.len)) return 1;
    return plan_is_plan(&d->plan, &d->text, d->path_is_plan, config_is_template_path(d->path ? d->path : d->uri));
}

int doc_apply_change(doc_t *d, size_t start, size_t end, const char *text, size_t len) {
    if (end != DOC_WHOLE) return plan_edit(&d->plan, &d->text, start, end, text, len) < 0 ? PL_ENOMEM : 0;
    if (text_replace(&d->text, 0, d->text.len, text, len) < 0) return PL_ENOMEM;
    /* A failed parse leaves the plan dirty; the next update parses it whole. */
    plan_parse(&d->plan, &d->text);
    return 0;
}
