/* plan_report.c: plans' summaries as one JSON report (plan_report.h). */
#include "plan_report.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "timestamp.h"

static const char *source_name(status_source_t s) {
    switch (s) {
    case STATUS_FROM_FRONT_MATTER: return "front matter";
    case STATUS_FROM_LINE: return "status line";
    case STATUS_FROM_TABLE: return "table";
    case STATUS_FROM_FOLDER: return "folder";
    default: return "default";
    }
}

json_t *plan_report_row(const plan_summary_t *s, const char *title, size_t title_len, const char *key,
                        const char *where, int problems, const config_t *cfg, int64_t now) {
    /* A title (or a path) may hold bytes that are not UTF-8: the row is kept, with U+FFFD for them. */
    strbuf_t tb = {0}, wb = {0};
    sb_add_utf8(&tb, title ? title : "", title ? title_len : 0);
    sb_add_utf8(&wb, where, strlen(where));
    size_t tlen = tb.n;
    char *clean_title = sb_take(&tb), *clean_where = sb_take(&wb);
    json_t *o =
        !clean_title || !clean_where
            ? NULL
            : json_pack("{s:s%,s:s,s:s,s:s,s:{s:i,s:i},s:i,s:i,s:i}", "title", clean_title, tlen, key, clean_where,
                        "status", plan_status_name(s->status.status), "statusFrom", source_name(s->status.source),
                        "todos", "done", (int)s->todo_done, "total", (int)s->todo_total, "openSteps",
                        (int)s->steps_open, "blocked", (int)s->blocked, "problems", problems);
    free(clean_title);
    free(clean_where);
    if (!o) return NULL;
    int days = cfg ? cfg->stale_after_days : 7;
    int stale = 0;
    if (s->newest != INT64_MIN) {
        char stamp[40], iso[24], age[32];
        ts_format(s->newest, TS_STYLE_GUIDE, stamp); /* "[2026-11-25 17:03 UTC]" */
        memcpy(iso, stamp + 1, 10);
        iso[10] = 'T';
        memcpy(iso + 11, stamp + 12, 5);
        iso[16] = 'Z';
        iso[17] = '\0';
        stale = s->status.status == PLAN_ACTIVE && now - s->newest > (int64_t)days * 24 * 60;
        json_object_set_new(o, "newestEntry", json_string(iso));
        json_object_set_new(o, "age", json_string(plan_age_text(s->newest, now, age)));
        json_object_set_new(o, "ageDays", json_integer(now > s->newest ? (now - s->newest) / (24 * 60) : 0));
    } else {
        json_object_set_new(o, "newestEntry", json_null());
        json_object_set_new(o, "age", json_null());
        json_object_set_new(o, "ageDays", json_null());
    }
    json_object_set_new(o, "stale", json_boolean(stale));
    return o;
}

static int rank(json_t *row) {
    const char *name = json_string_value(json_object_get(row, "status"));
    for (int k = 0; name && k < PLAN_STATUS_COUNT; k++)
        if (strcmp(name, plan_status_name((plan_status_t)k)) == 0) return k;
    return PLAN_STATUS_COUNT;
}

static const char *place(json_t *row) {
    const char *p = json_string_value(json_object_get(row, "path"));
    if (!p) p = json_string_value(json_object_get(row, "uri"));
    return p ? p : "";
}

static int compare(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int rx = rank(x), ry = rank(y);
    if (rx != ry) return rx < ry ? -1 : 1;
    return strcmp(place(x), place(y));
}

json_t *plan_report_new(json_t *rows) {
    size_t n = json_array_size(rows);
    json_t **items = calloc(n ? n : 1, sizeof *items);
    json_t *sorted = json_array(), *summary = json_object();
    if (!items || !sorted || !summary) {
        free(items);
        json_decref(sorted);
        json_decref(summary);
        json_decref(rows);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) items[i] = json_array_get(rows, i);
    qsort(items, n, sizeof *items, compare);
    int counts[PLAN_STATUS_COUNT] = {0}, stale = 0, blocked = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append(sorted, items[i]);
        int r = rank(items[i]);
        if (r < PLAN_STATUS_COUNT) counts[r]++;
        stale += json_is_true(json_object_get(items[i], "stale"));
        blocked += (int)json_integer_value(json_object_get(items[i], "blocked"));
    }
    free(items);
    json_decref(rows);
    json_object_set_new(summary, "plans", json_integer((json_int_t)n));
    for (int k = 0; k < PLAN_STATUS_COUNT; k++)
        json_object_set_new(summary, plan_status_name((plan_status_t)k), json_integer(counts[k]));
    json_object_set_new(summary, "stale", json_integer(stale));
    json_object_set_new(summary, "blockedItems", json_integer(blocked));
    return json_pack("{s:o,s:o}", "plans", sorted, "summary", summary);
}
