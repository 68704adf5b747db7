/* main.c: the command line, and the server's event loop on libuv. */
#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "cli_check.h"
#include "cli_init.h"
#include "cli_mcp.h"
#include "cli_new.h"
#include "cli_status.h"
#include "log.h"
#include "server.h"
#include "transport.h"

typedef struct {
    server_t server;
    transport_t *transport;
    uv_check_t check;
    uv_idle_t wake; /* keeps the loop from blocking once the input ended */
    int input_ended;
    const char *end_reason; /* static */
    int stopping;
} app_t;

static void write_out(void *ctx, char *buf, size_t len) {
    app_t *app = ctx;
    transport_write(app->transport, buf, len);
}

static size_t write_backlog(void *ctx) {
    app_t *app = ctx;
    return transport_backlog(app->transport);
}

/* PLANLS_INPUT_MIRROR=FILE appends every byte read from the client to FILE
 * (as clangd's --input-mirror-file): a session can be replayed with
 * `planls < FILE`. */
static FILE *input_mirror;

static void on_read(void *ctx, const char *data, size_t len) {
    app_t *app = ctx;
    if (input_mirror) {
        fwrite(data, 1, len, input_mirror);
        fflush(input_mirror);
    }
    server_feed(&app->server, data, len);
    /* libuv reads up to 32 chunks before the loop goes on to on_check. */
    if (!server_wants_input(&app->server)) transport_set_reading(app->transport, 0);
}

static void on_wake(uv_idle_t *h);

/* The input ended or stdout broke, possibly outside a read (a failed write is
 * reported on the next loop iteration): wake the loop so on_check runs. */
static void on_end(void *ctx, const char *reason) {
    app_t *app = ctx;
    app->input_ended = 1;
    app->end_reason = reason;
    uv_idle_start(&app->wake, on_wake);
}

/* Nothing to do: an active idle handle alone makes the poll return at once,
 * and on_check, which runs after it, closes everything. */
static void on_wake(uv_idle_t *h) { (void)h; }

/* Runs once per loop iteration, after all reads of the iteration: a burst of
 * messages is handled together and diagnostics are published once. */
static void on_check(uv_check_t *h) {
    app_t *app = h->data;
    if (app->stopping) return;
    server_process(&app->server);
    /* Backpressure: a client that does not read stops being read. */
    transport_set_reading(app->transport, server_wants_input(&app->server));
    if (server_busy(&app->server) && !server_finished(&app->server) && !transport_broken(app->transport)) {
        /* A reply is streaming: the client taking it wakes the loop (write
         * callbacks), even once the input has ended. */
        uv_idle_stop(&app->wake);
        return;
    }
    if (server_finished(&app->server) || app->input_ended || transport_broken(app->transport)) {
        app->stopping = 1;
        if (!server_finished(&app->server) && server_lost(&app->server))
            log_error("the client went away (%s) without shutdown; exiting",
                      app->end_reason ? app->end_reason : "output closed");
        uv_check_stop(h);
        uv_close((uv_handle_t *)h, NULL);
        uv_close((uv_handle_t *)&app->wake, NULL);
        transport_close(app->transport);
    }
}

/* Slow work of the server (a repository's file index) on libuv's thread
 * pool; its done runs on the loop, which waits for it before it ends. */
typedef struct {
    uv_work_t req;
    void (*work)(void *);
    void (*done)(void *);
    void *arg;
} offload_t;

static void offload_work(uv_work_t *req) {
    offload_t *o = req->data;
    o->work(o->arg);
}

static void offload_done(uv_work_t *req, int status) {
    offload_t *o = req->data;
    (void)status; /* never cancelled */
    o->done(o->arg);
    free(o);
}

