/* test_plan.c: the plan model: what it reads from a document, and that the
 * incremental update always equals a full parse. */
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "plans.h"
#include "rnd.h"
#include "unit.h"

static plan_t parse(const char *s, text_t *t) {
    plan_t p;
    plan_init(&p);
    text_init(t, s, strlen(s));
    plan_parse(&p, t);
    return p;
}

static int name_is(const text_t *t, const plan_section_t *s, const char *name) {
    return s->name_len == strlen(name) && memcmp(t->data + s->start + s->name_start, name, s->name_len) == 0;
}

static void test_model(void) {
    text_t t;
    plan_t p = parse(sample_model_plan, &t);
    CHECK(p.fm_end > 0);
    CHECK_INT(p.fm_has_last_updated, 1);
    CHECK_INT(p.nsections, 8); /* lead, title, purpose, to-do, progress, surprises, decisions, outcomes */
    CHECK_INT(p.title, 1);
    CHECK(name_is(&t, &p.sections[1], "Add OAuth login"));
    CHECK_INT(p.sections[1].preamble, PREAMBLE_GUIDE);
    CHECK_INT(p.dialect, DIALECT_GUIDE);

    const plan_section_t *todo = &p.sections[3];
    CHECK_INT(todo->id, SEC_TODO);
    CHECK_INT(todo->nentries, 3);
    CHECK_INT(todo->entries[0].checkbox, 0);
    CHECK_INT(todo->entries[1].checkbox, 1);
    CHECK_INT(todo->entries[2].checkbox, -1);

    const plan_section_t *prog = &p.sections[4];
    CHECK_INT(prog->setext, 1);
    CHECK(name_is(&t, prog, "Progress ##")); /* setext headings keep their #s */
    CHECK_INT(prog->match, SECTION_EXACT);
    CHECK_INT(prog->nentries, 3);
    CHECK_INT(prog->entries[0].stamp.status, TS_OK);
    CHECK_INT(prog->entries[2].stamp.status, TS_NONE);
    CHECK_INT(prog->max_stamp, ts_minutes_from_civil(2025, 1, 20, 14, 0));

    const plan_section_t *sur = &p.sections[5];
    CHECK(name_is(&t, sur, "Surprises & discoveries")); /* closing hashes dropped */
    CHECK_INT(sur->match, SECTION_EXACT);
    CHECK_INT(sur->entries[0].flags & ENTRY_SUBITEMS, ENTRY_SUBITEMS);

    const plan_section_t *dec = &p.sections[6];
    CHECK_INT(dec->id, SEC_DECISIONS);
    CHECK_INT(dec->nentries, 2); /* the fenced heading is not a section */
    CHECK_INT(dec->entries[0].flags & ENTRY_RATIONALE, ENTRY_RATIONALE);
    CHECK_INT(dec->entries[1].flags & ENTRY_RATIONALE, 0);

    const plan_section_t *out = &p.sections[7];
    CHECK_INT(out->has_last_updated, 1);
    CHECK_INT(out->last_updated.status, TS_OK);
    CHECK_INT(out->content_blocks, 0);
    plan_free(&p);
    text_free(&t);
}

static void test_not_a_plan(void) {
    text_t t;
    plan_t p = parse("# README\n\nSome text.\n\n## Install\n\n```\n## Progress\n## To-do\n## Decision Log\n```\n", &t);
    CHECK_INT(plan_kind(&p, &t), PLAN_KIND_NONE);
    plan_free(&p);
    text_free(&t);
    p = parse("# T\n\nThis ExecPlan is a living document. The sections must be kept up to date.\n", &t);
    CHECK_INT(plan_kind(&p, &t), PLAN_KIND_EXECPLAN);
    CHECK_INT(p.sections[1].preamble, PREAMBLE_COOKBOOK);
    plan_free(&p);
    text_free(&t);
}

