/* test_settings.c: settings JSON -> config_t (settings_apply_text), a repository's
 * settings from its plan guide and .planls.json (settings_load_root) with
 * bad settings reported as "bad-settings" diagnostics on the file, a guide a
 * plan names (settings_for_named_guide) and finding the repository root
 * (settings_find_root). The repository tests build small trees under a fresh
 * temporary folder and remove them afterwards. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"
#include "sections.h"
#include "settings.h"
#include "unit.h"

static int starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* ---- settings_apply_text ------------------------------------------------------ */

/* Applies a JSON text onto cfg; returns the error sentences (caller frees, "" when none). */
static char *apply(config_t *cfg, const char *json) {
    strbuf_t errs = {0};
    settings_apply_text(cfg, json, &errs);
    char *s = sb_take(&errs);
    return s ? s : strdup("");
}

#define APPLY_OK(cfg, json)                                                                                            \
    do {                                                                                                               \
        char *e_ = apply(cfg, json);                                                                                   \
        if (e_ && e_[0]) fprintf(stderr, "unexpected errors: %s", e_);                                                 \
        CHECK(e_ &&e_[0] == '\0');                                                                                     \
        free(e_);                                                                                                      \
    } while (0)
#define APPLY_ERR(cfg, json, sentence)                                                                                 \
    do {                                                                                                               \
        char *e_ = apply(cfg, json);                                                                                   \
        CHECK_STR(e_, sentence);                                                                                       \
        free(e_);                                                                                                      \
    } while (0)

static void test_dialect(void) {
    config_t c;
    config_init(&c);
    APPLY_OK(&c, "{\"dialect\": \"cookbook\"}");
    CHECK_INT(c.dialect, DIALECT_COOKBOOK);
    APPLY_OK(&c, "{\"dialect\": \"guide\"}");
    CHECK_INT(c.dialect, DIALECT_GUIDE);
    APPLY_OK(&c, "{\"dialect\": \"auto\"}");
    CHECK_INT(c.dialect, -1);
    c.dialect = DIALECT_COOKBOOK;
    APPLY_ERR(&c, "{\"dialect\": \"recipe\"}", "dialect must be \"auto\", \"guide\" or \"cookbook\"\n");
    CHECK_INT(c.dialect, DIALECT_COOKBOOK); /* a bad value keeps the one before */
    APPLY_ERR(&c, "{\"dialect\": 1}", "dialect must be \"auto\", \"guide\" or \"cookbook\"\n");
    config_free(&c);
}

static void test_required(void) {
    config_t c;
    config_init(&c);
    APPLY_OK(&c, "{\"requiredSections\": [\"Purpose / Big Picture\", {\"name\": \"進捗\", \"as\": \"Progress\"}, "
                 "\"Rollout\"]}");
    CHECK_INT(c.nrequired, 3);
    if (c.nrequired == 3) {
        CHECK_STR(c.required[0].name, "Purpose / Big Picture");
        CHECK_INT(c.required[0].id, SEC_PURPOSE);
        CHECK_STR(c.required[1].name, "進捗");
        CHECK_INT(c.required[1].id, SEC_PROGRESS); /* mapped onto Progress */
        CHECK_STR(c.required[2].name, "Rollout");
        CHECK_INT(c.required[2].id, -1); /* the team's own */
    }
    /* Each bad form is named, and the list before stays. */
    APPLY_ERR(&c, "{\"requiredSections\": []}", "requiredSections must be a list of 1 to 64 section names\n");
    APPLY_ERR(&c, "{\"requiredSections\": \"Progress\"}", "requiredSections must be a list of 1 to 64 section names\n");
    APPLY_ERR(&c, "{\"requiredSections\": [\"Progress\", 7]}",
              "requiredSections[1] must be a name or {\"name\", \"as\"}\n");
    APPLY_ERR(&c, "{\"requiredSections\": [{\"name\": \"Suivi\", \"as\": \"Tracking\"}]}",
              "requiredSections[0].as must name a canonical section such as \"Progress\"\n");
    CHECK_INT(c.nrequired, 3);
    CHECK_STR(c.nrequired ? c.required[1].name : NULL, "進捗");
    /* 65 names is one too many. */
    char big[65 * 4 + 64] = "{\"requiredSections\": [";
    for (int i = 0; i < 65; i++) strcat(big, i ? ",\"x\"" : "\"x\"");
    strcat(big, "]}");
    APPLY_ERR(&c, big, "requiredSections must be a list of 1 to 64 section names\n");
    config_free(&c);
}

