/* entry_text.c: the words of an entry (see entry_text.h). The vocabulary is
 * data: labels, reason phrases and placeholders in the languages real plans
 * are written in. The parser asks this for every list item, so each scan is
 * one pass with a cheap first-byte test before any comparison. */
#include "entry_text.h"

#include <string.h>

#include "ascii.h"

typedef struct {
    const char *word;
    entry_label_t label;
} label_word_t;

/* Longer words first where one is a prefix of another ("date/author", "date"). */
static const label_word_t labels[] = {
    {"decision", LABEL_HEAD},
    {"decisions", LABEL_HEAD},
    {"observation", LABEL_HEAD},
    {"finding", LABEL_HEAD},
    {"surprise", LABEL_HEAD},
    {"discovery", LABEL_HEAD},
    {"decisión", LABEL_HEAD},
    {"decisão", LABEL_HEAD},
    {"observación", LABEL_HEAD},
    {"observação", LABEL_HEAD},
    {"hallazgo", LABEL_HEAD},
    {"descoberta", LABEL_HEAD},
    {"决策", LABEL_HEAD},
    {"决定", LABEL_HEAD},
    {"決策", LABEL_HEAD},
    {"決定", LABEL_HEAD},
    {"判断", LABEL_HEAD},
    {"発見", LABEL_HEAD},
    {"观察", LABEL_HEAD},
    {"发现", LABEL_HEAD},
    {"결정", LABEL_HEAD},
    {"발견", LABEL_HEAD},
    {"rationale", LABEL_RATIONALE},
    {"reasoning", LABEL_RATIONALE},
    {"reason", LABEL_RATIONALE},
    {"why", LABEL_RATIONALE},
    {"justification", LABEL_RATIONALE},
    {"justificación", LABEL_RATIONALE},
    {"justificativa", LABEL_RATIONALE},
    {"razón", LABEL_RATIONALE},
    {"razão", LABEL_RATIONALE},
    {"motivo", LABEL_RATIONALE},
    {"理由", LABEL_RATIONALE},
    {"原因", LABEL_RATIONALE},
    {"依据", LABEL_RATIONALE},
    {"根拠", LABEL_RATIONALE},
    {"근거", LABEL_RATIONALE},
    {"이유", LABEL_RATIONALE},
    {"date/author", LABEL_DATE},
    {"date / author", LABEL_DATE},
    {"date", LABEL_DATE},
    {"when", LABEL_DATE},
    {"fecha/autor", LABEL_DATE},
    {"fecha", LABEL_DATE},
    {"data/autor", LABEL_DATE},
    {"data", LABEL_DATE},
    {"日期/作者", LABEL_DATE},
    {"日期", LABEL_DATE},
    {"时间", LABEL_DATE},
    {"日付", LABEL_DATE},
    {"日時", LABEL_DATE},
    {"날짜", LABEL_DATE},
    {"evidence", LABEL_DETAIL},
    {"impact", LABEL_DETAIL},
    {"alternatives considered", LABEL_DETAIL},
    {"alternatives", LABEL_DETAIL},
    {"consequences", LABEL_DETAIL},
    {"author", LABEL_DETAIL},
    {"follow-up", LABEL_DETAIL},
    {"resolution", LABEL_DETAIL},
    {"mitigation", LABEL_DETAIL},
    {"status", LABEL_DETAIL},
    {"evidencia", LABEL_DETAIL},
    {"evidência", LABEL_DETAIL},
    {"impacto", LABEL_DETAIL},
    {"证据", LABEL_DETAIL},
    {"影响", LABEL_DETAIL},
    {"証拠", LABEL_DETAIL},
    {"影響", LABEL_DETAIL},
    {"증거", LABEL_DETAIL},
    {"영향", LABEL_DETAIL},
};

static const char FULLWIDTH_COLON[] = "\xEF\xBC\x9A"; /* U+FF1A, the colon of CJK text */

static size_t skip_blanks(const char *s, size_t i, size_t n) {
    while (i < n && ascii_is_blank(s[i])) i++;
    return i;
}

static size_t skip_emphasis(const char *s, size_t i, size_t n) {
    if (i + 1 < n && (s[i] == '*' || s[i] == '_') && s[i + 1] == s[i]) return i + 2;
    return i;
}

entry_label_t entry_label(const char *s, size_t n, size_t *after) {
    if (after) *after = 0;
    size_t i = skip_blanks(s, 0, n);
    if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') && ascii_is_blank(s[i + 1]))
        i = skip_blanks(s, i + 1, n);
    i = skip_emphasis(s, i, n);
    if (i >= n) return LABEL_NONE;
    char first = ascii_lower(s[i]);
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        if (labels[k].word[0] != first) continue;
        size_t len = strlen(labels[k].word);
        if (!ascii_prefix_ci(s + i, n - i, labels[k].word, len)) continue;
        size_t j = skip_blanks(s, skip_emphasis(s, i + len, n), n);
        size_t colon = j < n && s[j] == ':' ? 1 : j + 3 <= n && memcmp(s + j, FULLWIDTH_COLON, 3) == 0 ? 3 : 0;
        if (!colon) continue;
        if (after) *after = skip_blanks(s, skip_emphasis(s, j + colon, n), n);
        return labels[k].label;
    }
    return LABEL_NONE;
}

static int is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Reason phrases of the Latin-script languages, matched at a word start and
 * ending at a word end. */
static const char *const reasons_latin[] = {
    "because",     "rationale",   "so that",    "so",         "to avoid",    "in order to", "instead of",
    "rather than", "since",       "due to",     "to prevent", "to ensure",   "to keep",     "to reduce",
    "to allow",    "to enable",   "to support", "therefore",  "hence",       "thus",        "which avoids",
    "porque",      "para evitar", "ya que",     "debido a",   "en lugar de", "para que",    "puesto que",
    "dado que",    "pois",        "já que",     "devido a",   "em vez de",   "para não",
};

