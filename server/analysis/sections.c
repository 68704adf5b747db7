/* sections.c: the canonical ExecPlan sections and heading-name matching.
 *
 * Policy. A heading that stands for a section counts as it with no hint; a
 * did-you-mean is for typos only, and anything less sure is no match (an
 * unknown-section hint at most). The vocabulary is in section_vocab.c. In order:
 *
 *   1. EXACT: equal to a canonical name after ASCII case folding, whitespace
 *      folding, trimming and dropping ATX closing hashes.
 *   2. ALIAS by a name in another language: the heading compacted (Latin
 *      letters lowercased and accents folded; punctuation, full-width
 *      punctuation, '・', white space, numbers and the joining words "and",
 *      "y", "e", "de", 与, 與, 和, 及, と, 및 dropped; the rest run together)
 *      equals a listed name compacted alike: "Validacion y aceptacion",
 *      "進捗", "진행 상황", "目的・全体像".
 *   3. Otherwise the heading's Latin words: lowercase, accents folded, any
 *      other character separates words, "to do" is the one word "todo",
 *      numbers and filler ("and", "of", "the", "list", "section", "y", "de")
 *      go. Words compare after a naive plural stem (discoveries -> discovery).
 *      a. ALIAS: the words are the canonical name's ("Surprises and
 *         discoveries", "Decisions log", "Plan-of-Work", "Todos", "3. Progress").
 *      b. ALIAS: every word is a word or key word of one section, and one is
 *         not generic ("Purpose", "Context", "Validation", "Dependencies",
 *         "Artefacts and Notes"). Generic words ("notes", "work", "plan",
 *         "steps", "big", "log") alone name nothing: "Notes", "Work Plan" and
 *         "Next Steps" are common headings for other reasons.
 *      c. NEAR_MISS, a typo at least one edit away: the words joined without
 *         spaces are within an optimal-string-alignment distance of a
 *         canonical name's (a transposition is one edit; up to 1 for names
 *         under 10 bytes, 2 under 20, else 3: "Progres", "Decsion Log";
 *         "Process" is 2 from "Progress"), or every word is near a word of one
 *         section (0 edits under 5 bytes, 1 under 10, else 2: "Suprises &
 *         Discoveries"), one of them not generic. The closest section wins; a
 *         tie is NO_MATCH.
 *      d. KEYWORD: a key word among at most three words of no section places
 *         the heading in the section of its first key word ("Progress Log",
 *         "Acceptance Criteria", "Risks and recovery", "Repository
 *         Orientation and Affected Interfaces" -> Context). "validation",
 *         "artifacts", "dependencies" and the generic words are no keys, so
 *         "Validation plan", "Validation notes", "Source artifacts" and
 *         "Dependency Graph" match nothing. A heading made only of words of
 *         two sections names both ("Purpose and Context", "Validation and
 *         Recovery"): NO_MATCH.
 *   4. KEYWORD by a CJK key term: the compacted heading has at most 10
 *      characters and begins or ends with the key term of exactly one
 *      section ("进度更新", "本次复盘"); terms of two sections are NO_MATCH. */
#include "sections.h"

#include <string.h>

#include "section_vocab.h"
#include "utf8.h"

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

#define MAXLEN 128 /* longer headings are never near misses of a short name */
#define MAXWORDS 8
#define CJK_MAX_CHARS 10 /* longer CJK headings are topics, not sections */
#define KEYWORD_MAX_EXTRA 3

const char *section_name(section_id_t id) { return (unsigned)id < SEC_COUNT ? names[id] : ""; }

int section_match_stands_for(section_match_t m) {
    return m == SECTION_EXACT || m == SECTION_ALIAS || m == SECTION_KEYWORD;
}

int section_match_may_be_title(section_match_t m) { return m == SECTION_NO_MATCH || m == SECTION_KEYWORD; }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static int is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static int is_word(const char *w, const char *x) { return strcmp(w, x) == 0; }

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

/* ---- characters ---------------------------------------------------------- */

/* The code point at s[0..n), n >= 1, and its length in *len; an ill-formed
 * byte reads as U+FFFD, one byte long. */
static unsigned next_cp(const char *s, size_t n, size_t *len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t l = utf8_len(u, n);
    *len = l ? l : 1;
    switch (l) {
    case 1: return u[0];
    case 2: return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    case 3: return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    case 4:
        return (unsigned)(u[0] & 0x07) << 18 | (unsigned)(u[1] & 0x3F) << 12 | (unsigned)(u[2] & 0x3F) << 6 |
               (u[3] & 0x3F);
    default: return 0xFFFD;
    }
}

