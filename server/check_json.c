/* check_json.c: findings as JSON (see check_json.h). */
#include "check_json.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

json_t *check_json_string(const char *s, size_t n) {
    json_t *j = json_stringn(s, n);
    if (j) return j;
    strbuf_t b = {0};
    sb_add_utf8(&b, s, n);
    size_t len = b.n; /* the text may hold NULs, which jansson takes in json_stringn */
    char *clean = sb_take(&b);
    j = clean ? json_stringn(clean, len) : NULL;
    free(clean);
    return j;
}

/* 1-based line and column (bytes) of [start, end) as the four JSON fields. */
static json_t *place_json(const text_t *t, size_t start, size_t end) {
    size_t line = text_line_of(t, start), eline = text_line_of(t, end);
    return json_pack("{s:I,s:I,s:I,s:I}", "line", (json_int_t)line + 1, "column",
                     (json_int_t)(start - text_line_start(t, line)) + 1, "endLine", (json_int_t)eline + 1, "endColumn",
                     (json_int_t)(end - text_line_start(t, eline)) + 1);
}

json_t *check_json_file(const char *path, const text_t *t, const diag_list_t *l) {
    json_t *diags = json_array();
    for (size_t i = 0; diags && i < l->n; i++) {
        const diag_t *d = &l->items[i];
        json_t *o = place_json(t, d->start, d->end);
        if (!o) continue;
        json_object_set_new(o, "severity", json_string(severity_short_name(d->severity)));
        json_object_set_new(o, "code", json_string(d->code));
        json_object_set_new(o, "message", check_json_string(d->message, strlen(d->message)));
        if (d->nrelated) {
            /* The open items of a complete plan, and the like. */
            json_t *related = json_array();
            for (size_t k = 0; related && k < d->nrelated; k++) {
                json_t *r = place_json(t, d->related[k].start, d->related[k].end);
                if (r)
                    json_object_set_new(r, "message",
                                        check_json_string(d->related[k].message, strlen(d->related[k].message)));
                json_array_append_new(related, r);
            }
            json_object_set_new(o, "related", related);
        }
        json_array_append_new(diags, o);
    }
    return diags ? json_pack("{s:o,s:o}", "path", check_json_string(path, strlen(path)), "diagnostics", diags) : NULL;
}

json_t *check_json_report(json_t *files, int checked, int problems) {
    return json_pack("{s:o,s:{s:i,s:i}}", "files", files, "summary", "checked", checked, "problems", problems);
}

int check_json_problems(const diag_list_t *l) {
    int n = 0;
    for (size_t i = 0; i < l->n; i++) n += l->items[i].severity <= SEV_WARNING;
    return n;
}
