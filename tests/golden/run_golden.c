/* run_golden.c: the golden cases of one feature, over the analysis library
 * alone (no server, no protocol).
 *
 *   run_golden FEATURE DIR
 *
 * FEATURE is rules, complete, actions, outline, folding, hover or paths. Every
 * DIR/NAME.md is a plan; DIR/NAME.json holds what the feature must give for
 * it. For the position features (complete, actions, hover) each '‸' (U+2038)
 * in the plan marks one cursor: the runner removes every mark, queries the
 * feature at each position in turn, and NAME.json is an array with one result
 * per mark, in order. The other features take the plan as it is.
 *
 * NAME.json is either the expected value itself, or an object
 * {"expect": value, ...options}: "snippets": true (complete), "path": "dir/
 * file.md" (actions: the file's name), "dialect": "guide" | "cookbook" (as
 * the setting), "rules": {"extra-section": "hint", ...} (as the setting), "files": ["server/plan.c", ...] (the
 * repository's files, for the path rules; folders are what they imply) with "planDir": "docs/plans" (the plan's
 * folder). For actions each result is {"titles": [every
 * action's title, in order], "results": {title: the document's lines after applying that action's edits}}: every title
 * is checked, and the full text of each action the case lists under "results".
 *
 * A case fails when its .json is missing, does not parse, or differs; the
 * message names the file, the cursor, the place in the JSON and the expected
 * and actual values (line by line for texts). A .json without its .md and a
 * folder without cases fail too.
 *
 * A case whose options carry "bug": "what is wrong" states the right result
 * for a bug the code still has: it is reported as a known bug while the code
 * differs, and fails once the code gives the expected result (so the note is
 * removed with the fix).
 *
 * PLANLS_UPDATE_GOLDEN=1 writes what the code gives into the .json files (for
 * actions, the texts the case lists, or every action's for a new cursor). That is a draft: read each file and
 * check it says what a user should see before committing it; the expected
 * files are the specification, not a record of the code. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden_api.h"

static const char MARK[] = "\xE2\x80\xB8"; /* U+2038 CARET */
#define MARK_LEN 3
#define MAX_MARKS 64

static int failures, cases, queries, known_bugs;

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = buf ? (size_t)n : 0;
    return buf;
}

/* Removes every mark from buf in place; offsets receive where each was. */
static size_t take_marks(char *buf, size_t *len, size_t *offsets) {
    size_t n = 0, o = 0;
    for (size_t i = 0; i < *len;) {
        if (i + MARK_LEN <= *len && memcmp(buf + i, MARK, MARK_LEN) == 0) {
            if (n < MAX_MARKS) offsets[n] = o;
            n++;
            i += MARK_LEN;
        } else {
            buf[o++] = buf[i++];
        }
    }
    buf[o] = '\0';
    *len = o;
    return n;
}

/* ---- reporting differences ------------------------------------------------ */

static void print_value(const char *label, const json_t *v) {
    char *s = v ? json_dumps(v, JSON_INDENT(1) | JSON_ENCODE_ANY) : NULL;
    fprintf(stderr, "    %s: %s\n", label, s ? s : "(nothing)");
    free(s);
}

static int all_strings(const json_t *a) {
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) if (!json_is_string(v)) return 0;
    return 1;
}

/* Two lists of strings (a text's lines, titles): the items that differ,
 * as JSON strings so that a "\r" or a trailing space shows. */
static void diff_lines(const char *where, const json_t *want, const json_t *got) {
    size_t nw = json_array_size(want), ng = json_array_size(got), shown = 0;
    fprintf(stderr, "  %s: %zu strings expected, %zu given; these differ (a text's lines count from 0):\n", where, nw,
            ng);
    for (size_t i = 0; i < (nw > ng ? nw : ng) && shown < 12; i++) {
        json_t *w = json_array_get(want, i), *g = json_array_get(got, i);
        if (w && g && json_equal(w, g)) continue;
        char *ws = w ? json_dumps(w, JSON_ENCODE_ANY) : NULL, *gs = g ? json_dumps(g, JSON_ENCODE_ANY) : NULL;
        fprintf(stderr, "    [%zu]\n      expected: %s\n      got:      %s\n", i, ws ? ws : "(none)",
                gs ? gs : "(none)");
        free(ws);
        free(gs);
        shown++;
    }
}

