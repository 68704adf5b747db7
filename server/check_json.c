/* check_json.c: findings as JSON (see check_json.h). */
#include "check_json.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

json_t *check_json_string(const char *s, size_t n) {
    json_t *j = json_stringn(s, n);
    if (j) return j;
    strbuf_t b = {0};
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len((const unsigned char *)s + i, n - i);
        /* NUL is valid UTF-8 that jansson takes (json_stringn). */
        if (k) {
            sb_addn(&b, s + i, k);
            i += k;
        } else {
            sb_add(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    size_t len = b.n; /* the text may hold NULs */
    char *clean = sb_take(&b);
    j = clean ? json_stringn(clean, len) : NULL;
    free(clean);
    return j;
}

json_t *check_json_file(const char *path, const text_t *t, const diag_list_t *l) {
    json_t *diags = json_array();
    for (size_t i = 0; diags && i < l->n; i++) {
        const diag_t *d = &l->items[i];
        size_t line = text_line_of(t, d->start), eline = text_line_of(t, d->end);
        json_int_t col = (json_int_t)(d->start - text_line_start(t, line)) + 1;
        json_int_t ecol = (json_int_t)(d->end - text_line_start(t, eline)) + 1;
        json_array_append_new(diags,
                              json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s}", "line", (json_int_t)line + 1, "column", col,
                                        "endLine", (json_int_t)eline + 1, "endColumn", ecol, "severity",
                                        severity_short_name(d->severity), "code", d->code, "message", d->message));
    }
    return diags ? json_pack("{s:s,s:o}", "path", path, "diagnostics", diags) : NULL;
}

json_t *check_json_report(json_t *files, int checked, int problems) {
    return json_pack("{s:o,s:{s:i,s:i}}", "files", files, "summary", "checked", checked, "problems", problems);
}

int check_json_problems(const diag_list_t *l) {
    int n = 0;
    for (size_t i = 0; i < l->n; i++) n += l->items[i].severity <= SEV_WARNING;
    return n;
}
