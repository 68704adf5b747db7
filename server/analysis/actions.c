/* actions.c: code actions. Quick fixes for the diagnostics on the cursor's lines,
 * entry actions available anywhere, and checkbox toggles. Every edit changes
 * only what its title says. */
#include "actions.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "edit.h"
#include "plan_status.h"
#include "rule_codes.h"
#include "rules.h"
#include "skeleton.h"
#include "strbuf.h"
#include "suppress.h"
#include "vec.h"
#include "writing_style.h"

const char *const action_commands[] = {"planls.addProgressEntry", "planls.addDecision",     "planls.addSurprise",
                                       "planls.addTodo",          "planls.addRevisionNote", NULL};

void action_list_free(action_list_t *l) {
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].title);
        free(l->items[i].rename_to);
        edit_list_free(&l->items[i].edits);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

action_t *action_list_add(action_list_t *l, const char *kind, const char *title) {
    if (VEC_RESERVE(l->items, l->cap, l->n + 1) < 0) return NULL;
    action_t *a = &l->items[l->n];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->title = strdup(title);
    if (!a->title) return NULL;
    l->n++;
    return a;
}

/* One insertion, with the caret after its first line (where an entry's words go). */
static int insert_with_cursor(action_t *a, size_t at, char *text) {
    if (!text) return -1;
    /* Leading line breaks separate the block; the caret goes on its first real line. */
    size_t lead = 0;
    while (text[lead] == '\n') lead++;
    const char *nl = strchr(text + lead, '\n');
    a->has_cursor = 1;
    a->cursor = at + (nl ? (size_t)(nl - text) : strlen(text));
    int rc = edit_add(&a->edits, at, at, text);
    free(text);
    return rc;
}

/* ---- sections ------------------------------------------------------------ */

/* A new section is its heading alone, at the level of the plan's other
 * sections: the entries are the writer's to add (the entry actions and
 * completions fill them in). New string (caller frees); NULL on OOM. */
static char *section_block(const plan_t *p, const char *name) {
    strbuf_t b = {0};
    sb_printf(&b, "%s%s\n", skeleton_heading_prefix(p), name);
    return sb_take(&b);
}

static int add_missing_section(const plan_t *p, const text_t *t, action_list_t *out, const required_t *req, int k,
                               const diag_t *fixes) {
    char title[160];
    snprintf(title, sizeof title, "Add missing section '%s'", req[k].name);
    action_t *a = action_list_add(out, "quickfix", title);
    if (!a) return -1;
    a->fixes = fixes;
    a->preferred = 1;
    int before;
    size_t at = skeleton_section_insert_point(p, t, k, &before);
    char *block = section_block(p, req[k].name);
    char *text = block ? skeleton_block_text(t, at, block) : NULL;
    free(block);
    return insert_with_cursor(a, at, text);
}

/* All missing sections in one edit; those that go in at the same place keep
 * their order. */
static int add_all_missing(const plan_t *p, const text_t *t, action_list_t *out, const required_t *req, size_t nreq,
                           const int *missing) {
    int count = 0;
    for (size_t k = 0; k < nreq; k++) count += missing[k];
    if (count < 2) return 0;
    char title[80];
    snprintf(title, sizeof title, "Add all %d missing sections", count);
    action_t *a = action_list_add(out, "quickfix", title);
    if (!a) return -1;
    size_t points[PLAN_MAX_REQUIRED];
    for (size_t k = 0; k < nreq; k++) {
        int before;
        if (missing[k]) points[k] = skeleton_section_insert_point(p, t, (int)k, &before);
    }
    for (size_t k = 0; k < nreq; k++) {
        if (!missing[k]) continue;
        int seen = 0;
        for (size_t m = 0; m < k; m++) seen |= missing[m] && points[m] == points[k];
        if (seen) continue; /* already written with the first section going there */
        strbuf_t blocks = {0};
        for (size_t m = k; m < nreq; m++) {
            if (!missing[m] || points[m] != points[k]) continue;
            char *block = section_block(p, req[m].name);
            if (blocks.n) sb_add(&blocks, "\n");
            if (block) sb_add(&blocks, block);
            free(block);
        }
        char *joined = sb_take(&blocks);
        char *text = joined ? skeleton_block_text(t, points[k], joined) : NULL;
        free(joined);
        if (!text || edit_add(&a->edits, points[k], points[k], text) < 0) {
            free(text);
            return -1;
        }
        free(text);
    }
    return 0;
}

