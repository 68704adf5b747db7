/* test_config.c: globs (config_glob_match as .gitignore has them,
 * config_plan_glob_match as plan globs have them), which paths are plans
 * (config_is_plan_path: the default globs, a team's globs, the repository
 * root), which hidden folders the walk enters (config_plan_globs_reach), rule
 * codes and config copies. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sections.h"
#include "unit.h"

#define MATCH(pat, path) CHECK_INT(config_glob_match(pat, path), 1)
#define NO_MATCH(pat, path) CHECK_INT(config_glob_match(pat, path), 0)
#define PLAN_MATCH(pat, path) CHECK_INT(config_plan_glob_match(pat, path), 1)
#define PLAN_NO_MATCH(pat, path) CHECK_INT(config_plan_glob_match(pat, path), 0)

static void test_star(void) {
    MATCH("*.md", "plan.md");
    MATCH("*.md", ".md");
    NO_MATCH("*.md", "docs/plan.md"); /* '*' stays inside one folder */
    NO_MATCH("*.md", "plan.markdown");
    MATCH("docs/*/plan.md", "docs/web/plan.md");
    NO_MATCH("docs/*/plan.md", "docs/web/ui/plan.md");
    NO_MATCH("docs/*/plan.md", "docs/plan.md");
    MATCH("a*b*c", "abc");
    MATCH("a*b*c", "aXXbYYc");
    NO_MATCH("a*b*c", "aXXbYY");
}

static void test_question(void) {
    MATCH("v?.md", "v1.md");
    NO_MATCH("v?.md", "v.md"); /* exactly one character */
    NO_MATCH("v?.md", "v12.md");
    NO_MATCH("a?b", "a/b"); /* never a folder separator */
}

static void test_double_star(void) {
    MATCH("**", "");
    MATCH("docs/**", "docs/"); /* a trailing "**": whole folders, including none */
    NO_MATCH("docs/**", "doc/");
    /* ...and anything below, at any depth. */
    MATCH("**", "a");
    MATCH("**", "a/b/c.md");
    MATCH("docs/**", "docs/a.md");
    MATCH("docs/**", "docs/a/b/c.md");
    NO_MATCH("docs/**", "docs");
    NO_MATCH("docs/**", "documents/a.md");
    MATCH("**/plans/**", "x/plans/2026/a.md");
    MATCH("**/*.md", "a.md"); /* no folders at all */
    MATCH("**/*.md", "a/b/c.md");
    NO_MATCH("**/*.md", "a/b/c.txt");
    MATCH("docs/**/plan.md", "docs/plan.md");
    MATCH("docs/**/plan.md", "docs/a/b/plan.md");
    NO_MATCH("docs/**/plan.md", "docs/aplan.md"); /* whole folders only */
    NO_MATCH("docs/**/plan.md", "documents/plan.md");
    MATCH("**/execplans/**/*.md", "execplans/x.md");
    MATCH("**/execplans/**/*.md", "collab/execplans/x.md");
    MATCH("**/execplans/**/*.md", "collab/execplans/2026/q4/x.md");
    NO_MATCH("**/execplans/**/*.md", "collab/myexecplans/x.md");
    NO_MATCH("**/execplans/**/*.md", "collab/execplans.md");
}

static void test_literal(void) {
    MATCH("docs/plan.md", "docs/plan.md");
    NO_MATCH("docs/plan.md", "docs/plan.mdx");
    NO_MATCH("docs/plan.md", "docs/plan.m");
    NO_MATCH("docs/plan.md", "Docs/plan.md"); /* globs are case-sensitive */
    MATCH("", "");
    NO_MATCH("", "a");
}

/* Plan globs: ASCII case-insensitive, and wildcards never match a name that
 * starts with a dot (.gitignore lines keep git's rules: exact case, dots
 * matched). */
