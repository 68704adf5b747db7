/* lsp.c: LSP shapes over jansson, and as JSON text for replies too large for a tree. */
#include "lsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

pos_encoding_t lsp_negotiate_encoding(json_t *caps) {
    json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
    if (!json_is_array(encs)) return POS_UTF16;
    /* Bytes are what we hold: utf-8 costs nothing. Otherwise honour the
     * client's first choice among the ones we support. */
    size_t i;
    json_t *v;
    json_array_foreach(encs, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), "utf-8") == 0) return POS_UTF8;
    }
    json_array_foreach(encs, i, v) {
        if (!json_is_string(v)) continue;
        if (strcmp(json_string_value(v), "utf-32") == 0) return POS_UTF32;
        if (strcmp(json_string_value(v), "utf-16") == 0) return POS_UTF16;
    }
    return POS_UTF16;
}

const char *lsp_encoding_name(pos_encoding_t e) {
    return e == POS_UTF8 ? "utf-8" : e == POS_UTF32 ? "utf-32" : "utf-16";
}

int lsp_get_object(json_t *obj, const char *key, const char *field, json_t **out, char *err) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!json_is_object(v)) {
        snprintf(err, LSP_ERR_MAX, "%s must be an object", field);
        return -1;
    }
    *out = v;
    return 0;
}

int lsp_get_string(json_t *obj, const char *key, const char *field, const char **out, size_t *len, char *err) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!json_is_string(v)) {
        snprintf(err, LSP_ERR_MAX, "%s must be a string", field);
        return -1;
    }
    *out = json_string_value(v);
    if (len) *len = json_string_length(v);
    return 0;
}

int lsp_get_uri(json_t *v, const char *field, const char **out, char *err) {
    if (!json_is_string(v)) {
        snprintf(err, LSP_ERR_MAX, "%s must be a string", field);
        return -1;
    }
    *out = json_string_value(v);
    /* Every C string past this point would end at the NUL: "a\u0000b" would
     * name the document "a". */
    if (memchr(*out, '\0', json_string_length(v))) {
        snprintf(err, LSP_ERR_MAX, "%s must not contain a NUL character", field);
        return -1;
    }
    return 0;
}

int lsp_get_text(const rpc_msg_t *m, json_t *obj, const char *field, const char **out, size_t *len, char *err) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, "text") : NULL;
    if (rpc_text(m, v, out, len) < 0) {
        snprintf(err, LSP_ERR_MAX, "%s must be a string", field);
        return -1;
    }
    return 0;
}