/* ---- finding what a diagnostic points at -------------------------------- */

static const plan_entry_t *entry_at(const plan_t *p, size_t off, size_t *sec) {
    *sec = plan_section_at(p, off);
    const plan_section_t *s = &p->sections[*sec];
    size_t rel = off - s->start;
    for (size_t k = 0; k < s->nentries; k++)
        if (s->entries[k].start <= rel && rel <= s->entries[k].line_end) return &s->entries[k];
    return NULL;
}

/* The stamp that starts at off (entry or footer), with its section's start. */
static const timestamp_t *stamp_at(const plan_t *p, size_t off, size_t *base) {
    size_t i;
    const plan_entry_t *e = entry_at(p, off, &i);
    const plan_section_t *s = &p->sections[i];
    *base = s->start;
    if (e && e->stamp.status != TS_NONE && s->start + e->stamp.start == off) return &e->stamp;
    if (s->has_last_updated && s->start + s->last_updated.start == off) return &s->last_updated;
    return NULL;
}

static int replace_action(action_list_t *out, const char *kind, const char *title, const diag_t *fixes, size_t start,
                          size_t end, const char *text, int preferred) {
    action_t *a = action_list_add(out, kind, title);
    if (!a) return -1;
    a->fixes = fixes;
    a->preferred = preferred;
    return edit_add(&a->edits, start, end, text);
}

static char *title_from_path(const char *path) {
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path;
    strbuf_t b = {0};
    if (!base || !*base) {
        sb_add(&b, "Plan title");
        return sb_take(&b);
    }
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0) n -= 3;
    for (size_t i = 0; i < n; i++) {
        char ch = base[i] == '-' || base[i] == '_' ? ' ' : base[i];
        if (i == 0) ch = (char)toupper((unsigned char)ch);
        sb_addn(&b, &ch, 1);
    }
    return sb_take(&b);
}

/* A "Date/Author:" or "Date:" line of entry e (after its first line),
 * as an offset of its line's start, or 0 when it has none. */
static size_t date_line_of(const text_t *t, size_t base, const plan_entry_t *e) {
    size_t first = text_line_of(t, base + e->start), last = text_line_of(t, base + e->end);
    for (size_t line = first + 1; line <= last; line++) {
        size_t ls = text_line_start(t, line), le = text_line_end(t, line);
        size_t k = ls;
        while (k < le && (t->data[k] == ' ' || t->data[k] == '\t' || t->data[k] == '-' || t->data[k] == '*')) k++;
        if (ascii_starts_ci(t->data + k, le - k, "date/author:") || ascii_starts_ci(t->data + k, le - k, "date:"))
            return ls;
    }
    return 0;
}

/* The rationale line written the way the section's other decisions write
 * theirs, in the cookbook's order: before the decision's Date/Author line,
 * else after its last line. */
static int add_rationale(const plan_t *p, const text_t *t, action_t *a, size_t sec, const plan_entry_t *e) {
    size_t base = p->sections[sec].start;
    char *lead = style_rationale_lead(p, t, sec);
    if (!lead) return -1;
    size_t date = date_line_of(t, base, e);
    strbuf_t b = {0};
    if (date)
        sb_printf(&b, "%s\n", lead);
    else
        sb_printf(&b, "\n%s", lead);
    free(lead);
    return insert_with_cursor(a, date ? date : base + e->end, sb_take(&b));
}

