/* framing.c: LSP base-protocol framing as a byte-driven state machine. */
#include "framing.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

enum { ST_HEADER, ST_BODY, ST_SKIP, ST_RESYNC };

/* What a resynchronisation looks for, lower case: nothing in it repeats its
 * first letter, so a mismatch can restart the match at this byte. */
static const char resync_name[] = "content-length";

void frame_init(frame_t *f, size_t cap, frame_message_cb on_message, frame_error_cb on_error, void *ctx) {
    memset(f, 0, sizeof *f);
    f->cap = cap;
    f->on_message = on_message;
    f->on_error = on_error;
    f->ctx = ctx;
    f->state = ST_HEADER;
}

void frame_free(frame_t *f) {
    free(f->body);
    f->body = NULL;
    f->body_len = f->body_have = 0;
}

static void report(frame_t *f, frame_error_t kind, const char *reason) {
    if (kind == FRAME_RESYNC) {
        /* The length is unknown, so the body cannot be skipped: look for the
         * next message's header instead. */
        f->state = ST_RESYNC;
        f->header_len = 0;
        f->resync_match = 0;
    }
    if (f->on_error) f->on_error(f->ctx, kind, reason);
}

static void deliver(frame_t *f) {
    f->body[f->body_len] = '\0';
    /* Detach before the callback so the frame is back in a clean header state
     * whatever the callback does. */
    char *body = f->body;
    size_t len = f->body_len;
    f->body = NULL;
    f->body_len = f->body_have = 0;
    f->state = ST_HEADER;
    if (f->on_message) f->on_message(f->ctx, body, len);
    free(body);
}

static int is_ows(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, const char **e) {
    while (*s < *e && is_ows(**s)) (*s)++;
    while (*e > *s && is_ows((*e)[-1])) (*e)--;
}

static int name_is(const char *s, const char *e, const char *want) {
    return ascii_equal_ci(s, (size_t)(e - s), want, strlen(want));
}

