/* file_replace.c: write to a temporary, then rename (see file_replace.h). */
/* mkstemp() and fchmod() are XSI. */
#define _XOPEN_SOURCE 700
#include "file_replace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "strbuf.h"

/* Does path still hold old[0..oldlen)? -1 with errno when it cannot be read. */
static int still_holds(const char *path, const char *old, size_t oldlen) {
    size_t len;
    char *now = io_read_file(path, oldlen + 1, IO_NOFOLLOW, &len);
    if (!now) return errno == EFBIG ? 0 : -1;
    int same = len == oldlen && memcmp(now, old, len) == 0;
    free(now);
    return same;
}

static int write_all(int fd, const char *data, size_t len) {
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

int file_replace(const char *path, const char *old, size_t oldlen, const char *data, size_t len) {
    struct stat st;
    if (lstat(path, &st) < 0) return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISLNK(st.st_mode) ? ELOOP : IO_ENOTREG;
        return -1;
    }
    int same = still_holds(path, old, oldlen);
    if (same <= 0) {
        if (same == 0) errno = FILE_ECHANGED;
        return -1;
    }
    /* The temporary sits beside the file: rename() within one file system
     * replaces it in one step. */
    const char *slash = strrchr(path, '/');
    strbuf_t b = {0};
    if (slash)
        sb_printf(&b, "%.*s.%s.planls-XXXXXX", (int)(slash - path + 1), path, slash + 1);
    else
        sb_printf(&b, ".%s.planls-XXXXXX", path);
    char *tmp = sb_take(&b);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        errno = err;
        return -1;
    }
    /* No fsync: rename() makes the new text visible at once and whole; what
     * survives a power cut is the file system's (ext4, xfs and btrfs write
     * a file renamed over another before the rename). fsync cost 5-20 ms a
     * call here, more than the whole edit. */
    int rc = fchmod(fd, st.st_mode & 07777) < 0 || write_all(fd, data, len) < 0 ? -1 : 0;
    int err = errno;
    if (close(fd) < 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc == 0) {
        /* Once more, as late as possible: an editor may have saved meanwhile. */
        same = still_holds(path, old, oldlen);
        if (same <= 0) {
            rc = -1;
            err = same == 0 ? FILE_ECHANGED : errno;
        } else if (rename(tmp, path) < 0) {
            rc = -1;
            err = errno;
        }
    }
    if (rc < 0) unlink(tmp);
    free(tmp);
    errno = err;
    return rc;
}
