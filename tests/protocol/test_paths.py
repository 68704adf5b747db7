"""Repository paths over the wire (handlers/paths.c): missing-path and its
quick fix once the file index is ready, definition, documentLink, hover and
completion on a path, the index kept current by watched files, and
workspace/willRenameFiles editing open and closed plans. Each in both
dialects, with LF and CRLF line ends, and with a path of non-ASCII
characters after non-ASCII text on its line."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN  # noqa: E402

# What the plans' Context section says. `server/parser.c` moved to
# server/text/; the rest exists, lies in another tree, or is to be made.
CONTEXT = """The model is `server/plan.c:3` and its header [plan.h](../../include/plan.h#L2).
The parser moved: `server/parser.c` is what older notes say.
Notes — voir `docs/café.md` et `src/`.
Other trees stay silent: `vendor/lib/x.c`, and we will add `server/new.c`."""

FILES = {
    "server/plan.c": "one\ntwo\nthree\n",
    "server/text/parser.c": "p\n",
    "include/plan.h": "h\n",
    "docs/café.md": "# Café\n",
    "src/main.c": "m\n",
    ".gitignore": "gen/\n",
}

PLAN_PATH = "docs/plans/speed.md"


def plan_text(dialect, crlf):
    base = CLEAN_PLAN if dialect == "guide" else COOKBOOK_PLAN
    text = base.replace("Files.", CONTEXT)
    return text.replace("\n", "\r\n") if crlf else text


def path_of_uri(uri):
    assert uri.startswith("file://"), uri
    return unquote(uri[len("file://"):])


class Repo:
    def __init__(self, files):
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="planls-paths-"))
        os.mkdir(os.path.join(self.dir, ".git"))
        for name, text in files.items():
            self.write(name, text)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def uri(self, name):
        return "file://" + os.path.join(self.dir, name)

    def client(self, caps=None):
        c = L.LspClient()
        extra = {"rootUri": "file://" + self.dir,
                 "workspaceFolders": [{"uri": "file://" + self.dir, "name": "repo"}]}
        c.initialize(caps or {}, extra=extra)
        return c

    def cleanup(self):
        shutil.rmtree(self.dir)


def call(c, method, params):
    r = c.request(method, params)
    assert "result" in r, r
    return r["result"]


def missing(diags):
    return [d for d in diags if d.get("code") == "missing-path"]


def wait_missing(c, uri):
    """The first publish of uri with a missing-path: the index is ready."""
    m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                   and missing(m["params"]["diagnostics"]), "missing-path on " + uri)
    return missing(m["params"]["diagnostics"])


VARIANTS = [(d, crlf) for d in ("guide", "cookbook") for crlf in (False, True)]


class PathsTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo(FILES)

    def tearDown(self):
        self.repo.cleanup()

    def open_plan(self, c, text):
        uri = self.repo.uri(PLAN_PATH)
        self.repo.write(PLAN_PATH, text)
        c.open(uri, text)
        return uri, wait_missing(c, uri)

    def test_missing_path_and_quick_fix(self):
        for dialect, crlf in VARIANTS:
            with self.subTest(dialect=dialect, crlf=crlf), self.repo.client(L.FULL_CAPS) as c:
                text = plan_text(dialect, crlf)
                uri, found = self.open_plan(c, text)
                # One: the moved parser. Existing paths, another tree, a path
                # the plan will add and the plan-relative link are silent.
                self.assertEqual(len(found), 1, found)
                d = found[0]
                self.assertEqual(d["range"]["start"], L.line_col_of(text, "server/parser.c"))
                self.assertEqual(d["range"]["end"], L.line_col_of(text, "server/parser.c", after=15))
                self.assertEqual(d["severity"], 3)
                self.assertEqual(d["message"], "`server/parser.c` is not in the repository (nor beside the plan); "
                                 "did you mean `server/text/parser.c`?")
                r = call(c, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                          "context": {"diagnostics": [d]}})
                (fix,) = [a for a in r if a["title"] == "Change to server/text/parser.c"]
                fixed = L.apply_text_edits(text, L.workspace_edits(fix["edit"], uri, 1))
                self.assertIn("`server/text/parser.c` is what", fixed)
                c.change(uri, 2, [{"text": fixed}])
                after = c.wait_for_diagnostics(uri, 2)
                self.assertEqual(missing(after["diagnostics"]), [])
                self.assertEqual(c.close(), 0)

    def test_closed_plan_once_the_index_is_ready(self):
        closed = "docs/other/notes.md"
        self.repo.write(closed, plan_text("cookbook", True))
        with self.repo.client() as c:
            (d,) = wait_missing(c, self.repo.uri(closed))
            self.assertTrue(d["message"].startswith("`server/parser.c` is not in the repository"), d)
            self.assertEqual(c.close(), 0)

    def test_pull_client_is_told_to_pull_again(self):
        text = plan_text("cookbook", False)
        self.repo.write(PLAN_PATH, text)
        caps = {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": True}}}
        with self.repo.client(caps) as c:
            uri = self.repo.uri(PLAN_PATH)
            c.open(uri, text)
            refresh = c.wait_for(lambda m: m.get("method") == "workspace/diagnostic/refresh", "refresh")
            c.send({"jsonrpc": "2.0", "id": refresh["id"], "result": None})
            r = call(c, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
            self.assertEqual(len(missing(r["items"])), 1, r)
            self.assertEqual(c.close(), 0)

    def test_cli_agrees(self):
        text = plan_text("guide", False)
        self.repo.write(PLAN_PATH, text)
        env = dict(os.environ, PLANLS_NOW=L.FIXED_NOW)
        r = subprocess.run([L.planls_bin(), "check", PLAN_PATH], cwd=self.repo.dir, env=env, capture_output=True,
                           text=True, timeout=30)
        line = text[:text.index("server/parser.c")].count("\n") + 1
        col = len(text[:text.index("server/parser.c")].split("\n")[-1].encode()) + 1
        self.assertIn("%s:%d:%d: info: `server/parser.c` is not in the repository" % (PLAN_PATH, line, col), r.stdout)
        self.assertEqual(r.stdout.count("[missing-path]"), 1, r.stdout)

    def test_definition(self):
        for dialect, crlf in VARIANTS:
            with self.subTest(dialect=dialect, crlf=crlf), self.repo.client() as c:
                text = plan_text(dialect, crlf)
                uri, _ = self.open_plan(c, text)
                r = call(c, "textDocument/definition", {"textDocument": {"uri": uri},
                                                          "position": L.line_col_of(text, "server/plan.c:3", 4)})
                self.assertEqual(path_of_uri(r["uri"]), os.path.join(self.repo.dir, "server/plan.c"))
                self.assertEqual(r["range"]["start"], {"line": 2, "character": 0})
                # A link relative to the plan's folder, at its #L2 line.
                r = call(c, "textDocument/definition", {"textDocument": {"uri": uri},
                                                          "position": L.line_col_of(text, "../../include", 3)})
                self.assertEqual(path_of_uri(r["uri"]), os.path.join(self.repo.dir, "include/plan.h"))
                self.assertEqual(r["range"]["start"], {"line": 1, "character": 0})
                # After non-ASCII text, a non-ASCII name (utf-16 columns).
                r = call(c, "textDocument/definition", {"textDocument": {"uri": uri},
                                                          "position": L.line_col_of(text, "café.md", 2)})
                self.assertEqual(path_of_uri(r["uri"]), os.path.join(self.repo.dir, "docs/café.md"))
                r = call(c, "textDocument/definition", {"textDocument": {"uri": uri},
                                                          "position": L.line_col_of(text, "Users can")})
                self.assertIsNone(r)
                self.assertEqual(c.close(), 0)

    def test_document_links(self):
        for dialect, crlf in VARIANTS:
            with self.subTest(dialect=dialect, crlf=crlf), self.repo.client() as c:
                text = plan_text(dialect, crlf)
                uri, _ = self.open_plan(c, text)
                links = call(c, "textDocument/documentLink", {"textDocument": {"uri": uri}})
                got = [(l["range"]["start"], l["range"]["end"], path_of_uri(l["target"])[len(self.repo.dir) + 1:])
                       for l in links]
                want = [(L.line_col_of(text, "server/plan.c:3"), L.line_col_of(text, "server/plan.c:3", 15),
                         "server/plan.c#L3"),
                        (L.line_col_of(text, "../../include"), L.line_col_of(text, "plan.h#L2", 9), "include/plan.h#L2"),
                        (L.line_col_of(text, "docs/café.md"), L.line_col_of(text, "docs/café.md", 12), "docs/café.md"),
                        (L.line_col_of(text, "src/`"), L.line_col_of(text, "src/`", 4), "src")]
                self.assertEqual(got, want)
                self.assertEqual(c.close(), 0)

    def test_utf8_positions(self):
        with self.repo.client({"general": {"positionEncodings": ["utf-8"]}}) as c:
            text = plan_text("guide", True)
            uri, (d,) = self.open_plan(c, text)
            line = text[:text.index("docs/café.md")].split("\n")[-1]
            at = {"line": text[:text.index("docs/café.md")].count("\n"), "character": len(line.encode())}
            links = call(c, "textDocument/documentLink", {"textDocument": {"uri": uri}})
            (cafe,) = [l for l in links if "caf" in l["target"]]
            self.assertEqual(cafe["range"]["start"], at)
            self.assertEqual(cafe["range"]["end"]["character"], at["character"] + len("docs/café.md".encode()))
            r = call(c, "textDocument/definition", {"textDocument": {"uri": uri},
                                                    "position": dict(at, character=at["character"] + 10)})
            self.assertEqual(path_of_uri(r["uri"]), os.path.join(self.repo.dir, "docs/café.md"))
            self.assertEqual(c.close(), 0)

    def test_hover(self):
        if shutil.which("git"):
            subprocess.run(["git", "init", "-q"], cwd=self.repo.dir, check=True)
            subprocess.run(["git", "add", "server/plan.c"], cwd=self.repo.dir, check=True)
        with self.repo.client() as c:
            text = plan_text("guide", True)
            uri, _ = self.open_plan(c, text)
            r = call(c, "textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": L.line_col_of(text, "server/plan.c:3", 2)})
            tracked = ", tracked by git" if shutil.which("git") else ""
            self.assertEqual(r["contents"]["value"], "`server/plan.c`: file, 14 bytes%s (line 3)" % tracked)
            self.assertEqual(r["range"]["start"], L.line_col_of(text, "server/plan.c:3"))
            r = call(c, "textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": L.line_col_of(text, "src/`", 1)})
            self.assertTrue(r["contents"]["value"].startswith("`src`: folder"), r)
            r = call(c, "textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": L.line_col_of(text, "café.md", 1)})
            untracked = ", not tracked by git" if shutil.which("git") else ""
            self.assertEqual(r["contents"]["value"], "`docs/café.md`: file, 8 bytes%s" % untracked)
            r = call(c, "textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": L.line_col_of(text, "server/parser.c", 1)})
            self.assertEqual(r["contents"]["value"],
                             "`server/parser.c`: not in the repository; the nearest file is `server/text/parser.c`")
            self.assertEqual(c.close(), 0)

    def test_completion(self):
        for dialect, crlf in VARIANTS:
            with self.subTest(dialect=dialect, crlf=crlf), self.repo.client() as c:
                text = plan_text(dialect, crlf)
                uri, _ = self.open_plan(c, text)
                nl = "\r\n" if crlf else "\n"
                typed = text + nl + "Next — `server/" + nl + "And [it](docs/ca" + nl
                c.change(uri, 2, [{"text": typed}])
                c.wait_for_diagnostics(uri, 2)
                at = L.line_col_of(typed, "`server/" + nl, 8)
                r = call(c, "textDocument/completion", {"textDocument": {"uri": uri}, "position": at})
                got = [(i["label"], i["kind"], i["textEdit"]["newText"]) for i in r["items"]]
                self.assertEqual(got, [("plan.c", 17, "plan.c"), ("text", 19, "text/")])
                self.assertEqual(r["items"][0]["textEdit"]["range"], {"start": at, "end": at})
                at = L.line_col_of(typed, "docs/ca" + nl, 7)
                r = call(c, "textDocument/completion", {"textDocument": {"uri": uri}, "position": at})
                got = [(i["label"], i["textEdit"]["newText"], i["textEdit"]["range"]["start"]) for i in r["items"]]
                self.assertEqual(got, [("café.md", "café.md", L.line_col_of(typed, "ca" + nl))])
                self.assertEqual(c.close(), 0)

    def test_watched_files_keep_the_index(self):
        caps = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
        with self.repo.client(caps) as c:
            text = plan_text("guide", False)
            uri, _ = self.open_plan(c, text)
            c.barrier()  # what came before the index was ready
            self.repo.write("server/parser.c", "back\n")
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("server/parser.c"), "type": 1}]})
            published = [m["params"] for m in c.barrier() if m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri]
            self.assertEqual(missing(published[-1]["diagnostics"]), [])
            self.assertEqual(published[-1]["version"], 1)
            os.unlink(os.path.join(self.repo.dir, "server/parser.c"))
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("server/parser.c"), "type": 3}]})
            self.assertEqual(len(wait_missing(c, uri)), 1)
            self.assertEqual(c.close(), 0)

    def test_gitignore_change_builds_the_index_again(self):
        caps = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
        with self.repo.client(caps) as c:
            text = plan_text("cookbook", True)
            uri, (d,) = self.open_plan(c, text)
            self.assertIn("did you mean", d["message"])
            self.repo.write(".gitignore", "gen/\nserver/text/\n")
            c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": self.repo.uri(".gitignore"), "type": 2}]})
            # The near file is ignored now: in a plan under way, a missing file with no near
            # miss is most likely one it is about to make, so the finding goes.
            c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri and not missing(m["params"]["diagnostics"]),
                       "missing-path gone with its suggestion")
            self.assertEqual(c.close(), 0)

    def test_will_rename_files(self):
        closed = "docs/other/notes.md"
        closed_text = plan_text("cookbook", True).replace("`server/plan.c:3`", "[model](../../server/plan.c)")
        self.repo.write(closed, closed_text)
        for versioned in (True, False):
            with self.subTest(versioned=versioned), self.repo.client(L.FULL_CAPS if versioned else {}) as c:
                text = plan_text("guide", False)
                uri, _ = self.open_plan(c, text)
                r = call(c, "workspace/willRenameFiles", {"files": [{
                    "oldUri": self.repo.uri("server/plan.c"), "newUri": self.repo.uri("server/model/plan.c")}]})
                if versioned:
                    edits = {dc["textDocument"]["uri"]: (dc["textDocument"]["version"], dc["edits"])
                             for dc in r["documentChanges"]}
                    self.assertEqual(edits[uri][0], 1)
                    self.assertIsNone(edits[self.repo.uri(closed)][0])
                    edits = {k: v[1] for k, v in edits.items()}
                else:
                    edits = r["changes"]
                self.assertEqual(sorted(edits), sorted([uri, self.repo.uri(closed)]))
                self.assertEqual(L.apply_text_edits(text, edits[uri]),
                                 text.replace("`server/plan.c:3`", "`server/model/plan.c:3`"))
                self.assertEqual(L.apply_text_edits(closed_text, edits[self.repo.uri(closed)]),
                                 closed_text.replace("(../../server/plan.c)", "(../../server/model/plan.c)"))
                # A folder moves what is below it.
                r = call(c, "workspace/willRenameFiles", {"files": [{
                    "oldUri": self.repo.uri("docs") + "/", "newUri": self.repo.uri("doc") + "/"}]})
                mine = ([dc["edits"] for dc in r["documentChanges"] if dc["textDocument"]["uri"] == uri][0]
                        if versioned else r["changes"][uri])
                got = L.apply_text_edits(text, mine)
                self.assertIn("`doc/café.md`", got)
                self.assertEqual(c.close(), 0)

    def test_capabilities(self):
        c = L.LspClient()
        caps = c.initialize({})["capabilities"]
        self.assertTrue(caps["definitionProvider"])
        self.assertEqual(caps["documentLinkProvider"], {"resolveProvider": False})
        self.assertEqual(caps["workspace"]["fileOperations"]["willRename"]["filters"][0]["pattern"]["glob"], "**/*")
        self.assertIn("/", caps["completionProvider"]["triggerCharacters"])
        self.assertEqual(c.close(), 0)


if __name__ == "__main__":
    L.main(verbosity=2)