static void test_plan_glob_rules(void) {
    PLAN_MATCH("docs/plan.md", "Docs/Plan.MD");
    PLAN_MATCH("**/execplans/**/*.md", "Work/ExecPlans/x.md");
    PLAN_NO_MATCH("docs/plan.md", "docs/plän.md"); /* ASCII only */
    NO_MATCH("docs/plan.md", "Docs/plan.md");
    /* Hidden folders and files: only a glob that spells the dot reaches them. */
    PLAN_NO_MATCH("**/plans/**/*.md", ".claude/plans/a.md");
    PLAN_NO_MATCH("**/plans/**/*.md", "docs/plans/.drafts/a.md");
    PLAN_NO_MATCH("**/plans/**/*.md", "plans/.a.md");
    PLAN_NO_MATCH("*/plans/*.md", ".x/plans/a.md");
    PLAN_NO_MATCH("?x/plans/*.md", ".x/plans/a.md");
    PLAN_NO_MATCH("plans/**", "plans/.cache/a.md");
    PLAN_MATCH(".claude/plans/*.md", ".claude/plans/a.md");
    PLAN_MATCH("**/.agent/plans/**/*.md", "pkg/web/.agent/plans/a.md");
    PLAN_MATCH(".agent/*.md", ".agent/a.md");
    PLAN_MATCH("*.md", "a.md");
    PLAN_MATCH("a.*", "a.md"); /* a dot inside a name is no hidden name */
    MATCH("**/plans/**/*.md", ".claude/plans/a.md");
    MATCH("*", ".env");
    /* The rest is as for .gitignore lines. */
    PLAN_MATCH("docs/**", "docs/a/b.md");
    PLAN_NO_MATCH("docs/*.md", "docs/a/b.md");
}

/* The default globs (README: any-folders/execplans/any-folders/NAME.md, the
 * same under plans/, and NAME.plan.md) apply when no config or no planGlobs
 * is given. */
