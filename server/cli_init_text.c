/* cli_init_text.c: the texts `planls init` writes (see cli_init_text.h). */
#include "cli_init_text.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "plan.h"
#include "rule_codes.h"
#include "skeleton.h"
#include "strbuf.h"

#define MD_BEGIN "<!-- " INIT_BEGIN ": written by `planls init`, which updates what is between these markers -->\n"
#define MD_END "<!-- " INIT_END " -->\n"

char *init_guide_text(const config_t *cfg, const char *plans_dir, int64_t now) {
    plan_t p;
    plan_init(&p);
    p.config = cfg;
    p.dialect = cfg && cfg->dialect >= 0 ? (dialect_t)cfg->dialect : DIALECT_GUIDE;
    char stamp[40];
    skeleton_stamp(&p, now, stamp);
    char *skeleton = skeleton_new_plan(cfg, "Short, action-oriented title", NULL, now);
    if (!skeleton) return NULL;
    strbuf_t b = {0};
    sb_printf(&b,
              "# PLANS.md: how this repository writes ExecPlans\n\n"
              "An ExecPlan is a living document for a piece of work that spans hours or several sessions:\n"
              "what it is for, the steps, what happened (timestamped), what surprised us, what we decided\n"
              "and why, and how it ended. Anyone, human or agent, should be able to resume the work from\n"
              "the plan and the working tree alone.\n\n"
              "## When to write one\n\n"
              "Write a plan for work with several steps or sessions, several people or agents, or decisions\n"
              "worth tracing later. A small fix or a one-file change needs none.\n\n"
              "## Rules\n\n"
              "- One plan per piece of work, in `%s/`: `planls new \"Title\"` starts one from the skeleton below.\n"
              "- Keep Progress, Surprises & Discoveries, Decision Log and Outcomes & Retrospective current\n"
              "  as the work proceeds, not at the end.\n",
              plans_dir);
    if (p.dialect == DIALECT_COOKBOOK)
        sb_printf(&b,
                  "- Every Progress step is a checkbox with the time it was done, in UTC:\n"
                  "  `- [x] %s Wrote the migration`; open steps are `- [ ] Next step`.\n"
                  "- Decisions say why: `- Decision: ...` then `Rationale: ...`.\n",
                  stamp);
    else
        sb_printf(&b,
                  "- To-do items are checkboxes: `- [ ] Write the migration`.\n"
                  "- Progress, Surprises and Decision Log entries start with the time, in UTC:\n"
                  "  `- %s Wrote the migration`.\n"
                  "- Every decision gives its rationale (`- Rationale: ...` under it).\n"
                  "- Update the Last Updated footer with each change.\n",
                  stamp);
    sb_printf(&b,
              "- Run `planls check` before committing: it reports what is missing or malformed.\n\n"
              "## Skeleton\n\n"
              "Every plan has these sections, in this order (`planls new` writes them):\n\n"
              "```markdown\n%s```\n",
              skeleton);
    free(skeleton);
    return sb_take(&b);
}

char *init_agents_block(const char *plans_dir, const char *guide_rel) {
    strbuf_t b = {0};
    sb_printf(&b,
              MD_BEGIN
              "## ExecPlans\n\n"
              "For work that spans hours or several sessions, keep an ExecPlan in `%s/` as `%s` says:\n"
              "start it with `planls new \"Title\"`, keep its Progress, Surprises & Discoveries, Decision Log\n"
              "and Outcomes & Retrospective current while you work (timestamps in UTC), and run\n"
              "`planls check` before you commit.\n" MD_END,
              plans_dir, guide_rel);
    return sb_take(&b);
}

char *init_readme_block(const char *plans_dir, const char *guide_rel) {
    strbuf_t b = {0};
    sb_printf(&b, MD_BEGIN "Multi-step work is planned in ExecPlans (`%s/`); [%s](%s) says how to write one.\n" MD_END,
              plans_dir, guide_rel, guide_rel);
    return sb_take(&b);
}

