/* cli_files.c: how the commands that write files (new, init) write them:
 * inside the repository only, never over a file they did not mean to
 * replace, never through a symbolic link. */
/* realpath(), O_NOFOLLOW and O_CLOEXEC are POSIX 2008 / XSI. */
#define _XOPEN_SOURCE 700
#include "cli_files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "strbuf.h"

char *cli_make_dirs_inside(const char *base, const char *dir) {
    char real_base[PATH_MAX];
    if (!realpath(base, real_base)) return NULL;
    char *cur = strdup(real_base), *rest = strdup(dir);
    if (!cur || !rest) {
        free(cur);
        free(rest);
        errno = ENOMEM;
        return NULL;
    }
    char *save = NULL;
    for (char *name = strtok_r(rest, "/", &save); name && cur; name = strtok_r(NULL, "/", &save)) {
        if (strcmp(name, ".") == 0) continue;
        char *next = strcmp(name, "..") == 0 ? NULL : io_path_join(cur, name);
        free(cur);
        cur = NULL;
        if (!next) {
            errno = strcmp(name, "..") == 0 ? IO_EOUTSIDE : ENOMEM;
            break;
        }
        char resolved[PATH_MAX];
        if ((mkdir(next, 0777) < 0 && errno != EEXIST) || !realpath(next, resolved)) {
            free(next);
            break;
        }
        free(next);
        if (!io_path_is_under(real_base, resolved)) {
            errno = IO_EOUTSIDE;
            break;
        }
        cur = strdup(resolved);
        if (!cur) errno = ENOMEM;
    }
    int err = errno;
    free(rest);
    errno = err;
    return cur;
}

/* Writes all of text to fd; 0, or -1 with errno set. */
static int write_all(int fd, const char *text) {
    size_t n = strlen(text), done = 0;
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        done += (size_t)w;
    }
    return 0;
}

/* A problem of cli_write_new: into msg, or on stderr when msg is NULL. */
static void say(strbuf_t *msg, const char *fmt, const char *path, const char *why) {
    if (msg) {
        sb_printf(msg, fmt, path, why);
        sb_add(msg, "\n");
    } else {
        fputs("planls: ", stderr);
        fprintf(stderr, fmt, path, why);
        fputc('\n', stderr);
    }
}

int cli_write_new(const char *path, const char *text, strbuf_t *msg) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) {
        say(msg, "%s exists; not overwriting it%s", path, "");
        return 1;
    }
    if (fd < 0) {
        say(msg, "cannot create %s: %s", path, strerror(errno));
        return 2;
    }
    int ok = write_all(fd, text) == 0;
    if (close(fd) == 0 && ok) return 0;
    say(msg, "cannot write %s%s", path, "");
    return 2;
}