static void offload(void *host, void (*work)(void *), void (*done)(void *), void *arg) {
    offload_t *o = malloc(sizeof *o);
    if (o) {
        *o = (offload_t){.work = work, .done = done, .arg = arg};
        o->req.data = o;
        if (uv_queue_work(host, &o->req, offload_work, offload_done) == 0) return;
        free(o);
    }
    work(arg);
    done(arg);
}

/* A document's text passes through buffers of its size (the frame, then
 * the decoded text the document adopts; see lift.h; for the MCP server the
 * file read and the text written). From the heap, a freed one is reused at
 * once; as separate mappings, each costs fresh page faults (slow on virtual
 * machines) and the return trip to the OS. */
static void keep_large_buffers(void) {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

static int serve(void) {
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is an EPIPE error, not death */
    keep_large_buffers();
    uv_loop_t *loop = uv_default_loop();
    static app_t app;
    server_init(&app.server, write_out, &app);
    app.server.session.backlog = write_backlog;
    server_set_offload(&app.server, offload, loop);
    const char *mirror = getenv("PLANLS_INPUT_MIRROR");
    if (mirror && *mirror) input_mirror = fopen(mirror, "ab");
    uv_idle_init(loop, &app.wake);
    app.transport = transport_start(loop, on_read, on_end, &app);
    if (!app.transport) return 1;
    uv_check_init(loop, &app.check);
    app.check.data = &app;
    uv_check_start(&app.check, on_check);
    uv_run(loop, UV_RUN_DEFAULT);
    int code = server_exit_code(&app.server);
    server_free(&app.server);
    uv_loop_close(loop);
    if (input_mirror) fclose(input_mirror);
    return code;
}

static void help(void) {
    printf("planls %s: a language server for ExecPlan files\n\n"
           "usage:\n"
           "  planls [--stdio]                  run the language server on stdin/stdout\n"
           "  planls check [--format text|json|sarif|github] [--stale] [--require-active] [--plans-only]\n"
           "               [--fix[=all] [--dry-run | --diff]] [--stdin-filename PATH] [FILE|DIR...]\n"
           "                                    check plans (no argument: this repository's);\n"
           "                                    exit 0 clean, 1 problems (or no active plan), 2 errors\n"
           "    --fix[=all]                     apply the safe quick fixes (all: guesses too)\n"
           "    --dry-run, --diff               with --fix: say or show what would change\n"
           "    --plans-only                    of the FILEs given, check only the plans\n"
           "    --stdin-filename PATH           check standard input, reported as PATH\n"
           "    --stale                         also report stale-plan\n"
           "    --require-active                exit 1 when the plans folder has no active plan\n"
           "  planls status [--format text|json] [FILE|DIR...]\n"
           "                                    each plan's status, to-dos, newest entry\n"
           "  planls new \"Title\"                write a new plan from the repository's skeleton\n"
           "  planls mcp                        run the MCP server (tools for agents) on stdin/stdout\n"
           "  planls init [--dry-run] [--readme] [--pre-commit]\n"
           "                                    set the repository up for plans: plans folder,\n"
           "                                    PLANS.md, AGENTS.md section, .planls.json\n"
           "  planls --version                  print the version\n"
           "  planls -h, --help                 print this help\n\n"
           "environment:\n"
           "  PLANLS_NOW=2026-11-25T17:03Z      fix the clock (tests)\n"
           "  PLANLS_LOG=debug                  log more to stderr\n"
           "  PLANLS_INPUT_MIRROR=FILE          append everything the client sends to FILE\n",
           PLANLS_VERSION);
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "check") == 0) return check_main(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "status") == 0) return status_main(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "new") == 0) return new_main(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "init") == 0) return init_main(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "mcp") == 0) {
        keep_large_buffers();
        return mcp_main(argc - 2, argv + 2);
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("planls %s\n", PLANLS_VERSION);
        return 0;
    }
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        help();
        return 0;
    }
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "--stdio") == 0)) return serve();
    fprintf(stderr, "planls: unknown arguments; see planls --help\n");
    return 2;
}
