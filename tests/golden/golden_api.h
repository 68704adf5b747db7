/* golden_api.h: the one place where the golden runner meets the analysis
 * API. run_golden.c knows files, cursors and JSON comparison; this adapter
 * knows which analysis function serves each feature and renders its result
 * as the JSON the expected files hold. When the analysis headers are renamed
 * or split (complete.h, actions.h, outline.h, hover.h), only golden_api.c
 * changes.
 *
 * Rendering conventions (shared by every feature):
 *  - lines are 0-based, characters are UTF-16 code units (what an LSP client
 *    sees by default);
 *  - a range is [startLine, startChar, endLine, endChar];
 *  - a document text is an array of its lines split at "\n" (a "\r" stays at
 *    the end of its line), so a text ending with a line break ends with "". */
#ifndef PLANLS_GOLDEN_API_H
#define PLANLS_GOLDEN_API_H

#include <jansson.h>
#include <stddef.h>

typedef struct golden_doc golden_doc_t;

/* Parses data as a plan. options (may be NULL) is the case's option object:
 * "dialect": "guide" | "cookbook" sets the dialect as a setting would;
 * "files" (an array of repository paths) and "planDir" give the path rules a
 * repository to look paths up in; "createWords" is the setting.
 * NULL on failure. */
golden_doc_t *golden_open(const char *data, size_t len, const json_t *options);
void golden_close(golden_doc_t *d);

/* The fixed clock of every case: 2026-11-25 17:03 UTC. */
long long golden_now(void);

/* Each returns a new JSON value, NULL on failure. */
json_t *golden_rules(golden_doc_t *d);
/* Completions at byte offset off; snippets: the client takes snippet syntax. */
json_t *golden_complete(golden_doc_t *d, size_t off, int snippets);
/* Code actions for the cursor at off; path (may be NULL) names the file. */
json_t *golden_actions(golden_doc_t *d, size_t off, const char *path);
json_t *golden_outline(golden_doc_t *d);
json_t *golden_folding(golden_doc_t *d);
json_t *golden_hover(golden_doc_t *d, size_t off);
/* The repository paths the plan names (path_refs.h), in order. */
json_t *golden_paths(golden_doc_t *d);

/* The lines of s[0..n) as a JSON array (see the conventions above). */
json_t *golden_lines(const char *s, size_t n);

#endif
