/* transport.c: stdin and stdout as libuv handles. */
#include "transport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define READ_CHUNK 65536

typedef union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_pipe_t pipe;
    uv_tty_t tty;
} stream_u;

struct transport_s {
    uv_loop_t *loop;
    uv_handle_type in_type, out_type;
    stream_u in, out;
    int in_open, out_open; /* handles initialised (and so to be closed) */
    uv_fs_t file_req;      /* reads when stdin is a regular file */
    int file_reading;      /* a file read is in flight */
    char buf[READ_CHUNK];
    transport_read_fn on_read;
    transport_end_fn on_end;
    void *ctx;
    int ended, broken, closing;
    int paused;  /* transport_set_reading(t, 0) */
    int pending; /* close callbacks and requests still to come */
    uv_shutdown_t shutdown_req;
};

typedef struct {
    uv_write_t req;
    char *buf;
    transport_t *t;
} write_req_t;

static void maybe_free(transport_t *t) {
    if (t->closing && t->pending == 0) free(t);
}

static void end_input(transport_t *t, const char *reason) {
    if (t->ended) return;
    t->ended = 1;
    if (t->on_end) t->on_end(t->ctx, reason);
}

/* ---- reading ------------------------------------------------------------ */

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
    (void)suggested;
    transport_t *t = h->data;
    *buf = uv_buf_init(t->buf, sizeof t->buf);
}

static void read_cb(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
    transport_t *t = s->data;
    if (nread > 0) {
        t->on_read(t->ctx, buf->base, (size_t)nread);
    } else if (nread < 0) {
        uv_read_stop(s);
        end_input(t, nread == UV_EOF ? "end of input" : uv_strerror((int)nread));
    }
}

static void file_read_next(transport_t *t);

static void file_read_cb(uv_fs_t *req) {
    transport_t *t = req->data;
    ssize_t n = req->result;
    uv_fs_req_cleanup(req);
    t->file_reading = 0;
    t->pending--;
    if (t->closing) {
        maybe_free(t);
        return;
    }
    if (n > 0) {
        t->on_read(t->ctx, t->buf, (size_t)n);
        if (!t->paused) file_read_next(t);
    } else {
        end_input(t, n == 0 ? "end of input" : uv_strerror((int)n));
    }
}

static void file_read_next(transport_t *t) {
    if (t->ended || t->closing) return;
    uv_buf_t b = uv_buf_init(t->buf, sizeof t->buf);
    t->file_req.data = t;
    if (uv_fs_read(t->loop, &t->file_req, 0, &b, 1, -1, file_read_cb) < 0) {
        end_input(t, "cannot read standard input");
        return;
    }
    t->file_reading = 1;
    t->pending++;
}

/* Wraps fd in a stream handle when it is a pipe, socket or tty. */
static int open_stream(transport_t *t, stream_u *u, int fd, uv_handle_type type, int readable) {
    int rc;
    if (type == UV_TTY) {
        rc = uv_tty_init(t->loop, &u->tty, fd, readable);
    } else if (type == UV_NAMED_PIPE || type == UV_TCP) {
        rc = uv_pipe_init(t->loop, &u->pipe, 0);
        if (rc == 0) {
            rc = uv_pipe_open(&u->pipe, fd);
            if (rc < 0) {
                u->handle.data = t;
                t->pending++;
                uv_close(&u->handle, NULL);
                t->pending--;
            }
        }
    } else {
        return 1; /* a regular file or unknown: plain fd I/O */
    }
    if (rc == 0) u->handle.data = t;
    return rc;
}

transport_t *transport_start(uv_loop_t *loop, transport_read_fn on_read, transport_end_fn on_end, void *ctx) {
    transport_t *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->loop = loop;
    t->on_read = on_read;
    t->on_end = on_end;
    t->ctx = ctx;
    t->in_type = uv_guess_handle(0);
    t->out_type = uv_guess_handle(1);

    int rc = open_stream(t, &t->in, 0, t->in_type, 1);
    if (rc < 0) {
        log_error("cannot use standard input: %s", uv_strerror(rc));
        free(t);
        return NULL;
    }
    t->in_open = rc == 0;
    rc = open_stream(t, &t->out, 1, t->out_type, 0);
    if (rc < 0) {
        log_error("cannot use standard output: %s", uv_strerror(rc));
        t->out_open = 0;
        t->broken = 1;
    } else {
        t->out_open = rc == 0;
    }
    if (t->in_open) {
        rc = uv_read_start(&t->in.stream, alloc_cb, read_cb);
        if (rc < 0) {
            log_error("cannot read standard input: %s", uv_strerror(rc));
            end_input(t, "cannot read standard input");
        }
    } else {
        file_read_next(t);
    }
    return t;
}

