/* test_line_diff.c: the unified diffs of `check --fix --diff`, held to what
 * `diff -u` prints for the same texts (hunks, context, empty sides, a last
 * line without its newline), and a large text that differs everywhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_diff.h"
#include "unit.h"

static char *diff(const char *a, const char *b) {
    strbuf_t out = {0};
    CHECK_INT(line_diff("p.md", a, strlen(a), b, strlen(b), &out), 0);
    return sb_take(&out);
}

static void check_diff(const char *a, const char *b, const char *want) {
    char *got = diff(a, b);
    CHECK_STR(got, want);
    free(got);
}

static void test_cases(void) {
    check_diff("a\nb\n", "a\nb\n", "");
    check_diff("a\nb\nc\n", "a\nB\nc\n", "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    /* An insertion into an empty text, and a text emptied. */
    check_diff("", "x\n", "--- a/p.md\n+++ b/p.md\n@@ -0,0 +1 @@\n+x\n");
    check_diff("x\n", "", "--- a/p.md\n+++ b/p.md\n@@ -1 +0,0 @@\n-x\n");
    /* The last line without its newline. */
    check_diff("a\nb", "a\nb\n", "--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    /* Two changes far apart: two hunks, 3 lines of context each. */
    check_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n",
               "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -10,3 +11,4 @@\n 10\n 11\n 12\n+13\n");
    /* Changes 6 lines apart share one hunk. */
    check_diff("a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n",
               "--- a/p.md\n+++ b/p.md\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n");
    /* CRLF lines keep their terminators. */
    check_diff("a\r\nb\r\n", "a\r\nx\r\nb\r\n", "--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,3 @@\n a\r\n+x\r\n b\r\n");
}

/* 20,000 lines, every other one changed: past the search bound, the middle
 * is replaced whole, and the diff is still right (applied, it gives b). */
static void test_large(void) {
    strbuf_t a = {0}, b = {0};
    for (int i = 0; i < 20000; i++) {
        sb_printf(&a, "line %d\n", i);
        sb_printf(&b, i % 2 ? "changed %d\n" : "line %d\n", i);
    }
    char *sa = sb_take(&a), *sb = sb_take(&b);
    char *d = diff(sa, sb);
    CHECK(d != NULL && strncmp(d, "--- a/p.md\n+++ b/p.md\n@@ -1,", 28) == 0);
    /* The '+' lines, in order, are b's lines after the common head. */
    strbuf_t plus = {0};
    for (char *l = d; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        char *nl = strchr(l, '\n');
        if (*l == '+' && strncmp(l, "+++", 3) != 0) sb_addn(&plus, l + 1, (size_t)(nl - l));
    }
    char *p = sb_take(&plus);
    CHECK_STR(p, sb + strlen("line 0\n")); /* the first line is the common head */
    free(p);
    free(d);
    free(sa);
    free(sb);
}

int main(void) {
    test_cases();
    test_large();
    return unit_report("line_diff");
}
