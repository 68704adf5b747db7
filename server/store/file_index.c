/* file_index.c: a repository's files and folders, sorted, in one arena. */
#include "file_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "vec.h"
#include "walk.h"

/* A git index larger than this is not read (tracked answers -1). */
#define GIT_INDEX_MAX ((size_t)256 << 20)

enum { FI_DIR = 1, FI_SKIPPED = 2, FI_TRACKED = 4 };

typedef struct {
    uint32_t off;  /* into the arena */
    uint16_t len;  /* bytes of the path */
    uint16_t base; /* where its last component starts */
    uint8_t flags;
} fi_entry_t;

struct file_index_s {
    char *root;
    char *arena; /* every path, NUL-terminated */
    size_t arena_len, arena_cap;
    fi_entry_t *by_path, *by_base; /* the same entries, sorted two ways */
    size_t n, cap_path, cap_base;
    int truncated;         /* FILE_INDEX_MAX_ENTRIES reached */
    walk_ignore_t *ignore; /* owned: the skip rules, for paths not on disk */
    int git_read;          /* .git/index was read */
    unsigned long generation;
};

static const char *path_of(const file_index_t *ix, const fi_entry_t *e) { return ix->arena + e->off; }

/* Byte order of a path against s[0..n). */
static int cmp_key(const file_index_t *ix, const fi_entry_t *e, const char *s, size_t n) {
    size_t m = e->len < n ? e->len : n;
    int c = memcmp(path_of(ix, e), s, m);
    if (c) return c;
    return e->len < n ? -1 : e->len > n;
}

/* qsort has no context argument: the arena being sorted is set here. Builds
 * run on one thread each, so the variable is per thread. */
static _Thread_local const file_index_t *sorting;

static int cmp_path(const void *a, const void *b) {
    const fi_entry_t *x = a, *y = b;
    return cmp_key(sorting, x, path_of(sorting, y), y->len);
}

static int cmp_base(const void *a, const void *b) {
    const fi_entry_t *x = a, *y = b;
    const char *xs = path_of(sorting, x) + x->base, *ys = path_of(sorting, y) + y->base;
    int c = strcmp(xs, ys);
    return c ? c : cmp_path(a, b);
}

