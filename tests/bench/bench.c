/* bench.c: the planls benchmark. Drives the real server over pipes, as an
 * editor does, on generated plans of 500, 5,000 and 50,000 lines, and prints a
 * Markdown table of latencies and memory with PASS/FAIL against the budgets
 * (tests/bench/README.md). With --work it counts work instead of time: bytes
 * re-parsed per keystroke, read from the server's `$/planls/stats` request.
 *
 * Not a test: timings depend on the machine. Usage:
 *   planls-bench [--work] [--quick] [--sizes 500,5000,50000]
 *                [--dialect guide|cookbook|both] [--no-check] PATH/TO/planls
 *   planls-bench --shapes [--quick]   (parse time by shape, in-process)
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "plan.h"
#include "rnd.h"
#include "text.h"
#include "timestamp.h"

extern char **environ;

#define FIXED_NOW "2026-11-25T17:03Z"
#define WAIT_MS 120000 /* any single wait; a hung server fails the run */

/* ---- small utilities --------------------------------------------------- */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "planls-bench: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct {
    char *p;
    size_t n, cap;
} buf_t;

static void buf_reserve(buf_t *b, size_t extra) {
    if (b->n + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1) cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void buf_add(buf_t *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_puts(buf_t *b, const char *s) { buf_add(b, s, strlen(s)); }

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static void buf_printf(buf_t *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void buf_printf(buf_t *b, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char probe[1];
    int k = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    if (k < 0) die("vsnprintf failed");
    buf_reserve(b, (size_t)k);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap2);
    va_end(ap2);
    b->n += (size_t)k;
}

static void buf_free(buf_t *b) {
    free(b->p);
    memset(b, 0, sizeof *b);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Quantile by rank (nearest-rank method): q = 0.5 median, 0.99 p99. */
static double quantile(const double *v, size_t n, double q) {
    if (n == 0) return 0;
    double *c = xmalloc(n * sizeof *c);
    memcpy(c, v, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_double);
    double r;
    if (q == 0.5) {
        r = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    } else {
        size_t k = (size_t)(q * (double)n + 0.999999);
        if (k < 1) k = 1;
        if (k > n) k = n;
        r = c[k - 1];
    }
    free(c);
    return r;
}

static double vmax(const double *v, size_t n) {
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > m) m = v[i];
    return m;
}

/* ---- deterministic randomness ------------------------------------------ */

static rnd_t rng;

static void rng_seed(uint64_t s) { rng.state = s * 0x9E3779B97F4A7C15ull + 1; }

static unsigned pick(unsigned n) { return (unsigned)(rnd_splitmix(&rng) % n); } /* [0, n) */

/* ---- civil time: planls's own timestamp module ------------------------- */

static int64_t days_from_civil(int y, int m, int d) { return ts_minutes_from_civil(y, m, d, 0, 0) / 1440; }

/* "YYYY-MM-DD HH:MM" */
static void fmt_minutes(int64_t min, char out[32]) {
    char stamp[40];
    ts_format(min, TS_STYLE_GUIDE, stamp); /* "[YYYY-MM-DD HH:MM UTC]" */
    snprintf(out, 32, "%.16s", stamp + 1);
}

/* ---- plan generator ---------------------------------------------------- */

typedef enum { L_BLANK, L_HEADING, L_ENTRY, L_SUB, L_PROSE, L_FENCE, L_CODE, L_OTHER } line_kind_t;

enum {
    S_LEAD,
    S_PURPOSE,
    S_TODO,
    S_PROGRESS,
    S_SURPRISES,
    S_DECISIONS,
    S_OUTCOMES,
    S_CONTEXT,
    S_PLAN,
    S_STEPS,
    S_VALIDATION,
    S_IDEMPOTENCE,
    S_ARTIFACTS,
    S_INTERFACES,
    S_COUNT
};

static const char *const section_title[S_COUNT] = {"",
                                                   "Purpose / Big Picture",
                                                   "To-do",
                                                   "Progress",
                                                   "Surprises & Discoveries",
                                                   "Decision Log",
                                                   "Outcomes & Retrospective",
                                                   "Context and Orientation",
                                                   "Plan of Work",
                                                   "Concrete Steps",
                                                   "Validation and Acceptance",
                                                   "Idempotence and Recovery",
                                                   "Artifacts and Notes",
                                                   "Interfaces and Dependencies"};

/* Share of the document's lines, in percent: most of a grown plan is its
 * Progress, Surprises and Decision Log entries. */
static const double section_share[S_COUNT] = {0, 1, 3, 38, 14, 24, 1, 4, 3, 4, 2, 1.5, 3, 1.5};

typedef struct {
    char **line;
    unsigned char *kind, *sec;
    size_t n, cap;
    size_t bytes; /* of the joined text, with "\n" after each line */
} doc_t;

static void doc_push(doc_t *d, line_kind_t kind, int sec, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void doc_push(doc_t *d, line_kind_t kind, int sec, const char *fmt, ...) {
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->line = xrealloc(d->line, d->cap * sizeof *d->line);
        d->kind = xrealloc(d->kind, d->cap);
        d->sec = xrealloc(d->sec, d->cap);
    }
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char probe[1];
    int k = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)k + 1);
    vsnprintf(s, (size_t)k + 1, fmt, ap2);
    va_end(ap2);
    d->line[d->n] = s;
    d->kind[d->n] = (unsigned char)kind;
    d->sec[d->n] = (unsigned char)sec;
    d->n++;
    d->bytes += (size_t)k + 1;
}

static void doc_free(doc_t *d) {
    for (size_t i = 0; i < d->n; i++) free(d->line[i]);
    free(d->line);
    free(d->kind);
    free(d->sec);
    memset(d, 0, sizeof *d);
}

static char *doc_text(const doc_t *d, size_t *len) {
    buf_t b = {0};
    buf_reserve(&b, d->bytes);
    for (size_t i = 0; i < d->n; i++) {
        buf_puts(&b, d->line[i]);
        buf_add(&b, "\n", 1);
    }
    *len = b.n;
    return b.p;
}

static const char *const W_EN[] = {
    "parser",   "cache",     "index",     "rebuilt",    "the",     "section",     "timeout",   "retry",
    "latency",  "flaky",     "test",      "migration",  "schema",  "endpoint",    "token",     "queue",
    "worker",   "budget",    "profile",   "allocation", "heading", "fence",       "renders",   "merged",
    "reviewed", "fixed",     "added",     "measured",   "dropped", "kept",        "split",     "moved",
    "a",        "of",        "in",        "after",      "before",  "with",        "for",       "to",
    "staging",  "rollout",   "callback",  "session",    "cookie",  "incremental", "window",    "offsets",
    "UTF-16",   "surrogate", "benchmark", "regression", "p99",     "median",      "keystroke", "diagnostics"};
static const char *const W_CJK[] = {"日本語", "検索",       "索引を再構築", "中文测试", "性能", "한국어",
                                    "테스트", "キャッシュ", "増分解析",     "文档",     "提交", "確認済み"};
static const char *const W_EMOJI[] = {"🚀", "✅", "🐛", "🔧", "⚠️", "📈", "🎉", "🔥", "🧪", "⏱️"};
static const char *const W_IDENT[] = {"plan_update", "text_replace",  "parse_chunk",      "uv_run",
                                      "json_dumpb",  "rules_section", "cmark_parser_feed"};
