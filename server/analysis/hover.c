/* hover.c: hovers. A section heading tells what the section is for; a stamp
 * tells how long ago it was. */
#include "hover.h"

#include <stdio.h>
#include <stdlib.h>

#include "strbuf.h"

/* What each section is for, in our words (drawn from the plans guide). */
static const char *const section_help[SEC_COUNT] = {
    "Why this work matters: the problem it solves and what success looks like, for someone who "
    "knows nothing of it yet.",
    "The checklist of tasks. One `- [ ]` item per task with a clear end; nest sub-tasks; mark blocked "
    "ones `- [ ] ⏸️ task (BLOCKED: reason)`. Avoid vague items such as \"Database\".",
    "What has been done, newest last, each entry stamped in UTC: `- [2026-11-25 17:03 UTC] Migrated "
    "the tokens table`. Say what was done and what came of it.",
    "Unexpected findings, blockers and workarounds, stamped in UTC, with `- Impact:` and "
    "`- Workaround:` sub-bullets where they help the next person.",
    "Each decision with its time, a `- Rationale:`, the `- Alternatives considered:` and, later, the "
    "`- Outcome:`. Small choices count too.",
    "Filled in when the work ends: results, what went well, what could improve, follow-up items.",
    "Background a newcomer needs: links, the relevant parts of the repository, constraints.",
    "The strategy: phases, their order and dependencies, risks.",
    "The exact commands to run and files to change, kept current as the work deviates.",
    "How to know it works: test commands, expected output, acceptance criteria.",
    "How to retry, roll back or resume safely when a step fails.",
    "Links to pull requests, issues, diffs, notes and design documents.",
    "APIs touched, services and teams involved, integration points.",
};

/* The cookbook writes its living sections differently. */
static const char *cookbook_help(section_id_t id) {
    switch (id) {
    case SEC_PROGRESS:
        return "Checkbox steps, newest last: a finished one stamped in UTC, `- [x] (2026-11-25 17:03Z) Migrated "
               "the tokens table`, an open one `- [ ] Switch the readers`, a partly done one with what remains.";
    case SEC_SURPRISES:
        return "Unexpected findings, each an `- Observation: ...` with the `Evidence: ...` that shows it.";
    case SEC_DECISIONS:
        return "Each decision as `- Decision: ...` with `Rationale: ...` and `Date/Author: ...` lines. Small "
               "choices count too.";
    default: return section_help[id];
    }
}

static void describe_age(strbuf_t *b, int64_t minutes) {
    if (minutes < 0) {
        sb_printf(b, "in the future (%lld minutes ahead: local time written as UTC?)", (long long)-minutes);
    } else if (minutes < 60) {
        sb_printf(b, "%lld minute%s ago", (long long)minutes, minutes == 1 ? "" : "s");
    } else if (minutes < 48 * 60) {
        sb_printf(b, "%lld hour%s ago", (long long)(minutes / 60), minutes / 60 == 1 ? "" : "s");
    } else {
        sb_printf(b, "%lld days ago", (long long)(minutes / (24 * 60)));
    }
}

char *hover_at(const plan_t *p, size_t off, int64_t now, size_t *start, size_t *end) {
    size_t i = plan_section_at(p, off);
    const plan_section_t *s = &p->sections[i];
    strbuf_t b = {0};
    if (s->level > 0 && off < s->start + s->heading_len) {
        if (s->match == SECTION_NO_MATCH || i == p->title) return NULL;
        sb_printf(&b, "**%s**\n\n%s", section_name(s->id),
                  p->dialect == DIALECT_COOKBOOK ? cookbook_help(s->id) : section_help[s->id]);
        if (s->match == SECTION_NEAR_MISS) sb_printf(&b, "\n\nThe canonical heading is `## %s`.", section_name(s->id));
        *start = s->start + s->name_start;
        *end = *start + s->name_len;
        return sb_take(&b);
    }
    const timestamp_t *ts = NULL;
    size_t rel = off - s->start;
    for (size_t k = 0; k < s->nentries && !ts; k++) {
        const timestamp_t *x = &s->entries[k].stamp;
        if (x->status != TS_NONE && x->start <= rel && rel <= x->end) ts = x;
    }
    if (!ts && s->has_last_updated && s->last_updated.start <= rel && rel <= s->last_updated.end) ts = &s->last_updated;
    if (!ts || !ts->valid_time) return NULL;
    char canon[40];
    ts_format(ts->minutes, plan_stamp_style(p->dialect), canon);
    sb_printf(&b, "%s: ", canon);
    describe_age(&b, now - ts->minutes);
    *start = s->start + ts->start;
    *end = s->start + ts->end;
    return sb_take(&b);
}
