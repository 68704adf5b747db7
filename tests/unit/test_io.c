/* test_io.c: the one file reader (io_read_file: regular files only, never
 * blocking on a FIFO, links followed only when asked) and containment
 * (io_path_is_under, io_resolve_inside, io_read_inside), over a small tree
 * under a fresh temporary folder, removed afterwards. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "unit.h"

static char root[] = "/tmp/planls-io-XXXXXX";
static char outside[] = "/tmp/planls-io-out-XXXXXX";

/* base/name as a path in a static buffer, one of four in turn: two calls
 * can meet in one expression. */
static const char *at(const char *base, const char *name) {
    static char bufs[4][PATH_MAX];
    static unsigned next;
    char *buf = bufs[next++ % 4];
    snprintf(buf, PATH_MAX, "%s/%s", base, name);
    return buf;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void test_is_under(void) {
    CHECK(io_path_is_under("/a", "/a"));
    CHECK(io_path_is_under("/a", "/a/b"));
    CHECK(io_path_is_under("/a/", "/a/b"));
    CHECK(!io_path_is_under("/a", "/ab"));
    CHECK(!io_path_is_under("/a/b", "/a"));
    CHECK(io_path_is_under("/", "/anything"));
    CHECK(!io_path_is_under("", "/a"));
}

static void test_read_file(void) {
    size_t len = 0;
    write_file(at(root, "plan.md"), "# Plan\n");
    char *text = io_read_file(at(root, "plan.md"), 100, IO_NOFOLLOW, &len);
    CHECK_STR(text, "# Plan\n");
    CHECK_INT(len, 7);
    free(text);
    errno = 0;
    CHECK(io_read_file(at(root, "plan.md"), 6, IO_NOFOLLOW, &len) == NULL);
    CHECK_INT(errno, EFBIG);
    /* A FIFO no one writes to: refused at once, not waited on. */
    CHECK_INT(mkfifo(at(root, "fifo.md"), 0600), 0);
    CHECK(io_read_file(at(root, "fifo.md"), 100, IO_FOLLOW, &len) == NULL);
    CHECK_INT(errno, IO_ENOTREG);
    CHECK(io_read_file(root, 100, IO_FOLLOW, &len) == NULL);
    CHECK_INT(errno, IO_ENOTREG);
    CHECK(strstr(io_error_text(IO_ENOTREG), "not a regular file") != NULL);
    /* A link: followed only when the user named the file. */
    CHECK_INT(symlink(at(root, "plan.md"), at(root, "link.md")), 0);
    CHECK(io_read_file(at(root, "link.md"), 100, IO_NOFOLLOW, &len) == NULL);
    CHECK_INT(errno, ELOOP);
    text = io_read_file(at(root, "link.md"), 100, IO_FOLLOW, &len);
    CHECK_STR(text, "# Plan\n");
    free(text);
}

static void test_inside(void) {
    size_t len;
    char real_root[PATH_MAX];
    CHECK(realpath(root, real_root) != NULL);
    CHECK_INT(mkdir(at(root, "docs"), 0700), 0);
    write_file(at(outside, "PLANS.md"), "# Outside\n");
    CHECK_INT(symlink(outside, at(root, "out")), 0);

    char *p = io_resolve_inside(root, at(root, "docs/new.md")); /* need not exist */
    char want[PATH_MAX + 16];
    snprintf(want, sizeof want, "%s/docs/new.md", real_root);
    CHECK_STR(p, want);
    free(p);
    errno = 0;
    CHECK(io_resolve_inside(root, at(root, "out/PLANS.md")) == NULL);
    CHECK_INT(errno, IO_EOUTSIDE);
    CHECK(io_resolve_inside(root, at(root, "docs/../../x")) == NULL);
    CHECK_INT(errno, IO_EOUTSIDE);
    CHECK(io_resolve_inside(root, at(root, "docs/..")) == NULL);
    CHECK_INT(errno, EINVAL);
    CHECK(io_resolve_inside(root, at(root, "gone/x.md")) == NULL);
    CHECK_INT(errno, ENOENT);

    CHECK(io_read_inside(root, at(root, "out/PLANS.md"), 100, &len) == NULL);
    CHECK_INT(errno, IO_EOUTSIDE);
    CHECK(io_read_inside(root, at(root, "link.md"), 100, &len) == NULL); /* the file itself is a link */
    CHECK_INT(errno, ELOOP);
    char *text = io_read_inside(root, at(root, "plan.md"), 100, &len);
    CHECK_STR(text, "# Plan\n");
    free(text);
}

/* --fix's writer: the whole new text or nothing, permissions kept, a link
 * kept, and nothing written over a file that changed since it was read. */
static void test_replace(void) {
    size_t len;
    write_file(at(root, "fix.md"), "# Old\n");
    CHECK_INT(chmod(at(root, "fix.md"), 0640), 0);
    CHECK_INT(io_replace_file(at(root, "fix.md"), "# Old\n", 6, "# New\n", 6), 0);
    char *text = io_read_file(at(root, "fix.md"), 100, IO_NOFOLLOW, &len);
    CHECK_STR(text, "# New\n");
    free(text);
    struct stat st;
    CHECK_INT(stat(at(root, "fix.md"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0640);
    /* Someone saved the file since planls read "# Old": it stays theirs. */
    errno = 0;
    CHECK_INT(io_replace_file(at(root, "fix.md"), "# Old\n", 6, "# Fixed\n", 8), -1);
    CHECK_INT(errno, IO_ECHANGED);
    text = io_read_file(at(root, "fix.md"), 100, IO_NOFOLLOW, &len);
    CHECK_STR(text, "# New\n");
    free(text);
    /* Through a link: the file it leads to is replaced, the link stays. */
    CHECK_INT(symlink("fix.md", at(root, "fixlink.md")), 0);
    CHECK_INT(io_replace_file(at(root, "fixlink.md"), "# New\n", 6, "# Via link\n", 11), 0);
    CHECK_INT(lstat(at(root, "fixlink.md"), &st), 0);
    CHECK(S_ISLNK(st.st_mode));
    text = io_read_file(at(root, "fix.md"), 100, IO_NOFOLLOW, &len);
    CHECK_STR(text, "# Via link\n");
    free(text);
    /* A FIFO is no file to replace. */
    CHECK_INT(io_replace_file(at(root, "fifo.md"), "", 0, "x", 1), -1);
    CHECK_INT(errno, IO_ENOTREG);
}

static void cleanup(void) {
    static const char *const in_root[] = {"plan.md", "fifo.md", "link.md", "out", "fix.md", "fixlink.md", NULL};
    for (const char *const *f = in_root; *f; f++) unlink(at(root, *f));
    rmdir(at(root, "docs"));
    unlink(at(outside, "PLANS.md"));
    if (rmdir(root) != 0 || rmdir(outside) != 0) fprintf(stderr, "cannot remove %s or %s\n", root, outside);
}

int main(void) {
    if (!mkdtemp(root) || !mkdtemp(outside)) {
        perror("mkdtemp");
        return 1;
    }
    test_is_under();
    test_read_file();
    test_inside();
    test_replace();
    cleanup();
    return unit_report("io");
}
