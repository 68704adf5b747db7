"""`planls mcp` over real pipes: the MCP lifecycle and version negotiation,
every tool's effect on the plan files, and bad input (unknown methods and
tools, bad arguments, paths outside the repository, malformed and huge
lines). Every assertion is on the bytes the server writes or the files it
leaves."""

import json
import os
import random
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from mcpclient import McpClient  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN, PLAN_NO_DECISIONS  # noqa: E402
from test_workspace import Repo, run  # noqa: E402

NOW_GUIDE = "[2026-11-25 17:03 UTC]"
NOW_COOKBOOK = "(2026-11-25 17:03Z)"
PLAN = "collab/execplans/ship.md"
# CLEAN_PLAN without its Surprises section: add_entry must put it back
# between Progress and Decision Log.
SURPRISES = "## Surprises & Discoveries\n\n- [2026-11-21 10:00 UTC] Found a thing.\n\n"
PLAN_NO_SURPRISES = CLEAN_PLAN.replace(SURPRISES, "")
assert PLAN_NO_SURPRISES != CLEAN_PLAN


def text_of(result):
    """The tool result's text content, parsed as JSON when it is."""
    assert result["content"][0]["type"] == "text", result
    return result["content"][0]["text"]


class McpCase(unittest.TestCase):
    files = {PLAN: CLEAN_PLAN, "README.md": "# A readme\n\nNot a plan.\n"}

    def setUp(self):
        self.repo = Repo(self.files)
        self.c = McpClient(self.repo.dir)
        self.c.initialize()

    def tearDown(self):
        self.assertEqual(self.c.close(), 0)
        self.repo.cleanup()

    def read(self, name):
        with open(os.path.join(self.repo.dir, name), encoding="utf-8") as f:
            return f.read()

    def ok(self, name, args):
        r = self.c.call(name, args)
        self.assertNotIn("isError", r, text_of(r))
        self.assertEqual(json.loads(text_of(r)), r["structuredContent"])
        return r["structuredContent"]

    def tool_error(self, name, args):
        r = self.c.call(name, args)
        self.assertIs(r.get("isError"), True, r)
        return text_of(r)


class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="planls-mcp-")
        self.c = McpClient(self.dir)

    def tearDown(self):
        self.assertEqual(self.c.close(), 0)
        os.rmdir(self.dir)

    def test_supported_version_is_answered_as_asked(self):
        for v in ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"):
            r = self.c.request("initialize", {"protocolVersion": v, "capabilities": {},
                                              "clientInfo": {"name": "t", "version": "1"}})["result"]
            self.assertEqual(r["protocolVersion"], v)
            self.assertEqual(r["serverInfo"]["name"], "planls")
            self.assertIn("tools", r["capabilities"])

    def test_unknown_version_gets_the_newest(self):
        r = self.c.request("initialize", {"protocolVersion": "1999-01-01", "capabilities": {},
                                          "clientInfo": {"name": "t", "version": "1"}})
        self.assertEqual(r["result"]["protocolVersion"], "2025-11-25")

    def test_notifications_get_no_reply_and_ping_an_empty_one(self):
        self.c.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        self.c.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 9}})
        self.assertEqual(self.c.request("ping")["result"], {})

    def test_unknown_method(self):
        r = self.c.request("resources/list")
        self.assertEqual(r["error"]["code"], -32601)
        self.assertIn("resources/list", r["error"]["message"])

    def test_tools_list_has_six_tools_with_object_schemas(self):
        self.c.initialize()
        tools = self.c.request("tools/list")["result"]["tools"]
        self.assertEqual([t["name"] for t in tools],
                         ["check_plan", "plan_status", "list_plans", "add_entry", "mark_done", "new_plan"])
        for t in tools:
            self.assertEqual(t["inputSchema"]["type"], "object", t["name"])
            self.assertTrue(t["description"])
        add = next(t for t in tools if t["name"] == "add_entry")["inputSchema"]
        self.assertEqual(add["required"], ["path", "section", "text"])
        self.assertEqual(add["properties"]["section"]["enum"], ["progress", "decision", "surprise", "todo"])

    def test_end_of_input_ends_the_server(self):
        self.c.initialize()
        self.assertEqual(self.c.close(), 0)
        self.c = McpClient(self.dir)  # tearDown closes this one


