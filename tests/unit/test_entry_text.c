/* test_entry_text.c: labels, reasons and placeholders in an entry's words. */
#include <string.h>

#include "entry_text.h"
#include "unit.h"

static entry_label_t label(const char *s) { return entry_label(s, strlen(s), NULL); }
static int reason(const char *s) { return entry_gives_reason(s, strlen(s)); }
static int placeholder(const char *s) { return entry_is_placeholder(s, strlen(s)); }

static void test_labels(void) {
    CHECK_INT(label("Decision: use the queue"), LABEL_HEAD);
    CHECK_INT(label("**Decision:** use the queue"), LABEL_HEAD);
    CHECK_INT(label("- Rationale: retries exist"), LABEL_RATIONALE);
    CHECK_INT(label("  **Rationale**: retries exist"), LABEL_RATIONALE);
    CHECK_INT(label("Date/Author: 2026-06-10 / ops"), LABEL_DATE);
    CHECK_INT(label("Date: 2026-06-10"), LABEL_DATE);
    CHECK_INT(label("Evidence: the lock graph"), LABEL_DETAIL);
    CHECK_INT(label("理由：顺序写入会阻塞"), LABEL_RATIONALE);
    CHECK_INT(label("日期：2026-06-10"), LABEL_DATE);
    CHECK_INT(label("Justificación: menos copias"), LABEL_RATIONALE);
    /* A word without its colon, or a longer word, is no label. */
    CHECK_INT(label("Decisions were made"), LABEL_NONE);
    CHECK_INT(label("Dated entries only"), LABEL_NONE);
    CHECK_INT(label("Whenever: later"), LABEL_NONE);
    CHECK_INT(label(""), LABEL_NONE);
    size_t after = 99;
    const char *s = "Observation: None yet.";
    CHECK_INT(entry_label(s, strlen(s), &after), LABEL_HEAD);
    CHECK_STR(s + after, "None yet.");
    entry_label("plain", 5, &after);
    CHECK_INT(after, 0);
}

static void test_reasons(void) {
    CHECK(reason("Use Redis because the limiter needs shared state."));
    CHECK(reason("Batch the writes so that the disk sees fewer syncs."));
    CHECK(reason("Keep one queue to avoid ordering bugs."));
    CHECK(reason("Pin the version in order to reproduce builds."));
    CHECK(reason("Ship source modules instead of bundles."));
    CHECK(reason("Drop the cache since nothing reads it."));
    CHECK(reason("Use the streaming tokeniser. The batch API copies every document twice."));
    CHECK(reason("分片写入改为并行，因为顺序写入会阻塞其他写入者。"));
    CHECK(reason("为了减少复制，改用流式接口。"));
    CHECK(reason("バッチ版はメモリを倍使うため、ストリーミング版にした。"));
    CHECK(reason("Usar una cola porque los reintentos ya existen."));
    CHECK(reason("Usar uma fila em vez de threads."));
    /* No reason: one sentence, an abbreviation, words that only contain a phrase. */
    CHECK(!reason("Return 429 with a JSON body."));
    CHECK(!reason("Use the e.g. style names everywhere"));
    CHECK(!reason("Also keep the old build command."));
    CHECK(!reason("Big-bang migration (no phased rollout)"));
    CHECK(!reason(""));
}

static void test_placeholders(void) {
    CHECK(placeholder("None yet."));
    CHECK(placeholder("(none)"));
    CHECK(placeholder("_None so far._"));
    CHECK(placeholder("(fill during work)"));
    CHECK(placeholder("TBD"));
    CHECK(placeholder("N/A."));
    CHECK(placeholder("None yet; entries are added as work proceeds."));
    CHECK(placeholder("暂无"));
    CHECK(placeholder("なし"));
    CHECK(!placeholder("None of the tests ran on ARM."));
    CHECK(!placeholder("Nothing broke, but the build took an hour longer than planned."));
    CHECK(!placeholder("Nonexistent paths are skipped."));
    CHECK(!placeholder("Added the limiter."));
}

int main(void) {
    test_labels();
    test_reasons();
    test_placeholders();
    return unit_report("entry_text");
}
