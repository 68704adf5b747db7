/* section_vocab.c: what stands for each canonical section besides its English
 * name. Translations are the usual ones in plans written in each language,
 * generously listed: a name listed here counts as the section with no hint,
 * so a wrong entry would hide a real missing section, and a missing one only
 * costs a hint. Key words and CJK key terms are fewer and chosen to be rare
 * outside their section ("picture" and "concrete" are not keys: "Picture
 * upload", "Concrete syntax"; nor is Chinese 背景, since "Background" is not
 * Context either). */
#include "section_vocab.h"

#include <string.h>

/* Per section, one string per language: Chinese (simplified, traditional),
 * Japanese, Korean, Spanish, Portuguese; names separated by '|'. */
static const char *const purpose_names[] = {
    "目的与全局|目的与大局|目的与全局图景|目标与全局图景|目的与全局视角|目标与整体图景|目的与概览|目的",
    "目的與全局|目的與大局|目標與全局圖景|目的與全局圖景",
    "目的と全体像|目的と大局",
    "목적과 큰 그림|목적 및 큰 그림|목적 / 큰 그림|목적과 전체 그림|목적",
    "Propósito / Panorama general|Propósito y panorama general|Propósito / Visión general|"
    "Propósito y visión general|Propósito / Visión global|Objetivo / Visión general|Propósito",
    "Propósito / Visão geral|Propósito e visão geral|Propósito / Panorama geral|Objetivo / Visão geral",
    NULL};
static const char *const todo_names[] = {"待办|待办事项|待办清单",
                                         "待辦|待辦事項|待辦清單",
                                         "やること|やることリスト|未完了タスク|残タスク",
                                         "할 일|할 일 목록|해야 할 일",
                                         "Por hacer|Pendientes|Tareas pendientes|Lista de tareas",
                                         "A fazer|Por fazer|Pendências|Tarefas pendentes|Lista de tarefas",
                                         NULL};
static const char *const progress_names[] = {"进度|进展|进度记录|进展记录|进度日志",
                                             "進度|進展|進度記錄|進展記錄",
                                             "進捗|進捗状況|進行状況|進捗ログ|進捗記録",
                                             "진행 상황|진행|진척|진척 상황|진행 기록",
                                             "Progreso|Avance|Avances|Progreso del trabajo",
                                             "Progresso|Andamento|Avanço",
                                             NULL};
static const char *const surprises_names[] = {
    "意外与发现|意外发现|惊喜与发现|意外情况与发现|意料之外与发现",
    "意外與發現|意外發現|驚喜與發現",
    "想定外と発見|想定外の発見|予期せぬ発見|驚きと発見|意外な発見|驚きと気づき",
    "놀라움과 발견|놀라운 점과 발견|예상치 못한 발견|예상 밖의 발견|뜻밖의 발견",
    "Sorpresas y descubrimientos|Sorpresas y hallazgos|Imprevistos y descubrimientos|Hallazgos",
    "Surpresas e descobertas|Surpresas e achados|Imprevistos e descobertas|Descobertas",
    NULL};
static const char *const decisions_names[] = {
    "决策记录|决策日志|决策|决定记录",
    "決策記錄|決策紀錄|決策日誌|決策|決定記錄",
    "意思決定ログ|意思決定記録|意思決定|決定ログ|決定記録|決定事項|判断ログ",
    "의사결정 로그|의사 결정 로그|의사결정 기록|결정 로그|결정 기록|결정 사항",
    "Registro de decisiones|Bitácora de decisiones|Log de decisiones|Decisiones",
    "Registro de decisões|Registo de decisões|Log de decisões|Decisões",
    NULL};
static const char *const outcomes_names[] = {
    "结果与复盘|结果与回顾|成果与复盘|成果与回顾|复盘|回顾",
    "結果與複盤|結果與回顧|成果與回顧|複盤|回顧",
    "結果と振り返り|成果と振り返り|振り返り|結果と回顧",
    "결과와 회고|결과 및 회고|성과와 회고|회고",
    "Resultados y retrospectiva|Resultados y lecciones aprendidas|Retrospectiva",
    "Resultados e retrospectiva|Resultados e lições aprendidas",
    NULL};
static const char *const context_names[] = {
    "上下文与定向|上下文与导向|上下文与方向|背景与定位|背景与导向|背景与上下文|背景与现状|上下文",
    "上下文與定向|上下文與導向|背景與定位|背景與導向|背景與現狀",
    "コンテキストと方向付け|文脈と方向付け|背景と現状|背景と前提|背景と方針|コンテキスト",
    "맥락과 방향|맥락 및 방향|배경과 방향|컨텍스트와 방향|배경 및 현황|맥락",
    "Contexto y orientación|Contexto|Contexto y situación actual",
    "Contexto e orientação",
    NULL};
static const char *const plan_of_work_names[] = {"工作计划|工作方案",
                                                 "工作計劃|工作計畫",
                                                 "作業計画|作業の計画|作業方針",
                                                 "작업 계획",
                                                 "Plan de trabajo",
                                                 "Plano de trabalho",
                                                 NULL};
static const char *const steps_names[] = {"具体步骤|详细步骤|具体操作步骤",
                                          "具體步驟|詳細步驟",
                                          "具体的な手順|具体的手順|具体手順|具体的なステップ",
                                          "구체적 단계|구체적인 단계|구체적 절차|세부 단계",
                                          "Pasos concretos|Pasos específicos|Pasos detallados",
                                          "Passos concretos|Etapas concretas|Passos específicos",
                                          NULL};
