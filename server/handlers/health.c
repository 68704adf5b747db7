/* health.c: a plan's health in the editor: a code lens on the title with its
 * summary ("7/12 done · last entry 3 d ago · 1 blocked"), inlay hints after
 * entry stamps ("3 d ago"), the same summary for the title's hover, and the
 * planls.status report of every plan (plan_report.c's rows, as `planls
 * status --format json` prints them). */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "lsp.h"
#include "plan_report.h"
#include "plan_status.h"
#include "rules.h"

int health_title_line(ctx_t *c, doc_t *d, size_t off, char *out) {
    if (!doc_is_plan(d)) return -1;
    plan_summary_t s;
    plan_summary(&d->plan, &d->text, &s);
    if (!s.title || text_line_of(&d->text, off) != text_line_of(&d->text, s.title_start)) return -1;
    plan_summary_line(&s, ctx_now(c), out);
    return 0;
}

/* The warnings and errors of an open plan. -1 on OOM. */
static int doc_problems(ctx_t *c, doc_t *d) {
    diag_list_t l;
    diag_list_init(&l);
    int n = rules_run(&d->plan, &d->text, ctx_now(c), &l) < 0 ? -1 : 0;
    for (size_t i = 0; n >= 0 && i < l.n; i++) n += l.items[i].severity <= SEV_WARNING;
    diag_list_free(&l);
    return n;
}

static json_t *doc_row(ctx_t *c, doc_t *d) {
    plan_summary_t s;
    plan_summary(&d->plan, &d->text, &s);
    int problems = doc_problems(c, d);
    return problems < 0
               ? NULL
               : plan_report_row(&s, s.title, s.title_len, "uri", d->uri, problems, d->plan.config, ctx_now(c));
}

static json_t *scanned_row(ctx_t *c, const scanned_t *e) {
    const char *title = e->has_title ? e->headings[0].name : NULL;
    const char *root;
    const config_t *cfg = workspace_config_for(c->workspace, e->path, &root);
    return plan_report_row(&e->summary, title, title ? strlen(title) : 0, "uri", e->uri, e->problems, cfg, ctx_now(c));
}

json_t *health_status_report(ctx_t *c, const char *uri) {
    json_t *rows = json_array();
    if (!rows) return NULL;
    int ok = 1;
    for (size_t i = 0; ok && i < c->docs->n; i++) {
        doc_t *d = c->docs->docs[i];
        if ((uri && strcmp(d->uri, uri) != 0) || !doc_is_plan(d)) continue;
        ok = json_array_append_new(rows, doc_row(c, d)) == 0;
    }
    const workspace_t *w = c->workspace;
    for (size_t i = 0; ok && i < w->nplans; i++) {
        const scanned_t *e = &w->plans[i];
        if ((uri && strcmp(e->uri, uri) != 0) || store_find(c->docs, e->uri)) continue;
        ok = json_array_append_new(rows, scanned_row(c, e)) == 0;
    }
    if (!ok) {
        json_decref(rows);
        return NULL;
    }
    return plan_report_new(rows);
}

/* A title-only lens: its command names nothing to run, so that every
 * client shows the text and none needs code of its own to click it. */
static int handle_code_lens(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    json_t *lenses = json_array();
    if (!lenses) return PL_ENOMEM;
    plan_summary_t s;
    if (doc_is_plan(d) && (plan_summary(&d->plan, &d->text, &s), s.title)) {
        char line[160];
        plan_summary_line(&s, ctx_now(c), line);
        json_array_append_new(lenses, json_pack("{s:o,s:{s:s,s:s}}", "range",
                                                lsp_range_json(&d->text, c->enc, s.title_start, s.title_end), "command",
                                                "title", line, "command", ""));
    }
    return reply_json(out, lenses);
}

static int in_entry_section(const plan_section_t *s) {
    return s->level > 0 && s->match != SECTION_NO_MATCH &&
           (s->id == SEC_PROGRESS || s->id == SEC_SURPRISES || s->id == SEC_DECISIONS);
}

/* After each entry stamp in the range: how long ago it was. */
static int handle_inlay_hint(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0) return rc;
    char err[LSP_ERR_MAX];
    size_t from, to;
    if (lsp_range_offsets(json_object_get(m->params, "range"), "params.range", &d->text, c->enc, &from, &to, err) < 0)
        return reply_fail(out, PL_EINVAL, "%s", err);
    json_t *hints = json_array();
    if (!hints) return PL_ENOMEM;
    const config_t *cfg = d->plan.config;
    if (!doc_is_plan(d) || (cfg && !cfg->entry_age_hints)) return reply_json(out, hints);
    int64_t now = ctx_now(c);
    const plan_t *p = &d->plan;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (i == p->title || !in_entry_section(s)) continue;
        if (s->start > to || plan_section_end(p, i, &d->text) < from) continue;
        for (size_t k = 0; k < s->nentries; k++) {
            const timestamp_t *ts = &s->entries[k].stamp;
            size_t at = s->start + ts->end;
            if (!ts->valid_time || at < from || at > to) continue;
            char age[32];
            json_t *h = json_pack("{s:o,s:s,s:b}", "position", lsp_position_json(&d->text, c->enc, at), "label",
                                  plan_age_text(ts->minutes, now, age), "paddingLeft", 1);
            if (!h || json_array_append_new(hints, h) < 0) {
                json_decref(hints);
                return PL_ENOMEM;
            }
        }
    }
    return reply_json(out, hints);
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    if (json_object_set_new(caps, "codeLensProvider", json_pack("{s:b}", "resolveProvider", 0)) < 0 ||
        json_object_set_new(caps, "inlayHintProvider", json_true()) < 0)
        return PL_ENOMEM;
    return 0;
}

static const route_t routes[] = {
    {"textDocument/codeLens", handle_code_lens, ROUTE_REQUEST},
    {"textDocument/inlayHint", handle_inlay_hint, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t health_area = {routes, capabilities};
