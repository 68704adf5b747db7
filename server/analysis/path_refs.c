/* path_refs.c: which inline code spans and link targets of a plan name a
 * repository path, and where each sits. A scanner of our own over the lines:
 * cmark-gfm's inline positions are unreliable (design.md), and this needs
 * only code spans, links and fences. */
#include "path_refs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "md_fence.h"
#include "vec.h"

static int ascii_strncasecmp(const char *a, const char *b, size_t n) { return !ascii_prefix_ci(a, n, b, n); }

/* Longer spans are not paths anyone types. */
#define PATH_MAX_LEN 1024

void path_ref_list_free(path_ref_list_t *l) {
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].path);
        free(l->items[i].anchor);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* ---- what a path looks like -------------------------------------------- */

/* Extensions a bare name (no '/') must end with to count as a file: a dotted
 * word in backticks is far more often code (`config.path`, `obj.method`). */
static const char *const bare_exts[] = {
    "md",    "markdown", "txt",    "rst",   "adoc",  "c",    "h",     "cc",    "cpp",     "cxx",     "hpp",   "hh",
    "m",     "mm",       "go",     "rs",    "py",    "pyi",  "rb",    "js",    "mjs",     "cjs",     "jsx",   "ts",
    "tsx",   "vue",      "svelte", "java",  "kt",    "kts",  "scala", "swift", "cs",      "fs",      "php",   "pl",
    "lua",   "sh",       "bash",   "zsh",   "fish",  "ps1",  "bat",   "r",     "jl",      "ex",      "exs",   "erl",
    "hs",    "ml",       "elm",    "clj",   "dart",  "zig",  "nim",   "sql",   "graphql", "proto",   "json",  "jsonc",
    "json5", "yaml",     "yml",    "toml",  "ini",   "cfg",  "conf",  "xml",   "html",    "htm",     "css",   "scss",
    "sass",  "less",     "svg",    "png",   "jpg",   "jpeg", "gif",   "webp",  "ico",     "pdf",     "csv",   "tsv",
    "lock",  "gradle",   "cmake",  "mk",    "bazel", "bzl",  "nix",   "tf",    "tfvars",  "hcl",     "ipynb", "patch",
    "diff",  "tex",      "bib",    "plist", "wasm",  "el",   "vim",   "lisp",  "scm",     "rkt",     "v",     "sv",
    "vhd",   "s",        "asm",    "ld",    "in",    "am",   "ac",    "pc",    "service", "desktop", NULL};

/* Files everyone names without an extension. */
static const char *const bare_names[] = {"Makefile", "Dockerfile", "Gemfile",     "Justfile",
                                         "Rakefile", "Procfile",   "Vagrantfile", "Containerfile",
                                         "LICENSE",  "CODEOWNERS", "BUILD",       NULL};

/* word/word pairs of prose, and the first half of MIME types. */
static const char *const prose_pairs[] = {"and/or",         "either/or",  "read/write",   "true/false",
                                          "yes/no",         "on/off",     "input/output", "client/server",
                                          "tcp/ip",         "i/o",        "key/value",    "get/set",
                                          "start/stop",     "open/close", "before/after", "pass/fail",
                                          "enable/disable", "ok/cancel",  "he/she",       "his/her",
                                          "read/only",      "w/o",        "n/a",          NULL};
static const char *const mime_tops[] = {"text",      "application", "image",   "audio", "video",
                                        "multipart", "font",        "message", "model", NULL};

static int in_list_ci(const char *const *list, const char *s, size_t n) {
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && ascii_strncasecmp(list[i], s, n) == 0) return 1;
    return 0;
}

static int in_list_exact(const char *const *list, const char *s, size_t n) {
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0) return 1;
    return 0;
}

