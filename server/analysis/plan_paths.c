/* plan_paths.c: plan globs. */
#include "plan_paths.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

static int ends_with_ci(const char *s, const char *suffix) {
    return ascii_suffix_ci(s, strlen(s), suffix, strlen(suffix));
}

int plan_path_is_markdown(const char *path) { return ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown"); }

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
    return has_dir(path, "execplans") || has_dir(path, "exec-plans") || has_dir(path, "plans") ||
           ends_with_ci(path, ".plan.md");
}
