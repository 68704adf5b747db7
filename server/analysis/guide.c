/* guide.c: a plan guide's skeleton, by lines. A guide quotes the skeleton in
 * a fence, where CommonMark sees no headings, so this reads the fence's text
 * itself. */
#include "guide.h"

#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "vec.h"

const char *const guide_paths[] = {"PLANS.md", ".agent/PLANS.md", "docs/PLANS.md", NULL};

typedef struct {
    size_t first, count; /* a run of headings in the list below */
    int canonical;
} block_t;

typedef struct {
    const char *start; /* a heading's text (into the guide) */
    size_t len;
} head_t;

typedef struct {
    head_t *items;
    size_t n, cap;
} heads_t;

static int push_head(heads_t *h, const char *s, size_t n) {
    if (VEC_RESERVE(h->items, h->cap, h->n + 1) < 0) return -1;
    h->items[h->n++] = (head_t){s, n};
    return 0;
}

/* "## Name" (up to three spaces first): the name, trimmed, without closing #s. */
static int h2_name(const char *l, size_t n, const char **name, size_t *nlen) {
    size_t i = 0;
    while (i < n && i < 3 && l[i] == ' ') i++;
    if (n - i < 3 || l[i] != '#' || l[i + 1] != '#' || (l[i + 2] != ' ' && l[i + 2] != '\t')) return 0;
    i += 3;
    while (i < n && (l[i] == ' ' || l[i] == '\t')) i++;
    size_t e = n;
    while (e > i && (l[e - 1] == ' ' || l[e - 1] == '\t' || l[e - 1] == '#')) e--;
    if (e == i) return 0;
    *name = l + i;
    *nlen = e - i;
    return 1;
}

/* A fence line: its character and length, and whether an info string follows. */
static int fence(const char *l, size_t n, char *ch, size_t *count, const char **info, size_t *ilen) {
    size_t i = 0;
    while (i < n && i < 3 && l[i] == ' ') i++;
    if (i >= n || (l[i] != '`' && l[i] != '~')) return 0;
    char c = l[i];
    size_t k = i;
    while (k < n && l[k] == c) k++;
    if (k - i < 3) return 0;
    *ch = c;
    *count = k - i;
    while (k < n && (l[k] == ' ' || l[k] == '\t')) k++;
    size_t e = n;
    while (e > k && (l[e - 1] == ' ' || l[e - 1] == '\t' || l[e - 1] == '\r')) e--;
    *info = l + k;
    *ilen = e - k;
    return 1;
}

static int is_markdown_info(const char *s, size_t n) {
    return n == 0 || (n == 2 && strncmp(s, "md", 2) == 0) || (n == 8 && strncmp(s, "markdown", 8) == 0);
}

int guide_skeleton(const char *text, size_t len, char ***names) {
    *names = NULL;
    heads_t h = {0};
    block_t blocks[64], outside = {0, 0, 0};
    size_t nblocks = 0;
    heads_t top = {0};
    int in_fence = 0, md = 0;
    char fch = 0;
    size_t fcount = 0;
    int rc = 0;
    for (size_t a = 0; a < len && rc == 0;) {
        size_t b = a;
        while (b < len && text[b] != '\n') b++;
        size_t n = b - a;
        if (n && text[a + n - 1] == '\r') n--;
        const char *l = text + a, *info, *name;
        size_t count, ilen, nlen;
        char ch;
        if (!in_fence && fence(l, n, &ch, &count, &info, &ilen)) {
            in_fence = 1;
            fch = ch;
            fcount = count;
            md = is_markdown_info(info, ilen) && nblocks < 64;
            if (md) blocks[nblocks] = (block_t){h.n, 0, 0};
        } else if (in_fence && fence(l, n, &ch, &count, &info, &ilen) && ch == fch && count >= fcount && !ilen) {
            in_fence = 0;
            if (md) {
                blocks[nblocks].count = h.n - blocks[nblocks].first;
                nblocks++;
            }
        } else if (h2_name(l, n, &name, &nlen)) {
            section_id_t id;
            int canonical = section_match(name, nlen, &id) != SECTION_NO_MATCH;
            if (in_fence && md) {
                rc = push_head(&h, name, nlen);
                blocks[nblocks].canonical += canonical;
            } else if (!in_fence) {
                rc = push_head(&top, name, nlen);
                outside.canonical += canonical;
            }
        }
        a = b + 1;
    }
    if (in_fence && md) {
        blocks[nblocks].count = h.n - blocks[nblocks].first;
        nblocks++;
    }

    const heads_t *from = NULL;
    size_t first = 0, count = 0;
    int best = 2;
    for (size_t k = 0; k < nblocks; k++)
        if (blocks[k].canonical > best) {
            best = blocks[k].canonical;
            from = &h;
            first = blocks[k].first;
            count = blocks[k].count;
        }
    if (!from && outside.canonical >= 3) {
        from = &top;
        count = top.n;
    }
    int result = 0;
    if (rc == 0 && from && count) {
        *names = calloc(count, sizeof **names);
        result = *names ? (int)count : -1;
        for (size_t k = 0; k < count && result > 0; k++) {
            const head_t *head = &from->items[first + k];
            char *s = malloc(head->len + 1);
            if (!s) {
                result = -1;
                break;
            }
            memcpy(s, head->start, head->len);
            s[head->len] = '\0';
            (*names)[k] = s;
        }
        if (result < 0 && *names) {
            for (size_t k = 0; k < count; k++) free((*names)[k]);
            free(*names);
            *names = NULL;
        }
    }
    free(h.items);
    free(top.items);
    return rc < 0 ? -1 : result;
}
