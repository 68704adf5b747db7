/* lift.c: large JSON string members decoded outside jansson (see lift.h). */
#include "lift.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "utf8.h"
#include "vec.h"

/* The four hex digits of a \u escape at s[0..4), or -1. */
static long hex4(const char *s) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_digit((unsigned char)s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8_put(unsigned long cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the escape at s[0..n) (s[0] is the backslash) into out. Returns the
 * source bytes used, or 0 when jansson would reject it; *wrote gets the output
 * length. */
static size_t decode_escape(const char *s, size_t n, char *out, size_t *wrote) {
    if (n < 2) return 0;
    static const char plain[] = "\"\\/bfnrt", meaning[] = "\"\\/\b\f\n\r\t";
    const char *at = s[1] ? strchr(plain, s[1]) : NULL;
    if (at) {
        out[0] = meaning[at - plain];
        *wrote = 1;
        return 2;
    }
    if (s[1] != 'u' || n < 6) return 0;
    long cp = hex4(s + 2);
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return 0;
    size_t used = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) { /* a high surrogate needs its low half next */
        long low = n >= 12 && s[6] == '\\' && s[7] == 'u' ? hex4(s + 8) : -1;
        if (low < 0xDC00 || low > 0xDFFF) return 0;
        cp = ((cp - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
        used = 12;
    }
    *wrote = utf8_put((unsigned long)cp, out);
    return used;
}

size_t lift_decode(const char *s, size_t n, char *out) {
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '\\' && c != '"') {
            out[o++] = (char)c;
            i++;
        } else if (c == '\\') {
            size_t wrote, used = decode_escape(s + i, n - i, out + o, &wrote);
            if (!used) return (size_t)-1;
            i += used;
            o += wrote;
        } else if (c >= 0x80) {
            size_t len = utf8_len((const unsigned char *)s + i, n - i);
            if (!len) return (size_t)-1;
            memcpy(out + o, s + i, len);
            i += len;
            o += len;
        } else {
            return (size_t)-1; /* a control character or an unescaped quote */
        }
    }
    return o;
}

/* Index of the quote that closes the string literal opening at b[q], or len:
 * the first quote after an even run of backslashes. */
static size_t string_end(const char *b, size_t len, size_t q) {
    for (size_t i = q + 1; i < len;) {
        const char *at = memchr(b + i, '"', len - i);
        if (!at) break;
        size_t e = (size_t)(at - b), k = e;
        while (k > q + 1 && b[k - 1] == '\\') k--;
        if ((e - k) % 2 == 0) return e;
        i = e + 1;
    }
    return len;
}

static int json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* b[from..to) is whitespace, one colon, whitespace: what separates a member's
 * name from its value. */
static int member_colon(const char *b, size_t from, size_t to) {
    int colons = 0;
    for (size_t i = from; i < to; i++) {
        if (b[i] == ':')
            colons++;
        else if (!json_space(b[i]))
            return 0;
    }
    return colons == 1;
}

typedef struct {
    char *buf;
    size_t n, cap;
} out_t;

static int out_add(out_t *o, const char *s, size_t n) {
    if (VEC_RESERVE(o->buf, o->cap, o->n + n + 1) < 0) return -1;
    memcpy(o->buf + o->n, s, n);
    o->n += n;
    o->buf[o->n] = '\0';
    return 0;
}

/* The decoded value of the literal b[q..e] (quotes included) as a new blob,
 * or a blob with NULL data when jansson would reject it or memory ran out. */
static lift_blob_t lift_one(const char *b, size_t q, size_t e) {
    lift_blob_t blob = {malloc(e - q), 0};
    if (!blob.data) return blob;
    size_t n = lift_decode(b + q + 1, e - q - 1, blob.data);
    if (n == (size_t)-1) {
        free(blob.data);
        blob.data = NULL;
        return blob;
    }
    blob.data[n] = '\0';
    char *fit = realloc(blob.data, n + 1); /* shrinking: in place, cheap */
    if (fit) blob.data = fit;
    blob.len = n;
    return blob;
}

void lift_blobs_free(lift_blob_t *v, size_t n) {
    for (size_t i = 0; i < n; i++) free(v[i].data);
    free(v);
}

char *lift_members(const char *body, size_t len, const char *key, size_t min, size_t *out_len, lift_blob_t **blobs,
                   size_t *nblobs) {
    size_t key_len = strlen(key);
    out_t out = {0};
    lift_blob_t *found = NULL;
    size_t nfound = 0, capfound = 0, copied = 0;
    size_t prev_q = SIZE_MAX, prev_e = 0; /* the previous string literal */
    /* Outside string literals, valid JSON holds no quotes: each quote found
     * from here opens one. Invalid JSON may be cut wrongly; jansson then
     * rejects the body, and the caller parses the original for the error. */
    for (size_t i = 0; i < len;) {
        const char *at = memchr(body + i, '"', len - i);
        if (!at) break;
        size_t q = (size_t)(at - body), e = string_end(body, len, q);
        if (e == len) break;
        int is_value_of_key = prev_q != SIZE_MAX && prev_e - prev_q - 1 == key_len &&
                              memcmp(body + prev_q + 1, key, key_len) == 0 && member_colon(body, prev_e + 1, q);
        if (is_value_of_key && e - q - 1 >= min) {
            lift_blob_t blob = lift_one(body, q, e);
            if (blob.data) {
                char marker[64];
                int ml = snprintf(marker, sizeof marker, "{\"" LIFT_MARKER "\":%zu}", *nblobs + nfound);
                int grown = VEC_RESERVE(found, capfound, nfound + 1) == 0;
                if (!grown || out_add(&out, body + copied, q - copied) < 0 || out_add(&out, marker, (size_t)ml) < 0) {
                    free(blob.data);
                    goto fail;
                }
                found[nfound++] = blob;
                copied = e + 1;
            }
        }
        prev_q = q;
        prev_e = e;
        i = e + 1;
    }
    if (!nfound) {
        free(out.buf);
        return NULL;
    }
    if (out_add(&out, body + copied, len - copied) < 0) goto fail;
    lift_blob_t *all = realloc(*blobs, (*nblobs + nfound) * sizeof *all);
    if (!all) goto fail;
    memcpy(all + *nblobs, found, nfound * sizeof *found);
    free(found);
    *blobs = all;
    *nblobs += nfound;
    *out_len = out.n;
    return out.buf;
fail:
    lift_blobs_free(found, nfound);
    free(out.buf);
    return NULL;
}