/* First entry of by_path not below s[0..n). */
static size_t lower_bound(const file_index_t *ix, const char *s, size_t n) {
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_key(ix, &ix->by_path[mid], s, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static fi_entry_t *find(const file_index_t *ix, const char *s, size_t n) {
    size_t i = lower_bound(ix, s, n);
    return i < ix->n && cmp_key(ix, &ix->by_path[i], s, n) == 0 ? &ix->by_path[i] : NULL;
}

/* Appends a path to the arena and an entry for it to by_path (unsorted). */
static int push(file_index_t *ix, const char *rel, size_t n, uint8_t flags) {
    if (n == 0 || n > UINT16_MAX || ix->arena_len + n + 1 > UINT32_MAX) return 0;
    if (ix->n >= FILE_INDEX_MAX_ENTRIES) {
        ix->truncated = 1;
        return 0;
    }
    if (VEC_RESERVE(ix->arena, ix->arena_cap, ix->arena_len + n + 1) < 0 ||
        VEC_RESERVE(ix->by_path, ix->cap_path, ix->n + 1) < 0)
        return -1;
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (rel[i] == '/') slash = rel + i;
    fi_entry_t e = {(uint32_t)ix->arena_len, (uint16_t)n, (uint16_t)(slash ? slash - rel + 1 : 0), flags};
    memcpy(ix->arena + ix->arena_len, rel, n);
    ix->arena[ix->arena_len + n] = '\0';
    ix->arena_len += n + 1;
    ix->by_path[ix->n++] = e;
    return 0;
}

typedef struct {
    file_index_t *ix;
    size_t root_len;
    int failed;
} build_t;

static int visit(void *ctx, const walk_entry_t *e) {
    build_t *b = ctx;
    const char *rel = e->path + b->root_len + 1;
    uint8_t flags = e->is_dir ? FI_DIR : 0;
    if (e->kind == WALK_SKIPPED || e->kind == WALK_UNREADABLE) flags |= FI_SKIPPED;
    if (push(b->ix, rel, strlen(rel), flags) < 0) {
        b->failed = 1;
        return -1;
    }
    return b->ix->truncated ? -1 : 1;
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void mark_tracked(file_index_t *ix, const char *path, size_t n) {
    fi_entry_t *e = find(ix, path, n);
    if (!e) return;
    e->flags |= FI_TRACKED;
    /* Its folders, up to the first already marked (its own are then too). */
    while (n > 0) {
        while (n > 0 && path[n - 1] != '/') n--;
        if (n == 0) break;
        n--;
        fi_entry_t *d = find(ix, path, n);
        if (!d || (d->flags & FI_TRACKED)) break;
        d->flags |= FI_TRACKED;
    }
}

/* Reads the paths of git's index (versions 2 to 4). Returns 0 or -1 when
 * the file is not one it can read. */
static int parse_git_index(file_index_t *ix, const unsigned char *d, size_t len) {
    if (len < 12 || memcmp(d, "DIRC", 4) != 0) return -1;
    uint32_t ver = be32(d + 4), count = be32(d + 8);
    if (ver < 2 || ver > 4) return -1;
    char *prev = NULL;
    size_t prev_len = 0, p = 12;
    int rc = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (p + 62 > len) {
            rc = -1;
            break;
        }
        unsigned flags = (unsigned)d[p + 60] << 8 | d[p + 61];
        size_t q = p + 62 + (ver >= 3 && (flags & 0x4000) ? 2 : 0);
        if (ver == 4) {
            /* The path is the previous one less N bytes, plus a suffix. */
            size_t strip = 0;
            if (q >= len) {
                rc = -1;
                break;
            }
            unsigned char c = d[q++];
            strip = c & 127;
            while ((c & 128) && q < len && strip < ((size_t)1 << 40)) {
                c = d[q++];
                strip = ((strip + 1) << 7) + (c & 127);
            }
            const unsigned char *nul = q < len ? memchr(d + q, 0, len - q) : NULL;
            if (!nul || strip > prev_len) {
                rc = -1;
                break;
            }
            size_t sl = (size_t)(nul - (d + q)), keep = prev_len - strip;
            char *np = malloc(keep + sl + 1);
            if (!np) {
                rc = -1;
                break;
            }
            if (keep) memcpy(np, prev, keep);
            memcpy(np + keep, d + q, sl);
            np[keep + sl] = '\0';
            free(prev);
            prev = np;
            prev_len = keep + sl;
            p = (size_t)(nul - d) + 1;
        } else {
            const unsigned char *nul = q < len ? memchr(d + q, 0, len - q) : NULL;
            if (!nul) {
                rc = -1;
                break;
            }
            size_t sl = (size_t)(nul - (d + q));
            free(prev);
            prev = malloc(sl + 1);
            if (!prev) {
                rc = -1;
                break;
            }
            memcpy(prev, d + q, sl);
            prev[sl] = '\0';
            prev_len = sl;
            p = (q - p + sl + 8) / 8 * 8 + p; /* 1 to 8 NULs pad the entry to 8 bytes */
        }
        mark_tracked(ix, prev, prev_len);
    }
    free(prev);
    return rc;
}

/* .git is a folder, or (a worktree, a submodule) a file "gitdir: PATH". */
static void read_git(file_index_t *ix) {
    char *dot_git = io_path_join(ix->root, ".git");
    size_t len;
    char *link = dot_git ? io_read_file(dot_git, 4096, IO_NOFOLLOW, &len) : NULL;
    char *index = NULL;
    if (link && strncmp(link, "gitdir: ", 8) == 0) {
        char *dir = link + 8;
        dir[strcspn(dir, "\r\n")] = '\0';
        char *gitdir = dir[0] == '/' ? strdup(dir) : io_path_join(ix->root, dir);
        index = gitdir ? io_path_join(gitdir, "index") : NULL;
        free(gitdir);
    } else if (dot_git && !link) {
        index = io_path_join(dot_git, "index");
    }
    free(link);
    free(dot_git);
    char *data = index ? io_read_file(index, GIT_INDEX_MAX, IO_NOFOLLOW, &len) : NULL;
    free(index);
    if (data && parse_git_index(ix, (const unsigned char *)data, len) == 0) ix->git_read = 1;
    free(data);
}

static int sort_base(file_index_t *ix) {
    if (VEC_RESERVE(ix->by_base, ix->cap_base, ix->n) < 0) return -1;
    if (ix->n) memcpy(ix->by_base, ix->by_path, ix->n * sizeof *ix->by_base);
    sorting = ix;
    if (ix->n > 1) qsort(ix->by_base, ix->n, sizeof *ix->by_base, cmp_base);
    return 0;
}

file_index_t *file_index_build(const char *root) {
    file_index_t *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->root = strdup(root))) {
        free(ix);
        return NULL;
    }
    size_t rn = strlen(root);
    while (rn > 1 && root[rn - 1] == '/') ix->root[--rn] = '\0';
    build_t b = {ix, rn, 0};
    walk_tree(ix->root, ix->root, visit, &b);
    sorting = ix;
    if (ix->n > 1) qsort(ix->by_path, ix->n, sizeof *ix->by_path, cmp_path);
    if (b.failed) {
        file_index_free(ix);
        return NULL;
    }
    read_git(ix); /* marks by_path; by_base copies the marks */
    ix->ignore = walk_ignore_load(ix->root);
    /* Doubling left up to half of each array unused: give it back. */
    char *arena = ix->arena_len ? realloc(ix->arena, ix->arena_len) : NULL;
    if (arena) {
        ix->arena = arena;
        ix->arena_cap = ix->arena_len;
    }
    fi_entry_t *by_path = ix->n ? realloc(ix->by_path, ix->n * sizeof *by_path) : NULL;
    if (by_path) {
        ix->by_path = by_path;
        ix->cap_path = ix->n;
    }
    if (sort_base(ix) < 0) {
        file_index_free(ix);
        return NULL;
    }
    ix->generation = 1;
    return ix;
}

