/* plan.c: the plan model of one document, kept current incrementally.
 *
 * The model (plan.h): YAML front matter, then sections cut at the level 1-2
 * headings (sections[0], the lead, holds what comes before the first one).
 * Each section knows its top-level blocks (paragraphs, code, quotes, lists),
 * the top-level items of its lists (the entries: checkboxes, stamps,
 * rationale), and what the rules need from the rest (preamble, footer).
 * Offsets inside a section are relative to its start, so an edit elsewhere
 * only shifts section starts (plan_note_edit).
 *
 * After an edit plan_update parses one window around it, the smallest that
 * works, in this order:
 *   1. items: the list items the edit touched (update_entries);
 *   2. blocks: the prose blocks it touched (update_blocks);
 *   3. sections: the sections it touched (the rest of plan_update).
 * A window is accepted only when it is sealed: the line after it still starts
 * what it started before (the next item, block or heading), so everything
 * after it reads as it did. Otherwise (an unclosed code fence, an edited
 * heading marker) the next larger window runs, up to a full parse.
 * The invariant, checked by random-edit unit tests and the fuzz_edits
 * target: the model after any edits equals a full parse of the same text
 * (plan_same). plan_md.c does the reading; only it knows cmark-gfm. */
#include "plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "plan_md.h"
#include "vec.h"

void plan_prepare_threads(void) { md_prepare_threads(); }

void plan_init(plan_t *p) { memset(p, 0, sizeof *p); }

static void drop_sections(plan_t *p) {
    for (size_t i = 0; i < p->nsections; i++) md_section_clear(&p->sections[i]);
    free(p->sections);
    p->sections = NULL;
    p->nsections = p->cap = 0;
}

void plan_free(plan_t *p) {
    drop_sections(p);
    memset(p, 0, sizeof *p);
}

/* Headings teams add beside the plan's sections; never a plan's title. */
static const char *const team_headings[] = {
    "status",   "goal",      "goals",       "scope", "overview", "summary",    "background",     "milestones",  "risks",
    "evidence", "non-goals", "constraints", "tasks", "notes",    "references", "open questions", "assumptions", "tl;dr",
};

static int could_be_title(const plan_section_t *s, const char *name) {
    if (!section_match_may_be_title(s->match) || s->custom >= 0) return 0;
    for (size_t k = 0; k < sizeof team_headings / sizeof team_headings[0]; k++)
        if (ascii_equal_ci(name, s->name_len, team_headings[k], strlen(team_headings[k]))) return 0;
    return s->name_len > 0;
}

/* The title: the first H1 before the plan's first section that names no
 * section (so a plan whose sections are all H1s has one too), else a first
 * heading written as H2 in a document without H1s. */
static void update_title(plan_t *p, const text_t *t) {
    p->title = 0;
    int any_h1 = 0;
    for (size_t i = 1; i < p->nsections; i++) any_h1 |= p->sections[i].level == 1;
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        if (s->level == 1 && could_be_title(s, t->data + s->start + s->name_start)) {
            p->title = i;
            return;
        }
        if (s->match != SECTION_NO_MATCH || s->custom >= 0) break;
    }
    const plan_section_t *first = p->nsections > 1 ? &p->sections[1] : NULL;
    if (!any_h1 && first && first->level == 2 && could_be_title(first, t->data + first->start + first->name_start))
        p->title = 1;
}

/* The dialect from the plan's own signals. Guide: [... UTC] stamps, its
 * living-document line, a To-do section. Cookbook: (...Z) stamps, checkbox
 * steps in Progress, "Decision:" / "Rationale:" / "Date/Author:" labels,
 * revision notes, its living-document line. */
static void update_dialect(plan_t *p) {
    if (p->config && p->config->dialect >= 0) {
        p->dialect = (dialect_t)p->config->dialect;
        p->dialect_evidence = 1;
        return;
    }
    unsigned guide = 0, cookbook = 0;
    for (size_t i = 0; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        guide += s->stamps_guide;
        cookbook += s->stamps_cookbook + 2 * s->revision_notes;
        if (s->preamble == PREAMBLE_GUIDE) guide += 5;
        if (s->preamble == PREAMBLE_COOKBOOK) cookbook += 5;
        if (s->level == 0 || s->match == SECTION_NO_MATCH) continue;
        if (s->id == SEC_TODO) guide += 5;
        if (s->id == SEC_PROGRESS) cookbook += s->steps;
        if (s->id == SEC_DECISIONS || s->id == SEC_SURPRISES) cookbook += s->labelled;
    }
    p->dialect = cookbook > guide ? DIALECT_COOKBOOK : DIALECT_GUIDE;
    p->dialect_evidence = guide + cookbook > 0;
}

