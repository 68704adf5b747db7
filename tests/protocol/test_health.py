"""Health at a glance (handlers/health.c, cli_status.c, cli_check.c): the
title's code lens and hover, inlay hints after entry stamps, planls.status,
and on the command line `planls status` over a tree of plans, `planls check
--require-active` and `--stale`, related information in JSON and SARIF."""

import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN  # noqa: E402
from test_workspace import Repo, run  # noqa: E402

LENS_CAPS = dict(L.FULL_CAPS, textDocument=dict(L.FULL_CAPS["textDocument"], codeLens={}, inlayHint={}))
PREAMBLE_END = "as work proceeds.\n"
FOLDER = "\u8a08\u753b"  # 計画
BLOCKED = CLEAN_PLAN.replace("- [ ] write code", "- [ ] write code\n- [x] design it\n- [ ] \u23f8\ufe0f BLOCKED on review")
# Complete, with one open item: a warning in `planls check`.
COMPLETE_OPEN = CLEAN_PLAN.replace(PREAMBLE_END, PREAMBLE_END + "\nStatus: Done\n")
# Active, its newest entry 14 days old under the fixed clock.
STALE = CLEAN_PLAN.replace("2026-11-2", "2026-11-1")


class Editor(unittest.TestCase):
    def test_code_lens_on_the_title(self):
        s = L.Session(BLOCKED, caps=LENS_CAPS)
        r = s.c.request("textDocument/codeLens", {"textDocument": {"uri": s.uri}})["result"]
        self.assertEqual(r, [{"range": L.find_range(BLOCKED, "Ship the thing"),
                              "command": {"title": "1/3 done \u00b7 last entry 4 d ago \u00b7 1 blocked",
                                          "command": ""}}])
        self.assertEqual(s.c.init_result["capabilities"]["codeLensProvider"], {"resolveProvider": False})
        s.close()

    def test_hover_on_the_title_has_the_summary(self):
        text = BLOCKED.replace("\n", "\r\n")
        s = L.Session(text)
        r = s.request_at("textDocument/hover", L.pos(0, 5))
        self.assertEqual(r["contents"]["value"], "**Plan:** 1/3 done \u00b7 last entry 4 d ago \u00b7 1 blocked")
        self.assertEqual(r["range"], L.find_range(text, "Ship the thing"))
        s.close()

    def test_inlay_hints_after_stamps(self):
        s = L.Session(CLEAN_PLAN, caps=LENS_CAPS)
        r = s.c.request("textDocument/inlayHint", {"textDocument": {"uri": s.uri}, "range": L.rng(0, 0, 200, 0)})
        ends = [L.find_range(CLEAN_PLAN, st)["end"] for st in
                ("[2026-11-20 14:00 UTC]", "[2026-11-21 10:00 UTC]", "[2026-11-21 11:00 UTC]")]
        self.assertEqual(r["result"], [{"position": ends[0], "label": "5 d ago", "paddingLeft": True},
                                       {"position": ends[1], "label": "4 d ago", "paddingLeft": True},
                                       {"position": ends[2], "label": "4 d ago", "paddingLeft": True}])
        # Only those in the range asked for.
        line = ends[1]["line"]
        r = s.c.request("textDocument/inlayHint", {"textDocument": {"uri": s.uri}, "range": L.rng(line, 0, line, 99)})
        self.assertEqual([h["label"] for h in r["result"]], ["4 d ago"])
        s.close()

    def test_inlay_hints_off_by_setting(self):
        with L.LspClient() as c:
            c.initialize(LENS_CAPS, extra={"initializationOptions": {"entryAgeHints": False}})
            c.open_and_wait("file:///tmp/execplans/p.md", CLEAN_PLAN)
            r = c.request("textDocument/inlayHint", {"textDocument": {"uri": "file:///tmp/execplans/p.md"},
                                                     "range": L.rng(0, 0, 200, 0)})
            self.assertEqual(r["result"], [])

    def test_status_command_for_one_plan(self):
        s = L.Session(COOKBOOK_PLAN)
        r = s.c.request("workspace/executeCommand", {"command": "planls.status", "arguments": [s.uri]})["result"]
        self.assertEqual(r["plans"], [{"title": "Ship the thing", "uri": s.uri, "status": "active",
                                       "statusFrom": "default", "todos": {"done": 1, "total": 2}, "openSteps": 1,
                                       "blocked": 0, "problems": 0, "newestEntry": "2026-11-20T14:00Z",
                                       "age": "5 d ago", "ageDays": 5, "stale": False}])
        self.assertEqual(r["summary"]["active"], 1)
        r = s.c.request("workspace/executeCommand", {"command": "planls.status",
                                                     "arguments": ["file:///tmp/not-open.md"]})
        self.assertIn("error", r)
        self.assertIn("planls.status", s.c.init_result["capabilities"]["executeCommandProvider"]["commands"])
        s.close()