static void test_globs_rules_and_others(void) {
    config_t c;
    config_init(&c);
    APPLY_OK(&c, "{\"planGlobs\": [\"docs/plans/**/*.md\", \"*.plan.md\"]}");
    CHECK_INT(c.nglobs, 2);
    CHECK_STR(c.nglobs ? c.globs[0] : NULL, "docs/plans/**/*.md");
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/docs/plans/a.md"), 1);
    CHECK_INT(config_is_plan_path(&c, "/repo", "/repo/collab/execplans/a.md"), 0);
    APPLY_ERR(&c, "{\"planGlobs\": \"docs/*.md\"}", "planGlobs must be a list of glob patterns\n");
    APPLY_ERR(&c, "{\"planGlobs\": [\"docs/*.md\", null]}", "planGlobs[1] must be a string\n");
    {
        /* Bounded: a match costs the glob's length times the path's. */
        char big[8192];
        size_t n = (size_t)snprintf(big, sizeof big, "{\"planGlobs\": [\"");
        for (int k = 0; k < 1100; k++) big[n++] = 'a';
        snprintf(big + n, sizeof big - n, "\"]}");
        APPLY_ERR(&c, big, "planGlobs[0] is longer than 1023 bytes\n");
        n = (size_t)snprintf(big, sizeof big, "{\"planGlobs\": [");
        for (int k = 0; k < 65; k++) n += (size_t)snprintf(big + n, sizeof big - n, "%s\"p%d/*.md\"", k ? "," : "", k);
        snprintf(big + n, sizeof big - n, "]}");
        APPLY_ERR(&c, big, "planGlobs has 65 patterns; at most 64 are used\n");
    }
    CHECK_INT(c.nglobs, 2);

    APPLY_OK(&c, "{\"rules\": {\"section-order\": \"off\", \"empty-section\": \"information\", "
                 "\"undated-entry\": \"error\"}}");
    CHECK_INT(c.severity[rule_from_code("section-order")], 0);
    CHECK_INT(c.severity[rule_from_code("empty-section")], SEV_INFO);
    CHECK_INT(c.severity[rule_from_code("undated-entry")], SEV_ERROR);
    CHECK_INT(c.severity[rule_from_code("missing-section")], -1); /* untouched: the default */
    APPLY_ERR(&c, "{\"rules\": {\"no-such-rule\": \"off\"}}", "rules.no-such-rule: unknown diagnostic code\n");
    APPLY_ERR(&c, "{\"rules\": {\"empty-section\": \"loud\"}}",
              "rules.empty-section must be off, hint, information, warning or error\n");
    APPLY_ERR(&c, "{\"rules\": [\"section-order\"]}",
              "rules must map diagnostic codes to off|hint|information|warning|error\n");
    CHECK_INT(c.severity[rule_from_code("empty-section")], SEV_INFO);

    APPLY_OK(&c, "{\"timezone\": \"UTC\"}");
    APPLY_ERR(&c, "{\"timezone\": \"Europe/Paris\"}",
              "timezone: plans record UTC (the guide's rule); only \"UTC\" is supported\n");

    APPLY_OK(&c, "{\"plansDirectory\": \"docs/plans\"}");
    CHECK_STR(c.plans_dir, "docs/plans");
    APPLY_ERR(&c, "{\"plansDirectory\": \"/etc\"}",
              "plansDirectory must be a folder inside the repository, such as \"docs/plans\"\n");
    APPLY_ERR(&c, "{\"plansDirectory\": \"docs/../../x\"}",
              "plansDirectory must be a folder inside the repository, such as \"docs/plans\"\n");
    CHECK_STR(c.plans_dir, "docs/plans");

    APPLY_OK(&c, "{\"createWords\": [\"scaffold\", \"port\"]}");
    CHECK_INT(c.ncreate_words, 2);
    CHECK_STR(c.create_words[1], "port");
    APPLY_ERR(&c, "{\"createWords\": \"scaffold\"}",
              "createWords must be a list of up to 64 words, such as [\"scaffold\"]\n");
    CHECK_INT(c.ncreate_words, 2);
    config_t copy;
    CHECK_INT(config_copy(&copy, &c), 0);
    CHECK_STR(copy.create_words[0], "scaffold");
    config_free(&copy);

    APPLY_OK(&c, "{\"workspaceDiagnostics\": false}");
    CHECK_INT(c.workspace_diagnostics, 0);
    APPLY_ERR(&c, "{\"workspaceDiagnostics\": \"no\"}", "workspaceDiagnostics must be true or false\n");
    CHECK_INT(c.workspace_diagnostics, 0);

    APPLY_ERR(&c, "{\"colour\": \"blue\"}", "unknown setting \"colour\"\n");
    APPLY_OK(&c, "[1, 2]");                                    /* a client value holding no object: nothing to apply */
    APPLY_OK(&c, "{\"planls\": {\"dialect\": \"cookbook\"}}"); /* the wrapped form */
    CHECK_INT(c.dialect, DIALECT_COOKBOOK);
    APPLY_OK(&c, "{\"planls\": {\"dialect\": \"auto\"}}");
    APPLY_OK(&c, "null"); /* no settings: nothing changes */
    APPLY_OK(&c, "{}");
    /* Several problems: one sentence each, the good fields still applied. */
    APPLY_ERR(&c, "{\"dialect\": \"x\", \"colour\": 1, \"plansDirectory\": \"plans\"}",
              "dialect must be \"auto\", \"guide\" or \"cookbook\"\nunknown setting \"colour\"\n");
    CHECK_STR(c.plans_dir, "plans");
    config_free(&c);
}

