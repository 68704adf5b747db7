/* jsonrpc.h: JSON-RPC 2.0 messages over jansson: classification of incoming
 * bodies and construction of replies. Knows nothing of LSP methods. */
#ifndef PLANLS_JSONRPC_H
#define PLANLS_JSONRPC_H

#include <jansson.h>
#include <stddef.h>

#include "lift.h"

enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    RPC_SERVER_NOT_INITIALIZED = -32002,
    RPC_REQUEST_CANCELLED = -32800,
    RPC_CONTENT_MODIFIED = -32801
};

typedef enum {
    RPC_REQUEST = 0,  /* method + id */
    RPC_NOTIFICATION, /* method, no id */
    RPC_RESPONSE,     /* id + result or error, no method: a reply to one of our requests */
    RPC_INVALID       /* error_code/error_message say why; id is set when it could be read */
} rpc_kind_t;

typedef struct {
    rpc_kind_t kind;
    json_t *root;       /* new reference: the whole message (NULL after a parse error) */
    json_t *id;         /* borrowed from root: integer or string, or NULL */
    const char *method; /* borrowed from root, or NULL */
    json_t *params;     /* borrowed from root: object or array, or NULL when absent */
    int error_code;     /* for RPC_INVALID */
    char error_message[160];
    lift_blob_t *blobs; /* owned: large "text" members, kept out of root (read them with rpc_text) */
    size_t nblobs;
} rpc_msg_t;

/* "text" members (LSP's document text) of at least this many bytes are
 * decoded outside jansson: see lift.h. */
#define RPC_LIFT_MIN ((size_t)16 << 10)

/* Parses and classifies one body. Always fills *m; release with rpc_msg_free.
 * Not JSON -> RPC_PARSE_ERROR; a batch array, a non-object, a bad "jsonrpc",
 * an id that is not an integer or string, a non-string method or params that
 * are not object/array -> RPC_INVALID_REQUEST. NUL characters inside strings
 * are allowed (documents may hold them). */
void rpc_parse(const char *body, size_t len, rpc_msg_t *m);
/* rpc_parse with another threshold for lifting "text" members (tests). */
void rpc_parse_lifting(const char *body, size_t len, size_t lift_min, rpc_msg_t *m);
void rpc_msg_free(rpc_msg_t *m);

/* A "text" member's value v as bytes: a JSON string, or the marker of a
 * lifted one. *s is borrowed from m. Returns 0, or -1 when v is neither. */
int rpc_text(const rpc_msg_t *m, const json_t *v, const char **s, size_t *len);
/* Hands over the lifted buffer behind s (as rpc_text gave it): the caller
 * frees it; it is NUL-terminated at its length. NULL when s is not lifted
 * (then it stays borrowed). */
char *rpc_take_text(const rpc_msg_t *m, const char *s);

/* Builders. All return a new reference (NULL only on allocation failure).
 * id is borrowed (copied); a NULL id becomes JSON null. result/params are
 * stolen (NULL result becomes JSON null). */
json_t *rpc_make_result(json_t *id, json_t *result);
json_t *rpc_make_error(json_t *id, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
json_t *rpc_make_notification(const char *method, json_t *params);
json_t *rpc_make_request(json_t *id, const char *method, json_t *params);

/* Serialises a message compactly into a new framed buffer ("Content-Length:
 * N\r\n\r\n{...}"); caller frees. Returns NULL on failure. */
char *rpc_encode(const json_t *msg, size_t *out_len);

#endif
