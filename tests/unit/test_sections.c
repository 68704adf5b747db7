/* test_sections.c: canonical names and the matching policy of sections.c,
 * step by step, with the headings each step must leave alone. */
#include <string.h>

#include "../../server/analysis/section_vocab.h"
#include "sections.h"
#include "unit.h"

static const char *const kind_names[] = {"NO_MATCH", "EXACT", "NEAR_MISS", "ALIAS", "KEYWORD"};

/* Checks that heading s matches as kind, in section id (any id for NO_MATCH,
 * which must leave *id alone). */
static void expect(const char *file, int line, const char *s, section_match_t kind, section_id_t id) {
    section_id_t got = SEC_COUNT;
    section_match_t m = section_match(s, strlen(s), &got);
    unit_checks++;
    if (m != kind || (kind != SECTION_NO_MATCH && got != id) || (kind == SECTION_NO_MATCH && got != SEC_COUNT)) {
        unit_failures++;
        fprintf(stderr, "%s:%d: \"%s\" is %s '%s', expected %s '%s'\n", file, line, s, kind_names[m], section_name(got),
                kind_names[kind], kind == SECTION_NO_MATCH ? "" : section_name(id));
    }
}

#define EXACT(s, id) expect(__FILE__, __LINE__, s, SECTION_EXACT, id)
#define ALIAS(s, id) expect(__FILE__, __LINE__, s, SECTION_ALIAS, id)
#define KEYWORD(s, id) expect(__FILE__, __LINE__, s, SECTION_KEYWORD, id)
#define NEAR(s, id) expect(__FILE__, __LINE__, s, SECTION_NEAR_MISS, id)
#define NONE(s) expect(__FILE__, __LINE__, s, SECTION_NO_MATCH, SEC_COUNT)

