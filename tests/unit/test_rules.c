/* test_rules.c: golden cases. Each tests/golden/NAME.md is checked and its
 * diagnostics, rendered as JSON (0-based LSP lines, UTF-16 characters), must
 * equal NAME.json. PLANLS_UPDATE_GOLDEN=1 rewrites the JSON files (review the
 * diff before committing: the files are the specification). */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "rules.h"
#include "unit.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static json_t *render(const text_t *t, const diag_list_t *l) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        long sl, sc, el, ec;
        text_position_of(t, d->start, POS_UTF16, &sl, &sc);
        text_position_of(t, d->end, POS_UTF16, &el, &ec);
        json_array_append_new(arr, json_pack("{s:[i,i],s:[i,i],s:s,s:i,s:s}", "start", (int)sl, (int)sc, "end",
                                             (int)el, (int)ec, "code", d->code, "severity", (int)d->severity,
                                             "message", d->message));
    }
    return arr;
}

static void check_case(const char *dir, const char *name, int update) {
    char path[1024], expected_path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(expected_path, sizeof expected_path, "%s/%.*s.json", dir, (int)(strlen(name) - 3), name);
    size_t len;
    char *data = slurp(path, &len);
    CHECK(data != NULL);
    if (!data) return;
    text_t t;
    text_init(&t, data, len);
    free(data);
    plan_t p;
    plan_init(&p);
    plan_parse(&p, &t);
    diag_list_t l;
    diag_list_init(&l);
    rules_run(&p, &t, ts_minutes_from_civil(2026, 11, 25, 17, 3), &l);
    json_t *got = render(&t, &l);
    if (update) {
        json_dump_file(got, expected_path, JSON_INDENT(1));
        FILE *f = fopen(expected_path, "a");
        if (f) {
            fputc('\n', f);
            fclose(f);
        }
    } else {
        json_error_t err;
        json_t *want = json_load_file(expected_path, 0, &err);
        unit_checks++;
        if (!want || !json_equal(got, want)) {
            unit_failures++;
            char *s = json_dumps(got, JSON_INDENT(1));
            fprintf(stderr, "%s: diagnostics differ from %s; got:\n%s\n", name, expected_path, s ? s : "?");
            free(s);
        }
        json_decref(want);
    }
    json_decref(got);
    diag_list_free(&l);
    plan_free(&p);
    text_free(&t);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/golden";
    int update = getenv("PLANLS_UPDATE_GOLDEN") != NULL;
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d) return unit_report("rules");
    struct dirent *e;
    int cases = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0) {
            check_case(dir, e->d_name, update);
            cases++;
        }
    }
    closedir(d);
    CHECK(cases > 0);
    return unit_report("rules");
}