void file_index_free(file_index_t *ix) {
    if (!ix) return;
    walk_ignore_free(ix->ignore);
    free(ix->root);
    free(ix->arena);
    free(ix->by_path);
    free(ix->by_base);
    free(ix);
}

const char *file_index_root(const file_index_t *ix) { return ix->root; }

path_kind_t file_index_kind(const file_index_t *ix, const char *rel) {
    size_t n = strlen(rel);
    if (n == 0) return PATH_DIR;
    const fi_entry_t *e = find(ix, rel, n);
    if (e) return e->flags & FI_SKIPPED ? PATH_UNKNOWN : e->flags & FI_DIR ? PATH_DIR : PATH_FILE;
    /* Not there: a path the walk would leave out (generated into an ignored
     * folder, say) is one the index cannot vouch for. */
    if (ix->truncated || walk_ignore_match(ix->ignore, rel)) return PATH_UNKNOWN;
    /* Below a folder the index does not list (ignored, a build folder)? */
    for (size_t k = n; k > 0; k--) {
        if (rel[k - 1] != '/') continue;
        const fi_entry_t *d = find(ix, rel, k - 1);
        if (d) return d->flags & FI_SKIPPED ? PATH_UNKNOWN : PATH_ABSENT;
    }
    return PATH_ABSENT;
}

int file_index_tracked(const file_index_t *ix, const char *rel) {
    if (!ix->git_read) return -1;
    const fi_entry_t *e = find(ix, rel, strlen(rel));
    return e && (e->flags & FI_TRACKED) ? 1 : 0;
}

int file_index_has_top(const file_index_t *ix, const char *rel) {
    size_t n = strcspn(rel, "/");
    return n > 0 && find(ix, rel, n) != NULL;
}

/* Are a[0..an) and b[0..bn) one edit apart (a change, an insertion or
 * deletion, two neighbours swapped)? */
static int one_edit(const char *a, size_t an, const char *b, size_t bn) {
    if (an > bn + 1 || bn > an + 1) return 0;
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i]) i++;
    if (an == bn) {
        if (i == an) return 0; /* the same */
        if (memcmp(a + i + 1, b + i + 1, an - i - 1) == 0) return 1;
        return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, an - i - 2) == 0;
    }
    if (an > bn) return memcmp(a + i + 1, b + i, an - i - 1) == 0;
    return memcmp(a + i, b + i + 1, bn - i - 1) == 0;
}

