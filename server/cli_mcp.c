/* cli_mcp.c: `planls mcp`, a Model Context Protocol server on stdin/stdout:
 * one JSON-RPC 2.0 message per line each way (MCP's stdio transport).
 *
 * It reads with plain blocking read(2), not libuv: every request is
 * answered before the next is read, the server sends nothing of its own,
 * and stdin may be a pipe, a file or a terminal alike (libuv's pipe handle
 * refuses a regular file). */
#include "cli_mcp.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonrpc.h"
#include "mcp_tools.h"
#include "settings.h"

/* A line holds one message: a check_plan of a plan of check's largest size
 * (64 MiB), JSON-escaped, fits. Longer lines are refused unread. */
#define MCP_MAX_LINE ((size_t)160 << 20)

/* Newest first: the answer to a version we do not know. */
static const char *const versions[] = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};

typedef struct {
    plan_cache_t *cache; /* owned: the repository's plans */
    int broken;          /* stdout failed: stop */
} mcp_t;

static void send_msg(mcp_t *s, json_t *msg) {
    /* Compact JSON escapes every line break: one message, one line. */
    char *text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
    json_decref(msg);
    if (!text) {
        fprintf(stderr, "planls mcp: out of memory writing a reply\n");
        return;
    }
    size_t n = strlen(text);
    if (fwrite(text, 1, n, stdout) != n || fputc('\n', stdout) == EOF || fflush(stdout) == EOF) s->broken = 1;
    free(text);
}

static json_t *initialize(json_t *params) {
    const char *asked = json_string_value(json_object_get(params, "protocolVersion"));
    const char *answer = versions[0];
    for (size_t i = 0; asked && i < sizeof versions / sizeof versions[0]; i++)
        if (strcmp(asked, versions[i]) == 0) answer = versions[i];
    return json_pack("{s:s,s:{s:{s:b}},s:{s:s,s:s,s:s},s:s}", "protocolVersion", answer, "capabilities", "tools",
                     "listChanged", 0, "serverInfo", "name", "planls", "title", "planls (ExecPlan checker)", "version",
                     PLANLS_VERSION, "instructions",
                     "planls checks ExecPlans (living plan documents in Markdown). Use add_entry and mark_done "
                     "to update a plan's Progress, Decision Log, Surprises and To-do: they write the current UTC "
                     "stamp in the plan's style. Run check_plan after editing a plan. Paths are relative to the "
                     "repository root.");
}

static json_t *call_tool(mcp_t *s, const rpc_msg_t *m) {
    json_t *params = m->params;
    const char *name = json_string_value(json_object_get(params, "name"));
    json_t *args = json_object_get(params, "arguments");
    if (!json_is_object(params) || !name)
        return rpc_make_error(m->id, RPC_INVALID_PARAMS, "tools/call needs params {\"name\": a tool's name}");
    if (args && !json_is_object(args))
        return rpc_make_error(m->id, RPC_INVALID_PARAMS, "tools/call: arguments must be an object");
    /* Unknown tools are protocol errors; everything a tool finds wrong with
     * its arguments is its result, which the model reads and corrects. */
    if (!mcp_tool_exists(name)) return rpc_make_error(m->id, RPC_INVALID_PARAMS, "unknown tool: %s", name);
    json_t *empty = args ? NULL : json_object();
    json_t *result = mcp_tool_call(s->cache, m, name, args ? args : empty);
    json_decref(empty);
    return result ? rpc_make_result(m->id, result) : rpc_make_error(m->id, RPC_INTERNAL_ERROR, "out of memory");
}

static void handle(mcp_t *s, const char *line, size_t len) {
    rpc_msg_t m;
    rpc_parse(line, len, &m);
    if (m.kind == RPC_INVALID) {
        send_msg(s, rpc_make_error(m.id, m.error_code, "%s", m.error_message));
    } else if (m.kind == RPC_REQUEST) {
        json_t *reply;
        if (strcmp(m.method, "initialize") == 0)
            reply = json_is_object(m.params) ? rpc_make_result(m.id, initialize(m.params))
                                             : rpc_make_error(m.id, RPC_INVALID_PARAMS, "initialize needs params");
        else if (strcmp(m.method, "ping") == 0)
            reply = rpc_make_result(m.id, json_object());
        else if (strcmp(m.method, "tools/list") == 0)
            reply = rpc_make_result(m.id, mcp_tools_list());
        else if (strcmp(m.method, "tools/call") == 0)
            reply = call_tool(s, &m);
        else
            reply = rpc_make_error(m.id, RPC_METHOD_NOT_FOUND, "method not found: %s", m.method);
        send_msg(s, reply);
    }
    /* Notifications (initialized, cancelled) and replies need no answer. */
    rpc_msg_free(&m);
}

/* A line of spaces alone is no message (a client may end lines twice). */
static int blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* Splits stdin into lines and handles each; a line over MCP_MAX_LINE is
 * skipped to its end and answered with a parse error. */
static void serve_lines(mcp_t *s) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int skipping = 0;
    while (buf && !s->broken) {
        if (n == cap) {
            size_t grown = cap * 2 > MCP_MAX_LINE ? MCP_MAX_LINE : cap * 2;
            char *b = grown > cap ? realloc(buf, grown) : NULL;
            if (!b) {
                /* Too long (or no memory): drop it and what follows up to its end. */
                if (!skipping)
                    send_msg(s, rpc_make_error(NULL, RPC_PARSE_ERROR, "message longer than %zu MiB: not read",
                                               MCP_MAX_LINE >> 20));
                skipping = 1;
                n = 0;
            } else {
                buf = b;
                cap = grown;
            }
        }
        ssize_t got = read(0, buf + n, cap - n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        size_t scan = n, start = 0;
        n += (size_t)got;
        for (size_t i = scan; i < n; i++) {
            if (buf[i] != '\n') continue;
            size_t end = i;
            if (end > start && buf[end - 1] == '\r') end--;
            if (!skipping && !blank(buf + start, end - start)) handle(s, buf + start, end - start);
            skipping = 0;
            start = i + 1;
        }
        memmove(buf, buf + start, n - start);
        n -= start;
    }
    /* A last message without its line break still counts. */
    if (buf && !skipping && !s->broken && !blank(buf, n)) handle(s, buf, n);
    free(buf);
}

int mcp_main(int argc, char **argv) {
    (void)argv;
    if (argc != 0) {
        fprintf(stderr, "usage: planls mcp   (an MCP server on stdin/stdout, for the repository holding the "
                        "current folder)\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a client that went away is a write error */
    mcp_t s = {0};
    char *root = settings_find_root(".");
    if (!root) {
        char cwd[4096];
        root = getcwd(cwd, sizeof cwd) ? strdup(cwd) : NULL;
    }
    s.cache = root ? plan_cache_new(root) : NULL;
    free(root);
    if (!s.cache) {
        fprintf(stderr, "planls mcp: cannot tell the current folder\n");
        return 2;
    }
    serve_lines(&s);
    plan_cache_free(s.cache);
    return s.broken ? 1 : 0;
}