static int all_digits(const char *s, size_t n) {
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* Parses digits at s[*i..n) into *v. */
static int read_number(const char *s, size_t n, size_t *i, long *v) {
    size_t k = *i;
    long x = 0;
    while (k < n && isdigit((unsigned char)s[k]) && k - *i < 9) x = x * 10 + (s[k++] - '0');
    if (k == *i || (k < n && isdigit((unsigned char)s[k]))) return 0;
    *i = k;
    *v = x;
    return 1;
}

/* "L120", "L120-L140", "L120-140" (a GitHub line anchor). */
static int line_anchor(const char *s, size_t n, long *line, long *line_end) {
    size_t i = 1;
    if (n < 2 || s[0] != 'L' || !read_number(s, n, &i, line)) return 0;
    *line_end = 0;
    if (i == n) return 1;
    if (s[i++] != '-') return 0;
    if (i < n && s[i] == 'L') i++;
    return read_number(s, n, &i, line_end) && i == n;
}

/* ":120", ":120:5", ":120-140" at the end of s[0..n): returns where it starts, or n. */
static size_t line_suffix(const char *s, size_t n, long *line, long *line_end) {
    size_t colon = n;
    while (colon > 0 && s[colon - 1] != ':') colon--;
    if (colon == 0) return n;
    colon--;
    size_t i = colon + 1;
    long a, b = 0;
    if (!read_number(s, n, &i, &a)) return n;
    if (i < n && (s[i] == '-' || s[i] == ':')) {
        char sep = s[i++];
        if (!read_number(s, n, &i, &b)) return n;
        if (sep == ':') b = 0; /* a column */
    }
    if (i != n) return n;
    /* "path:120:5": the colon before 120 is the suffix's start. */
    if (colon > 0) {
        size_t c2 = colon;
        while (c2 > 0 && s[c2 - 1] != ':') c2--;
        if (c2 > 0 && all_digits(s + c2, colon - c2)) {
            size_t j = c2;
            long l2;
            if (read_number(s, colon, &j, &l2) && j == colon) {
                *line = l2;
                *line_end = 0;
                return c2 - 1;
            }
        }
    }
    *line = a;
    *line_end = b;
    return colon;
}

static int has_letter(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80) return 1;
    return 0;
}

/* Does the last component's name end with a file extension? */
static int extension(const char *name, size_t n, const char **ext, size_t *elen) {
    const char *dot = NULL;
    for (size_t i = 1; i < n; i++)
        if (name[i] == '.') dot = name + i;
    if (!dot) return 0;
    *ext = dot + 1;
    *elen = (size_t)(name + n - *ext);
    if (*elen == 0 || *elen > 12) return 0;
    int upper = 0, lower = 0;
    for (size_t i = 0; i < *elen; i++) {
        if (!isalnum((unsigned char)(*ext)[i])) return 0;
        upper |= isupper((unsigned char)(*ext)[i]) != 0;
        lower |= islower((unsigned char)(*ext)[i]) != 0;
    }
    /* `rpc.Client`, `domain.ToolDefinition`: a qualified name, not a file
     * (extensions are one case: `.md`, `.PNG`). */
    if (upper && lower) return 0;
    return has_letter(*ext, *elen);
}

/* A dotfile: ".gitignore", ".env", ".planls.json". */
static int dotfile(const char *name, size_t n) {
    if (n < 2 || name[0] != '.' || !isalpha((unsigned char)name[1])) return 0;
    for (size_t i = 1; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && name[i] != '.' && name[i] != '-' && name[i] != '_') return 0;
    return 1;
}

static int core_is_path(const char *s, size_t n, int link) {
    if (n == 0 || n > PATH_MAX_LEN) return 0;
    if (s[0] == '-' || s[0] == '/' || s[0] == '~' || s[0] == '+') return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' && link) continue; /* a link's target may hold spaces (<a b.md>, a%20b.md) */
        if (c < 0x20 || strchr(" \t*?<>{}[]|$'\"`;=()!^&%,@\\:#", c)) return 0;
        if (c == '/' && i + 1 < n && s[i + 1] == '/') return 0;
    }
    for (size_t i = 0; i + 2 < n; i++)
        if (memcmp(s + i, "...", 3) == 0 || memcmp(s + i, "\xE2\x80\xA6", 3) == 0) return 0; /* an ellipsis */
    if (!has_letter(s, n)) return 0;
    /* Components: "./" and "../" lead only; none empty but a trailing one. */
    size_t i = 0, first = 1, ncomp = 0;
    const char *last = s;
    size_t lastn = 0;
    int trailing = s[n - 1] == '/', slash = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '/') j++;
        size_t len = j - i;
        if (j < n) slash = 1;
        if (len == 0) break; /* the trailing '/' */
        int dots = (len == 1 && s[i] == '.') || (len == 2 && s[i] == '.' && s[i + 1] == '.');
        if (dots && !first) return 0;
        if (!dots) {
            if (first && all_digits(s + i, len)) return 0; /* 2026/11/25, 1/2 */
            first = 0;
            ncomp++;
            last = s + i;
            lastn = len;
            if (s[j - 1] == '.') return 0; /* "e.g.", "a./b" */
        }
        i = j + 1;
    }
    if (ncomp == 0) return 0;
    const char *ext;
    size_t elen;
    int has_ext = extension(last, lastn, &ext, &elen);
    /* A dot in the last name without an extension after it: `rpc.Client`,
     * `pkg/cli.ParseFlags` (a qualified name), `docs/v1.2`. */
    if (!has_ext && lastn > 1 && memchr(last + 1, '.', lastn - 1)) return 0;
    if (!slash)
        return dotfile(last, lastn) || in_list_exact(bare_names, last, lastn) ||
               (has_ext && in_list_ci(bare_exts, ext, elen));
    if (!has_ext && !trailing && ncomp == 2 && s[0] != '.') { /* not "./a/b" */
        if (in_list_ci(prose_pairs, s, n)) return 0;
        size_t top = (size_t)(strchr(s, '/') - s);
        if (in_list_ci(mime_tops, s, top)) return 0;
    }
    return 1;
}

