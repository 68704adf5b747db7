/* rules.c: what planls says about a plan. Every diagnostic code lives here;
 * README's table lists them all. */
#include "rules.h"

#include <stdio.h>
#include <string.h>

/* A stamp this far ahead of the clock is a typo or local time written as UTC;
 * a few minutes are allowed for clock skew between machines. */
#define FUTURE_SLACK_MINUTES 5

static const char *const preamble_text[] = {
    "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work "
    "proceeds.",
    "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision "
    "Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.",
};

const char *rules_preamble_text(dialect_t d) { return preamble_text[d == DIALECT_COOKBOOK]; }

static int is_entry_section(section_id_t id) {
    return id == SEC_PROGRESS || id == SEC_SURPRISES || id == SEC_DECISIONS;
}

static int print_len(size_t n) { return n > 200 ? 200 : (int)n; }

/* Diagnoses one stamp (entry or footer); offsets relative to the section. */
static int check_stamp(const timestamp_t *ts, const char *base, dialect_t d, diag_list_t *out) {
    const char *s = base + ts->start;
    int n = print_len(ts->end - ts->start);
    char fixed[40];
    if (ts->status == TS_BAD || ts->status == TS_NONSTANDARD) ts_fixed(ts, plan_stamp_style(d), fixed);
    if (ts->status == TS_BAD) {
        if (fixed[0])
            return diag_add(out, ts->start, ts->end, SEV_WARNING, "bad-timestamp",
                            "Timestamp '%.*s': %s; write %s", n, s, ts->problem, fixed);
        return diag_add(out, ts->start, ts->end, SEV_WARNING, "bad-timestamp", "Timestamp '%.*s': %s", n, s,
                        ts->problem);
    }
    if (ts->status == TS_NONSTANDARD)
        return diag_add(out, ts->start, ts->end, SEV_HINT, "timestamp-format", "Timestamp '%.*s': %s; write %s",
                        n, s, ts->problem, fixed);
    if (ts->status == TS_OK && ts->style != plan_stamp_style(d)) {
        ts_format(ts->minutes, plan_stamp_style(d), fixed);
        return diag_add(out, ts->start, ts->end, SEV_HINT, "timestamp-format",
                        "Timestamp '%.*s' is in the %s style; this plan writes %s", n, s,
                        ts->style == TS_STYLE_GUIDE ? "guide" : "cookbook", fixed);
    }
    return 0;
}

static int check_entries(const plan_section_t *sec, const char *base, dialect_t d, diag_list_t *out) {
    section_id_t id = sec->id;
    const timestamp_t *newest = NULL;
    for (size_t k = 0; k < sec->nentries; k++) {
        const plan_entry_t *e = &sec->entries[k];
        int n = print_len(e->line_end - e->text);
        if (is_entry_section(id)) {
            if (e->stamp.status == TS_NONE) {
                /* Cookbook Progress lists steps still to do without a date;
                 * only a checked step records when it was done. Cookbook
                 * surprises and decisions are dated by their own lines. */
                int needs = d == DIALECT_GUIDE || (id == SEC_PROGRESS && e->checkbox == 1);
                if (needs && diag_add(out, e->text, e->line_end, SEV_INFO, "undated-entry",
                                      "%s entry has no timestamp; start it with %s",
                                      section_name(id),
                                      d == DIALECT_COOKBOOK ? "(YYYY-MM-DD HH:MMZ)" : "[YYYY-MM-DD HH:MM UTC]") < 0)
                    return -1;
            } else if (check_stamp(&e->stamp, base, d, out) < 0) {
                return -1;
            }
            if (id == SEC_PROGRESS && e->stamp.valid_time) {
                if (newest && e->stamp.minutes < newest->minutes &&
                    diag_add(out, e->stamp.start, e->stamp.end, SEV_INFO, "progress-out-of-order",
                             "Progress goes back in time: '%.*s' is earlier than '%.*s' above it",
                             print_len(e->stamp.end - e->stamp.start), base + e->stamp.start,
                             print_len(newest->end - newest->start), base + newest->start) < 0)
                    return -1;
                if (!newest || e->stamp.minutes >= newest->minutes) newest = &e->stamp;
            }
            if (id == SEC_DECISIONS && !(e->flags & ENTRY_RATIONALE)) {
                /* Name the decision by its words, not its stamp. */
                size_t what = e->stamp.status != TS_NONE ? e->stamp.end : e->text;
                while (what < e->line_end && (base[what] == ' ' || base[what] == '\t')) what++;
                if (diag_add(out, e->text, e->line_end, SEV_INFO, "decision-missing-rationale",
                             "Decision '%.*s' gives no rationale; add a '- Rationale: ...' sub-bullet",
                             print_len(e->line_end - what), base + what) < 0)
                    return -1;
            }
        }
        if (d == DIALECT_GUIDE && id == SEC_TODO && e->checkbox < 0 &&
            diag_add(out, e->start, e->line_end, SEV_INFO, "todo-not-checkbox",
                     "To-do item is not a checkbox; write '- [ ] %.*s'", n, base + e->text) < 0)
            return -1;
        if (d == DIALECT_COOKBOOK && id != SEC_PROGRESS && e->checkbox >= 0 &&
            diag_add(out, e->box, e->box + 3, SEV_INFO, "checkbox-outside-progress",
                     "Checkboxes belong in Progress in this plan's dialect; move the step there or drop "
                     "the box") < 0)
            return -1;
    }
    return 0;
}

