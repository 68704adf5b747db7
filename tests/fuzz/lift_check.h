/* lift_check.h: the differential check behind lift, shared by the fuzz
 * target and the unit test. A body parsed with every "text" member lifted
 * must read exactly as jansson alone reads it. */
#ifndef PLANLS_LIFT_CHECK_H
#define PLANLS_LIFT_CHECK_H

#include <string.h>

#include "jsonrpc.h"

/* a (lifted parse, message lm) and b (jansson alone) hold the same JSON, the
 * markers in a standing for strings of the same bytes. */
static int lift_same_json(const rpc_msg_t *lm, json_t *a, json_t *b) {
    if (json_is_string(b)) {
        const char *s;
        size_t n;
        return rpc_text(lm, a, &s, &n) == 0 && n == json_string_length(b) && memcmp(s, json_string_value(b), n) == 0;
    }
    if (!a || !b || json_typeof(a) != json_typeof(b)) return 0;
    if (json_is_object(b)) {
        const char *key;
        json_t *v;
        if (json_object_size(a) != json_object_size(b)) return 0;
        json_object_foreach(b, key, v) if (!lift_same_json(lm, json_object_get(a, key), v)) return 0;
        return 1;
    }
    if (json_is_array(b)) {
        if (json_array_size(a) != json_array_size(b)) return 0;
        for (size_t i = 0; i < json_array_size(b); i++)
            if (!lift_same_json(lm, json_array_get(a, i), json_array_get(b, i))) return 0;
        return 1;
    }
    return json_equal(a, b);
}

/* Returns 1 when lifting every "text" member (min 0) changes nothing a reader
 * of the message can see: kind, error, tree and text bytes. *lifted receives
 * the number of blobs. */
static int lift_agrees(const char *body, size_t len, size_t *lifted) {
    rpc_msg_t a, b;
    rpc_parse_lifting(body, len, 0, &a);
    rpc_parse_lifting(body, len, (size_t)-1, &b);
    *lifted = a.nblobs;
    int same = a.kind == b.kind && a.error_code == b.error_code && strcmp(a.error_message, b.error_message) == 0 &&
               !a.root == !b.root && (!b.root || lift_same_json(&a, a.root, b.root)) && b.nblobs == 0;
    rpc_msg_free(&a);
    rpc_msg_free(&b);
    return same;
}

#endif
