/* mcp_tools.c: the MCP tools (see mcp_tools.h). Each tool reads the plan
 * from disk, works on the same model, rules and code actions as the
 * language server, and writes back through file_replace. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "mcp_tools.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "ascii.h"
#include "check_json.h"
#include "cli_new.h"
#include "disk_plan.h"
#include "edit.h"
#include "file_replace.h"
#include "io.h"
#include "plan_summary.h"
#include "settings.h"
#include "skeleton.h"
#include "strbuf.h"
#include "walk.h"

/* As `planls check`: larger files are no plans anyone edits. */
#define MCP_MAX_FILE ((size_t)64 << 20)
#define MCP_MAX_FILES 100000
#define MCP_MAX_BYTES ((size_t)4 << 30)

/* ---- schemas --------------------------------------------------------------- */

/* Each tool's input schema is JSON Schema text, parsed for tools/list and
 * for checking the arguments (the subset used here: object, properties of
 * type string or integer, enum, minimum, required, additionalProperties). */
static const struct {
    const char *name, *title, *description, *schema;
} tools[] = {
    {"check_plan", "Check a plan",
     "Check an ExecPlan with planls's rules. Give `path` (from the repository root) to check the file, or `text` "
     "to check unsaved text (with `path` naming where it will live, for that folder's settings). Returns the "
     "findings as `planls check --format json` prints them: files[].diagnostics[] with line, column, endLine, "
     "endColumn (from 1), severity, code and message.",
     "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"the plan's path from the "
     "repository root\"},\"text\":{\"type\":\"string\",\"description\":\"the plan's text, checked instead of the "
     "file\"}},\"additionalProperties\":false}"},
    {"plan_status", "Plan status",
     "What a plan says about itself: title, dialect, sections present and missing, to-dos done/total, Progress "
     "steps done/total, the newest dated entry, and how many errors and warnings planls finds. Without `path`, "
     "the status of every plan of the repository.",
     "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"the plan's path from the "
     "repository root\"}},\"additionalProperties\":false}"},
    {"list_plans", "List plans",
     "The repository's ExecPlans (the files `planls check` with no argument checks), with their titles.",
     "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"},
    {"add_entry", "Add a plan entry",
     "Append an entry to a plan's Progress, Decision Log, Surprises & Discoveries or To-do section, stamped with "
     "the current UTC time in the plan's own style (do not write the stamp yourself). The section is created at "
     "its usual place when missing. `rationale` is a decision's Rationale line or a surprise's Evidence line. "
     "Returns the new entry and its line.",
     "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"section\":{\"type\":\"string\",\"enum\":"
     "[\"progress\",\"decision\",\"surprise\",\"todo\"]},\"text\":{\"type\":\"string\",\"description\":\"the "
     "entry's words, one line, without stamp or list marker\"},\"rationale\":{\"type\":\"string\"},\"author\":{"
     "\"type\":\"string\",\"description\":\"who decided, for a cookbook plan's Date/Author line (default: "
     "agent)\"}},\"required\":[\"path\",\"section\",\"text\"],\"additionalProperties\":false}"},
    {"mark_done", "Mark a checkbox done",
     "Tick an unticked checkbox of a plan, found by `line` (from 1) or by `item` (words of its first line). A "
     "Progress step gets its finishing stamp; a To-do task is also logged in Progress, as the editor's Mark done "
     "does. Returns the ticked line and the Progress entry written.",
     "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"item\":{\"type\":\"string\","
     "\"description\":\"words of the checkbox's line\"},\"line\":{\"type\":\"integer\",\"minimum\":1}},"
     "\"required\":[\"path\"],\"additionalProperties\":false}"},
    {"new_plan", "Start a new plan",
     "Write a new ExecPlan from the repository's skeleton, as `planls new` does (in collab/execplans/ or the "
     "folder the settings name). Returns its path.",
     "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"],"
     "\"additionalProperties\":false}"},
};
#define NTOOLS (sizeof tools / sizeof tools[0])

static int tool_index(const char *name) {
    for (size_t i = 0; i < NTOOLS; i++)
        if (strcmp(tools[i].name, name) == 0) return (int)i;
    return -1;
}

int mcp_tool_exists(const char *name) { return tool_index(name) >= 0; }