/* Quick fixes of the entry rules: on the entry the diagnostic is about. */
static int entry_fix(const plan_t *p, const text_t *t, const diag_t *d, int64_t now, action_list_t *out) {
    char title[160], stamp[40];
    size_t i;
    const plan_entry_t *e = entry_at(p, d->start, &i);
    if (!e) return 0;
    size_t base = p->sections[i].start;
    switch ((rule_t)d->rule) {
    case RULE_DECISION_MISSING_RATIONALE: {
        action_t *a = action_list_add(out, "quickfix", "Add a Rationale line");
        if (!a) return -1;
        a->fixes = d;
        a->preferred = 1;
        return add_rationale(p, t, a, i, e);
    }
    case RULE_TODO_NOT_CHECKBOX:
        return replace_action(out, "quickfix", "Make it a checkbox", d, base + e->text, base + e->text, "[ ] ", 1);
    case RULE_UNDATED_ENTRY: {
        skeleton_stamp(p, now, stamp);
        snprintf(title, sizeof title, "Insert the current time %s", stamp);
        /* After the checkbox and any status marker, where the plan's stamps go. */
        size_t at = base + e->text + ts_markers_end(t->data + base + e->text, e->line_end - e->text);
        strbuf_t b = {0};
        sb_printf(&b, "%s%s ", at > base + e->text && t->data[at - 1] != ' ' ? " " : "", stamp);
        char *text = sb_take(&b);
        int rc = text ? replace_action(out, "quickfix", title, d, at, at, text, 0) : -1;
        free(text);
        return rc;
    }
    case RULE_CHECKBOX_OUTSIDE_PROGRESS: {
        if (e->checkbox < 0) return 0;
        size_t end = base + e->box + 3;
        if (end < t->len && t->data[end] == ' ') end++;
        return replace_action(out, "quickfix", "Remove the checkbox", d, base + e->box, end, "", 0);
    }
    default: return 0;
    }
}

static int quick_fix(const plan_t *p, const text_t *t, const diag_t *d, int64_t now, const char *path,
                     action_list_t *out) {
    char title[160], stamp[40];
    switch ((rule_t)d->rule) {
    case RULE_UNKNOWN_SECTION: {
        const plan_section_t *s = &p->sections[plan_section_at(p, d->start)];
        if (s->match != SECTION_NEAR_MISS) return 0;
        snprintf(title, sizeof title, "Rename to '%s'", section_name(s->id));
        return replace_action(out, "quickfix", title, d, d->start, d->end, section_name(s->id), 1);
    }
    case RULE_BAD_TIMESTAMP:
    case RULE_TIMESTAMP_FORMAT: {
        size_t base;
        const timestamp_t *ts = stamp_at(p, d->start, &base);
        if (!ts) return 0;
        char fixed[40];
        ts_fixed(ts, plan_stamp_style(p->dialect), fixed); /* a valid stamp is certain: its rewrite */
        if (!fixed[0]) return 0;                           /* the intended time is not certain: no guess */
        snprintf(title, sizeof title, "Change to %s", fixed);
        return replace_action(out, "quickfix", title, d, d->start, d->end, fixed, 1);
    }
    case RULE_MISSING_PREAMBLE: {
        size_t at = p->title ? p->sections[p->title].start + p->sections[p->title].heading_len : p->fm_end;
        strbuf_t b = {0};
        sb_printf(&b, "%s\n", plan_preamble_text(p->dialect));
        char *block = sb_take(&b);
        char *text = block ? skeleton_block_text(t, at, block) : NULL;
        free(block);
        action_t *a = action_list_add(out, "quickfix", "Add the living-document line");
        if (!a || !text) {
            free(text);
            return -1;
        }
        a->fixes = d;
        a->preferred = 1;
        int rc = edit_add(&a->edits, at, at, text);
        free(text);
        return rc;
    }
    case RULE_MISSING_TITLE: {
        char *name = title_from_path(path);
        strbuf_t b = {0};
        sb_printf(&b, "# %s\n\n", name ? name : "Plan title");
        free(name);
        char *text = sb_take(&b);
        int rc = text ? replace_action(out, "quickfix", "Add a title", d, p->fm_end, p->fm_end, text, 1) : -1;
        free(text);
        return rc;
    }
    case RULE_STALE_LAST_UPDATED: {
        /* The footer keeps the style it is written in; a broken one takes the plan's. */
        size_t base;
        const timestamp_t *old = stamp_at(p, d->start, &base);
        if (old && old->status == TS_OK && old->style != TS_STYLE_OTHER)
            ts_format(now, old->style, stamp);
        else
            skeleton_stamp(p, now, stamp);
        if (d->start < p->fm_end) {
            ts_format(now, TS_STYLE_GUIDE, stamp);
            char date[11];
            memcpy(date, stamp + 1, 10);
            date[10] = '\0';
            return replace_action(out, "quickfix", "Set last_updated to today", d, d->start, d->end, date, 1);
        }
        snprintf(title, sizeof title, "Set Last Updated to now %s", stamp);
        return replace_action(out, "quickfix", title, d, d->start, d->end, stamp, 1);
    }
    case RULE_DECISION_MISSING_RATIONALE:
    case RULE_TODO_NOT_CHECKBOX:
    case RULE_UNDATED_ENTRY:
    case RULE_CHECKBOX_OUTSIDE_PROGRESS: return entry_fix(p, t, d, now, out);
    case RULE_MISSING_PATH: {
        /* The path as the plan names it, rewritten to the file it likely means. */
        char *named = malloc(d->end - d->start + 1);
        if (named) {
            memcpy(named, t->data + d->start, d->end - d->start);
            named[d->end - d->start] = '\0';
        }
        char *near = named ? rules_path_nearest(p, named) : NULL;
        free(named);
        if (!near) return 0;
        snprintf(title, sizeof title, "Change to %.140s", near);
        int rc = replace_action(out, "quickfix", title, d, d->start, d->end, near, 1);
        free(near);
        return rc;
    }
    default: return 0;
    }
}