/* Which documents are plans by their content alone. */
static void test_plan_kind(void) {
    static const struct {
        const char *text;
        plan_kind_t kind;
    } cases[] = {
        /* "ExecPlan" in the title and one of the plan's sections: a plan barely started. */
        {"# ExecPlan: cache the index\n\n## Progress\n\n- [ ] (2026-01-02 10:00Z) Start.\n", PLAN_KIND_EXECPLAN},
        /* ... or in its first lines. */
        {"# Cache the index\n\nThis ExecPlan tracks the cache work.\n\n## Progress\n\n- none\n", PLAN_KIND_EXECPLAN},
        /* Three headings that stand for sections, one of them misspelt. */
        {"# Cache\n\n## Purpose / Big Picture\n\nx\n\n## Progres\n\nx\n\n## Decision Log\n\nx\n", PLAN_KIND_EXECPLAN},
        {"# Cache the index (ExecPlan)\n\n## Decision Log\n\n- Decision: keep it.\n", PLAN_KIND_EXECPLAN},
        /* A title about ExecPlans, with a heading matched by a key word only. */
        {"# Split ExecPlan episodes out of the log\n\n## Key discoveries\n\nx\n", PLAN_KIND_NONE},
        /* A proposal with a decision log, a spec with purpose and context. */
        {"# Rate limits\n\n## Context\n\nx\n\n## Options\n\nx\n\n## Decision log\n\nx\n", PLAN_KIND_NONE},
        {"# Rate limits\n\n## Purpose\n\nx\n\n## Context\n\nx\n\n## Acceptance criteria\n\nx\n", PLAN_KIND_NONE},
        /* A barely started plan: Progress and a Decision Log. */
        {"# Rate limits\n\n## Progress\n\nx\n\n## Decision Log\n\nx\n", PLAN_KIND_EXECPLAN},
        /* A README that mentions ExecPlans in its text is not one. */
        {"# Tooling\n\nWe keep ExecPlans under docs/plans.\n\n## Progress\n\nSee the board.\n", PLAN_KIND_NONE},
        /* A MasterPlan that lists ExecPlans is another kind of plan. */
        {"# Search MasterPlan\n\n## Purpose\n\nOne place for the search work.\n\n## ExecPlans\n\n"
         "- [index](index.md)\n- [ranking](ranking.md)\n",
         PLAN_KIND_OTHER},
        /* A master plan written as an ExecPlan is an ExecPlan. */
        {"# Search master plan\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\nx\n\n## Surprises & Discoveries\n\n"
         "x\n\n## Decision Log\n\nx\n",
         PLAN_KIND_EXECPLAN},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        text_t t;
        plan_t p = parse(cases[k].text, &t);
        CHECK_INT(plan_kind(&p, &t), cases[k].kind);
        plan_free(&p);
        text_free(&t);
    }
}

/* Content and path together: plan_is_plan(p, t, by_path, template_name). */
static void test_plan_is_plan(void) {
    static const char skeleton[] = "# <Title>\n\nKeep Progress, Surprises & Discoveries, Decision Log, and Outcomes & "
                                   "Retrospective current as work proceeds.\n\n## Progress\n\n"
                                   "- [YYYY-MM-DD HH:MM UTC] What was done.\n";
    static const char dated[] = "# Cache\n\nKeep Progress, Surprises & Discoveries, Decision Log, and Outcomes & "
                                "Retrospective current as work proceeds.\n\n## Progress\n\n"
                                "- [2026-03-01 10:00 UTC] Started.\n";
    static const char empty[] = "# New plan\n";
    static const char master[] = "# Search MasterPlan\n\n## ExecPlans\n\n- [index](index.md)\n";
    text_t t;
    plan_t p = parse(skeleton, &t);
    CHECK_INT(plan_is_plan(&p, &t, 0, 0), 1);
    CHECK_INT(plan_is_plan(&p, &t, 0, 1), 0); /* a template's placeholders */
    plan_free(&p);
    text_free(&t);
    p = parse(dated, &t);
    CHECK_INT(plan_is_plan(&p, &t, 0, 1), 1); /* a "template" with real entries is a plan */
    plan_free(&p);
    text_free(&t);
    p = parse(empty, &t);
    CHECK_INT(plan_is_plan(&p, &t, 1, 0), 1); /* a new file in a plan folder */
    CHECK_INT(plan_is_plan(&p, &t, 0, 0), 0);
    plan_free(&p);
    text_free(&t);
    p = parse(master, &t);
    CHECK_INT(plan_is_plan(&p, &t, 1, 0), 0); /* a MasterPlan, even in a plan folder */
    plan_free(&p);
    text_free(&t);
}