static void test_default_globs(void) {
    config_t c;
    config_init(&c);
    const char *root = "/repo";
    CHECK_INT(config_is_plan_path(&c, root, "/repo/collab/execplans/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/execplans/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/plans/2026/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/notes/add-login.plan.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/README.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/myplans/a.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/collab/execplans/notes.txt"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/collab/execplans"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plan.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/exec-plans/active/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/exec-plans/completed/add-login.md"), 1);
    /* Indexes and templates in plan folders are no plans by their path (their
     * content may still make them one). */
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/exec-plans/README.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/collab/execplans/index.md"), 0);
    /* Templates, by name or by folder. */
    CHECK_INT(config_is_plan_path(&c, root, "/repo/collab/execplans/TEMPLATE.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/exec-plans/PLAN_TEMPLATE.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plans/templates/execplan.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/plans/_templates/plan.md"), 0);
    CHECK(config_is_template_path("/repo/plans/execplan-template.md"));
    CHECK(!config_is_template_path("/repo/plans/templating-engine.md"));
    CHECK(!config_is_template_path("/repo/templatesx/plans/a.md"));
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plans/Template.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plans/readme-first.md"), 1);
    /* The agent folders teams keep plans in; other hidden folders are no
     * plan folders by their path. */
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agent/plans/2026-03-01-feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agent/execplans/feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agents/exec-plans/active/feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agents/plans/feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/web/.agent/plans/feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agent/PLANS.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agent/feature.md"), 0); /* its content decides */
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agents/skills/review/SKILL.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.claude/plans/feature.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/.agent/plans/README.md"), 0);
    /* One case rule: ASCII case-insensitive, folders and names alike. */
    CHECK_INT(config_is_plan_path(&c, root, "/repo/Docs/ExecPlans/Feature.MD"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/docs/PLANS/feature.md"), 1);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/notes/Feature.Plan.md"), 1);
    /* Matched from the root: folders above it say nothing. */
    CHECK_INT(config_is_plan_path(&c, "/home/me/plans/app", "/home/me/plans/app/notes.md"), 0);
    CHECK_INT(config_is_plan_path(&c, "/home/me/plans/app", "/home/me/plans/app/plans/a.md"), 1);
    CHECK_INT(config_is_plan_path(&c, "/srv/.work/app", "/srv/.work/app/docs/plans/a.md"), 1);
    /* No config at all is the same as the defaults. */
    CHECK_INT(config_is_plan_path(NULL, root, "/repo/collab/execplans/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(NULL, NULL, "/repo/notes/x.plan.md"), 1);
    CHECK_INT(config_is_plan_path(NULL, root, "/repo/README.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, NULL), 0);
    config_free(&c);
}

/* The defaults are the table config_default_globs: written out as a team's
 * planGlobs, they agree with the defaults on every path. */
static void test_default_globs_written_out(void) {
    config_t def, explicit_;
    config_init(&def);
    config_init(&explicit_);
    size_t n = 0;
    while (config_default_globs[n]) n++;
    CHECK_INT(n, 10);
    explicit_.globs = calloc(n, sizeof *explicit_.globs);
    for (size_t i = 0; explicit_.globs && i < n; i++)
        explicit_.globs[explicit_.nglobs++] = strdup(config_default_globs[i]);
    static const char *const paths[] = {"/repo/.agent/plans/a.md",
                                        "/repo/.agents/skills/a/SKILL.md",
                                        "/repo/.claude/plans/a.md",
                                        "/repo/docs/exec-plans/completed/a.md",
                                        "/repo/collab/execplans/a.md",
                                        "/repo/execplans/a.md",
                                        "/repo/a/b/plans/c/d.md",
                                        "/repo/x.plan.md",
                                        "/repo/docs/x.plan.md",
                                        "/repo/README.md",
                                        "/repo/plans.md",
                                        "/repo/docs/planning/a.md",
                                        "/repo/collab/execplans/a.markdown",
                                        "/repo/execplans/sub/deeper/a.md"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        int a = config_is_plan_path(&def, "/repo", paths[i]), b = config_is_plan_path(&explicit_, "/repo", paths[i]);
        if (a != b) fprintf(stderr, "default globs and written-out globs disagree on %s\n", paths[i]);
        CHECK_INT(a, b);
    }
    config_free(&def);
    config_free(&explicit_);
}

static void set_globs(config_t *c, const char *const *g, size_t n) {
    c->globs = calloc(n ? n : 1, sizeof *c->globs);
    c->nglobs = 0;
    for (size_t i = 0; c->globs && i < n; i++) c->globs[c->nglobs++] = strdup(g[i]);
}

/* A team's planGlobs replace the defaults and are relative to the root. */
static void test_team_globs(void) {
    config_t c;
    config_init(&c);
    static const char *const g[] = {"docs/work/*.md", "/srv/shared/plans/*.md"};
    set_globs(&c, g, 2);
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/docs/work/a.md"), 1);
    CHECK_INT(config_is_plan_path(&c, "/repo/", "/repo/docs/work/a.md"), 1); /* a root with its slash */
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/docs/work/sub/a.md"), 0);
    /* The defaults no longer apply. */
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/collab/execplans/a.md"), 0);
    /* Outside the root a relative glob matches nothing... */
    CHECK_INT(config_is_plan_path(&c, "/repo", "/other/docs/work/a.md"), 0);
    /* ...and a root that is only a prefix of a folder's name is not the folder. */
    CHECK_INT(config_is_plan_path(&c, "/rep", "/repo/docs/work/a.md"), 0);
    /* An absolute glob matches the absolute path. */
    CHECK_INT(config_is_plan_path(&c, "/repo", "/srv/shared/plans/a.md"), 1);
    CHECK_INT(config_is_plan_path(&c, "/repo", "/srv/shared/plans/x/a.md"), 0);
    /* Without a root, relative globs see the path as it is. */
    CHECK_INT(config_is_plan_path(&c, NULL, "docs/work/a.md"), 1);
    config_free(&c);

    /* An empty list: no file is a plan by its path. */
    config_init(&c);
    set_globs(&c, NULL, 0);
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/collab/execplans/a.md"), 0);
    config_free(&c);
}

/* The walk enters a hidden folder only when a plan glob can match a file
 * below it. */
static void test_globs_reach(void) {
    config_t c;
    config_init(&c);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agent"), 1); /* its own files are read too */
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agent/plans"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agent/plans/2026"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agents/"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/web/.agent"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/docs"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agents/skills"), 0);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agent/.cache"), 0);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.claude"), 0);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.local/tool"), 0);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/elsewhere/.agent"), 0); /* outside the root */
    config_free(&c);
    /* A team's globs name the hidden folders to read. */
    config_init(&c);
    static const char *const g[] = {".claude/plans/*.md"};
    set_globs(&c, g, 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.claude"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.claude/plans"), 1);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.claude/plans/old"), 0);
    CHECK_INT(config_plan_globs_reach(&c, "/repo", "/repo/.agent"), 0);
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/.claude/plans/a.md"), 1);
    config_free(&c);
}

