/* lsp.h: the LSP shapes planls speaks, in one place: its enums, and
 * Position, Range and Diagnostic between JSON and byte offsets in a text_t.
 * Every check that can fail writes the name of the offending field into err
 * for an invalid-params reply. Nothing of plans: any server could use it. */
#ifndef PLANLS_LSP_H
#define PLANLS_LSP_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"
#include "jsonrpc.h"
#include "strbuf.h"
#include "text.h"

#define LSP_ERR_MAX 200

/* LSP enums, by the specification's names (only the members planls sends or
 * reads). The analysis keeps its own copies of CompletionItemKind and
 * SymbolKind (complete.c, outline.c): it must not include protocol headers. */
enum { LSP_SYNC_NONE = 0, LSP_SYNC_FULL = 1, LSP_SYNC_INCREMENTAL = 2 };   /* TextDocumentSyncKind */
enum { LSP_INSERT_PLAIN = 1, LSP_INSERT_SNIPPET = 2 };                     /* InsertTextFormat */
enum { LSP_SYMBOL_FILE = 1, LSP_SYMBOL_STRING = 15 };                      /* SymbolKind */
enum { LSP_MESSAGE_ERROR = 1, LSP_MESSAGE_WARNING = 2 };                   /* MessageType */
enum { LSP_FILE_CREATED = 1, LSP_FILE_CHANGED = 2, LSP_FILE_DELETED = 3 }; /* FileChangeType */

/* The position encoding for a client's ClientCapabilities (may be NULL):
 * utf-8 when offered, else the client's first choice of utf-32 / utf-16,
 * else LSP's default utf-16. */
pos_encoding_t lsp_negotiate_encoding(json_t *client_caps);
/* Its LSP name ("utf-8", ...): a static string. */
const char *lsp_encoding_name(pos_encoding_t e);

/* Reads obj[key] as an object / string / integer; field is the dotted path
 * used in messages ("params.textDocument"). Return 0 or -1 with err set.
 * Pointers are borrowed from obj. */
int lsp_get_object(json_t *obj, const char *key, const char *field, json_t **out, char *err);
int lsp_get_string(json_t *obj, const char *key, const char *field, const char **out, size_t *len, char *err);
int lsp_get_int(json_t *obj, const char *key, const char *field, long long *out, char *err);
/* v as a URI: a string without NUL characters (C strings would cut it
 * short, and it would name another document). Every URI a client sends is
 * read with it. */
int lsp_get_uri(json_t *v, const char *field, const char **out, char *err);
/* obj's "text" member: a string, or a large one lifted out of message m (see
 * rpc_text). Borrowed from m. */
int lsp_get_text(const rpc_msg_t *m, json_t *obj, const char *field, const char **out, size_t *len, char *err);

/* Position/Range -> clamped byte offsets in t. A range whose end is before its
 * start is refused (it cannot be applied without guessing). */
int lsp_position_offset(json_t *pos, const char *field, const text_t *t, pos_encoding_t enc, size_t *off, char *err);
int lsp_range_offsets(json_t *range, const char *field, const text_t *t, pos_encoding_t enc, size_t *start, size_t *end,
                      char *err);

/* New references (NULL on OOM). */
json_t *lsp_position_json(const text_t *t, pos_encoding_t enc, size_t off);
json_t *lsp_range_json(const text_t *t, pos_encoding_t enc, size_t start, size_t end);
/* uri (may be NULL: none is written) names the document for the
 * diagnostics' related information. */
json_t *lsp_diagnostics_json(const text_t *t, pos_encoding_t enc, const char *uri, const diag_list_t *l);

/* Writers for replies too large to build as jansson trees. */
/* A JSON string; invalid UTF-8 becomes U+FFFD, as a JSON text must be UTF-8. */
void lsp_write_string(strbuf_t *b, const char *s, size_t n);
void lsp_write_range(strbuf_t *b, const text_t *t, pos_encoding_t enc, size_t start, size_t end);
/* A Diagnostic[] array (what publishDiagnostics and pulls carry), with the
 * related information of each when uri (the document's) is given. */
void lsp_write_diagnostics(strbuf_t *b, const text_t *t, pos_encoding_t enc, const char *uri, const diag_list_t *l);

#endif