static void after_parse(plan_t *p, const text_t *t) {
    update_title(p, t);
    update_dialect(p);
    p->dirty = 0;
}

/* A full parse reads the document in slices of about this size, cut where a
 * heading or a top-level list item starts, so cmark-gfm's tree (ten times the
 * text) never holds more than a slice. */
#define SLICE_BYTES 65536

/* The first line at or after off that may start a slice: a level 1-2 ATX
 * heading or a list item, at the start of the line. t->len when none. */
static size_t next_boundary(const text_t *t, size_t off) {
    for (size_t line = text_line_of(t, off); line < t->nlines; line++) {
        size_t a = text_line_start(t, line), b = text_line_end(t, line);
        const char *l = t->data + a;
        size_t n = b - a, i = 0;
        if (a < off) continue;
        if (n >= 2 && l[0] == '#' && (l[1] == ' ' || (l[1] == '#' && n >= 3 && l[2] == ' '))) return a;
        if (n >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && l[1] == ' ') return a;
        while (i < n && i < 9 && isdigit((unsigned char)l[i])) i++;
        if (i && i + 1 < n && (l[i] == '.' || l[i] == ')') && l[i + 1] == ' ') return a;
    }
    return t->len;
}

int plan_parse(plan_t *p, const text_t *t) {
    drop_sections(p);
    p->dirty = 0;
    md_read_front_matter(p, t);
    p->stats.full_parses++;
    section_vec_t v = {0};
    size_t pos = p->fm_end;
    int cont_list = 0, rc = 0;
    while (rc == 0) {
        /* Grow the slice until it is sealed, to twice its length each time:
         * a fence of N list lines has a boundary on every line, and growing
         * by one each time parsed the fence N times over. Doubling parses
         * every byte a constant number of times. */
        size_t slice = p->slice_bytes ? p->slice_bytes : SLICE_BYTES;
        size_t cut = slice < t->len - pos ? next_boundary(t, pos + slice) : t->len;
        for (;;) {
            chunk_opts_t o = {v.n == 0, v.n > 0, cont_list, 0, 1, 0};
            size_t until = t->len;
            if (cut < t->len) {
                o.seal_line = (int)(text_line_of(t, cut) - text_line_of(t, pos)) + 1;
                until = text_line_next(t, text_line_of(t, cut));
            }
            rc = md_read_chunk(t, pos, until, &v, &o, &p->stats, p->config);
            if (rc == MD_UNSEALED) {
                size_t grown = until - pos;
                cut = grown < t->len - until ? next_boundary(t, until + grown) : t->len;
                continue;
            }
            cont_list = o.next_cont_list;
            break;
        }
        if (rc || cut >= t->len) break;
        pos = cut;
    }
    if (rc < 0) {
        md_sections_free(&v);
        p->dirty = 1; /* try again on the next update */
        p->dirty_lo = 0;
        p->dirty_hi = t->len;
        return -1;
    }
    p->sections = v.items;
    p->nsections = v.n;
    p->cap = v.cap;
    after_parse(p, t);
    return 0;
}

static size_t map_offset(size_t x, size_t start, size_t old_end, size_t new_len) {
    if (x <= start) return x;
    if (x >= old_end) return x - (old_end - start) + new_len;
    return start + new_len;
}

/* An edit inside one section's body moves the offsets (relative to the
 * section) that follow it: entries, footer, preamble. Keeping them current
 * lets an update re-parse only the entries the edit touched. */