/* Reason markers of Chinese, Japanese and Korean, matched anywhere. */
static const char *const reasons_cjk[] = {
    "为了", "因为", "由于", "以便", "以免",   "避免",     "所以", "因此", "因為", "為了",
    "由於", "ため", "ので", "から", "により", "によって", "때문", "위해", "위한", "므로",
};

static int latin_reason_at(const char *s, size_t i, size_t n) {
    char c = ascii_lower(s[i]);
    if (c < 'a' || c > 'z') return 0;
    for (size_t k = 0; k < sizeof reasons_latin / sizeof reasons_latin[0]; k++) {
        if (reasons_latin[k][0] != c) continue;
        size_t len = strlen(reasons_latin[k]);
        if (ascii_prefix_ci(s + i, n - i, reasons_latin[k], len) && (i + len == n || !is_word_byte(s[i + len])))
            return 1;
    }
    return 0;
}

/* A common abbreviation ends at s[i] (the '.'): "e.g.", "i.e.", "etc.", "vs.". */
static int ends_abbreviation(const char *s, size_t i) {
    static const char *const abbr[] = {"e.g", "i.e", "etc", "vs", "approx", "cf", "no"};
    for (size_t k = 0; k < sizeof abbr / sizeof abbr[0]; k++) {
        size_t len = strlen(abbr[k]);
        if (i >= len && ascii_prefix_ci(s + i - len, len, abbr[k], len) && (i == len || !is_word_byte(s[i - len - 1])))
            return 1;
    }
    return 0;
}

/* A sentence end followed by more words: the second sentence gives the
 * reason ("Use X. The old path loses data."), in any language. One pass:
 * the word bytes after each sentence end are the total minus those before. */
static int has_second_sentence(const char *s, size_t n) {
    size_t total = 0, seen = 0;
    for (size_t i = 0; i < n; i++) total += is_word_byte(s[i]);
    for (size_t i = 0; i + 1 < n; i++) {
        seen += is_word_byte(s[i]);
        int latin = (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';') && ascii_is_blank(s[i + 1]);
        int cjk = i + 3 < n && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
                  (unsigned char)s[i + 2] == 0x82; /* 。 */
        if (latin && s[i] == '.' && ends_abbreviation(s, i)) continue;
        if ((latin || cjk) && total - seen >= 12) return 1;
    }
    return 0;
}

int entry_gives_reason(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE0) {
            /* Every CJK marker starts with a 3-byte sequence. */
            for (size_t k = 0; k < sizeof reasons_cjk / sizeof reasons_cjk[0]; k++) {
                const char *m = reasons_cjk[k];
                size_t len = strlen(m);
                if (m[0] == s[i] && i + len <= n && memcmp(s + i, m, len) == 0) return 1;
            }
        } else if ((i == 0 || !is_word_byte(s[i - 1])) && latin_reason_at(s, i, n)) {
            return 1;
        }
    }
    return has_second_sentence(s, n);
}

/* Placeholder words: the whole entry, or its start before punctuation. */
static const char *const placeholders[] = {
    "none yet",
    "none so far",
    "none recorded",
    "none",
    "nothing yet",
    "nothing so far",
    "nothing",
    "n/a",
    "tbd",
    "pending",
    "placeholder",
    "fill during work",
    "fill in during work",
    "to be filled",
    "to be added",
    "to be recorded",
    "to be determined",
    "will be filled",
    "will be recorded",
    "will be added",
    "no entries yet",
    "no decisions yet",
    "no surprises yet",
    "no discoveries yet",
    "not yet",
    "ninguno",
    "ninguna",
    "nenhum",
    "nenhuma",
    "pendiente",
    "暂无",
    "尚无",
    "无",
    "なし",
    "まだなし",
    "未定",
    "없음",
    "아직 없음",
};

int entry_is_placeholder(const char *s, size_t n) {
    size_t a = 0, b = n;
    while (a < b && (ascii_is_blank(s[a]) || s[a] == '(' || s[a] == '_' || s[a] == '*' || s[a] == '[')) a++;
    while (b > a && (ascii_is_blank(s[b - 1]) || strchr(").!_*]", s[b - 1]))) b--;
    if (b - a > 100) return 0;
    for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++) {
        size_t len = strlen(placeholders[k]);
        if (!ascii_prefix_ci(s + a, b - a, placeholders[k], len)) continue;
        /* The word alone, or followed by punctuation: "None yet; added as
         * work proceeds." is a placeholder, "None of the tests ran" is not.
         * 0xE2, 0xE3, 0xEF lead dashes and CJK punctuation. */
        size_t j = skip_blanks(s, a + len, b);
        unsigned char c = (unsigned char)s[j];
        if (j == b || (c && strchr(".;:,)-", c)) || c == 0xE2 || c == 0xE3 || c == 0xEF) return 1;
    }
    return 0;
}

static int ascii_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int entry_is_blocked(const char *s, size_t n) {
    for (size_t i = 0; i + 3 <= n; i++)
        if (memcmp(s + i, "\xE2\x8F\xB8", 3) == 0) return 1; /* ⏸ */
    for (size_t i = 0; i + 7 <= n; i++)
        if (memcmp(s + i, "BLOCKED", 7) == 0 && (i == 0 || !ascii_is_alpha(s[i - 1])) &&
            (i + 7 == n || !ascii_is_alpha(s[i + 7])))
            return 1;
    return 0;
}