static const char *const W_CMD[] = {"meson test -C build --suite unit",
                                    "ninja -C build-rel",
                                    "build/server/planls check collab/execplans",
                                    "git diff --stat HEAD~1",
                                    "perf record -g -- ./planls",
                                    "curl -s localhost:8080/healthz | jq .",
                                    "echo '完了 ✅'"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void sentence(buf_t *b, int nwords) {
    for (int i = 0; i < nwords; i++) {
        if (i) buf_add(b, " ", 1);
        unsigned r = pick(100);
        if (r < 12)
            buf_puts(b, W_CJK[pick(NELEM(W_CJK))]);
        else if (r < 17)
            buf_puts(b, W_EMOJI[pick(NELEM(W_EMOJI))]);
        else if (r < 20)
            buf_printf(b, "`%s()`", W_IDENT[pick(NELEM(W_IDENT))]);
        else
            buf_puts(b, W_EN[pick(NELEM(W_EN))]);
    }
}

static const char *say(int lo, int hi) {
    static buf_t b;
    b.n = 0;
    buf_reserve(&b, 0);
    b.p[0] = '\0';
    sentence(&b, lo + (int)pick((unsigned)(hi - lo + 1)));
    return b.p;
}

typedef struct {
    doc_t *d;
    int cookbook;
    int64_t clock;  /* the current section's clock */
    int64_t step;   /* mean minutes between entries of this section */
    int64_t newest; /* newest stamp written anywhere */
} gen_t;

#define GEN_START (days_from_civil(2026, 1, 5) * 1440 + 9 * 60)
#define GEN_END (days_from_civil(2026, 11, 20) * 1440)

static const char *next_stamp(gen_t *g) {
    static char s[32];
    g->clock += g->step / 2 + (int64_t)pick((unsigned)g->step + 1);
    if (g->clock > g->newest) g->newest = g->clock;
    fmt_minutes(g->clock, s);
    return s;
}

/* A fenced block of n lines, indented by ind spaces (inside a list item). */
static void fenced(gen_t *g, int sec, int ind, int n) {
    doc_push(g->d, L_FENCE, sec, "%*s```%s", ind, "", pick(2) ? "sh" : "text");
    for (int i = 0; i < n; i++) {
        if (pick(3))
            doc_push(g->d, L_CODE, sec, "%*s%s", ind, "", W_CMD[pick(NELEM(W_CMD))]);
        else
            doc_push(g->d, L_CODE, sec, "%*s%s", ind, "", say(3, 8));
    }
    doc_push(g->d, L_FENCE, sec, "%*s```", ind, "");
}

static void gen_entry(gen_t *g, int sec) {
    doc_t *d = g->d;
    unsigned r = pick(1000);
    if (sec == S_TODO) {
        doc_push(d, L_ENTRY, sec, "- [%c] %s", pick(3) ? ' ' : 'x', say(4, 10));
        return;
    }
    if (sec == S_PROGRESS) {
        if (g->cookbook) {
            if (r < 30)
                doc_push(d, L_ENTRY, sec, "- [ ] %s", say(5, 12));
            else
                doc_push(d, L_ENTRY, sec, "- [x] (%sZ) %s", next_stamp(g), say(5, 14));
        } else if (r < 5) {
            doc_push(d, L_ENTRY, sec, "- %s", say(5, 12)); /* undated: a diagnostic */
        } else if (r < 15) {
            doc_push(d, L_ENTRY, sec, "- ⏸️ [%s UTC] Blocked: %s", next_stamp(g), say(4, 10));
        } else {
            doc_push(d, L_ENTRY, sec, "- [%s UTC] %s", next_stamp(g), say(5, 14));
        }
        unsigned subs = pick(2) ? pick(3) + 1 : 0;
        for (unsigned i = 0; i < subs; i++) doc_push(d, L_SUB, sec, "  - %s", say(4, 12));
        if (pick(25) == 0) fenced(g, sec, 2, 1 + (int)pick(4));
        return;
    }
    if (sec == S_SURPRISES) {
        if (g->cookbook) {
            doc_push(d, L_ENTRY, sec, "- Observation: %s", say(5, 14));
            doc_push(d, L_SUB, sec, "  Evidence: %s", say(4, 12));
        } else {
            doc_push(d, L_ENTRY, sec, "- [%s UTC] %s", next_stamp(g), say(5, 14));
            doc_push(d, L_SUB, sec, "  - Evidence: %s", say(4, 12));
            if (pick(2)) doc_push(d, L_SUB, sec, "  - Impact: %s", say(3, 10));
        }
        if (pick(12) == 0) fenced(g, sec, 2, 2 + (int)pick(5));
        return;
    }
    if (sec == S_DECISIONS) {
        int rationale = r >= 10; /* one in a hundred gives none: a diagnostic */
        if (g->cookbook) {
            doc_push(d, L_ENTRY, sec, "- Decision: %s", say(5, 14));
            if (rationale) doc_push(d, L_SUB, sec, "  Rationale: %s", say(6, 16));
            char s[32];
            fmt_minutes(g->clock += g->step, s);
            s[10] = '\0';
            doc_push(d, L_SUB, sec, "  Date/Author: %s / dev", s);
        } else {
            doc_push(d, L_ENTRY, sec, "- [%s UTC] Decision: %s", next_stamp(g), say(5, 14));
            if (rationale) doc_push(d, L_SUB, sec, "  - Rationale: %s", say(6, 16));
            if (pick(2)) doc_push(d, L_SUB, sec, "  - Alternatives: %s", say(4, 10));
        }
        return;
    }
}

static void gen_prose(gen_t *g, int sec, size_t until) {
    doc_t *d = g->d;
    while (d->n < until) {
        unsigned r = pick(10);
        size_t room = until - d->n;
        if ((sec == S_STEPS || sec == S_ARTIFACTS) && r < 4 && room >= 5) {
            int n = 1 + (int)pick(room - 3 < 8 ? (unsigned)(room - 3) : 8);
            fenced(g, sec, 0, n);
        } else if (r < 2 && room >= 3) {
            unsigned n = 1 + pick(room - 1 < 4 ? (unsigned)(room - 1) : 4);
            for (unsigned i = 0; i < n; i++) doc_push(d, L_ENTRY, sec, "%u. %s", i + 1, say(4, 12));
        } else {
            unsigned n = 1 + pick(room - 1 < 4 ? (unsigned)(room > 1 ? room - 1 : 1) : 4);
            for (unsigned i = 0; i < n && d->n < until; i++) doc_push(d, L_PROSE, sec, "%s", say(8, 16));
        }
        if (d->n < until) doc_push(d, L_BLANK, sec, "%s", "");
    }
}

/* A plan of exactly nlines lines in the given dialect. */
static void gen_plan(doc_t *d, size_t nlines, int cookbook, uint64_t seed) {
    memset(d, 0, sizeof *d);
    rng_seed(seed);
    gen_t g = {d, cookbook, GEN_START, 60, GEN_START};
    doc_push(d, L_HEADING, S_LEAD, "# Incremental 検索 index for the planner 🚀 (%zu lines)", nlines);
    doc_push(d, L_BLANK, S_LEAD, "%s", "");
    if (cookbook)
        doc_push(d, L_PROSE, S_LEAD,
                 "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, "
                 "`Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.");
    else
        doc_push(d, L_PROSE, S_LEAD,
                 "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current "
                 "as work proceeds.");
    doc_push(d, L_BLANK, S_LEAD, "%s", "");
    size_t footer = cookbook ? 4 : 4; /* blank, rule/revision, and two lines */
    size_t body = nlines > 60 ? nlines - footer : 56;
    double cum = 0, total = 0;
    for (int s = S_PURPOSE; s < S_COUNT; s++)
        if (!(cookbook && s == S_TODO)) total += section_share[s];
    for (int s = S_PURPOSE; s < S_COUNT; s++) {
        if (cookbook && s == S_TODO) continue;
        cum += section_share[s];
        size_t until = (size_t)(cum / total * (double)body + 0.5);
        if (until < d->n + 4) until = d->n + 4;
        doc_push(d, L_HEADING, s, "## %s", section_title[s]);
        doc_push(d, L_BLANK, s, "%s", "");
        if (s == S_TODO || s == S_PROGRESS || s == S_SURPRISES || s == S_DECISIONS) {
            /* Each section keeps its own clock, ordered, ending before "now". */
            g.clock = GEN_START;
            size_t lines = until > d->n ? until - d->n : 1;
            g.step = (GEN_END - GEN_START) / (int64_t)lines;
            if (g.step > 120) g.step = 120;
            if (g.step < 2) g.step = 2;
            while (d->n + 1 < until) {
                gen_entry(&g, s);
                if (pick(40) == 0 && d->n + 1 < until) doc_push(d, L_BLANK, s, "%s", "");
            }
            doc_push(d, L_BLANK, s, "%s", "");
        } else {
            gen_prose(&g, s, until);
            if (d->n == 0 || d->kind[d->n - 1] != L_BLANK) doc_push(d, L_BLANK, s, "%s", "");
        }
    }
    char s[32];
    if (cookbook) {
        fmt_minutes(g.newest, s);
        s[10] = '\0';
        doc_push(d, L_PROSE, S_INTERFACES, "Revision note (%s): regenerated by planls-bench; %s", s, say(4, 8));
        doc_push(d, L_BLANK, S_INTERFACES, "%s", "");
        doc_push(d, L_PROSE, S_INTERFACES, "Revision note (%s): added the 検索 benchmark section.", s);
    } else {
        doc_push(d, L_OTHER, S_INTERFACES, "---");
        fmt_minutes(GEN_START - 10, s);
        doc_push(d, L_OTHER, S_INTERFACES, "**Created**: [%s UTC]", s);
        fmt_minutes(g.newest, s);
        doc_push(d, L_OTHER, S_INTERFACES, "**Last Updated**: [%s UTC]", s);
    }
    /* Trim or pad (with prose) to exactly nlines. */
    while (d->n > nlines && d->n > 0) {
        size_t k = d->n - 1;
        d->bytes -= strlen(d->line[k]) + 1;
        free(d->line[k]);
        d->n--;
    }
    while (d->n < nlines) doc_push(d, L_PROSE, S_INTERFACES, "%s", say(6, 12));
}

/* UTF-16 code units in s[0..n). */
static long utf16_units(const char *s, size_t n) {
    long u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80) continue;
        u += c >= 0xF0 ? 2 : 1;
    }
    return u;
}

/* Inserts s at byte column col of line k. */
static void doc_insert(doc_t *d, size_t k, size_t col, const char *s) {
    size_t n = strlen(d->line[k]), m = strlen(s);
    char *l = xmalloc(n + m + 1);
    memcpy(l, d->line[k], col);
    memcpy(l + col, s, m);
    memcpy(l + col + m, d->line[k] + col, n - col + 1);
    free(d->line[k]);
    d->line[k] = l;
    d->bytes += m;
}

/* ---- the server process ------------------------------------------------ */

typedef struct {
    char *body;
    size_t len;
    double t; /* when its last byte was read */
} frame_t;

typedef struct {
    pid_t pid;
    int to, from; /* its stdin (ours to write), its stdout */
    FILE *err;    /* its stderr, a temporary file */
    buf_t in;     /* bytes read, not framed yet */
    size_t in_pos;
    frame_t *q;
    size_t qhead, qn, qcap;
    int eof;
    long long next_id;
    double spawned;
} srv_t;