/* ---- a repository on disk ---------------------------------------------------- */

static char ROOT[64];

static void put(const char *rel, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ROOT, rel);
    /* Make the parent folders. */
    for (char *s = path + strlen(ROOT) + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        mkdir(path, 0700);
        *s = '/';
    }
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void removes(const char *rel) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ROOT, rel);
    if (remove(path) != 0 && errno != ENOENT) fprintf(stderr, "cannot remove %s\n", path);
}

static void fresh_root(void) {
    strcpy(ROOT, "/tmp/planls-settings-XXXXXX");
    CHECK(mkdtemp(ROOT) != NULL);
}

static void drop_root(void) {
    static const char *const files[] = {
        ".planls.json", "PLANS.md",  ".agent/PLANS.md", "docs/PLANS.md",  "docs/process/PLANS.md",
        "elsewhere.md", ".git/HEAD", "a/b/c/x.md",      "a/.planls.json", NULL};
    for (const char *const *f = files; *f; f++) removes(*f);
    static const char *const dirs[] = {".agent", "docs/process", "docs", ".git", "a/b/c", "a/b", "a", NULL};
    for (const char *const *d = dirs; *d; d++) removes(*d);
    if (rmdir(ROOT) != 0) fprintf(stderr, "cannot remove %s\n", ROOT);
}

/* Loads ROOT's settings into a fresh config; *rc gets the return value. */
static void load(config_t *c, diag_list_t *problems, int *rc) {
    config_init(c);
    diag_list_init(problems);
    *rc = settings_load_root(c, ROOT, problems);
}

static void test_no_settings(void) {
    fresh_root();
    config_t c;
    diag_list_t p;
    int rc;
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(p.n, 0);
    CHECK_INT(c.dialect, -1);
    CHECK(c.required == NULL && c.globs == NULL && c.guide_path == NULL);
    config_free(&c);
    diag_list_free(&p);
    drop_root();
}