int rules_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    const plan_section_t *sec = &p->sections[i];
    const char *base = t->data + sec->start;
    size_t ns = sec->name_start, ne = sec->name_start + sec->name_len;
    int nn = print_len(sec->name_len);
    if (sec->level > 0 && sec->match == SECTION_NEAR_MISS &&
        diag_add(out, ns, ne, SEV_WARNING, "unknown-section", "Unknown section '%.*s'; did you mean '%s'?", nn,
                 base + ns, section_name(sec->id)) < 0)
        return -1;
    /* An unknown H1 may be the title: the document rules decide. */
    if (sec->level == 2 && sec->match == SECTION_NO_MATCH && sec->custom < 0 &&
        diag_add(out, ns, ne, SEV_HINT, "unknown-section",
                 "Section '%.*s' is not one of the plan's sections", nn, base + ns) < 0)
        return -1;
    if (sec->level == 0 || sec->match == SECTION_NO_MATCH) return 0;
    if (sec->content_blocks == 0 && sec->nentries == 0 &&
        diag_add(out, ns, ne, SEV_HINT, "empty-section", "Section '%s' is empty", section_name(sec->id)) < 0)
        return -1;
    if (check_entries(sec, base, d, out) < 0) return -1;
    if (sec->has_last_updated) {
        if (sec->last_updated.status == TS_NONE) {
            size_t a = sec->last_updated_line;
            size_t b = text_line_end(t, text_line_of(t, sec->start + a)) - sec->start;
            return diag_add(out, a, b, SEV_WARNING, "bad-timestamp", "Last Updated has no timestamp; write %s",
                            d == DIALECT_COOKBOOK ? "(YYYY-MM-DD HH:MMZ)" : "[YYYY-MM-DD HH:MM UTC]");
        }
        return check_stamp(&sec->last_updated, base, d, out);
    }
    return 0;
}

/* ---- document rules ---------------------------------------------------- */

/* Where document-wide complaints go: the title's text, else the first line. */
static void anchor(const plan_t *p, const text_t *t, size_t *a, size_t *b) {
    if (p->title) {
        const plan_section_t *s = &p->sections[p->title];
        *a = s->start + s->name_start;
        *b = *a + s->name_len;
        return;
    }
    *a = 0;
    *b = text_line_end(t, 0);
}

static size_t line_no(const text_t *t, size_t off) { return text_line_of(t, off) + 1; }

size_t rules_required(const plan_t *p, required_t *out) {
    size_t n = 0;
    if (p->config && p->config->required) {
        for (size_t k = 0; k < p->config->nrequired && n < RULES_MAX_REQUIRED; k++)
            out[n++] = (required_t){p->config->required[k].name, p->config->required[k].id};
        return n;
    }
    for (int id = 0; id < SEC_COUNT; id++)
        if (!(id == SEC_TODO && p->dialect == DIALECT_COOKBOOK))
            out[n++] = (required_t){section_name((section_id_t)id), id};
    return n;
}

int rules_required_index(const plan_t *p, const required_t *req, size_t n, size_t i) {
    const plan_section_t *s = &p->sections[i];
    if (s->level == 0 || i == p->title) return -1;
    if (s->custom >= 0) return s->custom < (int)n ? s->custom : -1;
    if (s->match == SECTION_NO_MATCH) return -1;
    for (size_t k = 0; k < n; k++)
        if (req[k].id == (int)s->id) return (int)k;
    return -1;
}