static void test_cookbook_dialect(void) {
    text_t t;
    plan_t p = parse("# T\n\nThis ExecPlan is a living document.\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) Done.\n"
                     "- [ ] Next.\n",
                     &t);
    CHECK_INT(p.dialect, DIALECT_COOKBOOK);
    CHECK_INT(p.sections[2].entries[0].checkbox, 1);
    CHECK_INT(p.sections[2].entries[0].stamp.style, TS_STYLE_COOKBOOK);
    plan_free(&p);
    text_free(&t);
}

/* ---- incremental == full ------------------------------------------------ */

/* A full parse of t in slices of slice bytes (1: cut at every boundary). */
static int same_as_sliced(const plan_t *p, const text_t *t, size_t slice) {
    plan_t q;
    plan_init(&q);
    q.slice_bytes = slice;
    plan_parse(&q, t);
    int same = plan_same(p, &q);
    plan_free(&q);
    return same;
}

static rnd_t rng = {0x9E3779B97F4A7C15ull};

static size_t char_start(const text_t *t, size_t off) {
    while (off > 0 && off < t->len && ((unsigned char)t->data[off] & 0xC0) == 0x80) off--;
    return off;
}

static void random_edits(unsigned seed, int edits, int update_every) {
    rng.state = 0x9E3779B97F4A7C15ull ^ seed;
    text_t t;
    plan_t p = parse(sample_model_plan, &t);
    int mismatches = 0;
    for (int k = 0; k < edits; k++) {
        size_t a = char_start(&t, rnd_below(&rng, (unsigned)t.len + 1));
        size_t b = rnd_below(&rng, 4) ? a : char_start(&t, a + rnd_below(&rng, 40));
        if (b > t.len) b = t.len;
        const char *s = rnd_below(&rng, 5) ? sample_pieces[rnd_below(&rng, SAMPLE_NPIECES)] : "";
        plan_edit(&p, &t, a, b, s, strlen(s));
        if (k % update_every == 0 || k == edits - 1) {
            plan_update(&p, &t);
            text_t t2;
            text_init(&t2, t.data, t.len);
            plan_t fresh;
            plan_init(&fresh);
            plan_parse(&fresh, &t2);
            if (!plan_same(&p, &fresh) || !same_as_sliced(&fresh, &t2, 1) || !same_as_sliced(&fresh, &t2, 97)) {
                if (mismatches++ < 3)
                    fprintf(stderr, "seed %u edit %d: incremental model differs from a full parse\n", seed, k);
            }
            plan_free(&fresh);
            text_free(&t2);
        }
    }
    CHECK_INT(mismatches, 0);
    CHECK(p.stats.partial_parses > 0);
    plan_free(&p);
    text_free(&t);
}

/* Types a character at off and deletes it again, n times over, updating the
 * model after each keystroke. */
static void type_and_delete(plan_t *p, text_t *t, size_t off, int n) {
    for (int k = 0; k < n; k++) {
        size_t end = k % 2 ? off + 1 : off;
        const char *s = k % 2 ? "" : "y";
        plan_edit(p, t, off, end, s, strlen(s));
        plan_update(p, t);
    }
}

/* Typing inside a section body never parses the whole document again. */
static void test_typing_stays_local(void) {
    text_t t;
    plan_t p = parse(sample_model_plan, &t);
    const char *anchor = strstr(t.data, "Chose Auth.js");
    size_t at = (size_t)(anchor - t.data);
    type_and_delete(&p, &t, at, 1000);
    CHECK_INT(p.stats.full_parses, 1);
    CHECK_INT(p.stats.partial_parses, 1000);
    /* Each keystroke parsed its section (and the next heading line), not the document. */
    size_t i = plan_section_at(&p, at);
    size_t section = plan_section_end(&p, i, &t) - p.sections[i].start + 40;
    CHECK(section * 3 < t.len);
    CHECK(p.stats.bytes_parsed <= 1000ull * section);
    plan_free(&p);
    text_free(&t);
}

