/* plan_paths.c: plan globs and file URIs. */
#include "plan_paths.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

static int ends_with_ci(const char *s, const char *suffix) {
    return ascii_suffix_ci(s, strlen(s), suffix, strlen(suffix));
}

int plan_path_is_markdown(const char *path) {
    return ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown");
}

/* A directory component named dir anywhere in path ("**" matches zero or more
 * directories on either side). */
static int has_dir(const char *path, const char *dir) {
    size_t k = strlen(dir);
    for (const char *p = path; (p = strstr(p, dir)) != NULL; p++) {
        int starts = p == path || p[-1] == '/';
        if (starts && p[k] == '/') return 1;
    }
    return 0;
}

int plan_path_matches(const char *path) {
    if (!path || !ends_with_ci(path, ".md")) return 0;
    return has_dir(path, "execplans") || has_dir(path, "plans") || ends_with_ci(path, ".plan.md");
}

static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *plan_uri_to_path(const char *uri) {
    if (!uri || strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    /* Skip an authority ("file://localhost/..."); paths start at the next '/'. */
    if (*p != '/') {
        p = strchr(p, '/');
        if (!p) return NULL;
    }
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out) return NULL;
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%') {
            int h = hex((unsigned char)p[1]), l = h < 0 ? -1 : hex((unsigned char)p[2]);
            if (h < 0 || l < 0 || (h == 0 && l == 0)) {
                free(out);
                return NULL;
            }
            *o++ = (char)(h * 16 + l);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

char *plan_path_to_uri(const char *path) {
    static const char safe[] = "-._~/!$&'()*+,;=:@";
    size_t n = strlen(path);
    char *out = malloc(7 + 3 * n + 1), *o = out;
    if (!out) return NULL;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr(safe, *p)) {
            *o++ = (char)*p;
        } else {
            static const char digits[] = "0123456789ABCDEF";
            *o++ = '%';
            *o++ = digits[*p >> 4];
            *o++ = digits[*p & 15];
        }
    }
    *o = '\0';
    return out;
}