/* Reports where got differs from want; path names the place ("[0].titles"). */
static void diff(const char *path, const json_t *want, const json_t *got) {
    char sub[512];
    if (json_is_object(want) && json_is_object(got)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)want, k, v) {
            snprintf(sub, sizeof sub, "%s.%s", path, k);
            if (!json_object_get(got, k)) {
                fprintf(stderr, "  %s: missing\n", sub);
                print_value("expected", v);
            } else {
                diff(sub, v, json_object_get(got, k));
            }
        }
        json_object_foreach((json_t *)got, k, v) {
            if (json_object_get(want, k)) continue;
            snprintf(sub, sizeof sub, "%s.%s", path, k);
            fprintf(stderr, "  %s: not expected\n", sub);
            print_value("got", v);
        }
        return;
    }
    if (json_is_array(want) && json_is_array(got)) {
        if (json_equal(want, got)) return;
        if (all_strings(want) && all_strings(got) && (json_array_size(want) > 1 || json_array_size(got) > 1)) {
            diff_lines(path, want, got);
            return;
        }
        if (json_array_size(want) != json_array_size(got)) {
            fprintf(stderr, "  %s: expected %zu elements, got %zu\n", path, json_array_size(want),
                    json_array_size(got));
            print_value("expected", want);
            print_value("got", got);
            return;
        }
        for (size_t i = 0; i < json_array_size(want); i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            diff(sub, json_array_get(want, i), json_array_get(got, i));
        }
        return;
    }
    if (!json_equal((json_t *)want, (json_t *)got)) {
        fprintf(stderr, "  %s differs\n", path[0] ? path : "(the result)");
        print_value("expected", want);
        print_value("got", got);
    }
}

/* ---- one case -------------------------------------------------------------- */

static int positional(const char *feature) {
    return strcmp(feature, "complete") == 0 || strcmp(feature, "actions") == 0 || strcmp(feature, "hover") == 0;
}

static json_t *query(const char *feature, golden_doc_t *d, size_t off, const json_t *options) {
    if (strcmp(feature, "complete") == 0)
        return golden_complete(d, off, json_is_true(json_object_get(options, "snippets")));
    if (strcmp(feature, "actions") == 0)
        return golden_actions(d, off, json_string_value(json_object_get(options, "path")));
    if (strcmp(feature, "hover") == 0) return golden_hover(d, off);
    if (strcmp(feature, "rules") == 0) return golden_rules(d);
    if (strcmp(feature, "outline") == 0) return golden_outline(d);
    if (strcmp(feature, "folding") == 0) return golden_folding(d);
    if (strcmp(feature, "paths") == 0) return golden_paths(d);
    return NULL;
}

/* Actions: keep the texts of the actions the expected result lists (a name
 * it lists and the code lacks shows as missing in the diff). */
static void project_actions(json_t *got, const json_t *want) {
    json_t *results = json_object_get(got, "results"), *kept = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(want, "results"), k, v) {
        json_t *g = json_object_get(results, k);
        if (g) json_object_set(kept, k, g);
    }
    json_object_set_new(got, "results", kept);
}

static void fail(const char *md, const char *fmt, const char *arg) {
    failures++;
    fprintf(stderr, "FAIL %s: ", md);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
}

/* Writes v indented like JSON_INDENT(1), except that arrays of numbers stay
 * on one line ([4, 3, 4, 11]), which keeps ranges readable. */