static void test_names(void) {
    static const char *const want[SEC_COUNT] = {"Purpose / Big Picture",
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
    for (int k = 0; k < SEC_COUNT; k++) {
        CHECK_STR(section_name((section_id_t)k), want[k]);
        EXACT(want[k], k);
    }
    CHECK_STR(section_name(SEC_COUNT), "");
}

static void test_exact(void) {
    EXACT("surprises & discoveries", SEC_SURPRISES);
    EXACT("PROGRESS", SEC_PROGRESS);
    EXACT("Progress ##", SEC_PROGRESS);
    EXACT("Progress #", SEC_PROGRESS);
    EXACT("  Decision   Log  ", SEC_DECISIONS);
    EXACT("Decision\tLog\r", SEC_DECISIONS);
    EXACT("purpose / big picture ###   ", SEC_PURPOSE);
    EXACT("to-do", SEC_TODO);
    /* Length is honoured: the name need not be NUL-terminated. */
    section_id_t id = SEC_COUNT;
    CHECK_INT(section_match("Progress and more", 8, &id), SECTION_EXACT);
    CHECK_INT(id, SEC_PROGRESS);
}

static void test_predicates(void) {
    CHECK(section_match_stands_for(SECTION_EXACT));
    CHECK(section_match_stands_for(SECTION_ALIAS));
    CHECK(section_match_stands_for(SECTION_KEYWORD));
    CHECK(!section_match_stands_for(SECTION_NEAR_MISS));
    CHECK(!section_match_stands_for(SECTION_NO_MATCH));
    CHECK(section_match_may_be_title(SECTION_NO_MATCH));
    CHECK(section_match_may_be_title(SECTION_KEYWORD));
    CHECK(!section_match_may_be_title(SECTION_EXACT));
    CHECK(!section_match_may_be_title(SECTION_ALIAS));
    CHECK(!section_match_may_be_title(SECTION_NEAR_MISS));
}

/* Step 3a: the canonical name in other spelling is no typo. */
static void test_alias_normalised(void) {
    ALIAS("Validation & Acceptance", SEC_VALIDATION);
    ALIAS("Surprises and discoveries", SEC_SURPRISES);
    ALIAS("Outcome and retrospective", SEC_OUTCOMES);
    ALIAS("Outcomes and Retrospectives", SEC_OUTCOMES);
    ALIAS("Outcome & Retrospective", SEC_OUTCOMES);
    ALIAS("Decisions Log", SEC_DECISIONS);
    ALIAS("Decisions log", SEC_DECISIONS);
    ALIAS("Surprise & Discovery", SEC_SURPRISES);
    ALIAS("Surprises + Discoveries", SEC_SURPRISES);
    ALIAS("Interfaces & Dependencies", SEC_INTERFACES);
    ALIAS("Interface and Dependency", SEC_INTERFACES);
    ALIAS("Context & Orientation", SEC_CONTEXT);
    ALIAS("Idempotence & Recovery", SEC_IDEMPOTENCE);
    ALIAS("Artifacts & Notes", SEC_ARTIFACTS);
    ALIAS("Purpose/Big Picture", SEC_PURPOSE);
    ALIAS("Purpose and Big Picture", SEC_PURPOSE);
    ALIAS("Purpose - Big Picture", SEC_PURPOSE);
    ALIAS("Todo", SEC_TODO);
    ALIAS("TODO", SEC_TODO);
    ALIAS("To do", SEC_TODO);
    ALIAS("To-Do list", SEC_TODO);
    ALIAS("Todos", SEC_TODO);
    ALIAS("To-dos", SEC_TODO);
    ALIAS("Plan of work:", SEC_PLAN_OF_WORK);
    ALIAS("Plan-of-Work", SEC_PLAN_OF_WORK);
    ALIAS("Plans of Work", SEC_PLAN_OF_WORK);
    ALIAS("Concrete-Steps", SEC_STEPS);
    ALIAS("Concrete Step", SEC_STEPS);
    ALIAS("Progress:", SEC_PROGRESS);
    ALIAS("**Progress**", SEC_PROGRESS);
    ALIAS("3. Progress", SEC_PROGRESS);
    ALIAS("Progress section", SEC_PROGRESS);
    ALIAS("`Decision Log`", SEC_DECISIONS);
    ALIAS("進捗 (Progress)", SEC_PROGRESS);
    ALIAS("Progress（进度）", SEC_PROGRESS);
}

/* Step 3b: a part of one section's name, with a word that is not generic. */
static void test_alias_subset(void) {
    ALIAS("Purpose", SEC_PURPOSE);
    ALIAS("Big Picture", SEC_PURPOSE);
    ALIAS("Outcomes", SEC_OUTCOMES);
    ALIAS("Retrospective", SEC_OUTCOMES);
    ALIAS("Decisions", SEC_DECISIONS);
    ALIAS("Decision", SEC_DECISIONS);
    ALIAS("Context", SEC_CONTEXT);
    ALIAS("Orientation", SEC_CONTEXT);
    ALIAS("Concrete", SEC_STEPS);
    ALIAS("Validation", SEC_VALIDATION);
    ALIAS("Acceptance", SEC_VALIDATION);
    ALIAS("Recovery", SEC_IDEMPOTENCE);
    ALIAS("Idempotency and Recovery", SEC_IDEMPOTENCE);
    ALIAS("Idempotency", SEC_IDEMPOTENCE);
    ALIAS("Artifacts", SEC_ARTIFACTS);
    ALIAS("Artefacts and Notes", SEC_ARTIFACTS);
    ALIAS("Dependencies", SEC_INTERFACES);
    ALIAS("Interfaces", SEC_INTERFACES);
    ALIAS("Discoveries", SEC_SURPRISES);
    ALIAS("Notes and Artifacts", SEC_ARTIFACTS);
}

/* Step 3d: a key word among words of its own. */
static void test_keyword(void) {
    KEYWORD("Progress Log", SEC_PROGRESS);
    KEYWORD("Progress Notes", SEC_PROGRESS);
    KEYWORD("Progress (updated 2026-03-02)", SEC_PROGRESS);
    KEYWORD("Acceptance Criteria", SEC_VALIDATION);
    KEYWORD("Detailed Acceptance and Verification Matrix", SEC_VALIDATION);
    KEYWORD("Risks and recovery", SEC_IDEMPOTENCE);
    KEYWORD("Crash Recovery", SEC_IDEMPOTENCE);
    KEYWORD("Repository Orientation and Affected Interfaces", SEC_CONTEXT); /* the first key word wins */
    KEYWORD("Affected Interfaces and Repository Orientation", SEC_INTERFACES);
    KEYWORD("Key Decisions", SEC_DECISIONS);
    KEYWORD("Decisions and Notes", SEC_DECISIONS); /* "notes" is generic: one section is named */
    KEYWORD("Purpose & Scope", SEC_PURPOSE);
    KEYWORD("Open TODO items", SEC_TODO);
    KEYWORD("Things to do", SEC_TODO);
    KEYWORD("Surprises So Far", SEC_SURPRISES);
    KEYWORD("Outcomes and Lessons", SEC_OUTCOMES);
    KEYWORD("Provider Interface Spec", SEC_INTERFACES);
    KEYWORD("Business Context", SEC_CONTEXT);
    KEYWORD("Idempotency guarantees", SEC_IDEMPOTENCE);
    /* Spanish and Portuguese key words, accents folded. */
    KEYWORD("Progreso del proyecto", SEC_PROGRESS);
    KEYWORD("Decisões tomadas", SEC_DECISIONS);
    KEYWORD("Criterios de aceptación finales", SEC_VALIDATION);
}

/* Step 3c: real typos keep their did-you-mean. */
static void test_near(void) {
    NEAR("Suprises", SEC_SURPRISES);
    NEAR("Suprises & Discoveries", SEC_SURPRISES);
    NEAR("Surprises & Discoveires", SEC_SURPRISES);
    NEAR("Decsion Log", SEC_DECISIONS);
    NEAR("Decison Log", SEC_DECISIONS);
    NEAR("Progres", SEC_PROGRESS);
    NEAR("Prgoress", SEC_PROGRESS);
    NEAR("Dependancies", SEC_INTERFACES);
    NEAR("Retrospecitve", SEC_OUTCOMES);
    NEAR("Contxt and Orientation", SEC_CONTEXT);
    NEAR("Plan of Wrok", SEC_PLAN_OF_WORK);
    NEAR("Idempotnce and Recovery", SEC_IDEMPOTENCE);
    NEAR("Validaton", SEC_VALIDATION);
}

/* Step 2: the names in other languages, compared after compaction. */
static void test_localized(void) {
    /* Chinese, simplified and traditional */
    ALIAS("进度", SEC_PROGRESS);
    ALIAS("進度", SEC_PROGRESS);
    ALIAS("决策记录", SEC_DECISIONS);
    ALIAS("決策記錄", SEC_DECISIONS);
    ALIAS("目标与全局图景", SEC_PURPOSE);
    ALIAS("目标 / 全局图景", SEC_PURPOSE);
    ALIAS("意外与发现", SEC_SURPRISES);
    ALIAS("意外和发现", SEC_SURPRISES); /* 和 joins like 与 */
    ALIAS("意外、发现", SEC_SURPRISES);
    ALIAS("结果与复盘", SEC_OUTCOMES);
    ALIAS("上下文与定向", SEC_CONTEXT);
    ALIAS("工作计划", SEC_PLAN_OF_WORK);
    ALIAS("具体步骤", SEC_STEPS);
    ALIAS("验证与验收", SEC_VALIDATION);
    ALIAS("幂等性与恢复", SEC_IDEMPOTENCE);
    ALIAS("证据与备注", SEC_ARTIFACTS);
    ALIAS("产物与备注", SEC_ARTIFACTS);
    ALIAS("接口与依赖", SEC_INTERFACES);
    ALIAS("介面與依賴", SEC_INTERFACES);
    ALIAS("待办", SEC_TODO);
    ALIAS("待辦事項", SEC_TODO);
    ALIAS("2. 进度", SEC_PROGRESS);
    ALIAS("【进度】", SEC_PROGRESS);
    /* Japanese */
    ALIAS("進捗", SEC_PROGRESS);
    ALIAS("意思決定ログ", SEC_DECISIONS);
    ALIAS("決定ログ", SEC_DECISIONS);
    ALIAS("目的と全体像", SEC_PURPOSE);
    ALIAS("目的・全体像", SEC_PURPOSE);
    ALIAS("結果と振り返り", SEC_OUTCOMES);
    ALIAS("検証と受け入れ", SEC_VALIDATION);
    ALIAS("冪等性と復旧", SEC_IDEMPOTENCE);
    ALIAS("インターフェースと依存関係", SEC_INTERFACES);
    ALIAS("具体的な手順", SEC_STEPS);
    /* Korean, spaced or not */
    ALIAS("진행 상황", SEC_PROGRESS);
    ALIAS("진행상황", SEC_PROGRESS);
    ALIAS("의사결정 로그", SEC_DECISIONS);
    ALIAS("의사 결정 로그", SEC_DECISIONS);
    ALIAS("결과와 회고", SEC_OUTCOMES);
    ALIAS("멱등성 및 복구", SEC_IDEMPOTENCE);
    ALIAS("인터페이스와 의존성", SEC_INTERFACES);
    ALIAS("할 일", SEC_TODO);
    /* Spanish: accents, case and the joining "y" fold away */
    ALIAS("Progreso", SEC_PROGRESS);
    ALIAS("Registro de decisiones", SEC_DECISIONS);
    ALIAS("Validación y aceptación", SEC_VALIDATION);
    ALIAS("Validacion y aceptacion", SEC_VALIDATION);
    ALIAS("VALIDACIÓN Y ACEPTACIÓN", SEC_VALIDATION);
    ALIAS("Validación & aceptación", SEC_VALIDATION);
    ALIAS("Sorpresas y descubrimientos", SEC_SURPRISES);
    ALIAS("Contexto y orientación", SEC_CONTEXT);
    ALIAS("Propósito / Panorama general", SEC_PURPOSE);
    ALIAS("Plan de trabajo", SEC_PLAN_OF_WORK);
    ALIAS("Pasos concretos", SEC_STEPS);
    ALIAS("Idempotencia y recuperación", SEC_IDEMPOTENCE);
    ALIAS("Artefactos y notas", SEC_ARTIFACTS);
    ALIAS("Interfaces y dependencias", SEC_INTERFACES);
    ALIAS("Resultados y retrospectiva", SEC_OUTCOMES);
    ALIAS("Por hacer", SEC_TODO);
    /* Portuguese */
    ALIAS("Progresso", SEC_PROGRESS);
    ALIAS("Registro de decisões", SEC_DECISIONS);
    ALIAS("Validação e aceitação", SEC_VALIDATION);
    ALIAS("Surpresas e descobertas", SEC_SURPRISES);
    ALIAS("Interfaces e dependências", SEC_INTERFACES);
    ALIAS("A fazer", SEC_TODO);
    ALIAS("Plano de trabalho", SEC_PLAN_OF_WORK);
    /* Full-width letters fold too. */
    ALIAS("Ｐｒｏｇｒｅｓｓ", SEC_PROGRESS);
}

/* Every listed name stands for its own section and no other (a name listed
 * twice, or one that a step before it sends elsewhere, fails here). */
static void test_vocab_table(void) {
    for (int k = 0; k < SEC_COUNT; k++) {
        const section_vocab_t *v = section_vocab((section_id_t)k);
        for (const char *const *lang = v->names; *lang; lang++)
            for (const char *nm = *lang; *nm;) {
                const char *bar = strchr(nm, '|');
                int n = bar ? (int)(bar - nm) : (int)strlen(nm);
                section_id_t id = SEC_COUNT;
                section_match_t m = section_match(nm, (size_t)n, &id);
                unit_checks++;
                if (m != SECTION_ALIAS || id != (section_id_t)k) {
                    unit_failures++;
                    fprintf(stderr, "%s:%d: listed name \"%.*s\" is %s '%s', expected ALIAS '%s'\n", __FILE__, __LINE__,
                            n, nm, kind_names[m], section_name(id), section_name((section_id_t)k));
                }
                nm += bar ? n + 1 : n;
            }
        /* A key term alone places a heading in its section. */
        for (const char *const *t = v->cjk_keys; *t; t++) {
            section_id_t id = SEC_COUNT;
            section_match_t m = section_match(*t, strlen(*t), &id);
            CHECK(section_match_stands_for(m));
            CHECK_INT(id, k);
        }
    }
    CHECK(section_vocab(SEC_COUNT) == NULL);
}

/* Step 4: a short CJK heading that begins or ends with a key term. */
static void test_cjk_keyword(void) {
    KEYWORD("进度更新", SEC_PROGRESS);
    KEYWORD("本周进展", SEC_PROGRESS);
    KEYWORD("关键决策", SEC_DECISIONS);
    KEYWORD("意外情况", SEC_SURPRISES);
    KEYWORD("项目复盘", SEC_OUTCOMES);
    KEYWORD("幂等性说明", SEC_IDEMPOTENCE);
    KEYWORD("接口定义", SEC_INTERFACES);
    KEYWORD("進捗メモ", SEC_PROGRESS);
    KEYWORD("주요 의사결정", SEC_DECISIONS);
    KEYWORD("验收清单", SEC_VALIDATION);
    /* Negatives: the term inside, two sections' terms, long headings. */
    NONE("实现进度条组件");
    NONE("进度与决策");
    NONE("接口幂等");
    NONE("第一阶段：完成数据导入并更新进度");
    NONE("里程碑");
    NONE("风险");
    NONE("背景");
    NONE("为画布节点补齐删除链路");
}

static void test_none(void) {
    NONE("Overview");
    NONE("Milestones");
    NONE("Milestone 2: Importer");
    NONE("Open Questions");
    NONE("Risks");
    NONE("Background");
    NONE("Summary");
    NONE("Process");
    NONE("Status");
    NONE("Scope");
    /* Generic words alone are not enough (see the policy in sections.c). */
    NONE("Notes");
    NONE("Work");
    NONE("Steps");
    NONE("Next Steps");
    NONE("Plan");
    NONE("Work Plan");
    NONE("Implementation Notes");
    NONE("Log");
    NONE("Update Log");
    NONE("Plan Revision Notes");
    /* A word that is a section's but no key word, with words of its own. */
    NONE("Source artifacts");
    NONE("Validation notes");
    NONE("Validation plan");
    NONE("Validation Steps");
    NONE("Dependency Graph");
    NONE("Build Dependencies Upgrade");
    NONE("Concrete syntax");
    NONE("Picture upload flow");
    /* Two sections named, nothing else: no guess. */
    NONE("Purpose and Context");
    NONE("Validation and Recovery");
    NONE("Progress and Decisions");
    /* Too many words of its own around a key word. */
    NONE("Progress and everything we learnt along the way");
    NONE("Public Discovery and Developer Adoption Surface");
    NONE("A very long heading that talks about progress and surprises and decisions and outcomes "
         "and validation and more words than any section name could ever have");
    /* Spanish and Portuguese words that are neither names nor keys. */
    NONE("Notas");
    NONE("Riesgos");
    NONE("Próximos pasos");
    NONE("");
    NONE("   ");
    NONE("##");
    NONE("---");
    NONE("\xff\xfe");
    NONE("😀");
}

int main(void) {
    test_names();
    test_exact();
    test_predicates();
    test_alias_normalised();
    test_alias_subset();
    test_keyword();
    test_near();
    test_localized();
    test_vocab_table();
    test_cjk_keyword();
    test_none();
    return unit_report("sections");
}
