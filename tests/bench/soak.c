/* soak.c: a long session in-process, through the real message path
 * (framing, JSON-RPC, handlers, the incremental model):
 *   - one document receives N random incremental edits (default 1,000,000);
 *     resident memory at the end must be within 10 % of resident memory after
 *     the first 10,000, and the server's text must equal the expected text;
 *   - 10,000 open/change/close cycles over 100 URIs leave no document open.
 * A benchmark, not a test: it reports numbers. Under LeakSanitizer (the ASan
 * build) a leak fails the run at exit.
 *   usage: planls-soak [EDITS] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framing.h"
#include "rnd.h"
#include "server.h"

static void discard(void *ctx, char *buf, size_t len) {
    (void)ctx;
    (void)len;
    free(buf);
}

static void send(server_t *s, json_t *msg) {
    size_t n;
    char *buf = rpc_encode(msg, &n);
    json_decref(msg);
    server_feed(s, buf, n);
    free(buf);
    server_process(s);
}

static long rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kib = atol(line + 6);
    if (f) fclose(f);
    return kib;
}

static rnd_t rng = {0x2545F4914F6CDD1Dull};

static const char *const pieces[] = {"x",
                                     " ",
                                     "\n",
                                     "- [2026-01-02 10:00 UTC] done\n",
                                     "## Progress\n",
                                     "😀",
                                     "中",
                                     "  - Rationale: r\n",
                                     "- [ ] task\n",
                                     "```\n",
                                     ""};

int main(int argc, char **argv) {
    long edits = argc > 1 ? atol(argv[1]) : 1000000;
    server_t s;
    server_init(&s, discard, NULL);
    s.ctx.now_override = 29000000;
    send(&s, json_pack("{s:s,s:i,s:s,s:{s:{s:{s:[s]}}}}", "jsonrpc", "2.0", "id", 1, "method", "initialize", "params",
                       "capabilities", "general", "positionEncodings", "utf-8"));
    const char *uri = "file:///soak/execplans/plan.md";
    /* The expected text is kept here, in bytes (the session uses utf-8 positions). */
    size_t cap = 1 << 20, len = 0;
    char *text = malloc(cap);
    len = (size_t)snprintf(text, cap, "# Soak\n\nKeep Progress current.\n\n## Progress\n\n");
    for (int k = 0; k < 400; k++)
        len +=
            (size_t)snprintf(text + len, cap - len, "- [2026-01-01 %02d:%02d UTC] step %d\n", k / 60 % 24, k % 60, k);
    send(&s,
         json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s%}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen", "params",
                   "textDocument", "uri", uri, "languageId", "markdown", "version", 1, "text", text, len));
    long rss_early = 0;
    for (long k = 0; k < edits; k++) {
        /* Keep the document between 12 and 24 KiB: the run measures growth of
         * the server, not of the text. */
        int shrink = len > 24576, grow = len < 12288;
        size_t a = rnd_below(&rng, (unsigned)len + 1);
        size_t b = a + (shrink || (!grow && rnd_below(&rng, 2)) ? rnd_below(&rng, 48) : 0);
        if (b > len) b = len;
        const char *p = shrink ? "" : pieces[rnd_below(&rng, 11)];
        size_t n = strlen(p);
        /* Positions are byte offsets: find the line and column of a and b. */
        size_t la = 0, ca = 0, lb = 0, cb = 0;
        for (size_t i = 0; i < b; i++) {
            if (i < a) {
                if (text[i] == '\n')
                    la++, ca = 0;
                else
                    ca++;
            }
            if (text[i] == '\n')
                lb++, cb = 0;
            else
                cb++;
        }
        /* Edits land on character boundaries, as an editor's do. */
        while (a < len && ((unsigned char)text[a] & 0xC0) == 0x80) a++, ca++;
        if (b < a) b = a, lb = la, cb = ca;
        while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++, cb++;
        if (len - (b - a) + n + 1 > cap) break;
        memmove(text + a + n, text + b, len - b);
        memcpy(text + a, p, n);
        len = len - (b - a) + n;
        send(&s, json_pack("{s:s,s:s,s:{s:{s:s,s:I},s:[{s:{s:{s:I,s:I},s:{s:I,s:I}},s:s}]}}", "jsonrpc", "2.0",
                           "method", "textDocument/didChange", "params", "textDocument", "uri", uri, "version",
                           (json_int_t)k + 2, "contentChanges", "range", "start", "line", (json_int_t)la, "character",
                           (json_int_t)ca, "end", "line", (json_int_t)lb, "character", (json_int_t)cb, "text", p));
        if (k + 1 == 10000) rss_early = rss_kib();
    }
    doc_t *d = store_find(&s.store, uri);
    int same = d && d->text.len == len && memcmp(d->text.data, text, len) == 0;
    long rss_end = rss_kib();
    printf("edits: %ld; final text %zu bytes, %s the expected text\n", edits, len,
           same ? "equal to" : "DIFFERENT from");
    if (rss_early > 0)
        printf("RSS after 10,000 edits: %ld KiB; at the end: %ld KiB (%+.1f %%, budget +10 %%): %s\n", rss_early,
               rss_end, 100.0 * (double)(rss_end - rss_early) / (double)rss_early,
               rss_end <= rss_early * 11 / 10 ? "PASS" : "FAIL");

    /* Open, change and close 100 documents, 100 times over. */
    for (int k = 0; k < 10000; k++) {
        char u[64];
        snprintf(u, sizeof u, "file:///soak/execplans/p%d.md", k % 100);
        send(&s, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                           "params", "textDocument", "uri", u, "languageId", "markdown", "version", 1, "text",
                           "# T\n\n## Progress\n\n- x\n"));
        send(&s, json_pack("{s:s,s:s,s:{s:{s:s,s:i},s:[{s:s}]}}", "jsonrpc", "2.0", "method", "textDocument/didChange",
                           "params", "textDocument", "uri", u, "version", 2, "contentChanges", "text",
                           "# T\n\n## Progress\n\n- [2026-01-01 10:00 UTC] y\n"));
        send(&s, json_pack("{s:s,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didClose", "params",
                           "textDocument", "uri", u));
    }
    printf("open/change/close cycles: 10,000 over 100 URIs; documents still open: %zu (the soak document only)\n",
           s.store.n);
    int ok = same && s.store.n == 1 && (rss_early <= 0 || rss_end <= rss_early * 11 / 10);
    server_free(&s);
    free(text);
    return ok ? 0 : 1;
}