/* ---- entries ------------------------------------------------------------- */

/* Appends a new entry to section id, adding the section when it is missing. */
static int append_entry(const plan_t *p, const text_t *t, action_t *a, section_id_t id, const char *entry) {
    size_t i = plan_find_section(p, id);
    if (i) {
        size_t at = plan_section_content_end(p, t, i);
        strbuf_t b = {0};
        sb_printf(&b, "\n%s", entry);
        return insert_with_cursor(a, at, sb_take(&b));
    }
    int before;
    const char *name;
    int k = skeleton_required_of(p, id, &name);
    size_t at = skeleton_section_insert_point(p, t, k, &before);
    char *heading = section_block(p, name);
    strbuf_t b = {0};
    if (heading) sb_printf(&b, "%s%s\n", heading, entry);
    char *block = heading ? sb_take(&b) : NULL;
    char *text = block ? skeleton_block_text(t, at, block) : NULL;
    free(block);
    if (!text) {
        free(heading);
        return -1;
    }
    /* The caret goes at the end of the entry's first line, under the new
     * heading (after the line breaks that open the block). */
    int rc = edit_add(&a->edits, at, at, text);
    const char *first = text + strspn(text, "\n") + strlen(heading);
    const char *end = strchr(first, '\n');
    a->has_cursor = 1;
    a->cursor = at + (size_t)((end ? end : first + strlen(first)) - text);
    free(heading);
    free(text);
    return rc;
}

static int entry_action(const plan_t *p, const text_t *t, action_t *a, section_id_t id, int64_t now) {
    char *entry = skeleton_entry(p, id, now, 0);
    if (!entry) return -1;
    int rc = append_entry(p, t, a, id, entry);
    free(entry);
    return rc;
}

static int revision_note(const plan_t *p, const text_t *t, action_t *a, int64_t now) {
    (void)p;
    char stamp[40];
    ts_format(now, TS_STYLE_GUIDE, stamp);
    strbuf_t b = {0};
    sb_printf(&b, "Revision note (%.10s): \n", stamp + 1);
    char *block = sb_take(&b);
    size_t at = t->len;
    char *text = block ? skeleton_block_text(t, at, block) : NULL;
    free(block);
    if (!text) return -1;
    size_t n = strlen(text);
    a->has_cursor = 1;
    a->cursor = at + n - 1; /* before the final line break */
    int rc = edit_add(&a->edits, at, at, text);
    free(text);
    return rc;
}

static const struct {
    const char *command, *title;
    section_id_t id;
} entry_actions[] = {
    {"planls.addProgressEntry", "Add Progress entry", SEC_PROGRESS},
    {"planls.addDecision", "Add Decision Log entry", SEC_DECISIONS},
    {"planls.addSurprise", "Add Surprise", SEC_SURPRISES},
    {"planls.addTodo", "Add To-do item", SEC_TODO},
};

static int command_action(const plan_t *p, const text_t *t, const char *name, int64_t now, action_t *out) {
    memset(out, 0, sizeof *out);
    out->kind = "refactor.rewrite";
    out->command = NULL;
    for (size_t k = 0; k < sizeof entry_actions / sizeof entry_actions[0]; k++) {
        if (strcmp(name, entry_actions[k].command) != 0) continue;
        out->title = strdup(entry_actions[k].title);
        out->command = entry_actions[k].command;
        return out->title ? entry_action(p, t, out, entry_actions[k].id, now) : -1;
    }
    if (strcmp(name, "planls.addRevisionNote") == 0) {
        out->title = strdup("Add revision note");
        out->command = "planls.addRevisionNote";
        return out->title ? revision_note(p, t, out, now) : -1;
    }
    return -1;
}

