/* skeleton.c: the text planls writes into a plan (stamps, section bodies,
 * entries) and where it goes. Completion and code actions share it, so a
 * section added either way looks the same. */
#include "skeleton.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_fence.h"
#include "strbuf.h"
#include "vec.h"
#include "writing_style.h"

void skeleton_stamp(const plan_t *p, int64_t now, char *out) { ts_format(now, style_stamp(p), out); }

const char *skeleton_heading_prefix(const plan_t *p) { return style_heading_level(p) == 1 ? "# " : "## "; }

/* Templates use ${N:words} and ${N} placeholders and @STAMP@ / @DATE@; as
 * plain text the placeholders vanish. */
static char *render(const char *tpl, const plan_t *p, int64_t now, int snippet) {
    char stamp[40], date[40];
    skeleton_stamp(p, now, stamp);
    ts_format(now, TS_STYLE_GUIDE, date); /* "[YYYY-MM-DD HH:MM UTC]" */
    strbuf_t b = {0};
    for (const char *p = tpl; *p;) {
        if (strncmp(p, "@STAMP@", 7) == 0) {
            sb_add(&b, stamp);
            p += 7;
        } else if (strncmp(p, "@DATE@", 6) == 0) {
            sb_addn(&b, date + 1, 10);
            p += 6;
        } else if (p[0] == '$' && p[1] == '{') {
            const char *close = strchr(p, '}');
            if (!close) break;
            if (snippet) sb_addn(&b, p, (size_t)(close - p + 1));
            p = close + 1;
        } else {
            sb_addn(&b, p, 1);
            p++;
        }
    }
    return sb_take(&b);
}

static const char *entry_template(const plan_t *p, section_id_t id) {
    int cook = p->dialect == DIALECT_COOKBOOK;
    switch (id) {
    case SEC_TODO: return "- [ ] ${1:task}";
    case SEC_PROGRESS:
        /* The step's checkbox as the plan writes its Progress, the words as its dialect does. */
        if (style_progress_checkbox(p))
            return cook ? "- [x] @STAMP@ ${1:completed step}" : "- [x] @STAMP@ ${1:what was done}";
        return cook ? "- @STAMP@ ${1:completed step}" : "- @STAMP@ ${1:what was done}";
    case SEC_SURPRISES:
        return cook ? "- Observation: ${1:what happened}\n  Evidence: ${2:how you know}"
                    : "- @STAMP@ ${1:what you found}\n  - Impact: ${2}\n  - Workaround: ${3}";
    case SEC_DECISIONS:
        return cook ? "- Decision: ${1:what was decided}\n  Rationale: ${2:why}\n  Date/Author: @DATE@ / ${3:who}"
                    : "- @STAMP@ ${1:what was decided}\n  - Rationale: ${2:why}\n  - Alternatives considered: "
                      "${3}\n  - Outcome: ${4}";
    default: return NULL;
    }
}

char *skeleton_entry(const plan_t *p, section_id_t id, int64_t now, int snippet) {
    const char *tpl = entry_template(p, id);
    return render(tpl ? tpl : "${1}", p, now, snippet);
}

char *skeleton_entry_text(const plan_t *p, section_id_t id, int64_t now, const char *words, const char *detail,
                          const char *author) {
    char stamp[40], date[40];
    skeleton_stamp(p, now, stamp);
    ts_format(now, TS_STYLE_GUIDE, date);
    int cook = p->dialect == DIALECT_COOKBOOK;
    strbuf_t b = {0};
    switch (id) {
    case SEC_TODO: sb_printf(&b, "- [ ] %s", words); break;
    case SEC_PROGRESS: sb_printf(&b, "- %s%s %s", style_progress_checkbox(p) ? "[x] " : "", stamp, words); break;
    case SEC_SURPRISES:
        /* The cookbook's observations carry no stamp (its template has none). */
        if (cook)
            sb_printf(&b, "- Observation: %s", words);
        else
            sb_printf(&b, "- %s %s", stamp, words);
        if (detail) sb_printf(&b, cook ? "\n  Evidence: %s" : "\n  - Evidence: %s", detail);
        break;
    case SEC_DECISIONS:
        if (cook) {
            sb_printf(&b, "- Decision: %s", words);
            if (detail) sb_printf(&b, "\n  Rationale: %s", detail);
            sb_printf(&b, "\n  Date/Author: %.10s / %s", date + 1, author && *author ? author : "agent");
        } else {
            sb_printf(&b, "- %s %s", stamp, words);
            if (detail) sb_printf(&b, "\n  - Rationale: %s", detail);
        }
        break;
    default: return NULL;
    }
    return sb_take(&b);
}