/* s as a JSON string, quotes included. */
static void add_json_string(strbuf_t *b, const char *s) {
    sb_add(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            sb_printf(b, "\\u%04x", *p);
        else
            sb_addn(b, (const char *)p, 1);
    }
    sb_add(b, "\"");
}

char *init_settings_json(const char *plans_dir) {
    strbuf_t b = {0};
    /* No "dialect": "auto" here, as this file is read after the plan guide,
     * would undo the dialect the guide's skeleton gives. */
    sb_add(&b, "{\n  \"planGlobs\": [");
    for (size_t i = 0; config_default_globs[i]; i++) {
        sb_add(&b, i ? ",\n    " : "\n    ");
        add_json_string(&b, config_default_globs[i]);
    }
    sb_add(&b, "\n  ],\n  \"plansDirectory\": ");
    add_json_string(&b, plans_dir);
    sb_add(&b, ",\n  \"workspaceDiagnostics\": true,\n  \"timezone\": \"UTC\",\n  \"rules\": {");
    for (int r = 0; r < RULE_COUNT; r++) {
        sb_add(&b, r ? ",\n    " : "\n    ");
        add_json_string(&b, rule_info[r].code);
        sb_printf(&b, ": \"%s\"", rule_info[r].on ? severity_name(rule_info[r].severity) : "off");
    }
    sb_add(&b, "\n  }\n}\n");
    return sb_take(&b);
}

/* s as an extended regular expression matching itself (pre-commit's `files`). */
static void add_regex_literal(strbuf_t *b, const char *s) {
    for (; *s; s++) {
        if (strchr(".^$*+?()[]{}|\\", *s)) sb_add(b, "\\");
        if (*s == '\'') sb_add(b, "'"); /* YAML single quotes double a quote */
        sb_addn(b, s, 1);
    }
}

char *init_precommit_block(const char *plans_dir, const char *guide_rel, const char *indent) {
    strbuf_t b = {0};
    sb_printf(&b,
              "%s# " INIT_BEGIN ": written by `planls init`, which updates what is between these markers\n"
              "%s- repo: local\n"
              "%s  hooks:\n"
              "%s    - id: planls\n"
              "%s      name: planls check (ExecPlans)\n"
              "%s      entry: planls check\n"
              "%s      language: system\n"
              "%s      pass_filenames: false\n"
              "%s      files: '^(",
              indent, indent, indent, indent, indent, indent, indent, indent, indent);
    add_regex_literal(&b, plans_dir);
    sb_add(&b, "/.*\\.md|");
    add_regex_literal(&b, guide_rel);
    sb_add(&b, "|\\.planls\\.json)$'\n");
    sb_printf(&b, "%s# " INIT_END "\n", indent);
    return sb_take(&b);
}

/* The start of the line holding at. */
static const char *line_start(const char *text, const char *at) {
    while (at > text && at[-1] != '\n') at--;
    return at;
}

/* Just past the line holding at (its newline included). */
static const char *line_end(const char *at) {
    const char *nl = strchr(at, '\n');
    return nl ? nl + 1 : at + strlen(at);
}

char *init_splice(const char *text, const char *block, int *result) {
    strbuf_t b = {0};
    const char *begin = strstr(text, INIT_BEGIN);
    if (begin) {
        const char *from = line_start(text, begin), *body = line_end(begin);
        const char *end = strstr(body, INIT_END);
        if (!end) {
            *result = -1;
            return NULL;
        }
        const char *to = line_end(end);
        size_t old = (size_t)(to - from);
        *result = old == strlen(block) && memcmp(from, block, old) == 0 ? 0 : 1;
        sb_addn(&b, text, (size_t)(from - text));
        sb_add(&b, block);
        sb_add(&b, to);
    } else {
        *result = 2;
        size_t n = strlen(text);
        sb_add(&b, text);
        if (n && text[n - 1] != '\n') sb_add(&b, "\n");
        if (n) sb_add(&b, "\n");
        sb_add(&b, block);
    }
    return sb_take(&b);
}
