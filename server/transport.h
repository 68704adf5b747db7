/* transport.h: stdin/stdout on libuv. stdin may be a pipe, a tty or a regular
 * file (uv_guess_handle decides); writes are queued in order and never block
 * the loop. */
#ifndef PLANLS_TRANSPORT_H
#define PLANLS_TRANSPORT_H

#include <stddef.h>
#include <uv.h>

typedef struct transport_s transport_t;

/* data is borrowed for the call. */
typedef void (*transport_read_fn)(void *ctx, const char *data, size_t len);
/* The input ended (EOF) or failed; reason is for the log. */
typedef void (*transport_end_fn)(void *ctx, const char *reason);

/* New transport on fds 0 and 1 (caller frees with transport_close). NULL on failure. */
transport_t *transport_start(uv_loop_t *loop, transport_read_fn on_read, transport_end_fn on_end, void *ctx);
/* Queues buf (stolen) for stdout. Returns 0, or -1 when stdout is gone. */
int transport_write(transport_t *t, char *buf, size_t len);
/* Stops (on 0) or resumes (on 1) reading stdin; reading starts on. The
 * input's end is noticed only while reading. */
void transport_set_reading(transport_t *t, int on);
/* Bytes queued for stdout that the client has not taken yet. */
size_t transport_backlog(const transport_t *t);
/* Stops reading, lets queued writes finish, closes the handles and frees t. */
void transport_close(transport_t *t);
/* 1 once a write failed (the client went away). */
int transport_broken(const transport_t *t);

#endif