class CheckPlanTest(McpCase):
    files = {PLAN: PLAN_NO_DECISIONS, "README.md": "# A readme\n\nNot a plan.\n"}

    def test_findings_equal_check_format_json(self):
        cli = run(["check", "--format", "json", PLAN], cwd=self.repo.dir)
        self.assertEqual(cli.returncode, 1, cli.stderr)
        got = self.ok("check_plan", {"path": PLAN})
        self.assertEqual(got, json.loads(cli.stdout))
        self.assertEqual([d["code"] for d in got["files"][0]["diagnostics"]], ["missing-section"])

    def test_unsaved_text_is_checked_and_nothing_written(self):
        got = self.ok("check_plan", {"text": CLEAN_PLAN, "path": PLAN})
        self.assertEqual(got["files"][0]["diagnostics"], [])
        self.assertEqual(got["summary"], {"checked": 1, "problems": 0})
        self.assertEqual(self.read(PLAN), PLAN_NO_DECISIONS)

    def test_large_unsaved_text(self):
        # Over 16 KiB: the message reader lifts the "text" member out of the JSON.
        big = PLAN_NO_DECISIONS + "\n".join("Line %d of context." % i for i in range(3000)) + "\n"
        got = self.ok("check_plan", {"text": big})
        self.assertEqual([d["code"] for d in got["files"][0]["diagnostics"]], ["missing-section"])

    def test_after_edits_on_disk_the_findings_equal_a_fresh_check(self):
        # The server keeps the plan parsed between calls; whatever changes on
        # disk (the title, the preamble, a section removed or added, a line
        # broken), it must say what a fresh `planls check` says.
        texts = [CLEAN_PLAN,
                 CLEAN_PLAN.replace("# Ship the thing", "# Ship it"),
                 CLEAN_PLAN.replace("This ExecPlan is a living document.", "A document."),
                 PLAN_NO_DECISIONS.replace("- [x] [2026-11-20 14:00 UTC]", "- [x] [2025-13-20 14:00 UTC]"),
                 PLAN_NO_DECISIONS.replace("## Progress", "## Progres"),
                 "",
                 PLAN_NO_DECISIONS + "\n## Extra\n\ntext\n",
                 CLEAN_PLAN.replace("\n", "\r\n"),
                 CLEAN_PLAN]
        for text in texts:
            self.repo.write(PLAN, text)
            cli = run(["check", "--format", "json", PLAN], cwd=self.repo.dir)
            self.assertEqual(self.ok("check_plan", {"path": PLAN}), json.loads(cli.stdout), text[:80])
            # The same text sent unsaved, after another version was cached.
            self.assertEqual(self.ok("check_plan", {"path": PLAN, "text": text}), json.loads(cli.stdout))

    def test_settings_changed_on_disk_apply_at_once(self):
        before = self.ok("check_plan", {"path": PLAN})["files"][0]["diagnostics"]
        self.assertEqual([d["code"] for d in before], ["missing-section"])
        self.repo.write(".planls.json", json.dumps({"planls": {"rules": {"missing-section": "off"}}}))
        got = self.ok("check_plan", {"path": PLAN})
        cli = run(["check", "--format", "json", PLAN], cwd=self.repo.dir)
        self.assertEqual(got, json.loads(cli.stdout))
        self.assertEqual(got["files"][0]["diagnostics"], [])

    def test_neither_path_nor_text(self):
        self.assertIn("path", self.tool_error("check_plan", {}))