/* Leading folders two paths share. */
static size_t shared_folders(const char *a, const char *b) {
    size_t k = 0;
    for (size_t i = 0; a[i] && a[i] == b[i]; i++)
        if (a[i] == '/') k++;
    return k;
}

char *file_index_nearest(const file_index_t *ix, const char *rel) {
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    size_t blen = strlen(base);
    if (!blen) return NULL;
    /* The same name elsewhere: a moved file. */
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(path_of(ix, &ix->by_base[mid]) + ix->by_base[mid].base, base) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Only one file of that name can be the one that moved: with two
     * equally close (two base.py, two index.ts), a guess would mislead. */
    const fi_entry_t *best = NULL;
    size_t best_shared = 0;
    int tie = 0;
    for (size_t i = lo; i < ix->n && strcmp(path_of(ix, &ix->by_base[i]) + ix->by_base[i].base, base) == 0; i++) {
        const fi_entry_t *e = &ix->by_base[i];
        if (e->flags & (FI_DIR | FI_SKIPPED)) continue;
        size_t s = shared_folders(path_of(ix, e), rel);
        if (best && s == best_shared) tie = 1;
        if (!best || s > best_shared) {
            best = e;
            best_shared = s;
            tie = 0;
        }
    }
    if (best && !tie) return strdup(path_of(ix, best));
    /* One edit away in its folder: a renamed file, a typo. */
    size_t dlen = slash ? (size_t)(slash - rel) : 0;
    if (dlen) {
        const fi_entry_t *d = find(ix, rel, dlen);
        if (!d || (d->flags & (FI_DIR | FI_SKIPPED)) != FI_DIR) return NULL;
    }
    size_t i = dlen ? lower_bound(ix, rel, dlen + 1) : 0;
    while (i < ix->n) {
        const fi_entry_t *e = &ix->by_path[i];
        const char *p = path_of(ix, e);
        if (dlen && (e->len <= dlen || memcmp(p, rel, dlen) != 0 || p[dlen] != '/')) break;
        const char *name = p + (dlen ? dlen + 1 : 0);
        const char *deeper = strchr(name, '/');
        if (deeper) {
            /* Past this child's subtree: the next name after "child/". */
            char *key = malloc((size_t)(deeper - p) + 2);
            if (!key) return NULL;
            memcpy(key, p, (size_t)(deeper - p));
            key[deeper - p] = '0';
            i = lower_bound(ix, key, (size_t)(deeper - p) + 1);
            free(key);
            continue;
        }
        if (!(e->flags & (FI_DIR | FI_SKIPPED)) && one_edit(name, strlen(name), base, blen)) return strdup(p);
        i++;
    }
    return NULL;
}

size_t file_index_children(const file_index_t *ix, const char *dir, const char *prefix, size_t max,
                           file_index_child_fn fn, void *ctx) {
    size_t dlen = strlen(dir), plen = strlen(prefix), given = 0;
    char *key = malloc(dlen + plen + 2);
    if (!key) return 0;
    size_t kn = 0;
    if (dlen) {
        memcpy(key, dir, dlen);
        key[dlen] = '/';
        kn = dlen + 1;
    }
    memcpy(key + kn, prefix, plen);
    kn += plen;
    size_t i = lower_bound(ix, key, kn);
    while (i < ix->n && given < max) {
        const fi_entry_t *e = &ix->by_path[i];
        const char *p = path_of(ix, e);
        if (e->len < kn || memcmp(p, key, kn) != 0) break;
        size_t name_at = dlen ? dlen + 1 : 0;
        const char *deeper = memchr(p + name_at, '/', e->len - name_at);
        if (deeper) {
            size_t at = (size_t)(deeper - p);
            char *skip = malloc(at + 1);
            if (!skip) break;
            memcpy(skip, p, at);
            skip[at] = '0';
            i = lower_bound(ix, skip, at + 1);
            free(skip);
            continue;
        }
        if (!(e->flags & FI_SKIPPED)) {
            fn(ctx, p + name_at, e->len - name_at, (e->flags & FI_DIR) != 0);
            given++;
        }
        i++;
    }
    free(key);
    return given;
}

