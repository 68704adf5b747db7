/* test_sections.c: canonical names, exact matches and the near-miss policy. */
#include <string.h>

#include "sections.h"
#include "unit.h"

static section_id_t ID;

static section_match_t match(const char *s) {
    ID = SEC_COUNT;
    return section_match(s, strlen(s), &ID);
}

#define EXACT(s, id)                                                                                                   \
    do {                                                                                                               \
        CHECK_INT(match(s), SECTION_EXACT);                                                                            \
        CHECK_INT(ID, id);                                                                                             \
    } while (0)
#define NEAR(s, id)                                                                                                    \
    do {                                                                                                               \
        CHECK_INT(match(s), SECTION_NEAR_MISS);                                                                        \
        CHECK_INT(ID, id);                                                                                             \
    } while (0)
#define NONE(s)                                                                                                        \
    do {                                                                                                               \
        CHECK_INT(match(s), SECTION_NO_MATCH);                                                                         \
        CHECK_INT(ID, SEC_COUNT);                                                                                      \
    } while (0)

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
    CHECK_INT(section_match("Progress and more", 8, &ID), SECTION_EXACT);
    CHECK_INT(ID, SEC_PROGRESS);
}

static void test_near(void) {
    NEAR("Validation & Acceptance", SEC_VALIDATION);
    NEAR("Surprises and discoveries", SEC_SURPRISES);
    NEAR("Outcome and retrospective", SEC_OUTCOMES);
    NEAR("Outcomes and Retrospectives", SEC_OUTCOMES);
    NEAR("Outcome & Retrospective", SEC_OUTCOMES);
    NEAR("Decisions Log", SEC_DECISIONS);
    NEAR("Suprises", SEC_SURPRISES);
    NEAR("Suprises & Discoveries", SEC_SURPRISES);
    NEAR("Surprise & Discovery", SEC_SURPRISES);
    NEAR("Todo", SEC_TODO);
    NEAR("TODO", SEC_TODO);
    NEAR("To do", SEC_TODO);
    NEAR("To-Do list", SEC_TODO);
    NEAR("Todos", SEC_TODO);
    NEAR("Purpose", SEC_PURPOSE);
    NEAR("Big Picture", SEC_PURPOSE);
    NEAR("Purpose/Big Picture", SEC_PURPOSE);
    NEAR("Purpose and Big Picture", SEC_PURPOSE);
    NEAR("Interfaces & Dependencies", SEC_INTERFACES);
    NEAR("Artifacts", SEC_ARTIFACTS);
    NEAR("Artefacts and Notes", SEC_ARTIFACTS);
    NEAR("Outcomes", SEC_OUTCOMES);
    NEAR("Retrospective", SEC_OUTCOMES);
    NEAR("Decisions", SEC_DECISIONS);
    NEAR("Progress:", SEC_PROGRESS);
    NEAR("Progres", SEC_PROGRESS);
    NEAR("Prgoress", SEC_PROGRESS);
    NEAR("**Progress**", SEC_PROGRESS);
    NEAR("3. Progress", SEC_PROGRESS);
    NEAR("Progress Log", SEC_PROGRESS);
    NEAR("Acceptance Criteria", SEC_VALIDATION);
    NEAR("Validation Steps", SEC_VALIDATION);
    NEAR("Context", SEC_CONTEXT);
    NEAR("Concrete", SEC_STEPS);
    NEAR("Idempotency and Recovery", SEC_IDEMPOTENCE);
    NEAR("Plan of work:", SEC_PLAN_OF_WORK);
    NEAR("Plan-of-Work", SEC_PLAN_OF_WORK);
    NEAR("Interface and Dependency", SEC_INTERFACES);
    NEAR("Dependancies", SEC_INTERFACES);
    NEAR("\xe9\x80\xb2\xe6\x8d\x97 (Progress)", SEC_PROGRESS); /* 進捗 (Progress) */
}

static void test_none(void) {
    NONE("Overview");
    NONE("Milestones");
    NONE("Open Questions");
    NONE("Risks");
    NONE("Background");
    NONE("Summary");
    NONE("Process");
    /* Generic words alone are not enough (see the policy in sections.c). */
    NONE("Notes");
    NONE("Work");
    NONE("Steps");
    NONE("Next Steps");
    NONE("Plan");
    NONE("Work Plan");
    NONE("Implementation Notes");
    NONE("Log");
    /* Two sections equally close: no guess. */
    NONE("Purpose and Context");
    NONE("Validation and Recovery");
    NONE("\xe9\x80\xb2\xe6\x8d\x97");                                                 /* 進捗 */
    NONE("\xe7\x9b\xae\xe7\x9a\x84\xe3\x81\xa8\xe5\x85\xa8\xe4\xbd\x93\xe5\x83\x8f"); /* 目的と全体像 */
    NONE("\xe8\xbf\x9b\xe5\xba\xa6");                                                 /* 进度 */
    NONE("");
    NONE("   ");
    NONE("##");
    NONE("A very long heading that talks about progress and surprises and decisions and outcomes "
         "and validation and more words than any section name could ever have");
    NONE("Progress and everything we learnt along the way");
}

int main(void) {
    test_names();
    test_exact();
    test_near();
    test_none();
    return unit_report("sections");
}
