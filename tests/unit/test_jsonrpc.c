/* test_jsonrpc.c: classification of incoming bodies and the exact bytes of replies. */
#include <stdlib.h>

#include "../fuzz/lift_check.h"
#include "framing.h"
#include "jsonrpc.h"
#include "unit.h"

static void parse_str(const char *s, rpc_msg_t *m) { rpc_parse(s, strlen(s), m); }

/* Encodes msg (consuming the reference) and returns the framed text; the
 * caller frees. Also checks the framing prefix matches the body length. */
static char *encode(json_t *msg) {
    CHECK(msg != NULL);
    if (!msg) return NULL;
    size_t n = 0;
    char *out = rpc_encode(msg, &n);
    json_decref(msg);
    CHECK(out != NULL);
    if (!out) return NULL;
    CHECK_INT(strlen(out), n); /* no raw NUL anywhere in the output */
    const char *body = strstr(out, "\r\n\r\n");
    CHECK(body != NULL);
    if (body) CHECK_INT(strtoul(out + strlen("Content-Length: "), NULL, 10), n - (size_t)(body + 4 - out));
    return out;
}

/* The JSON text after the framing header. */
static const char *body_of(const char *framed) {
    const char *b = framed ? strstr(framed, "\r\n\r\n") : NULL;
    return b ? b + 4 : "";
}

static void test_requests(void) {
    rpc_msg_t m;
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"x\":[1]}}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    CHECK_STR(m.method, "initialize");
    CHECK(json_is_integer(m.id) && json_integer_value(m.id) == 1);
    CHECK(json_is_object(m.params));
    char *out = encode(rpc_make_result(m.id, NULL));
    CHECK_STR(out, "Content-Length: 38\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
    free(out);
    out = encode(rpc_make_result(m.id, json_pack("{s:b}", "ok", 1)));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}");
    free(out);
    rpc_msg_free(&m);
    CHECK(m.root == NULL && m.id == NULL && m.method == NULL);

    /* String id, array params, error reply; the id round-trips exactly. */
    parse_str("{\"method\":\"x/y\",\"params\":[1,2],\"id\":\"abc-\\u00e9\",\"jsonrpc\":\"2.0\"}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    CHECK(json_is_string(m.id));
    CHECK(json_is_array(m.params));
    out = encode(rpc_make_error(m.id, RPC_METHOD_NOT_FOUND, "method '%s' not found", m.method));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":\"abc-\xc3\xa9\",\"error\":"
                            "{\"code\":-32601,\"message\":\"method 'x/y' not found\"}}");
    free(out);
    rpc_msg_free(&m);

    /* Large and negative integer ids keep every digit. */
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"a\"}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    out = encode(rpc_make_result(m.id, json_integer(0)));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"result\":0}");
    free(out);
    rpc_msg_free(&m);
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":-7,\"method\":\"a\"}", &m);
    out = encode(rpc_make_result(m.id, NULL));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":-7,\"result\":null}");
    free(out);
    rpc_msg_free(&m);

    /* An id with a NUL inside survives into the reply as an escape. */
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":\"a\\u0000b\",\"method\":\"a\"}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    CHECK_INT(json_string_length(m.id), 3);
    out = encode(rpc_make_result(m.id, NULL));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":\"a\\u0000b\",\"result\":null}");
    free(out);
    rpc_msg_free(&m);

    /* No params at all, and params: null, both mean absent. */
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    CHECK(m.params == NULL);
    rpc_msg_free(&m);
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\",\"params\":null}", &m);
    CHECK_INT(m.kind, RPC_REQUEST);
    CHECK(m.params == NULL);
    rpc_msg_free(&m);
}

static void test_notifications_and_responses(void) {
    rpc_msg_t m;
    parse_str("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
              "\"params\":{\"text\":\"a\\u0000b\"}}",
              &m);
    CHECK_INT(m.kind, RPC_NOTIFICATION);
    CHECK(m.id == NULL);
    CHECK_STR(m.method, "textDocument/didChange");
    json_t *text = json_object_get(m.params, "text");
    CHECK_INT(json_string_length(text), 3);
    CHECK(memcmp(json_string_value(text), "a\0b", 3) == 0);
    rpc_msg_free(&m);

    parse_str("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}", &m);
    CHECK_INT(m.kind, RPC_NOTIFICATION);
    CHECK(m.params == NULL);
    rpc_msg_free(&m);

    parse_str("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"applied\":true}}", &m);
    CHECK_INT(m.kind, RPC_RESPONSE);
    CHECK(json_integer_value(m.id) == 5);
    CHECK(m.method == NULL);
    rpc_msg_free(&m);

    parse_str("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"result\":null}", &m);
    CHECK_INT(m.kind, RPC_RESPONSE);
    rpc_msg_free(&m);

    parse_str("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,\"message\":\"no\"}}", &m);
    CHECK_INT(m.kind, RPC_RESPONSE);
    rpc_msg_free(&m);

    /* An error response whose id the peer could not read. */
    parse_str("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"bad\"}}", &m);
    CHECK_INT(m.kind, RPC_RESPONSE);
    CHECK(m.id == NULL);
    rpc_msg_free(&m);
}