class StatusTest(McpCase):
    files = {PLAN: PLAN_NO_SURPRISES, "README.md": "# A readme\n\nNot a plan.\n",
             "docs/old.md": COOKBOOK_PLAN}

    def test_one_plan(self):
        s = self.ok("plan_status", {"path": PLAN})
        self.assertEqual(s["title"], "Ship the thing")
        self.assertEqual(s["dialect"], "guide")
        self.assertEqual(s["sections"]["missing"], ["Surprises & Discoveries"])
        self.assertEqual(len(s["sections"]["present"]), 12)
        self.assertEqual(s["todos"], {"done": 0, "total": 1})
        self.assertEqual(s["steps"], {"done": 1, "total": 1})
        self.assertEqual(s["newestEntry"]["stamp"], "[2026-11-21 11:00 UTC]")
        self.assertEqual(s["newestEntry"]["section"], "Decision Log")
        self.assertEqual(s["newestEntry"]["text"], "[2026-11-21 11:00 UTC] Use C.")
        line = self.read(PLAN).splitlines()[s["newestEntry"]["line"] - 1]
        self.assertEqual(line, "- [2026-11-21 11:00 UTC] Use C.")
        self.assertEqual(s["findings"], {"errors": 0, "warnings": 1})

    def test_every_plan_and_list(self):
        every = self.ok("plan_status", {})["plans"]
        self.assertEqual([p["path"] for p in every], ["collab/execplans/ship.md", "docs/old.md"])
        self.assertEqual(every[1]["dialect"], "cookbook")
        listed = self.ok("list_plans", {})["plans"]
        self.assertEqual(listed, [{"path": "collab/execplans/ship.md", "title": "Ship the thing"},
                                  {"path": "docs/old.md", "title": "Ship the thing"}])


class AddEntryTest(McpCase):
    files = {PLAN: PLAN_NO_SURPRISES, "docs/old.md": COOKBOOK_PLAN}

    def test_progress_entry_is_stamped_at_the_end_of_the_section(self):
        os.chmod(os.path.join(self.repo.dir, PLAN), 0o640)
        got = self.ok("add_entry", {"path": PLAN, "section": "progress", "text": "Wrote the parser."})
        entry = "- %s Wrote the parser." % NOW_GUIDE
        self.assertEqual(got["text"], entry)
        after = self.read(PLAN)
        self.assertEqual(after, PLAN_NO_SURPRISES.replace("Started.\n", "Started.\n" + entry + "\n"))
        self.assertEqual(after.splitlines()[got["line"] - 1], entry)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.repo.dir, PLAN)).st_mode), 0o640)
        self.assertEqual(sorted(os.listdir(os.path.join(self.repo.dir, "collab/execplans"))), ["ship.md"])

    def test_missing_section_is_created_at_its_place(self):
        got = self.ok("add_entry", {"path": PLAN, "section": "surprise", "text": "The cache was cold.",
                                    "rationale": "timings in bench.txt"})
        block = ("## Surprises & Discoveries\n- %s The cache was cold.\n  - Evidence: timings in bench.txt\n\n"
                 % NOW_GUIDE)
        self.assertEqual(self.read(PLAN), PLAN_NO_SURPRISES.replace("## Decision Log", block + "## Decision Log"))
        self.assertEqual(got["text"], "- %s The cache was cold." % NOW_GUIDE)
        # The plan is whole again: nothing left to find.
        self.assertEqual(self.ok("check_plan", {"path": PLAN})["summary"]["problems"], 0)

    def test_decision_in_each_dialect(self):
        self.ok("add_entry", {"path": PLAN, "section": "decision", "text": "Use cmark-gfm.",
                              "rationale": "it parses tables."})
        self.assertIn("- %s Use cmark-gfm.\n  - Rationale: it parses tables.\n" % NOW_GUIDE, self.read(PLAN))
        self.ok("add_entry", {"path": "docs/old.md", "section": "decision", "text": "Use cmark-gfm.",
                              "rationale": "it parses tables.", "author": "codex"})
        self.assertIn("dev\n- Decision: Use cmark-gfm.\n  Rationale: it parses tables.\n"
                      "  Date/Author: 2026-11-25 / codex\n", self.read("docs/old.md"))

    def test_cookbook_progress_step(self):
        self.ok("add_entry", {"path": "docs/old.md", "section": "progress", "text": "Shipped."})
        self.assertIn("- [ ] Next step.\n- [x] %s Shipped.\n" % NOW_COOKBOOK, self.read("docs/old.md"))

    def test_crlf_plan_keeps_its_line_endings(self):
        path = os.path.join(self.repo.dir, PLAN)
        with open(path, "wb") as f:
            f.write(PLAN_NO_SURPRISES.replace("\n", "\r\n").encode())
        got = self.ok("add_entry", {"path": PLAN, "section": "surprise", "text": "CRLF."})
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(data.count(b"\n"), data.count(b"\r\n"))
        self.assertEqual(data.decode().split("\r\n")[got["line"] - 1], "- %s CRLF." % NOW_GUIDE)

    def test_words_stay_on_one_line(self):
        got = self.ok("add_entry", {"path": PLAN, "section": "todo", "text": "write docs\n## Injected"})
        self.assertEqual(got["text"], "- [ ] write docs ## Injected")
        self.assertNotIn("\n## Injected", self.read(PLAN))

    def test_bad_arguments_are_tool_errors(self):
        cases = [({"path": PLAN, "section": "outcome", "text": "x"}, "one of"),
                 ({"path": PLAN, "text": "x"}, "missing argument \"section\""),
                 ({"path": PLAN, "section": "todo", "text": 7}, "must be a string"),
                 ({"path": PLAN, "section": "todo", "text": "x", "colour": "red"}, "unknown argument"),
                 ({"path": PLAN, "section": "todo", "text": " \t "}, "no printable text"),
                 ({"path": PLAN, "section": "progress", "text": "x", "rationale": "y"}, "no rationale"),
                 ({"path": "collab/execplans/none.md", "section": "todo", "text": "x"}, "No such file"),
                 ({"path": "docs/old.md/../../Makefile", "section": "todo", "text": "x"}, ".."),
                 ({"path": "docs", "section": "todo", "text": "x"}, "not a Markdown file")]
        for args, why in cases:
            self.assertIn(why, self.tool_error("add_entry", args), args)
        self.assertEqual(self.read(PLAN), PLAN_NO_SURPRISES)