static void write_value(FILE *f, const json_t *v, int depth) {
    size_t i;
    json_t *x;
    if (json_is_array(v)) {
        int flat = 1;
        json_array_foreach(v, i, x) flat &= json_is_number(x);
        if (flat || json_array_size(v) == 0) {
            fputc('[', f);
            json_array_foreach(v, i, x) fprintf(f, "%s%lld", i ? ", " : "", (long long)json_integer_value(x));
            fputc(']', f);
            return;
        }
        fputs("[\n", f);
        json_array_foreach(v, i, x) {
            fprintf(f, "%*s", depth + 1, "");
            write_value(f, x, depth + 1);
            fputs(i + 1 < json_array_size(v) ? ",\n" : "\n", f);
        }
        fprintf(f, "%*s]", depth, "");
        return;
    }
    if (json_is_object(v) && json_object_size(v)) {
        const char *k;
        size_t left = json_object_size(v);
        fputs("{\n", f);
        json_object_foreach((json_t *)v, k, x) {
            json_t *key = json_string(k);
            char *ks = json_dumps(key, JSON_ENCODE_ANY);
            fprintf(f, "%*s%s: ", depth + 1, "", ks ? ks : "\"?\"");
            free(ks);
            json_decref(key);
            write_value(f, x, depth + 1);
            fputs(--left ? ",\n" : "\n", f);
        }
        fprintf(f, "%*s}", depth, "");
        return;
    }
    char *s = json_dumps(v, JSON_ENCODE_ANY);
    fputs(s ? s : "null", f);
    free(s);
}

static void write_expected(const char *path, json_t *file) {
    FILE *f = fopen(path, "w");
    if (!f) {
        fail(path, "%s", "cannot write");
        return;
    }
    write_value(f, file, 0);
    fputc('\n', f);
    fclose(f);
    fprintf(stderr, "wrote %s: review it before committing\n", path);
}