static void shift_inside(plan_section_t *s, size_t start, size_t old_end, size_t new_len) {
    size_t a = start - s->start, b = old_end - s->start;
#define MAP(x) ((x) = map_offset((x), a, b, new_len))
    for (size_t k = 0; k < s->nentries; k++) {
        plan_entry_t *e = &s->entries[k];
        if (e->end < a) continue;
        MAP(e->start);
        MAP(e->text);
        MAP(e->line_end);
        MAP(e->end);
        MAP(e->box);
        MAP(e->stamp.start);
        MAP(e->stamp.end);
    }
    for (size_t k = s->nblocks; k-- > 0 && s->blocks[k].start >= a;) MAP(s->blocks[k].start);
    MAP(s->preamble_start);
    MAP(s->preamble_end);
    MAP(s->guide_ref);
    MAP(s->last_updated_line);
    MAP(s->last_updated.start);
    MAP(s->last_updated.end);
#undef MAP
}

/* Pending edits further apart than this are parsed separately. */
#define DIRTY_GAP 4096

/* When an edit is pending far from this one, brings the model up to date
 * first, so that scattered edits (several cursors, a burst at several places)
 * each cost a small window, not the span between them. */
static int plan_prepare_edit(plan_t *p, const text_t *t, size_t start, size_t old_end) {
    if (p->dirty && (start > p->dirty_hi + DIRTY_GAP || old_end + DIRTY_GAP < p->dirty_lo)) return plan_update(p, t);
    return 0;
}

/* Records that bytes [start, old_end) were replaced by new_len bytes: shifts
 * later sections; parsing waits for plan_update. */
static void plan_note_edit(plan_t *p, size_t start, size_t old_end, size_t new_len) {
    if (p->nsections) {
        size_t i = plan_section_at(p, start);
        plan_section_t *s = &p->sections[i];
        size_t body = s->start + s->heading_len;
        size_t end = i + 1 < p->nsections ? p->sections[i + 1].start : SIZE_MAX;
        if (start >= body && old_end < end) shift_inside(s, start, old_end, new_len);
    }
    for (size_t i = 0; i < p->nsections; i++) {
        plan_section_t *s = &p->sections[i];
        s->start = map_offset(s->start, start, old_end, new_len);
    }
    if (p->fm_has_last_updated) {
        p->fm_lu_start = map_offset(p->fm_lu_start, start, old_end, new_len);
        p->fm_lu_end = map_offset(p->fm_lu_end, start, old_end, new_len);
    }
    if (!p->dirty) {
        p->dirty = 1;
        p->dirty_lo = start;
        p->dirty_hi = start + new_len;
        return;
    }
    size_t lo = map_offset(p->dirty_lo, start, old_end, new_len);
    size_t hi = map_offset(p->dirty_hi, start, old_end, new_len);
    p->dirty_lo = lo < start ? lo : start;
    p->dirty_hi = hi > start + new_len ? hi : start + new_len;
}

int plan_edit(plan_t *p, text_t *t, size_t start, size_t end, const char *s, size_t n) {
    /* A failed update leaves the model dirty; the next one parses it whole. */
    plan_prepare_edit(p, t, start, end);
    if (text_replace(t, start, end, s, n) < 0) return -1;
    plan_note_edit(p, start, end, n);
    return 0;
}