/* Checks that s is invalid with the given code and that the message contains
 * `needle`; want_id >= 0 means an integer id of that value must be kept. */
static void expect_invalid(const char *s, size_t len, int code, const char *needle, long long want_id) {
    rpc_msg_t m;
    rpc_parse(s, len, &m);
    CHECK_INT(m.kind, RPC_INVALID);
    CHECK_INT(m.error_code, code);
    if (!strstr(m.error_message, needle)) {
        fprintf(stderr, "  message \"%s\" lacks \"%s\" (input %s)\n", m.error_message, needle, s);
        CHECK(0);
    }
    if (want_id >= 0)
        CHECK(json_is_integer(m.id) && json_integer_value(m.id) == want_id);
    else
        CHECK(m.id == NULL);
    CHECK(m.method == NULL && m.params == NULL);
    /* Whatever went wrong, an error reply can be built and encoded. */
    char *out = encode(rpc_make_error(m.id, m.error_code, "%s", m.error_message));
    CHECK(out != NULL);
    free(out);
    rpc_msg_free(&m);
}

#define INVALID(lit, code, needle, id) expect_invalid(lit, sizeof lit - 1, code, needle, id)

static void test_invalid(void) {
    /* Not JSON: jansson's text and position are in the message. */
    INVALID("{\"jsonrpc\":", RPC_PARSE_ERROR, "invalid JSON: ", -1);
    INVALID("{\"jsonrpc\":", RPC_PARSE_ERROR, "column", -1);
    INVALID("", RPC_PARSE_ERROR, "invalid JSON", -1);
    INVALID("{} trailing", RPC_PARSE_ERROR, "end of file expected", -1);
    INVALID("{\"a\":\"\xff\"}", RPC_PARSE_ERROR, "invalid JSON", -1);
    INVALID("{\"a\":\"x\0y\"}", RPC_PARSE_ERROR, "invalid JSON", -1); /* raw NUL is a control char */
    INVALID("\0", RPC_PARSE_ERROR, "invalid JSON", -1);
    {
        rpc_msg_t m;
        parse_str("{\"jsonrpc\":", &m);
        CHECK(m.root == NULL);
        rpc_msg_free(&m);
    }

    INVALID("[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]", RPC_INVALID_REQUEST, "batch requests are not supported", -1);
    INVALID("[]", RPC_INVALID_REQUEST, "batch requests are not supported", -1);
    INVALID("1", RPC_INVALID_REQUEST, "not a JSON object", -1);
    INVALID("\"2.0\"", RPC_INVALID_REQUEST, "not a JSON object", -1);
    INVALID("null", RPC_INVALID_REQUEST, "not a JSON object", -1);
    INVALID("true", RPC_INVALID_REQUEST, "not a JSON object", -1);

    /* jsonrpc, with the id kept so the reply can carry it. */
    INVALID("{\"id\":7,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"jsonrpc\" member is missing", 7);
    INVALID("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"", 7);
    INVALID("{\"jsonrpc\":2.0,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"jsonrpc\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\\u0000\",\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"jsonrpc\"", -1);

    /* id */
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"id\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"id\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"id\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"id\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"a\"}", RPC_INVALID_REQUEST, "\"id\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}", RPC_INVALID_REQUEST, "\"id\"", -1);

    /* method */
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":5}", RPC_INVALID_REQUEST, "\"method\" must be a string", 3);
    INVALID("{\"jsonrpc\":\"2.0\",\"method\":null}", RPC_INVALID_REQUEST, "\"method\" must be a string", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"exit\\u0000x\"}", RPC_INVALID_REQUEST, "NUL", 3);

    /* params */
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"a\",\"params\":3}", RPC_INVALID_REQUEST, "\"params\"", 4);
    INVALID("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":\"x\"}", RPC_INVALID_REQUEST, "\"params\"", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":false}", RPC_INVALID_REQUEST, "\"params\"", -1);

    /* neither a call nor a response */
    INVALID("{\"jsonrpc\":\"2.0\"}", RPC_INVALID_REQUEST, "\"method\" member is missing", -1);
    INVALID("{\"jsonrpc\":\"2.0\",\"id\":9}", RPC_INVALID_REQUEST, "\"method\" member is missing", 9);
    INVALID("{\"jsonrpc\":\"2.0\",\"params\":{}}", RPC_INVALID_REQUEST, "\"method\" member is missing", -1);

    /* The reply to an invalid request carries its id, byte for byte. */
    rpc_msg_t m;
    parse_str("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"a\"}", &m);
    char *out = encode(rpc_make_error(m.id, m.error_code, "%s", m.error_message));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"\\\"jsonrpc\\\" "
                            "must be \\\"2.0\\\"\"}}");
    free(out);
    rpc_msg_free(&m);
    /* ... and a parse error's reply has id null. */
    parse_str("{", &m);
    out = encode(rpc_make_error(m.id, m.error_code, "%s", m.error_message));
    CHECK(strncmp(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,", 48) == 0);
    free(out);
    rpc_msg_free(&m);
}

static void test_builders(void) {
    char *out = encode(rpc_make_notification("exit", NULL));
    CHECK_STR(out, "Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    free(out);

    out = encode(rpc_make_notification("textDocument/publishDiagnostics",
                                       json_pack("{s:s,s:[]}", "uri", "file:///a.md", "diagnostics")));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                            "\"params\":{\"uri\":\"file:///a.md\",\"diagnostics\":[]}}");
    free(out);

    json_t *id = json_string("srv-1");
    out = encode(rpc_make_request(id, "workspace/configuration", json_pack("{s:[]}", "items")));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"method\":\"workspace/configuration\","
                            "\"params\":{\"items\":[]}}");
    free(out);
    CHECK_INT(id->refcount, 1); /* borrowed: the builder copied it */
    json_decref(id);

    out = encode(rpc_make_request(NULL, "a", NULL));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"a\"}");
    free(out);

    out = encode(rpc_make_error(NULL, RPC_SERVER_NOT_INITIALIZED, "%s before %s (%d)", "hover", "initialize", 3));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                            "{\"code\":-32002,\"message\":\"hover before initialize (3)\"}}");
    free(out);

    /* Long messages are not truncated. */
    char long_text[1000];
    memset(long_text, 'z', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    json_t *e = rpc_make_error(NULL, RPC_INTERNAL_ERROR, "%s", long_text);
    CHECK_INT(json_string_length(json_object_get(json_object_get(e, "error"), "message")), 999);
    json_decref(e);

    /* Invalid UTF-8 in a message degrades to '?' rather than losing the reply. */
    out = encode(rpc_make_error(NULL, RPC_INVALID_PARAMS, "bad byte \xff in '%s'", "\xc3"));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                            "{\"code\":-32602,\"message\":\"bad byte ? in '?'\"}}");
    free(out);

    /* Non-ASCII is emitted as UTF-8, not escaped; NUL is escaped. */
    out = encode(rpc_make_result(NULL, json_stringn("\xc3\xa9\0", 3)));
    CHECK_STR(body_of(out), "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"\xc3\xa9\\u0000\"}");
    free(out);

    /* A method that is not UTF-8 fails cleanly, releasing params. */
    CHECK(rpc_make_notification("\xff", json_object()) == NULL);
    CHECK(rpc_make_request(NULL, NULL, json_array()) == NULL);
}