static const char *const validation_names[] = {
    "验证与验收|验证与验收标准|检验与验收|校验与验收|验收|验收标准|验证",
    "驗證與驗收|驗收標準|驗收|驗證",
    "検証と受け入れ|検証と受入れ|検証と受入|検証と受け入れ基準|受け入れ基準|受入基準|検証",
    "검증 및 수용|검증과 수용|검증 및 승인|검증과 인수|인수 기준|수용 기준|검증",
    "Validación y aceptación|Validación y criterios de aceptación|Criterios de aceptación|Validación",
    "Validação e aceitação|Validação e critérios de aceitação|Critérios de aceitação|Validação",
    NULL};
static const char *const idempotence_names[] = {"幂等性与恢复|幂等与恢复|幂等性与回滚|幂等性与可恢复性",
                                                "冪等性與恢復|冪等與恢復",
                                                "冪等性と復旧|冪等性と回復|冪等性とリカバリ|冪等性とリカバリー",
                                                "멱등성과 복구|멱등성 및 복구|멱등성과 복원",
                                                "Idempotencia y recuperación",
                                                "Idempotência e recuperação",
                                                NULL};
static const char *const artifacts_names[] = {
    "证据与备注|产物与备注|产物与笔记|工件与备注|制品与备注|证据与说明",
    "產物與備註|證據與備註|工件與備註",
    "成果物とメモ|成果物と備考|成果物とノート|証跡とメモ",
    "산출물과 노트|산출물 및 메모|산출물과 메모|아티팩트와 노트|결과물과 메모",
    "Artefactos y notas|Evidencias y notas|Artefactos",
    "Artefatos e notas|Artefactos e notas|Evidências e notas|Artefatos",
    NULL};
static const char *const interfaces_names[] = {
    "接口与依赖|接口与依赖项|接口及依赖",
    "接口與依賴|介面與依賴|介面與相依性",
    "インターフェースと依存関係|インタフェースと依存関係|インターフェイスと依存関係|インターフェースと依存",
    "인터페이스와 의존성|인터페이스 및 의존성|인터페이스와 종속성|인터페이스 및 종속성",
    "Interfaces y dependencias|Dependencias",
    "Interfaces e dependências|Dependências",
    NULL};

static const section_vocab_t vocab[SEC_COUNT] = {
    [SEC_PURPOSE] = {{"purpose", "big", "picture", NULL},
                     {"purpose", "proposito", NULL},
                     purpose_names,
                     {"目的", "全局图景", "全局圖景", "全体像", "목적", NULL}},
    [SEC_TODO] = {{"todo", NULL}, {"todo", NULL}, todo_names, {"待办", "待辦", "やること", "할일", NULL}},
    [SEC_PROGRESS] = {{"progress", NULL},
                      {"progress", "progreso", "progresso", NULL},
                      progress_names,
                      {"进度", "进展", "進度", "進展", "進捗", "진행", "진척", NULL}},
    [SEC_SURPRISES] = {{"surprises", "discoveries", NULL},
                       {"surprises", "discoveries", "sorpresas", "descubrimientos", "surpresas", "descobertas", NULL},
                       surprises_names,
                       {"意外", "惊喜", "驚喜", "想定外", "予期せぬ", "놀라움", NULL}},
    [SEC_DECISIONS] = {{"decision", "log", NULL},
                       {"decision", "decisiones", "decisoes", NULL},
                       decisions_names,
                       {"决策", "決策", "意思決定", "決定", "의사결정", NULL}},
    [SEC_OUTCOMES] = {{"outcomes", "retrospective", NULL},
                      {"outcomes", "retrospective", "retrospectiva", NULL},
                      outcomes_names,
                      {"复盘", "複盤", "回顾", "回顧", "振り返り", "회고", NULL}},
    [SEC_CONTEXT] = {{"context", "orientation", NULL},
                     {"context", "orientation", "contexto", "orientacion", "orientacao", NULL},
                     context_names,
                     {"上下文", "コンテキスト", "맥락", NULL}},
    [SEC_PLAN_OF_WORK] = {{"plan", "work", NULL}, {NULL}, plan_of_work_names, {NULL}},
    [SEC_STEPS] = {{"concrete", "steps", NULL}, {NULL}, steps_names, {NULL}},
    [SEC_VALIDATION] = {{"validation", "acceptance", NULL},
                        {"acceptance", "aceptacion", "aceitacao", NULL},
                        validation_names,
                        {"验收", "驗收", "受け入れ", "受入", NULL}},
    [SEC_IDEMPOTENCE] = {{"idempotence", "recovery", "idempotency", NULL},
                         {"idempotence", "idempotency", "recovery", "idempotencia", "recuperacion", "recuperacao",
                          NULL},
                         idempotence_names,
                         {"幂等", "冪等", "멱등", NULL}},
    [SEC_ARTIFACTS] = {{"artifacts", "notes", "artefacts", NULL}, {NULL}, artifacts_names, {NULL}},
    [SEC_INTERFACES] = {{"interfaces", "dependencies", NULL},
                        {"interfaces", NULL},
                        interfaces_names,
                        {"接口", "介面", "インターフェース", "インタフェース", "インターフェイス", "인터페이스", NULL}},
};

const section_vocab_t *section_vocab(section_id_t id) { return (unsigned)id < SEC_COUNT ? &vocab[id] : NULL; }

static int in(const char *word, const char *const *list) {
    if (strlen(word) > 7) return 0; /* no generic or filler word is longer */
    for (; *list; list++)
        if (strcmp(word, *list) == 0) return 1;
    return 0;
}

int section_vocab_is_generic(const char *word) {
    static const char *const generic[] = {"notes", "note", "work", "plan", "steps", "step", "big", "log", NULL};
    return in(word, generic);
}

int section_vocab_is_filler(const char *word) {
    static const char *const filler[] = {"and", "of",  "the", "for",  "y",       "e",
                                         "de",  "del", "da",  "list", "section", NULL};
    return in(word, filler);
}
