/* plans.h: sample plans shared by the unit tests and the fuzz targets:
 * sample_model_plan, whose model test_plan.c checks piece by piece, and the
 * starting documents of the fuzzers and of the incremental tests (both
 * dialects, front matter, CRLF, a fenced heading, setext headings, non-ASCII).
 * tests/fuzz/make_seeds.py reads sample_plans[] from this file: run it after
 * changing them (the committed corpora point into their bytes). */
#ifndef PLANLS_TEST_PLANS_H
#define PLANLS_TEST_PLANS_H

#include <stdint.h>

/* The model test_plan.c checks: front matter with last_updated, a setext
 * heading, closing hashes, a fenced heading, non-ASCII, dated 2025. */
static const char *const sample_model_plan =
    "---\n"
    "title: x\n"
    "last_updated: 2025-01-19\n"
    "---\n"
    "# Add OAuth login\n"
    "\n"
    "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work proceeds.\n"
    "\n"
    "## Purpose / Big Picture\n"
    "Users log in with GitHub. \xF0\x9F\x98\x80 \xE4\xB8\xAD\n"
    "\n"
    "## To-do\n"
    "- [ ] Register app\n"
    "- [x] \xE2\x8F\xB8\xEF\xB8\x8F Google (BLOCKED: domain)\n"
    "- Write callback\n"
    "\n"
    "Progress ##\n"
    "-----------\n"
    "- [2025-01-20 14:00 UTC] Evaluated libraries\n"
    "- [2025-01-20 13:00 UTC] Registered app\n"
    "- Did some database work\n"
    "\n"
    "## Surprises & discoveries ##\n"
    "- [2025-01-20 14:45 UTC] GitHub needs two apps\n"
    "  - Impact: two apps\n"
    "\n"
    "## Decision Log\n"
    "- [2025-01-20 14:15 UTC] Chose Auth.js\n"
    "  - Rationale: types\n"
    "- [2025-01-20 14:20 UTC] Chose Postgres\n"
    "\n"
    "```md\n"
    "## Not a heading\n"
    "```\n"
    "\n"
    "## Outcomes & Retrospective\n"
    "\n"
    "---\n"
    "**Created**: [2025-01-20 13:00 UTC]\n"
    "**Last Updated**: [2025-01-20 13:30 UTC]\n";

static const char *const sample_plans[] = {
    /* 0: guide dialect, most features, several problems */
    "# Add OAuth login\n"
    "\n"
    "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work proceeds.\n"
    "\n"
    "## Purpose / Big Picture\n"
    "\n"
    "Users sign in with GitHub. \xF0\x9F\x98\x80 \xE4\xB8\xAD\n"
    "\n"
    "## To-do\n"
    "\n"
    "- [x] Register the GitHub OAuth app\n"
    "- [ ] \xE2\x8F\xB8\xEF\xB8\x8F Google (BLOCKED: domain)\n"
    "- Update the login page\n"
    "\n"
    "## Progress\n"
    "\n"
    "- [2026-11-20 14:00 UTC] Evaluated libraries\n"
    "- [2026-11-20 25:10 UTC] Implemented the callback\n"
    "- [2026-11-20 13:00 UTC] Registered app\n"
    "- Wired the session cookie\n"
    "\n"
    "## Suprises & Discoveries\n"
    "\n"
    "- [2026-11-20 14:45 UTC] GitHub needs two apps\n"
    "  - Impact: two apps\n"
    "\n"
    "## Decision Log\n"
    "\n"
    "- [2026-11-20 14:15 UTC] Chose Auth.js\n"
    "  - Rationale: types\n"
    "- [2026-11-20T15:00Z] Store tokens in PostgreSQL\n"
    "\n"
    "```md\n"
    "## Not a heading\n"
    "```\n"
    "\n"
    "## Outcomes & Retrospective\n"
    "\n"
    "## Plan of Work\n"
    "\n"
    "1. Register.\n"
    "\n"
    "---\n"
    "**Created**: [2026-11-20 13:00 UTC]\n"
    "**Last Updated**: [2026-11-20 13:30 UTC]\n",

    /* 1: cookbook dialect */
    "# Add OAuth login\n"
    "\n"
    "This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and "
    "`Outcomes & Retrospective` must be kept up to date as work proceeds.\n"
    "\n"
    "## Purpose / Big Picture\n"
    "\n"
    "Let users sign in with GitHub.\n"
    "\n"
    "## Progress\n"
    "\n"
    "- [x] (2026-11-20 14:00Z) Evaluated libraries.\n"
    "- [ ] Implement the callback (completed: route; remaining: tokens).\n"
    "- [x] Checked without a stamp\n"
    "\n"
    "## Surprises & Discoveries\n"
    "\n"
    "- Observation: GitHub needs two apps.\n"
    "  Evidence: the dev callback was rejected.\n"
    "\n"
    "## Decision Log\n"
    "\n"
    "- Decision: Use Auth.js.\n"
    "  Rationale: better types.\n"
    "  Date/Author: 2026-11-20 / dev\n"
    "\n"
    "## Outcomes & Retrospective\n"
    "\n"
    "## Validation and Acceptance\n"
    "\n"
    "- [ ] Tests pass\n"
    "\n"
    "    npm test -- auth\n"
    "\n"
    "Revision note (2026-11-20): first version.\n",

    /* 2: front matter, CRLF, setext headings, closing hashes */
    "---\r\n"
    "title: x\r\n"
    "last_updated: 2025-01-19\r\n"
    "---\r\n"
    "Ship it\r\n"
    "=======\r\n"
    "\r\n"
    "Progress ##\r\n"
    "-----------\r\n"
    "- [2025-01-20 14:00 UTC] Evaluated libraries\r\n"
    "- [2025-01-20 13:00] no zone\r\n"
    "\r\n"
    "## Decision Log ##\r\n"
    "- [2025-01-20 14:20 UTC] Chose Postgres because it is there\r\n"
    "> ## quoted heading\r\n"
    "<!-- comment -->\r\n"
    "## Milestones\r\n"
    "\r\n",

    /* 3: nearly empty */
    "# T\n",
};

