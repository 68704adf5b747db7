/* plan_status.c: a plan's status (front matter, preamble, folder) and its
 * summary. Conservative by design: a value it does not know reads as active,
 * never as complete, so no rule claims a plan finished that did not say so. */
#include "plan_status.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"

static const char *const status_names[PLAN_STATUS_COUNT] = {"active",   "blocked",  "draft",
                                                            "complete", "archived", "abandoned"};

const char *plan_status_name(plan_status_t s) { return s < PLAN_STATUS_COUNT ? status_names[s] : "active"; }

/* Written values, lower case, words separated by one space. Longer phrases
 * first: "not started" before "started". */
static const struct {
    const char *words;
    plan_status_t status;
} vocabulary[] = {
    {"not started", PLAN_DRAFT},   {"not done", PLAN_ACTIVE},    {"not complete", PLAN_ACTIVE},
    {"in progress", PLAN_ACTIVE},  {"in review", PLAN_ACTIVE},   {"on hold", PLAN_BLOCKED},
    {"won t do", PLAN_ABANDONED},  {"wont do", PLAN_ABANDONED},  {"complete", PLAN_COMPLETE},
    {"completed", PLAN_COMPLETE},  {"done", PLAN_COMPLETE},      {"finished", PLAN_COMPLETE},
    {"shipped", PLAN_COMPLETE},    {"closed", PLAN_COMPLETE},    {"implemented", PLAN_COMPLETE},
    {"delivered", PLAN_COMPLETE},  {"merged", PLAN_COMPLETE},    {"active", PLAN_ACTIVE},
    {"ongoing", PLAN_ACTIVE},      {"wip", PLAN_ACTIVE},         {"started", PLAN_ACTIVE},
    {"open", PLAN_ACTIVE},         {"current", PLAN_ACTIVE},     {"blocked", PLAN_BLOCKED},
    {"paused", PLAN_BLOCKED},      {"waiting", PLAN_BLOCKED},    {"draft", PLAN_DRAFT},
    {"proposed", PLAN_DRAFT},      {"planned", PLAN_DRAFT},      {"planning", PLAN_DRAFT},
    {"todo", PLAN_DRAFT},          {"pending", PLAN_DRAFT},      {"abandoned", PLAN_ABANDONED},
    {"cancelled", PLAN_ABANDONED}, {"canceled", PLAN_ABANDONED}, {"superseded", PLAN_ABANDONED},
    {"obsolete", PLAN_ABANDONED},  {"dropped", PLAN_ABANDONED},  {"rejected", PLAN_ABANDONED},
    {"archived", PLAN_ARCHIVED},
};

/* Symbols that carry a status on their own (UTF-8). */
static const struct {
    const char *bytes;
    plan_status_t status;
} symbols[] = {
    {"\xE2\x9C\x85", PLAN_COMPLETE},    /* ✅ */
    {"\xE2\x9C\x94", PLAN_COMPLETE},    /* ✔ */
    {"\xE2\x98\x91", PLAN_COMPLETE},    /* ☑ */
    {"\xE2\x8F\xB8", PLAN_BLOCKED},     /* ⏸ */
    {"\xE2\x9B\x94", PLAN_BLOCKED},     /* ⛔ */
    {"\xF0\x9F\x9B\x91", PLAN_BLOCKED}, /* 🛑 */
    {"\xF0\x9F\x9A\xA7", PLAN_ACTIVE},  /* 🚧 */
    {"\xF0\x9F\x94\x84", PLAN_ACTIVE},  /* 🔄 */
    {"\xE2\x8F\xB3", PLAN_ACTIVE},      /* ⏳ */
    {"\xF0\x9F\x93\x9D", PLAN_DRAFT},   /* 📝 */
    {"\xE2\x9D\x8C", PLAN_ABANDONED},   /* ❌ */
};

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Trims spaces, and the emphasis and quotes around a value. */
static void trim_value(const char *s, size_t *a, size_t *b) {
    for (;;) {
        while (*a < *b && is_space(s[*a])) (*a)++;
        while (*b > *a && (is_space(s[*b - 1]) || s[*b - 1] == '\r')) (*b)--;
        if (*b - *a >= 2 && s[*a] && strchr("*_`\"'", s[*a]) && s[*b - 1] == s[*a]) {
            (*a)++;
            (*b)--;
            continue;
        }
        if (*b - *a >= 4 && s[*a] == '*' && s[*a + 1] == '*' && !memchr(s + *a + 2, '*', *b - *a - 2)) {
            *a += 2; /* "**Done" (the bold closed elsewhere) */
            continue;
        }
        return;
    }
}

