/* test_preamble.c: the living-document line in both dialects and in each
 * language planls knows, and the lines that only look like it. */
#include <string.h>

#include "preamble.h"
#include "unit.h"

static int guide(const char *s) { return preamble_is_guide(s, strlen(s)); }
static int cookbook(const char *s) { return preamble_is_cookbook(s, strlen(s)); }

static void test_english(void) {
    CHECK(guide("Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work "
                "proceeds."));
    CHECK(guide("keep progress and the decision log current"));
    CHECK(cookbook("This ExecPlan is a living document. The sections `Progress`, ... must be kept up to date."));
    CHECK(cookbook("This plan is a living document."));
    /* The cookbook line asks to keep Progress up to date too: it is no guide line. */
    CHECK(!guide("This ExecPlan is a living document. The sections `Progress`, ... must be kept up to date."));
    CHECK(!guide("We keep track of progress here."));
    CHECK(!guide("Progress is current."));
    CHECK(!cookbook("A living room, not a document."));
    /* Words inside other words, and a line that names Progress alone. */
    CHECK(!guide("Show progress that is low priority in the status bar; a modal dialog interrupts."));
    CHECK(!guide("進捗は最新のダッシュボードで確認する。"));
}

static void test_translations(void) {
    /* Cookbook form */
    CHECK(cookbook("本 ExecPlan 是一份活文档。"));
    CHECK(cookbook("本 ExecPlan 是一份持续更新的文档，进度等章节须随工作推进保持最新。"));
    CHECK(cookbook("本 ExecPlan 是一份活文件。"));
    CHECK(cookbook("この ExecPlan は生きた文書です。"));
    CHECK(cookbook("この ExecPlan は生きたドキュメントです。"));
    CHECK(cookbook("이 ExecPlan은 살아있는 문서입니다."));
    CHECK(cookbook("이 ExecPlan은 살아 있는 문서입니다."));
    CHECK(cookbook("Este ExecPlan es un documento vivo."));
    CHECK(cookbook("Este ExecPlan é um documento vivo."));
    /* ... which is not the guide form, though it names Progress and 最新. */
    CHECK(!guide("本 ExecPlan 是一份持续更新的文档，进度等章节须随工作推进保持最新。"));
    /* Guide form */
    CHECK(guide("保持 Progress、Surprises & Discoveries、Decision Log 和 Outcomes & Retrospective 为最新。"));
    CHECK(guide("随工作推进随时更新进度、意外与发现、决策记录和结果与复盘。"));
    CHECK(guide("隨工作推進及時更新進度、意外與發現、決策記錄與結果與複盤。"));
    CHECK(guide("作業の進行に合わせて進捗、想定外と発見、意思決定ログ、結果と振り返りを最新の状態に保つこと。"));
    CHECK(guide("작업이 진행되는 동안 진행 상황, 놀라움과 발견, 의사결정 로그, 결과와 회고를 최신 상태로 유지하세요."));
    CHECK(guide("Mantén Progreso, Sorpresas y descubrimientos, Registro de decisiones y Resultados y retrospectiva al "
                "día."));
    CHECK(guide("Mantenha Progresso, Surpresas e descobertas, Registro de decisões e Resultados e retrospectiva "
                "atualizados."));
    /* Negatives: Progress without "keep current", "current" without Progress. */
    CHECK(!guide("进度见下文。"));
    CHECK(!guide("本文档保持最新。"));
    CHECK(!guide("El progreso se mide por hitos."));
    CHECK(!cookbook("本文档描述了导出功能。"));
    CHECK(!cookbook("Este documento describe la exportación."));
    CHECK(!guide(""));
    CHECK(!cookbook(""));
}

int main(void) {
    test_english();
    test_translations();
    return unit_report("preamble");
}