static void test_settings_file(void) {
    fresh_root();
    config_t c;
    diag_list_t p;
    int rc;
    /* The "planls" section of a shared file, or the settings themselves. */
    put(".planls.json", "{\"planls\": {\"dialect\": \"cookbook\", \"rules\": {\"section-order\": \"off\"}}}\n");
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(p.n, 0);
    CHECK_INT(c.dialect, DIALECT_COOKBOOK);
    CHECK_INT(c.severity[rule_from_code("section-order")], 0);
    config_free(&c);
    diag_list_free(&p);

    /* Problems become bad-settings errors on the file's first line; the rest applies. */
    const char *bad = "{\"dialect\": \"guide\", \"colour\": \"blue\",\n \"rules\": {\"nope\": \"off\"}}\n";
    put(".planls.json", bad);
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(c.dialect, DIALECT_GUIDE);
    CHECK_INT(p.n, 2);
    for (size_t i = 0; i < p.n; i++) {
        CHECK_STR(p.items[i].code, "bad-settings");
        CHECK_INT(p.items[i].severity, SEV_ERROR);
        CHECK_INT(p.items[i].start, 0);
        CHECK_INT(p.items[i].end, strchr(bad, '\n') - bad);
    }
    if (p.n == 2) {
        CHECK_STR(p.items[0].message, ".planls.json: unknown setting \"colour\"; using the default");
        CHECK_STR(p.items[1].message, ".planls.json: rules.nope: unknown diagnostic code; using the default");
    }
    config_free(&c);
    diag_list_free(&p);

    /* A file holding something other than an object says so. */
    put(".planls.json", "[1, 2]\n");
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(p.n, 1);
    if (p.n == 1) CHECK_STR(p.items[0].message, ".planls.json: settings must be a JSON object; using the default");
    config_free(&c);
    diag_list_free(&p);

    /* Not JSON: one error at the place the parser stopped, on that line; the defaults apply. */
    const char *broken = "{\n  \"dialect\": \"cookbook\",\n  \"rules\": {\n}\n";
    put(".planls.json", broken);
    load(&c, &p, &rc);
    CHECK_INT(rc, -1);
    CHECK_INT(c.dialect, -1);
    CHECK_INT(p.n, 1);
    if (p.n == 1) {
        CHECK_STR(p.items[0].code, "bad-settings");
        CHECK(starts_with(p.items[0].message, ".planls.json is not valid JSON: "));
        CHECK(strstr(p.items[0].message, "; using the defaults") != NULL);
        /* The range starts at the start of a line and ends inside the text. */
        CHECK(p.items[0].start <= p.items[0].end && p.items[0].end <= strlen(broken));
        CHECK(p.items[0].start == 0 || broken[p.items[0].start - 1] == '\n');
    }
    config_free(&c);
    diag_list_free(&p);

    /* A symbolic link is not followed, even to a good file inside the repository. */
    put("elsewhere.md", "{\"dialect\": \"cookbook\"}\n");
    removes(".planls.json");
    char link[512];
    snprintf(link, sizeof link, "%s/.planls.json", ROOT);
    CHECK_INT(symlink("elsewhere.md", link), 0);
    load(&c, &p, &rc);
    CHECK_INT(rc, -1);
    CHECK_INT(c.dialect, -1);
    CHECK_INT(p.n, 1);
    if (p.n == 1) CHECK(starts_with(p.items[0].message, ".planls.json cannot be read: "));
    config_free(&c);
    diag_list_free(&p);
    drop_root();
}

static const char COOKBOOK_GUIDE[] =
    "# How we plan\n\nEvery plan follows this skeleton:\n\n```md\n# <Title>\n\n## Purpose / Big Picture\n\n"
    "## Progress\n\n## Surprises & Discoveries\n\n## Decision Log\n\n## Outcomes & Retrospective\n```\n";