int plan_status_parse(const char *s, size_t n, plan_status_t *out) {
    *out = PLAN_ACTIVE;
    size_t a = 0, b = n;
    trim_value(s, &a, &b);
    /* Leading symbols: one of them may be the status itself. */
    int sym = -1;
    while (a < b) {
        unsigned char c = (unsigned char)s[a];
        if (c < 0x80) {
            if (c == '*' || c == '_' || is_space((char)c) || c == '[' || c == ']') {
                a++;
                continue;
            }
            break;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (a + len > b) break;
        int found = -1;
        for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
            if (strlen(symbols[k].bytes) == len && memcmp(s + a, symbols[k].bytes, len) == 0) found = (int)k;
        /* Variation selectors and joiners (U+FE0F, U+200D) go with their symbol. */
        int selector = len == 3 && ((unsigned char)s[a] == 0xEF && (unsigned char)s[a + 1] == 0xB8);
        int joiner = len == 3 && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80;
        if (found < 0 && !selector && !joiner && c < 0xE2) break; /* a letter of another script */
        if (found >= 0 && sym < 0) sym = found;
        a += len;
    }
    /* The words, folded: lower case, '-' and '_' as spaces, up to where a
     * note starts ("Done (2026-11-20)", "Blocked: waiting on review"). */
    char words[64];
    size_t w = 0;
    for (size_t i = a; i < b && w + 1 < sizeof words; i++) {
        char c = s[i];
        if (strchr("([:;,.|", c) || (unsigned char)c >= 0x80 || (c == ' ' && i + 1 < b && s[i + 1] == '-')) break;
        if (c == '-' || c == '_' || c == '\'' || is_space(c)) c = ' ';
        if (c == '*' || c == '`') continue;
        if (c == ' ' && (w == 0 || words[w - 1] == ' ')) continue;
        words[w++] = ascii_lower(c);
    }
    while (w && words[w - 1] == ' ') w--;
    words[w] = '\0';
    for (size_t k = 0; w && k < sizeof vocabulary / sizeof vocabulary[0]; k++) {
        size_t m = strlen(vocabulary[k].words);
        if (w >= m && memcmp(words, vocabulary[k].words, m) == 0 && (w == m || words[m] == ' ')) {
            *out = vocabulary[k].status;
            return 1;
        }
    }
    if (sym >= 0) {
        *out = symbols[sym].status;
        return 1;
    }
    return 0;
}

int plan_status_folder_kind(const config_t *cfg, const char *name, size_t n) {
    size_t count;
    const char *const *list = config_active_folders(cfg, &count);
    for (size_t k = 0; k < count; k++)
        if (ascii_equal_ci(name, n, list[k], strlen(list[k]))) return 1;
    list = config_completed_folders(cfg, &count);
    for (size_t k = 0; k < count; k++)
        if (ascii_equal_ci(name, n, list[k], strlen(list[k]))) return 2;
    for (const char *const *k = config_archive_folders; *k; k++)
        if (ascii_equal_ci(name, n, *k, strlen(*k))) return 3;
    return 0;
}

/* Sets the status from the value s[a..b) of the line starting at line. */
static int take_value(const char *s, size_t a, size_t b, size_t line, status_source_t src, plan_status_info_t *out) {
    trim_value(s, &a, &b);
    if (a >= b) return 0;
    out->known = plan_status_parse(s + a, b - a, &out->status);
    out->source = src;
    out->value_start = a;
    out->value_end = b;
    out->key_line = line;
    return 1;
}

/* "status:" at the start of a front matter line. */
static int front_matter_status(const text_t *t, size_t fm_end, plan_status_info_t *out) {
    for (size_t line = 1; line < t->nlines; line++) {
        size_t ls = text_line_start(t, line), le = text_line_end(t, line);
        if (ls >= fm_end) break;
        if (ascii_prefix_ci(t->data + ls, le - ls, "status:", 7))
            return take_value(t->data, ls + 7, le, ls, STATUS_FROM_FRONT_MATTER, out);
    }
    return 0;
}

/* A "Status: Done" line ("- **Status:** Done", "**Status**: Done") or a
 * "| Status | Done |" table row starting at ls. */
static int preamble_line_status(const text_t *t, size_t ls, size_t le, plan_status_info_t *out) {
    const char *s = t->data;
    size_t k = ls;
    while (k < le && is_space(s[k])) k++;
    if (k < le && s[k] == '|') {
        size_t c1 = k + 1, e1 = c1;
        while (e1 < le && s[e1] != '|') e1++;
        if (e1 >= le) return 0;
        size_t a = c1, b = e1;
        trim_value(s, &a, &b);
        if (!ascii_equal_ci(s + a, b - a, "status", 6)) return 0;
        size_t c2 = e1 + 1, e2 = c2;
        while (e2 < le && s[e2] != '|') e2++;
        return take_value(s, c2, e2, ls, STATUS_FROM_TABLE, out);
    }
    if (k + 1 < le && (s[k] == '-' || s[k] == '*' || s[k] == '>') && s[k + 1] == ' ') k += 2;
    while (k < le && (s[k] == '*' || s[k] == '_')) k++;
    if (!ascii_prefix_ci(s + k, le - k, "status", 6)) return 0;
    k += 6;
    while (k < le && (s[k] == '*' || s[k] == '_')) k++;
    if (k >= le || s[k] != ':') return 0;
    k++;
    while (k < le && (s[k] == '*' || s[k] == '_')) k++;
    return take_value(s, k, le, ls, STATUS_FROM_LINE, out);
}

/* How far down the preamble a status is looked for. */
#define PREAMBLE_LINES 60

static int preamble_status(const plan_t *p, const text_t *t, plan_status_info_t *out) {
    size_t sec = p->title;
    size_t from = p->sections[sec].start + p->sections[sec].heading_len;
    size_t to = plan_section_end(p, sec, t);
    if (from < p->fm_end) from = p->fm_end;
    size_t line = text_line_of(t, from), fence = 0;
    for (size_t n = 0; line < t->nlines && n < PREAMBLE_LINES; line++, n++) {
        size_t ls = text_line_start(t, line), le = text_line_end(t, line);
        if (ls >= to) break;
        const char *s = t->data + ls;
        size_t k = 0;
        while (k < le - ls && s[k] == ' ' && k < 3) k++;
        if (le - ls - k >= 3 && (memcmp(s + k, "```", 3) == 0 || memcmp(s + k, "~~~", 3) == 0)) {
            fence = !fence;
            continue;
        }
        if (fence) continue;
        if (s[k] == '#' && ls > from) break; /* a sub-heading: the preamble ended */
        if (preamble_line_status(t, ls, le, out)) return 1;
    }
    return 0;
}

/* The parent folder of path, then its grandparent. */
static int folder_status(const plan_t *p, plan_status_info_t *out) {
    const char *path = p->path;
    if (!path) return 0;
    size_t end = strlen(path);
    while (end && path[end - 1] != '/') end--; /* the file name */
    for (int up = 0; up < 2 && end > 1; up++) {
        size_t stop = end - 1, start = stop;
        while (start && path[start - 1] != '/') start--;
        int kind = plan_status_folder_kind(p->config, path + start, stop - start);
        if (kind) {
            out->source = STATUS_FROM_FOLDER;
            out->known = 1;
            out->status = kind == 1 ? PLAN_ACTIVE : kind == 2 ? PLAN_COMPLETE : PLAN_ARCHIVED;
            return 1;
        }
        end = start;
    }
    return 0;
}

void plan_status_detect(const plan_t *p, const text_t *t, plan_status_info_t *out) {
    memset(out, 0, sizeof *out);
    if (p->fm_end && front_matter_status(t, p->fm_end, out)) return;
    if (p->nsections && preamble_status(p, t, out)) return;
    if (folder_status(p, out)) return;
    memset(out, 0, sizeof *out);
}

void plan_summary(const plan_t *p, const text_t *t, plan_summary_t *out) {
    memset(out, 0, sizeof *out);
    out->newest = INT64_MIN;
    plan_status_detect(p, t, &out->status);
    if (p->title) {
        const plan_section_t *s = &p->sections[p->title];
        out->title = t->data + s->start + s->name_start;
        out->title_len = s->name_len;
        out->title_start = s->start + s->name_start;
        out->title_end = out->title_start + s->name_len;
    }
    /* From the counts the parser keeps per section: no entry is read here,
     * so the lifecycle rules cost nothing per keystroke. */
    unsigned todo_done = 0, todo_total = 0, step_done = 0, step_total = 0;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (s->max_stamp > out->newest) out->newest = s->max_stamp;
        if (s->level == 0 || s->match == SECTION_NO_MATCH || i == p->title) continue;
        if (s->id == SEC_TODO) {
            todo_total += s->steps;
            todo_done += s->checked;
        } else if (s->id == SEC_PROGRESS) {
            step_total += s->steps;
            step_done += s->checked;
        } else {
            continue;
        }
        out->blocked += s->blocked;
    }
    out->todo_done = todo_total ? todo_done : step_done;
    out->todo_total = todo_total ? todo_total : step_total;
    out->steps_open = step_total - step_done;
}

