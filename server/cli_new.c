/* cli_new.c: `planls new "Add OAuth login"` writes
 * collab/execplans/add-oauth-login.md (or the folder the settings name). */
/* realpath(), O_NOFOLLOW and O_CLOEXEC are POSIX 2008 / XSI. */
#define _XOPEN_SOURCE 700
#include "cli_new.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_files.h"
#include "io.h"
#include "settings.h"
#include "skeleton.h"
#include "strbuf.h"

/* File names are limited to 255 bytes; a slug stays well below, with room
 * for ".md" and a reader's eye. */
#define NEW_SLUG_MAX 80

char *new_slug(const char *title) {
    strbuf_t b = {0};
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)title; *p && b.n < NEW_SLUG_MAX; p++) {
        if (isalnum(*p) && *p < 0x80) {
            if (dash && b.n) sb_add(&b, "-");
            dash = 0;
            char c = (char)tolower(*p);
            sb_addn(&b, &c, 1);
        } else {
            dash = 1;
        }
    }
    /* The slug is ASCII, so any byte is a character boundary. */
    if (b.n > NEW_SLUG_MAX) b.n = NEW_SLUG_MAX;
    while (b.n && b.s[b.n - 1] == '-') b.n--;
    if (b.s) b.s[b.n] = '\0';
    if (!b.n) sb_add(&b, "plan");
    return sb_take(&b);
}

/* Bytes of a control character at p (C0, DEL, or C1 in UTF-8), else 0. */
static size_t control_at(const unsigned char *p) {
    if (*p < 0x20 || *p == 0x7F) return 1;
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return 2;
    return 0;
}

char *new_clean_title(const char *title) {
    strbuf_t b = {0};
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)title; *p;) {
        size_t n = control_at(p);
        if (n || *p == ' ') {
            space = 1;
            p += n ? n : 1;
            continue;
        }
        if (space && b.n) sb_add(&b, " ");
        space = 0;
        sb_addn(&b, (const char *)p, 1);
        p++;
    }
    return sb_take(&b);
}

int new_plan_create(const char *dir, const char *raw_title, char **out_path, strbuf_t *msg) {
    *out_path = NULL;
    char *title = new_clean_title(raw_title);
    if (!title || !title[0]) {
        sb_add(msg, title ? "the title has no printable text\n" : "out of memory\n");
        free(title);
        return 2;
    }
    char *root = settings_find_root(dir);
    config_t cfg;
    config_init(&cfg);
    diag_list_t problems;
    diag_list_init(&problems);
    if (root) settings_load_root(&cfg, root, &problems);
    for (size_t i = 0; i < problems.n; i++) sb_printf(msg, "%s\n", problems.items[i].message);
    diag_list_free(&problems);

    const char *base = root ? root : dir;
    const char *plans = cfg.plans_dir ? cfg.plans_dir : CONFIG_DEFAULT_PLANS_DIR;
    char *slug = new_slug(title);
    const char *guide_rel = NULL;
    if (cfg.guide_path && root && strncmp(cfg.guide_path, root, strlen(root)) == 0)
        guide_rel = cfg.guide_path + strlen(root) + 1;
    char *text = skeleton_new_plan(&cfg, title, guide_rel, ts_now());

    int status = 2;
    char *folder = NULL, *path = NULL;
    if (!slug || !text) {
        sb_add(msg, "out of memory\n");
    } else if (!(folder = cli_make_dirs_inside(base, plans))) {
        sb_printf(msg, "cannot create %s/%s: %s\n", base, plans, io_error_text(errno));
    } else {
        strbuf_t b = {0};
        sb_printf(&b, "%s/%s.md", folder, slug);
        path = sb_take(&b);
        if (!path)
            sb_add(msg, "out of memory\n");
        else if ((status = cli_write_new(path, text, msg)) == 0)
            *out_path = path;
    }
    if (status != 0) free(path);
    free(text);
    free(folder);
    free(slug);
    free(title);
    free(root);
    config_free(&cfg);
    return status;
}

int new_main(int argc, char **argv) {
    if (argc != 1 || !argv[0][0] || argv[0][0] == '-') {
        fprintf(stderr, "usage: planls new \"Title of the work\"\n");
        return 2;
    }
    char *title = new_clean_title(argv[0]);
    if (!title || !title[0]) {
        fprintf(stderr, title ? "usage: planls new \"Title of the work\" (the title has no printable text)\n"
                              : "planls: out of memory\n");
        free(title);
        return 2;
    }
    free(title);
    strbuf_t msg = {0};
    char *path = NULL;
    int status = new_plan_create(".", argv[0], &path, &msg);
    /* Each message is a line of its own. */
    for (char *line = msg.s; line && *line;) {
        char *nl = strchr(line, '\n');
        fprintf(stderr, "planls: %.*s\n", (int)(nl ? nl - line : (long)strlen(line)), line);
        line = nl ? nl + 1 : line + strlen(line);
    }
    if (path) printf("%s\n", path);
    free(path);
    free(msg.s);
    return status;
}