class MarkDoneTest(McpCase):
    files = {PLAN: CLEAN_PLAN.replace("- [ ] write code\n", "- [ ] write code\n- [ ] write tests\n- [ ] write code review\n"),
             "docs/old.md": COOKBOOK_PLAN}

    def test_todo_is_ticked_and_logged_in_progress(self):
        before = self.read(PLAN)
        got = self.ok("mark_done", {"path": PLAN, "item": "TESTS"})
        logged = "- %s Done: write tests" % NOW_GUIDE
        self.assertEqual(got["text"], "- [x] write tests")
        self.assertEqual(got["progress"]["text"], logged)
        after = self.read(PLAN)
        self.assertEqual(after, before.replace("- [ ] write tests", "- [x] write tests").replace(
            "Started.\n", "Started.\n" + logged + "\n"))
        self.assertEqual(after.splitlines()[got["line"] - 1], "- [x] write tests")
        self.assertEqual(after.splitlines()[got["progress"]["line"] - 1], logged)

    def test_by_line_and_progress_step_gets_its_stamp(self):
        lines = self.read("docs/old.md").splitlines()
        n = lines.index("- [ ] Next step.") + 1
        got = self.ok("mark_done", {"path": "docs/old.md", "line": n})
        self.assertEqual(got["text"], "- [x] %s Next step." % NOW_COOKBOOK)
        self.assertIsNone(got["progress"])

    def test_ambiguous_done_and_missing(self):
        self.assertIn("give line", self.tool_error("mark_done", {"path": PLAN, "item": "write code"}))
        self.assertIn("ticked already", self.tool_error("mark_done", {"path": PLAN, "item": "Started"}))
        self.assertIn("no checkbox line", self.tool_error("mark_done", {"path": PLAN, "item": "nothing like it"}))
        self.assertIn("holds no checkbox", self.tool_error("mark_done", {"path": PLAN, "line": 1}))
        self.assertIn("at least 1", self.tool_error("mark_done", {"path": PLAN, "line": 0}))
        self.assertIn("give line", self.tool_error("mark_done", {"path": PLAN}))
        self.repo.write("setup.py", "- [ ] not a plan\n")
        self.assertIn("not a Markdown file", self.tool_error("mark_done", {"path": "setup.py", "line": 1}))


