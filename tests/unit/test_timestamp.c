/* test_timestamp.c: the timestamp shapes seen in real plans, and their verdicts. */
#include <stdlib.h>
#include <string.h>

#include "timestamp.h"
#include "unit.h"

static timestamp_t T;
static ts_style_t plan_style; /* the dialect's style the rewrite is asked in */

static ts_status_t parse(const char *s, ts_style_t style) {
    plan_style = style;
    return ts_parse(s, strlen(s), &T);
}

/* The canonical rewrite of the last stamp parsed ("" when uncertain). */
static const char *fixed(void) {
    static char buf[40];
    ts_fixed(&T, plan_style, buf);
    return buf;
}

static ts_status_t scan(const char *s, ts_style_t style) {
    plan_style = style;
    return ts_scan_entry(s, strlen(s), &T);
}

/* The problem sentence mentions key (problem sentences are full English). */
static int says(const char *key) { return T.problem && strstr(T.problem, key) != NULL; }

static void test_calendar(void) {
    char buf[40];
    CHECK_INT(ts_minutes_from_civil(1970, 1, 1, 0, 0), 0);
    CHECK_INT(ts_minutes_from_civil(1970, 1, 2, 0, 1), 1441);
    CHECK_INT(ts_minutes_from_civil(2000, 3, 1, 0, 0), 11017LL * 1440);
    CHECK_INT(ts_minutes_from_civil(1969, 12, 31, 23, 59), -1);
    /* 2026-11-25 17:03 UTC is 1795626180 seconds after the epoch. */
    CHECK_INT(ts_minutes_from_civil(2026, 11, 25, 17, 3), 1795626180LL / 60);
    CHECK_INT(ts_format(ts_minutes_from_civil(2026, 11, 25, 17, 3), TS_STYLE_GUIDE, buf), 22);
    CHECK_STR(buf, "[2026-11-25 17:03 UTC]");
    ts_format(ts_minutes_from_civil(2025, 10, 1, 13, 0), TS_STYLE_COOKBOOK, buf);
    CHECK_STR(buf, "(2025-10-01 13:00Z)");
    ts_format(ts_minutes_from_civil(2024, 2, 29, 0, 0), TS_STYLE_OTHER, buf);
    CHECK_STR(buf, "[2024-02-29 00:00 UTC]");
    ts_format(-1, TS_STYLE_GUIDE, buf);
    CHECK_STR(buf, "[1969-12-31 23:59 UTC]");
    /* Round trip across many days, including leap years and century rules. */
    int bad = 0;
    for (int64_t d = -300000; d < 2900000; d += 97) { /* years 1148..9909 */
        int64_t m = d * 1440 + 61;
        ts_format(m, TS_STYLE_GUIDE, buf);
        if (parse(buf, TS_STYLE_GUIDE) != TS_OK || T.minutes != m) bad++;
    }
    CHECK_INT(bad, 0);
}