/* A code fence left open runs to the end of the text: a heading written
 * after it would be code, and the section still missing. When the last
 * section's last block is such a fence, its first line's start, else at.
 * (A fence inside a list or quote ends with it: a heading at column 0
 * closes both.) */
static size_t before_open_fence(const plan_t *p, const text_t *t, size_t at) {
    const plan_section_t *s = &p->sections[p->nsections - 1];
    if (!s->nblocks) return at;
    size_t open = s->start + s->blocks[s->nblocks - 1].start, line = text_line_of(t, open);
    char mark;
    size_t len = md_fence_opens(t->data + open, text_line_end(t, line) - open, &mark);
    if (!len) return at;
    for (size_t k = line + 1; k < t->nlines; k++) {
        size_t a = text_line_start(t, k);
        if (md_fence_closes(t->data + a, text_line_end(t, k) - a, mark, len)) return at;
    }
    return open;
}

size_t skeleton_section_insert_point(const plan_t *p, const text_t *t, int k, int *before_heading) {
    required_t req[PLAN_MAX_REQUIRED];
    size_t n = plan_required(p, req);
    for (size_t i = 1; k >= 0 && i < p->nsections; i++) {
        if (plan_required_index(p, req, n, i) > k) {
            *before_heading = 1;
            return p->sections[i].start;
        }
    }
    *before_heading = 0;
    return before_open_fence(p, t, plan_section_content_end(p, t, p->nsections - 1));
}

int skeleton_required_of(const plan_t *p, section_id_t id, const char **name) {
    required_t req[PLAN_MAX_REQUIRED];
    size_t n = plan_required(p, req);
    *name = section_name(id);
    for (size_t k = 0; k < n; k++)
        if (req[k].id == (int)id) {
            *name = req[k].name;
            return (int)k;
        }
    return -1;
}

char *skeleton_block_text(const text_t *t, size_t at, const char *block) {
    /* block ends with a newline; around it go the line breaks that keep it a
     * block of its own, with a blank line on each side. */
    strbuf_t b = {0};
    size_t n = strlen(block);
    size_t line = text_line_of(t, at);
    size_t ls = text_line_start(t, line);
    if (at > ls) {
        /* At the end of a content line: its own terminator ends the block. */
        sb_add(&b, "\n\n");
        sb_addn(&b, block, at < t->len && n && block[n - 1] == '\n' ? n - 1 : n);
        return sb_take(&b);
    }
    if (line > 0) {
        if (!text_line_is_blank(t, line - 1)) sb_add(&b, "\n");
    }
    sb_add(&b, block);
    /* A blank line already follows when the insertion point starts one. */
    if (at < t->len && !text_line_is_blank(t, line)) sb_add(&b, "\n");
    return sb_take(&b);
}

char *skeleton_new_plan(const config_t *cfg, const char *title, const char *guide_rel, int64_t now) {
    plan_t p;
    plan_init(&p);
    p.config = cfg;
    p.dialect = cfg && cfg->dialect >= 0 ? (dialect_t)cfg->dialect : DIALECT_GUIDE;
    required_t req[PLAN_MAX_REQUIRED];
    size_t n = plan_required(&p, req);
    strbuf_t b = {0};
    sb_printf(&b, "# %s\n\n%s\n", title, plan_preamble_text(p.dialect));
    if (p.dialect == DIALECT_COOKBOOK && guide_rel) sb_printf(&b, "\nThis plan follows `%s`.\n", guide_rel);
    for (size_t k = 0; k < n; k++) sb_printf(&b, "\n## %s\n", req[k].name);
    if (p.dialect == DIALECT_GUIDE) {
        char stamp[40];
        skeleton_stamp(&p, now, stamp);
        sb_printf(&b, "\n---\n**Created**: %s\n**Last Updated**: %s\n", stamp, stamp);
    }
    return sb_take(&b);
}