static char **child_env(void) {
    size_t n = 0;
    while (environ[n]) n++;
    char **env = xmalloc((n + 2) * sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "PLANLS_NOW=", 11) != 0 && strncmp(environ[i], "PLANLS_LOG=", 11) != 0)
            env[k++] = environ[i];
    env[k++] = "PLANLS_NOW=" FIXED_NOW;
    env[k] = NULL;
    return env;
}

static void set_cloexec(int fd) { fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC); }

/* Spawns argv[0] with stdin/stdout as given (-1: /dev/null) and stderr to errfd. */
static pid_t spawn(char *const argv[], int in_fd, int out_fd, int err_fd) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (in_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
    else
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    else
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    char **env = child_env();
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, env);
    free(env);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) die("cannot start %s: %s", argv[0], strerror(rc));
    return pid;
}

static void srv_start(srv_t *s, const char *bin) {
    memset(s, 0, sizeof *s);
    int in[2], out[2];
    if (pipe(in) < 0 || pipe(out) < 0) die("pipe: %s", strerror(errno));
    set_cloexec(in[1]);
    set_cloexec(out[0]);
    s->err = tmpfile();
    if (!s->err) die("tmpfile: %s", strerror(errno));
    char *argv[] = {(char *)bin, NULL};
    s->spawned = now_ms();
    s->pid = spawn(argv, in[0], out[1], fileno(s->err));
    close(in[0]);
    close(out[1]);
    s->to = in[1];
    s->from = out[0];
    fcntl(s->to, F_SETFL, fcntl(s->to, F_GETFL) | O_NONBLOCK);
    fcntl(s->from, F_SETFL, fcntl(s->from, F_GETFL) | O_NONBLOCK);
    s->next_id = 1;
}

static void srv_dump_stderr(srv_t *s) {
    if (!s->err) return;
    fflush(s->err);
    rewind(s->err);
    char line[512];
    int k = 0;
    fprintf(stderr, "--- planls stderr ---\n");
    while (fgets(line, sizeof line, s->err) && k++ < 40) fputs(line, stderr);
}

static void srv_fail(srv_t *s, const char *what) {
    srv_dump_stderr(s);
    die("%s", what);
}

/* Cuts complete frames out of s->in, stamping them with t. */
static void srv_frames(srv_t *s, double t) {
    for (;;) {
        char *p = s->in.p + s->in_pos;
        size_t avail = s->in.n - s->in_pos;
        char *hdr_end = NULL;
        for (size_t i = 0; i + 3 < avail; i++)
            if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n') {
                hdr_end = p + i;
                break;
            }
        if (!hdr_end) break;
        size_t len = 0;
        int have = 0;
        for (char *l = p; l < hdr_end;) {
            char *e = l;
            while (e < hdr_end && *e != '\r') e++;
            if ((size_t)(e - l) > 15 && strncasecmp(l, "content-length:", 15) == 0) {
                len = strtoul(l + 15, NULL, 10);
                have = 1;
            }
            l = e + 2;
        }
        if (!have) srv_fail(s, "a frame from planls has no Content-Length");
        size_t hlen = (size_t)(hdr_end - p) + 4;
        if (avail < hlen + len) break;
        if (s->qn == s->qcap) {
            s->qcap = s->qcap ? s->qcap * 2 : 64;
            s->q = xrealloc(s->q, s->qcap * sizeof *s->q);
        }
        frame_t *f = &s->q[s->qn++];
        f->body = xmalloc(len + 1);
        memcpy(f->body, p + hlen, len);
        f->body[len] = '\0';
        f->len = len;
        f->t = t;
        s->in_pos += hlen + len;
    }
    if (s->in_pos == s->in.n) {
        s->in.n = s->in_pos = 0;
    } else if (s->in_pos > (1u << 20)) {
        memmove(s->in.p, s->in.p + s->in_pos, s->in.n - s->in_pos);
        s->in.n -= s->in_pos;
        s->in_pos = 0;
    }
}

/* Reads what is there (non-blocking). */
static void srv_read(srv_t *s) {
    for (;;) {
        buf_reserve(&s->in, 1 << 20);
        ssize_t k = read(s->from, s->in.p + s->in.n, s->in.cap - s->in.n - 1);
        if (k > 0) {
            s->in.n += (size_t)k;
            srv_frames(s, now_ms());
            continue;
        }
        if (k == 0)
            s->eof = 1;
        else if (errno == EINTR)
            continue;
        return;
    }
}

/* Writes all of data, reading the server's output meanwhile (it may block on
 * a full stdout pipe otherwise). Returns the time just before the write that
 * completed it: read after that write, the clock would miss work the server
 * did while the write woke it and this process waited for the CPU. */
static double srv_write(srv_t *s, const char *data, size_t len) {
    size_t off = 0;
    double sent = now_ms();
    while (off < len) {
        sent = now_ms();
        ssize_t k = write(s->to, data + off, len - off);
        if (k > 0) {
            off += (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && errno != EAGAIN) srv_fail(s, "writing to planls failed (did it exit?)");
        struct pollfd pf[2] = {{s->to, POLLOUT, 0}, {s->from, POLLIN, 0}};
        if (poll(pf, 2, WAIT_MS) <= 0) srv_fail(s, "planls stopped reading its input");
        if (pf[1].revents) srv_read(s);
    }
    return sent;
}

static double srv_send(srv_t *s, const char *body) {
    char hdr[64];
    size_t n = strlen(body);
    int h = snprintf(hdr, sizeof hdr, "Content-Length: %zu\r\n\r\n", n);
    buf_t b = {0};
    buf_reserve(&b, (size_t)h + n);
    buf_add(&b, hdr, (size_t)h);
    buf_add(&b, body, n);
    double t = srv_write(s, b.p, b.n);
    buf_free(&b);
    return t;
}

static double srv_send_json(srv_t *s, json_t *msg) {
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body) die("cannot encode a message");
    double t = srv_send(s, body);
    free(body);
    return t;
}

/* The next message (parsed), with its arrival time. */
static json_t *srv_next(srv_t *s, double *t) {
    while (s->qhead == s->qn) {
        s->qhead = s->qn = 0;
        if (s->eof) srv_fail(s, "planls closed its output");
        struct pollfd pf = {s->from, POLLIN, 0};
        int rc = poll(&pf, 1, WAIT_MS);
        if (rc == 0) srv_fail(s, "timed out waiting for planls");
        if (rc < 0 && errno != EINTR) srv_fail(s, "poll failed");
        srv_read(s);
    }
    frame_t *f = &s->q[s->qhead++];
    json_error_t err;
    json_t *msg = json_loadb(f->body, f->len, 0, &err);
    if (!msg) srv_fail(s, "planls sent a body that is not JSON");
    free(f->body);
    if (t) *t = f->t;
    /* Requests from the server get an empty answer. */
    json_t *id = json_object_get(msg, "id");
    if (id && json_object_get(msg, "method"))
        srv_send_json(s, json_pack("{s:s,s:O,s:n}", "jsonrpc", "2.0", "id", id, "result"));
    return msg;
}

static json_t *srv_wait_response(srv_t *s, long long id, double *t) {
    for (;;) {
        json_t *m = srv_next(s, t);
        json_t *mid = json_object_get(m, "id");
        if (json_is_integer(mid) && json_integer_value(mid) == id && !json_object_get(m, "method")) return m;
        json_decref(m);
    }
}

/* Waits for publishDiagnostics of uri at version; counts the publishes seen. */
static json_t *srv_wait_publish(srv_t *s, const char *uri, long long version, double *t, unsigned *seen) {
    for (;;) {
        json_t *m = srv_next(s, t);
        const char *method = json_string_value(json_object_get(m, "method"));
        if (method && strcmp(method, "textDocument/publishDiagnostics") == 0) {
            json_t *p = json_object_get(m, "params");
            const char *u = json_string_value(json_object_get(p, "uri"));
            json_t *v = json_object_get(p, "version");
            if (u && strcmp(u, uri) == 0 && json_is_integer(v)) {
                if (seen) (*seen)++;
                if (json_integer_value(v) == version) return m;
            }
        }
        json_decref(m);
    }
}

static long long srv_request(srv_t *s, const char *method, json_t *params, double *sent) {
    long long id = s->next_id++;
    json_t *msg = json_pack("{s:s,s:I,s:s}", "jsonrpc", "2.0", "id", (json_int_t)id, "method", method);
    if (params) json_object_set_new(msg, "params", params);
    double t = srv_send_json(s, msg);
    if (sent) *sent = t;
    return id;
}

static double srv_initialize(srv_t *s) {
    json_t *caps =
        json_pack("{s:{s:[s]},s:{s:{s:b},s:{s:{s:b}},s:{s:{s:{s:[s,s,s]}}},s:{s:b},s:{s:b}},"
                  "s:{s:b,s:{s:b}},s:{s:{s:b}}}",
                  "general", "positionEncodings", "utf-16", "textDocument", "publishDiagnostics", "versionSupport", 1,
                  "completion", "completionItem", "snippetSupport", 1, "codeAction", "codeActionLiteralSupport",
                  "codeActionKind", "valueSet", "quickfix", "refactor", "refactor.rewrite", "documentSymbol",
                  "hierarchicalDocumentSymbolSupport", 1, "synchronization", "didSave", 1, "workspace", "applyEdit", 1,
                  "workspaceEdit", "documentChanges", 1, "window", "showDocument", "support", 1);
    long long id = srv_request(s, "initialize",
                               json_pack("{s:i,s:n,s:o,s:{s:s}}", "processId", (int)getpid(), "rootUri", "capabilities",
                                         caps, "clientInfo", "name", "planls-bench"),
                               NULL);
    double t;
    json_t *r = srv_wait_response(s, id, &t);
    if (!json_object_get(r, "result")) srv_fail(s, "initialize failed");
    json_decref(r);
    srv_send_json(s, json_pack("{s:s,s:s,s:{}}", "jsonrpc", "2.0", "method", "initialized", "params"));
    return t - s->spawned;
}