/* ---- checkboxes ------------------------------------------------------------ */

static int checkbox_actions(const plan_t *p, const text_t *t, size_t off, int64_t now, action_list_t *out) {
    size_t i;
    const plan_entry_t *e = entry_at(p, off, &i);
    if (!e || e->checkbox < 0) return 0;
    const plan_section_t *s = &p->sections[i];
    size_t box = s->start + e->box;
    if (e->checkbox == 1) {
        action_t *a = action_list_add(out, "refactor.rewrite", "Mark not done");
        return a ? edit_add(&a->edits, box + 1, box + 2, " ") : -1;
    }
    char stamp[40];
    skeleton_stamp(p, now, stamp);
    int progress_step = s->match != SECTION_NO_MATCH && s->id == SEC_PROGRESS;
    action_t *a = action_list_add(out, "refactor.rewrite", "Mark done");
    if (!a || edit_add(&a->edits, box + 1, box + 2, "x") < 0) return -1;
    if (progress_step && e->stamp.status == TS_NONE) {
        /* A finished Progress step records when it finished, after any
         * status marker. */
        size_t line_end = s->start + e->line_end;
        size_t at = box + ts_markers_end(t->data + box, line_end - box);
        strbuf_t b = {0};
        sb_printf(&b, "%s%s%s", t->data[at - 1] == ' ' ? "" : " ", stamp, at < line_end ? " " : "");
        char *text = sb_take(&b);
        int rc = text ? edit_add(&a->edits, at, at, text) : -1;
        free(text);
        return rc;
    }
    if (s->match == SECTION_NO_MATCH || s->id != SEC_TODO) return 0;
    /* The task's words name the progress entry; its status markers (a
     * pause sign, a BLOCKED note) are stale once it is done. */
    char *words = style_task_words(t->data + box, s->start + e->line_end - box);
    char *entry = NULL;
    if (words) {
        strbuf_t b = {0};
        sb_printf(&b, "- %s%s Done: %s", style_progress_checkbox(p) ? "[x] " : "", stamp, words);
        entry = sb_take(&b);
        free(words);
    }
    a = action_list_add(out, "refactor.rewrite", "Mark done and log progress");
    int rc =
        a && entry && edit_add(&a->edits, box + 1, box + 2, "x") == 0 ? append_entry(p, t, a, SEC_PROGRESS, entry) : -1;
    free(entry);
    return rc;
}

static int is_blank_text(const text_t *t) {
    for (size_t i = 0; i < t->len; i++)
        if (!isspace((unsigned char)t->data[i])) return 0;
    return 1;
}

/* Is d on one of the lines [first, last]? */
static int on_lines(const text_t *t, const diag_t *d, size_t first, size_t last) {
    return text_line_of(t, d->start) <= last && text_line_of(t, d->end) >= first;
}

/* "Ignore CODE on this line": a planls-disable-next-line comment above d's
 * line, once per code and line among the diagnostics already offered. */
static int ignore_action(const text_t *t, const diag_list_t *diags, size_t k, const unsigned char *offered,
                         action_list_t *out) {
    const diag_t *d = &diags->items[k];
    if (d->rule < 0 || d->rule == RULE_UNUSED_SUPPRESSION || d->rule == RULE_BAD_SETTINGS) return 0;
    size_t line = text_line_of(t, d->start);
    for (size_t j = 0; j < k; j++)
        if (offered[j] && diags->items[j].rule == d->rule && text_line_of(t, diags->items[j].start) == line) return 0;
    char title[120];
    snprintf(title, sizeof title, "Ignore %s on this line", d->code);
    size_t at = text_line_start(t, line);
    char *comment = suppress_comment_for(t, at, d->code);
    int rc = comment ? replace_action(out, "quickfix", title, d, at, at, comment, 0) : -1;
    free(comment);
    return rc;
}