int path_refs_classify(const char *s, size_t n, int link, size_t *path_len, long *line, long *line_end,
                       size_t *anchor_start, size_t *anchor_len) {
    *line = *line_end = 0;
    *anchor_start = *anchor_len = 0;
    if (n == 0 || n > PATH_MAX_LEN) return 0;
    if (s[0] == '#') return 0; /* this document's own heading */
    /* URLs: a scheme ("https:", "mailto:", "file:"), "//host", "www.". */
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-')) k++;
    if (k < n && k > 0 && s[k] == ':' && isalpha((unsigned char)s[0]) && !all_digits(s + k + 1, 1)) return 0;
    if (n >= 4 && ascii_strncasecmp(s, "www.", 4) == 0) return 0;
    size_t core = n;
    const char *hash = memchr(s, '#', n);
    if (hash) {
        core = (size_t)(hash - s);
        const char *a = hash + 1;
        size_t an = n - core - 1;
        if (an == 0) return 0;
        if (!line_anchor(a, an, line, line_end)) {
            for (size_t i = 0; !link && i < an; i++)
                if (!isalnum((unsigned char)a[i]) && a[i] != '-' && a[i] != '_' && a[i] != '.') return 0;
            *anchor_start = core + 1;
            *anchor_len = an;
        }
    } else {
        core = line_suffix(s, n, line, line_end);
    }
    if (!core_is_path(s, core, link)) return 0;
    *path_len = core;
    return 1;
}

char *path_refs_normalize(const char *dir, const char *rel) {
    size_t dn = dir ? strlen(dir) : 0, rn = strlen(rel);
    char *buf = malloc(dn + rn + 2);
    if (!buf) return NULL;
    size_t o = 0;
    /* Components of dir then rel, pushed and popped in place. */
    const char *parts[2] = {dir ? dir : "", rel};
    for (int p = 0; p < 2; p++) {
        const char *s = parts[p];
        while (*s) {
            const char *e = strchr(s, '/');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            if (len == 0 || (len == 1 && s[0] == '.')) {
                /* nothing */
            } else if (len == 2 && s[0] == '.' && s[1] == '.') {
                if (o == 0) {
                    free(buf);
                    return NULL;
                }
                while (o > 0 && buf[o - 1] != '/') o--;
                if (o > 0) o--;
            } else {
                if (o) buf[o++] = '/';
                memcpy(buf + o, s, len);
                o += len;
            }
            s += len + (e != NULL);
        }
    }
    buf[o] = '\0';
    return buf;
}

int path_refs_is_local(const char *path) {
    return path[0] == '.' && (path[1] == '/' || path[1] == '\0' || (path[1] == '.' && (path[2] == '/' || !path[2])));
}