json_t *mcp_tools_list(void) {
    json_t *list = json_array();
    for (size_t i = 0; list && i < NTOOLS; i++) {
        json_t *schema = json_loads(tools[i].schema, 0, NULL);
        json_t *tool = schema ? json_pack("{s:s,s:s,s:s,s:o}", "name", tools[i].name, "title", tools[i].title,
                                          "description", tools[i].description, "inputSchema", schema)
                              : NULL;
        if (!tool || json_array_append_new(list, tool) < 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list ? json_pack("{s:o}", "tools", list) : NULL;
}

/* Why args do not fit the schema, into err; 0 when they do. */
static int check_args(const char *schema_text, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    json_t *schema = json_loads(schema_text, 0, NULL);
    json_t *props = json_object_get(schema, "properties");
    const char *key;
    json_t *v;
    json_object_foreach(args, key, v) {
        json_t *prop = json_object_get(props, key);
        const char *type = json_string_value(json_object_get(prop, "type"));
        if (!prop) {
            sb_printf(err, "unknown argument \"%s\"", key);
            break;
        }
        const char *text;
        size_t len;
        /* A large "text" is lifted out of the message (lift.h): still a string. */
        if (strcmp(type, "string") == 0 && !json_is_string(v) && !(m && rpc_text(m, v, &text, &len) == 0)) {
            sb_printf(err, "argument \"%s\" must be a string", key);
            break;
        }
        if (strcmp(type, "integer") == 0 &&
            (!json_is_integer(v) || json_integer_value(v) < json_integer_value(json_object_get(prop, "minimum")))) {
            sb_printf(err, "argument \"%s\" must be an integer of at least %lld", key,
                      (long long)json_integer_value(json_object_get(prop, "minimum")));
            break;
        }
        json_t *allowed = json_object_get(prop, "enum");
        if (allowed) {
            size_t i, found = 0;
            json_t *a;
            json_array_foreach(allowed, i, a) found |= json_equal(a, v);
            if (!found) {
                sb_printf(err, "argument \"%s\" must be one of", key);
                json_array_foreach(allowed, i, a) sb_printf(err, "%s %s", i ? "," : "", json_string_value(a));
                break;
            }
        }
    }
    size_t i;
    json_t *req;
    json_array_foreach(json_object_get(schema, "required"), i, req) {
        if (err->n) break;
        if (!json_object_get(args, json_string_value(req)))
            sb_printf(err, "missing argument \"%s\"", json_string_value(req));
    }
    json_decref(schema);
    return err->n ? -1 : 0;
}

/* ---- results --------------------------------------------------------------- */

/* A successful result: the value as JSON text for the model, and as
 * structured content for clients that read it. Steals value. */
static json_t *ok_result(json_t *value) {
    if (!value) return NULL;
    char *s = json_dumps(value, JSON_INDENT(2));
    json_t *r =
        s ? json_pack("{s:[{s:s,s:s}],s:o}", "content", "type", "text", "text", s, "structuredContent", value) : NULL;
    if (!s) json_decref(value);
    free(s);
    return r;
}

static json_t *error_result(const char *message) {
    return json_pack("{s:[{s:s,s:o}],s:b}", "content", "type", "text", "text",
                     check_json_string(message, strlen(message)), "isError", 1);
}

/* ---- paths ----------------------------------------------------------------- */

/* path from the repository root (as results name files): below root, else as given. */
static const char *from_root(const char *root, const char *path) {
    size_t n = strlen(root);
    if (strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
    return path;
}

/* from_root as JSON. New reference. */
static json_t *shown_path(const char *root, const char *path) {
    const char *p = from_root(root, path);
    return check_json_string(p, strlen(p));
}

/* Is path a Markdown file by its name? The tools that write change only those. */
static int markdown_name(const char *path, strbuf_t *err) {
    size_t n = strlen(path);
    int md = (n > 3 && strcmp(path + n - 3, ".md") == 0) || (n > 9 && strcmp(path + n - 9, ".markdown") == 0);
    if (!md) sb_printf(err, "%s: not a Markdown file (.md); planls writes entries only into plans", path);
    return md;
}

/* The file a tool is asked about: path (from root, or absolute) resolved
 * inside root, its last component not a symbolic link. New string (caller
 * frees), or NULL with the reason in err. must_exist: the file itself too. */
static char *resolve(const char *root, const char *path, int must_exist, strbuf_t *err) {
    if (!path[0]) {
        sb_add(err, "path is empty");
        return NULL;
    }
    /* ".." is refused as written, before any folder on its way is looked
     * up: its target need not exist for it to aim outside. */
    for (const char *c = path; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.') {
            sb_printf(err, "%s: a path with \"..\"; name files from the repository root, inside it", path);
            return NULL;
        }
        c += n + (c[n] == '/');
    }
    char *joined = path[0] == '/' ? strdup(path) : io_path_join(root, path);
    char *resolved = joined ? io_resolve_inside(root, joined) : NULL;
    int e = errno;
    free(joined);
    if (!resolved) {
        if (e == IO_EOUTSIDE || e == EINVAL)
            sb_printf(err, "%s: outside the repository %s; planls only reads and writes files inside it", path, root);
        else
            sb_printf(err, "%s: %s", path, io_error_text(e));
        return NULL;
    }
    if (must_exist) {
        char real[PATH_MAX];
        /* A link may point anywhere; the file must be the one named. */
        if (!realpath(resolved, real))
            sb_printf(err, "%s: %s", path, io_error_text(errno));
        else if (strcmp(real, resolved) != 0)
            sb_printf(err, "%s: a symbolic link; planls does not follow links here (name the file it points to)", path);
        if (err->n) {
            free(resolved);
            return NULL;
        }
    }
    return resolved;
}

/* Reads and checks the plan at path (resolved) as `planls check FILE` does,
 * through the cache. Borrowed (until the next cache call), or NULL with the
 * reason in err. */
/* A Markdown file inside the repository that the writing tools may change:
 * its resolved path (owned, free), or NULL with err said. */
static char *resolve_writable(const char *root, const char *path, strbuf_t *err) {
    char *file = resolve(root, path, 1, err);
    if (file && !markdown_name(path, err)) {
        free(file);
        file = NULL;
    }
    return file;
}

static disk_plan_t *load_plan(plan_cache_t *c, const char *path, const char *shown, strbuf_t *err) {
    disk_plan_t *dp = plan_cache_load(c, path, ts_now());
    if (dp) return dp;
    if (errno == EFBIG)
        sb_printf(err, "%s: larger than %zu MiB, not read", shown, MCP_MAX_FILE >> 20);
    else
        sb_printf(err, "%s: %s", shown, io_error_text(errno));
    return NULL;
}

/* A string argument, also when the message lifted it (large "text"). */
static int arg_text(const rpc_msg_t *m, json_t *args, const char *key, const char **s, size_t *len) {
    json_t *v = json_object_get(args, key);
    if (!v) return -1;
    if (m) return rpc_text(m, v, s, len);
    *s = json_string_value(v);
    *len = json_string_length(v);
    return *s ? 0 : -1;
}

static const char *arg_str(json_t *args, const char *key) { return json_string_value(json_object_get(args, key)); }

/* ---- check_plan, plan_status, list_plans ----------------------------------- */

static json_t *check_plan(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    const char *root = plan_cache_root(c);
    const char *path = arg_str(args, "path"), *text = NULL;
    size_t len = 0;
    int has_text = arg_text(m, args, "text", &text, &len) == 0;
    if (!path && !has_text) {
        sb_add(err, "give path (a plan's file) or text (a plan's text)");
        return NULL;
    }
    char *file = path ? resolve(root, path, !has_text, err) : io_path_join(root, "unsaved-plan.md");
    if (!file) return NULL;
    json_t *out = NULL;
    disk_plan_t own, *dp = NULL;
    if (!has_text) {
        dp = load_plan(c, file, path, err);
    } else if (path) {
        /* Unsaved text of a file: the cache keeps it, so the next version
         * sent re-parses only what differs. */
        if (!(dp = plan_cache_text(c, file, text, len, ts_now()))) sb_add(err, "out of memory");
    } else if (disk_plan_from_text(&own, file, text, len, plan_cache_settings(c), root, NULL, 1, ts_now()) == 0) {
        dp = &own;
    } else {
        sb_add(err, "out of memory");
        disk_plan_free(&own);
    }
    if (dp) {
        json_t *files = json_array();
        if (files) json_array_append_new(files, check_json_file(from_root(root, file), &dp->text, &dp->diags));
        out = check_json_report(files, 1, check_json_problems(&dp->diags));
    }
    if (dp == &own) disk_plan_free(&own);
    free(file);
    return out;
}

/* Calls each(path, dp, ctx) for every plan of the repository, as a bare
 * `planls check` finds them. */
static int each_plan(const char *root, const config_t *cfg, void (*each)(const char *, disk_plan_t *, void *),
                     void *ctx, strbuf_t *err) {
    walk_result_t files;
    if (walk_markdown(root, root, cfg, MCP_MAX_FILE, MCP_MAX_FILES, MCP_MAX_BYTES, &files) < 0) {
        sb_printf(err, "%s: %s", root, io_error_text(errno));
        return -1;
    }
    int64_t now = ts_now();
    for (size_t i = 0; i < files.n; i++) {
        disk_plan_t dp;
        if (disk_plan_load(&dp, files.paths[i], MCP_MAX_FILE, cfg, root, NULL, 0, now) == 0 && dp.is_plan)
            each(from_root(root, files.paths[i]), &dp, ctx);
        disk_plan_free(&dp);
    }
    walk_result_free(&files);
    return 0;
}

static void add_listed(const char *path, disk_plan_t *dp, void *ctx) {
    json_t *title = dp->plan.title ? check_json_string(dp->text.data + dp->plan.sections[dp->plan.title].start +
                                                           dp->plan.sections[dp->plan.title].name_start,
                                                       dp->plan.sections[dp->plan.title].name_len)
                                   : json_null();
    json_array_append_new(ctx, json_pack("{s:o,s:o*}", "path", check_json_string(path, strlen(path)), "title", title));
}

static void add_status(const char *path, disk_plan_t *dp, void *ctx) {
    json_array_append_new(ctx, plan_summary_json(path, dp, ts_now()));
}

static json_t *plans_of(plan_cache_t *c, void (*each)(const char *, disk_plan_t *, void *), strbuf_t *err) {
    json_t *plans = json_array();
    if (plans && each_plan(plan_cache_root(c), plan_cache_settings(c), each, plans, err) < 0) {
        json_decref(plans);
        plans = NULL;
    }
    return plans ? json_pack("{s:o}", "plans", plans) : NULL;
}

static json_t *list_plans(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    (void)m;
    (void)args;
    return plans_of(c, add_listed, err);
}

static json_t *plan_status(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    (void)m;
    const char *root = plan_cache_root(c);
    const char *path = arg_str(args, "path");
    if (!path) return plans_of(c, add_status, err);
    char *file = resolve(root, path, 1, err);
    if (!file) return NULL;
    disk_plan_t *dp = load_plan(c, file, path, err);
    json_t *out = dp ? plan_summary_json(from_root(root, file), dp, ts_now()) : NULL;
    free(file);
    return out;
}

/* ---- add_entry, mark_done -------------------------------------------------- */

/* A plan's text after an edit, as written. */
typedef struct {
    char *data; /* owned */
    size_t len;
} written_t;

/* Line (from 1) of offset off in w, and that line's text as JSON. A line
 * ends at "\n", "\r\n" or a lone "\r", as text.c says. */
static json_t *line_at(const written_t *w, size_t off, json_int_t *line) {
    json_int_t n = 1;
    size_t start = 0;
    for (size_t i = 0; i < off && i < w->len; i++)
        if (w->data[i] == '\n' || (w->data[i] == '\r' && (i + 1 >= w->len || w->data[i + 1] != '\n'))) {
            n++;
            start = i + 1;
        }
    size_t end = start;
    while (end < w->len && w->data[end] != '\n' && w->data[end] != '\r') end++;
    *line = n;
    return check_json_string(w->data + start, end - start);
}

/* Applies the action's edits to the plan (in c, at file) and writes the file
 * when it still holds what was read; the cache takes the edits. Returns 0
 * with the new text in *w (caller frees w->data), or -1 with the reason in
 * err. */
static int write_edit(plan_cache_t *c, const char *file, const char *shown, const disk_plan_t *dp, const action_t *a,
                      written_t *w, strbuf_t *err) {
    w->data = edit_apply(dp->text.data, dp->text.len, &a->edits, &w->len);
    if (!w->data) {
        sb_add(err, "out of memory");
        return -1;
    }
    if (file_replace(file, dp->text.data, dp->text.len, w->data, w->len) == 0) {
        plan_cache_wrote(c, file, &a->edits); /* on failure it parses the file next time */
        return 0;
    }
    if (errno == FILE_ECHANGED)
        sb_printf(err, "%s changed on disk while planls was writing it; nothing was written (try again)", shown);
    else
        sb_printf(err, "%s: cannot write: %s", shown, io_error_text(errno));
    free(w->data);
    w->data = NULL;
    return -1;
}

static const struct {
    const char *name;
    section_id_t id;
} entry_sections[] = {
    {"progress", SEC_PROGRESS},
    {"decision", SEC_DECISIONS},
    {"surprise", SEC_SURPRISES},
    {"todo", SEC_TODO},
};

/* An argument as one line of words (new string, caller frees), or NULL with
 * the reason in err. */
static char *one_line(json_t *args, const char *key, strbuf_t *err) {
    const char *s = arg_str(args, key);
    char *clean = s ? new_clean_title(s) : NULL;
    if (s && (!clean || !clean[0])) sb_printf(err, "argument \"%s\" has no printable text", key);
    if (err->n) {
        free(clean);
        return NULL;
    }
    return clean;
}

static json_t *add_entry(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    const char *root = plan_cache_root(c);
    const char *path = arg_str(args, "path"), *section = arg_str(args, "section");
    section_id_t id = SEC_PROGRESS;
    for (size_t k = 0; k < sizeof entry_sections / sizeof entry_sections[0]; k++)
        if (strcmp(section, entry_sections[k].name) == 0) id = entry_sections[k].id;
    /* The entry's words: one line, so that no heading or list sneaks in. */
    const char *raw = NULL;
    size_t raw_len = 0;
    char *words = NULL, *detail = NULL, *author = NULL;
    if (arg_text(m, args, "text", &raw, &raw_len) < 0 || memchr(raw, '\0', raw_len)) {
        sb_add(err, "argument \"text\" must be a string without NUL characters");
    } else if (!(words = new_clean_title(raw)) || !words[0]) {
        sb_add(err, "argument \"text\" has no printable text");
    } else {
        detail = one_line(args, "rationale", err);
        author = err->n ? NULL : one_line(args, "author", err);
        if (detail && (id == SEC_PROGRESS || id == SEC_TODO))
            sb_printf(err, "a %s entry takes no rationale (decisions and surprises do)", section);
    }
    char *file = err->n ? NULL : resolve_writable(root, path, err);
    disk_plan_t *dp = file ? load_plan(c, file, path, err) : NULL;
    json_t *out = NULL;
    if (dp) {
        char *entry = skeleton_entry_text(&dp->plan, id, ts_now(), words, detail, author);
        action_t a;
        written_t w;
        if (!entry || action_append_entry(&dp->plan, &dp->text, id, entry, &a) < 0) {
            sb_add(err, "out of memory");
        } else if (write_edit(c, file, path, dp, &a, &w, err) == 0) {
            json_int_t line;
            json_t *text = line_at(&w, a.cursor, &line);
            out = json_pack("{s:o,s:s,s:I,s:o,s:s}", "path", shown_path(root, file), "section", section, "line", line,
                            "text", text, "entry", entry);
            free(w.data);
        }
        if (entry) {
            free(a.title);
            edit_list_free(&a.edits);
        }
        free(entry);
    }
    free(file);
    free(words);
    free(detail);
    free(author);
    return out;
}

/* Does s[0..n) hold the words w (ASCII letters in any case)? */
static int holds_words(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; k && i + k <= n; i++)
        if (ascii_prefix_ci(s + i, n - i, w, k)) return 1;
    return 0;
}

/* The offset of the unticked checkbox mark_done is asked for (by line, or
 * by words of its first line), or SIZE_MAX with the reason in err. */
static size_t find_box(const disk_plan_t *dp, json_t *args, strbuf_t *err) {
    const plan_t *p = &dp->plan;
    const text_t *t = &dp->text;
    json_t *line = json_object_get(args, "line");
    const char *item = arg_str(args, "item");
    if (!line && !item) {
        sb_add(err, "give line (the checkbox's line, from 1) or item (words of it)");
        return SIZE_MAX;
    }
    size_t found = SIZE_MAX, matches = 0, ticked = 0;
    strbuf_t lines = {0};
    for (size_t i = 1; i < p->nsections; i++) {
        const plan_section_t *s = &p->sections[i];
        for (size_t k = 0; k < s->nentries; k++) {
            const plan_entry_t *e = &s->entries[k];
            size_t at = s->start + e->start, n = e->line_end - e->start;
            size_t ln = text_line_of(t, at) + 1;
            int hit = line ? (json_int_t)ln == json_integer_value(line) : holds_words(t->data + at, n, item);
            if (!hit || e->checkbox < 0) continue;
            if (e->checkbox == 1) {
                ticked++;
                continue;
            }
            matches++;
            found = at;
            sb_printf(&lines, "%s%zu", lines.n ? ", " : "", ln);
        }
    }
    if (matches > 1)
        sb_printf(err, "\"%s\" matches the checkboxes of lines %s; give line instead", item, lines.s);
    else if (!matches && ticked)
        sb_add(err, "that checkbox is ticked already");
    else if (!matches && line)
        sb_printf(err, "line %lld holds no checkbox", (long long)json_integer_value(line));
    else if (!matches)
        sb_printf(err, "no checkbox line holds \"%s\"", item);
    free(lines.s);
    return err->n ? SIZE_MAX : found;
}

static json_t *mark_done(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    (void)m;
    const char *root = plan_cache_root(c);
    const char *path = arg_str(args, "path");
    char *file = resolve_writable(root, path, err);
    disk_plan_t *dp = file ? load_plan(c, file, path, err) : NULL;
    json_t *out = NULL;
    if (dp) {
        size_t at = find_box(dp, args, err);
        action_t a;
        written_t w;
        int rc = at == SIZE_MAX ? 1 : action_mark_done(&dp->plan, &dp->text, at, ts_now(), &a);
        if (rc == 1 && !err->n) sb_add(err, "no unticked checkbox there");
        if (rc < 0) {
            sb_add(err, "out of memory");
        } else if (rc == 0 && write_edit(c, file, path, dp, &a, &w, err) == 0) {
            /* The tick replaces one byte: the line's offset stays. */
            json_int_t line, pline;
            json_t *text = line_at(&w, at, &line), *logged = json_null();
            if (a.has_cursor) {
                json_t *ptext = line_at(&w, a.cursor, &pline);
                logged = json_pack("{s:I,s:o}", "line", pline, "text", ptext);
            }
            out = json_pack("{s:o,s:I,s:o,s:o}", "path", shown_path(root, file), "line", line, "text", text, "progress",
                            logged);
            free(w.data);
        }
        if (rc == 0) {
            free(a.title);
            edit_list_free(&a.edits);
        }
    }
    free(file);
    return out;
}

/* ---- new_plan -------------------------------------------------------------- */

static json_t *new_plan(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err) {
    (void)m;
    const char *root = plan_cache_root(c);
    strbuf_t msg = {0};
    char *path = NULL;
    int status = new_plan_create(root, arg_str(args, "title"), &path, &msg);
    json_t *out = NULL;
    if (status == 0) {
        out = json_pack("{s:o}", "path", shown_path(root, path));
    } else {
        /* The messages name the file absolutely; the model reads them as they are. */
        while (msg.n && msg.s[msg.n - 1] == '\n') msg.s[--msg.n] = '\0';
        sb_add(err, msg.n ? msg.s : "cannot write the plan");
    }
    free(path);
    free(msg.s);
    return out;
}

/* ---- dispatch -------------------------------------------------------------- */

typedef json_t *(*tool_fn)(plan_cache_t *c, const rpc_msg_t *m, json_t *args, strbuf_t *err);

static const tool_fn tool_fns[NTOOLS] = {check_plan, plan_status, list_plans, add_entry, mark_done, new_plan};

json_t *mcp_tool_call(plan_cache_t *cache, const rpc_msg_t *m, const char *name, json_t *args) {
    int k = tool_index(name);
    if (k < 0) return NULL;
    strbuf_t err = {0};
    json_t *value = NULL;
    if (check_args(tools[k].schema, m, args, &err) == 0) value = tool_fns[k](cache, m, args, &err);
    json_t *r;
    if (value)
        r = ok_result(value);
    else
        r = error_result(err.n ? err.s : "out of memory (or text that is not UTF-8)");
    free(err.s);
    return r;
}
