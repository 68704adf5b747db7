/* plan_summary.c: a plan at a glance (see plan_summary.h). */
#include "plan_summary.h"

#include <string.h>

#include "check_json.h"
#include "plan_report.h"

/* The first line of [start, end) of t, trimmed of its end, as JSON. */
static json_t *line_json(const text_t *t, size_t start, size_t end) {
    size_t line_end = text_line_end(t, text_line_of(t, start));
    if (line_end < end) end = line_end;
    while (end > start && (t->data[end - 1] == ' ' || t->data[end - 1] == '\t')) end--;
    return check_json_string(t->data + start, end - start);
}

static json_t *heading_json(const plan_section_t *s, const text_t *t) {
    return check_json_string(t->data + s->start + s->name_start, s->name_len);
}

/* Checkboxes of section i: ticked and all. */
static json_t *boxes_json(const plan_t *p, size_t i) {
    json_int_t done = 0, total = 0;
    const plan_section_t *s = i ? &p->sections[i] : NULL;
    for (size_t k = 0; s && k < s->nentries; k++) {
        if (s->entries[k].checkbox < 0) continue;
        total++;
        done += s->entries[k].checkbox == 1;
    }
    return json_pack("{s:I,s:I}", "done", done, "total", total);
}

static json_t *newest_entry(const plan_t *p, const text_t *t) {
    const plan_section_t *best_s = NULL;
    const plan_entry_t *best = NULL;
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        for (size_t k = 0; k < s->nentries; k++) {
            const plan_entry_t *e = &s->entries[k];
            /* The later of two equal stamps is the newer entry. */
            if (e->stamp.valid_time && (!best || e->stamp.minutes >= best->stamp.minutes)) {
                best = e;
                best_s = s;
            }
        }
    }
    if (!best) return json_null();
    size_t base = best_s->start;
    return json_pack("{s:o,s:I,s:s#,s:o}", "section", heading_json(best_s, t), "line",
                     (json_int_t)text_line_of(t, base + best->start) + 1, "stamp", t->data + base + best->stamp.start,
                     (int)(best->stamp.end - best->stamp.start), "text",
                     line_json(t, base + best->text, base + best->end));
}

json_t *plan_summary_json(const char *path, const disk_plan_t *dp, int64_t now) {
    const plan_t *p = &dp->plan;
    const text_t *t = &dp->text;
    const plan_section_t *ts = p->title ? &p->sections[p->title] : NULL;
    /* What `planls status --format json` says of it, then what an agent editing it needs more. */
    /* The cache re-parses what changed on disk: the summary is taken now,
     * from the model as it is, with the path that may say its status. */
    plan_t view = *p;
    view.path = path;
    plan_summary_t sum;
    plan_summary(&view, t, &sum);
    /* Title and path are set below: they may hold bytes that are not UTF-8. */
    json_t *o = plan_report_row(&sum, NULL, 0, "path", "", check_json_problems(&dp->diags), p->config, now);
    if (!o) return NULL;
    json_t *present = json_array(), *missing = json_array();
    for (size_t i = 1; i < p->nsections; i++)
        if (i != p->title) json_array_append_new(present, heading_json(&p->sections[i], t));
    /* Missing: what the plan must have (its settings' or dialect's list)
     * and none of its sections stands for, whether or not the rule is on. */
    required_t req[PLAN_MAX_REQUIRED];
    size_t nreq = plan_required(p, req);
    for (size_t k = 0; k < nreq; k++) {
        int found = 0;
        for (size_t i = 1; i < p->nsections && !found; i++) found = plan_required_index(p, req, nreq, i) == (int)k;
        if (!found) json_array_append_new(missing, json_string(req[k].name));
    }
    json_int_t errors = 0, warnings = 0;
    for (size_t k = 0; k < dp->diags.n; k++) {
        errors += dp->diags.items[k].severity == SEV_ERROR;
        warnings += dp->diags.items[k].severity == SEV_WARNING;
    }
    json_object_set_new(o, "path", check_json_string(path, strlen(path)));
    json_object_set_new(o, "title", ts ? heading_json(ts, t) : json_null());
    json_object_set_new(o, "dialect", json_string(p->dialect == DIALECT_COOKBOOK ? "cookbook" : "guide"));
    json_object_set_new(o, "sections", json_pack("{s:o,s:o}", "present", present, "missing", missing));
    json_object_set_new(o, "steps", boxes_json(p, plan_find_section(p, SEC_PROGRESS)));
    json_object_set_new(o, "newestEntry", newest_entry(p, t));
    json_object_set_new(o, "findings", json_pack("{s:I,s:I}", "errors", errors, "warnings", warnings));
    return o;
}