/* A plan whose sections are long lists, as real plans grow. */
static char *long_plan(int entries) {
    size_t cap = (size_t)entries * 400 + 4096, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n, "# Long plan\n\nKeep Progress current.\n\n## Progress\n\n");
    for (int k = 0; k < entries; k++)
        n += (size_t)snprintf(s + n, cap - n, "- [2025-01-%02d %02d:%02d UTC] step %d \xF0\x9F\x98\x80\n%s", 1 + k % 28,
                              k % 24, k % 60, k, k % 3 ? "" : "  - detail\n");
    n += (size_t)snprintf(s + n, cap - n, "\n## Decision Log\n\n");
    for (int k = 0; k < entries; k++)
        n += (size_t)snprintf(s + n, cap - n, "%d. [2025-02-01 10:00 UTC] chose %d\n   - Rationale: r\n\n", k + 1, k);
    n += (size_t)snprintf(s + n, cap - n, "Trailing paragraph.\n\n## To-do\n\n");
    for (int k = 0; k < entries; k++) n += (size_t)snprintf(s + n, cap - n, "- [%c] task %d\n", k % 2 ? 'x' : ' ', k);
    return s;
}

/* A long section of prose: multi-line paragraphs, fenced code with blank
 * lines, indented code, quotes, comments, rules, a level-3 heading and a
 * small list; then a section that ends the plan with a footer. */
static char *prose_plan(int blocks) {
    size_t cap = (size_t)blocks * 200 + 4096, n = 0;
    char *s = malloc(cap);
    n += (size_t)snprintf(s + n, cap - n,
                          "# Prose plan\n\n## Progress\n\n- [2025-01-01 10:00 UTC] start\n\n"
                          "## Context and Orientation\n\n");
    static const char *const kinds[] = {
        "Paragraph %d explains a part of the system,\nwrapped onto a second line \xE4\xB8\xAD.\n\n",
        "```sh\nrun %d\n\nmore\n```\n\n",
        "    indented code %d\n\n    still code\n\n",
        "> quoted %d\nlazy line\n\n",
        "<!-- note %d -->\n\n",
        "---\n\n",
        "### Detail %d\n\n",
        "- item %d\n- another\n\n",
        "Short %d.\n",
    };
    for (int k = 0; k < blocks; k++) n += (size_t)snprintf(s + n, cap - n, kinds[k % 9], k);
    n += (size_t)snprintf(s + n, cap - n,
                          "\n## Artifacts and Notes\n\nNotes.\n\n**Last Updated**: [2025-01-02 10:00 UTC]\n");
    return s;
}

/* Random edits aimed at lines of src: every update_every edits the
 * incremental model must equal a full parse (and sliced full parses). */
static void random_line_edits(const char *src, unsigned long long seed, int edits, int update_every,
                              const char *label) {
    text_t t;
    plan_t p = parse(src, &t);
    rng.state = seed;
    int mismatches = 0;
    for (int k = 0; k < edits; k++) {
        /* Aim at the start, middle or end of some line. */
        size_t line = rnd_below(&rng, (unsigned)t.nlines);
        size_t a = text_line_start(&t, line) + (rnd_below(&rng, 3) == 0 ? 0 : rnd_below(&rng, 8));
        if (a > text_line_end(&t, line)) a = text_line_end(&t, line);
        a = char_start(&t, a);
        size_t b =
            rnd_below(&rng, 3) ? a : char_start(&t, a + rnd_below(&rng, 40) > t.len ? t.len : a + rnd_below(&rng, 40));
        if (b < a) b = a;
        const char *piece = rnd_below(&rng, 4) ? sample_pieces[rnd_below(&rng, SAMPLE_NPIECES)] : "";
        plan_edit(&p, &t, a, b, piece, strlen(piece));
        if (k % update_every == 0 || k == edits - 1) {
            plan_update(&p, &t);
            text_t t2;
            text_init(&t2, t.data, t.len);
            plan_t fresh;
            plan_init(&fresh);
            plan_parse(&fresh, &t2);
            int sliced = k % 60 == 0 ? same_as_sliced(&fresh, &t2, 1) && same_as_sliced(&fresh, &t2, 500) : 1;
            if ((!plan_same(&p, &fresh) || !sliced) && mismatches++ < 3)
                fprintf(stderr, "%s: edit %d differs from a full parse\n", label, k);
            plan_free(&fresh);
            text_free(&t2);
        }
    }
    CHECK_INT(mismatches, 0);
    plan_free(&p);
    text_free(&t);
}