static int check_sections(const plan_t *p, const text_t *t, diag_list_t *out) {
    required_t req[RULES_MAX_REQUIRED];
    size_t nreq = rules_required(p, req);
    size_t first[RULES_MAX_REQUIRED];
    int seen[RULES_MAX_REQUIRED] = {0};
    size_t order[RULES_MAX_REQUIRED], norder = 0; /* sections first naming each required one, in order */
    int rank[RULES_MAX_REQUIRED];
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        size_t a = s->start + s->name_start, b = a + s->name_len;
        if (s->match == SECTION_NO_MATCH && s->custom < 0) {
            if (s->level == 1 && i != p->title &&
                diag_add(out, a, b, SEV_HINT, "unknown-section", "Section '%.*s' is not one of the plan's sections",
                         print_len(s->name_len), t->data + a) < 0)
                return -1;
            continue;
        }
        int k = rules_required_index(p, req, nreq, i);
        if (k < 0) continue; /* a known section this repository does not ask for */
        if (seen[k]) {
            if (diag_add(out, a, b, SEV_WARNING, "duplicate-section",
                         "Section '%s' appears twice (first on line %zu); merge them", req[k].name,
                         line_no(t, p->sections[first[k]].start)) < 0)
                return -1;
            continue;
        }
        seen[k] = 1;
        first[k] = i;
        rank[norder] = k;
        order[norder++] = i;
    }

    /* Misordered sections are those outside the longest run already in
     * order: the fewest moves that would fix the document. */
    size_t len[RULES_MAX_REQUIRED], prev[RULES_MAX_REQUIRED], best = 0;
    for (size_t k = 0; k < norder; k++) {
        len[k] = 1;
        prev[k] = SIZE_MAX;
        for (size_t m = 0; m < k; m++)
            if (rank[m] < rank[k] && len[m] + 1 > len[k]) {
                len[k] = len[m] + 1;
                prev[k] = m;
            }
        if (len[k] > len[best]) best = k;
    }
    int in_order[RULES_MAX_REQUIRED] = {0};
    for (size_t k = best; norder && k != SIZE_MAX; k = prev[k]) in_order[k] = 1;
    for (size_t k = 0; k < norder; k++) {
        if (in_order[k]) continue;
        const plan_section_t *s = &p->sections[order[k]];
        /* Place it relative to the sections already in order: after the
         * nearest one that precedes it, else before the first that follows. */
        int after = -1, before = -1;
        for (size_t m = 0; m < norder; m++) {
            if (!in_order[m]) continue;
            if (rank[m] < rank[k] && (after < 0 || rank[m] > after)) after = rank[m];
            if (rank[m] > rank[k] && (before < 0 || rank[m] < before)) before = rank[m];
        }
        size_t a = s->start + s->name_start, b = a + s->name_len;
        int rc = after >= 0 ? diag_add(out, a, b, SEV_HINT, "section-order", "Section '%s' belongs after '%s'",
                                       req[rank[k]].name, req[after].name)
                            : diag_add(out, a, b, SEV_HINT, "section-order", "Section '%s' belongs before '%s'",
                                       req[rank[k]].name, before >= 0 ? req[before].name : "the others");
        if (rc < 0) return -1;
    }

    size_t a, b;
    anchor(p, t, &a, &b);
    for (size_t k = 0; k < nreq; k++) {
        if (seen[k]) continue;
        if (diag_add(out, a, b, SEV_WARNING, "missing-section", "Missing section '## %s'", req[k].name) < 0)
            return -1;
        out->items[out->n - 1].arg = (int)k; /* the required index, for the quick fix */
    }
    return 0;
}

static int check_title(const plan_t *p, const text_t *t, diag_list_t *out) {
    size_t a, b;
    anchor(p, t, &a, &b);
    if (!p->title &&
        diag_add(out, a, b, SEV_INFO, "missing-title",
                 "The plan has no title; start it with '# <short, action-oriented description>'") < 0)
        return -1;
    /* The living-document line belongs between the title and the first section. */
    const plan_section_t *s = &p->sections[p->title];
    if (s->preamble == PREAMBLE_NONE &&
        diag_add(out, a, b, SEV_INFO, "missing-preamble", "Add the living-document line under the title: '%s'",
                 rules_preamble_text(p->dialect)) < 0)
        return -1;
    return 0;
}

static int check_time(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
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
            if (diag_add(out, s->start + ts->start, s->start + ts->end, SEV_INFO, "future-timestamp",
                         "Timestamp '%.*s' is in the future (is it local time instead of UTC?)",
                         print_len(ts->end - ts->start), t->data + s->start + ts->start) < 0)
                return -1;
        }
    }
    if (newest == INT64_MIN) return 0;
    char when[40];
    ts_format(newest, plan_stamp_style(p->dialect), when);
    if (footer && footer->last_updated.valid_time && footer->last_updated.minutes < newest) {
        const timestamp_t *ts = &footer->last_updated;
        if (diag_add(out, footer->start + ts->start, footer->start + ts->end, SEV_INFO, "stale-last-updated",
                     "Last Updated is older than the newest entry (%s); update it", when) < 0)
            return -1;
    }
    /* Front matter carries a date only: stale when the newest entry is on a later day. */
    if (p->fm_has_last_updated && p->fm_last_updated + 24 * 60 <= newest &&
        diag_add(out, p->fm_lu_start, p->fm_lu_end, SEV_INFO, "stale-last-updated",
                 "last_updated is older than the newest entry (%s); update it", when) < 0)
        return -1;
    return 0;
}

int rules_document(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
    if (check_sections(p, t, out) < 0 || check_title(p, t, out) < 0 || check_time(p, t, now, out) < 0)
        return -1;
    return 0;
}
