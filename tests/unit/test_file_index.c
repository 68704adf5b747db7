/* test_file_index.c: the repository file index over a small tree under a
 * fresh temporary folder: what it lists and skips (.gitignore, .git,
 * node_modules), the kind of a path, the nearest file to a missing one,
 * the children for completion, watched-file events, and which files git's
 * index lists (an index file written here by hand, version 2). */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_index.h"
#include "unit.h"

static char root[] = "/tmp/planls-fi-XXXXXX";

static const char *at(const char *name) {
    static char bufs[4][PATH_MAX];
    static unsigned next;
    char *buf = bufs[next++ % 4];
    snprintf(buf, PATH_MAX, "%s/%s", root, name);
    return buf;
}

static void write_file(const char *name, const char *text, size_t len) {
    FILE *f = fopen(at(name), "wb");
    CHECK(f != NULL);
    if (!f) return;
    fwrite(text, 1, len, f);
    fclose(f);
}

static void put_be32(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A version-2 git index listing paths (sorted). */
static void write_git_index(const char *const *paths, unsigned n) {
    unsigned char buf[4096] = {0};
    memcpy(buf, "DIRC", 4);
    put_be32(buf + 4, 2);
    put_be32(buf + 8, n);
    size_t p = 12;
    for (unsigned i = 0; i < n; i++) {
        size_t len = strlen(paths[i]);
        buf[p + 60] = 0;
        buf[p + 61] = (unsigned char)len;
        memcpy(buf + p + 62, paths[i], len);
        p += (62 + len + 8) / 8 * 8;
    }
    write_file(".git/index", (const char *)buf, p + 20); /* the checksum's place */
}

typedef struct {
    char names[16][64];
    int dirs[16];
    size_t n;
} kids_t;

static void kid(void *ctx, const char *name, size_t len, int is_dir) {
    kids_t *k = ctx;
    if (k->n >= 16 || len >= 64) return;
    memcpy(k->names[k->n], name, len);
    k->names[k->n][len] = '\0';
    k->dirs[k->n++] = is_dir;
}

static void test_index(void) {
    static const char *const dirs[] = {
        "server",         "server/text", "docs",    "docs/plans",      "gen", "node_modules",
        "node_modules/x", ".git",        ".github", "server/text-old", NULL};
    for (const char *const *d = dirs; *d; d++) CHECK_INT(mkdir(at(*d), 0700), 0);
    static const char *const files[] = {"server/plan.c",
                                        "server/text/parser.c",
                                        "server/text-old/a.c",
                                        "docs/api.md",
                                        "docs/plans/p.md",
                                        "gen/out.c",
                                        "node_modules/x/i.js",
                                        ".github/ci.yml",
                                        ".gitignore",
                                        "notes.local",
                                        NULL};
    for (const char *const *f = files; *f; f++) write_file(*f, "x", 1);
    write_file(".gitignore", "gen/\n*.local\n", 13);
    static const char *const tracked[] = {".gitignore", "docs/api.md", "server/plan.c"};
    write_git_index(tracked, 3);

    file_index_t *ix = file_index_build(root);
    CHECK(ix != NULL);
    if (!ix) return;
    CHECK_INT(file_index_kind(ix, "server/plan.c"), PATH_FILE);
    CHECK_INT(file_index_kind(ix, "server/text"), PATH_DIR);
    CHECK_INT(file_index_kind(ix, ""), PATH_DIR);
    CHECK_INT(file_index_kind(ix, ".github/ci.yml"), PATH_FILE); /* hidden folders are listed */
    CHECK_INT(file_index_kind(ix, "server/nope.c"), PATH_ABSENT);
    CHECK_INT(file_index_kind(ix, "gen/out.c"), PATH_UNKNOWN);           /* ignored folder */
    CHECK_INT(file_index_kind(ix, "gen/other.c"), PATH_UNKNOWN);         /* below it */
    CHECK_INT(file_index_kind(ix, "notes.local"), PATH_UNKNOWN);         /* ignored file */
    CHECK_INT(file_index_kind(ix, "node_modules/x/i.js"), PATH_UNKNOWN); /* never walked */
    CHECK_INT(file_index_kind(ix, ".git/index"), PATH_UNKNOWN);
    /* Not on disk, but where the walk would never look: generated into an
     * ignored folder that does not exist yet, or into a build folder. */
    CHECK_INT(file_index_kind(ix, "server/x.local"), PATH_UNKNOWN);
    CHECK_INT(file_index_kind(ix, "build/release/planls"), PATH_UNKNOWN);
    CHECK(file_index_has_top(ix, "server/anything.c"));
    CHECK(!file_index_has_top(ix, "vendor/x.c"));

    CHECK_INT(file_index_tracked(ix, "server/plan.c"), 1);
    CHECK_INT(file_index_tracked(ix, "server"), 1); /* a folder holding a tracked file */
    CHECK_INT(file_index_tracked(ix, "server/text/parser.c"), 0);
    CHECK_INT(file_index_tracked(ix, "docs/plans"), 0);

    char *near = file_index_nearest(ix, "server/parser.c"); /* moved */
    CHECK_STR(near, "server/text/parser.c");
    free(near);
    near = file_index_nearest(ix, "server/plna.c"); /* two letters swapped */
    CHECK_STR(near, "server/plan.c");
    free(near);
    near = file_index_nearest(ix, "server/pla.c"); /* one letter missing */
    CHECK_STR(near, "server/plan.c");
    free(near);
    CHECK(file_index_nearest(ix, "server/zzz.c") == NULL);
    /* Two files of the name, neither closer: no guess at which one moved. */
    near = file_index_nearest(ix, "other/a.c"); /* text-old/a.c is the only a.c */
    CHECK_STR(near, "server/text-old/a.c");
    free(near);
    write_file("docs/a.c", "x", 1);
    CHECK_INT(file_index_add(ix, "docs/a.c", 0), 0);
    CHECK(file_index_nearest(ix, "other/a.c") == NULL);
    near = file_index_nearest(ix, "server/sub/a.c"); /* shares server/ with text-old/a.c only */
    CHECK_STR(near, "server/text-old/a.c");
    free(near);
    unlink(at("docs/a.c"));
    CHECK(file_index_nearest(ix, "vendor/zzz.c") == NULL);

    kids_t k = {0};
    CHECK_INT(file_index_children(ix, "server", "", 16, kid, &k), 3);
    CHECK_STR(k.names[0], "plan.c");
    CHECK_STR(k.names[1], "text");
    CHECK_INT(k.dirs[1], 1);
    CHECK_STR(k.names[2], "text-old");
    memset(&k, 0, sizeof k);
    CHECK_INT(file_index_children(ix, "", "d", 16, kid, &k), 1);
    CHECK_STR(k.names[0], "docs");

    unsigned long g = file_index_generation(ix);
    CHECK_INT(file_index_add(ix, "server/new/deep.c", 0), 0);
    CHECK_INT(file_index_kind(ix, "server/new/deep.c"), PATH_FILE);
    CHECK_INT(file_index_kind(ix, "server/new"), PATH_DIR);
    CHECK(file_index_generation(ix) != g);
    near = file_index_nearest(ix, "elsewhere/deep.c");
    CHECK_STR(near, "server/new/deep.c");
    free(near);
    file_index_remove(ix, "server/text");
    CHECK_INT(file_index_kind(ix, "server/text/parser.c"), PATH_ABSENT);
    CHECK_INT(file_index_kind(ix, "server/text"), PATH_ABSENT);
    CHECK_INT(file_index_kind(ix, "server/text-old/a.c"), PATH_FILE); /* a sibling sorting between stays */
    CHECK(file_index_count(ix) > 5);
    CHECK(file_index_memory(ix) > 0);
    file_index_free(ix);
    for (const char *const *f = files; *f; f++) unlink(at(*f));
    unlink(at(".git/index"));
    for (int i = (int)(sizeof dirs / sizeof *dirs) - 2; i >= 0; i--) rmdir(at(dirs[i]));
}

int main(void) {
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_index();
    if (rmdir(root) != 0) fprintf(stderr, "cannot remove %s\n", root);
    return unit_report("file_index");
}