class Tree(unittest.TestCase):
    """A repository of plans: active, blocked, complete, in a Japanese folder, CRLF."""

    def setUp(self):
        self.repo = Repo({
            "collab/execplans/a-active.md": BLOCKED,
            "collab/execplans/%s/b-done.md" % FOLDER: COMPLETE_OPEN.replace("\n", "\r\n"),
            "collab/execplans/c-stale.md": STALE,
            "collab/execplans/completed/d-old.md": CLEAN_PLAN.replace("- [ ] write", "- [x] write"),
            "collab/execplans/e-blocked.md": CLEAN_PLAN.replace(PREAMBLE_END, PREAMBLE_END + "\n**Status:** Blocked\n"),
            "docs/notes.md": "# Notes\n\nNot a plan.\n",
        })

    def tearDown(self):
        self.repo.cleanup()

    def test_status_text(self):
        r = run(["status"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        # Run from the repository's top: paths shown from there.
        self.assertEqual(lines, [
            'active    collab/execplans/a-active.md  "Ship the thing"  to-dos 1/3  blocked 1  '
            'last entry 2026-11-21T11:00Z (4 d ago)  problems 0',
            'active    collab/execplans/c-stale.md  "Ship the thing"  to-dos 0/1  blocked 0  '
            'last entry 2026-11-11T11:00Z (14 d ago, stale)  problems 0',
            'blocked   collab/execplans/e-blocked.md  "Ship the thing"  to-dos 0/1  blocked 0  '
            'last entry 2026-11-21T11:00Z (4 d ago)  problems 0',
            'complete  collab/execplans/completed/d-old.md  "Ship the thing"  to-dos 1/1  blocked 0  '
            'last entry 2026-11-21T11:00Z (4 d ago)  problems 0',
            'complete  collab/execplans/%s/b-done.md  "Ship the thing"  to-dos 0/1  blocked 0  '
            'last entry 2026-11-21T11:00Z (4 d ago)  problems 1' % FOLDER,
            "5 plans: 2 active, 1 blocked, 2 complete; 1 stale, 1 blocked item",
        ])

    def test_title_that_is_not_utf8_keeps_its_row(self):
        with open(os.path.join(self.repo.dir, "collab/execplans/f-bytes.md"), "wb") as f:
            f.write(CLEAN_PLAN.replace("# Ship the thing", "# Ship \xff thing").encode("latin-1"))
        r = run(["status", "--format", "json", "collab/execplans/f-bytes.md"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        (row,) = json.loads(r.stdout)["plans"]
        self.assertEqual(row["title"], "Ship \ufffd thing")

    def test_status_json_matches_the_server(self):
        r = run(["status", "--format", "json", "collab/execplans"], cwd=self.repo.dir)
        cli = json.loads(r.stdout)
        self.assertEqual([(p["path"], p["status"], p["statusFrom"]) for p in cli["plans"]], [
            ("collab/execplans/a-active.md", "active", "default"),
            ("collab/execplans/c-stale.md", "active", "default"),
            ("collab/execplans/e-blocked.md", "blocked", "status line"),
            ("collab/execplans/completed/d-old.md", "complete", "folder"),
            ("collab/execplans/%s/b-done.md" % FOLDER, "complete", "status line")])
        self.assertEqual(cli["summary"], {"plans": 5, "active": 2, "blocked": 1, "draft": 0, "complete": 2,
                                          "archived": 0, "abandoned": 0, "stale": 1, "blockedItems": 1})
        with self.repo.client() as c:
            c.barrier()  # the scan runs on `initialized`, before later requests
            srv = c.request("workspace/executeCommand", {"command": "planls.status"})["result"]
        self.assertEqual(srv["summary"], cli["summary"])
        # The same rows (each list sorts by its own path or URI within a status).
        rows = {}
        for a in cli["plans"]:
            rows[os.path.join(self.repo.dir, a["path"])] = {k: v for k, v in a.items() if k != "path"}
        self.assertEqual([r["status"] for r in srv["plans"]], [r["status"] for r in cli["plans"]])
        self.assertEqual({urllib.parse.unquote(r["uri"])[len("file://"):]: {k: v for k, v in r.items() if k != "uri"}
                          for r in srv["plans"]}, rows)

    def test_require_active(self):
        r = run(["check", "--require-active"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1)  # b-done has a warning
        self.assertNotIn("no active plan", r.stderr)
        only_done = Repo({"collab/execplans/completed/x.md": CLEAN_PLAN.replace("- [ ] write", "- [x] write")})
        try:
            r = run(["check", "--require-active"], cwd=only_done.dir)
            self.assertEqual(r.returncode, 1)
            self.assertIn("planls: no active plan in %s/collab/execplans" % only_done.dir, r.stderr)
            only_done.write("collab/execplans/now.md", CLEAN_PLAN)
            r = run(["check", "--require-active"], cwd=only_done.dir)
            self.assertEqual((r.returncode, r.stderr.count("no active plan")), (0, 0), r.stderr)
            r = run(["check", "--require-active", "collab/execplans/completed"], cwd=only_done.dir)
            self.assertEqual(r.returncode, 1)
            self.assertIn("no active plan in collab/execplans/completed", r.stderr)
        finally:
            only_done.cleanup()
        empty = Repo({})
        try:
            r = run(["check", "--require-active"], cwd=empty.dir)
            self.assertEqual(r.returncode, 1)
            self.assertIn("no active plan: %s/collab/execplans does not exist" % empty.dir, r.stderr)
        finally:
            empty.cleanup()

    def test_stale_only_when_asked(self):
        r = run(["check", "collab/execplans/c-stale.md"], cwd=self.repo.dir)
        self.assertEqual((r.returncode, r.stdout), (0, ""))
        r = run(["check", "--stale", "collab/execplans/c-stale.md"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 0)  # information: CI stays green
        self.assertEqual(r.stdout, "collab/execplans/c-stale.md:1:3: info: The plan is active but its newest entry, "
                                   "[2026-11-11 11:00 UTC], is 14 days old; log progress or change its status "
                                   "[stale-plan]\n")
        self.repo.write(".planls.json", '{"rules": {"stale-plan": "warning"}}')
        r = run(["check", "collab/execplans/c-stale.md"], cwd=self.repo.dir)
        self.assertEqual(r.returncode, 1)
        self.assertIn("[stale-plan]", r.stdout)

    def test_related_information_on_the_command_line(self):
        path = "collab/execplans/%s/b-done.md" % FOLDER
        r = run(["check", path], cwd=self.repo.dir)
        self.assertEqual(r.stdout.splitlines()[:2], [
            "%s:5:9: warning: The plan says it is complete but 1 item is open (1 To-do, 0 Progress); tick it or "
            "change the status [plan-complete-with-open-items]" % path,
            "%s:13:1: note: Open To-do item: write code" % path])
        (f,) = json.loads(run(["check", "--format", "json", path], cwd=self.repo.dir).stdout)["files"]
        (d,) = [d for d in f["diagnostics"] if d["code"] == "plan-complete-with-open-items"]
        self.assertEqual(d["related"], [{"line": 13, "column": 1, "endLine": 13, "endColumn": 17,
                                         "message": "Open To-do item: write code"}])
        sarif = json.loads(run(["check", "--format", "sarif", path], cwd=self.repo.dir).stdout)
        (res,) = [x for x in sarif["runs"][0]["results"] if x["ruleId"] == "plan-complete-with-open-items"]
        (rel,) = res["relatedLocations"]
        self.assertEqual((rel["id"], rel["message"]["text"], rel["physicalLocation"]["region"]["startLine"]),
                         (0, "Open To-do item: write code", 13))


if __name__ == "__main__":
    L.main(verbosity=2)