int lsp_get_int(json_t *obj, const char *key, const char *field, long long *out, char *err) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!json_is_integer(v)) {
        snprintf(err, LSP_ERR_MAX, "%s must be an integer", field);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

int lsp_position_offset(json_t *pos, const char *field, const text_t *t, pos_encoding_t enc, size_t *off, char *err) {
    char name[120];
    long long line, ch;
    if (!json_is_object(pos)) {
        snprintf(err, LSP_ERR_MAX, "%s must be a Position object", field);
        return -1;
    }
    snprintf(name, sizeof name, "%s.line", field);
    if (lsp_get_int(pos, "line", name, &line, err) < 0) return -1;
    snprintf(name, sizeof name, "%s.character", field);
    if (lsp_get_int(pos, "character", name, &ch, err) < 0) return -1;
    if (line < 0 || ch < 0) {
        snprintf(err, LSP_ERR_MAX, "%s.%s must not be negative", field, line < 0 ? "line" : "character");
        return -1;
    }
    if (line > (long long)0x7fffffff) line = 0x7fffffff;
    if (ch > (long long)0x7fffffff) ch = 0x7fffffff;
    *off = text_offset_at(t, (long)line, (long)ch, enc);
    return 0;
}

int lsp_range_offsets(json_t *range, const char *field, const text_t *t, pos_encoding_t enc, size_t *start, size_t *end,
                      char *err) {
    char name[120];
    if (!json_is_object(range)) {
        snprintf(err, LSP_ERR_MAX, "%s must be a Range object", field);
        return -1;
    }
    snprintf(name, sizeof name, "%s.start", field);
    if (lsp_position_offset(json_object_get(range, "start"), name, t, enc, start, err) < 0) return -1;
    snprintf(name, sizeof name, "%s.end", field);
    if (lsp_position_offset(json_object_get(range, "end"), name, t, enc, end, err) < 0) return -1;
    if (*end < *start) {
        snprintf(err, LSP_ERR_MAX, "%s.end is before %s.start", field, field);
        return -1;
    }
    return 0;
}

json_t *lsp_position_json(const text_t *t, pos_encoding_t enc, size_t off) {
    long line, ch;
    text_position_of(t, off, enc, &line, &ch);
    return json_pack("{s:i,s:i}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

json_t *lsp_range_json(const text_t *t, pos_encoding_t enc, size_t start, size_t end) {
    return json_pack("{s:o,s:o}", "start", lsp_position_json(t, enc, start), "end", lsp_position_json(t, enc, end));
}

json_t *lsp_diagnostics_json(const text_t *t, pos_encoding_t enc, const char *uri, const diag_list_t *l) {
    /* Built from the text writer, so the shape is written down once. */
    strbuf_t b = {0};
    lsp_write_diagnostics(&b, t, enc, uri, l);
    json_t *arr = b.s && !b.failed ? json_loadb(b.s, b.n, 0, NULL) : NULL;
    free(sb_take(&b));
    return arr;
}

void lsp_write_string(strbuf_t *b, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    sb_add(b, "\"");
    size_t run = 0; /* bytes copied as they are, flushed in one go */
    for (size_t i = 0; i < n;) {
        size_t len = utf8_len(u + i, n - i);
        int plain = len > 1 || (len == 1 && u[i] >= 0x20 && u[i] != '"' && u[i] != '\\');
        if (plain) {
            i += len;
            run += len;
            continue;
        }
        sb_addn(b, s + i - run, run);
        run = 0;
        if (!len)
            sb_add(b, "\\ufffd");
        else if (u[i] == '"')
            sb_add(b, "\\\"");
        else if (u[i] == '\\')
            sb_add(b, "\\\\");
        else
            sb_printf(b, "\\u%04x", u[i]);
        i += len ? len : 1;
    }
    sb_addn(b, s + n - run, run);
    sb_add(b, "\"");
}

void lsp_write_range(strbuf_t *b, const text_t *t, pos_encoding_t enc, size_t start, size_t end) {
    long l1, c1, l2, c2;
    text_position_of(t, start, enc, &l1, &c1);
    text_position_of(t, end, enc, &l2, &c2);
    sb_printf(b, "{\"start\":{\"line\":%ld,\"character\":%ld},\"end\":{\"line\":%ld,\"character\":%ld}}", l1, c1, l2,
              c2);
}

void lsp_write_diagnostics(strbuf_t *b, const text_t *t, pos_encoding_t enc, const char *uri, const diag_list_t *l) {
    sb_add(b, "[");
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        sb_add(b, i ? ",{\"range\":" : "{\"range\":");
        lsp_write_range(b, t, enc, d->start, d->end);
        sb_printf(b, ",\"severity\":%d,\"code\":", (int)d->severity);
        lsp_write_string(b, d->code, strlen(d->code));
        sb_add(b, ",\"source\":\"planls\",\"message\":");
        lsp_write_string(b, d->message, strlen(d->message));
        if (uri && d->nrelated) {
            sb_add(b, ",\"relatedInformation\":[");
            for (size_t k = 0; k < d->nrelated; k++) {
                sb_add(b, k ? ",{\"location\":{\"uri\":" : "{\"location\":{\"uri\":");
                lsp_write_string(b, uri, strlen(uri));
                sb_add(b, ",\"range\":");
                lsp_write_range(b, t, enc, d->related[k].start, d->related[k].end);
                sb_add(b, "},\"message\":");
                lsp_write_string(b, d->related[k].message, strlen(d->related[k].message));
                sb_add(b, "}");
            }
            sb_add(b, "]");
        }
        sb_add(b, "}");
    }
    sb_add(b, "]");
}
