/* rules.c: what planls says about a plan. Runs the rule families
 * (rules_<family>.c; every code is a row of rule_codes.h), caches each
 * section's results, and applies the settings' per-code severities. */
#include "rules.h"

#include <stdlib.h>

#include "rules_family.h"
#include "suppress.h"

/* A section's own diagnostics, offsets relative to its start. The order of
 * the families fixes the order of diagnostics that share a position. */
static int section_rules(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    if (rules_sections_section(p, i, t, d, out) < 0 || rules_time_section(p, i, t, d, out) < 0 ||
        rules_entries_section(p, i, t, d, out) < 0)
        return -1;
    return 0;
}

static int document_rules(const plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
    /* Read once: the lifecycle rules and the path rules both go by it. */
    plan_summary_t sum;
    plan_summary(p, t, &sum);
    return rules_sections_document(p, t, out) < 0 || rules_time_document(p, t, now, out) < 0 ||
                   rules_lifecycle_document(p, t, &sum, now, out) < 0 ||
                   rules_paths_document(p, t, &sum.status, out) < 0
               ? -1
               : 0;
}

/* Per-code severities from the settings: "off" drops the diagnostic, and
 * so does a rule that is off by default unless the settings give it a
 * severity. Applied to the output so the cached section results stay valid. */
static void apply_severities(const config_t *cfg, diag_list_t *l) {
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        int r = l->items[i].rule;
        int sev = r >= 0 && cfg ? cfg->severity[r] : -1;
        if (sev == 0 || (sev < 0 && r >= 0 && !rule_info[r].on)) {
            diag_free_item(&l->items[i]);
            continue;
        }
        if (sev > 0) l->items[i].severity = (severity_t)sev;
        l->items[kept++] = l->items[i];
    }
    l->n = kept;
}

int rules_run(plan_t *p, const text_t *t, int64_t now, diag_list_t *out) {
    if (plan_update(p, t) < 0) return -1;
    for (size_t i = 0; i < p->nsections; i++) {
        plan_section_t *s = &p->sections[i];
        int as_title = i == p->title;
        if (!s->diags_valid || s->diags_dialect != p->dialect || s->diags_evidence != p->dialect_evidence ||
            s->diags_as_title != as_title) {
            diag_list_clear(&s->diags);
            s->paths_gen = 0; /* its paths are read again too */
            if (section_rules(p, i, t, p->dialect, &s->diags) < 0) return -1;
            s->diags_valid = 1;
            s->diags_dialect = p->dialect;
            s->diags_evidence = p->dialect_evidence;
            s->diags_as_title = as_title;
        }
        if (diag_list_append(out, &s->diags, s->start) < 0) return -1;
    }
    if (document_rules(p, t, now, out) < 0) return -1;
    /* Before the severities: a comment silencing a code the settings turn off is still used. */
    if (suppress_apply(t, out) < 0) return -1;
    apply_severities(p->config, out);
    diag_list_sort(out);
    return 0;
}

int rules_plan_paths(const plan_t *p, const text_t *t, path_ref_list_t *out) { return rules_paths_extract(p, t, out); }

char *rules_path_nearest(const plan_t *p, const char *path) { return rules_paths_nearest(p, path); }
