/* preamble.c: the living-document line's vocabulary. The English forms are
 * the two articles' own wording; a translation is recognised by what it must
 * say, since translators word it freely: the guide form names the Progress
 * section and asks to keep it up to date, the cookbook form calls the plan a
 * living document. Only lines between the title and the first section are
 * asked (plan_md.c), so short phrases are safe enough here. */
#include "preamble.h"

#include <string.h>

#include "ascii.h"

/* s[0..n) contains one of the NUL-terminated phrases (ASCII case ignored). */
static int has_any(const char *s, size_t n, const char *const *phrases) {
    for (; *phrases; phrases++)
        if (ascii_has_ci(s, n, *phrases)) return 1;
    return 0;
}

int preamble_is_guide(const char *s, size_t n) {
    static const char *const progress[] = {"progress", "进度", "进展",     "進度",      "進展",
                                           "進捗",     "진행", "progreso", "progresso", NULL};
    static const char *const kept_current[] = {/* Chinese */
                                               "最新", "随时更新", "隨時更新", "及时更新", "及時更新", "持续更新",
                                               "持續更新", "保持更新",
                                               /* Japanese */
                                               "随時更新", "常に更新",
                                               /* Korean */
                                               "최신", "갱신",
                                               /* Spanish, Portuguese */
                                               "al día", "al dia", "actualizad", "atualizad", "em dia", NULL};
    if (ascii_starts_ci(s, n, "keep progress") && ascii_has_ci(s, n, "current")) return 1;
    /* A translation names Progress and asks to keep it current. The
     * cookbook line says so too, after calling the plan a living document. */
    return has_any(s, n, progress) && has_any(s, n, kept_current) && !preamble_is_cookbook(s, n);
}
int preamble_is_cookbook(const char *s, size_t n) {
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
