/* test_store.c: server/store/ below the server: the URI codec, path joining,
 * and doc_apply_change (whose result must equal a fresh parse of the same
 * text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "err.h"
#include "io.h"
#include "plan.h"
#include "unit.h"
#include "uri.h"

static void test_uri(void) {
    char *p = uri_to_path("file:///home/a%20b/plan.md");
    CHECK_STR(p, "/home/a b/plan.md");
    free(p);
    p = uri_to_path("file://localhost/etc/x.md?query#frag");
    CHECK_STR(p, "/etc/x.md");
    free(p);
    CHECK(uri_to_path("file:///a%00b") == NULL); /* a path cannot hold NUL */
    CHECK(uri_to_path("file:///a%zz") == NULL);
    CHECK(uri_to_path("https://example.com/x.md") == NULL);
    CHECK(uri_to_path("file://host-only") == NULL);
    CHECK(uri_to_path(NULL) == NULL);

    char *u = uri_from_path("/home/a b/ü#1.md");
    CHECK_STR(u, "file:///home/a%20b/%C3%BC%231.md");
    p = uri_to_path(u);
    CHECK_STR(p, "/home/a b/ü#1.md");
    free(p);
    free(u);
}

static void test_join(void) {
    char *j = io_path_join("/repo", ".planls.json");
    CHECK_STR(j, "/repo/.planls.json");
    free(j);
    j = io_path_join("/", "PLANS.md");
    CHECK_STR(j, "/PLANS.md");
    free(j);
    j = io_path_join("dir/", "x");
    CHECK_STR(j, "dir/x");
    free(j);
}

static const char sample[] = "# Plan\n\n## Purpose\n\nWhy.\n\n## Progress\n\n- [x] [2026-11-25 17:03Z] began\n\n"
                             "## Decision Log\n\n- Decision: yes\n";

/* The document's plan against a fresh parse of its text. */
static int same_as_fresh(doc_t *d) {
    plan_t fresh;
    plan_init(&fresh);
    fresh.config = d->plan.config;
    int ok = plan_update(&d->plan, &d->text) == 0 && plan_parse(&fresh, &d->text) == 0 && plan_same(&d->plan, &fresh);
    plan_free(&fresh);
    return ok;
}

static void test_apply_change(void) {
    store_t st;
    store_init(&st);
    text_t t;
    CHECK_INT(text_init(&t, sample, strlen(sample)), 0);
    doc_t *d = store_open(&st, "file:///r/execplans/p.md", 1, &t, NULL, NULL);
    CHECK(d != NULL);
    if (!d) return;
    CHECK(doc_is_plan(d));
    /* A heading typed in the middle, a section deleted, text appended. */
    const char *at = strstr(d->text.data, "## Progress");
    size_t off = (size_t)(at - d->text.data);
    CHECK_INT(doc_apply_change(d, off, off, "## Surprises & Discoveries\n\nOdd.\n\n", 34), 0);
    CHECK(same_as_fresh(d));
    at = strstr(d->text.data, "## Decision Log");
    off = (size_t)(at - d->text.data);
    CHECK_INT(doc_apply_change(d, off, d->text.len, "", 0), 0);
    CHECK(same_as_fresh(d));
    CHECK_INT(doc_apply_change(d, d->text.len, d->text.len, "\n## Outcomes\n", 13), 0);
    CHECK(same_as_fresh(d));
    CHECK(strstr(d->text.data, "Odd.") != NULL && strstr(d->text.data, "Decision") == NULL);
    /* A change without a range replaces everything and parses afresh. */
    unsigned long full = (unsigned long)d->plan.stats.full_parses;
    CHECK_INT(doc_apply_change(d, 0, DOC_WHOLE, "# Other\n", 8), 0);
    CHECK_STR(d->text.data, "# Other\n");
    CHECK_INT(d->plan.stats.full_parses, full + 1);
    CHECK(same_as_fresh(d));
    store_free(&st);
}

int main(void) {
    test_uri();
    test_join();
    test_apply_change();
    return unit_report("store");
}