static void run_case(const char *feature, const char *dir, const char *name, int update) {
    char md[1024], js[1024];
    size_t base = strlen(name) - 3;
    snprintf(md, sizeof md, "%s/%s", dir, name);
    snprintf(js, sizeof js, "%s/%.*s.json", dir, (int)base, name);
    cases++;
    size_t len;
    char *data = slurp(md, &len);
    if (!data) {
        fail(md, "%s", "cannot read the plan");
        return;
    }
    size_t offs[MAX_MARKS];
    size_t nmarks = take_marks(data, &len, offs);
    if (nmarks > MAX_MARKS) {
        fail(md, "more than %s cursor marks", "64");
        free(data);
        return;
    }
    if (positional(feature) && nmarks == 0) {
        fail(md, "%s needs at least one cursor mark (U+2038)", feature);
        free(data);
        return;
    }
    if (!positional(feature) && nmarks > 0) {
        fail(md, "%s takes no cursor; remove the U+2038 marks", feature);
        free(data);
        return;
    }

    json_error_t err;
    json_t *file = json_load_file(js, 0, &err), *expect = file, *options = NULL;
    if (!file && !update) {
        fprintf(stderr, "FAIL %s: expected file %s: %s (line %d)\n", md, js, err.text, err.line);
        failures++;
        free(data);
        return;
    }
    if (json_is_object(file) && json_object_get(file, "expect")) {
        options = file;
        expect = json_object_get(file, "expect");
    }

    golden_doc_t *d = golden_open(data, len, options);
    free(data);
    if (!d) {
        fail(md, "%s", "the plan could not be parsed (out of memory?)");
        json_decref(file);
        return;
    }
    json_t *got;
    if (positional(feature)) {
        got = json_array();
        for (size_t i = 0; i < nmarks; i++) {
            json_t *r = query(feature, d, offs[i], options);
            if (!r) r = json_string("(the feature failed)");
            /* Updating keeps the texts a case already lists (all of them for a new cursor). */
            const json_t *listed = json_array_get(expect, i);
            if (strcmp(feature, "actions") == 0 && (!update || json_object_get(listed, "results")))
                project_actions(r, listed);
            json_array_append_new(got, r);
            queries++;
        }
    } else {
        got = query(feature, d, 0, options);
        if (!got) got = json_string("(the feature failed)");
        queries++;
    }
    golden_close(d);

    if (update && json_object_get(options, "bug")) {
        fprintf(stderr, "kept %s: it states the right result for a known bug\n", js);
    } else if (update) {
        if (options) {
            json_object_set(options, "expect", got);
            write_expected(js, options);
        } else {
            write_expected(js, got);
        }
    } else if (json_string_value(json_object_get(options, "bug"))) {
        /* The expected file states the right behaviour and the code is known
         * not to give it yet: report it, and fail once it does. */
        if (json_equal(expect, got)) {
            fail(md, "%s", "now gives the expected result: the bug is fixed, remove the case's \"bug\" note");
        } else {
            known_bugs++;
            fprintf(stderr, "KNOWN BUG %s: %s\n", md, json_string_value(json_object_get(options, "bug")));
            diff("", expect, got);
        }
    } else if (!json_equal(expect, got)) {
        failures++;
        fprintf(stderr, "FAIL %s: differs from %s\n", md, js);
        if (positional(feature) && json_is_array(expect) && json_array_size(expect) != json_array_size(got)) {
            fprintf(stderr, "  the plan has %zu cursor marks, the expected file %zu results\n", json_array_size(got),
                    json_array_size(expect));
        } else if (positional(feature) && json_is_array(expect)) {
            for (size_t i = 0; i < json_array_size(got); i++) {
                if (json_equal(json_array_get(expect, i), json_array_get(got, i))) continue;
                char where[64];
                snprintf(where, sizeof where, "cursor %zu", i + 1);
                fprintf(stderr, " at %s (mark %zu of %zu):\n", where, i + 1, json_array_size(got));
                diff("", json_array_get(expect, i), json_array_get(got, i));
            }
        } else {
            diff("", expect, got);
        }
    }
    json_decref(got);
    json_decref(file);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: run_golden rules|complete|actions|outline|folding|hover|paths DIR\n");
        return 2;
    }
    const char *feature = argv[1], *dir = argv[2];
    static const char *const features[] = {"rules",   "complete", "actions", "outline",
                                           "folding", "hover",    "paths",   NULL};
    int known = 0;
    for (const char *const *f = features; *f; f++) known |= strcmp(*f, feature) == 0;
    if (!known) {
        fprintf(stderr, "run_golden: unknown feature '%s'\n", feature);
        return 2;
    }
    int update = getenv("PLANLS_UPDATE_GOLDEN") != NULL;
    DIR *dd = opendir(dir);
    if (!dd) {
        fprintf(stderr, "FAIL %s: cannot open the folder\n", dir);
        return 1;
    }
    char *names[1024];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) != NULL && n < 1024) {
        size_t k = strlen(e->d_name);
        if (k > 3 && strcmp(e->d_name + k - 3, ".md") == 0) names[n++] = strdup(e->d_name);
        if (k > 5 && strcmp(e->d_name + k - 5, ".json") == 0) {
            /* An expected file whose plan is gone is a case that silently stopped running. */
            char md[1024];
            snprintf(md, sizeof md, "%s/%.*s.md", dir, (int)(k - 5), e->d_name);
            FILE *f = fopen(md, "rb");
            if (f)
                fclose(f);
            else
                fail(md, "%s", "missing: its .json exists but the plan does not");
        }
    }
    closedir(dd);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        run_case(feature, dir, names[i], update);
        free(names[i]);
    }
    if (cases == 0) {
        fprintf(stderr, "FAIL %s: no cases\n", dir);
        failures++;
    }
    printf("golden %s: %d cases, %d queries, %d failed, %d known bugs\n", feature, cases, queries, failures,
           known_bugs);
    return failures ? 1 : 0;
}