static void test_rule_codes(void) {
    CHECK_INT(rule_from_code("missing-section"), RULE_MISSING_SECTION);
    CHECK_INT(rule_from_code("bad-settings"), RULE_BAD_SETTINGS);
    CHECK_INT(rule_from_code("no-such-rule"), -1);
    CHECK_INT(RULE_COUNT, 18);
    CHECK(!rule_info[RULE_EXTRA_SECTION].on && rule_info[RULE_UNKNOWN_SECTION].on);
    for (int i = 0; i < RULE_COUNT; i++) {
        CHECK(rule_info[i].code != NULL && rule_info[i].family != NULL);
        CHECK(rule_info[i].severity >= SEV_ERROR && rule_info[i].severity <= SEV_HINT);
        CHECK_INT(rule_from_code(rule_info[i].code), i);
    }
}

static void test_copy_and_required(void) {
    config_t a, b;
    config_init(&a);
    CHECK_INT(a.dialect, -1);
    CHECK_INT(a.workspace_diagnostics, 1);
    CHECK(a.required == NULL && a.globs == NULL && a.plans_dir == NULL && a.guide_path == NULL);
    for (int i = 0; i < RULE_COUNT; i++) CHECK_INT(a.severity[i], -1);
    static const char *const names[] = {"Progress", "Suprises & Discoveries", "Rollout"};
    CHECK_INT(config_set_required(&a, names, 3), 0);
    CHECK_INT(a.nrequired, 3);
    CHECK_INT(a.required[0].id, SEC_PROGRESS);
    CHECK_INT(a.required[1].id, SEC_SURPRISES); /* a near miss still names the section */
    CHECK_INT(a.required[2].id, -1);            /* the team's own */
    CHECK_STR(a.required[1].name, "Suprises & Discoveries");
    static const char *const g[] = {"docs/*.md"};
    set_globs(&a, g, 1);
    a.plans_dir = strdup("docs/plans");
    a.severity[3] = 0;
    CHECK_INT(config_copy(&b, &a), 0);
    config_free(&a); /* the copy owns its own strings */
    CHECK_INT(b.nrequired, 3);
    CHECK_STR(b.required[2].name, "Rollout");
    CHECK_INT(b.nglobs, 1);
    CHECK_STR(b.globs[0], "docs/*.md");
    CHECK_STR(b.plans_dir, "docs/plans");
    CHECK_INT(b.severity[3], 0);
    config_free(&b);
    CHECK(b.required == NULL && b.nrequired == 0);
}

int main(void) {
    test_star();
    test_question();
    test_double_star();
    test_literal();
    test_plan_glob_rules();
    test_default_globs();
    test_default_globs_written_out();
    test_team_globs();
    test_globs_reach();
    test_rule_codes();
    test_copy_and_required();
    return unit_report("config");
}