#define SAMPLE_NPLANS (sizeof sample_plans / sizeof sample_plans[0])

/* A plan with a long prose section (fuzz_edits: the block windows of
 * plan.c's prose path). */
static const char sample_prose_plan[] = "# Prose\n"
                                        "\n"
                                        "## Progress\n"
                                        "\n"
                                        "- [2025-01-20 14:00 UTC] start\n"
                                        "\n"
                                        "## Context and Orientation\n"
                                        "\n"
                                        "Intro paragraph,\n"
                                        "on two lines.\n"
                                        "\n"
                                        "```sh\n"
                                        "make\n"
                                        "\n"
                                        "make test\n"
                                        "```\n"
                                        "\n"
                                        "    indented code\n"
                                        "\n"
                                        "    more code\n"
                                        "\n"
                                        "> a quote\n"
                                        "lazy line\n"
                                        "\n"
                                        "<!-- note -->\n"
                                        "\n"
                                        "- item\n"
                                        "- another\n"
                                        "\n"
                                        "After the list.\n"
                                        "Second line \xE4\xB8\xAD.\n"
                                        "\n"
                                        "---\n"
                                        "\n"
                                        "### Detail\n"
                                        "Under the detail.\n"
                                        "~~~\n"
                                        "fenced\n"
                                        "~~~\n"
                                        "Last paragraph.\n"
                                        "\n"
                                        "## Artifacts and Notes\n"
                                        "\n"
                                        "Notes.\n"
                                        "\n"
                                        "**Last Updated**: [2025-01-21 10:00 UTC]\n";

/* The fixed clock of the fuzzers and tests: 2026-11-25 17:03 UTC, in minutes. */
#define SAMPLE_NOW ((int64_t)29927103)

/* Pieces of plan syntax that random edits insert (the unit tests' random
 * edits and fuzz_edits, whose inputs index this table: append, never
 * reorder). */
static const char *const sample_pieces[] = {
    "x",
    " ",
    "\n",
    "\r\n",
    "\r",
    "#",
    "## ",
    "## Progress\n",
    "## Decision Log\n",
    "# Title\n",
    "```\n",
    "```md\n",
    "~~~\n",
    "- ",
    "- [ ] ",
    "- [x] ",
    "- [2025-01-20 14:00 UTC] done\n",
    "  - Rationale: r\n",
    "(2025-10-01 13:00Z) ",
    "\xF0\x9F\x98\x80",
    "\xE4\xB8\xAD",
    "---\n",
    "===\n",
    "<!-- c -->\n",
    "<div>\n",
    "> quote\n",
    "**Last Updated**: [2025-01-21 10:00 UTC]\n",
    "    code\n",
    "1. item\n",
    "\n\n",
    "Setext\n---\n",
    "## Risks\n",
    "## Suprises\n",
    "## To-do\n\n- [ ] t\n",
    "---\ntitle: t\nlast_updated: 2025-01-02\n---\n",
    "Keep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective current as work proceeds.\n",
    "This ExecPlan is a living document.\n",
    "- [x] (2026-11-20 14:00Z) ",
    "Revision note (2026-11-20): r\n",
    "\t",
    "\\",
    "`",
    "<",
    "-->",
    "\n## Outcomes & Retrospective\n",
    "- \xE2\x8F\xB8\xEF\xB8\x8F [2026-11-20 10:00 UTC] ",
    "]",
    ")",
    "[",
    "because",
    "\0",
    "\xff",
};
#define SAMPLE_NPIECES (sizeof sample_pieces / sizeof sample_pieces[0])

#endif