/* ---- writing ------------------------------------------------------------ */

static void write_cb(uv_write_t *req, int status) {
    write_req_t *w = (write_req_t *)req;
    transport_t *t = w->t;
    free(w->buf);
    free(w);
    t->pending--;
    if (status < 0 && !t->broken) {
        t->broken = 1;
        log_error("cannot write to the client: %s", uv_strerror(status));
        end_input(t, "standard output closed");
    }
    maybe_free(t);
}

int transport_write(transport_t *t, char *buf, size_t len) {
    if (t->broken || t->closing) {
        free(buf);
        return -1;
    }
    if (!t->out_open) {
        /* A regular file: writes finish at once, order is kept by blocking. */
        size_t done = 0;
        while (done < len) {
            ssize_t n = write(1, buf + done, len - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                t->broken = 1;
                log_error("cannot write to standard output: %s", strerror(errno));
                free(buf);
                end_input(t, "standard output closed");
                return -1;
            }
            done += (size_t)n;
        }
        free(buf);
        return 0;
    }
    write_req_t *w = malloc(sizeof *w);
    if (!w) {
        free(buf);
        return -1;
    }
    w->buf = buf;
    w->t = t;
    uv_buf_t b = uv_buf_init(buf, (unsigned)len);
    int rc = uv_write(&w->req, &t->out.stream, &b, 1, write_cb);
    if (rc < 0) {
        free(buf);
        free(w);
        t->broken = 1;
        log_error("cannot write to the client: %s", uv_strerror(rc));
        end_input(t, "standard output closed");
        return -1;
    }
    t->pending++;
    return 0;
}

int transport_broken(const transport_t *t) { return t->broken; }

void transport_set_reading(transport_t *t, int on) {
    if (t->ended || t->closing || t->paused == !on) return;
    t->paused = !on;
    if (!t->in_open) {
        /* A file: the read in flight, if any, goes on, and asks for no next. */
        if (on && !t->file_reading) file_read_next(t);
        return;
    }
    if (!on) {
        uv_read_stop(&t->in.stream);
        return;
    }
    int rc = uv_read_start(&t->in.stream, alloc_cb, read_cb);
    if (rc < 0) {
        log_error("cannot read standard input: %s", uv_strerror(rc));
        end_input(t, "cannot read standard input");
    }
}

size_t transport_backlog(const transport_t *t) {
    return t->out_open ? uv_stream_get_write_queue_size(&t->out.stream) : 0;
}

/* ---- closing ------------------------------------------------------------ */

static void close_cb(uv_handle_t *h) {
    transport_t *t = h->data;
    t->pending--;
    maybe_free(t);
}

static void close_handle(transport_t *t, uv_handle_t *h) {
    t->pending++;
    uv_close(h, close_cb);
}

static void shutdown_cb(uv_shutdown_t *req, int status) {
    transport_t *t = req->data;
    (void)status;
    t->pending--;
    close_handle(t, &t->out.handle);
    maybe_free(t);
}

void transport_close(transport_t *t) {
    if (!t || t->closing) return;
    t->closing = 1;
    if (t->in_open) {
        uv_read_stop(&t->in.stream);
        close_handle(t, &t->in.handle);
    }
    if (t->file_reading) uv_cancel((uv_req_t *)&t->file_req);
    if (t->out_open) {
        /* Let the replies already queued reach the client first. */
        t->shutdown_req.data = t;
        if (!t->broken && t->out_type != UV_TTY && uv_shutdown(&t->shutdown_req, &t->out.stream, shutdown_cb) == 0)
            t->pending++;
        else
            close_handle(t, &t->out.handle);
    }
    maybe_free(t);
}
