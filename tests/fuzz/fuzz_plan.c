/* fuzz_plan.c: the analysis over arbitrary text: plan_parse, rules_run,
 * outline_build, outline_folds, hover_at, complete_at and actions_at at a
 * few offsets, the entry commands, and position conversion. Checks the
 * documented invariants of each result (ranges inside the text, sorted and
 * non-overlapping edits, completion ranges holding the cursor...) and
 * abort()s when one does not hold.
 *
 * Input: byte 0 holds flags (bit 0: snippets; bits 1-2: the settings, see
 * fuzz_config.h; bits 3-7: the position encoding), the rest is the document. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "complete.h"
#include "edit.h"
#include "fuzz_config.h"
#include "hover.h"
#include "outline.h"
#include "plan.h"
#include "plans.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                                       \
    do {                                                                                                               \
        if (!(c)) {                                                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c);                                  \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

static void check_diags(const diag_list_t *l, size_t len) {
    for (size_t i = 0; i < l->n; i++) {
        const diag_t *d = &l->items[i];
        CHECK(d->start <= d->end && d->end <= len);
        CHECK(d->code && d->message);
        CHECK(d->severity >= SEV_ERROR && d->severity <= SEV_HINT);
        if (i) CHECK(l->items[i - 1].start <= d->start);
    }
}

static void check_edits(const edit_list_t *l, size_t len) {
    for (size_t i = 0; i < l->n; i++) {
        CHECK(l->items[i].start <= l->items[i].end && l->items[i].end <= len);
        CHECK(l->items[i].text);
        if (i) CHECK(l->items[i - 1].end <= l->items[i].start);
    }
}

/* Length of the text after the edits. */
static size_t edited_len(const text_t *t, const edit_list_t *l) {
    size_t n = t->len;
    for (size_t i = 0; i < l->n; i++) n = n - (l->items[i].end - l->items[i].start) + strlen(l->items[i].text);
    return n;
}

static void check_action(const action_t *a, const text_t *t, const diag_list_t *diags) {
    CHECK(a->title && a->kind);
    check_edits(&a->edits, t->len);
    if (a->fixes && diags) CHECK(a->fixes >= diags->items && a->fixes < diags->items + diags->n);
    if (a->has_cursor) CHECK(a->cursor <= edited_len(t, &a->edits));
}

/* Children lie inside their parent; names and ranges inside the text. */
typedef struct {
    const text_t *t;
    outline_node_t stack[8];
    int depth;
} outline_check_t;

static void check_node(outline_check_t *c, const outline_node_t *o, int event) {
    if (event == OUTLINE_LEAVE) {
        CHECK(c->depth > 0);
        c->depth--;
        return;
    }
    size_t lo = c->depth ? c->stack[c->depth - 1].start : 0, hi = c->depth ? c->stack[c->depth - 1].end : c->t->len;
    CHECK(o->name && o->name_len);
    CHECK(lo <= o->start && o->start <= o->end && o->end <= hi);
    CHECK(o->start <= o->sel_start && o->sel_start <= o->sel_end && o->sel_end <= o->end);
    CHECK(c->depth < 8);
    if (c->depth < 8) c->stack[c->depth++] = *o;
}

/* Rounds off down to a character start the way the server does (a position
 * there and back), and checks the conversion is stable. */