/* Encoded output goes back through framing and parsing unchanged. */
static void on_message(void *ctx, const char *body, size_t len) {
    rpc_msg_t *m = ctx;
    rpc_parse(body, len, m);
}

static void test_round_trip(void) {
    json_t *params = json_pack("{s:s%}", "text", "line\n\0end", (size_t)9);
    size_t n;
    json_t *msg = rpc_make_notification("textDocument/didOpen", params);
    char *framed = rpc_encode(msg, &n);
    json_decref(msg);
    CHECK(framed != NULL);

    rpc_msg_t m = {0};
    frame_t f;
    frame_init(&f, FRAME_DEFAULT_CAP, on_message, NULL, &m);
    for (size_t i = 0; i < n; i++) CHECK_INT(frame_feed(&f, framed + i, 1), 0);
    frame_free(&f);
    free(framed);
    CHECK_INT(m.kind, RPC_NOTIFICATION);
    CHECK_STR(m.method, "textDocument/didOpen");
    json_t *text = json_object_get(m.params, "text");
    CHECK_INT(json_string_length(text), 9);
    CHECK(text && memcmp(json_string_value(text), "line\n\0end", 9) == 0);
    rpc_msg_free(&m);
}

/* Pieces of string literals, valid and not, as a client might send them. */
static const char *const lift_pieces[] = {
    "plain text ",
    "\\n",
    "\\\"",
    "\\\\",
    "\\/",
    "\\b\\f\\r\\t",
    "\\u00e9",
    "\\u00E9",
    "\\ud83d\\ude00",
    "\\u0000",
    "\\u4e2d",
    "\xf0\x9f\x98\x80",
    "\xe4\xb8\xad",
    "\xc3\xa9",
    "\x7f",
    /* rejected by jansson: */
    "\\ud83d",
    "\\ude00",
    "\\ud83d\\u0041",
    "\\x",
    "\\u12g4",
    "\xc0\x80",
    "\xed\xa0\x80",
    "\xf4\x90\x80\x80",
    "\xe4\xb8",
    "\x01",
    "\n",
    "\xff",
};
#define NPIECES (sizeof lift_pieces / sizeof *lift_pieces)
#define NVALID 15