class NotUtf8Test(McpCase):
    """A plan with bytes that are not UTF-8: answers replace them, the file keeps them."""
    files = {}

    def test_status_check_and_mark_done(self):
        raw = CLEAN_PLAN.replace("# Ship the thing", "# Ship \udcff thing").replace(
            "- [ ] write code", "- [ ] write \udcfe code").encode("utf-8", "surrogateescape")
        path = os.path.join(self.repo.dir, PLAN)
        os.makedirs(os.path.dirname(path))
        with open(path, "wb") as f:
            f.write(raw)
        self.assertEqual(self.ok("plan_status", {"path": PLAN})["title"], "Ship \ufffd thing")
        cli = run(["check", "--format", "json", PLAN], cwd=self.repo.dir)
        self.assertEqual(self.ok("check_plan", {"path": PLAN}), json.loads(cli.stdout))
        got = self.ok("mark_done", {"path": PLAN, "item": "write"})
        self.assertEqual(got["text"], "- [x] write \ufffd code")
        with open(path, "rb") as f:
            self.assertIn(b"- [x] write \xfe code", f.read())


class NewPlanTest(McpCase):
    files = {"README.md": "# readme\n"}

    def test_new_plan_as_planls_new(self):
        got = self.ok("new_plan", {"title": "Add OAuth login"})
        self.assertEqual(got["path"], "collab/execplans/add-oauth-login.md")
        text = self.read(got["path"])
        self.assertTrue(text.startswith("# Add OAuth login\n"), text)
        self.assertIn("exists", self.tool_error("new_plan", {"title": "Add OAuth login"}))
        self.assertEqual(self.read(got["path"]), text)
        self.assertEqual(self.ok("list_plans", {})["plans"][0]["path"], got["path"])


