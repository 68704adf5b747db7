/* rules_sections.c: the section rules. Per section: headings that nearly
 * name a section, sections with nothing in them. Per document: headings that
 * name none (one of them may be the title), the required sections missing,
 * twice, or out of order, the title and the living-document line under it. */
#include <stdint.h>
#include <stdio.h>

#include "rules_family.h"

int rules_sections_section(const plan_t *p, size_t i, const text_t *t, dialect_t d, diag_list_t *out) {
    (void)d;
    const plan_section_t *sec = &p->sections[i];
    const char *base = t->data + sec->start;
    size_t ns = sec->name_start, ne = sec->name_start + sec->name_len;
    int nn = rules_print_len(base + ns, sec->name_len);
    if (sec->level > 0 && sec->match == SECTION_NEAR_MISS &&
        rule_emit(out, RULE_UNKNOWN_SECTION, ns, ne, "Unknown section '%.*s'; did you mean '%s'?", nn, base + ns,
                  section_name(sec->id)) < 0)
        return -1;
    if (!rules_known_section(p, i)) return 0;
    if (sec->content_blocks == 0 && sec->nentries == 0 &&
        rule_emit(out, RULE_EMPTY_SECTION, ns, ne, "Section '%s' is empty", section_name(sec->id)) < 0)
        return -1;
    return 0;
}

/* ---- document rules ---------------------------------------------------- */

static size_t line_no(const text_t *t, size_t off) { return text_line_of(t, off) + 1; }

static int check_sections(const plan_t *p, const text_t *t, diag_list_t *out) {
    required_t req[PLAN_MAX_REQUIRED];
    size_t nreq = plan_required(p, req);
    size_t first[PLAN_MAX_REQUIRED];
    int seen[PLAN_MAX_REQUIRED] = {0};
    size_t order[PLAN_MAX_REQUIRED], norder = 0; /* sections first naming each required one, in order */
    int rank[PLAN_MAX_REQUIRED];
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        size_t a = s->start + s->name_start, b = a + s->name_len;
        if (i == p->title) continue; /* never a section, whatever its words */
        if (s->match == SECTION_NO_MATCH && s->custom < 0) {
            if (rule_emit(out, RULE_EXTRA_SECTION, a, b, "Section '%.*s' is not one of the plan's sections",
                          rules_print_len(t->data + a, s->name_len), t->data + a) < 0)
                return -1;
            continue;
        }
        int k = plan_required_index(p, req, nreq, i);
        if (k < 0) continue; /* a known section this repository does not ask for */
        if (seen[k]) {
            if (rule_emit(out, RULE_DUPLICATE_SECTION, a, b,
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
    size_t len[PLAN_MAX_REQUIRED], prev[PLAN_MAX_REQUIRED], best = 0;
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
    int in_order[PLAN_MAX_REQUIRED] = {0};
    for (size_t k = best; norder && k != SIZE_MAX; k = prev[k]) in_order[k] = 1;
    /* One hint per misplaced block: a run of sections outside that run,
     * next to each other and in order among themselves, moves as one. */
    for (size_t k = 0, end; k < norder; k = end) {
        end = k + 1;
        if (in_order[k]) continue;
        while (end < norder && !in_order[end] && rank[end] > rank[end - 1]) end++;
        const plan_section_t *s = &p->sections[order[k]];
        /* Place it relative to the sections already in order: after the
         * nearest one that precedes it, else before the first that follows. */
        int after = -1, before = -1;
        for (size_t m = 0; m < norder; m++) {
            if (!in_order[m]) continue;
            if (rank[m] < rank[k] && (after < 0 || rank[m] > after)) after = rank[m];
            if (rank[m] > rank[k] && (before < 0 || rank[m] < before)) before = rank[m];
        }
        char what[160];
        if (end - k == 1)
            snprintf(what, sizeof what, "Section '%s' belongs", req[rank[k]].name);
        else
            snprintf(what, sizeof what, "Sections '%s' to '%s' belong", req[rank[k]].name, req[rank[end - 1]].name);
        size_t a = s->start + s->name_start, b = a + s->name_len;
        int rc = after >= 0 ? rule_emit(out, RULE_SECTION_ORDER, a, b, "%s after '%s'", what, req[after].name)
                            : rule_emit(out, RULE_SECTION_ORDER, a, b, "%s before '%s'", what,
                                        before >= 0 ? req[before].name : "the others");
        if (rc < 0) return -1;
    }

    size_t a, b;
    rules_anchor(p, t, &a, &b);
    for (size_t k = 0; k < nreq; k++) {
        if (seen[k]) continue;
        /* Only a plan that shows it follows the guide dialect owes a To-do. */
        if (req[k].id == SEC_TODO && !p->dialect_evidence) continue;
        if (rule_emit(out, RULE_MISSING_SECTION, a, b, "Missing section '## %s'", req[k].name) < 0) return -1;
        out->items[out->n - 1].required_index = (int)k; /* the required index, for the quick fix */
    }
    return 0;
}

static int check_title(const plan_t *p, const text_t *t, diag_list_t *out) {
    size_t a, b;
    rules_anchor(p, t, &a, &b);
    if (!p->title && rule_emit(out, RULE_MISSING_TITLE, a, b,
                               "The plan has no title; start it with '# <short, action-oriented description>'") < 0)
        return -1;
    /* The living-document line belongs between the title and the first section. */
    const plan_section_t *s = &p->sections[p->title];
    if (s->preamble == PREAMBLE_NONE &&
        rule_emit(out, RULE_MISSING_PREAMBLE, a, b, "Add the living-document line under the title: '%s'",
                  plan_preamble_text(p->dialect)) < 0)
        return -1;
    return 0;
}

int rules_sections_document(const plan_t *p, const text_t *t, diag_list_t *out) {
    return check_sections(p, t, out) < 0 || check_title(p, t, out) < 0 ? -1 : 0;
}
