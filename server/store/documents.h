/* documents.h: the open documents, by URI: each one's text, plan model and
 * settings. What the client sends changes them; nothing here talks to it. */
#ifndef PLANLS_DOCUMENTS_H
#define PLANLS_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"
#include "text.h"

typedef struct {
    char *uri;  /* owned */
    char *path; /* owned; decoded file path, NULL for non-file URIs */
    long long version;
    text_t text;
    plan_t plan;
    int path_is_plan;  /* the path matches a plan glob */
    int is_guide;      /* the repository's plan guide: never a plan */
    int at_guide_path; /* where a guide is looked for: a plan when it holds a live plan */
    config_t own;      /* settings from the guide its preamble names, when has_own */
    int has_own;
    int needs_publish;
    int published_nonempty; /* the client holds diagnostics of ours for it */
    char *plan_dir;         /* owned: its folder relative to its repository's root, once asked (handlers) */
} doc_t;

typedef struct {
    doc_t **docs; /* owned */
    size_t n, cap;
} store_t;

void store_init(store_t *s);
void store_free(store_t *s);
/* Borrowed pointer, valid until store_close(uri), store_open(uri) or
 * store_free; NULL when uri is not open. */
doc_t *store_find(store_t *s, const char *uri);
/* Opens (or reopens, replacing the text) a document under the settings cfg
 * (borrowed, may be NULL) of the repository at root (may be NULL). Takes over
 * text's buffers, even on failure (*text is left empty). The plan keeps cfg:
 * it must outlive the document or its next doc_configure; root is read
 * during the call only. Borrowed pointer (lifetime as store_find's), NULL on
 * OOM. */
doc_t *store_open(store_t *s, const char *uri, long long version, text_t *text, const config_t *cfg, const char *root);
/* Puts a document under other settings (they changed): parses it again,
 * following the guide its preamble names. cfg and root are borrowed, as in
 * store_open. */
void doc_configure(doc_t *d, const config_t *cfg, const char *root);
void store_close(store_t *s, const char *uri);
/* Is this document a plan: by its path, else by its content? Out of memory
 * updating the plan answers 0; callers that must tell the two apart call
 * plan_update first. */
int doc_is_plan(doc_t *d);

/* doc_apply_change's end for a change without a range: the whole text is
 * replaced and the plan parsed afresh. */
#define DOC_WHOLE SIZE_MAX
/* Applies one content change: bytes [start, end) of the text become
 * text[0..len) (copied), and the plan learns which part to parse again.
 * start <= end <= text length, or end == DOC_WHOLE. Returns 0, or PL_ENOMEM
 * with the text unchanged. */
int doc_apply_change(doc_t *d, size_t start, size_t end, const char *text, size_t len);

#endif