static int collect_actions(const plan_t *p, const text_t *t, size_t start, size_t end, const diag_list_t *diags,
                           const unsigned char *named, int64_t now, const char *path, action_list_t *out) {
    if (is_blank_text(t)) {
        /* An empty plan file: start it from the repository's skeleton. */
        char *title = title_from_path(path);
        char *text = title ? skeleton_new_plan(p->config, title, NULL, now) : NULL;
        free(title);
        action_t *a = text ? action_list_add(out, "refactor.rewrite", "Create plan from skeleton") : NULL;
        int rc = a ? edit_add(&a->edits, 0, t->len, text) : -1;
        free(text);
        return rc;
    }
    required_t req[PLAN_MAX_REQUIRED];
    size_t nreq = plan_required(p, req);
    int missing[PLAN_MAX_REQUIRED] = {0};
    size_t first = text_line_of(t, start), last = text_line_of(t, end);
    unsigned char *offered = calloc(diags->n ? diags->n : 1, 1);
    if (!offered) return -1;
    int rc = 0;
    for (size_t k = 0; k < diags->n && rc == 0; k++) {
        const diag_t *d = &diags->items[k];
        if (!(named && named[k]) && !on_lines(t, d, first, last)) continue;
        offered[k] = 1;
        if (d->rule != RULE_MISSING_SECTION) {
            rc = quick_fix(p, t, d, now, path, out);
        } else if (d->required_index >= 0 && d->required_index < (int)nreq) {
            missing[d->required_index] = 1;
            rc = add_missing_section(p, t, out, req, d->required_index, d);
        }
    }
    /* The fixes first; silencing is the last resort. */
    for (size_t k = 0; k < diags->n && rc == 0; k++)
        if (offered[k]) rc = ignore_action(t, diags, k, offered, out);
    free(offered);
    if (rc < 0) return -1;
    if (add_all_missing(p, t, out, req, nreq, missing) < 0) return -1;
    if (checkbox_actions(p, t, start, now, out) < 0) return -1;
    for (size_t k = 0; k < sizeof entry_actions / sizeof entry_actions[0]; k++) {
        if (entry_actions[k].id == SEC_TODO && p->dialect == DIALECT_COOKBOOK) continue;
        action_t *a = action_list_add(out, "refactor.rewrite", entry_actions[k].title);
        if (!a) return -1;
        a->command = entry_actions[k].command;
        if (entry_action(p, t, a, entry_actions[k].id, now) < 0) return -1;
    }
    if (p->dialect == DIALECT_COOKBOOK) {
        action_t *a = action_list_add(out, "refactor.rewrite", "Add revision note");
        if (!a) return -1;
        a->command = "planls.addRevisionNote";
        if (revision_note(p, t, a, now) < 0) return -1;
    }
    return 0;
}

/* The actions write "\n"; a plan whose lines end with "\r\n" or "\r" gets
 * its own line ending, so that no edit leaves it with mixed ones. */
static int fit_line_endings(const text_t *t, action_t *a) {
    if (text_cr(t)) {
        edit_list_to_cr(&a->edits);
        return 0;
    }
    if (!text_crlf(t)) return 0;
    return edit_list_to_crlf(&a->edits, a->has_cursor ? &a->cursor : NULL);
}

/* ---- lifecycle ------------------------------------------------------------- */

/* The status value written as the old one was: lower case stays lower case. */
static const char *complete_word(const text_t *t, const plan_status_info_t *st) {
    char c = st->value_end > st->value_start ? t->data[st->value_start] : 'C';
    return c >= 'a' && c <= 'z' ? "complete" : "Complete";
}

/* Where a new Status line goes: after the paragraph holding the
 * living-document line, else under the title, else at the top. */
static size_t status_line_point(const plan_t *p, const text_t *t) {
    if (!p->title) return p->fm_end;
    const plan_section_t *s = &p->sections[p->title];
    size_t at = s->start + s->heading_len;
    if (s->preamble == PREAMBLE_NONE) return at;
    size_t end = plan_section_content_end(p, t, p->title);
    for (size_t line = text_line_of(t, s->start + s->preamble_end); line < t->nlines; line++) {
        size_t next = text_line_next(t, line);
        if (next >= end || text_line_is_blank(t, line + 1)) return next > end ? end : next;
    }
    return end;
}