class OutsideTest(McpCase):
    """No tool reads or writes outside the repository it was started in."""

    def setUp(self):
        self.outside = tempfile.mkdtemp(prefix="planls-mcp-outside-")
        self.secret = os.path.join(self.outside, "secret.md")
        with open(self.secret, "w") as f:
            f.write(CLEAN_PLAN)
        super().setUp()
        os.symlink(self.secret, os.path.join(self.repo.dir, "collab/execplans/link.md"))
        os.symlink(self.outside, os.path.join(self.repo.dir, "out"))

    def tearDown(self):
        super().tearDown()
        with open(self.secret) as f:
            self.assertEqual(f.read(), CLEAN_PLAN)
        self.assertEqual(os.listdir(self.outside), ["secret.md"])
        os.remove(self.secret)
        os.rmdir(self.outside)

    def test_paths_outside_are_refused(self):
        paths = {"../x.md": "..", "collab/../../x.md": "..", self.secret: "outside the repository",
                 "out/secret.md": "outside the repository", "collab/execplans/link.md": "symbolic link",
                 "/etc/passwd": "outside the repository", "": "empty"}
        for path, why in paths.items():
            for tool, args in (("check_plan", {"path": path}), ("plan_status", {"path": path}),
                               ("add_entry", {"path": path, "section": "todo", "text": "x"}),
                               ("mark_done", {"path": path, "line": 11})):
                self.assertIn(why, self.tool_error(tool, args), (tool, path))
        # Unsaved text may name a file that does not exist yet, not one outside.
        self.assertIn("outside", self.tool_error("check_plan", {"text": CLEAN_PLAN, "path": "out/new.md"}))

    def test_an_absolute_path_inside_is_fine(self):
        got = self.ok("check_plan", {"path": os.path.join(self.repo.dir, PLAN)})
        self.assertEqual(got["files"][0]["path"], PLAN)


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo({PLAN: CLEAN_PLAN})
        self.c = McpClient(self.repo.dir)
        self.c.initialize()

    def tearDown(self):
        self.assertEqual(self.c.close(), 0)
        self.repo.cleanup()

    def alive(self):
        self.assertEqual(self.c.request("ping")["result"], {})

    def test_unknown_tool_and_bad_call_params_are_protocol_errors(self):
        for params, why in (({"name": "delete_everything"}, "unknown tool"),
                            ({"name": "check_plan", "arguments": [PLAN]}, "arguments"),
                            ({"arguments": {}}, "name"), (None, "name")):
            r = self.c.request("tools/call", params)
            self.assertEqual(r["error"]["code"], -32602, r)
            self.assertIn(why, r["error"]["message"])
        self.alive()

    def test_malformed_lines(self):
        for raw in (b"{not json\n", b"[1, 2]\n", b"42\n", b'{"jsonrpc": "1.0", "id": 5, "method": "ping"}\n',
                    b'{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}\n', b"\xff\xfe\n"):
            self.c.send_raw(raw)
            r = self.c.recv()
            self.assertIn(r["error"]["code"], (-32700, -32600), (raw, r))
        self.c.send_raw(b"\n\r\n   \n")  # blank lines are no messages
        self.c.send_raw(b'{"jsonrpc":"2.0","id":77,"method":"ping"}\r\n')
        self.assertEqual(self.c.recv()["id"], 77)
        self.alive()

    def test_random_lines_each_get_one_error(self):
        # Seeded garbage: bytes, broken JSON-RPC, wrong types in every field.
        rnd = random.Random(15)
        pieces = [b"{", b"}", b"[", b"]", b'"jsonrpc"', b'"2.0"', b'"id"', b'"method"', b'"params"', b":", b",",
                  b'"tools/call"', b'"name"', b'"arguments"', b"null", b"1e999", b"-1", b'"\\u0000"', b"\xc3",
                  b"\xff", b" ", b"\r", b"\t", b'"\\ud800"']
        lines = []
        for _ in range(300):
            line = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
            if line.strip(b" \t\r"):
                lines.append(line)
        self.c.send_raw(b"\n".join(lines) + b"\n")
        self.c.send({"jsonrpc": "2.0", "id": "last", "method": "ping"})
        replies = []
        while True:
            r = self.c.recv()
            if r.get("id") == "last":
                break
            replies.append(r)
        self.assertEqual(len(replies), len(lines))
        for r in replies:
            self.assertIn(r["error"]["code"], (-32700, -32600), r)

    def test_huge_line_is_refused_and_the_next_one_read(self):
        chunk = b"x" * (1 << 20)
        self.c.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"text":"')
        for _ in range(170):
            self.c.send_raw(chunk)
        self.c.send_raw(b'"}}\n')
        r = self.c.recv(timeout=60 * L.SLOW)
        self.assertEqual(r["error"]["code"], -32700)
        self.assertIn("longer than 160 MiB", r["error"]["message"])
        self.alive()

    def test_a_last_line_without_line_break(self):
        self.c.send_raw(b'{"jsonrpc":"2.0","id":3,"method":"ping"}')
        self.c.proc.stdin.close()
        self.assertEqual(self.c.recv()["id"], 3)

    def test_input_from_a_file(self):
        # stdin need not be a pipe.
        with tempfile.TemporaryFile() as f:
            f.write(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
                    b'"capabilities":{},"clientInfo":{"name":"t","version":"1"}}}\n'
                    b'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"plan_status","arguments":'
                    b'{"path":"' + PLAN.encode() + b'"}}}\n')
            f.seek(0)
            out = subprocess.run([L.planls_bin(), "mcp"], cwd=self.repo.dir, stdin=f, capture_output=True,
                                 timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        replies = [json.loads(x) for x in out.stdout.splitlines()]
        self.assertEqual([r["id"] for r in replies], [1, 2])
        self.assertEqual(replies[1]["result"]["structuredContent"]["title"], "Ship the thing")


if __name__ == "__main__":
    L.binary_from_argv()
    unittest.main(verbosity=2)
