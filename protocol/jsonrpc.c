/* jsonrpc.c: JSON-RPC 2.0 classification and reply construction over jansson.
 *
 * Ownership, in one place: rpc_msg_t.root is the only owned reference in a
 * parsed message; id, method and params point into it and die with it in
 * rpc_msg_free. Builders copy the id they are given, steal result/params
 * (even when they fail), and hand back a new reference. */
#include "jsonrpc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framing.h"

static void invalid(rpc_msg_t *m, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Marks m invalid. Truncation of the message is acceptable: it is for humans. */
static void invalid(rpc_msg_t *m, int code, const char *fmt, ...) {
    va_list ap;
    m->kind = RPC_INVALID;
    m->error_code = code;
    va_start(ap, fmt);
    vsnprintf(m->error_message, sizeof m->error_message, fmt, ap);
    va_end(ap);
}

static int is_valid_id(const json_t *id) { return json_is_integer(id) || json_is_string(id); }

static void free_blobs(rpc_msg_t *m) {
    lift_blobs_free(m->blobs, m->nblobs);
    m->blobs = NULL;
    m->nblobs = 0;
}

void rpc_parse(const char *body, size_t len, rpc_msg_t *m) { rpc_parse_lifting(body, len, RPC_LIFT_MIN, m); }

void rpc_parse_lifting(const char *body, size_t len, size_t lift_min, rpc_msg_t *m) {
    memset(m, 0, sizeof *m);
    m->kind = RPC_INVALID;

    json_error_t err;
    /* DECODE_ANY so a bare scalar is classified as "not an object" rather
     * than reported as unparseable; ALLOW_NUL because documents may hold
     * U+0000 and we must not reject a didChange over it. */
    const size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
    size_t lifted_len;
    char *lifted = lift_members(body, len, "text", lift_min, &lifted_len, &m->blobs, &m->nblobs);
    m->root = lifted ? json_loadb(lifted, lifted_len, flags, &err) : json_loadb(body, len, flags, &err);
    free(lifted);
    if (!m->root && lifted) {
        /* Errors must point into the message as it was sent. */
        free_blobs(m);
        m->root = json_loadb(body, len, flags, &err);
    }
    if (!m->root) {
        invalid(m, RPC_PARSE_ERROR, "invalid JSON: %s (line %d, column %d, byte %d)", err.text, err.line, err.column,
                err.position);
        return;
    }
    json_t *root = m->root;
    if (json_is_array(root)) {
        invalid(m, RPC_INVALID_REQUEST, "batch requests are not supported");
        return;
    }
    if (!json_is_object(root)) {
        invalid(m, RPC_INVALID_REQUEST, "message is not a JSON object");
        return;
    }

    /* Read the id first so that every later rejection can still be answered
     * to the right request. */
    json_t *id = json_object_get(root, "id");
    if (is_valid_id(id)) m->id = id;

    json_t *version = json_object_get(root, "jsonrpc");
    if (!version) {
        invalid(m, RPC_INVALID_REQUEST, "\"jsonrpc\" member is missing");
        return;
    }
    if (!json_is_string(version) || json_string_length(version) != 3 ||
        memcmp(json_string_value(version), "2.0", 3) != 0) {
        invalid(m, RPC_INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
        return;
    }

    json_t *method = json_object_get(root, "method");
    json_t *params = json_object_get(root, "params");
    int has_reply = json_object_get(root, "result") || json_object_get(root, "error");

    /* "id": null is only meaningful in an error response to a message whose
     * id could not be read; LSP ids are otherwise integer or string. */
    if (id && !is_valid_id(id) && !(json_is_null(id) && !method && json_object_get(root, "error"))) {
        invalid(m, RPC_INVALID_REQUEST, "\"id\" must be an integer or a string");
        return;
    }
    if (method) {
        if (!json_is_string(method)) {
            invalid(m, RPC_INVALID_REQUEST, "\"method\" must be a string");
            return;
        }
        /* A NUL would make the C string we hand out differ from the method
         * actually sent; no real method has one. */
        if (strlen(json_string_value(method)) != json_string_length(method)) {
            invalid(m, RPC_INVALID_REQUEST, "\"method\" contains a NUL character");
            return;
        }
    }
    /* "params": null is tolerated as absent: some clients send it with
     * shutdown/exit, and refusing those would wedge the session. */
    if (params && !json_is_null(params) && !json_is_object(params) && !json_is_array(params)) {
        invalid(m, RPC_INVALID_REQUEST, "\"params\" must be an object or an array");
        return;
    }
    if (json_is_null(params)) params = NULL;

    if (method) {
        m->method = json_string_value(method);
        m->params = params;
        m->kind = id ? RPC_REQUEST : RPC_NOTIFICATION;
        return;
    }
    if (id && has_reply) {
        m->kind = RPC_RESPONSE;
        return;
    }
    invalid(m, RPC_INVALID_REQUEST, "\"method\" member is missing");
}

int rpc_text(const rpc_msg_t *m, const json_t *v, const char **s, size_t *len) {
    if (json_is_string(v)) {
        *s = json_string_value(v);
        *len = json_string_length(v);
        return 0;
    }
    json_t *k = json_object_get(v, LIFT_MARKER);
    if (json_object_size(v) != 1 || !json_is_integer(k)) return -1;
    json_int_t i = json_integer_value(k);
    if (i < 0 || (size_t)i >= m->nblobs || !m->blobs[i].data) return -1;
    *s = m->blobs[i].data;
    *len = m->blobs[i].len;
    return 0;
}

char *rpc_take_text(const rpc_msg_t *m, const char *s) {
    for (size_t i = 0; i < m->nblobs; i++) {
        if (m->blobs[i].data != s) continue;
        m->blobs[i].data = NULL;
        return (char *)s;
    }
    return NULL;
}

void rpc_msg_free(rpc_msg_t *m) {
    free_blobs(m);
    json_decref(m->root);
    m->root = NULL;
    m->id = NULL;
    m->method = NULL;
    m->params = NULL;
}

/* Starts {"jsonrpc":"2.0"} plus "id" when with_id (a NULL id becomes null).
 * Key order is insertion order in jansson >= 2.13, so output reads naturally. */
static json_t *envelope(json_t *id, int with_id) {
    json_t *o = json_object();
    if (!o) return NULL;
    /* set_new steals its value even when it fails (and accepts NULL as a
     * failed allocation), so no value leaks on these paths. */
    if (json_object_set_new(o, "jsonrpc", json_string("2.0")) < 0 ||
        (with_id && json_object_set_new(o, "id", id ? json_deep_copy(id) : json_null()) < 0)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Envelope with id plus one member whose value is stolen. */
static json_t *reply(json_t *id, const char *key, json_t *value) {
    json_t *o = envelope(id, 1);
    if (!o) {
        json_decref(value);
        return NULL;
    }
    if (json_object_set_new(o, key, value) < 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *rpc_make_result(json_t *id, json_t *result) {
    if (!result && !(result = json_null())) return NULL;
    return reply(id, "result", result);
}

/* jansson refuses invalid UTF-8, and a formatted message may quote bytes from
 * the client or the parser; rather than lose the whole reply, replace
 * non-ASCII bytes with '?' in that case. s is modified. */
static json_t *lossy_string(char *s) {
    json_t *j = json_string(s);
    if (j) return j;
    for (char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x80) *p = '?';
    return json_string(s);
}

json_t *rpc_make_error(json_t *id, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *text = malloc((size_t)n + 1);
    if (!text) return NULL;
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    json_t *msg = lossy_string(text);
    free(text);
    if (!msg) return NULL;

    json_t *err = json_object();
    if (!err || json_object_set_new(err, "code", json_integer(code)) < 0) {
        json_decref(msg);
        json_decref(err);
        return NULL;
    }
    if (json_object_set_new(err, "message", msg) < 0) { /* msg released by set_new */
        json_decref(err);
        return NULL;
    }
    return reply(id, "error", err);
}

/* Shared by requests (with_id) and notifications; params stolen, omitted when NULL. */
static json_t *call(json_t *id, int with_id, const char *method, json_t *params) {
    json_t *o = method ? envelope(id, with_id) : NULL;
    if (!o || json_object_set_new(o, "method", json_string(method)) < 0 ||
        (params && json_object_set_new(o, "params", params) < 0)) {
        /* Stolen params are released either by the failed set or here. */
        if (!o || !json_object_get(o, "method")) json_decref(params);
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *rpc_make_notification(const char *method, json_t *params) { return call(NULL, 0, method, params); }

json_t *rpc_make_request(json_t *id, const char *method, json_t *params) { return call(id, 1, method, params); }

char *rpc_encode(const json_t *msg, size_t *out_len) {
    /* json_dumpb rather than json_dumps: the size query avoids a fixed buffer,
     * and a NUL inside a string is emitted as the escape \u0000, so the text
     * itself never holds a raw NUL. Compact, UTF-8 output (no ENSURE_ASCII). */
    size_t n = json_dumpb(msg, NULL, 0, JSON_COMPACT);
    if (n == 0) return NULL;
    char *text = malloc(n);
    if (!text) return NULL;
    if (json_dumpb(msg, text, n, JSON_COMPACT) != n) {
        free(text);
        return NULL;
    }
    char *framed = frame_encode(text, n, out_len);
    free(text);
    return framed;
}