/* The lowercase ASCII letter or digit a Latin character folds to ('Á' -> 'a',
 * full-width 'Ｐ' -> 'p'), else 0. Latin-1 is all Spanish and Portuguese need. */
static char latin_of(unsigned cp) {
    /* U+00C0..U+00FF; '_' marks the symbols among them (×, ÷) and Þ þ. */
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo_ouuuuy_saaaaaaaceeeeiiiidnooooo_ouuuuy_y";
    if (cp < 0x80) {
        char c = lower((char)cp);
        return is_alnum(c) ? c : 0;
    }
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0] == '_' ? 0 : latin1[cp - 0xC0];
    if (cp >= 0xFF10 && cp <= 0xFF19) return (char)('0' + (cp - 0xFF10));
    if (cp >= 0xFF21 && cp <= 0xFF3A) return (char)('a' + (cp - 0xFF21));
    if (cp >= 0xFF41 && cp <= 0xFF5A) return (char)('a' + (cp - 0xFF41));
    return 0;
}

/* A non-Latin character that is part of a word (CJK, kana, Hangul, other
 * scripts), as opposed to punctuation, symbols and the CJK words for "and". */
static int is_letter_other(unsigned cp) {
    static const unsigned joiners[] = {0x4E0E /* 与 */, 0x8207 /* 與 */, 0x548C /* 和 */,
                                       0x53CA /* 及 */, 0x3068 /* と */, 0xBC0F /* 및 */};
    for (size_t k = 0; k < sizeof joiners / sizeof joiners[0]; k++)
        if (cp == joiners[k]) return 0;
    if (cp < 0x100 || cp == 0xFFFD) return 0;
    if (cp >= 0x2000 && cp <= 0x2BFF) return 0; /* general punctuation, arrows, symbols */
    if (cp >= 0x3000 && cp <= 0x303F) return 0; /* CJK punctuation: 、。「」 */
    if (cp == 0x30FB) return 0;                 /* ・ */
    if (cp >= 0xFE30 && cp <= 0xFE4F) return 0; /* CJK compatibility forms */
    if (cp >= 0xFF00 && cp <= 0xFF65) return 0; /* full-width punctuation (letters fold above) */
    if (cp >= 0x1F000) return 0;                /* emoji */
    return 1;
}

static int is_number(const char *w) {
    for (; *w; w++)
        if (*w < '0' || *w > '9') return 0;
    return 1;
}

/* ---- compaction (step 2, step 4) ----------------------------------------- */

typedef struct {
    char s[MAXLEN * 2];
    size_t len;
    size_t chars; /* characters, each Latin letter one */
    int other;    /* it has a non-Latin letter */
} compact_t;

static void compact_word(compact_t *c, const char *w, size_t wl) {
    char word[MAXLEN];
    if (wl == 0 || wl >= sizeof word) return;
    memcpy(word, w, wl);
    word[wl] = '\0';
    if (is_number(word) || section_vocab_is_filler(word)) return;
    if (c->len + wl + 1 > sizeof c->s) return;
    memcpy(c->s + c->len, word, wl + 1);
    c->len += wl;
    c->chars += wl;
}

/* Compacts s[0..n) into c (see the policy, step 2). */
static void compact(const char *s, size_t n, compact_t *c) {
    char w[MAXLEN];
    size_t wl = 0;
    c->len = c->chars = 0;
    c->other = 0;
    c->s[0] = '\0';
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned cp = next_cp(s + i, n - i, &len);
        char l = latin_of(cp);
        if (l) {
            if (wl + 1 < sizeof w) w[wl++] = l;
        } else {
            compact_word(c, w, wl);
            wl = 0;
            if (is_letter_other(cp) && c->len + len + 1 <= sizeof c->s) {
                memcpy(c->s + c->len, s + i, len);
                c->len += len;
                c->s[c->len] = '\0';
                c->chars++;
                c->other = 1;
            }
        }
        i += len;
    }
    compact_word(c, w, wl);
}

/* Whether name[0..n) could compact to h: compaction never lengthens a name,
 * and no listed name begins with something it drops. A cheap filter: every
 * heading is compared with every listed name. */
static int may_compact_to(const char *name, size_t n, const compact_t *h) {
    size_t len;
    if (n < h->len) return 0;
    unsigned cp = next_cp(name, n, &len);
    char l = latin_of(cp);
    return l ? h->s[0] == l : len <= h->len && memcmp(name, h->s, len) == 0;
}

