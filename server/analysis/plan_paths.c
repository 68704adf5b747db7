/* plan_paths.c: which files are Markdown. */
#include "plan_paths.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

static int ends_with_ci(const char *s, const char *suffix) {
    return ascii_suffix_ci(s, strlen(s), suffix, strlen(suffix));
}

int plan_path_is_markdown(const char *path) { return ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown"); }
