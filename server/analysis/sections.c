/* sections.c: the canonical ExecPlan sections and heading-name matching.
 *
 * Near-miss policy (a did-you-mean is a hint, so we stay conservative):
 *
 *   1. EXACT: equal to a canonical name after ASCII case folding, whitespace
 *      folding, trimming and dropping ATX closing hashes.
 *   2. Otherwise the heading is normalised: lowercase, '&' and '+' become "and",
 *      punctuation and non-ASCII bytes become spaces, a leading list number
 *      ("3." / "3)") and the filler words "list" and "section" go.
 *   3. Whole name: the words, joined without spaces ("to do" == "todo"), are
 *      compared with each canonical name's; both as written and with a naive
 *      plural stem (surprises -> surprise, discoveries -> discovery) so that
 *      number slips cost nothing. Distance is optimal-string-alignment
 *      (a transposition is one edit), allowed up to 1 for names under 10
 *      bytes, 2 under 20, else 3. "Process" vs "Progress" is 2, so it does
 *      not match.
 *   4. Words: every heading word fuzzily equals a word of one canonical name
 *      (0 edits under 5 bytes, 1 under 10, else 2), with at most one extra
 *      heading word allowed when the matched words are exact ("Acceptance
 *      Criteria", "Progress Log"). At least one matched word must be
 *      distinctive: "notes", "work", "plan", "steps", "big", "log", "to", "do"
 *      alone match nothing, because headings such as "Notes", "Next Steps" or
 *      "Work Plan" are common in plans for other reasons. So "Notes" and
 *      "Steps" are NO_MATCH while "Artifacts", "Concrete", "Suprises" are near
 *      misses.
 *   Whole-name matches rank ahead of word matches; the single best candidate
 *   wins and a tie between two sections is NO_MATCH ("Purpose and Context"). */
#include "sections.h"

#include <string.h>

static const char *const names[SEC_COUNT] = {
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
    "Interfaces and Dependencies",
};

/* The words of each name that can stand for it (NULL-terminated, at most 3). */
static const char *const words_of[SEC_COUNT][4] = {
    {"purpose", "big", "picture", NULL},
    {"to", "do", NULL},
    {"progress", NULL},
    {"surprises", "discoveries", NULL},
    {"decision", "log", NULL},
    {"outcomes", "retrospective", NULL},
    {"context", "orientation", NULL},
    {"plan", "work", NULL},
    {"concrete", "steps", NULL},
    {"validation", "acceptance", NULL},
    {"idempotence", "recovery", NULL},
    {"artifacts", "notes", NULL},
    {"interfaces", "dependencies", NULL},
};

/* Words too common in plan headings to suggest a section on their own. */
static const char *const generic[] = {"notes", "work", "plan", "steps", "big", "log", "to", "do"};

#define MAXLEN 128 /* longer headings are never near misses of a short name */
#define MAXWORDS 8

const char *section_name(section_id_t id) { return (unsigned)id < SEC_COUNT ? names[id] : ""; }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static int is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* Lowercase, whitespace-folded, trimmed text without ATX closing hashes.
 * Returns the length, or -1 when it does not fit. */
static int fold(const char *s, size_t n, char *out, size_t cap) {
    while (n > 0 && is_space(s[n - 1])) n--;
    /* A closing sequence is a run of '#' preceded by a space (or filling the line). */
    size_t k = n;
    while (k > 0 && s[k - 1] == '#') k--;
    if (k < n && (k == 0 || is_space(s[k - 1]))) n = k;
    size_t len = 0;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i])) {
            pending = len > 0;
            continue;
        }
        if (len + 2 >= cap) return -1;
        if (pending) out[len++] = ' ';
        pending = 0;
        out[len++] = lower(s[i]);
    }
    out[len] = '\0';
    return (int)len;
}

typedef struct {
    char buf[MAXLEN * 2];
    const char *w[MAXWORDS];
    size_t nw;
} words_t;

static int is_word(const char *w, const char *x) { return strcmp(w, x) == 0; }

/* Splits folded text into normalised words (see the policy at the top).
 * Returns 0, or -1 when there are too many words to be a near miss. */
static int split(const char *f, words_t *ws) {
    char tmp[MAXLEN * 2];
    size_t t = 0;
    for (size_t i = 0; f[i] && t + 6 < sizeof tmp; i++) {
        char c = f[i];
        if (c == '&' || c == '+') {
            memcpy(tmp + t, " and ", 5);
            t += 5;
        } else {
            tmp[t++] = is_alnum(c) ? c : ' ';
        }
    }
    tmp[t] = '\0';
    ws->nw = 0;
    size_t o = 0;
    for (size_t i = 0; tmp[i];) {
        while (tmp[i] == ' ') i++;
        if (!tmp[i]) break;
        size_t st = i;
        while (tmp[i] && tmp[i] != ' ') i++;
        char *w = ws->buf + o;
        memcpy(w, tmp + st, i - st);
        w[i - st] = '\0';
        o += i - st + 1;
        /* A leading section number ("3. Progress") is not part of the name. */
        int numeric = 1;
        for (const char *p = w; *p; p++)
            if (*p < '0' || *p > '9') numeric = 0;
        if ((numeric && ws->nw == 0) || is_word(w, "list") || is_word(w, "section")) continue;
        if (ws->nw == MAXWORDS) return -1;
        ws->w[ws->nw++] = w;
    }
    return 0;
}

/* Naive plural stem: "discoveries" -> "discovery", "steps" -> "step";
 * "progress" keeps its "ss". */
