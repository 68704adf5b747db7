/* check.c: `planls check [--format text|json] FILE|DIR...`. The same model and
 * rules as the server, over files read from disk. */
#include "check.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan.h"
#include "plan_paths.h"

/* Larger files are not plans anyone edits by hand. */
#define CHECK_MAX_FILE ((size_t)64 << 20)

typedef struct {
    int json;
    int io_errors;
    int problems;   /* warnings and errors */
    int files;
    json_t *report; /* JSON mode: array of files */
    int64_t now;
} check_t;

static char *read_file(const char *path, size_t *len, char *err, size_t errn) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errn, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
        if (n == cap) {
            if (cap >= CHECK_MAX_FILE) {
                snprintf(err, errn, "larger than %zu bytes", CHECK_MAX_FILE);
                free(buf);
                buf = NULL;
                break;
            }
            char *b = realloc(buf, cap * 2);
            if (!b) free(buf);
            buf = b;
            cap *= 2;
        }
    }
    if (buf && ferror(f)) {
        snprintf(err, errn, "read error");
        free(buf);
        buf = NULL;
    } else if (!buf && !err[0]) {
        snprintf(err, errn, "out of memory");
    }
    fclose(f);
    *len = n;
    return buf;
}

static const char *short_severity(severity_t s) {
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "info";
    case SEV_HINT: return "hint";
    }
    return "?";
}

static void report_file(check_t *c, const char *path, const text_t *t, const diag_list_t *l) {
    json_t *diags = c->json ? json_array() : NULL;
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        size_t line = text_line_of(t, d->start), eline = text_line_of(t, d->end);
        size_t col = d->start - text_line_start(t, line), ecol = d->end - text_line_start(t, eline);
        if (d->severity <= SEV_WARNING) c->problems++;
        if (c->json) {
            json_array_append_new(diags, json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s}", "line", (json_int_t)line + 1,
                                                   "column", (json_int_t)col + 1, "endLine",
                                                   (json_int_t)eline + 1, "endColumn", (json_int_t)ecol + 1,
                                                   "severity", short_severity(d->severity), "code", d->code,
                                                   "message", d->message));
        } else {
            printf("%s:%zu:%zu: %s: %s [%s]\n", path, line + 1, col + 1, short_severity(d->severity), d->message,
                   d->code);
        }
    }
    if (c->json) json_array_append_new(c->report, json_pack("{s:s,s:o}", "path", path, "diagnostics", diags));
}

static void check_file(check_t *c, const char *path, int explicit_file) {
    char err[200] = "";
    size_t len;
    char *data = read_file(path, &len, err, sizeof err);
    if (!data) {
        fprintf(stderr, "planls: %s: %s\n", path, err);
        c->io_errors++;
        return;
    }
    text_t t;
    plan_t p;
    plan_init(&p);
    if (text_init(&t, data, len) < 0) {
        free(data);
        fprintf(stderr, "planls: %s: out of memory\n", path);
        c->io_errors++;
        return;
    }
    free(data);
    diag_list_t l;
    diag_list_init(&l);
    if (plan_parse(&p, &t) == 0 && (explicit_file || plan_path_matches(path) || plan_looks_like_plan(&p))) {
        c->files++;
        if (plan_diagnostics(&p, &t, c->now, &l) == 0) report_file(c, path, &t, &l);
    }
    diag_list_free(&l);
    plan_free(&p);
    text_free(&t);
}

static int skip_dir(const char *name) {
    return name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "build") == 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a directory in name order (stable output), checking Markdown files
 * that are plans by path or content. Symlinks are not followed. */
static void check_dir(check_t *c, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "planls: %s: %s\n", dir, strerror(errno));
        c->io_errors++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) break;
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (names[n]) n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        if (path) {
            snprintf(path, plen, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
            struct stat st;
            if (lstat(path, &st) == 0) {
                if (S_ISDIR(st.st_mode) && !skip_dir(names[i])) check_dir(c, path);
                else if (S_ISREG(st.st_mode) && plan_path_is_markdown(path)) check_file(c, path, 0);
            }
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

static int usage(void) {
    fprintf(stderr, "usage: planls check [--format text|json] FILE|DIR...\n");
    return 2;
}

int check_main(int argc, char **argv) {
    check_t c;
    memset(&c, 0, sizeof c);
    c.now = ts_now();
    int first = 0;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *a = argv[first];
        const char *fmt = NULL;
        if (strcmp(a, "--format") == 0 && first + 1 < argc) fmt = argv[++first];
        else if (strncmp(a, "--format=", 9) == 0) fmt = a + 9;
        else if (strcmp(a, "--") == 0) { first++; break; }
        else return usage();
        if (strcmp(fmt, "json") == 0) c.json = 1;
        else if (strcmp(fmt, "text") != 0) return usage();
    }
    if (first >= argc) return usage();
    if (c.json) c.report = json_array();
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "planls: %s: %s\n", argv[i], strerror(errno));
            c.io_errors++;
        } else if (S_ISDIR(st.st_mode)) {
            check_dir(&c, argv[i]);
        } else {
            check_file(&c, argv[i], 1);
        }
    }
    if (c.json) {
        json_t *out = json_pack("{s:o,s:{s:i,s:i}}", "files", c.report, "summary", "checked", c.files, "problems",
                                c.problems);
        char *s = json_dumps(out, JSON_INDENT(2));
        if (s) puts(s);
        free(s);
        json_decref(out);
    } else {
        fflush(stdout);
        fprintf(stderr, "planls: checked %d plan%s, %d warning%s or error%s\n", c.files, c.files == 1 ? "" : "s",
                c.problems, c.problems == 1 ? "" : "s", c.problems == 1 ? "" : "s");
    }
    if (c.io_errors) return 2;
    return c.problems ? 1 : 0;
}