static void test_guide(void) {
    fresh_root();
    config_t c;
    diag_list_t p;
    int rc;
    /* A guide without To-do: cookbook plans with the guide's sections. */
    put(".agent/PLANS.md", COOKBOOK_GUIDE);
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(c.dialect, DIALECT_COOKBOOK);
    CHECK_INT(c.nrequired, 5);
    if (c.nrequired == 5) {
        CHECK_STR(c.required[0].name, "Purpose / Big Picture");
        CHECK_INT(c.required[4].id, SEC_OUTCOMES);
    }
    CHECK(c.guide_path != NULL && strstr(c.guide_path, "/.agent/PLANS.md") != NULL);
    config_free(&c);
    diag_list_free(&p);

    /* PLANS.md at the root comes first; with To-do it is the guide dialect. And
     * .planls.json has the last word. */
    put("PLANS.md", "# Plans\n\n```md\n## Purpose / Big Picture\n## To-do\n## Progress\n## Decision Log\n```\n");
    put(".planls.json", "{\"requiredSections\": [\"Progress\", \"Rollout\"]}\n");
    load(&c, &p, &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(p.n, 0);
    CHECK_INT(c.dialect, DIALECT_GUIDE);
    CHECK_INT(c.nrequired, 2);
    CHECK_STR(c.nrequired ? c.required[1].name : NULL, "Rollout");
    CHECK(c.guide_path != NULL && strstr(c.guide_path, "/.agent/") == NULL);
    config_free(&c);
    diag_list_free(&p);

    /* A root PLANS.md that is a live plan (stamped Progress, no skeleton) is
     * no guide: the next guide path is. */
    removes(".planls.json");
    put("PLANS.md", "# Move the queue\n\n## Progress\n\n- [x] (2026-03-01 10:00Z) Moved the reader.\n");
    load(&c, &p, &rc);
    CHECK_INT(c.dialect, DIALECT_COOKBOOK);
    CHECK(c.guide_path != NULL && strstr(c.guide_path, "/.agent/PLANS.md") != NULL);
    config_free(&c);
    diag_list_free(&p);
    /* With no other guide, the repository has none: the plan is no guide. */
    removes(".agent/PLANS.md");
    load(&c, &p, &rc);
    CHECK(c.guide_path == NULL);
    CHECK_INT(c.dialect, -1);
    config_free(&c);
    diag_list_free(&p);
    drop_root();
}

static void test_named_guide(void) {
    fresh_root();
    put("docs/process/PLANS.md", COOKBOOK_GUIDE);
    config_t base, out;
    config_init(&base);
    const char *rel = "docs/process/PLANS.md";
    CHECK_INT(settings_for_named_guide(&base, ROOT, rel, strlen(rel), &out), 1);
    CHECK_INT(out.dialect, DIALECT_COOKBOOK);
    CHECK_INT(out.nrequired, 5);
    config_free(&out);
    /* Only inside the repository, only when the repository has no guide of its own. */
    const char *up = "../PLANS.md", *abs = "/etc/PLANS.md", *gone = "docs/none/PLANS.md";
    CHECK_INT(settings_for_named_guide(&base, ROOT, up, strlen(up), &out), 0);
    CHECK_INT(settings_for_named_guide(&base, ROOT, abs, strlen(abs), &out), 0);
    CHECK_INT(settings_for_named_guide(&base, ROOT, gone, strlen(gone), &out), 0);
    base.guide_path = strdup("/somewhere/PLANS.md");
    CHECK_INT(settings_for_named_guide(&base, ROOT, rel, strlen(rel), &out), 0);
    config_free(&base);
    drop_root();
}

static void test_find_root(void) {
    fresh_root();
    put(".git/HEAD", "ref: refs/heads/main\n");
    put("a/b/c/x.md", "# x\n");
    char dir[512], *real = realpath(ROOT, NULL);
    snprintf(dir, sizeof dir, "%s/a/b/c", ROOT);
    char *found = settings_find_root(dir);
    CHECK_STR(found, real);
    free(found);
    /* A .planls.json nearer than .git marks the root. */
    put("a/.planls.json", "{}\n");
    found = settings_find_root(dir);
    char want[600];
    snprintf(want, sizeof want, "%s/a", real ? real : "");
    CHECK_STR(found, want);
    free(found);
    /* A folder not made yet (unsaved text named for it): its nearest existing parent's root. */
    snprintf(dir, sizeof dir, "%s/a/new/folder", ROOT);
    found = settings_find_root(dir);
    CHECK_STR(found, want);
    free(found);
    free(real);
    CHECK(settings_find_root("/no/such/top/folder") == NULL);
    drop_root();
}

int main(void) {
    test_dialect();
    test_required();
    test_globs_rules_and_others();
    test_no_settings();
    test_settings_file();
    test_guide();
    test_named_guide();
    test_find_root();
    return unit_report("settings");
}