path_kind_t path_refs_resolve(const path_lookup_t *lk, const char *dir, const char *path, char **resolved) {
    *resolved = NULL;
    /* "./x" and "../x" are relative to the plan's folder only. */
    int local = path_refs_is_local(path);
    char *at_root = local ? NULL : path_refs_normalize(NULL, path);
    path_kind_t k = at_root ? lk->kind(lk->ctx, at_root) : PATH_ABSENT;
    if (k == PATH_FILE || k == PATH_DIR) {
        *resolved = at_root;
        return k;
    }
    char *in_dir = dir && *dir ? path_refs_normalize(dir, path) : NULL;
    path_kind_t k2 = in_dir ? lk->kind(lk->ctx, in_dir) : PATH_ABSENT;
    if (k2 == PATH_FILE || k2 == PATH_DIR || !at_root) {
        free(at_root);
        *resolved = in_dir ? in_dir : (local && (!dir || !*dir) ? path_refs_normalize(NULL, path) : NULL);
        if (!in_dir && *resolved) k2 = lk->kind(lk->ctx, *resolved);
        return k2 == PATH_ABSENT && k == PATH_UNKNOWN ? PATH_UNKNOWN : k2;
    }
    free(in_dir);
    *resolved = at_root;
    return k == PATH_UNKNOWN || k2 == PATH_UNKNOWN ? PATH_UNKNOWN : PATH_ABSENT;
}

/* ---- where the spans are ------------------------------------------------ */

/* Words that say a path is yet to be made. */
static const char *const create_words[] = {"create", "add", "new", "introduce", "generate", "write", NULL};

/* Is the word w[0..n) a form of stem: stem, stems, stemed/stemd, stemming/steming? */
static int word_is_form(const char *w, size_t n, const char *stem) {
    size_t k = strlen(stem);
    if (n < k || ascii_strncasecmp(w, stem, k) != 0) {
        /* "create" -> "creating": the stem without its final 'e'. */
        if (k > 2 && stem[k - 1] == 'e' && n == k + 2 && ascii_strncasecmp(w, stem, k - 1) == 0 &&
            ascii_strncasecmp(w + k - 1, "ing", 3) == 0)
            return 1;
        return 0;
    }
    const char *rest = w + k;
    size_t rn = n - k;
    static const char *const endings[] = {"", "s", "d", "ed", "ing", "ly", NULL};
    for (size_t i = 0; endings[i]; i++)
        if (strlen(endings[i]) == rn && ascii_strncasecmp(rest, endings[i], rn) == 0) return 1;
    /* "add" -> "adding", "write" -> "written", "wrote". */
    if (rn == 4 && ascii_strncasecmp(rest, "ding", 4) == 0 && stem[k - 1] == 'd') return 1;
    if (strcmp(stem, "write") == 0 && n == 7 && ascii_strncasecmp(w, "written", 7) == 0) return 1;
    return 0;
}

static int says_create(const char *s, size_t n, const config_t *cfg) {
    size_t i = 0;
    while (i < n) {
        while (i < n && !isalpha((unsigned char)s[i])) {
            if (s[i] == '`') { /* a code span's words are not the sentence's */
                size_t j = i + 1;
                while (j < n && s[j] != '`') j++;
                i = j;
            }
            i++;
        }
        size_t j = i;
        while (j < n && isalpha((unsigned char)s[j])) j++;
        if (j > i) {
            for (size_t w = 0; create_words[w]; w++)
                if (word_is_form(s + i, j - i, create_words[w])) return 1;
            if (strncmp(s + i, "wrote", j - i) == 0 && j - i == 5) return 1;
            for (size_t w = 0; cfg && w < cfg->ncreate_words; w++)
                if (word_is_form(s + i, j - i, cfg->create_words[w])) return 1;
        }
        i = j;
    }
    return 0;
}

/* A list item's marker at the start of line l[0..n): returns the offset of
 * its text, or 0 when the line is no list item. */
static size_t list_marker(const char *l, size_t n) {
    size_t i = 0;
    while (i < n && i < 12 && l[i] == ' ') i++;
    if (i < n && (l[i] == '-' || l[i] == '*' || l[i] == '+')) {
        i++;
    } else {
        size_t d = i;
        while (i < n && isdigit((unsigned char)l[i]) && i - d < 9) i++;
        if (i == d || i >= n || (l[i] != '.' && l[i] != ')')) return 0;
        i++;
    }
    if (i < n && l[i] != ' ' && l[i] != '\t') return 0;
    while (i < n && (l[i] == ' ' || l[i] == '\t')) i++;
    return i;
}

typedef struct {
    const text_t *t;
    size_t start, end; /* the span extracted */
    const config_t *cfg;
    int in_progress;
    path_ref_list_t *out;
    /* The heading above says the files below are to be made ("### Files to
     * create", "New modules"), or the paragraph leading into the list does
     * ("Add these files:"). */
    int heading_creates, lead_creates;
} scan_t;

