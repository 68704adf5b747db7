/* test_file_replace.c: file_replace writes the new text with the file's
 * permission bits, leaves no temporary behind, and refuses a file that
 * changed since it was read, a symbolic link and a folder. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_replace.h"
#include "io.h"
#include "unit.h"

static char root[] = "/tmp/planls-replace-XXXXXX";

static const char *at(const char *name) {
    static char buf[2][PATH_MAX];
    static unsigned next;
    char *b = buf[next++ % 2];
    snprintf(b, PATH_MAX, "%s/%s", root, name);
    return b;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* The file's text (static buffer), "" when unreadable. */
static const char *text_of(const char *path) {
    static char buf[256];
    size_t len;
    char *data = io_read_file(path, sizeof buf - 1, IO_FOLLOW, &len);
    snprintf(buf, sizeof buf, "%s", data ? data : "");
    free(data);
    return buf;
}

static int entries(void) {
    DIR *d = opendir(root);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
    if (d) closedir(d);
    return n;
}

int main(void) {
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    const char *plan = at("plan.md");
    write_file(plan, "old\n");
    chmod(plan, 0640);
    CHECK_INT(file_replace(plan, "old\n", 4, "new\n", 4), 0);
    CHECK_STR(text_of(plan), "new\n");
    struct stat st;
    CHECK(stat(plan, &st) == 0 && (st.st_mode & 07777) == 0640);
    CHECK_INT(entries(), 1); /* no temporary left */

    /* Someone saved meanwhile: nothing is written. */
    CHECK_INT(file_replace(plan, "old\n", 4, "mine\n", 5), -1);
    CHECK_INT(errno, FILE_ECHANGED);
    CHECK_STR(text_of(plan), "new\n");
    CHECK_INT(file_replace(plan, "new", 3, "mine\n", 5), -1); /* longer now than what was read */
    CHECK_INT(errno, FILE_ECHANGED);
    CHECK_INT(entries(), 1);

    /* A link is not written through, nor replaced. */
    const char *link = at("link.md");
    CHECK(symlink(plan, link) == 0);
    CHECK_INT(file_replace(link, "new\n", 4, "mine\n", 5), -1);
    CHECK_INT(errno, ELOOP);
    CHECK_STR(text_of(plan), "new\n");
    CHECK(unlink(link) == 0);

    CHECK_INT(file_replace(root, "", 0, "x", 1), -1);
    CHECK_INT(errno, IO_ENOTREG);
    CHECK_INT(file_replace(at("none.md"), "", 0, "x", 1), -1);
    CHECK_INT(errno, ENOENT);

    unlink(plan);
    rmdir(root);
    return unit_report("file_replace");
}
