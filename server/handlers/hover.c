/* hover.c: textDocument/hover over outline.c's hover text. */
#include "hover.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "handlers.h"
#include "lsp.h"
#include "outline.h"

static int handle_hover(ctx_t *c, const rpc_msg_t *m, reply_t *out) {
    doc_t *d;
    size_t off;
    int rc = doc_from_request(c, m, out, &d);
    if (rc < 0 || (rc = offset_from_request(c, m, d, out, &off)) < 0) return rc;
    size_t a, b;
    /* NULL: nothing to say here (a null result), or out of memory, which
     * hover_at does not tell apart. */
    char *text = doc_is_plan(d) ? paths_hover(c, d, off, &a, &b) : NULL;
    if (!text && doc_is_plan(d)) {
        text = hover_at(&d->plan, off, ctx_now(c), &a, &b);
        /* On the title: the plan's summary, for editors that show no code lens. */
        char line[160];
        if (health_title_line(c, d, off, line) == 0) {
            strbuf_t sb = {0};
            if (text) sb_printf(&sb, "%s\n\n", text);
            sb_printf(&sb, "**Plan:** %s", line);
            if (!text) {
                const plan_section_t *s = &d->plan.sections[d->plan.title];
                a = s->start + s->name_start;
                b = a + s->name_len;
            }
            free(text);
            text = sb_take(&sb);
        }
    }
    if (!text) return 0;
    rc = reply_json(out, json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", "markdown", "value", text, "range",
                                   lsp_range_json(&d->text, c->enc, a, b)));
    free(text);
    return rc;
}

static int capabilities(const ctx_t *c, json_t *caps) {
    (void)c;
    return json_object_set_new(caps, "hoverProvider", json_true()) < 0 ? PL_ENOMEM : 0;
}

static const route_t routes[] = {
    {"textDocument/hover", handle_hover, ROUTE_REQUEST},
    {NULL, NULL, 0},
};

const handler_area_t hover_area = {routes, capabilities};
