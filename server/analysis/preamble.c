/* preamble.c: the living-document line's vocabulary. The English forms are
 * the two articles' own wording; a translation is recognised by what it must
 * say, since translators word it freely: the guide form names the Progress
 * section and asks to keep it up to date, the cookbook form calls the plan a
 * living document. Only lines between the title and the first section are
 * asked (plan_md.c), so short phrases are safe enough here. */
#include "preamble.h"

#include <string.h>

#include "ascii.h"

/* A living-document line is a sentence or two; a longer line is prose (and
 * a 50 MB one must not cost thirty scans). */
#define PREAMBLE_MAX_LINE 1000

static int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* s[0..n) contains one of the NUL-terminated phrases (ASCII case ignored);
 * a phrase that starts or ends with a Latin letter must start or end a word
 * there ("al dia" is not inside "modal dialog"). */
static int has_any(const char *s, size_t n, const char *const *phrases) {
    for (; *phrases; phrases++) {
        size_t k = strlen(*phrases);
        int head = is_letter((unsigned char)(*phrases)[0]), tail = is_letter((unsigned char)(*phrases)[k - 1]);
        for (size_t i = 0; i + k <= n; i++) {
            if (!ascii_prefix_ci(s + i, n - i, *phrases, k)) continue;
            if (head && i > 0 && is_letter((unsigned char)s[i - 1])) continue;
            if (tail && i + k < n && is_letter((unsigned char)s[i + k])) continue;
            return 1;
        }
    }
    return 0;
}

int preamble_is_guide(const char *s, size_t n) {
    if (n > PREAMBLE_MAX_LINE) return 0;
    static const char *const progress[] = {"progress", "进度", "进展",     "進度",      "進展",
                                           "進捗",     "진행", "progreso", "progresso", NULL};
    static const char *const kept_current[] = {
        /* Chinese */
        "最新", "随时更新", "隨時更新", "及时更新", "及時更新", "持续更新", "持續更新", "保持更新",
        /* Japanese */
        "随時更新", "常に更新",
        /* Korean */
        "최신", "갱신",
        /* Spanish, Portuguese */
        "al día", "al dia", "actualizado", "actualizada", "actualizados", "actualizadas", "atualizado", "atualizada",
        "atualizados", "atualizadas", "em dia", NULL};
    static const char *const decisions[] = {"decision", "决策", "決策",       "决定",     "決定",     "意思決定",
                                            "의사결정", "결정", "decisiones", "decisões", "decisoes", NULL};
    if (ascii_starts_ci(s, n, "keep progress") && ascii_has_ci(s, n, "current")) return 1;
    /* A translation names Progress and the Decision Log and asks to keep
     * them current, in one short line. The cookbook line says so too, after
     * calling the plan a living document. */
    return has_any(s, n, progress) && has_any(s, n, decisions) && has_any(s, n, kept_current) &&
           !preamble_is_cookbook(s, n);
}
int preamble_is_cookbook(const char *s, size_t n) {
    if (n > PREAMBLE_MAX_LINE) return 0;
    static const char *const living[] = {"is a living document",
                                         /* Chinese */
                                         "活文档", "活文檔", "活文件", "活的文档", "动态文档", "動態文件",
                                         "持续更新的文档", "持續更新的文件", "持续更新的文件",
                                         /* Japanese */
                                         "生きた文書", "生きたドキュメント", "リビングドキュメント",
                                         /* Korean */
                                         "살아있는 문서", "살아 있는 문서", "리빙 문서",
                                         /* Spanish, Portuguese */
                                         "documento vivo", NULL};
    return has_any(s, n, living);
}
