/* test_config.c: plan globs (config_glob_match), which paths are plans
 * (config_is_plan_path: the default globs, a team's globs, the repository
 * root), rule codes and config copies. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sections.h"
#include "unit.h"

#define MATCH(pat, path) CHECK_INT(config_glob_match(pat, path), 1)
#define NO_MATCH(pat, path) CHECK_INT(config_glob_match(pat, path), 0)

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
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plans/Template.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, "/repo/plans/readme-first.md"), 1);
    /* No config at all is the same as the defaults. */
    CHECK_INT(config_is_plan_path(NULL, root, "/repo/collab/execplans/add-login.md"), 1);
    CHECK_INT(config_is_plan_path(NULL, NULL, "/repo/notes/x.plan.md"), 1);
    CHECK_INT(config_is_plan_path(NULL, root, "/repo/README.md"), 0);
    CHECK_INT(config_is_plan_path(&c, root, NULL), 0);
    config_free(&c);
}

/* The defaults and the same three globs written out agree on ordinary paths. */
static void test_default_globs_written_out(void) {
    config_t def, explicit_;
    config_init(&def);
    config_init(&explicit_);
    static const char *const globs[] = {"**/execplans/**/*.md", "**/plans/**/*.md", "**/*.plan.md"};
    explicit_.globs = calloc(3, sizeof *explicit_.globs);
    for (size_t i = 0; explicit_.globs && i < 3; i++) explicit_.globs[explicit_.nglobs++] = strdup(globs[i]);
    static const char *const paths[] = {"/repo/collab/execplans/a.md",
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
    test_default_globs();
    test_default_globs_written_out();
    test_team_globs();
    test_rule_codes();
    test_copy_and_required();
    return unit_report("config");
}
