/* test_path_refs.c: the pieces of path extraction the golden cases do not
 * show one by one: joining and normalising paths (never out of the root),
 * resolving against the root and the plan's folder, and random texts made
 * of path-like pieces, whose refs must always lie inside the text with
 * their suffix after them and a path that classifies again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path_refs.h"
#include "rnd.h"
#include "unit.h"

static void test_normalize(void) {
    char *s = path_refs_normalize("docs/plans", "../../server/plan.c");
    CHECK_STR(s, "server/plan.c");
    free(s);
    s = path_refs_normalize(NULL, "./a/./b/../c/");
    CHECK_STR(s, "a/c");
    free(s);
    s = path_refs_normalize("docs", "..");
    CHECK_STR(s, "");
    free(s);
    CHECK(path_refs_normalize("docs", "../../x") == NULL); /* out of the root */
    CHECK(path_refs_normalize(NULL, "../x") == NULL);
}

/* A repository of three files for path_refs_resolve. */
static path_kind_t kind(const void *ctx, const char *rel) {
    (void)ctx;
    if (!strcmp(rel, "server/plan.c") || !strcmp(rel, "docs/plans/notes.md") || !strcmp(rel, "docs/spec.md"))
        return PATH_FILE;
    if (!strcmp(rel, "server") || !strcmp(rel, "docs") || !strcmp(rel, "docs/plans") || !rel[0]) return PATH_DIR;
    if (!strncmp(rel, "gen/", 4)) return PATH_UNKNOWN;
    return PATH_ABSENT;
}

static void test_resolve(void) {
    path_lookup_t lk = {NULL, kind, NULL, NULL, 1};
    char *r;
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "server/plan.c", &r), PATH_FILE);
    CHECK_STR(r, "server/plan.c");
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "notes.md", &r), PATH_FILE); /* beside the plan */
    CHECK_STR(r, "docs/plans/notes.md");
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "../spec.md", &r), PATH_FILE);
    CHECK_STR(r, "docs/spec.md");
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "", "./server/plan.c", &r), PATH_FILE); /* a plan at the root */
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "../../../x.c", &r), PATH_ABSENT);
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "gen/out.c", &r), PATH_UNKNOWN);
    free(r);
    CHECK_INT(path_refs_resolve(&lk, "docs/plans", "server/nope.c", &r), PATH_ABSENT);
    free(r);
}

static const char *const pieces[] = {"`",  "``",  "](",   ")",  "[x]",   "src/", "a.c",      ":12", "#L3-L4",    "#x",
                                     " ",  "\n",  "\r\n", "- ", "```\n", "    ", "é",        "\\",  "<",         ">",
                                     "%2", "%20", "..",   "/",  "add ",  "#",    "https://", "*",   "   - [x] ", ":"};

static void test_random_texts(void) {
    rnd_t r = {42};
    char buf[4096];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, count = 1 + rnd_below(&r, 60);
        for (size_t k = 0; k < count; k++) {
            const char *p = pieces[rnd_below(&r, sizeof pieces / sizeof *pieces)];
            size_t len = strlen(p);
            if (n + len >= sizeof buf) break;
            memcpy(buf + n, p, len);
            n += len;
        }
        text_t t;
        if (text_init(&t, buf, n) < 0) continue;
        path_ref_list_t l = {0};
        CHECK_INT(path_refs_extract(&t, 0, t.len, NULL, round % 2, &l), 0);
        for (size_t i = 0; i < l.n; i++) {
            const path_ref_t *ref = &l.items[i];
            size_t plen, as, al;
            long line, line_end;
            if (!(ref->start < ref->end && ref->end <= ref->full_end && ref->full_end <= t.len && ref->path[0]) ||
                !path_refs_classify(ref->path, strlen(ref->path), 1, &plen, &line, &line_end, &as, &al)) {
                CHECK(0);
                fprintf(stderr, "bad ref '%s' in:\n%.*s\n", ref->path, (int)n, buf);
                break;
            }
        }
        path_ref_list_free(&l);
        text_free(&t);
    }
}

int main(void) {
    test_normalize();
    test_resolve();
    test_random_texts();
    return unit_report("path_refs");
}
