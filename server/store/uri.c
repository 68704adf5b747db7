/* uri.c: the file: URI codec. */
#include "uri.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"

char *uri_to_path(const char *uri) {
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
            int h = hex_digit((unsigned char)p[1]), l = h < 0 ? -1 : hex_digit((unsigned char)p[2]);
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

char *uri_from_path(const char *path) {
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