static long vm_hwm_kib(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static int srv_stop(srv_t *s) {
    if (!s->eof) {
        long long id = srv_request(s, "shutdown", NULL, NULL);
        json_decref(srv_wait_response(s, id, NULL));
        srv_send_json(s, json_pack("{s:s,s:s}", "jsonrpc", "2.0", "method", "exit"));
    }
    close(s->to);
    int status = 0;
    waitpid(s->pid, &status, 0);
    close(s->from);
    for (size_t i = s->qhead; i < s->qn; i++) free(s->q[i].body);
    free(s->q);
    buf_free(&s->in);
    if (s->err) fclose(s->err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- work counters: the $/planls/stats request --------------------------
 *
 * Proposed server side (not in planls yet): a request "$/planls/stats" with
 * params {"textDocument": {"uri"}} answering the document's plan_stats_t:
 * {"fullParses": N, "partialParses": N, "bytesParsed": N}. Older servers
 * answer -32601 and --work says so. */

typedef struct {
    int ok;
    unsigned long long full, partial, bytes;
} stats_t;

static stats_t srv_stats(srv_t *s, const char *uri) {
    stats_t st = {0};
    long long id = srv_request(s, "$/planls/stats", json_pack("{s:{s:s}}", "textDocument", "uri", uri), NULL);
    json_t *r = srv_wait_response(s, id, NULL);
    json_t *res = json_object_get(r, "result");
    if (json_is_object(res)) {
        st.ok = 1;
        st.full = (unsigned long long)json_integer_value(json_object_get(res, "fullParses"));
        st.partial = (unsigned long long)json_integer_value(json_object_get(res, "partialParses"));
        st.bytes = (unsigned long long)json_integer_value(json_object_get(res, "bytesParsed"));
    }
    json_decref(r);
    return st;
}

/* ---- one benchmark run: a size and a dialect -------------------------- */

typedef struct {
    int keystrokes, bursts, burst_len, requests, symbols, opens, spawns;
} counts_t;

typedef struct {
    size_t lines, bytes, ndiags;
    double spawn, open, open_min;
    double ks_med, ks_p90, ks_p99, ks_max;
    int nks;
    double burst_med, burst_max;
    unsigned burst_publishes; /* per burst, mean */
    double compl_med, compl_p99, action_med, action_p99, sym_med, fold_med;
    int ncompl, naction, nsym;
    long rss_kib, rss_budget_kib, rss_open_kib;
    /* --work */
    stats_t st_open;
    int have_stats;
    double ks_bytes, ks_partial, ks_full; /* per keystroke */
    double burst_bytes;                   /* per burst */
    unsigned long long req_bytes;         /* over all requests */
    double server_cpu_ks_ms;              /* server CPU per keystroke (from /proc) */
} result_t;

static double proc_cpu_ms(pid_t pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    unsigned long utime = 0, stime = 0;
    /* fields after the command: state(3) ... utime(14) stime(15) */
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 14) utime = strtoul(tok, NULL, 10);
        if (field == 15) {
            stime = strtoul(tok, NULL, 10);
            break;
        }
    }
    return (double)(utime + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static json_t *pos_json(long line, long ch) {
    return json_pack("{s:i,s:i}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

static void send_change(srv_t *s, const char *uri, long long version, long line, long ch, const char *text,
                        double *sent) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
             "{\"uri\":\"%s\",\"version\":%lld},\"contentChanges\":[{\"range\":{\"start\":{\"line\":%ld,"
             "\"character\":%ld},\"end\":{\"line\":%ld,\"character\":%ld}},\"text\":\"%s\"}]}}",
             uri, version, line, ch, line, ch, text);
    double t = srv_send(s, body);
    if (sent) *sent = t;
}

static const char *const KEYS[] = {"e", "t", "a", "o", "i", "n", " ", "s", "r", "h", "l", "日", "d", "u", "🚀"};

static double run_request(srv_t *s, const char *method, json_t *params) {
    double t0, t1;
    long long id = srv_request(s, method, params, &t0);
    json_t *r = srv_wait_response(s, id, &t1);
    if (json_object_get(r, "error")) {
        char *e = json_dumps(json_object_get(r, "error"), JSON_COMPACT);
        fprintf(stderr, "planls-bench: %s failed: %s\n", method, e);
        free(e);
    }
    json_decref(r);
    return t1 - t0;
}

static void run_one(const char *bin, size_t nlines, int cookbook, const counts_t *c, int work, result_t *r) {
    memset(r, 0, sizeof *r);
    doc_t d;
    gen_plan(&d, nlines, cookbook, 1000 + nlines * 2 + (size_t)cookbook);
    size_t len;
    char *text = doc_text(&d, &len);
    r->lines = d.n;
    r->bytes = len;
    char uri[128];
    snprintf(uri, sizeof uri, "file:///tmp/planls-bench/execplans/plan-%zu-%s.md", nlines,
             cookbook ? "cookbook" : "guide");

    /* spawn -> initialize answered */
    double *sp = xmalloc((size_t)c->spawns * sizeof *sp);
    for (int i = 0; i < c->spawns; i++) {
        srv_t s;
        srv_start(&s, bin);
        sp[i] = srv_initialize(&s);
        srv_stop(&s);
    }
    r->spawn = quantile(sp, (size_t)c->spawns, 0.5);
    free(sp);

    srv_t s;
    srv_start(&s, bin);
    srv_initialize(&s);

    /* open -> first diagnostics; the last open stays */
    json_t *td = json_pack("{s:s,s:s,s:i,s:s%}", "uri", uri, "languageId", "markdown", "version", 1, "text", text, len);
    char *open_body = json_dumps(json_pack("{s:s,s:s,s:{s:o}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                                           "params", "textDocument", td),
                                 JSON_COMPACT);
    double *op = xmalloc((size_t)c->opens * sizeof *op);
    for (int i = 0; i < c->opens; i++) {
        if (i)
            srv_send_json(&s, json_pack("{s:s,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didClose",
                                        "params", "textDocument", "uri", uri));
        double t0 = now_ms(), t1;
        srv_send(&s, open_body);
        json_t *m = srv_wait_publish(&s, uri, 1, &t1, NULL);
        r->ndiags = json_array_size(json_object_get(json_object_get(m, "params"), "diagnostics"));
        json_decref(m);
        op[i] = t1 - t0;
    }
    r->open = quantile(op, (size_t)c->opens, 0.5);
    r->open_min = quantile(op, (size_t)c->opens, 0.0);
    free(op);
    free(open_body);
    long long version = 1;
    r->rss_open_kib = vm_hwm_kib(s.pid);
    stats_t st0 = work ? srv_stats(&s, uri) : (stats_t){0};
    r->have_stats = st0.ok;
    r->st_open = st0;

    /* Lines one may type on: entries, sub-bullets and prose. */
    size_t *elig = xmalloc(d.n * sizeof *elig), nel = 0, *ent = xmalloc(d.n * sizeof *ent), nent = 0;
    for (size_t i = 0; i < d.n; i++) {
        if (d.kind[i] == L_ENTRY || d.kind[i] == L_SUB || d.kind[i] == L_PROSE) elig[nel++] = i;
        if (d.kind[i] == L_ENTRY && (d.sec[i] == S_PROGRESS || d.sec[i] == S_SURPRISES || d.sec[i] == S_DECISIONS))
            ent[nent++] = i;
    }

    /* single keystrokes, each waiting for its diagnostics */
    double cpu0 = proc_cpu_ms(s.pid);
    double *ks = xmalloc((size_t)c->keystrokes * sizeof *ks);
    for (int k = 0; k < c->keystrokes; k++) {
        /* a permutation of evenly spread lines: all over the document, in no order */
        size_t slot = ((size_t)k * 7919u) % (size_t)c->keystrokes;
        size_t line = elig[slot * nel / (size_t)c->keystrokes];
        size_t blen = strlen(d.line[line]);
        size_t col = blen;
        if (k % 3 == 1) { /* mid-line, on a character boundary past any stamp */
            col = blen / 2 + 10 < blen ? blen / 2 + 10 : blen;
            while (col < blen && ((unsigned char)d.line[line][col] & 0xC0) == 0x80) col++;
        }
        const char *key = KEYS[k % NELEM(KEYS)];
        long ch = utf16_units(d.line[line], col);
        double t0, t1;
        send_change(&s, uri, ++version, (long)line, ch, key, &t0);
        doc_insert(&d, line, col, key);
        json_decref(srv_wait_publish(&s, uri, version, &t1, NULL));
        ks[k] = t1 - t0;
    }
    double cpu1 = proc_cpu_ms(s.pid);
    r->server_cpu_ks_ms = (cpu1 - cpu0) / c->keystrokes;
    r->nks = c->keystrokes;
    r->ks_med = quantile(ks, (size_t)c->keystrokes, 0.5);
    r->ks_p90 = quantile(ks, (size_t)c->keystrokes, 0.9);
    r->ks_p99 = quantile(ks, (size_t)c->keystrokes, 0.99);
    r->ks_max = vmax(ks, (size_t)c->keystrokes);
    free(ks);
    stats_t st1 = work ? srv_stats(&s, uri) : (stats_t){0};
    if (st1.ok) {
        r->ks_bytes = (double)(st1.bytes - st0.bytes) / c->keystrokes;
        r->ks_partial = (double)(st1.partial - st0.partial) / c->keystrokes;
        r->ks_full = (double)(st1.full - st0.full) / c->keystrokes;
    }

    /* bursts: typing a phrase at one place, no waiting; then the last version's diagnostics */
    static const char phrase[] = "the quick brown fox jumps over the lazy dog while 検索 indexes ";
    double *bu = xmalloc((size_t)c->bursts * sizeof *bu);
    unsigned publishes = 0;
    for (int b = 0; b < c->bursts; b++) {
        size_t line = elig[((size_t)b * 2 + 1) * nel / ((size_t)c->bursts * 2)];
        size_t col = strlen(d.line[line]);
        double t_last = 0, t1;
        size_t pi = 0;
        for (int k = 0; k < c->burst_len; k++) {
            char key[8];
            size_t kl = 1;
            if (((unsigned char)phrase[pi] & 0x80) != 0) kl = 3;
            memcpy(key, phrase + pi, kl);
            key[kl] = '\0';
            pi = (pi + kl) % (sizeof phrase - 1);
            long ch = utf16_units(d.line[line], col);
            send_change(&s, uri, ++version, (long)line, ch, key, &t_last);
            doc_insert(&d, line, col, key);
            col += kl;
        }
        json_decref(srv_wait_publish(&s, uri, version, &t1, &publishes));
        bu[b] = t1 - t_last;
    }
    r->burst_med = quantile(bu, (size_t)c->bursts, 0.5);
    r->burst_max = vmax(bu, (size_t)c->bursts);
    r->burst_publishes = publishes / (unsigned)c->bursts;
    free(bu);
    stats_t st2 = work ? srv_stats(&s, uri) : (stats_t){0};
    if (st2.ok) r->burst_bytes = (double)(st2.bytes - st1.bytes) / c->bursts;

    /* completion, code actions, outline */
    double *rq = xmalloc((size_t)(c->requests > c->symbols ? c->requests : c->symbols) * sizeof *rq);
    for (int k = 0; k < c->requests; k++) {
        size_t line = ent[((size_t)k * 7919u % (size_t)c->requests) * nent / (size_t)c->requests];
        long ch = k % 2 ? utf16_units(d.line[line], strlen(d.line[line])) : 2;
        rq[k] = run_request(&s, "textDocument/completion",
                            json_pack("{s:{s:s},s:o,s:{s:i}}", "textDocument", "uri", uri, "position",
                                      pos_json((long)line, ch), "context", "triggerKind", 1));
    }
    r->ncompl = c->requests;
    r->compl_med = quantile(rq, (size_t)c->requests, 0.5);
    r->compl_p99 = quantile(rq, (size_t)c->requests, 0.99);
    for (int k = 0; k < c->requests; k++) {
        size_t line = ent[((size_t)k * 7919u % (size_t)c->requests) * nent / (size_t)c->requests];
        rq[k] = run_request(&s, "textDocument/codeAction",
                            json_pack("{s:{s:s},s:{s:o,s:o},s:{s:[],s:i}}", "textDocument", "uri", uri, "range",
                                      "start", pos_json((long)line, 0), "end", pos_json((long)line, 0), "context",
                                      "diagnostics", "triggerKind", 2));
    }
    r->naction = c->requests;
    r->action_med = quantile(rq, (size_t)c->requests, 0.5);
    r->action_p99 = quantile(rq, (size_t)c->requests, 0.99);
    for (int k = 0; k < c->symbols; k++)
        rq[k] = run_request(&s, "textDocument/documentSymbol", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    r->nsym = c->symbols;
    r->sym_med = quantile(rq, (size_t)c->symbols, 0.5);
    /* VS Code asks for folding ranges after every change. */
    for (int k = 0; k < c->symbols; k++)
        rq[k] = run_request(&s, "textDocument/foldingRange", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    r->fold_med = quantile(rq, (size_t)c->symbols, 0.5);
    free(rq);
    stats_t st3 = work ? srv_stats(&s, uri) : (stats_t){0};
    if (st3.ok) r->req_bytes = st3.bytes - st2.bytes;

    r->rss_kib = vm_hwm_kib(s.pid);
    r->rss_budget_kib = 8 * 1024 + (long)(3 * len / 1024);
    int rc = srv_stop(&s);
    if (rc != 0) fprintf(stderr, "planls-bench: planls exited with status %d\n", rc);
    free(elig);
    free(ent);
    free(text);
    doc_free(&d);
}

/* ---- planls check and planls status throughput ------------------------- */

/* `planls status` over a large repository's plans: 10,000 of 100 lines
 * (a plan of a few weeks' work), in 2 s at most. */
#define STATUS_PLANS 10000
#define STATUS_LINES 100
#define STATUS_BUDGET_S 2.0

typedef struct {
    int files;
    double med_s, best_s;
    double cores; /* median CPU time / wall time: how many cores it kept busy */
    int status;
} check_result_t;

static double children_cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
           ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

/* One process of `planls CMD DIR` over nfiles generated plans of lines
 * lines each, runs times. */
/* The corpus: nfiles generated plans of lines lines, both dialects. With
 * flawed, each gets two problems `check --fix` repairs (a misspelt heading,
 * a to-do item without its box). */
static void write_plans(const char *sub, int nfiles, size_t lines, int flawed) {
    char path[300];
    for (int i = 0; i < nfiles; i++) {
        doc_t d;
        gen_plan(&d, lines, i % 2, 7000 + (uint64_t)i);
        size_t len;
        char *text = doc_text(&d, &len);
        snprintf(path, sizeof path, "%s/plan-%05d.md", sub, i);
        FILE *f = fopen(path, "wb");
        if (!f) die("cannot write %s", path);
        char *heading = flawed ? strstr(text, "## Decision Log") : NULL;
        if (heading) {
            /* "Decison": one letter dropped, a near miss the rename fixes. */
            fwrite(text, 1, (size_t)(heading - text) + 8, f);
            fwrite(heading + 9, 1, len - (size_t)(heading - text) - 9, f);
        } else {
            fwrite(text, 1, len, f);
        }
        if (flawed) fputs("\n## To-do\n\n- a step without its box\n", f);
        if (fclose(f) != 0) die("cannot write %s", path);
        free(text);
        doc_free(&d);
    }
}

/* One process of `planls CMD DIR` over nfiles generated plans of lines
 * lines each, runs times; with fix, `planls check --fix DIR` over flawed
 * plans written afresh before each run. */
static void run_over_plans(const char *bin, const char *cmd, int nfiles, size_t lines, int runs, int fix,
                           check_result_t *r) {
    char dir[] = "/tmp/planls-bench-XXXXXX";
    if (!mkdtemp(dir)) die("mkdtemp: %s", strerror(errno));
    char sub[256], path[300];
    snprintf(sub, sizeof sub, "%s/execplans", dir);
    if (mkdir(sub, 0700) < 0) die("mkdir %s: %s", sub, strerror(errno));
    if (!fix) write_plans(sub, nfiles, lines, 0);
    double *t = xmalloc((size_t)runs * sizeof *t), *cores = xmalloc((size_t)runs * sizeof *cores);
    r->files = nfiles;
    for (int i = 0; i < runs; i++) {
        if (fix) write_plans(sub, nfiles, lines, 1);
        char *plain[] = {(char *)bin, (char *)cmd, sub, NULL}, *fixing[] = {(char *)bin, "check", "--fix", sub, NULL};
        double t0 = now_ms(), cpu0 = children_cpu_s();
        pid_t pid = spawn(fix ? fixing : plain, -1, -1, -1);
        int status;
        waitpid(pid, &status, 0);
        t[i] = (now_ms() - t0) / 1000.0;
        cores[i] = (children_cpu_s() - cpu0) / t[i];
        r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    r->med_s = quantile(t, (size_t)runs, 0.5);
    r->best_s = quantile(t, (size_t)runs, 0.0);
    r->cores = quantile(cores, (size_t)runs, 0.5);
    free(t);
    free(cores);
    for (int i = 0; i < nfiles; i++) {
        snprintf(path, sizeof path, "%s/plan-%05d.md", sub, i);
        unlink(path);
    }
    rmdir(sub);
    rmdir(dir);
}

/* ---- reporting ---------------------------------------------------------- */

static const char *fmt_ms(double ms, char *out) {
    if (ms < 1)
        snprintf(out, 32, "%.3f", ms);
    else if (ms < 10)
        snprintf(out, 32, "%.2f", ms);
    else if (ms < 100)
        snprintf(out, 32, "%.1f", ms);
    else
        snprintf(out, 32, "%.0f", ms);
    return out;
}

static const char *fmt_thousands(size_t n, char *out) {
    if (n >= 1000)
        snprintf(out, 32, "%zu,%03zu", n / 1000, n % 1000);
    else
        snprintf(out, 32, "%zu", n);
    return out;
}

/* A client that reads nothing (issue 13's budget): n foldingRange requests
 * on an open plan, written without reading a byte back until planls stops
 * taking input (past its output bound it should) or all are written; the
 * peak RSS then, and every reply read afterwards, in order. */
#define UNREAD_REQUESTS 10000

typedef struct {
    long hwm_kib; /* VmHWM while the client read nothing */
    int written;  /* requests written before planls stopped taking input */
    int replies;  /* replies read afterwards (all n when it works) */
} unread_result_t;

static void run_unread(const char *bin, int n, unread_result_t *r) {
    memset(r, 0, sizeof *r);
    doc_t d;
    gen_plan(&d, 20000, 0, 4242); /* foldingRange replies of about 10 KB */
    size_t len;
    char *text = doc_text(&d, &len);
    const char *uri = "file:///tmp/planls-bench/execplans/unread.md";
    srv_t s;
    srv_start(&s, bin);
    srv_initialize(&s);
    json_t *td = json_pack("{s:s,s:s,s:i,s:s%}", "uri", uri, "languageId", "markdown", "version", 1, "text", text, len);
    srv_send_json(&s, json_pack("{s:s,s:s,s:{s:o}}", "jsonrpc", "2.0", "method", "textDocument/didOpen", "params",
                                "textDocument", td));
    json_decref(srv_wait_publish(&s, uri, 1, NULL, NULL));
    /* Written whole, no read in between: a frame planls cannot take yet waits. */
    buf_t out = {0};
    for (int k = 0; k < n; k++) {
        char *body = json_dumps(json_pack("{s:s,s:I,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0", "id", (json_int_t)s.next_id++,
                                          "method", "textDocument/foldingRange", "params", "textDocument", "uri", uri),
                                JSON_COMPACT);
        buf_printf(&out, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
        free(body);
    }
    size_t off = 0;
    while (off < out.n) {
        ssize_t k = write(s.to, out.p + off, out.n - off);
        if (k > 0) {
            off += (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR) continue;
        /* Blocked: planls is either still working through what it read, or
         * it stopped taking input (the bound holds) and sits idle. */
        struct pollfd pf = {s.to, POLLOUT, 0};
        double cpu = proc_cpu_ms(s.pid);
        if (poll(&pf, 1, 500) == 0 && proc_cpu_ms(s.pid) - cpu < 5) break;
    }
    r->written = off == out.n ? n : -1;
    /* Its peak once it has done what it can without the client reading. */
    for (int waited = 0; waited < 120; waited++) {
        double cpu = proc_cpu_ms(s.pid);
        poll(NULL, 0, 500);
        if (proc_cpu_ms(s.pid) - cpu < 5) break;
    }
    r->hwm_kib = vm_hwm_kib(s.pid);
    /* Now read: the rest of the input goes in as the replies come out, and
     * every reply must come, in order. */
    if (off < out.n) srv_write(&s, out.p + off, out.n - off);
    long long next = s.next_id - n;
    while (r->replies < n) {
        json_t *m = srv_next(&s, NULL);
        json_t *id = json_object_get(m, "id");
        int reply = json_is_integer(id) && !json_object_get(m, "method");
        int in_order = reply && json_integer_value(id) == next;
        json_decref(m);
        if (reply && !in_order) break;
        if (in_order) {
            r->replies++;
            next++;
        }
    }
    buf_free(&out);
    srv_stop(&s);
    free(text);
    doc_free(&d);
}

static int g_failures;
static counts_t g_counts;
static int g_opens_small, g_opens_big;

static const char *verdict(int ok) {
    if (!ok) g_failures++;
    return ok ? "PASS" : "**FAIL**";
}

typedef double (*getter_t)(const result_t *);

static double get_spawn(const result_t *r) { return r->spawn; }
static double get_open(const result_t *r) { return r->open; }
static double get_ks_med(const result_t *r) { return r->ks_med; }
static double get_ks_p99(const result_t *r) { return r->ks_p99; }
static double get_burst(const result_t *r) { return r->burst_med; }
static double get_compl(const result_t *r) { return r->compl_med; }
static double get_action(const result_t *r) { return r->action_med; }
static double get_sym(const result_t *r) { return r->sym_med; }
static double get_fold(const result_t *r) { return r->fold_med; }

/* A cell: "g / c ms" and the verdict against budget (<= 0: none). */
static void cell_ms(const result_t *res, int nd, getter_t get, double budget) {
    char a[32];
    double worst = 0;
    printf(" ");
    for (int k = 0; k < nd; k++) {
        double v = get(&res[k]);
        if (v > worst) worst = v;
        printf("%s%s", k ? " / " : "", fmt_ms(v, a));
    }
    printf(" ms");
    if (budget > 0) printf(" %s", verdict(worst <= budget));
    printf(" |");
}

typedef struct {
    size_t lines;
    result_t r[2];
} size_row_t;

/* The budget of a metric at a size (ms), 0 when none. Budgets given for
 * 5,000 lines also hold for smaller plans. */
static double budget_for(const char *metric, size_t lines) {
    int big = lines > 5000;
    if (!strcmp(metric, "spawn")) return 10;
    if (!strcmp(metric, "open")) return big ? 120 : 12;
    if (!strcmp(metric, "ks_med")) return big ? 5 : 1;
    if (!strcmp(metric, "ks_p99")) return big ? 0 : 3;
    if (!strcmp(metric, "burst")) return 20;
    if (!strcmp(metric, "compl") || !strcmp(metric, "action")) return big ? 0 : 1;
    return 0;
}

static void machine(char *out, size_t n) {
    char model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0) {
                char *p = strchr(line, ':');
                if (p) {
                    p++;
                    while (*p == ' ' || *p == '\t') p++;
                    p[strcspn(p, "\n")] = '\0';
                    snprintf(model, sizeof model, "%s", p);
                }
                break;
            }
        fclose(f);
    }
    struct utsname u;
    uname(&u);
    snprintf(out, n, "%s, %ld cores (nproc), Linux %s %s", model, sysconf(_SC_NPROCESSORS_ONLN), u.release, u.machine);
}

static const char *loadavg(void) {
    static char out[64] = "?";
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fgets(out, sizeof out, f)) {
            /* the first three fields */
            char *p = out;
            for (int k = 0; k < 3 && p; k++) p = strchr(p + 1, ' ');
            if (p) *p = '\0';
        }
        fclose(f);
    }
    return out;
}

static void version_of(const char *bin, char *out, size_t n) {
    int p[2];
    snprintf(out, n, "planls ?");
    if (pipe(p) < 0) return;
    char *argv[] = {(char *)bin, "--version", NULL};
    pid_t pid = spawn(argv, -1, p[1], -1);
    close(p[1]);
    ssize_t k = read(p[0], out, n - 1);
    close(p[0]);
    waitpid(pid, NULL, 0);
    if (k > 0) {
        out[k] = '\0';
        out[strcspn(out, "\n")] = '\0';
    }
}

/* ---- parse time by shape ---------------------------------------------- */

/* A full parse (plan_parse, in-process: no server, no rules) of each
 * generated shape at three sizes ten times apart: the plans above, and a
 * plan quoting a skeleton in one long fence, its lines list items or
 * headings, where every line may start a slice (issue 13: the slice grew
 * one line at a time and re-read the fence from its start). Parse time must
 * be linear in size: time per KiB stays level, and every byte is parsed a
 * constant number of times (bytes parsed / text, from the parse counters). */

typedef enum { SHAPE_GUIDE, SHAPE_COOKBOOK, SHAPE_FENCE_ITEMS, SHAPE_FENCE_HEADINGS, SHAPE_COUNT } shape_t;

static const char *const shape_name[SHAPE_COUNT] = {"plan, guide dialect", "plan, cookbook dialect",
                                                    "fence of list items", "fence of headings"};

/* A plan whose Progress quotes nlines lines in one fence. */
static void gen_fence_plan(doc_t *d, size_t nlines, int headings, uint64_t seed) {
    memset(d, 0, sizeof *d);
    rng_seed(seed);
    doc_push(d, L_HEADING, S_LEAD, "# Quote the team's plan skeleton 🚀 (%zu lines in a fence)", nlines);
    doc_push(d, L_BLANK, S_LEAD, "%s", "");
    doc_push(d, L_PROSE, S_LEAD, "%s", "Keep Progress current as work proceeds.");
    doc_push(d, L_BLANK, S_LEAD, "%s", "");
    doc_push(d, L_HEADING, S_PROGRESS, "## %s", section_title[S_PROGRESS]);
    doc_push(d, L_BLANK, S_PROGRESS, "%s", "");
    doc_push(d, L_ENTRY, S_PROGRESS, "- [2026-01-05 09:00 UTC] Quoted the skeleton: %s", say(3, 8));
    doc_push(d, L_BLANK, S_PROGRESS, "%s", "");
    doc_push(d, L_FENCE, S_PROGRESS, "%s", "```markdown");
    for (size_t i = 0; i < nlines; i++) {
        if (headings)
            doc_push(d, L_CODE, S_PROGRESS, "## %s", say(2, 6));
        else
            doc_push(d, L_CODE, S_PROGRESS, "- [ ] %s", say(4, 12));
    }
    doc_push(d, L_FENCE, S_PROGRESS, "%s", "```");
    doc_push(d, L_BLANK, S_PROGRESS, "%s", "");
    doc_push(d, L_HEADING, S_DECISIONS, "## %s", section_title[S_DECISIONS]);
    doc_push(d, L_BLANK, S_DECISIONS, "%s", "");
    doc_push(d, L_ENTRY, S_DECISIONS, "- [2026-01-05 10:00 UTC] Decision: %s", say(4, 10));
}

typedef struct {
    size_t lines, bytes;
    double parse_ms; /* median */
    double parsed;   /* bytes parsed / text bytes */
} shape_result_t;

static void run_shape(shape_t shape, size_t nlines, int runs, shape_result_t *r) {
    doc_t d;
    if (shape == SHAPE_GUIDE || shape == SHAPE_COOKBOOK)
        gen_plan(&d, nlines, shape == SHAPE_COOKBOOK, 1000 + nlines * 2 + (shape == SHAPE_COOKBOOK));
    else
        gen_fence_plan(&d, nlines, shape == SHAPE_FENCE_HEADINGS, 7000 + nlines);
    size_t len;
    char *text = doc_text(&d, &len);
    text_t t;
    if (text_init(&t, text, len) < 0) die("out of memory");
    double *ms = xmalloc((size_t)runs * sizeof *ms);
    for (int k = 0; k < runs; k++) {
        plan_t p;
        plan_init(&p);
        double t0 = now_ms();
        if (plan_parse(&p, &t) < 0) die("plan_parse failed");
        ms[k] = now_ms() - t0;
        r->parsed = (double)p.stats.bytes_parsed / (double)len;
        plan_free(&p);
    }
    r->lines = d.n;
    r->bytes = len;
    r->parse_ms = quantile(ms, (size_t)runs, 0.5);
    free(ms);
    text_free(&t);
    free(text);
    doc_free(&d);
}

/* The table, a verdict per shape. Linear: per KiB, the largest size costs
 * at most twice the middle one (ten times smaller; a parse that re-reads
 * the fence per line costs ten times more), and no byte is parsed more than
 * four times (the slice doubles while unsealed). */
static void print_shapes(int quick) {
    static const size_t plan_sizes[] = {500, 5000, 50000}, fence_sizes[] = {2000, 20000, 200000};
    int runs = quick ? 3 : 9;
    char a[32], f[2][32];
    printf("Parse time by shape: `plan_parse` in-process (no server, no rules), median of %d; per KiB of text, "
           "and bytes parsed per byte of text.\n\n",
           runs);
    printf(
        "| shape | lines | text | parse | per KiB | bytes parsed / text | linear |\n|---|---|---|---|---|---|---|\n");
    for (int sh = 0; sh < SHAPE_COUNT; sh++) {
        const size_t *sizes = sh <= SHAPE_COOKBOOK ? plan_sizes : fence_sizes;
        shape_result_t r[3];
        for (int i = 0; i < 3; i++) {
            fprintf(stderr, "planls-bench: parse, %s, %zu lines...\n", shape_name[sh], sizes[i]);
            run_shape((shape_t)sh, sizes[i], runs, &r[i]);
        }
        /* Against the middle size: the smallest fits in the caches. */
        double mid = r[1].parse_ms / ((double)r[1].bytes / 1024);
        int ok = 1;
        for (int i = 0; i < 3; i++) ok &= r[i].parsed <= 4.0;
        ok &= r[2].parse_ms / ((double)r[2].bytes / 1024) <= 2 * mid;
        for (int i = 0; i < 3; i++) {
            double per_kib = r[i].parse_ms / ((double)r[i].bytes / 1024);
            printf("| %s | %s | %.0f KiB | %s ms | %s µs | %.2f | %s |\n", shape_name[sh], fmt_thousands(r[i].lines, a),
                   (double)r[i].bytes / 1024, fmt_ms(r[i].parse_ms, f[0]), fmt_ms(per_kib * 1000, f[1]), r[i].parsed,
                   i == 2 ? verdict(ok) : "");
        }
    }
    printf("\n");
}

static void usage(void) {
    fprintf(stderr, "usage: planls-bench [--work] [--quick] [--sizes N,N,...] [--dialect guide|cookbook|both]\n"
                    "                    [--no-check] PATH/TO/planls\n"
                    "       planls-bench --dump LINES guide|cookbook   (the generated plan, on stdout)\n"
                    "       planls-bench --shapes [--quick]            (parse time by shape only, in-process)\n");
    exit(2);
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    const char *bin = NULL;
    int work = 0, quick = 0, do_check = 1, dialects = 3, shapes_only = 0;
    size_t sizes[8] = {500, 5000, 50000};
    int nsizes = 3;
    buf_t cmd = {0};
    for (int i = 0; i < argc; i++) buf_printf(&cmd, "%s%s", i ? " " : "", argv[i]);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--work"))
            work = 1;
        else if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else if (!strcmp(argv[i], "--no-check"))
            do_check = 0;
        else if (!strcmp(argv[i], "--shapes"))
            shapes_only = 1;
        else if (!strcmp(argv[i], "--dump") && i + 2 < argc) {
            /* The generated plan on stdout, to look at or to profile with. */
            doc_t d;
            gen_plan(&d, strtoul(argv[i + 1], NULL, 10), !strcmp(argv[i + 2], "cookbook"),
                     1000 + strtoul(argv[i + 1], NULL, 10) * 2 + !strcmp(argv[i + 2], "cookbook"));
            size_t len;
            char *text = doc_text(&d, &len);
            fwrite(text, 1, len, stdout);
            free(text);
            doc_free(&d);
            return 0;
        } else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
            nsizes = 0;
            for (char *p = argv[++i]; *p && nsizes < 8;) {
                sizes[nsizes++] = strtoul(p, &p, 10);
                if (*p == ',')
                    p++;
                else if (*p)
                    usage();
            }
        } else if (!strcmp(argv[i], "--dialect") && i + 1 < argc) {
            i++;
            dialects = !strcmp(argv[i], "guide")      ? 1
                       : !strcmp(argv[i], "cookbook") ? 2
                       : !strcmp(argv[i], "both")     ? 3
                                                      : 0;
            if (!dialects) usage();
        } else if (argv[i][0] == '-' || bin)
            usage();
        else
            bin = argv[i];
    }
    if (shapes_only) {
        char mach[512];
        machine(mach, sizeof mach);
        printf("Machine: %s  \n\n", mach);
        print_shapes(quick);
        printf("%d budget(s) failed.\n", g_failures);
        return g_failures ? 1 : 0;
    }
    if (!bin) usage();
    if (access(bin, X_OK) != 0) die("%s is not an executable", bin);
    char mach[512], ver[128];
    machine(mach, sizeof mach);
    version_of(bin, ver, sizeof ver);

    size_row_t rows[8];
    int nd = dialects == 3 ? 2 : 1;
    for (int i = 0; i < nsizes; i++) {
        size_t n = sizes[i];
        counts_t c = {500, 5, 200, 200, 30, n > 5000 ? 5 : 20, 10};
        if (quick) c = (counts_t){50, 2, 50, 20, 5, 2, 2};
        if (work) {
            c.opens = 1;
            c.spawns = 1;
        }
        rows[i].lines = n;
        g_counts = c;
        if (n > 5000)
            g_opens_big = c.opens;
        else
            g_opens_small = c.opens;
        for (int k = 0; k < nd; k++) {
            int cookbook = dialects == 2 ? 1 : k;
            fprintf(stderr, "planls-bench: %zu lines, %s dialect...\n", n, cookbook ? "cookbook" : "guide");
            run_one(bin, n, cookbook, &c, work, &rows[i].r[k]);
        }
    }
    check_result_t ck = {0}, fx = {0};
    if (do_check && !work) {
        fprintf(stderr, "planls-bench: planls check over 1,000 plans...\n");
        run_over_plans(bin, "check", quick ? 100 : 1000, 500, 3, 0, &ck);
        fprintf(stderr, "planls-bench: planls check --fix over 1,000 flawed plans...\n");
        run_over_plans(bin, "check", quick ? 100 : 1000, 500, 3, 1, &fx);
    }
    check_result_t st = {0};
    if (do_check && !work) {
        fprintf(stderr, "planls-bench: planls status over 10,000 plans...\n");
        run_over_plans(bin, "status", quick ? 1000 : STATUS_PLANS, STATUS_LINES, 3, 0, &st);
    }
    unread_result_t ur = {0};
    if (!work) {
        fprintf(stderr, "planls-bench: a client that reads nothing...\n");
        run_unread(bin, UNREAD_REQUESTS, &ur);
    }

    char a[32];
    printf("<!-- %s; %s -->\n\n", ver, mach);
    printf("Command: `%s` (release build)  \n", cmd.p);
    printf("Machine: %s; load average at the end %s  \n", mach, loadavg());
    printf("Plans: generated, deterministic, with emoji and CJK text; %s; most lines are Progress, Surprises "
           "and Decision Log entries with sub-bullets, some fenced code. Cells give %s. Budgets given for 5,000 "
           "lines also apply to 500.\n\n",
           nd == 2         ? "guide / cookbook dialect"
           : dialects == 2 ? "cookbook dialect"
                           : "guide dialect",
           nd == 2 ? "guide / cookbook" : "one value");

    if (!work) {
        printf("| measure | budget |");
        for (int i = 0; i < nsizes; i++) printf(" %s lines |", fmt_thousands(rows[i].lines, a));
        printf("\n|---|---|");
        for (int i = 0; i < nsizes; i++) printf("---|");
        printf("\n| text size | |");
        for (int i = 0; i < nsizes; i++) {
            printf(" ");
            for (int k = 0; k < nd; k++) printf("%s%.0f", k ? " / " : "", (double)rows[i].r[k].bytes / 1024);
            printf(" KiB |");
        }
        printf("\n| diagnostics in the plan | |");
        for (int i = 0; i < nsizes; i++) {
            printf(" ");
            for (int k = 0; k < nd; k++) printf("%s%zu", k ? " / " : "", rows[i].r[k].ndiags);
            printf(" |");
        }
        const counts_t *c = &g_counts;
        char l_ks[64], l_burst[128], l_compl[64], l_action[64], l_sym[64], l_fold[64], l_open[96], l_spawn[64];
        snprintf(l_spawn, sizeof l_spawn, "spawn → `initialize` answered (median of %d)", c->spawns);
        if (g_opens_big && g_opens_small && g_opens_big != g_opens_small)
            snprintf(l_open, sizeof l_open, "open → first `publishDiagnostics` (median of %d, %d at 50,000)",
                     g_opens_small, g_opens_big);
        else
            snprintf(l_open, sizeof l_open, "open → first `publishDiagnostics` (median of %d)",
                     g_opens_small ? g_opens_small : g_opens_big);
        snprintf(l_ks, sizeof l_ks, "keystroke → diagnostics, median of %d", c->keystrokes);
        snprintf(l_burst, sizeof l_burst,
                 "burst of %d keystrokes: last sent → last version's diagnostics (median of %d)", c->burst_len,
                 c->bursts);
        snprintf(l_compl, sizeof l_compl, "completion (median of %d)", c->requests);
        snprintf(l_action, sizeof l_action, "code action (median of %d)", c->requests);
        snprintf(l_sym, sizeof l_sym, "documentSymbol (median of %d)", c->symbols);
        snprintf(l_fold, sizeof l_fold, "foldingRange (median of %d)", c->symbols);
        struct {
            const char *label, *budget, *key;
            getter_t get;
        } m[] = {
            {l_spawn, "≤ 10 ms", "spawn", get_spawn},
            {l_open, "≤ 12 ms (5,000), ≤ 120 ms (50,000)", "open", get_open},
            {l_ks, "≤ 1 ms (5,000), ≤ 5 ms (50,000)", "ks_med", get_ks_med},
            {"keystroke → diagnostics, p99", "≤ 3 ms (5,000)", "ks_p99", get_ks_p99},
            {l_burst, "≤ 20 ms", "burst", get_burst},
            {l_compl, "≤ 1 ms (5,000)", "compl", get_compl},
            {l_action, "≤ 1 ms (5,000)", "action", get_action},
            {l_sym, "", "sym", get_sym},
            {l_fold, "", "fold", get_fold},
        };
        for (size_t j = 0; j < NELEM(m); j++) {
            printf("\n| %s | %s |", m[j].label, m[j].budget);
            for (int i = 0; i < nsizes; i++) cell_ms(rows[i].r, nd, m[j].get, budget_for(m[j].key, rows[i].lines));
        }
        printf("\n| peak RSS (VmHWM) | ≤ 8 MiB + 3 × text |");
        for (int i = 0; i < nsizes; i++) {
            int ok = 1;
            printf(" ");
            for (int k = 0; k < nd; k++) {
                printf("%s%.1f", k ? " / " : "", rows[i].r[k].rss_kib / 1024.0);
                if (rows[i].r[k].rss_kib > rows[i].r[k].rss_budget_kib) ok = 0;
            }
            printf(" MiB of %.1f %s |", rows[i].r[0].rss_budget_kib / 1024.0, verdict(ok));
        }
        if (do_check) {
            double fps = ck.files / ck.med_s;
            printf("\n| `planls check`: %s plans of 500 lines, one process (%.1f cores busy) | ≥ 200 files/s |",
                   fmt_thousands((size_t)ck.files, a), ck.cores);
            for (int i = 0; i < nsizes; i++) {
                if (i == 0)
                    printf(" %.0f files/s %s |", fps, verdict(fps >= 200 && (ck.status == 0 || ck.status == 1)));
                else
                    printf(" |");
            }
        }
        if (do_check) {
            double rate = fx.files / fx.med_s;
            printf("\n| `planls check --fix`: %s flawed plans of 500 lines, one process | ≥ 500 files/s |",
                   fmt_thousands((size_t)fx.files, a));
            for (int i = 0; i < nsizes; i++) {
                if (i == 0)
                    printf(" %.0f files/s %s |", rate, verdict(rate >= 500 && (fx.status == 0 || fx.status == 1)));
                else
                    printf(" |");
            }
        }
        if (do_check) {
            printf("\n| `planls status`: %s plans of %d lines, one process (%.1f cores busy) | ≤ %.0f s |",
                   fmt_thousands((size_t)st.files, a), STATUS_LINES, st.cores, STATUS_BUDGET_S);
            for (int i = 0; i < nsizes; i++) {
                if (i == 0)
                    printf(" %.2f s %s |", st.med_s, verdict(st.med_s <= STATUS_BUDGET_S && st.status == 0));
                else
                    printf(" |");
            }
        }
        printf("\n| a client that reads nothing: %s foldingRange requests, peak RSS | ≤ 64 MiB |",
               fmt_thousands(UNREAD_REQUESTS, a));
        for (int i = 0; i < nsizes; i++) {
            if (i == 0)
                printf(" %.1f MiB %s |", ur.hwm_kib / 1024.0,
                       verdict(ur.hwm_kib >= 0 && ur.hwm_kib <= 64 * 1024 && ur.replies == UNREAD_REQUESTS));
            else
                printf(" |");
        }
        printf("\n\n");
        printf("Details:\n\n");
        for (int i = 0; i < nsizes; i++)
            for (int k = 0; k < nd; k++) {
                const result_t *r = &rows[i].r[k];
                char f[12][32];
                printf("- %s lines, %s: %zu bytes; open min %s ms; keystroke median %s, p90 %s, p99 %s, max %s ms "
                       "(server CPU %.3f ms/keystroke); burst median %s, max %s ms, %u publishes per burst; "
                       "completion p99 %s ms; code action p99 %s ms; "
                       "VmHWM %ld KiB after open, %ld KiB at the end (budget %ld KiB)\n",
                       fmt_thousands(r->lines, f[0]), (nd == 2 ? k : dialects == 2) ? "cookbook" : "guide", r->bytes,
                       fmt_ms(r->open_min, f[1]), fmt_ms(r->ks_med, f[2]), fmt_ms(r->ks_p90, f[3]),
                       fmt_ms(r->ks_p99, f[4]), fmt_ms(r->ks_max, f[5]), r->server_cpu_ks_ms,
                       fmt_ms(r->burst_med, f[6]), fmt_ms(r->burst_max, f[7]), r->burst_publishes,
                       fmt_ms(r->compl_p99, f[8]), fmt_ms(r->action_p99, f[9]), r->rss_open_kib, r->rss_kib,
                       r->rss_budget_kib);
            }
        printf("- a client that reads nothing: %s; VmHWM %ld KiB once it was idle, %d replies read afterwards, "
               "in order\n",
               ur.written == UNREAD_REQUESTS ? "planls took all the requests in unread"
                                             : "planls stopped taking input before the last requests",
               ur.hwm_kib, ur.replies);
        if (do_check)
            printf("- check: %d files, median %.3f s, best %.3f s over 3 runs (%.2f ms per file), CPU time / wall "
                   "time %.2f, exit status %d\n",
                   ck.files, ck.med_s, ck.best_s, ck.med_s * 1000 / ck.files, ck.cores, ck.status);
        printf("\n");
        print_shapes(quick);
        printf("%d budget(s) failed.\n", g_failures);
    } else {
        int have = 1;
        for (int i = 0; i < nsizes; i++)
            for (int k = 0; k < nd; k++) have &= rows[i].r[k].have_stats;
        if (!have) {
            printf("The server does not answer `$/planls/stats`: --work needs a planls that reports its parse "
                   "counters (see tests/bench/README.md).\n");
            return 2;
        }
        printf("| work (parse counters from `$/planls/stats`) |");
        for (int i = 0; i < nsizes; i++) printf(" %s lines |", fmt_thousands(rows[i].lines, a));
        printf("\n|---|");
        for (int i = 0; i < nsizes; i++) printf("---|");
#define WROW(label, fmt, ...)                                                                                          \
    do {                                                                                                               \
        printf("\n| %s |", label);                                                                                     \
        for (int i = 0; i < nsizes; i++) {                                                                             \
            printf(" ");                                                                                               \
            for (int k = 0; k < nd; k++) {                                                                             \
                const result_t *r = &rows[i].r[k];                                                                     \
                printf("%s" fmt, k ? " / " : "", __VA_ARGS__);                                                         \
            }                                                                                                          \
            printf(" |");                                                                                              \
        }                                                                                                              \
    } while (0)
        WROW("full parse (bytes parsed at open)", "%llu", r->st_open.bytes);
        WROW("keystroke: bytes parsed (mean of 500)", "%.0f", r->ks_bytes);
        WROW("keystroke: bytes parsed / full parse", "%.4f",
             r->st_open.bytes ? r->ks_bytes / (double)r->st_open.bytes : 0.0);
        WROW("keystroke: partial parses (windows) per keystroke", "%.2f", r->ks_partial);
        WROW("keystroke: full parses per keystroke", "%.2f", r->ks_full);
        WROW("burst of 200: bytes parsed / full parse", "%.3f",
             r->st_open.bytes ? r->burst_bytes / (double)r->st_open.bytes : 0.0);
        WROW("burst of 200: publishes", "%u", r->burst_publishes);
        WROW("requests (completion, code action, symbols): bytes parsed", "%llu", r->req_bytes);
        WROW("server CPU per keystroke (ms, /proc)", "%.3f", r->server_cpu_ks_ms);
        printf("\n\n");
    }
    buf_free(&cmd);
    return work ? 0 : (g_failures ? 1 : 0);
}
