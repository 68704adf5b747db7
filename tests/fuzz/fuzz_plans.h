/* fuzz_plans.h: starting documents shared by the fuzz targets (both dialects,
 * front matter, CRLF, a fenced heading, setext headings, non-ASCII). */
#ifndef PLANLS_FUZZ_PLANS_H
#define PLANLS_FUZZ_PLANS_H

static const char *const fuzz_plans[] = {
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

#define FUZZ_NPLANS (sizeof fuzz_plans / sizeof fuzz_plans[0])

/* The fixed clock of the fuzzers: 2026-11-25 17:03 UTC, in minutes. */
#define FUZZ_NOW ((int64_t)29927103)

#endif
