"""Project awareness over the wire and on the command line: settings files,
client settings, the repository's plan guide, closed plans, watched files,
workspace symbols, `planls check` discovery and `planls new`."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, PLAN_NO_DECISIONS  # noqa: E402

COOKBOOK_GUIDE = """# ExecPlans

How we write plans here.

```md
# <Short, action-oriented description>

This ExecPlan is a living document. The sections `Progress`, `Surprises & Discoveries`, `Decision Log`, and `Outcomes & Retrospective` must be kept up to date as work proceeds.

## Purpose / Big Picture
## Progress
## Surprises & Discoveries
## Decision Log
## Outcomes & Retrospective
## Context and Orientation
## Plan of Work
## Concrete Steps
## Validation and Acceptance
## Idempotence and Recovery
## Artifacts and Notes
## Interfaces and Dependencies
```
"""

COOKBOOK_PLAN = """# Do X

This ExecPlan is a living document. The sections must be kept up to date.

## Purpose / Big Picture

Why.

## Progress

- [x] (2026-11-20 10:00Z) Did it.
- [ ] Next.

## Surprises & Discoveries

- Observation: a thing.
  Evidence: logs.
"""


def run(args, cwd):
    env = dict(os.environ, PLANLS_NOW=L.FIXED_NOW)
    return subprocess.run([L.planls_bin()] + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=30)


class Repo:
    """A repository in a temporary folder."""

    def __init__(self, files):
        self.dir = tempfile.mkdtemp(prefix="planls-ws-")
        os.mkdir(os.path.join(self.dir, ".git"))
        for name, text in files.items():
            self.write(name, text)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def uri(self, name):
        return "file://" + os.path.join(self.dir, name)

    def client(self, caps=None, options=None):
        c = L.LspClient()
        extra = {"rootUri": "file://" + self.dir,
                 "workspaceFolders": [{"uri": "file://" + self.dir, "name": "repo"}]}
        if options is not None:
            extra["initializationOptions"] = options
        c.initialize(caps or {}, extra=extra)
        return c

    def cleanup(self):
        shutil.rmtree(self.dir)


def codes(diags):
    return sorted(d["code"] for d in diags)


class GuideTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo({".agent/PLANS.md": COOKBOOK_GUIDE, "docs/execplans/x.md": COOKBOOK_PLAN})

    def tearDown(self):
        self.repo.cleanup()

    def test_cookbook_repository_gets_no_todo_nagging(self):
        with self.repo.client() as c:
            # The closed plan's problems arrive after initialized, without opening it.
            closed = c.wait_for_diagnostics(self.repo.uri("docs/execplans/x.md"))
            messages = [d["message"] for d in closed["diagnostics"]]
            self.assertIn("Missing section '## Decision Log'", messages)
            self.assertNotIn("Missing section '## To-do'", messages)
            c.open(self.repo.uri("docs/execplans/x.md"), COOKBOOK_PLAN)
            opened = c.wait_for_diagnostics(self.repo.uri("docs/execplans/x.md"), 1)
            self.assertEqual(L.brief(opened["diagnostics"]), L.brief(closed["diagnostics"]))
            # The guide itself is not a plan.
            c.open(self.repo.uri(".agent/PLANS.md"), COOKBOOK_GUIDE)
            for m in c.barrier():
                self.assertNotEqual(m.get("params", {}).get("uri"), self.repo.uri(".agent/PLANS.md"), m)
            self.assertEqual(c.close(), 0)

    def test_cli_agrees(self):
        r = run(["check"], cwd=os.path.join(self.repo.dir, "docs"))
        self.assertEqual(r.returncode, 1, r.stderr)
        # Paths below the folder it ran in are shown from there.
        self.assertIn("\nexecplans/x.md:1:3: warning: Missing section '## Decision Log' [missing-section]",
                      "\n" + r.stdout)
        self.assertNotIn("To-do", r.stdout)
        self.assertNotIn("PLANS.md", r.stdout)


class NamedGuideTest(unittest.TestCase):
    """A plan whose preamble names a guide kept elsewhere follows that guide."""

    PLAN = COOKBOOK_PLAN.replace("must be kept up to date.", "must be kept up to date. This plan follows "
                                 "`docs/process/PLANS.md`.")

    def setUp(self):
        guide = COOKBOOK_GUIDE.replace("## Interfaces and Dependencies\n", "## Interfaces and Dependencies\n## Rollout\n")
        self.repo = Repo({"docs/process/PLANS.md": guide, "work/execplans/x.md": self.PLAN})

    def tearDown(self):
        self.repo.cleanup()

    def test_editor_and_cli(self):
        r = run(["check", "work/execplans/x.md"], cwd=self.repo.dir)
        self.assertIn("Missing section '## Rollout'", r.stdout)  # the guide's own section
        self.assertNotIn("To-do", r.stdout)
        with self.repo.client() as c:
            uri = self.repo.uri("work/execplans/x.md")
            c.open(uri, self.PLAN)
            messages = [d["message"] for d in c.wait_for_diagnostics(uri, 1)["diagnostics"]]
            self.assertIn("Missing section '## Rollout'", messages)
            self.assertNotIn("Missing section '## To-do'", messages)
            c.close()
        # Without the reference, the guide's sections do not apply.
        self.repo.write("work/execplans/y.md", self.PLAN.replace("`docs/process/PLANS.md`", "our guide"))
        r = run(["check", "work/execplans/y.md"], cwd=self.repo.dir)
        self.assertIn("Missing section '## Decision Log'", r.stdout)
        self.assertNotIn("Rollout", r.stdout)


class SettingsTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo({"collab/execplans/p.md": PLAN_NO_DECISIONS,
                          ".planls.json": json.dumps({"rules": {"missing-section": "off"}})})

    def tearDown(self):
        self.repo.cleanup()

    def test_rule_off_in_editor_and_cli(self):
        with self.repo.client() as c:
            c.open(self.repo.uri("collab/execplans/p.md"), PLAN_NO_DECISIONS)
            self.assertEqual(c.wait_for_diagnostics(self.repo.uri("collab/execplans/p.md"), 1)["diagnostics"], [])
            c.close()
        r = run(["check", "collab/execplans/p.md"], cwd=self.repo.dir)
        self.assertEqual((r.returncode, r.stdout), (0, ""), r.stderr)

    def test_client_settings_and_changes_recheck_open_plans(self):
        self.repo.write(".planls.json", "{}")
        with self.repo.client(options={"planls": {"rules": {"missing-section": "hint"}}}) as c:
            uri = self.repo.uri("collab/execplans/p.md")
            c.open(uri, PLAN_NO_DECISIONS)
            (d,) = c.wait_for_diagnostics(uri, 1)["diagnostics"]
            self.assertEqual((d["code"], d["severity"]), ("missing-section", 4))
            c.notify("workspace/didChangeConfiguration",
                     {"settings": {"planls": {"rules": {"missing-section": "off"}}}})
            pubs = [m["params"] for m in c.barrier()
                    if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
            self.assertEqual(pubs[-1], {"uri": uri, "version": 1, "diagnostics": []})
            c.close()

    def test_settings_pulled_with_workspace_configuration(self):
        self.repo.write(".planls.json", "{}")
        with self.repo.client(caps={"workspace": {"configuration": True}}) as c:
            req = c.wait_for(lambda m: m.get("method") == "workspace/configuration", "workspace/configuration")
            self.assertEqual(req["params"]["items"], [{"section": "planls"}])
            uri = self.repo.uri("collab/execplans/p.md")
            c.send({"jsonrpc": "2.0", "id": req["id"], "result": [{"dialect": "guide",
                                                                   "rules": {"missing-section": "error"}}]})
            c.open(uri, PLAN_NO_DECISIONS)
            (d,) = c.wait_for_diagnostics(uri, 1)["diagnostics"]
            self.assertEqual(d["severity"], 1)
            c.close()

    def test_bad_settings_file_gets_a_diagnostic_and_defaults(self):
        self.repo.write(".planls.json", '{"rules": {"missing-section": "off",}}')
        with self.repo.client() as c:
            bad = c.wait_for_diagnostics(self.repo.uri(".planls.json"))["diagnostics"]
            self.assertEqual(codes(bad), ["bad-settings"])
            self.assertIn("not valid JSON", bad[0]["message"])
            self.assertEqual(bad[0]["range"]["start"]["line"], 0)
            uri = self.repo.uri("collab/execplans/p.md")
            c.open(uri, PLAN_NO_DECISIONS)
            # The defaults apply: the section is missing again.
            self.assertEqual(codes(c.wait_for_diagnostics(uri, 1)["diagnostics"]), ["missing-section"])
            self.assertEqual(c.close(), 0)
        r = run(["check", "collab/execplans/p.md"], cwd=self.repo.dir)
        self.assertIn(".planls.json:1:", r.stdout)
        self.assertIn("[bad-settings]", r.stdout)

    def test_team_section_names(self):
        plan = CLEAN_PLAN.replace("## Progress", "## 進捗")
        settings = {"requiredSections": ["Purpose / Big Picture", "To-do", {"name": "進捗", "as": "Progress"},
                                         "Surprises & Discoveries", "Decision Log", "Outcomes & Retrospective",
                                         "Context and Orientation", "Plan of Work", "Concrete Steps",
                                         "Validation and Acceptance", "Idempotence and Recovery",
                                         "Artifacts and Notes", "Interfaces and Dependencies", "Rollout"]}
        self.repo.write(".planls.json", json.dumps(settings, ensure_ascii=False))
        with self.repo.client() as c:
            uri = self.repo.uri("collab/execplans/p.md")
            c.open(uri, plan.replace("- [x] [2026-11-20 14:00 UTC] Started.", "- did it, no date"))
            diags = c.wait_for_diagnostics(uri, 1)["diagnostics"]
            # 進捗 is Progress: its undated entry is flagged; Rollout is the team's own section.
            self.assertEqual(sorted((d["code"], d["message"]) for d in diags),
                             [("missing-section", "Missing section '## Rollout'"),
                              ("undated-entry",
                               "Progress entry has no timestamp; start it with [YYYY-MM-DD HH:MM UTC]")])
            c.close()


class ClosedPlansTest(unittest.TestCase):
    def setUp(self):
        self.repo = Repo({"collab/execplans/a.md": PLAN_NO_DECISIONS, "README.md": "# Readme\n\nNot a plan.\n",
                          "node_modules/x/execplans/b.md": PLAN_NO_DECISIONS,
                          "ignored/execplans/c.md": PLAN_NO_DECISIONS, ".gitignore": "ignored/\n"})

    def tearDown(self):
        self.repo.cleanup()

    def test_scan_watch_and_symbols(self):
        caps = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
        with self.repo.client(caps=caps) as c:
            reg = c.wait_for(lambda m: m.get("method") == "client/registerCapability", "registerCapability")
            self.assertEqual(reg["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles")
            c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
            seen = [m["params"]["uri"] for m in c.barrier() if m.get("method") == "textDocument/publishDiagnostics"]
            a = c.wait_for_diagnostics(self.repo.uri("collab/execplans/a.md")) if not seen else None
            seen += [self.repo.uri("collab/execplans/a.md")] if a else []
            self.assertEqual(seen, [self.repo.uri("collab/execplans/a.md")])  # not node_modules, not ignored
            # A new plan appears on disk.
            self.repo.write("collab/execplans/new.md", PLAN_NO_DECISIONS.replace("Ship the thing", "Second"))
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("collab/execplans/new.md"), "type": 1}]})
            d = c.wait_for_diagnostics(self.repo.uri("collab/execplans/new.md"))
            self.assertEqual(codes(d["diagnostics"]), ["missing-section"])
            r = c.request("workspace/symbol", {"query": "second"})
            self.assertEqual([(s["name"], s["location"]["uri"]) for s in r["result"]],
                             [("Second", self.repo.uri("collab/execplans/new.md"))])
            r = c.request("workspace/symbol", {"query": "purpose"})
            self.assertEqual(len(r["result"]), 2)
            self.assertEqual({s["containerName"] for s in r["result"]}, {"Ship the thing", "Second"})
            # Deleted: its diagnostics are cleared.
            os.remove(os.path.join(self.repo.dir, "collab/execplans/new.md"))
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("collab/execplans/new.md"), "type": 3}]})
            self.assertEqual(c.wait_for_diagnostics(self.repo.uri("collab/execplans/new.md"))["diagnostics"], [])
            self.assertEqual(c.close(), 0)

    def test_uris_with_a_nul_character_name_no_folder_and_no_file(self):
        # Cut at the NUL, "<repo>/\u0000x" would make the repository a folder
        # of the workspace, and "new.md\u0000.txt" a file of it.
        c = L.LspClient()
        bad = "file://" + self.repo.dir + "/\x00x"
        c.initialize({"textDocument": {"diagnostic": {}}}, extra={"rootUri": bad,
                                                                  "workspaceFolders": [{"uri": bad, "name": "x"}]})
        try:
            r = c.request("workspace/diagnostic", {"previousResultIds": []})
            self.assertEqual(r["result"]["items"], [])
        finally:
            self.assertEqual(c.close(), 0)
        with self.repo.client() as c:
            c.wait_for_diagnostics(self.repo.uri("collab/execplans/a.md"))
            self.repo.write("collab/execplans/new.md", PLAN_NO_DECISIONS)
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": self.repo.uri("collab/execplans/new.md") + "\x00.txt", "type": 1}]})
            self.assertEqual([m for m in c.barrier() if m.get("method") == "textDocument/publishDiagnostics"], [])
            self.assertEqual(c.close(), 0)

    def test_pull_clients_pull_closed_plans(self):
        with self.repo.client(caps={"textDocument": {"diagnostic": {}}}) as c:
            self.assertTrue(c.init_result["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"])
            r = c.request("workspace/diagnostic", {"previousResultIds": []})
            reports = {i["uri"]: i for i in r["result"]["items"]}
            self.assertEqual(list(reports), [self.repo.uri("collab/execplans/a.md")])
            self.assertEqual(reports[self.repo.uri("collab/execplans/a.md")]["kind"], "full")
            self.assertEqual(codes(reports[self.repo.uri("collab/execplans/a.md")]["items"]), ["missing-section"])
            pubs = [m for m in c.barrier() if m.get("method") == "textDocument/publishDiagnostics"]
            self.assertEqual(pubs, [])  # a pull client is never pushed to
            self.assertEqual(c.close(), 0)

    def test_exec_plans_folder_and_its_index(self):
        # docs/exec-plans/ holds plans; its README is an index, not a plan.
        repo = Repo({"docs/exec-plans/active/a.md": PLAN_NO_DECISIONS,
                     "docs/exec-plans/README.md": "# Plans\n\n- [a](active/a.md): in progress\n"})
        try:
            with repo.client(caps={"textDocument": {"diagnostic": {}}}) as c:
                r = c.request("workspace/diagnostic", {"previousResultIds": []})
                reports = {i["uri"]: i for i in r["result"]["items"]}
                self.assertEqual(list(reports), [repo.uri("docs/exec-plans/active/a.md")])
                self.assertEqual(codes(reports[repo.uri("docs/exec-plans/active/a.md")]["items"]), ["missing-section"])
                self.assertEqual(c.close(), 0)
        finally:
            repo.cleanup()

    def test_closing_an_edited_plan_shows_the_file_again(self):
        with self.repo.client() as c:
            uri = self.repo.uri("collab/execplans/a.md")
            c.wait_for_diagnostics(uri)
            c.open(uri, CLEAN_PLAN)
            self.assertEqual(c.wait_for_diagnostics(uri, 1)["diagnostics"], [])
            c.close_doc(uri)
            self.assertEqual(codes(c.wait_for_diagnostics(uri)["diagnostics"]), ["missing-section"])
            c.close()

    def test_workspace_diagnostics_off(self):
        self.repo.write(".planls.json", '{"workspaceDiagnostics": false}')
        with self.repo.client() as c:
            pubs = [m for m in c.barrier() if m.get("method") == "textDocument/publishDiagnostics"]
            self.assertEqual(pubs, [])
            c.close()


class NewPlanTest(unittest.TestCase):
    def test_new_plan_is_clean_but_for_empty_sections(self):
        repo = Repo({})
        try:
            r = run(["new", "Add OAuth login"], cwd=repo.dir)
            self.assertEqual(r.returncode, 0, r.stderr)
            path = r.stdout.strip()
            self.assertTrue(path.endswith("/collab/execplans/add-oauth-login.md"), path)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertTrue(text.startswith("# Add OAuth login\n\nKeep Progress, Surprises & Discoveries"))
            self.assertIn("**Created**: [2026-11-25 17:03 UTC]", text)
            r = run(["check"], cwd=repo.dir)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual({line.rsplit("[", 1)[1] for line in r.stdout.splitlines()}, {"empty-section]"})
            again = run(["new", "Add OAuth login"], cwd=repo.dir)
            self.assertEqual(again.returncode, 1)
            self.assertIn("not overwriting", again.stderr)
        finally:
            repo.cleanup()

    def test_sarif(self):
        repo = Repo({"collab/execplans/p.md": PLAN_NO_DECISIONS})
        try:
            r = run(["check", "--format", "sarif"], cwd=repo.dir)
            self.assertEqual(r.returncode, 1)
            sarif = json.loads(r.stdout)
            (res,) = sarif["runs"][0]["results"]
            self.assertEqual((res["ruleId"], res["level"]), ("missing-section", "warning"))
            region = res["locations"][0]["physicalLocation"]["region"]
            self.assertEqual((region["startLine"], region["startColumn"]), (1, 3))
        finally:
            repo.cleanup()


class LongMessageTest(unittest.TestCase):
    """A quoted text over 200 bytes is cut on a character boundary, so the
    message survives the JSON and SARIF writers."""

    def test_cut_cjk_quote_in_json_and_sarif(self):
        item = "テスト項目" * 14  # 210 bytes: byte 200 falls inside a character
        plan = CLEAN_PLAN.replace("- [ ] write code\n", "- [ ] write code\n- " + item + "\n")
        repo = Repo({"collab/execplans/p.md": plan})
        try:
            want = "To-do item is not a checkbox; write '- [ ] " + item[:66] + "'"
            r = run(["check", "--format", "json"], cwd=repo.dir)
            messages = [d["message"] for f in json.loads(r.stdout)["files"] for d in f["diagnostics"]]
            self.assertEqual(messages, [want])
            r = run(["check", "--format", "sarif"], cwd=repo.dir)
            (res,) = json.loads(r.stdout)["runs"][0]["results"]
            self.assertEqual(res["message"]["text"], want)
        finally:
            repo.cleanup()


if __name__ == "__main__":
    L.main(verbosity=2)