static void test_canonical(void) {
    CHECK_INT(parse("[2025-01-20 14:30 UTC]", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.style, TS_STYLE_GUIDE);
    CHECK_INT(T.has_time, 1);
    CHECK_INT(T.valid_time, 1);
    CHECK_INT(T.minutes, ts_minutes_from_civil(2025, 1, 20, 14, 30));
    CHECK(T.problem == NULL);
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(T.start, 0);
    CHECK_INT(T.end, 22);

    CHECK_INT(parse("(2025-10-01 13:00Z)", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.style, TS_STYLE_COOKBOOK);
    CHECK_INT(T.minutes, ts_minutes_from_civil(2025, 10, 1, 13, 0));

    /* The other dialect's canonical form is OK with its own style; fixed
     * carries the preferred style so the rules layer can offer a rewrite. */
    CHECK_INT(parse("(2025-10-01 13:00Z)", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.style, TS_STYLE_COOKBOOK);
    CHECK_STR(fixed(), "[2025-10-01 13:00 UTC]");
    CHECK_INT(parse("[2025-01-20 14:30 UTC]", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.style, TS_STYLE_GUIDE);
    CHECK_STR(fixed(), "(2025-01-20 14:30Z)");

    CHECK_INT(parse("[2024-02-29 23:59 UTC]", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(parse("[2000-02-29 00:00 UTC]", TS_STYLE_GUIDE), TS_OK);
}

static void test_nonstandard(void) {
    CHECK_INT(parse("2026-03-16T00:04Z", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("ISO"));
    CHECK_STR(fixed(), "[2026-03-16 00:04 UTC]");
    CHECK_INT(T.valid_time, 1);
    CHECK_INT(T.style, TS_STYLE_OTHER);
    CHECK_INT(parse("[2026-03-16T00:04Z]", TS_STYLE_COOKBOOK), TS_NONSTANDARD);
    CHECK_STR(fixed(), "(2026-03-16 00:04Z)");
    CHECK_INT(parse("(2026-03-16T00:04Z)", TS_STYLE_COOKBOOK), TS_NONSTANDARD);
    CHECK(says("ISO"));

    CHECK_INT(parse("[2025-01-20 14:30:05 UTC]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("seconds"));
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(parse("2026-03-16T00:04:59.123Z", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK_STR(fixed(), "[2026-03-16 00:04 UTC]");

    CHECK_INT(parse("[2025-01-20 14:30Z]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("square brackets"));
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(parse("(2025-10-01 13:00 UTC)", TS_STYLE_COOKBOOK), TS_NONSTANDARD);
    CHECK(says("parentheses"));
    CHECK_STR(fixed(), "(2025-10-01 13:00Z)");

    CHECK_INT(parse("[2025-01-20 14:30 utc]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("capitals"));
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(parse("(2025-10-01 13:00z)", TS_STYLE_COOKBOOK), TS_NONSTANDARD);
    CHECK(says("capitals"));

    CHECK_INT(parse("[2025-01-20 14:30 GMT]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK_INT(parse("[2025-01-20 14:30 +00:00]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(parse("[2025-01-20 9:05 UTC]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("two digits"));
    CHECK_STR(fixed(), "[2025-01-20 09:05 UTC]");
    CHECK_INT(parse("[2025-01-20  14:30 UTC]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("spacing"));
    CHECK_INT(parse("[2025-01-20 14:30UTC]", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK_INT(parse("[2025-01-20 14:30 UTC)", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("do not match"));
    CHECK_INT(parse("2025-01-20 14:30 UTC", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK(says("brackets"));
}

static void test_bad(void) {
    CHECK_INT(parse("[2025-1-20 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("YYYY-MM-DD"));
    /* Y-M-D is still certain with a 4-digit year, so a rewrite is offered. */
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(T.valid_time, 0);
    CHECK_INT(parse("[01/20/2025 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("YYYY-MM-DD"));
    CHECK_STR(fixed(), "");

    CHECK_INT(parse("[2025-02-30 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("day does not exist"));
    CHECK_STR(fixed(), "");
    CHECK_INT(parse("[2025-02-29 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_INT(parse("[1900-02-29 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_INT(parse("[2025-13-01 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("month"));
    CHECK_INT(parse("[2025-00-01 14:30 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_INT(parse("[2025-01-20 25:00 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("hour"));
    CHECK_INT(parse("[2025-01-20 14:60 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("minute"));
    CHECK_INT(parse("[2025-01-20 1430 UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("HH:MM"));

    CHECK_INT(parse("[2025-01-20 14:30]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("has no time zone; planls expects UTC"));
    CHECK_STR(fixed(), "");
    CHECK_INT(T.has_time, 1);
    CHECK_INT(T.valid_time, 0);

    /* A zone with one offset converts; one that names several does not. */
    CHECK_INT(parse("[2025-01-20 14:30 JST]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("is not in UTC"));
    CHECK_STR(fixed(), "[2025-01-20 05:30 UTC]");
    CHECK_INT(parse("(2025-07-04 09:15 EDT)", TS_STYLE_COOKBOOK), TS_BAD);
    CHECK_STR(fixed(), "(2025-07-04 13:15Z)");
    CHECK_INT(parse("[2025-01-20 14:30 CST]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("is not in UTC"));
    CHECK_STR(fixed(), "");
    CHECK_INT(parse("[2025-01-20 14:30 Jst]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_STR(fixed(), "");
    CHECK_INT(parse("(2025-01-20 14:30 Asia/Tokyo)", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("is not in UTC"));
    CHECK_INT(parse("[2025-01-20 14:30 +09:00]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("is not in UTC"));
    CHECK_STR(fixed(), "[2025-01-20 05:30 UTC]");
    CHECK_INT(T.minutes, ts_minutes_from_civil(2025, 1, 20, 5, 30));
    CHECK_INT(parse("2025-01-01T02:00+09:00", TS_STYLE_COOKBOOK), TS_BAD);
    CHECK_STR(fixed(), "(2024-12-31 17:00Z)");
    CHECK_INT(parse("[2025-01-20 14:30 UTC-05:30]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_STR(fixed(), "[2025-01-20 20:00 UTC]");
    CHECK_INT(parse("[2025-01-20 14:30 -0500]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_STR(fixed(), "[2025-01-20 19:30 UTC]");

    CHECK_INT(parse("[2025-01-20 2:30 PM]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("12-hour"));
    CHECK_STR(fixed(), "");
    CHECK_INT(parse("[2025-01-20 2:30 PM UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("12-hour"));
    CHECK_STR(fixed(), "[2025-01-20 14:30 UTC]");
    CHECK_INT(parse("[2025-01-20 12:05am UTC]", TS_STYLE_GUIDE), TS_BAD);
    CHECK_STR(fixed(), "[2025-01-20 00:05 UTC]");

    CHECK_INT(parse("[2025-01-20]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("has a date but no time"));
    CHECK_INT(T.has_time, 0);
    CHECK_STR(fixed(), "");
    CHECK_INT(T.minutes, ts_minutes_from_civil(2025, 1, 20, 0, 0));

    CHECK_INT(parse("[2025-01-20 14:30 UTC extra]", TS_STYLE_GUIDE), TS_BAD);
    CHECK(T.problem != NULL);

    CHECK_INT(parse("[link]", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(parse("", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(parse("[1]", TS_STYLE_GUIDE), TS_NONE);
}

static void test_scan(void) {
    CHECK_INT(scan("[2025-01-20 14:30 UTC] Did X", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.start, 0);
    CHECK_INT(T.end, 22);

    CHECK_INT(scan("[x] (2025-10-01 13:00Z) Completed step.", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.style, TS_STYLE_COOKBOOK);
    CHECK_INT(T.start, 4);
    CHECK_INT(T.end, 23);
    CHECK_INT(scan("[X] (2025-10-01 13:00Z)", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.end, 23);

    CHECK_INT(scan("[ ] \xe2\x8f\xb8\xef\xb8\x8f Google OAuth (BLOCKED: awaiting domain)", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("[ ] Incomplete step.", TS_STYLE_COOKBOOK), TS_NONE);
    CHECK_INT(scan("[ ]", TS_STYLE_COOKBOOK), TS_NONE);
    CHECK_INT(scan("", TS_STYLE_COOKBOOK), TS_NONE);

    /* "⏸️ " is 6 bytes of emoji plus a space. */
    CHECK_INT(scan("\xe2\x8f\xb8\xef\xb8\x8f [2026-01-02 10:00 UTC] paused", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.start, 7);
    CHECK_INT(T.end, 29);

    /* A team's status box, a bold stamp, a label before the stamp. */
    CHECK_INT(scan("[!] (2026-10-02 11:40Z) Blocked on fonts.", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.start, 4);
    CHECK_INT(scan("[~] [2026-10-02 11:40 UTC] Under way.", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.start, 4);
    CHECK_INT(scan("[-] (2026-10-02 11:40Z) Dropped.", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(scan("**[2026-11-02 11:10 UTC] Clock skew.** text", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.start, 2);
    CHECK_INT(T.end, 24);
    CHECK_INT(scan("**2026-07-31 - Fonts.** text", TS_STYLE_OTHER), TS_BAD);
    CHECK_INT(T.start, 2);
    CHECK(ts_is_date_only(&T));
    CHECK_INT(scan("(TASK_02.md) (2026-09-01 10:00Z) Moved.", TS_STYLE_COOKBOOK), TS_OK);
    CHECK_INT(T.start, 13);
    /* A label with no stamp after it is words, and so is bold text. */
    CHECK_INT(scan("(TASK_02.md) Moved the reminders.", TS_STYLE_COOKBOOK), TS_NONE);
    CHECK_INT(scan("**Note:** 2026-01-02 10:00 UTC", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("[?]", TS_STYLE_GUIDE), TS_NONE);

    CHECK_INT(scan("2026-08-13T02:17Z fixed thing", TS_STYLE_GUIDE), TS_NONSTANDARD);
    CHECK_INT(T.start, 0);
    CHECK_INT(T.end, 17);
    CHECK_STR(fixed(), "[2026-08-13 02:17 UTC]");

    CHECK_INT(scan("2026-08-04 - did a thing", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("has a date but no time"));
    CHECK_INT(T.has_time, 0);
    CHECK_INT(T.start, 0);
    CHECK_INT(T.end, 10);

    CHECK_INT(scan("2026-08-04 14:30 JST deployed", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("is not in UTC"));
    CHECK_INT(T.end, 20);
    CHECK_INT(scan("2026-08-04 14:30 Deployed", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("no time zone"));
    CHECK_INT(T.end, 16);

    CHECK_INT(scan("Did some database work", TS_STYLE_GUIDE), TS_NONE);
    CHECK(T.problem == NULL);
    CHECK_INT(scan("[link](https://example.com) text", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("(BLOCKED: waiting)", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("(3 retries) then it worked", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("[1] footnote", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("3 retries then it worked", TS_STYLE_GUIDE), TS_NONE);
    CHECK_INT(scan("1.5x faster", TS_STYLE_GUIDE), TS_NONE);

    CHECK_INT(scan("[2025-01-20 14:30] Did X", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("no time zone"));
    CHECK_INT(T.end, 18);
    CHECK_INT(scan("[2025-01-20] Did X", TS_STYLE_GUIDE), TS_BAD);
    CHECK_INT(T.has_time, 0);
    CHECK_INT(scan("[2025-01-20 14:30 UTC Did X", TS_STYLE_GUIDE), TS_BAD);
    CHECK(says("closing bracket"));
    CHECK_INT(T.end, 21);
    CHECK_INT(scan("  [x] [2025-01-20 14:30 UTC] Did X", TS_STYLE_GUIDE), TS_OK);
    CHECK_INT(T.start, 6);
    /* Not NUL-terminated: the scan must stay inside n. */
    CHECK_INT(ts_scan_entry("[2025-01-20 14:30 UTC]xyz", 21, &T), TS_BAD);
}

static void test_now(void) {
    setenv("PLANLS_NOW", "2026-11-25T17:03Z", 1);
    CHECK_INT(ts_now(), ts_minutes_from_civil(2026, 11, 25, 17, 3));
    setenv("PLANLS_NOW", "2026-11-25 17:03 UTC", 1);
    CHECK_INT(ts_now(), ts_minutes_from_civil(2026, 11, 25, 17, 3));
    setenv("PLANLS_NOW", "[2026-11-25 17:03 UTC]", 1);
    CHECK_INT(ts_now(), ts_minutes_from_civil(2026, 11, 25, 17, 3));
    setenv("PLANLS_NOW", "(2026-11-25 17:03Z)", 1);
    CHECK_INT(ts_now(), ts_minutes_from_civil(2026, 11, 25, 17, 3));
    unsetenv("PLANLS_NOW");
    /* System clock: after 2024 and before 2200. */
    int64_t now = ts_now();
    CHECK(now > ts_minutes_from_civil(2024, 1, 1, 0, 0));
    CHECK(now < ts_minutes_from_civil(2200, 1, 1, 0, 0));
}

int main(void) {
    test_calendar();
    test_canonical();
    test_nonstandard();
    test_bad();
    test_scan();
    test_now();
    return unit_report("timestamp");
}
