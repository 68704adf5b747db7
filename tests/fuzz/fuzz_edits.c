/* fuzz_edits.c: differential test of the incremental model.
 *
 * A starting plan is edited with plan_edit, and every few
 * edits brought up to date with plan_update. Then:
 *   - the text equals a copy maintained independently with memmove;
 *   - its line index equals one computed naively from the bytes;
 *   - plan_same() holds against a fresh plan_parse of a copy of the text,
 *     and between that and a parse in the smallest slices;
 *   - the diagnostics (partly answered from the section caches) equal those
 *     of the fresh parse.
 * Any difference abort()s.
 *
 * Input: byte 0 picks the starting plan (bits 0-1), the settings (bits 2-3,
 * see fuzz_config.h) and how many edits go between updates (bits 4-5: 1..4).
 * Then edits of 4+ bytes each: offset (2 bytes, little-endian, modulo
 * len + 1), deletion length (1 byte; >= 0xF0 means "to the end"), and an
 * insertion byte: with its top bit set, piece number (b & 0x7f) of the table
 * below; otherwise b & 0x3f literal bytes follow. At most MAX_EDITS edits are
 * read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_config.h"
#include "plan.h"
#include "plans.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPIECES SAMPLE_NPIECES

/* Each comparison parses the whole text again: bound the work per input. */
#define MAX_EDITS 200

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        fprintf(stderr, "fuzz_edits: " __VA_ARGS__);                                                                   \
        fputc('\n', stderr);                                                                                           \
        abort();                                                                                                       \
    } while (0)

static size_t piece_len(size_t k) {
    /* The NUL piece is one byte long. */
    return sample_pieces[k][0] == '\0' ? 1 : strlen(sample_pieces[k]);
}

static void check_lines(const text_t *t) {
    size_t line = 0;
    if (t->nlines < 1 || t->lines[0] != 0) FAIL("line index does not start at 0");
    for (size_t i = 0; i < t->len; i++) {
        char c = t->data[i];
        if (c == '\r' && i + 1 < t->len && t->data[i + 1] == '\n') continue; /* counted at the \n */
        if (c == '\n' || c == '\r') {
            line++;
            if (line >= t->nlines || t->lines[line] != i + 1)
                FAIL("line %zu should start at %zu (index has %zu lines)", line, i + 1, t->nlines);
        }
    }
    if (t->nlines != line + 1) FAIL("index has %zu lines, text has %zu", t->nlines, line + 1);
}

static void check_diags_equal(const diag_list_t *a, const diag_list_t *b) {
    if (a->n != b->n) FAIL("incremental diagnostics: %zu, fresh: %zu", a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const diag_t *x = &a->items[i], *y = &b->items[i];
        if (x->start != y->start || x->end != y->end || x->severity != y->severity || strcmp(x->code, y->code) ||
            strcmp(x->message, y->message))
            FAIL("diagnostic %zu differs: [%zu,%zu) %s '%s' vs fresh [%zu,%zu) %s '%s'", i, x->start, x->end, x->code,
                 x->message, y->start, y->end, y->code, y->message);
    }
}

static void compare(plan_t *p, const text_t *t, const char *copy, size_t copy_len, const config_t *cfg) {
    if (t->len != copy_len || memcmp(t->data, copy, copy_len) != 0) FAIL("text differs from the copy");
    if (t->data[t->len] != '\0') FAIL("text is not NUL-terminated");
    check_lines(t);
    if (plan_update(p, t) < 0) return; /* OOM: nothing to compare */
    text_t t2;
    if (text_init(&t2, copy, copy_len) < 0) return;
    plan_t fresh;
    plan_init(&fresh);
    fresh.config = cfg;
    if (plan_parse(&fresh, &t2) == 0) {
        if (!plan_same(p, &fresh)) FAIL("incremental model differs from a full parse");
        /* Cut at every boundary (unsealed slices grow): the same model. */
        plan_t sliced;
        plan_init(&sliced);
        sliced.config = cfg;
        sliced.slice_bytes = 1;
        if (plan_parse(&sliced, &t2) == 0 && !plan_same(&sliced, &fresh)) FAIL("sliced parse differs from a whole one");
        plan_free(&sliced);
        diag_list_t a, b;
        diag_list_init(&a);
        diag_list_init(&b);
        if (rules_run(p, t, SAMPLE_NOW, &a) == 0 && rules_run(&fresh, &t2, SAMPLE_NOW, &b) == 0)
            check_diags_equal(&a, &b);
        diag_list_free(&a);
        diag_list_free(&b);
    }
    plan_free(&fresh);
    text_free(&t2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    unsigned flags = data[0];
    const char *start = flags & 0x40 ? sample_prose_plan : sample_plans[(flags & 3) % SAMPLE_NPLANS];
    int every = (int)((flags >> 4) & 3) + 1;
    config_t cfg;
    const config_t *config = fuzz_config(&cfg, flags >> 2);

    text_t t;
    size_t len = strlen(start);
    if (text_init(&t, start, len) < 0) {
        config_free(&cfg);
        return 0;
    }
    /* The independent copy. */
    size_t cap = len + 1 + size * 2;
    char *copy = malloc(cap);
    if (!copy) abort();
    memcpy(copy, start, len);
    size_t clen = len;

    plan_t p;
    plan_init(&p);
    p.config = config;
    plan_parse(&p, &t);
    /* Diagnostics now, so that later calls exercise the section caches. */
    diag_list_t d0;
    diag_list_init(&d0);
    rules_run(&p, &t, SAMPLE_NOW, &d0);
    diag_list_free(&d0);

    size_t i = 1;
    int pending = 0;
    int nedits = 0;
    while (i + 4 <= size && nedits++ < MAX_EDITS) {
        size_t off = ((size_t)data[i] | (size_t)data[i + 1] << 8) % (clen + 1);
        size_t del = data[i + 2] >= 0xF0 ? clen - off : data[i + 2];
        if (del > clen - off) del = clen - off;
        unsigned ins = data[i + 3];
        i += 4;
        const char *s;
        size_t n;
        if (ins & 0x80) {
            size_t k = (ins & 0x7f) % NPIECES;
            s = sample_pieces[k];
            n = piece_len(k);
        } else {
            n = ins & 0x3f;
            if (n > size - i) n = size - i;
            s = (const char *)data + i;
            i += n;
        }
        if (plan_edit(&p, &t, off, off + del, s, n) < 0) break;
        if (clen - del + n + 1 > cap) {
            cap = (clen - del + n + 1) * 2;
            copy = realloc(copy, cap);
            if (!copy) abort();
        }
        memmove(copy + off + n, copy + off + del, clen - off - del);
        memcpy(copy + off, s, n);
        clen = clen - del + n;
        if (++pending >= every) {
            compare(&p, &t, copy, clen, config);
            pending = 0;
        }
    }
    compare(&p, &t, copy, clen, config);

    plan_free(&p);
    text_free(&t);
    free(copy);
    config_free(&cfg);
    return 0;
}