/* Step 2: the section one of whose listed names compacts to h. */
static int localized(const compact_t *h, section_id_t *id) {
    for (int k = 0; k < SEC_COUNT; k++)
        for (const char *const *lang = section_vocab((section_id_t)k)->names; *lang; lang++)
            for (const char *nm = *lang; *nm;) {
                const char *bar = strchr(nm, '|');
                size_t n = bar ? (size_t)(bar - nm) : strlen(nm);
                if (may_compact_to(nm, n, h)) {
                    compact_t c;
                    compact(nm, n, &c);
                    if (c.len == h->len && memcmp(c.s, h->s, h->len) == 0) {
                        *id = (section_id_t)k;
                        return 1;
                    }
                }
                nm += bar ? n + 1 : n;
            }
    return 0;
}

/* Step 4: the one section whose CJK key term begins or ends a short heading. */
static section_match_t cjk_keyword(const compact_t *h, section_id_t *id) {
    if (!h->other || h->chars > CJK_MAX_CHARS) return SECTION_NO_MATCH;
    int found = -1;
    for (int k = 0; k < SEC_COUNT; k++)
        for (const char *const *t = section_vocab((section_id_t)k)->cjk_keys; *t; t++) {
            size_t tl = strlen(*t);
            if (tl > h->len) continue;
            if (memcmp(h->s, *t, tl) != 0 && memcmp(h->s + h->len - tl, *t, tl) != 0) continue;
            if (found >= 0 && found != k) return SECTION_NO_MATCH;
            found = k;
        }
    if (found < 0) return SECTION_NO_MATCH;
    *id = (section_id_t)found;
    return SECTION_KEYWORD;
}

/* ---- words (step 3) ------------------------------------------------------ */

typedef struct {
    char buf[MAXLEN * 2];
    const char *w[MAXWORDS];
    size_t nw;
} words_t;

/* Adds word w[0..wl): numbers and filler go, "to" "do" is "todo".
 * Returns 0, or -1 when there are too many words. */
static int push_word(words_t *ws, size_t *o, const char *w, size_t wl) {
    if (wl == 0 || *o + wl + 1 > sizeof ws->buf) return 0;
    char *d = ws->buf + *o;
    memcpy(d, w, wl);
    d[wl] = '\0';
    if (is_number(d) || section_vocab_is_filler(d)) return 0;
    if (ws->nw > 0 && is_word(ws->w[ws->nw - 1], "to") && (is_word(d, "do") || is_word(d, "dos"))) {
        ws->w[ws->nw - 1] = "todo";
        return 0;
    }
    if (ws->nw == MAXWORDS) return -1;
    ws->w[ws->nw++] = d;
    *o += wl + 1;
    return 0;
}

/* Splits folded text into normalised words (see the policy, step 3).
 * Returns 0, or -1 when there are too many words to name a section. */
static int split(const char *f, words_t *ws) {
    size_t n = strlen(f), o = 0, wl = 0;
    char w[MAXLEN];
    ws->nw = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        char l = latin_of(next_cp(f + i, n - i, &len));
        if (l && wl + 1 < sizeof w) {
            w[wl++] = l;
        } else if (!l) {
            if (push_word(ws, &o, w, wl) < 0) return -1;
            wl = 0;
        }
        i += len;
    }
    return push_word(ws, &o, w, wl);
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

static int same_stem(const char *a, const char *b) {
    if (a[0] != b[0]) return 0; /* a stem keeps the first letter; most words differ there */
    char sa[MAXLEN], sb[MAXLEN];
    stem(a, sa, sizeof sa);
    stem(b, sb, sizeof sb);
    return strcmp(sa, sb) == 0;
}

static int in_list(const char *w, const char *const *list) {
    for (; *list; list++)
        if (same_stem(w, *list)) return 1;
    return 0;
}

