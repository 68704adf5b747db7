/* cli_new.c: `planls new "Add OAuth login"` writes
 * collab/execplans/add-oauth-login.md (or the folder the settings name). */
#include "cli_new.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "skeleton.h"
#include "strbuf.h"

#define DEFAULT_PLANS_DIR "collab/execplans"

char *new_slug(const char *title) {
    strbuf_t b = {0};
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        if (isalnum(*p) && *p < 0x80) {
            if (dash && b.n) sb_add(&b, "-");
            dash = 0;
            char c = (char)tolower(*p);
            sb_addn(&b, &c, 1);
        } else {
            dash = 1;
        }
    }
    if (!b.n) sb_add(&b, "plan");
    return sb_take(&b);
}

/* mkdir -p */
static int make_dirs(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc < 0 && errno != EEXIST) return -1;
    }
    return mkdir(path, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

int new_main(int argc, char **argv) {
    if (argc != 1 || !argv[0][0] || argv[0][0] == '-') {
        fprintf(stderr, "usage: planls new \"Title of the work\"\n");
        return 2;
    }
    char *root = settings_find_root(".");
    config_t cfg;
    config_init(&cfg);
    diag_list_t problems;
    diag_list_init(&problems);
    if (root) settings_load_root(&cfg, root, &problems);
    for (size_t i = 0; i < problems.n; i++) fprintf(stderr, "planls: %s\n", problems.items[i].message);
    diag_list_free(&problems);

    const char *base = root ? root : ".";
    const char *dir = cfg.plans_dir ? cfg.plans_dir : DEFAULT_PLANS_DIR;
    char *slug = new_slug(argv[0]);
    strbuf_t b = {0};
    sb_printf(&b, "%s/%s", base, dir);
    char *folder = sb_take(&b);
    sb_printf(&b, "%s/%s.md", folder ? folder : ".", slug ? slug : "plan");
    char *path = sb_take(&b);
    const char *guide_rel = NULL;
    if (cfg.guide_path && root && strncmp(cfg.guide_path, root, strlen(root)) == 0)
        guide_rel = cfg.guide_path + strlen(root) + 1;
    char *text = skeleton_new_plan(&cfg, argv[0], guide_rel, ts_now());

    int status = 2;
    if (!folder || !path || !text) {
        fprintf(stderr, "planls: out of memory\n");
    } else if (make_dirs(folder) < 0) {
        fprintf(stderr, "planls: cannot create %s: %s\n", folder, strerror(errno));
    } else {
        /* O_EXCL: never overwrite a plan someone already wrote. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno == EEXIST) {
            fprintf(stderr, "planls: %s exists; not overwriting it\n", path);
            status = 1;
        } else if (fd < 0) {
            fprintf(stderr, "planls: cannot create %s: %s\n", path, strerror(errno));
        } else {
            size_t n = strlen(text), done = 0;
            while (done < n) {
                ssize_t w = write(fd, text + done, n - done);
                if (w <= 0) break;
                done += (size_t)w;
            }
            if (close(fd) == 0 && done == n) {
                printf("%s\n", path);
                status = 0;
            } else {
                fprintf(stderr, "planls: cannot write %s\n", path);
            }
        }
    }
    free(text);
    free(path);
    free(folder);
    free(slug);
    free(root);
    config_free(&cfg);
    return status;
}