char *plan_age_text(int64_t then, int64_t now, char *out) {
    int64_t m = now - then;
    if (m < -5)
        snprintf(out, 32, "in the future");
    else if (m < 1)
        snprintf(out, 32, "just now");
    else if (m < 60)
        snprintf(out, 32, "%lld min ago", (long long)m);
    else if (m < 24 * 60)
        snprintf(out, 32, "%lld h ago", (long long)(m / 60));
    else
        snprintf(out, 32, "%lld d ago", (long long)(m / (24 * 60)));
    return out;
}

char *plan_summary_line(const plan_summary_t *s, int64_t now, char *out) {
    size_t n = 0, cap = 160;
    if (s->status.status != PLAN_ACTIVE) {
        const char *name = plan_status_name(s->status.status);
        n += (size_t)snprintf(out + n, cap - n, "%c%s · ", name[0] - 'a' + 'A', name + 1);
    }
    if (s->todo_total)
        n += (size_t)snprintf(out + n, cap - n, "%u/%u done", s->todo_done, s->todo_total);
    else
        n += (size_t)snprintf(out + n, cap - n, "no to-dos");
    if (s->newest != INT64_MIN && n < cap) {
        char age[32];
        n += (size_t)snprintf(out + n, cap - n, " · last entry %s", plan_age_text(s->newest, now, age));
    }
    if (s->blocked && n < cap) snprintf(out + n, cap - n, " · %u blocked", s->blocked);
    return out;
}