/* The section that has w among its words or key words, or -1. */
static int section_of_word(const char *w) {
    for (int k = 0; k < SEC_COUNT; k++) {
        const section_vocab_t *v = section_vocab((section_id_t)k);
        if (in_list(w, v->words) || in_list(w, v->keys)) return k;
    }
    return -1;
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
static void squash(const words_t *ws, int stemmed, char *out, size_t cap) {
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ws->nw; i++) {
        char s[MAXLEN];
        if (stemmed)
            stem(ws->w[i], s, sizeof s);
        else {
            strncpy(s, ws->w[i], sizeof s - 1);
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

/* A name's or a heading's words joined without spaces, as written and stemmed. */
typedef struct {
    char raw[MAXLEN * 2], st[MAXLEN * 2];
} joined_t;

static void join(const words_t *ws, joined_t *j) {
    squash(ws, 0, j->raw, sizeof j->raw);
    squash(ws, 1, j->st, sizeof j->st);
}

/* The canonical names' words, joined, computed once per heading. */
typedef struct {
    joined_t name[SEC_COUNT];
} canon_t;

static void canon_init(canon_t *c) {
    for (int k = 0; k < SEC_COUNT; k++) {
        char f[64];
        words_t cw;
        fold(names[k], strlen(names[k]), f, sizeof f);
        split(f, &cw);
        join(&cw, &c->name[k]);
    }
}

/* Distance of the heading's joined words from section id's name's; 0 is the
 * same name in other spelling (step 3a). Returns budget+1 when too far. */
static int name_distance(const joined_t *head, const canon_t *c, section_id_t id, int *budget) {
    const joined_t *n = &c->name[id];
    *budget = name_budget(strlen(n->raw));
    int d1 = distance(head->raw, n->raw, *budget), d2 = distance(head->st, n->st, *budget);
    return d1 < d2 ? d1 : d2;
}

/* Step 3b: the section all words belong to, one of them not generic, or -1. */
static int subset_of(const words_t *ws) {
    int k = -1, distinctive = 0;
    for (size_t i = 0; i < ws->nw; i++) {
        int s = section_of_word(ws->w[i]);
        if (s < 0 || (k >= 0 && s != k)) return -1;
        k = s;
        if (!section_vocab_is_generic(ws->w[i])) distinctive = 1;
    }
    return distinctive ? k : -1;
}

/* Step 3c: how far the words are from section id as a typo; lower is
 * better, -1 = no match. */
static int typo_score(const words_t *ws, const joined_t *head, const canon_t *c, section_id_t id) {
    int budget;
    int d = name_distance(head, c, id, &budget);
    if (d <= budget) return d;
    /* Words: each heading word is near a word of the section's name. */
    const char *const *words = section_vocab(id)->words;
    int distinctive = 0, total = 0;
    for (size_t i = 0; i < ws->nw; i++) {
        const char *w = ws->w[i];
        int best = -1;
        for (size_t k = 0; words[k]; k++) {
            int wd = word_distance(w, words[k]);
            int b = word_budget(strlen(w) < strlen(words[k]) ? strlen(w) : strlen(words[k]));
            if (wd <= b && (best < 0 || wd < best)) {
                best = wd;
                if (!section_vocab_is_generic(words[k])) distinctive = 1;
            }
        }
        if (best < 0) return -1;
        total += best;
    }
    return distinctive && total > 0 ? 10 + total : -1;
}

/* Step 3d: the section of the first key word, with few other words. */
static section_match_t keyword(const words_t *ws, section_id_t *id) {
    int first = -1, extra = 0;
    unsigned named = 0; /* sections named by a word that is not generic */
    for (size_t i = 0; i < ws->nw; i++) {
        int k = section_of_word(ws->w[i]);
        if (k < 0) {
            extra++;
            continue;
        }
        if (!section_vocab_is_generic(ws->w[i])) named |= 1u << k;
        if (first < 0 && in_list(ws->w[i], section_vocab((section_id_t)k)->keys)) first = k;
    }
    if (first < 0 || extra > KEYWORD_MAX_EXTRA) return SECTION_NO_MATCH;
    if (extra == 0 && (named & (named - 1))) return SECTION_NO_MATCH; /* two sections, no topic */
    *id = (section_id_t)first;
    return SECTION_KEYWORD;
}

static section_match_t match_words(const words_t *ws, section_id_t *id) {
    canon_t c;
    joined_t head;
    canon_init(&c);
    join(ws, &head);
    for (int k = 0; k < SEC_COUNT; k++) {
        int budget;
        if (name_distance(&head, &c, (section_id_t)k, &budget) == 0) {
            *id = (section_id_t)k;
            return SECTION_ALIAS;
        }
    }
    int k = subset_of(ws);
    if (k >= 0) {
        *id = (section_id_t)k;
        return SECTION_ALIAS;
    }
    int best = -1, best_id = -1, tie = 0;
    for (k = 0; k < SEC_COUNT; k++) {
        int s = typo_score(ws, &head, &c, (section_id_t)k);
        if (s < 0) continue;
        if (best < 0 || s < best) {
            best = s;
            best_id = k;
            tie = 0;
        } else if (s == best) {
            tie = 1;
        }
    }
    if (best >= 0) {
        if (tie) return SECTION_NO_MATCH;
        *id = (section_id_t)best_id;
        return SECTION_NEAR_MISS;
    }
    return keyword(ws, id);
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
    compact_t h;
    compact(f, (size_t)fl, &h);
    if (h.len == 0) return SECTION_NO_MATCH;
    if (localized(&h, id)) return SECTION_ALIAS;
    words_t ws;
    if (split(f, &ws) == 0 && ws.nw > 0) {
        section_match_t m = match_words(&ws, id);
        if (m != SECTION_NO_MATCH) return m;
    }
    return cjk_keyword(&h, id);
}
