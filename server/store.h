/* store.h: the open documents, by URI. */
#ifndef PLANLS_STORE_H
#define PLANLS_STORE_H

#include <stddef.h>

#include "plan.h"
#include "text.h"

typedef struct {
    char *uri;        /* owned */
    char *path;       /* owned; decoded file path, NULL for non-file URIs */
    long long version;
    text_t text;
    plan_t plan;
    int path_is_plan; /* the path matches a plan glob */
    int is_guide;     /* the repository's plan guide: never a plan */
    config_t own;     /* settings from the guide its preamble names, when has_own */
    int has_own;
    int needs_publish;
    int published_nonempty; /* the client holds diagnostics of ours for it */
} doc_t;

typedef struct {
    doc_t **docs; /* owned */
    size_t n, cap;
} store_t;

void store_init(store_t *s);
void store_free(store_t *s);
/* Borrowed pointer, or NULL. */
doc_t *store_find(store_t *s, const char *uri);
/* Opens (or reopens, replacing the text) a document under the settings cfg
 * (borrowed, may be NULL) of the repository at root (may be NULL). Takes over
 * text's buffers, even on failure (*text is left empty). Borrowed pointer,
 * NULL on OOM. */
doc_t *store_open(store_t *s, const char *uri, long long version, text_t *text,
                  const config_t *cfg, const char *root);
/* Puts a document under other settings (they changed): parses it again. */
void doc_configure(doc_t *d, const config_t *cfg, const char *root);
void store_close(store_t *s, const char *uri);
/* Is this document a plan: by its path, else by its content? */
int doc_is_plan(doc_t *d);

#endif
