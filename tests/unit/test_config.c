/* test_config.c: globs (config_glob_match as .gitignore has them,
 * config_plan_glob_match as plan globs have them), which paths are plans
 * (config_is_plan_path: the default globs, a team's globs, the repository
 * root), which hidden folders the walk enters (config_plan_globs_reach), rule
 * codes and config copies. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rnd.h"
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

/* Hostile globs (a .gitignore line, the editor's planGlobs): a backtracking
 * matcher never finished these; this one costs at most the glob's length
 * times the path's. The suite's timeout catches a matcher that hangs. */
static void test_hostile_globs(void) {
    char pat[CONFIG_GLOB_MAX_LEN + 16], path[512];
    /* "*a" twenty times, then "b": against forty a's, no b anywhere. */
    size_t n = 0;
    for (int k = 0; k < 20; k++) pat[n++] = '*', pat[n++] = 'a';
    memcpy(pat + n, "*b", 3);
    memset(path, 'a', 60);
    path[60] = '\0';
    NO_MATCH(pat, path);
    PLAN_NO_MATCH(pat, path);
    path[60] = 'b';
    path[61] = '\0';
    MATCH(pat, path);
    PLAN_MATCH(pat, path);
    /* "**" and "/" three hundred times over a path forty folders deep. */
    n = 0;
    for (int k = 0; k < 300; k++) memcpy(pat + n, "**/", 3), n += 3;
    memcpy(pat + n, "x.md", 5);
    n = 0;
    for (int k = 0; k < 40; k++) memcpy(path + n, "ab/", 3), n += 3;
    memcpy(path + n, "y.md", 5);
    NO_MATCH(pat, path);
    PLAN_NO_MATCH(pat, path);
    memcpy(path + n, "x.md", 5);
    MATCH(pat, path);
    PLAN_MATCH(pat, path);
    /* At the length cap exactly. */
    n = 0;
    while (n + 3 <= CONFIG_GLOB_MAX_LEN - 4) memcpy(pat + n, "**/", 3), n += 3;
    while (n < CONFIG_GLOB_MAX_LEN - 3) pat[n++] = '*';
    memcpy(pat + n, "x.m", 4);
    CHECK_INT(strlen(pat), CONFIG_GLOB_MAX_LEN);
    NO_MATCH(pat, path);
    path[strlen(path) - 1] = '\0';
    MATCH(pat, path); /* ab/ab/.../x.m */
    /* One byte over the cap matches nothing, not even what it spells. */
    memset(pat, 'a', CONFIG_GLOB_MAX_LEN + 1);
    pat[CONFIG_GLOB_MAX_LEN + 1] = '\0';
    NO_MATCH(pat, pat);
    pat[CONFIG_GLOB_MAX_LEN] = '\0';
    MATCH(pat, pat);
}

/* Only the first CONFIG_MAX_GLOBS of a team's planGlobs count. */
static void test_glob_count_cap(void) {
    config_t c;
    config_init(&c);
    c.globs = calloc(CONFIG_MAX_GLOBS + 1, sizeof *c.globs);
    for (size_t i = 0; c.globs && i < CONFIG_MAX_GLOBS + 1; i++) {
        char g[32];
        snprintf(g, sizeof g, "plans%zu/*.md", i);
        c.globs[c.nglobs++] = strdup(g);
    }
    char last[48];
    snprintf(last, sizeof last, "/repo/plans%d/a.md", CONFIG_MAX_GLOBS - 1);
    CHECK_INT(config_is_plan_path(&c, "/repo", last), 1);
    snprintf(last, sizeof last, "/repo/plans%d/a.md", CONFIG_MAX_GLOBS);
    CHECK_INT(config_is_plan_path(&c, "/repo", last), 0);
    config_free(&c);
}

/* The matcher as it was (recursive, backtracking), for small cases only: the
 * automaton must agree with it on every glob and path. */
enum { REF_FOLD = 1, REF_NO_HIDDEN = 2, REF_BELOW = 4 };

static int ref_name_starts(const char *start, const char *p) { return p == start || p[-1] == '/'; }

static int ref_hidden(const char *start, const char *p, int flags) {
    return (flags & REF_NO_HIDDEN) && *p == '.' && ref_name_starts(start, p);
}