static int all_digits(const char *s, const char *e) {
    for (; s < e; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* Copies a header value into buf for quoting in a reason: clipped, with
 * control and non-ASCII bytes shown as '?' so the log line stays readable. */
static void quote_value(char *buf, size_t size, const char *s, const char *e) {
    size_t n = 0;
    for (; s < e && n + 4 < size; s++) buf[n++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
    if (s < e) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
}

/* Parses a complete header block (ends with an empty line). Returns 0 with
 * *len set, or -1 after reporting RESYNC. */
static int parse_headers(frame_t *f, size_t *len) {
    char reason[160], shown[48];
    const char *p = f->header, *end = f->header + f->header_len;
    int have = 0;
    size_t value = 0;

    while (p < end) {
        /* memmem is not in POSIX; the block is small, so scan for "\r\n". */
        const char *eol = p;
        while (eol + 1 < end && !(eol[0] == '\r' && eol[1] == '\n')) eol++;
        if (eol == p) break; /* the empty line */
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        const char *ns = p;
        p = eol + 2;
        if (!colon) continue; /* not a header; harmless as long as Content-Length is fine */
        const char *ne = colon, *vs = colon + 1, *ve = eol;
        trim(&ns, &ne);
        if (!name_is(ns, ne, "Content-Length")) continue; /* Content-Type and anything unknown */
        trim(&vs, &ve);
        quote_value(shown, sizeof shown, vs, ve);
        if (ve - vs >= 2 && *vs == '-' && all_digits(vs + 1, ve)) {
            snprintf(reason, sizeof reason, "Content-Length '%s' is negative", shown);
            report(f, FRAME_RESYNC, reason);
            return -1;
        }
        if (vs == ve) {
            report(f, FRAME_RESYNC, "Content-Length header is empty");
            return -1;
        }
        size_t v = 0;
        for (const char *q = vs; q < ve; q++) {
            if (*q < '0' || *q > '9') {
                snprintf(reason, sizeof reason, "Content-Length '%s' is not a number", shown);
                report(f, FRAME_RESYNC, reason);
                return -1;
            }
            size_t d = (size_t)(*q - '0');
            if (v > (SIZE_MAX - d) / 10) {
                snprintf(reason, sizeof reason, "Content-Length '%s' is too large to represent", shown);
                report(f, FRAME_RESYNC, reason);
                return -1;
            }
            v = v * 10 + d;
        }
        if (have && v != value) {
            snprintf(reason, sizeof reason, "Content-Length given twice with different values (%zu and %zu)", value, v);
            report(f, FRAME_RESYNC, reason);
            return -1;
        }
        have = 1;
        value = v;
    }
    if (!have) {
        report(f, FRAME_RESYNC, "Content-Length header is missing");
        return -1;
    }
    *len = value;
    return 0;
}

/* Moves from a parsed header to receiving (or skipping) the body. */
static void start_body(frame_t *f, size_t len) {
    char reason[160];
    f->header_len = 0;
    if (len > f->cap) {
        snprintf(reason, sizeof reason, "message of %zu bytes exceeds the %zu-byte limit; skipped", len, f->cap);
        f->state = ST_SKIP;
        f->skip_left = len;
        report(f, FRAME_REFUSED, reason);
        return;
    }
    /* len <= cap, so len + 1 cannot overflow unless cap == SIZE_MAX. */
    f->body = len < SIZE_MAX ? malloc(len + 1) : NULL;
    if (!f->body) {
        snprintf(reason, sizeof reason, "out of memory for a message of %zu bytes; skipped", len);
        f->state = ST_SKIP;
        f->skip_left = len;
        report(f, FRAME_REFUSED, reason);
        return;
    }
    f->body_len = len;
    f->body_have = 0;
    f->state = ST_BODY;
    if (len == 0) deliver(f);
}

int frame_feed(frame_t *f, const char *data, size_t len) {
    size_t i = 0;
    while (i < len) {
        switch (f->state) {
        case ST_HEADER: {
            /* Byte at a time: headers are tiny, and this keeps the terminator
             * check trivial across chunk boundaries. */
            f->header[f->header_len++] = data[i++];
            size_t n = f->header_len;
            int done = n >= 2 && f->header[n - 2] == '\r' && f->header[n - 1] == '\n' &&
                       (n == 2 || (n >= 4 && f->header[n - 4] == '\r' && f->header[n - 3] == '\n'));
            if (done) {
                size_t body_len;
                if (parse_headers(f, &body_len) == 0) start_body(f, body_len);
            } else if (n == FRAME_HEADER_MAX) {
                char reason[96];
                snprintf(reason, sizeof reason, "header block exceeds %d bytes without an empty line",
                         FRAME_HEADER_MAX);
                report(f, FRAME_RESYNC, reason);
            }
            break;
        }
        case ST_BODY: {
            size_t take = f->body_len - f->body_have;
            if (take > len - i) take = len - i;
            memcpy(f->body + f->body_have, data + i, take);
            f->body_have += take;
            i += take;
            if (f->body_have == f->body_len) deliver(f);
            break;
        }
        case ST_SKIP: {
            size_t take = f->skip_left;
            if (take > len - i) take = len - i;
            f->skip_left -= take;
            i += take;
            if (f->skip_left == 0) f->state = ST_HEADER;
            break;
        }
        default: { /* ST_RESYNC */
            char c = ascii_lower(data[i++]);
            if (c == resync_name[f->resync_match])
                f->resync_match++;
            else
                f->resync_match = c == resync_name[0];
            if (f->resync_match == sizeof resync_name - 1) {
                /* The header block starts with the name just found. */
                memcpy(f->header, "Content-Length", sizeof resync_name - 1);
                f->header_len = sizeof resync_name - 1;
                f->state = ST_HEADER;
            }
            break;
        }
        }
    }
    return f->state == ST_RESYNC;
}

char *frame_encode(const char *body, size_t len, size_t *out_len) {
    char head[48];
    int hl = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
    if (hl < 0 || len > SIZE_MAX - (size_t)hl - 1) return NULL;
    char *out = malloc((size_t)hl + len + 1);
    if (!out) return NULL;
    memcpy(out, head, (size_t)hl);
    if (len) memcpy(out + hl, body, len);
    out[(size_t)hl + len] = '\0'; /* convenience for logging; not counted */
    if (out_len) *out_len = (size_t)hl + len;
    return out;
}
