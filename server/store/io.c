/* io.c: reading a file whole, containment in a folder, joining paths. */
/* realpath(), O_NOFOLLOW and O_CLOEXEC are POSIX 2008 / XSI. */
#define _XOPEN_SOURCE 700
#include "io.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Closes fd keeping the errno of what failed before. */
static void close_keeping_errno(int fd) {
    int err = errno;
    close(fd);
    errno = err;
}

char *io_read_file(const char *path, size_t max, io_links_t links, size_t *len) {
    /* O_NONBLOCK: opening a FIFO waits for a writer otherwise. It does
     * nothing to a regular file, the only kind read below. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (links == IO_NOFOLLOW ? O_NOFOLLOW : 0));
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        close_keeping_errno(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < 0 || (size_t)st.st_size > max) {
        close(fd);
        errno = S_ISREG(st.st_mode) ? EFBIG : IO_ENOTREG;
        return NULL;
    }
    size_t size = (size_t)st.st_size, n = 0;
    char *buf = malloc(size + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    /* A file that shrinks meanwhile ends early; one that grows is read to
     * the size it had, so the cap holds. */
    while (n < size) {
        ssize_t got = read(fd, buf + n, size - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            close_keeping_errno(fd);
            free(buf);
            return NULL;
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int io_path_is_under(const char *root, const char *path) {
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/') n--;
    if (n == 1 && root[0] == '/') return path[0] == '/';
    return n && strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

char *io_resolve_inside(const char *root, const char *path) {
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (!name[0] || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        errno = EINVAL;
        return NULL;
    }
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    char dir[PATH_MAX], real_dir[PATH_MAX], real_root[PATH_MAX];
    if (dir_len >= sizeof dir) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    if (!slash)
        strcpy(dir, ".");
    else if (dir_len == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dir_len);
        dir[dir_len] = '\0';
    }
    if (!realpath(root, real_root) || !realpath(dir, real_dir)) return NULL;
    if (!io_path_is_under(real_root, real_dir)) {
        errno = IO_EOUTSIDE;
        return NULL;
    }
    char *resolved = io_path_join(real_dir, name);
    if (!resolved) errno = ENOMEM;
    return resolved;
}

char *io_read_inside(const char *root, const char *path, size_t max, size_t *len) {
    char *resolved = io_resolve_inside(root, path);
    if (!resolved) return NULL;
    char *text = io_read_file(resolved, max, IO_NOFOLLOW, len);
    int err = errno;
    free(resolved);
    errno = err;
    return text;
}

const char *io_error_text(int err) {
    switch (err) {
    case IO_ENOTREG: return "not a regular file (a FIFO, socket, device or folder)";
    case IO_EOUTSIDE: return "outside the workspace folder or repository once symbolic links are resolved";
    case ESTALE: return "changed on disk since planls read it; nothing written"; /* file_replace */
    case ELOOP: return "a symbolic link, not followed";
    case EFBIG: return "larger than planls reads";
    default: return strerror(err);
    }
}

char *io_path_join(const char *dir, const char *name) {
    size_t d = strlen(dir), n = d + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s%s%s", dir, d && dir[d - 1] == '/' ? "" : "/", name);
    return p;
}