static size_t char_start(const text_t *t, size_t off, pos_encoding_t enc) {
    long line, ch;
    text_position_of(t, off, enc, &line, &ch);
    CHECK(line >= 0 && (size_t)line < t->nlines && ch >= 0);
    size_t back = text_offset_at(t, line, ch, enc);
    CHECK(back <= t->len);
    CHECK(text_line_of(t, back) == (size_t)line);
    if (off <= text_line_end(t, (size_t)line)) CHECK(back <= off);
    long line2, ch2;
    text_position_of(t, back, enc, &line2, &ch2);
    CHECK(line2 == line && ch2 == ch);
    return back;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int snippets = data[0] & 1;
    text_t t;
    if (text_init(&t, (const char *)data + 1, size - 1) < 0) return 0;
    CHECK(t.nlines >= 1 && t.lines[0] == 0 && t.data[t.len] == '\0');
    plan_t p;
    plan_init(&p);
    config_t cfg;
    p.config = fuzz_config(&cfg, (unsigned)data[0] >> 1);
    CHECK(plan_parse(&p, &t) == 0);
    CHECK(p.nsections >= 1);
    for (size_t i = 0; i < p.nsections; i++) {
        CHECK(p.sections[i].start <= t.len);
        CHECK(plan_section_end(&p, i, &t) <= t.len);
        if (i) CHECK(p.sections[i - 1].start <= p.sections[i].start);
    }
    (void)plan_kind(&p, &t);

    diag_list_t diags;
    diag_list_init(&diags);
    CHECK(rules_run(&p, &t, SAMPLE_NOW, &diags) == 0);
    check_diags(&diags, t.len);
    /* A second call answers from the section cache: the same list. */
    diag_list_t again;
    diag_list_init(&again);
    CHECK(rules_run(&p, &t, SAMPLE_NOW, &again) == 0);
    CHECK(again.n == diags.n);
    for (size_t i = 0; i < diags.n; i++)
        CHECK(again.items[i].start == diags.items[i].start && again.items[i].end == diags.items[i].end &&
              strcmp(again.items[i].message, diags.items[i].message) == 0);
    diag_list_free(&again);

    outline_check_t oc = {&t, {{0}}, 0};
    outline_iter_t it;
    outline_node_t node;
    int event;
    outline_iter_init(&it);
    while (outline_next(&it, &p, &t, &node, &event)) check_node(&oc, &node, event);
    CHECK(oc.depth == 0);
    fold_t *folds = NULL;
    size_t nfolds = 0;
    if (outline_folds(&p, &t, &folds, &nfolds) == 0) {
        for (size_t i = 0; i < nfolds; i++)
            CHECK(folds[i].start_line <= folds[i].end_line && folds[i].end_line < t.nlines);
        free(folds);
    }

    /* Offsets: the ends, the middle, and just after the first few characters
     * that trigger completion, each rounded to a character start. */
    size_t offs[12], noffs = 0;
    offs[noffs++] = 0;
    offs[noffs++] = t.len;
    offs[noffs++] = t.len / 2;
    for (size_t i = 0; i < t.len && noffs < 12; i++) {
        char c = t.data[i];
        if (c == '#' || c == '[' || c == '(' || c == '-' || c == ' ' || c == '\n') {
            offs[noffs++] = i + 1;
            i += (size_t)(i * 7 % 13); /* spread over the text */
        }
    }
    pos_encoding_t enc = (pos_encoding_t)(data[0] >> 3) % 3;
    for (size_t k = 0; k < noffs; k++) {
        size_t off = char_start(&t, offs[k], enc);
        completion_list_t cl = {0};
        if (complete_at(&p, &t, off, SAMPLE_NOW, snippets, &cl) == 0) {
            for (size_t i = 0; i < cl.n; i++) {
                const completion_t *c = &cl.items[i];
                CHECK(c->label && c->sort && c->text);
                CHECK(c->start <= off && off <= c->end && c->end <= t.len);
            }
        }
        completion_list_free(&cl);

        size_t end = k + 1 < noffs ? char_start(&t, offs[k + 1], enc) : off;
        size_t a = off < end ? off : end, b = off < end ? end : off;
        action_list_t al = {0};
        if (actions_at(&p, &t, a, b, &diags, NULL, SAMPLE_NOW, k & 1 ? "/x/execplans/add-oauth-login.md" : NULL, &al) ==
            0) {
            for (size_t i = 0; i < al.n; i++) check_action(&al.items[i], &t, &diags);
        }
        action_list_free(&al);

        size_t hs = 0, he = 0;
        char *hover = hover_at(&p, off, SAMPLE_NOW, &hs, &he);
        if (hover) CHECK(hs <= he && he <= t.len);
        free(hover);
    }
    for (const char *const *name = action_commands; *name; name++) {
        action_t a;
        memset(&a, 0, sizeof a);
        if (action_for_command(&p, &t, *name, SAMPLE_NOW, &a) == 0) check_action(&a, &t, NULL);
        free(a.title);
        edit_list_free(&a.edits);
    }
    diag_list_free(&diags);
    plan_free(&p);
    config_free(&cfg);
    text_free(&t);
    return 0;
}