size_t plan_section_at(const plan_t *p, size_t off) {
    size_t lo = 0, hi = p->nsections;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->sections[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t plan_section_end(const plan_t *p, size_t i, const text_t *t) {
    return i + 1 < p->nsections ? p->sections[i + 1].start : t->len;
}

/* Replaces sections [i, j] with the parsed ones. */
static int splice(plan_t *p, size_t i, size_t j, section_vec_t *v) {
    size_t old = j - i + 1, n = p->nsections - old + v->n;
    if (VEC_RESERVE(p->sections, p->cap, n) < 0) return -1;
    for (size_t k = i; k <= j; k++) md_section_clear(&p->sections[k]);
    memmove(&p->sections[i + v->n], &p->sections[j + 1], (p->nsections - j - 1) * sizeof *p->sections);
    memcpy(&p->sections[i], v->items, v->n * sizeof *v->items);
    p->nsections = n;
    free(v->items);
    memset(v, 0, sizeof *v);
    return 0;
}

/* Sums what a section knows from its entries, after some were replaced. */
static void recount_entries(plan_section_t *s) {
    s->stamps_guide = s->stamps_cookbook = s->labelled = s->steps = s->checked = s->blocked = 0;
    s->max_stamp = INT64_MIN;
    for (size_t k = 0; k < s->nentries; k++) md_count_entry(s, &s->entries[k]);
}

static size_t last_entry_at_or_before(const plan_section_t *s, size_t rel) {
    size_t lo = 0, hi = s->nentries; /* first entry starting after rel */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->entries[mid].start <= rel)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo; /* count of entries at or before rel: the one before is lo - 1 */
}

/* The fine-grained path: an edit inside one list of one section re-parses
 * only the items it touched, from the start of the first to the start of the
 * next untouched item of the same list (or the section's end when the list
 * ends the section). The window is sealed when that next item still starts an
 * item of the same, single list. Returns 1 when done, 0 when the section path
 * must run, -1 on OOM. */
static int update_entries(plan_t *p, const text_t *t) {
    size_t i = plan_section_at(p, p->dirty_lo);
    plan_section_t *s = &p->sections[i];
    size_t end = plan_section_end(p, i, t);
    if (p->dirty_lo < s->start + s->heading_len || p->dirty_hi >= end || !s->nentries) return 0;
    /* The item holding the edit's first byte. An item that starts on that
     * byte may be one the edit deleted (it sits on the edit's offset now):
     * the window then starts at the item before. */
    size_t lo = p->dirty_lo - s->start; /* > 0 but in the lead, which has no heading */
    size_t k = lo ? last_entry_at_or_before(s, lo - 1) : 0;
    if (k == 0) return 0;
    k--;
    /* Touching an item's marker may join it to the item above. */
    if (p->dirty_lo < s->start + s->entries[k].text) {
        if (k == 0 || s->entries[k - 1].list != s->entries[k].list) return 0;
        k--;
    }
    size_t m = last_entry_at_or_before(s, p->dirty_hi - s->start) - 1;
    /* Steps of a paragraph are the prose path's, through the section path. */
    if ((s->entries[k].flags | s->entries[m].flags) & ENTRY_UNLISTED) return 0;
    unsigned list = s->entries[k].list;
    if (s->entries[m].list != list) return 0;
    int tail = !(m + 1 < s->nentries && s->entries[m + 1].list == list);
    if (tail && !(s->ends_with_list && list + 1 == s->nlists)) return 0;
    if (tail && i + 1 < p->nsections && p->sections[i + 1].setext) return 0;

    size_t from = s->start + s->entries[k].start;
    size_t to = tail ? end : s->start + s->entries[m + 1].start;
    size_t until = to < t->len ? text_line_next(t, text_line_of(t, to)) : to;
    /* Read the window's items into a scratch section anchored like s. */
    plan_section_t w;
    md_section_init(&w, s->start);
    w.match = s->match; /* what an entry's words mean depends on its section */
    w.id = s->id;
    md_result_t rc = md_read_items(t, from, to, until, tail, list, &p->stats, &w);
    size_t old = m - k + 1, n = s->nentries - old + w.nentries;
    if (rc == MD_OK && VEC_RESERVE(s->entries, s->entries_cap, n) < 0) rc = MD_OOM;
    if (rc != MD_OK) {
        md_section_clear(&w);
        return rc == MD_OOM ? -1 : 0;
    }
    memmove(&s->entries[k + w.nentries], &s->entries[m + 1], (s->nentries - m - 1) * sizeof *s->entries);
    if (w.nentries) memcpy(&s->entries[k], w.entries, w.nentries * sizeof *w.entries);
    s->nentries = n;
    md_section_clear(&w);
    recount_entries(s);
    s->diags_valid = 0;
    return 1;
}

/* Count of blocks of s starting at or before rel. */
static size_t blocks_at_or_before(const plan_section_t *s, size_t rel) {
    size_t lo = 0, hi = s->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->blocks[mid].start <= rel)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The prose path: an edit among the paragraphs (code blocks, quotes, ...) of
 * a level-2 section re-parses only the blocks it touched, from the first
 * line of the first to the first line of the next untouched block, which
 * must still start a block of its own (the seal; at the section's end, the
 * next heading). Parsed alone, the window must read as in the whole text:
 * its first line started a block in the last parse and is unchanged, or it
 * starts afresh (see below). Lists, footers and revision notes are left to
 * the other paths. Returns 1 when done, 0 when the section path must run,
 * -1 on OOM. */
static int update_blocks(plan_t *p, const text_t *t) {
    size_t i = plan_section_at(p, p->dirty_lo);
    plan_section_t *s = &p->sections[i];
    size_t end = plan_section_end(p, i, t);
    if (s->level != 2 || p->dirty_lo < s->start + s->heading_len || p->dirty_hi >= end) return 0;
    size_t lo = p->dirty_lo - s->start;
    size_t e = blocks_at_or_before(s, p->dirty_hi - s->start);
    if (blocks_at_or_before(s, lo) == 0) return 0; /* in the blank lines under the heading */
    /* The window starts at the block holding the edit's first byte. A block
     * that starts on that byte may be one the edit deleted (it sits on the
     * edit's offset now): the window then starts at the block before. */
    size_t b = lo ? blocks_at_or_before(s, lo - 1) : 0;
    if (b > 0) b--;
    for (size_t k = b; k < e; k++)
        if (s->blocks[k].kind == BLOCK_LIST || s->blocks[k].special) return 0;
    size_t from = s->start + s->blocks[b].start;
    size_t first_line = text_line_of(t, from);
    if (text_line_start(t, first_line) != from) return 0;
    /* The block's first line, as it was, started it whatever came before.
     * An edited first line must start afresh on its own: after a blank line
     * (no lazy continuation), and behind a block no indented line can
     * continue (a list, indented code) unless its indentation is as it was. */
    if (p->dirty_lo < text_line_next(t, first_line) && b > 0) {
        size_t lead = from;
        while (lead < t->len && ascii_is_blank(t->data[lead])) lead++;
        if (!text_line_is_blank(t, first_line - 1) || (s->blocks[b - 1].kind != BLOCK_OTHER && lead >= p->dirty_lo))
            return 0;
    }
    int tail = e == s->nblocks;
    if (tail && i + 1 < p->nsections && p->sections[i + 1].setext) return 0;
    size_t to = tail ? end : s->start + s->blocks[e].start;
    size_t until = to < t->len ? text_line_next(t, text_line_of(t, to)) : to;

    plan_section_t w;
    md_section_init(&w, s->start);
    w.level = s->level;
    w.match = s->match; /* a Progress paragraph may hold steps */
    w.id = s->id;
    block_kind_t seal_kind = tail ? BLOCK_OTHER : (block_kind_t)s->blocks[e].kind;
    md_result_t rc = md_read_blocks(t, from, to, until, tail, seal_kind, &p->stats, &w);
    if (rc != MD_OK) {
        md_section_clear(&w);
        return rc == MD_OOM ? -1 : 0;
    }
    size_t old = e - b, n = s->nblocks - old + w.nblocks;
    if (VEC_RESERVE(s->blocks, s->blocks_cap, n) < 0) {
        md_section_clear(&w);
        return -1;
    }
    for (size_t k = b; k < e; k++) s->content_blocks -= s->blocks[k].content;
    memmove(&s->blocks[b + w.nblocks], &s->blocks[e], (s->nblocks - e) * sizeof *s->blocks);
    if (w.nblocks) memcpy(&s->blocks[b], w.blocks, w.nblocks * sizeof *w.blocks);
    s->nblocks = n;
    s->content_blocks += w.content_blocks;
    if (tail) s->ends_with_list = 0;
    md_section_clear(&w);
    s->diags_valid = 0;
    return 1;
}

int plan_update(plan_t *p, const text_t *t) {
    if (!p->dirty) return 0;
    size_t old_fm = p->fm_end;
    md_read_front_matter(p, t);
    if (p->nsections == 0 || p->fm_end != old_fm || p->dirty_lo < p->fm_end) return plan_parse(p, t);
    int fine = update_entries(p, t);
    if (fine == 0) fine = update_blocks(p, t);
    if (fine < 0) return -1;
    if (fine) {
        after_parse(p, t);
        return 0;
    }

    /* The window starts at the section holding the first touched byte (the
     * first of equals: sections emptied by the edit sit on one offset), or at
     * the one before when the edit reached into the heading's marker, which
     * may have stopped being a heading. */
    size_t i = plan_section_at(p, p->dirty_lo);
    while (i > 0 && p->sections[i - 1].start == p->sections[i].start) i--;
    if (i > 0 && p->dirty_lo < p->sections[i].start + p->sections[i].prefix_len) i--;
    size_t j = plan_section_at(p, p->dirty_hi);
    if (j < i) j = i;

    for (;;) {
        /* A setext heading after the window could absorb the window's last
         * line: take that section in too. */
        while (j + 1 < p->nsections && p->sections[j + 1].setext) j++;
        size_t from = p->sections[i].start;
        size_t to = plan_section_end(p, j, t);
        size_t until = to;
        if (j + 1 < p->nsections) until = text_line_next(t, text_line_of(t, to));
        section_vec_t v = {0};
        /* The window is sealed when the next section's heading still parses
         * as a heading on its own line. */
        chunk_opts_t o = {i == 0, 0, 0, 0, 0, 0};
        if (j + 1 < p->nsections) o.seal_line = (int)(text_line_of(t, to) - text_line_of(t, from)) + 1;
        md_result_t rc = md_read_chunk(t, from, until, &v, &o, &p->stats, p->config);
        p->stats.partial_parses++;
        if (rc == MD_OOM) {
            md_sections_free(&v);
            return -1;
        }
        if (rc == MD_NO_HEADING) { /* the window did not start where a section starts */
            md_sections_free(&v);
            return plan_parse(p, t);
        }
        if (rc == MD_UNSEALED) { /* an open fence or HTML block: parse to the end */
            md_sections_free(&v);
            j = p->nsections - 1;
            continue;
        }
        if (splice(p, i, j, &v) < 0) {
            md_sections_free(&v);
            return -1;
        }
        break;
    }
    after_parse(p, t);
    return 0;
}

size_t plan_guide_ref(const plan_t *p, const text_t *t, const char **path) {
    const plan_section_t *s = p->nsections ? &p->sections[p->title] : NULL;
    if (!s || !s->guide_ref_len) return 0;
    *path = t->data + s->start + s->guide_ref;
    return s->guide_ref_len;
}

/* ---- where things are ------------------------------------------------------ */

size_t plan_find_section(const plan_t *p, section_id_t id) {
    for (size_t i = 1; i < p->nsections; i++)
        if (i != p->title && p->sections[i].level > 0 && p->sections[i].match != SECTION_NO_MATCH &&
            p->sections[i].id == id)
            return i;
    return 0;
}

static int is_thematic_break(const char *s, size_t n) {
    size_t i = 0, marks = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    if (i == n || (s[i] != '-' && s[i] != '*' && s[i] != '_')) return 0;
    char c = s[i];
    for (; i < n; i++) {
        if (s[i] == c)
            marks++;
        else if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return marks >= 3;
}

static int is_footer_line(const text_t *t, size_t line) {
    const char *s = t->data + text_line_start(t, line);
    return (text_line_end(t, line) - text_line_start(t, line) >= 2 && s[0] == '*' && s[1] == '*') ||
           text_line_is_blank(t, line);
}

size_t plan_section_content_end(const plan_t *p, const text_t *t, size_t i) {
    const plan_section_t *s = &p->sections[i];
    size_t head_end = s->start + s->heading_len;
    size_t first = text_line_of(t, s->start);
    size_t end = plan_section_end(p, i, t);
    /* The section's last line is the one holding its last byte. */
    size_t line = end > s->start ? text_line_of(t, end - 1) : first;
    if (end > s->start && end < t->len && end == text_line_start(t, text_line_of(t, end))) {
        /* end is the next heading's line start: the last line is the one before. */
        line = text_line_of(t, end) - 1;
    }
    if (s->has_last_updated) {
        /* A footer (a rule, then **Created** / **Last Updated** lines) closes the plan. */
        size_t k = line;
        while (k > first) {
            if (!is_footer_line(t, k)) break;
            k--;
        }
        size_t a = text_line_start(t, k);
        if (k > first && is_thematic_break(t->data + a, text_line_end(t, k) - a)) line = k - 1;
    }
    while (line > first) {
        if (!text_line_is_blank(t, line)) break;
        line--;
    }
    size_t e = text_line_end(t, line);
    if (s->level > 0 && e < head_end) {
        /* Only the heading: content starts right after it. */
        size_t hl = text_line_of(t, head_end > s->start ? head_end - 1 : s->start);
        e = text_line_end(t, hl);
    }
    return e;
}

/* ---- what a plan must hold ----------------------------------------------- */

static const char *const preamble_text[] = {
    "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work "
    "proceeds.",
    "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision "
    "Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.",
};

const char *plan_preamble_text(dialect_t d) { return preamble_text[d == DIALECT_COOKBOOK]; }

size_t plan_required(const plan_t *p, required_t *out) {
    size_t n = 0;
    if (p->config && p->config->required) {
        for (size_t k = 0; k < p->config->nrequired && n < PLAN_MAX_REQUIRED; k++)
            out[n++] = (required_t){p->config->required[k].name, p->config->required[k].id};
        return n;
    }
    for (int id = 0; id < SEC_COUNT; id++)
        if (!(id == SEC_TODO && p->dialect == DIALECT_COOKBOOK))
            out[n++] = (required_t){section_name((section_id_t)id), id};
    return n;
}

int plan_required_index(const plan_t *p, const required_t *req, size_t n, size_t i) {
    const plan_section_t *s = &p->sections[i];
    if (s->level == 0 || i == p->title) return -1;
    if (s->custom >= 0) return s->custom < (int)n ? s->custom : -1;
    if (s->match == SECTION_NO_MATCH) return -1;
    for (size_t k = 0; k < n; k++)
        if (req[k].id == (int)s->id) return (int)k;
    return -1;
}

ts_style_t plan_stamp_style(dialect_t d) { return d == DIALECT_COOKBOOK ? TS_STYLE_COOKBOOK : TS_STYLE_GUIDE; }

static int same_stamp(const timestamp_t *a, const timestamp_t *b) {
    return a->status == b->status && a->style == b->style && a->start == b->start && a->end == b->end &&
           a->valid_time == b->valid_time && (!a->valid_time || a->minutes == b->minutes);
}

int plan_same(const plan_t *a, const plan_t *b) {
    if (a->nsections != b->nsections || a->fm_end != b->fm_end || a->title != b->title || a->dialect != b->dialect ||
        a->dialect_evidence != b->dialect_evidence)
        return 0;
    for (size_t i = 0; i < a->nsections; i++) {
        const plan_section_t *x = &a->sections[i], *y = &b->sections[i];
        if (x->start != y->start || x->heading_len != y->heading_len || x->prefix_len != y->prefix_len ||
            x->name_start != y->name_start || x->name_len != y->name_len || x->level != y->level ||
            x->setext != y->setext || x->match != y->match || x->custom != y->custom ||
            (x->match != SECTION_NO_MATCH && x->id != y->id) || x->nentries != y->nentries ||
            x->content_blocks != y->content_blocks || x->stamps_guide != y->stamps_guide ||
            x->stamps_cookbook != y->stamps_cookbook || x->revision_notes != y->revision_notes ||
            x->labelled != y->labelled || x->steps != y->steps || x->checked != y->checked ||
            x->blocked != y->blocked || x->nlists != y->nlists || x->ends_with_list != y->ends_with_list ||
            x->preamble != y->preamble || x->has_last_updated != y->has_last_updated || x->guide_ref != y->guide_ref ||
            x->guide_ref_len != y->guide_ref_len || x->max_stamp != y->max_stamp)
            return 0;
        if (x->has_last_updated &&
            (x->last_updated_line != y->last_updated_line || !same_stamp(&x->last_updated, &y->last_updated)))
            return 0;
        if (x->nblocks != y->nblocks) return 0;
        for (size_t k = 0; k < x->nblocks; k++) {
            const plan_block_t *e = &x->blocks[k], *f = &y->blocks[k];
            if (e->start != f->start || e->kind != f->kind || e->content != f->content || e->special != f->special)
                return 0;
        }
        for (size_t k = 0; k < x->nentries; k++) {
            const plan_entry_t *e = &x->entries[k], *f = &y->entries[k];
            if (e->start != f->start || e->text != f->text || e->line_end != f->line_end || e->list != f->list ||
                e->end != f->end || e->checkbox != f->checkbox || e->flags != f->flags ||
                (e->checkbox >= 0 && e->box != f->box) || !same_stamp(&e->stamp, &f->stamp))
                return 0;
        }
    }
    return 1;
}