static int set_status(const plan_t *p, const text_t *t, const plan_status_info_t *st, int moving, action_t *a) {
    if (st->source == STATUS_FROM_FRONT_MATTER || st->source == STATUS_FROM_LINE || st->source == STATUS_FROM_TABLE)
        return edit_add(&a->edits, st->value_start, st->value_end, complete_word(t, st));
    if (moving) return 0; /* the completed folder says it */
    if (p->fm_end) {
        /* Before the closing "---" of the front matter. */
        size_t close = text_line_start(t, text_line_of(t, p->fm_end - 1));
        if (close == p->fm_end) close = text_line_start(t, text_line_of(t, p->fm_end) - 1);
        return edit_add(&a->edits, close, close, "status: complete\n");
    }
    size_t at = status_line_point(p, t);
    char *text = skeleton_block_text(t, at, "Status: Complete\n"); /* a block of its own */
    int rc = text ? edit_add(&a->edits, at, at, text) : -1;
    free(text);
    return rc;
}

int actions_mark_complete(const plan_t *p, const text_t *t, size_t off, int moving, action_list_t *out) {
    if (is_blank_text(t)) return -1; /* an empty file starts from the skeleton */
    /* In the title or the preamble: before the first section after the title. */
    size_t zone_end = p->title + 1 < p->nsections ? p->sections[p->title + 1].start : t->len;
    if (off >= zone_end && !(off == t->len && zone_end == t->len)) return -1;
    plan_status_info_t st;
    plan_status_detect(p, t, &st);
    if (st.status == PLAN_COMPLETE) return -1;
    size_t index = out->n;
    action_t *a = action_list_add(out, "refactor.rewrite", "Mark plan complete");
    if (!a || set_status(p, t, &st, moving, a) < 0) return -2;
    if (!plan_find_section(p, SEC_OUTCOMES)) {
        /* The section with a placeholder: outcomes-missing asks for the words. */
        int rc = append_entry(p, t, a, SEC_OUTCOMES, "\nNone yet.");
        if (rc < 0) return -2;
        a->has_cursor = 0; /* the status is what changed; the caret stays */
    }
    return fit_line_endings(t, a) < 0 ? -2 : (int)index;
}

int action_for_command(const plan_t *p, const text_t *t, const char *name, int64_t now, action_t *out) {
    int rc = command_action(p, t, name, now, out);
    return rc < 0 ? rc : fit_line_endings(t, out);
}

int action_append_entry(const plan_t *p, const text_t *t, section_id_t id, const char *entry, action_t *out) {
    memset(out, 0, sizeof *out);
    out->kind = "refactor.rewrite";
    out->title = strdup("Add entry");
    if (!out->title || append_entry(p, t, out, id, entry) < 0) return -1;
    return fit_line_endings(t, out);
}

int action_mark_done(const plan_t *p, const text_t *t, size_t off, int64_t now, action_t *out) {
    memset(out, 0, sizeof *out);
    size_t i;
    const plan_entry_t *e = entry_at(p, off, &i);
    if (!e || e->checkbox != 0) return 1;
    action_list_t l = {0};
    if (checkbox_actions(p, t, off, now, &l) < 0 || l.n == 0) {
        action_list_free(&l);
        return -1;
    }
    /* The last one is the richest: "Mark done and log progress" in To-do. */
    *out = l.items[--l.n];
    action_list_free(&l);
    return fit_line_endings(t, out);
}

int actions_quick_fixes(const plan_t *p, const text_t *t, const diag_list_t *diags, int64_t now, const char *path,
                        action_list_t *out) {
    required_t req[PLAN_MAX_REQUIRED];
    size_t nreq = plan_required(p, req);
    for (size_t k = 0; k < diags->n; k++) {
        const diag_t *d = &diags->items[k];
        size_t before = out->n;
        int rc = 0;
        if (d->rule != RULE_MISSING_SECTION)
            rc = quick_fix(p, t, d, now, path, out);
        else if (d->required_index >= 0 && d->required_index < (int)nreq)
            rc = add_missing_section(p, t, out, req, d->required_index, d);
        if (rc < 0) return -1;
        for (size_t i = before; i < out->n; i++)
            if (fit_line_endings(t, &out->items[i]) < 0) return -1;
    }
    return 0;
}

int actions_at(const plan_t *p, const text_t *t, size_t start, size_t end, const diag_list_t *diags,
               const unsigned char *named, int64_t now, const char *path, action_list_t *out) {
    if (collect_actions(p, t, start, end, diags, named, now, path, out) < 0) return -1;
    for (size_t i = 0; i < out->n; i++)
        if (fit_line_endings(t, &out->items[i]) < 0) return -1;
    return 0;
}
