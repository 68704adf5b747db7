/* test_uri.c: file URIs <-> paths (uri_to_path, uri_from_path):
 * percent-encoding both ways, other schemes refused, malformed escapes
 * refused, an authority skipped, and round trips. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "uri.h"

/* The path a URI decodes to, NULL expected when want is NULL. */
static void to_path(const char *uri, const char *want) {
    char *got = uri_to_path(uri);
    if (want) {
        CHECK_STR(got, want);
    } else {
        if (got) fprintf(stderr, "%s decoded to \"%s\", expected a refusal\n", uri ? uri : "(null)", got);
        CHECK(got == NULL);
    }
    free(got);
}

static void to_uri(const char *path, const char *want) {
    char *got = uri_from_path(path);
    CHECK_STR(got, want);
    free(got);
}

static void test_decode(void) {
    to_path("file:///home/ada/plans/add-login.md", "/home/ada/plans/add-login.md");
    to_path("file:///home/ada/my%20plans/a.md", "/home/ada/my plans/a.md");
    to_path("file:///tmp/%E6%A4%9C%E7%B4%A2.md", "/tmp/検索.md"); /* UTF-8 bytes, escaped */
    to_path("file:///tmp/%e6%a4%9c.md", "/tmp/検.md");            /* lower-case hex too */
    to_path("file:///tmp/a%23b%3Fc%25.md", "/tmp/a#b?c%.md");
    to_path("file:///tmp/検索.md", "/tmp/検索.md"); /* clients that do not escape */
    to_path("file:///", "/");
    /* An authority is skipped: the path starts at the next '/'. */
    to_path("file://localhost/etc/plans/a.md", "/etc/plans/a.md");
    /* A query or fragment is not part of the path. */
    to_path("file:///tmp/a.md?line=3", "/tmp/a.md");
    to_path("file:///tmp/a.md#L3", "/tmp/a.md");
}

static void test_refused(void) {
    to_path(NULL, NULL);
    to_path("", NULL);
    to_path("untitled:Untitled-1", NULL);
    to_path("https://example.com/plans/a.md", NULL);
    to_path("vscode-notebook-cell:/a.md", NULL);
    to_path("/home/ada/a.md", NULL); /* a path is not a URI */
    to_path("file://host-without-path", NULL);
    /* Malformed or dangerous escapes. */
    to_path("file:///tmp/a%2", NULL);
    to_path("file:///tmp/a%", NULL);
    to_path("file:///tmp/a%zz.md", NULL);
    to_path("file:///tmp/a%00.md", NULL); /* a NUL would cut the path short */
}

static void test_encode(void) {
    to_uri("/home/ada/plans/add-login.md", "file:///home/ada/plans/add-login.md");
    to_uri("/home/ada/my plans/a.md", "file:///home/ada/my%20plans/a.md");
    to_uri("/tmp/検索.md", "file:///tmp/%E6%A4%9C%E7%B4%A2.md");
    to_uri("/tmp/a#b?c%.md", "file:///tmp/a%23b%3Fc%25.md");
    /* Characters RFC 3986 allows in a path stay as they are. */
    to_uri("/tmp/a-b_c.d~e/!$&'()*+,;=:@", "file:///tmp/a-b_c.d~e/!$&'()*+,;=:@");
    to_uri("/tmp/[x] {y}", "file:///tmp/%5Bx%5D%20%7By%7D");
    to_uri("/", "file:///");
}

static void test_round_trip(void) {
    static const char *const paths[] = {"/home/ada/plans/add-login.md",
                                        "/tmp/with space/and%percent.md",
                                        "/tmp/検索を速くする 🚀.md",
                                        "/tmp/a#b?c.md",
                                        "/tmp/tab\there.md",
                                        "/tmp/quote\"s and 'apostrophes'.md",
                                        "/tmp/back\\slash.md",
                                        "/c:/Users/ada/plan.md"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *uri = uri_from_path(paths[i]);
        CHECK(uri != NULL && strncmp(uri, "file:///", 8) == 0);
        /* Only unreserved and sub-delimiter characters are left unescaped. */
        for (const char *c = uri ? uri + 7 : ""; *c; c++)
            CHECK(strchr("-._~/!$&'()*+,;=:@%", *c) || (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
                  (*c >= 'A' && *c <= 'Z'));
        char *back = uri ? uri_to_path(uri) : NULL;
        CHECK_STR(back, paths[i]);
        free(uri);
        free(back);
    }
}

int main(void) {
    test_decode();
    test_refused();
    test_encode();
    test_round_trip();
    return unit_report("uri");
}
