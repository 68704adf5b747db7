/* rules_time.c: the time rules. Stamps of entries and footers that are
 * malformed (bad-timestamp) or not in the plan's canonical form
 * (timestamp-format), stamps in the future, and a Last Updated footer older
 * than the newest entry. */
#include <stdio.h>
#include <string.h>

#include "rules_family.h"

/* A stamp this far ahead of the clock is a typo or local time written as UTC;
 * a few minutes are allowed for clock skew between machines. */
#define FUTURE_SLACK_MINUTES 5

/* Diagnoses one stamp (entry or footer); offsets relative to the section. */
static int check_stamp(const timestamp_t *ts, const char *base, dialect_t d, diag_list_t *out) {
    const char *s = base + ts->start;
    int n = rules_print_len(s, ts->end - ts->start);
    char fixed[40];
    if (ts->status == TS_BAD || ts->status == TS_NONSTANDARD) ts_fixed(ts, plan_stamp_style(d), fixed);
    if (ts->status == TS_BAD) {
        if (fixed[0])
            return rule_emit(out, RULE_BAD_TIMESTAMP, ts->start, ts->end, "Timestamp '%.*s': %s; write %s", n, s,
                             ts->problem, fixed);
        return rule_emit(out, RULE_BAD_TIMESTAMP, ts->start, ts->end, "Timestamp '%.*s': %s", n, s, ts->problem);
    }
    if (ts->status == TS_NONSTANDARD)
        return rule_emit(out, RULE_TIMESTAMP_FORMAT, ts->start, ts->end, "Timestamp '%.*s': %s; write %s", n, s,
                         ts->problem, fixed);
    if (ts->status == TS_OK && ts->style != plan_stamp_style(d)) {
        ts_format(ts->minutes, plan_stamp_style(d), fixed);
        return rule_emit(out, RULE_TIMESTAMP_FORMAT, ts->start, ts->end,
                         "Timestamp '%.*s' is in the %s style; this plan writes %s", n, s,
                         ts->style == TS_STYLE_GUIDE ? "guide" : "cookbook", fixed);
    }
    return 0;
}

int rules_time_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    const plan_section_t *sec = &p->sections[i];
    const char *base = t->data + sec->start;
    if (!rules_known_section(p, i)) return 0;
    /* Surprises and decisions may be dated by the day (the cookbook records
     * them so); Progress is stamped to the minute. */
    int by_day = sec->id == SEC_SURPRISES || sec->id == SEC_DECISIONS;
    if (rules_is_entry_section(sec->id))
        for (size_t k = 0; k < sec->nentries; k++) {
            const timestamp_t *ts = &sec->entries[k].stamp;
            if (ts->status == TS_NONE || (by_day && ts_is_date_only(ts))) continue;
            if (check_stamp(ts, base, d, out) < 0) return -1;
        }
    if (!sec->has_last_updated) return 0;
    if (sec->last_updated.status == TS_NONE) {
        size_t a = sec->last_updated_line;
        size_t b = text_line_end(t, text_line_of(t, sec->start + a)) - sec->start;
        return rule_emit(out, RULE_BAD_TIMESTAMP, a, b, "Last Updated has no timestamp; write %s",
                         d == DIALECT_COOKBOOK ? "(YYYY-MM-DD HH:MMZ)" : "[YYYY-MM-DD HH:MM UTC]");
    }
    return check_stamp(&sec->last_updated, base, d, out);
}

int rules_time_document(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
    int64_t newest = INT64_MIN; /* newest entry stamp that is not in the future */
    const plan_section_t *footer = NULL;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (s->has_last_updated) footer = s;
        if (s->max_stamp <= now + FUTURE_SLACK_MINUTES) {
            if (s->max_stamp > newest) newest = s->max_stamp;
            continue;
        }
        for (size_t k = 0; k < s->nentries; k++) {
            const timestamp_t *ts = &s->entries[k].stamp;
            if (!ts->valid_time) continue;
            if (ts->minutes <= now + FUTURE_SLACK_MINUTES) {
                if (ts->minutes > newest) newest = ts->minutes;
                continue;
            }
            if (rule_emit(out, RULE_FUTURE_TIMESTAMP, s->start + ts->start, s->start + ts->end,
                          "Timestamp '%.*s' is in the future (is it local time instead of UTC?)",
                          rules_print_len(t->data + s->start + ts->start, ts->end - ts->start),
                          t->data + s->start + ts->start) < 0)
                return -1;
        }
    }
    if (newest == INT64_MIN) return 0;
    char when[40];
    ts_format(newest, plan_stamp_style(p->dialect), when);
    if (footer && footer->last_updated.valid_time && footer->last_updated.minutes < newest) {
        const timestamp_t *ts = &footer->last_updated;
        if (rule_emit(out, RULE_STALE_LAST_UPDATED, footer->start + ts->start, footer->start + ts->end,
                      "Last Updated is older than the newest entry (%s); update it", when) < 0)
            return -1;
    }
    /* Front matter carries a date only: stale when the newest entry is on a later day. */
    if (p->fm_has_last_updated && p->fm_last_updated + 24 * 60 <= newest &&
        rule_emit(out, RULE_STALE_LAST_UPDATED, p->fm_lu_start, p->fm_lu_end,
                  "last_updated is older than the newest entry (%s); update it", when) < 0)
        return -1;
    return 0;
}