static void stem(const char *w, char *out, size_t cap) {
    size_t n = strlen(w);
    if (n + 1 > cap) n = cap - 1;
    memcpy(out, w, n);
    out[n] = '\0';
    if (n > 4 && strcmp(out + n - 3, "ies") == 0) {
        out[n - 3] = 'y';
        out[n - 2] = '\0';
    } else if (n > 3 && out[n - 1] == 's' && out[n - 2] != 's') {
        out[n - 1] = '\0';
    }
}

/* Optimal string alignment distance, capped: returns cap+1 when larger. */
static int distance(const char *a, const char *b, int cap) {
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la - lb > cap || lb - la > cap) return cap + 1;
    if (la >= MAXLEN || lb >= MAXLEN) return cap + 1;
    int rows[3][MAXLEN + 1];
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    for (int j = 0; j <= lb; j++) p[j] = j;
    for (int i = 1; i <= la; i++) {
        c[0] = i;
        int best = c[0];
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = p[j - 1] + cost;
            if (p[j] + 1 < v) v = p[j] + 1;
            if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v) v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best) best = v;
        }
        if (best > cap) return cap + 1;
        int *r = pp;
        pp = p;
        p = c;
        c = r;
    }
    return p[lb] > cap ? cap + 1 : p[lb];
}

/* Words joined without spaces, as written or stemmed. */
static void squash(const char *const *w, size_t nw, int stemmed, char *out, size_t cap) {
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < nw; i++) {
        char s[MAXLEN];
        if (stemmed)
            stem(w[i], s, sizeof s);
        else {
            strncpy(s, w[i], sizeof s - 1);
            s[sizeof s - 1] = '\0';
        }
        size_t l = strlen(s);
        if (len + l + 1 > cap) return;
        memcpy(out + len, s, l + 1);
        len += l;
    }
}

static int name_budget(size_t len) { return len < 10 ? 1 : len < 20 ? 2 : 3; }
static int word_budget(size_t len) { return len < 5 ? 0 : len < 10 ? 1 : 2; }

/* Distance between two words, forgiving plural slips; budget+1 when too far. */
static int word_distance(const char *a, const char *b) {
    char sa[MAXLEN], sb[MAXLEN];
    stem(a, sa, sizeof sa);
    stem(b, sb, sizeof sb);
    size_t la = strlen(a), lb = strlen(b);
    int budget = word_budget(la < lb ? la : lb);
    int d1 = distance(a, b, budget), d2 = distance(sa, sb, budget);
    return d1 < d2 ? d1 : d2;
}

static int is_generic(const char *w) {
    for (size_t k = 0; k < sizeof generic / sizeof generic[0]; k++)
        if (is_word(w, generic[k])) return 1;
    return 0;
}

/* Score of heading words against one section; lower is better, -1 = no match. */
static int score(const words_t *ws, section_id_t id) {
    /* Whole name. */
    char canon_f[64], canon_raw[64], canon_st[64], head_raw[MAXLEN * 2], head_st[MAXLEN * 2];
    words_t cw;
    fold(names[id], strlen(names[id]), canon_f, sizeof canon_f);
    split(canon_f, &cw);
    squash(cw.w, cw.nw, 0, canon_raw, sizeof canon_raw);
    squash(cw.w, cw.nw, 1, canon_st, sizeof canon_st);
    squash(ws->w, ws->nw, 0, head_raw, sizeof head_raw);
    squash(ws->w, ws->nw, 1, head_st, sizeof head_st);
    int budget = name_budget(strlen(canon_raw));
    int d1 = distance(head_raw, canon_raw, budget), d2 = distance(head_st, canon_st, budget);
    int d = d1 < d2 ? d1 : d2;
    if (d <= budget) return d;

    /* Words: each heading word matches a canonical word, or is the one extra. */
    int matched = 0, distinctive = 0, extra = 0, total = 0, all_exact = 1;
    for (size_t i = 0; i < ws->nw; i++) {
        const char *w = ws->w[i];
        if (is_word(w, "and") || is_word(w, "of") || is_word(w, "the")) continue;
        int best = -1;
        for (size_t k = 0; words_of[id][k]; k++) {
            int wd = word_distance(w, words_of[id][k]);
            int b = word_budget(strlen(w) < strlen(words_of[id][k]) ? strlen(w) : strlen(words_of[id][k]));
            if (wd <= b && (best < 0 || wd < best)) {
                best = wd;
                if (!is_generic(words_of[id][k])) distinctive = 1;
            }
        }
        if (best < 0) {
            extra++;
        } else {
            matched++;
            total += best;
            if (best > 0) all_exact = 0;
        }
    }
    if (!matched || !distinctive) return -1;
    if (extra > 1 || (extra == 1 && !all_exact)) return -1;
    return 10 + extra * 5 + total;
}

section_match_t section_match(const char *name, size_t n, section_id_t *id) {
    char f[MAXLEN * 2];
    int fl = fold(name, n, f, MAXLEN);
    if (fl <= 0) return SECTION_NO_MATCH;
    for (int k = 0; k < SEC_COUNT; k++) {
        char c[64];
        fold(names[k], strlen(names[k]), c, sizeof c);
        if (strcmp(f, c) == 0) {
            *id = (section_id_t)k;
            return SECTION_EXACT;
        }
    }
    words_t ws;
    if (split(f, &ws) < 0 || ws.nw == 0) return SECTION_NO_MATCH;
    int best = -1, best_id = -1, tie = 0;
    for (int k = 0; k < SEC_COUNT; k++) {
        int s = score(&ws, (section_id_t)k);
        if (s < 0) continue;
        if (best < 0 || s < best) {
            best = s;
            best_id = k;
            tie = 0;
        } else if (s == best) {
            tie = 1;
        }
    }
    if (best < 0 || tie) return SECTION_NO_MATCH;
    *id = (section_id_t)best_id;
    return SECTION_NEAR_MISS;
}