/* Inserts e into a sorted array at its place. */
static int insert_sorted(file_index_t *ix, fi_entry_t **arr, size_t *cap, size_t n, fi_entry_t e,
                         int (*cmp)(const void *, const void *)) {
    if (VEC_RESERVE(*arr, *cap, n + 1) < 0) return -1;
    sorting = ix;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(&(*arr)[mid], &e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(*arr + lo + 1, *arr + lo, (n - lo) * sizeof e);
    (*arr)[lo] = e;
    return 0;
}

int file_index_add(file_index_t *ix, const char *rel, int is_dir) {
    size_t n = strlen(rel);
    if (file_index_kind(ix, rel) == PATH_UNKNOWN) return 0; /* below an ignored folder */
    /* Its folders first: a file created in a new folder brings the folder. */
    for (size_t k = 1; k < n; k++)
        if (rel[k] == '/' && !find(ix, rel, k)) {
            char *dir = malloc(k + 1);
            if (!dir) return -1;
            memcpy(dir, rel, k);
            dir[k] = '\0';
            int rc = file_index_add(ix, dir, 1);
            free(dir);
            if (rc < 0) return -1;
        }
    if (n == 0 || find(ix, rel, n)) return 0;
    size_t before = ix->n;
    if (push(ix, rel, n, is_dir ? FI_DIR : 0) < 0) return -1;
    if (ix->n == before) return 0; /* too long, or the index is full */
    fi_entry_t e = ix->by_path[--ix->n];
    /* Both arrays have room first, so that the two inserts cannot fail. */
    if (VEC_RESERVE(ix->by_base, ix->cap_base, ix->n + 1) < 0) return -1;
    insert_sorted(ix, &ix->by_path, &ix->cap_path, ix->n, e, cmp_path);
    insert_sorted(ix, &ix->by_base, &ix->cap_base, ix->n, e, cmp_base);
    ix->n++;
    ix->generation++;
    return 0;
}

/* Is the entry rel (n bytes) or below it? */
static int at_or_below(const file_index_t *ix, const fi_entry_t *e, const char *rel, size_t n) {
    const char *p = path_of(ix, e);
    return e->len >= n && memcmp(p, rel, n) == 0 && (e->len == n || p[n] == '/');
}

void file_index_remove(file_index_t *ix, const char *rel) {
    size_t n = strlen(rel), kept = 0, kept_base = 0;
    if (!n) return;
    for (size_t i = 0; i < ix->n; i++) {
        if (!at_or_below(ix, &ix->by_path[i], rel, n)) ix->by_path[kept++] = ix->by_path[i];
        if (!at_or_below(ix, &ix->by_base[i], rel, n)) ix->by_base[kept_base++] = ix->by_base[i];
    }
    if (kept == ix->n) return;
    ix->n = kept; /* the arena keeps the bytes until the next build */
    ix->generation++;
}

size_t file_index_count(const file_index_t *ix) { return ix->n; }

size_t file_index_memory(const file_index_t *ix) {
    return sizeof *ix + ix->arena_cap + (ix->cap_path + ix->cap_base) * sizeof(fi_entry_t);
}

unsigned long file_index_generation(const file_index_t *ix) { return ix->generation; }

void file_index_succeed(file_index_t *ix, const file_index_t *old) {
    if (old && ix->generation <= old->generation) ix->generation = old->generation + 1;
}

static path_kind_t lk_kind(const void *ctx, const char *rel) { return file_index_kind(ctx, rel); }
static char *lk_nearest(const void *ctx, const char *rel) { return file_index_nearest(ctx, rel); }
static int lk_has_top(const void *ctx, const char *rel) { return file_index_has_top(ctx, rel); }

void file_index_lookup(const file_index_t *ix, path_lookup_t *out) {
    *out = (path_lookup_t){ix, lk_kind, lk_nearest, lk_has_top, ix->generation};
}