/* The list item or paragraph holding line ln, as lines [*a, *b]. */
static void block_of(const scan_t *sc, size_t ln, size_t *a, size_t *b, int *item) {
    const text_t *t = sc->t;
    size_t first = text_line_of(t, sc->start), last = text_line_of(t, sc->end ? sc->end - 1 : 0);
    size_t k = ln;
    *item = 0;
    for (;;) {
        size_t s = text_line_start(t, k), e = text_line_end(t, k);
        if (list_marker(t->data + s, e - s)) {
            *item = 1;
            break;
        }
        if (k == first || text_line_is_blank(t, k - 1)) break;
        k--;
    }
    *a = k;
    k = ln;
    while (k < last && !text_line_is_blank(t, k + 1)) {
        size_t s = text_line_start(t, k + 1), e = text_line_end(t, k + 1);
        if (list_marker(t->data + s, e - s)) break;
        k++;
    }
    *b = k;
}

/* The sentence around [off, off_end) inside s[a, b). */
static void sentence_of(const char *d, size_t a, size_t b, size_t off, size_t off_end, size_t *sa, size_t *sb) {
    size_t i = off;
    while (i > a && !((d[i - 1] == ' ' || d[i - 1] == '\n') && i - 1 > a && strchr(".!?", d[i - 2]))) i--;
    *sa = i;
    i = off_end;
    while (i < b && !(strchr(".!?", d[i]) && (i + 1 == b || d[i + 1] == ' ' || d[i + 1] == '\n' || d[i + 1] == '\r')))
        i++;
    *sb = i;
}

static char *percent_decode(const char *s, size_t n) {
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n + 0 && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            o[k++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    return o;
}

/* A candidate at absolute [a, b): classifies it and appends a ref. */
static int candidate(scan_t *sc, size_t a, size_t b, int link, size_t ln) {
    const char *d = sc->t->data;
    char *dec = link ? percent_decode(d + a, b - a) : NULL;
    if (link && !dec) return -1;
    const char *s = link ? dec : d + a;
    size_t n = link ? strlen(dec) : b - a;
    size_t plen, as, al;
    long line, line_end;
    if (!path_refs_classify(s, n, link, &plen, &line, &line_end, &as, &al)) {
        free(dec);
        return 0;
    }
    if (VEC_RESERVE(sc->out->items, sc->out->cap, sc->out->n + 1) < 0) {
        free(dec);
        return -1;
    }
    path_ref_t r = {0};
    r.path = malloc(plen + 1);
    r.anchor = al ? malloc(al + 1) : NULL;
    if (!r.path || (al && !r.anchor)) {
        free(r.path);
        free(r.anchor);
        free(dec);
        return -1;
    }
    memcpy(r.path, s, plen);
    r.path[plen] = '\0';
    if (al) {
        memcpy(r.anchor, s + as, al);
        r.anchor[al] = '\0';
    }
    /* The span of a decoded link is its raw text up to the suffix. */
    size_t raw_plen = plen;
    if (link) raw_plen = b - a - (n - plen);
    free(dec);
    r.start = a;
    r.end = a + raw_plen;
    r.full_end = b;
    r.line = line;
    r.line_end = line_end;
    r.kind = link ? PATH_REF_LINK : PATH_REF_CODE;
    size_t ba, bb;
    int item;
    block_of(sc, ln, &ba, &bb, &item);
    size_t xa = text_line_start(sc->t, ba), xb = text_line_end(sc->t, bb);
    if (item) {
        size_t m = list_marker(d + xa, xb - xa);
        const char *box = d + xa + m;
        if (sc->in_progress && xb - xa - m >= 3 && box[0] == '[' && (box[1] == 'x' || box[1] == 'X') && box[2] == ']')
            r.done_progress = 1;
        r.creates = sc->heading_creates || sc->lead_creates || says_create(d + xa, xb - xa, sc->cfg);
    } else {
        size_t sa, sb;
        sentence_of(d, xa, xb, a, b, &sa, &sb);
        r.creates = sc->heading_creates || says_create(d + sa, sb - sa, sc->cfg);
    }
    sc->out->items[sc->out->n++] = r;
    return 0;
}

/* The code spans and link targets of one line of text [s, e). */
static int scan_line(scan_t *sc, size_t s, size_t e, size_t ln) {
    const char *d = sc->t->data;
    /* A link reference definition: "[id]: target". */
    size_t i = s;
    while (i < e && i - s < 3 && d[i] == ' ') i++;
    if (i < e && d[i] == '[') {
        const char *close = memchr(d + i, ']', e - i);
        if (close && close + 1 < d + e && close[1] == ':') {
            size_t a = (size_t)(close - d) + 2;
            while (a < e && d[a] == ' ') a++;
            size_t b = a;
            while (b < e && d[b] != ' ' && d[b] != '\t') b++;
            if (b > a && d[a] == '<' && d[b - 1] == '>') a++, b--;
            return b > a ? candidate(sc, a, b, 1, ln) : 0;
        }
    }
    for (i = s; i < e; i++) {
        char c = d[i];
        if (c == '\\') {
            i++;
            continue;
        }
        if (c == '`') {
            size_t run = 0;
            while (i + run < e && d[i + run] == '`') run++;
            size_t j = i + run;
            size_t close = 0;
            while (j < e) {
                if (d[j] == '`') {
                    size_t r2 = 0;
                    while (j + r2 < e && d[j + r2] == '`') r2++;
                    if (r2 == run) {
                        close = j;
                        break;
                    }
                    j += r2;
                } else {
                    j++;
                }
            }
            if (!close) {
                i += run - 1;
                continue;
            }
            size_t a = i + run, b = close;
            while (a < b && d[a] == ' ') a++;
            while (b > a && d[b - 1] == ' ') b--;
            if (b > a && candidate(sc, a, b, 0, ln) < 0) return -1;
            i = close + run - 1;
            continue;
        }
        if (c == ']' && i + 1 < e && d[i + 1] == '(') {
            size_t a = i + 2;
            while (a < e && d[a] == ' ') a++;
            size_t b = a;
            if (a < e && d[a] == '<') {
                a++;
                b = a;
                while (b < e && d[b] != '>') b++;
                if (b >= e) continue;
            } else {
                int depth = 0;
                while (b < e && d[b] != ' ' && d[b] != '\t') {
                    if (d[b] == '(') depth++;
                    if (d[b] == ')' && depth-- == 0) break;
                    b++;
                }
            }
            if (b > a && candidate(sc, a, b, 1, ln) < 0) return -1;
            i = b;
        }
    }
    return 0;
}

/* A fence line: "```" or "~~~" (3 or more) after at most 3 spaces. */
static size_t indent_of(const char *l, size_t n) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (l[i] == ' ')
            w++;
        else if (l[i] == '\t')
            w += 4 - w % 4;
        else
            break;
    }
    return w;
}

