/* lsp_json.h: LSP shapes (Position, Range, Diagnostic) between jansson and the
 * analysis' byte offsets. Every check that can fail writes the name of the
 * offending field into err for a -32602 reply. */
#ifndef PLANLS_LSP_JSON_H
#define PLANLS_LSP_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"
#include "jsonrpc.h"
#include "strbuf.h"
#include "text.h"

#define LSP_ERR_MAX 200

/* LSP enums, by the names the specification gives them. */
enum { LSP_SYMBOL_FILE = 1, LSP_SYMBOL_STRING = 15 };               /* SymbolKind */
enum { LSP_MESSAGE_ERROR = 1, LSP_MESSAGE_WARNING = 2 };            /* MessageType */
enum { LSP_FILE_CREATED = 1, LSP_FILE_CHANGED = 2, LSP_FILE_DELETED = 3 }; /* FileChangeType */

/* Reads obj[key] as an object / string / integer; field is the dotted path
 * used in messages ("params.textDocument"). Return 0 or -1 with err set.
 * Pointers are borrowed from obj. */
int lsp_get_object(json_t *obj, const char *key, const char *field, json_t **out, char *err);
int lsp_get_string(json_t *obj, const char *key, const char *field, const char **out, size_t *len,
                   char *err);
int lsp_get_int(json_t *obj, const char *key, const char *field, long long *out, char *err);
/* obj's "text" member: a string, or a large one lifted out of message m (see
 * rpc_text). Borrowed from m. */
int lsp_get_text(const rpc_msg_t *m, json_t *obj, const char *field, const char **out, size_t *len, char *err);

/* Position/Range -> clamped byte offsets in t. A range whose end is before its
 * start is refused (it cannot be applied without guessing). */
int lsp_position_offset(json_t *pos, const char *field, const text_t *t, pos_encoding_t enc, size_t *off,
                        char *err);
int lsp_range_offsets(json_t *range, const char *field, const text_t *t, pos_encoding_t enc, size_t *start,
                      size_t *end, char *err);

/* New references. */
json_t *lsp_position_json(const text_t *t, pos_encoding_t enc, size_t off);
json_t *lsp_range_json(const text_t *t, pos_encoding_t enc, size_t start, size_t end);
json_t *lsp_diagnostics_json(const text_t *t, pos_encoding_t enc, const diag_list_t *l);

/* Writers for replies too large to build as jansson trees. */
/* A JSON string; invalid UTF-8 becomes U+FFFD, as a JSON text must be UTF-8. */
void lsp_write_string(strbuf_t *b, const char *s, size_t n);
void lsp_write_range(strbuf_t *b, const text_t *t, pos_encoding_t enc, size_t start, size_t end);
/* A Diagnostic[] array (what publishDiagnostics and pulls carry). */
void lsp_write_diagnostics(strbuf_t *b, const text_t *t, pos_encoding_t enc, const diag_list_t *l);

#endif