/* Bytes parsed by 200 keystrokes (type, delete) at offset into of the first
 * occurrence of anchor in src; each keystroke is one update, never a full parse. */
static unsigned long long bytes_parsed_typing(const char *src, const char *anchor, size_t into) {
    text_t t;
    plan_t p = parse(src, &t);
    size_t off = (size_t)(strstr(t.data, anchor) - t.data) + into;
    unsigned long long before = p.stats.bytes_parsed;
    type_and_delete(&p, &t, off, 200);
    CHECK_INT(p.stats.full_parses, 1);
    unsigned long long parsed = p.stats.bytes_parsed - before;
    plan_free(&p);
    text_free(&t);
    return parsed;
}

/* Random edits aimed at list items of a long plan: the entry-level path must
 * agree with a full parse, and typing inside an item parses about one item. */
static void test_entry_windows(void) {
    char *src = long_plan(300);
    random_line_edits(src, 0x1234567ull, 3000, 3, "entry windows");
    free(src);

    src = long_plan(2000);
    /* Two items of about 60 bytes each per keystroke, not the 120 KB section. */
    CHECK(bytes_parsed_typing(src, "step 1000 ", 5) <= 200ull * 400);
    free(src);
}

/* The same for the blocks of a long prose section, and typing in one of its
 * paragraphs parses about that paragraph. */
static void test_block_windows(void) {
    char *src = prose_plan(250);
    for (int seed = 1; seed <= 4; seed++)
        random_line_edits(src, 0xABCDEFull * (unsigned)seed, 2500, 1, "block windows");
    free(src);

    src = prose_plan(4000);
    CHECK(strlen(src) > 100000);
    /* The paragraph and the next block's first line, not the 110 KB section. */
    CHECK(bytes_parsed_typing(src, "Paragraph 1503 explains", 12) <= 200ull * 200);
    free(src);
}

/* A plan whose Progress section holds a block of lines lines that never
 * closes before its end (a fence, an HTML block, a paragraph's lazy lines),
 * each line a list item or a heading (line_fmt, with the line's number),
 * then a section after it. Caller frees. */
static char *fenced_plan(int lines, const char *open, const char *line_fmt, const char *close) {
    size_t cap = (size_t)lines * (strlen(line_fmt) + 16) + strlen(open) + strlen(close) + 256, n = 0;
    char *s = malloc(cap);
    if (!s) return NULL;
    n += (size_t)snprintf(s + n, cap - n, "# Fenced\n\n## Progress\n\n- [x] (2026-01-01 10:00Z) Quoted.\n\n%s\n", open);
    for (int k = 0; k < lines; k++) {
        n += (size_t)snprintf(s + n, cap - n, line_fmt, k);
        s[n++] = '\n';
    }
    snprintf(s + n, cap - n, "%s\n\n## Decision Log\n\n- Decision: keep it.\n", close);
    return s;
}

/* Any document parses in time linear in its size: a block of 20,000 list
 * items or headings that do not start anything (a fence, an HTML block, a
 * paragraph's lazy lines), where every line may start a slice, is read a
 * constant number of times (the slice grows to twice its length while it is
 * unsealed), whatever the slice size; and slicing never changes the model. */