/* Lifting "text" members out of jansson's hands changes nothing a reader
 * sees, for texts built from every kind of piece (see lift_check.h). */
static void test_lift_differential(void) {
    unsigned seed = 12345;
    size_t disagree = 0, lifted_total = 0, valid = 0;
    for (int round = 0; round < 3000; round++) {
        char text[512] = "";
        int ok = 1;
        for (int k = 0; k < 6; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Most texts are valid, so that lifting is exercised. */
            size_t i = (seed >> 8) % (round % 4 ? NVALID : NPIECES);
            if (i >= NVALID) ok = 0;
            strcat(text, lift_pieces[i]);
        }
        static const char *const shapes[] = {
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":\"%s\",\"x\":1}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":[{\"text\" :\n \"%s\"}],\"text\":\"\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"t\":\"\\\"text\\\":\",\"te\\u0078t\":\"%s\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":\"%s\"} x",
        };
        char body[1024];
        int n = snprintf(body, sizeof body, shapes[round % 4], text);
        size_t lifted;
        if (!lift_agrees(body, (size_t)n, &lifted)) {
            if (!disagree++) fprintf(stderr, "lifting changes the meaning of: %s\n", body);
        }
        lifted_total += lifted;
        valid += ok && round % 4 < 2;
    }
    CHECK_INT(disagree, 0);
    /* Shapes 0 and 1 lift every valid text (shape 1 also its empty one);
     * escaped names and broken bodies lift nothing that survives. */
    CHECK(lifted_total >= valid);
}

/* What a handler sees of a lifted text, and how it takes the buffer over. */
static void test_lift_reading(void) {
    const char *body = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":\"a\\u0000\\ud83d\\ude00\\\"\"}}";
    rpc_msg_t m;
    rpc_parse_lifting(body, strlen(body), 4, &m);
    CHECK_INT(m.kind, RPC_NOTIFICATION);
    CHECK_INT(m.nblobs, 1);
    json_t *v = json_object_get(m.params, "text");
    CHECK(json_is_object(v)); /* the marker: a reader that ignores lifting fails loudly */
    const char *s;
    size_t n;
    CHECK_INT(rpc_text(&m, v, &s, &n), 0);
    CHECK_INT(n, 7);
    CHECK(memcmp(s, "a\0\xf0\x9f\x98\x80\"", 7) == 0 && s[7] == '\0');
    char *taken = rpc_take_text(&m, s);
    CHECK(taken == s);
    CHECK(rpc_text(&m, v, &s, &n) < 0); /* taken: no longer readable from the message */
    CHECK(rpc_take_text(&m, "other") == NULL);
    free(taken);
    rpc_msg_free(&m);

    /* Below the threshold, a plain string; a forged marker is not a text. */
    rpc_parse_lifting(body, strlen(body), 100, &m);
    CHECK_INT(m.nblobs, 0);
    CHECK_INT(rpc_text(&m, json_object_get(m.params, "text"), &s, &n), 0);
    CHECK_INT(n, 7);
    rpc_msg_free(&m);
    parse_str("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":{\"" LIFT_MARKER "\":0}}}", &m);
    CHECK(rpc_text(&m, json_object_get(m.params, "text"), &s, &n) < 0);
    rpc_msg_free(&m);

    /* A syntax error after a lifted text is reported where it is in the body as sent. */
    const char *broken = "{\"jsonrpc\":\"2.0\",\"params\":{\"text\":\"\\u00e9\\u00e9\\u00e9\"},}";
    rpc_parse_lifting(broken, strlen(broken), 0, &m);
    CHECK_INT(m.kind, RPC_INVALID);
    CHECK_INT(m.error_code, RPC_PARSE_ERROR);
    char want[40];
    snprintf(want, sizeof want, "byte %zu)", strlen(broken));
    CHECK(strstr(m.error_message, want) != NULL);
    rpc_msg_free(&m);
}

int main(void) {
    test_requests();
    test_notifications_and_responses();
    test_invalid();
    test_builders();
    test_round_trip();
    test_lift_differential();
    test_lift_reading();
    return unit_report("jsonrpc");
}