static int ref_match(const char *pat, const char *path, const char *start, int flags) {
    while (*pat) {
        if ((flags & REF_BELOW) && !*path) return 1;
        if (pat[0] == '*' && pat[1] == '*') {
            pat += 2;
            if (*pat == '/') pat++;
            for (const char *p = path;; p++) {
                if ((ref_name_starts(start, p) || !*p) && ref_match(pat, p, start, flags)) return 1;
                if (!*p || ref_hidden(start, p, flags)) return 0;
            }
        }
        if (*pat == '*') {
            if (ref_hidden(start, path, flags)) return 0;
            for (const char *p = path;; p++) {
                if (ref_match(pat + 1, p, start, flags)) return 1;
                if (!*p || *p == '/') return 0;
            }
        }
        if (!*path) return 0;
        if (*pat == '?') {
            if (*path == '/' || ref_hidden(start, path, flags)) return 0;
        } else if (*pat != *path &&
                   (!(flags & REF_FOLD) || tolower((unsigned char)*pat) != tolower((unsigned char)*path))) {
            return 0;
        }
        pat++;
        path++;
    }
    return *path == '\0';
}

static void random_string(rnd_t *r, char *out, size_t max, const char *const *pieces, unsigned npieces) {
    size_t n = 0, k = rnd_below(r, 7);
    out[0] = '\0';
    while (k-- > 0) {
        const char *piece = pieces[rnd_below(r, npieces)];
        if (n + strlen(piece) + 1 > max) break;
        memcpy(out + n, piece, strlen(piece) + 1);
        n += strlen(piece);
    }
}

static void test_glob_agrees_with_backtracking(void) {
    static const char *const pat_pieces[] = {"a", "A", "b", ".", "/", "*", "**", "**/", "?", "a/", ".a"};
    static const char *const path_pieces[] = {"a", "A", "b", ".", "/", "a/", "b/", ".a/", "ab"};
    rnd_t r = {0x5EEDull};
    int disagree = 0;
    for (int k = 0; k < 200000; k++) {
        char pat[64], path[64];
        random_string(&r, pat, sizeof pat, pat_pieces, sizeof pat_pieces / sizeof *pat_pieces);
        random_string(&r, path, sizeof path, path_pieces, sizeof path_pieces / sizeof *path_pieces);
        int got[3], want[3];
        got[0] = config_glob_match(pat, path), want[0] = ref_match(pat, path, path, 0);
        got[1] = config_plan_glob_match(pat, path), want[1] = ref_match(pat, path, path, REF_FOLD | REF_NO_HIDDEN);
        /* Below a folder: what config_plan_globs_reach asks, with no root. */
        config_t c;
        config_init(&c);
        c.globs = calloc(1, sizeof *c.globs);
        if (c.globs) c.globs[c.nglobs++] = strdup(pat);
        char folder[66];
        snprintf(folder, sizeof folder, "%s/", path);
        if (!path[0] || path[strlen(path) - 1] == '/') snprintf(folder, sizeof folder, "%s", path);
        got[2] = path[0] && path[0] != '/' && pat[0] != '/' ? config_plan_globs_reach(&c, NULL, path) : 0;
        want[2] = path[0] && path[0] != '/' && pat[0] != '/'
                      ? ref_match(pat, folder, folder, REF_FOLD | REF_NO_HIDDEN | REF_BELOW)
                      : 0;
        config_free(&c);
        for (int m = 0; m < 3; m++) {
            if (got[m] == want[m]) continue;
            if (disagree++ < 5)
                fprintf(stderr, "glob '%s' path '%s' mode %d: %d, backtracking says %d\n", pat, path, m, got[m],
                        want[m]);
        }
    }
    CHECK_INT(disagree, 0);
}

static void test_rule_codes(void) {
    CHECK_INT(rule_from_code("missing-section"), RULE_MISSING_SECTION);
    CHECK_INT(rule_from_code("bad-settings"), RULE_BAD_SETTINGS);
    CHECK_INT(rule_from_code("no-such-rule"), -1);
    CHECK_INT(rule_from_code("missing-path"), RULE_MISSING_PATH);
    CHECK_INT(RULE_COUNT, 24);
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
    test_hostile_globs();
    test_glob_count_cap();
    test_glob_agrees_with_backtracking();
    test_rule_codes();
    test_copy_and_required();
    return unit_report("config");
}