static void test_fence_parses_linearly(void) {
    static const char *const shapes[][3] = {
        {"```markdown", "- item %d of a quoted list", "```"},
        {"```markdown", "## Heading %d of a quoted plan", "```"},
        {"<details>", "- item %d in HTML", "</details>"},
        {"A paragraph whose lines go on:", "2. step %d: no list item (a 2. cannot interrupt)", "end."},
    };
    static const size_t slices[] = {0, 1, 97, 4096};
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        char *src = fenced_plan(20000, shapes[k][0], shapes[k][1], shapes[k][2]);
        text_t t;
        text_init(&t, src, strlen(src));
        plan_t whole;
        plan_init(&whole);
        whole.slice_bytes = t.len;
        plan_parse(&whole, &t);
        CHECK_INT(whole.nsections, 4);
        for (size_t m = 0; m < sizeof slices / sizeof *slices; m++) {
            plan_t p;
            plan_init(&p);
            p.slice_bytes = slices[m];
            plan_parse(&p, &t);
            if (p.stats.bytes_parsed > 4ull * t.len)
                fprintf(stderr, "'%s' 20,000 times, slices of %zu: %llu bytes parsed for %zu\n", shapes[k][1],
                        slices[m], p.stats.bytes_parsed, t.len);
            CHECK(p.stats.bytes_parsed <= 4ull * t.len);
            CHECK(plan_same(&p, &whole));
            plan_free(&p);
        }
        plan_free(&whole);
        text_free(&t);
        free(src);
    }
}

/* Every deletion of up to 40 bytes, and every insertion of a few pieces, at
 * every offset of a small plan with lists and prose: one edit, one update,
 * equal to a full parse. Random edits rarely hit the exact shapes (a
 * deletion from inside one item to just past the next item's marker). */
static void test_every_small_edit(void) {
    static const char src[] =
        "# T\n\n## Progress\n\n- [2025-01-01 10:00 UTC] one\n- [2025-01-01 11:00 UTC] two\n  - sub\n"
        "- [2025-01-01 12:00 UTC] three\n\nAfter.\n\n## Context and Orientation\n\nPara one,\nline two.\n\n"
        "```\ncode\n\nmore\n```\n\n> quote\n\n- item\n- item two\n\n Tail para.\n\n    code\n\n Next.\n\n"
        "## Plan of Work\n\nLast.\n";
    static const char *const inserts[] = {"x", "\n", "\n\n", "- ", "```\n", "    ", "## "};
    size_t len = strlen(src);
    int mismatches = 0, edits = 0;
    for (size_t a = 0; a <= len; a++) {
        for (size_t k = 0; k < 40 + sizeof inserts / sizeof inserts[0]; k++) {
            size_t b = k < 40 ? a + k + 1 : a;
            const char *ins = k < 40 ? "" : inserts[k - 40];
            if (b > len) continue;
            text_t t;
            plan_t p = parse(src, &t);
            plan_edit(&p, &t, a, b, ins, strlen(ins));
            plan_update(&p, &t);
            text_t t2;
            text_init(&t2, t.data, t.len);
            plan_t fresh;
            plan_init(&fresh);
            plan_parse(&fresh, &t2);
            if (!plan_same(&p, &fresh) && mismatches++ < 3)
                fprintf(stderr, "small edit [%zu,%zu) -> \"%s\" differs from a full parse\n", a, b, ins);
            edits++;
            plan_free(&fresh);
            text_free(&t2);
            plan_free(&p);
            text_free(&t);
        }
    }
    CHECK_INT(mismatches, 0);
    CHECK(edits > 10000);
}

int main(void) {
    test_fence_parses_linearly();
    test_entry_windows();
    test_block_windows();
    test_every_small_edit();
    test_model();
    test_not_a_plan();
    test_plan_kind();
    test_plan_is_plan();
    test_cookbook_dialect();
    test_typing_stays_local();
    for (unsigned seed = 1; seed <= 40; seed++) random_edits(seed, 300, 1 + (int)(seed % 7));
    return unit_report("plan");
}