int path_refs_extract(const text_t *t, size_t start, size_t end, const config_t *cfg, int in_progress,
                      path_ref_list_t *out) {
    if (end > t->len) end = t->len;
    if (start >= end) return 0;
    scan_t sc = {t, start, end, cfg, in_progress, out, 0, 0};
    size_t first = text_line_of(t, start), last = text_line_of(t, end - 1);
    int in_fence = 0, in_list = 0, prev_blank = 1;
    char fch = 0;
    size_t fcount = 0;
    for (size_t ln = first; ln <= last; ln++) {
        size_t s = text_line_start(t, ln), e = text_line_end(t, ln);
        if (e > end) e = end;
        const char *l = t->data + s;
        size_t n = e - s;
        if (in_fence) {
            if (md_fence_closes(l, n, fch, fcount)) in_fence = 0;
            continue;
        }
        if (text_line_is_blank(t, ln)) {
            prev_blank = 1;
            continue;
        }
        if ((fcount = md_fence_opens(l, n, &fch))) {
            in_fence = 1;
            continue;
        }
        size_t ind = indent_of(l, n);
        /* An indented line after a blank one is code unless a list goes on. */
        if (ind >= 4 && prev_blank && !in_list) continue;
        if (list_marker(l, n)) {
            in_list = 1;
        } else if (ind == 0 && l[0] == '#') {
            sc.heading_creates = says_create(l, n, cfg);
            sc.lead_creates = 0;
        } else if (ind == 0 && prev_blank) {
            in_list = 0;
            /* A paragraph that ends with ':' leads into the list after it. */
            size_t k = n;
            while (k && (l[k - 1] == ' ' || l[k - 1] == '\r' || l[k - 1] == '*')) k--;
            sc.lead_creates = k && l[k - 1] == ':' && says_create(l, k, cfg);
        }
        prev_blank = 0;
        /* Most lines name no path: two memchr calls rule them out. */
        if ((memchr(l, '`', n) || memchr(l, ']', n)) && scan_line(&sc, s, e, ln) < 0) return -1;
    }
    return 0;
}
