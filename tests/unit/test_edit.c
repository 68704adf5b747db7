/* test_edit.c: edit lists (edit.h): kept sorted by start, and rewritten to
 * CRLF line endings with the caret moving along, or to CR ones. */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "text.h"
#include "unit.h"

static void test_sorted(void) {
    edit_list_t l = {0};
    CHECK_INT(edit_add(&l, 10, 12, "b"), 0);
    CHECK_INT(edit_add(&l, 2, 2, "a"), 0);
    CHECK_INT(edit_add(&l, 20, 20, "c"), 0);
    CHECK_INT(edit_add(&l, 0, 0, NULL), -1); /* a failed allocation upstream */
    CHECK_INT(l.n, 3);
    if (l.n == 3) {
        CHECK_INT(l.items[0].start, 2);
        CHECK_STR(l.items[1].text, "b");
        CHECK_INT(l.items[2].start, 20);
    }
    edit_list_free(&l);
}

static void test_crlf(void) {
    edit_list_t l = {0};
    edit_add(&l, 0, 0, "\n- a\n  - b");
    edit_add(&l, 5, 5, "kept\r\nas is\r\n");
    /* The caret after "- a\n  - " inside the first insertion: offset 8 of it. */
    size_t cursor = 8;
    CHECK_INT(edit_list_to_crlf(&l, &cursor), 0);
    CHECK_STR(l.items[0].text, "\r\n- a\r\n  - b");
    CHECK_STR(l.items[1].text, "kept\r\nas is\r\n");
    CHECK_INT(cursor, 10); /* two line feeds before it gained their CR */
    /* A caret outside every insertion stays where it is. */
    size_t outside = 30;
    CHECK_INT(edit_list_to_crlf(&l, &outside), 0);
    CHECK_INT(outside, 30);
    CHECK_STR(l.items[0].text, "\r\n- a\r\n  - b"); /* idempotent */
    edit_list_free(&l);
}

static void test_text_to_crlf(void) {
    char *s = edit_text_crlf("## A\n- b\r\n  - c\n");
    CHECK_STR(s, "## A\r\n- b\r\n  - c\r\n"); /* a CRLF already there stays one */
    free(s);
    s = edit_text_crlf("");
    CHECK_STR(s, "");
    free(s);
}

static void test_cr(void) {
    edit_list_t l = {0};
    edit_add(&l, 0, 0, "\n\n## A\n- b\r\n");
    edit_list_to_cr(&l);
    CHECK_STR(l.items[0].text, "\r\r## A\r- b\r\n"); /* two line feeds, two CRs; a CRLF stays */
    edit_list_free(&l);
}

static void test_text_crlf(void) {
    static const struct {
        const char *text;
        int crlf, cr;
    } cases[] = {{"a\r\nb", 1, 0}, {"a\nb\r\n", 0, 0}, {"one line", 0, 0}, {"", 0, 0},
                 {"\r\n", 1, 0},   {"a\rb", 0, 1},     {"\r", 0, 1},       {"a\rb\n", 0, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        text_t t;
        CHECK_INT(text_init(&t, cases[i].text, strlen(cases[i].text)), 0);
        CHECK_INT(text_crlf(&t), cases[i].crlf);
        CHECK_INT(text_cr(&t), cases[i].cr);
        text_free(&t);
    }
}

/* edit_apply: every edit against the original text, as a client applies them. */
static void test_apply(void) {
    edit_list_t l = {0};
    const char *s = "- [ ] task\n## Progress\n";
    CHECK_INT(edit_add(&l, 23, 23, "- done\n"), 0);
    CHECK_INT(edit_add(&l, 3, 4, "x"), 0);
    CHECK_INT(edit_add(&l, 0, 0, ""), 0);
    size_t n;
    char *out = edit_apply(s, strlen(s), &l, &n);
    CHECK_STR(out, "- [x] task\n## Progress\n- done\n");
    CHECK_INT(n, strlen(s) + 7);
    free(out);
    edit_list_free(&l);
    out = edit_apply("ab", 2, &l, &n); /* no edits: a copy */
    CHECK_STR(out, "ab");
    free(out);
}

int main(void) {
    test_apply();
    test_sorted();
    test_crlf();
    test_text_to_crlf();
    test_cr();
    test_text_crlf();
    return unit_report("edit");
}
