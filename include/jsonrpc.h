/* jsonrpc.h: JSON-RPC 2.0 messages over jansson: classification of incoming
 * bodies and construction of replies. Knows nothing of LSP methods. */
#ifndef PLANLS_JSONRPC_H
#define PLANLS_JSONRPC_H

#include <jansson.h>
#include <stddef.h>

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
    RPC_REQUEST = 0,   /* method + id */
    RPC_NOTIFICATION,  /* method, no id */
    RPC_RESPONSE,      /* id + result or error, no method: a reply to one of our requests */
    RPC_INVALID        /* error_code/error_message say why; id is set when it could be read */
} rpc_kind_t;

typedef struct {
    rpc_kind_t kind;
    json_t *root;        /* new reference: the whole message (NULL after a parse error) */
    json_t *id;          /* borrowed from root: integer or string, or NULL */
    const char *method;  /* borrowed from root, or NULL */
    json_t *params;      /* borrowed from root: object or array, or NULL when absent */
    int error_code;      /* for RPC_INVALID */
    char error_message[160];
} rpc_msg_t;

/* Parses and classifies one body. Always fills *m; release with rpc_msg_free.
 * Not JSON -> RPC_PARSE_ERROR; a batch array, a non-object, a bad "jsonrpc",
 * an id that is not an integer or string, a non-string method or params that
 * are not object/array -> RPC_INVALID_REQUEST. NUL characters inside strings
 * are allowed (documents may hold them). */
void rpc_parse(const char *body, size_t len, rpc_msg_t *m);
void rpc_msg_free(rpc_msg_t *m);

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
