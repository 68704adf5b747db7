"""A plan's lifecycle over the wire: the status rules (complete with open
items, outcomes missing, validation not run, stale) with their related
information, and the Mark plan complete action, whose edit is applied and
checked: the status set where the plan keeps it, the Outcomes section added,
the file moved into completed/ with a RenameFile for clients that rename.
Both dialects, CRLF line endings, a folder and a file named in Japanese."""

import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN  # noqa: E402
from test_workspace import Repo, run  # noqa: E402

PREAMBLE_END = "as work proceeds.\n"
# A guide plan that says it is complete, with one open To-do item, one open
# Progress step, an empty Outcomes and an unticked validation check.
COMPLETE_OPEN = CLEAN_PLAN.replace(PREAMBLE_END, PREAMBLE_END + "\nStatus: \u2705 Complete\n").replace(
    "- [x] [2026-11-20 14:00 UTC] Started.", "- [x] [2026-11-20 14:00 UTC] Started.\n- [ ] Wire the flag.").replace(
    "Test it.", "- [ ] The export test passes.")
RENAME_CAPS = {"workspace": {"workspaceEdit": {"documentChanges": True, "resourceOperations": ["create", "rename"]}}}
FOLDER = "\u8a08\u753b"  # 計画


def file_uri(path):
    return "file://" + urllib.parse.quote(path)


def crlf(text):
    return text.replace("\n", "\r\n")


def by_code(diags, code):
    return [d for d in diags if d["code"] == code]


class LifecycleDiagnostics(unittest.TestCase):
    def test_complete_with_open_items_lists_them_crlf(self):
        text = crlf(COMPLETE_OPEN)
        s = L.Session(text)
        (d,) = by_code(s.diags, "plan-complete-with-open-items")
        self.assertEqual(d["severity"], 2)
        self.assertEqual(d["range"], L.find_range(text, "\u2705 Complete"))
        self.assertEqual(d["message"], "The plan says it is complete but 2 items are open (1 To-do, 1 Progress); "
                                       "tick them or change the status")
        self.assertEqual([(r["location"]["uri"], r["location"]["range"], r["message"]) for r in d["relatedInformation"]],
                         [(s.uri, L.find_range(text, "- [ ] write code"), "Open To-do item: write code"),
                          (s.uri, L.find_range(text, "- [ ] Wire the flag."), "Open Progress step: Wire the flag.")])
        (o,) = by_code(s.diags, "outcomes-missing")
        self.assertEqual((o["severity"], o["range"]), (3, L.find_range(text, "Outcomes & Retrospective", nth=1)))
        (v,) = by_code(s.diags, "validation-not-run")
        self.assertEqual(v["range"], L.find_range(text, "Validation and Acceptance"))
        self.assertEqual([r["location"]["range"] for r in v["relatedInformation"]],
                         [L.find_range(text, "- [ ] The export test passes.")])
        self.assertEqual(by_code(s.diags, "stale-plan"), [])
        # Ticking both items leaves the plan telling the truth about them.
        s.set_text(text.replace("- [ ] write code", "- [x] write code").replace("- [ ] Wire", "- [x] Wire"))
        self.assertEqual(by_code(s.diags, "plan-complete-with-open-items"), [])
        s.close()

    def test_completed_folder_in_japanese_cookbook(self):
        uri = file_uri("/tmp/%s/completed/\u8a08\u753b.md" % FOLDER)
        s = L.Session(COOKBOOK_PLAN, uri=uri)
        (d,) = by_code(s.diags, "plan-complete-with-open-items")
        self.assertEqual(d["range"], L.find_range(COOKBOOK_PLAN, "Ship the thing"))
        self.assertIn("sits in a completed folder", d["message"])
        self.assertEqual([(r["location"]["uri"], r["message"]) for r in d["relatedInformation"]],
                         [(uri, "Open Progress step: Next step.")])
        s.close()

    def test_active_folder_is_not_complete(self):
        s = L.Session(COOKBOOK_PLAN, uri=file_uri("/tmp/%s/active/p.md" % FOLDER))
        self.assertEqual(s.diags, [])
        s.close()

    def test_stale_plan_in_the_editor_and_its_setting(self):
        old = CLEAN_PLAN.replace("2026-11-2", "2026-11-1")  # newest entry 2026-11-11 11:00
        s = L.Session(old)
        (d,) = by_code(s.diags, "stale-plan")
        self.assertEqual((d["severity"], d["range"]), (3, L.find_range(old, "Ship the thing")))
        self.assertEqual(d["message"], "The plan is active but its newest entry, [2026-11-11 11:00 UTC], is 14 days "
                                       "old; log progress or change its status")
        s.close()
        with L.LspClient() as c:
            c.initialize({}, extra={"initializationOptions": {"staleAfterDays": 30}})
            self.assertEqual(c.open_and_wait("file:///tmp/execplans/old.md", old), [])
        # A blocked plan is not stale: it waits on purpose.
        s = L.Session(old.replace(PREAMBLE_END, PREAMBLE_END + "\n**Status:** Blocked\n"))
        self.assertEqual(s.diags, [])
        s.close()

    def test_outcomes_missing_when_every_todo_is_done(self):
        text = CLEAN_PLAN.replace("- [ ] write code", "- [x] write code")
        s = L.Session(text)
        self.assertEqual(L.codes(s.diags), [("outcomes-missing", "Every to-do is checked, but Outcomes & "
                                             "Retrospective is empty; write what was achieved and what was learned")])
        s.set_text(text.replace("Nothing yet.", "It shipped; the export is twice as fast."))
        self.assertEqual(s.diags, [])
        s.close()


def mark_complete(s, position=L.pos(0, 3)):
    acts = [a for a in s.actions(L.rng(position["line"], position["character"], position["line"],
                                       position["character"])) if a["title"].startswith("Mark plan complete")]
    return acts[0] if acts else None


class MarkComplete(unittest.TestCase):
    def test_status_line_crlf(self):
        text = crlf(CLEAN_PLAN.replace(PREAMBLE_END, PREAMBLE_END + "\nStatus: In progress\n"))
        s = L.Session(text)
        a = mark_complete(s)
        self.assertEqual(a["title"], "Mark plan complete")
        self.assertEqual(a["kind"], "refactor.rewrite")
        s.apply(a)
        self.assertEqual(s.text, text.replace("Status: In progress", "Status: Complete"))
        # The plan now says it is complete, and its open To-do item is told.
        self.assertEqual([d["code"] for d in s.diags], ["plan-complete-with-open-items", "outcomes-missing"])
        self.assertIsNone(mark_complete(s))  # complete already: not offered again
        s.close()

    def test_front_matter_and_table(self):
        fm = "---\ntitle: Ship\nstatus: draft\n---\n" + CLEAN_PLAN.replace("- [ ] write", "- [x] write")
        s = L.Session(fm)
        s.apply(mark_complete(s, L.pos(5, 3)))
        self.assertEqual(s.text, fm.replace("status: draft", "status: complete"))
        s.close()
        table = CLEAN_PLAN.replace(PREAMBLE_END, PREAMBLE_END + "\n| Field | Value |\n|---|---|\n"
                                   "| Status | \U0001F6A7 In progress |\n")
        s = L.Session(table)
        s.apply(mark_complete(s))
        self.assertIn("| Status | Complete |\n", s.text)
        s.close()

    def test_no_status_cookbook_adds_line_and_outcomes(self):
        text = crlf(COOKBOOK_PLAN.replace("- [ ] Next step.", "- [x] (2026-11-21 09:00Z) Next step.").replace(
            "## Outcomes & Retrospective\n\nNothing yet.\n\n", ""))
        s = L.Session(text)
        s.apply(mark_complete(s, L.pos(2, 5)))  # in the preamble
        self.assertIn("must be kept up to date as work proceeds.\r\n\r\nStatus: Complete\r\n\r\n## Purpose", s.text)
        self.assertIn("\r\n\r\n## Outcomes & Retrospective\r\n\r\nNone yet.\r\n\r\n## Context", s.text)
        self.assertNotIn("\n\n", s.text.replace("\r\n", "\r"))  # no bare line feeds were written
        # Complete, nothing open: only the placeholder Outcomes is left to write.
        self.assertEqual([d["code"] for d in s.diags], ["outcomes-missing"])
        s.close()

    def test_not_offered_below_the_preamble(self):
        s = L.Session(CLEAN_PLAN)
        self.assertIsNone(mark_complete(s, L.line_col_of(CLEAN_PLAN, "Users can do X.")))
        s.close()


class MarkCompleteMoves(unittest.TestCase):
    """A repository that files plans in active/ and completed/."""

    NAME = "collab/execplans/active/%s.md" % FOLDER
    DONE = "collab/execplans/completed/%s.md" % FOLDER

    def setUp(self):
        text = crlf(COOKBOOK_PLAN.replace("- [ ] Next step.", "- [x] (2026-11-21 09:00Z) Next step."))
        self.repo = Repo({self.NAME: text, "collab/execplans/completed/README.txt": "Finished plans.\n"})
        self.text = text
        self.uri = file_uri(os.path.join(self.repo.dir, self.NAME))

    def tearDown(self):
        self.repo.cleanup()

    def session(self, caps):
        c = L.LspClient()
        c.initialize(caps, extra={"rootUri": "file://" + self.repo.dir})
        c.open_and_wait(self.uri, self.text)
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": self.uri}, "range": L.rng(0, 3, 0, 3),
                                                  "context": {"diagnostics": []}})
        return c, [a for a in r["result"] if a["title"].startswith("Mark plan complete")]

    def test_moves_with_rename_file(self):
        c, (a,) = self.session(RENAME_CAPS)
        self.assertEqual(a["title"], "Mark plan complete and move it to completed/")
        edit, rename = a["edit"]["documentChanges"]
        self.assertEqual(edit["textDocument"], {"uri": self.uri, "version": 1})
        new_uri = file_uri(os.path.join(self.repo.dir, self.DONE))
        self.assertEqual(rename, {"kind": "rename", "oldUri": self.uri, "newUri": new_uri,
                                  "options": {"overwrite": False, "ignoreIfExists": False}})
        # The folder says it is complete: the text gets no Status line.
        after = L.apply_text_edits(self.text, edit["edits"])
        self.assertEqual(after, self.text)
        self.assertEqual(c.close(), 0)
        c.kill()
        # Applied as the client would: the file moves, and the check agrees.
        os.rename(os.path.join(self.repo.dir, self.NAME), os.path.join(self.repo.dir, self.DONE))
        r = run(["status", "--format", "json", "collab/execplans"], cwd=self.repo.dir)
        (row,) = __import__("json").loads(r.stdout)["plans"]
        self.assertEqual((row["status"], row["statusFrom"], row["path"]), ("complete", "folder",
                                                                            "collab/execplans/completed/%s.md" % FOLDER))

    def test_without_rename_support_sets_a_status_line(self):
        c, (a,) = self.session({"workspace": {"workspaceEdit": {"documentChanges": True}}})
        self.assertEqual(a["title"], "Mark plan complete")
        (edit,) = a["edit"]["documentChanges"]
        after = L.apply_text_edits(self.text, edit["edits"])
        self.assertIn("as work proceeds.\r\n\r\nStatus: Complete\r\n", after.replace(
            "The sections must be kept up to date.", "as work proceeds."))
        self.assertEqual(c.close(), 0)
        c.kill()

    def test_target_taken_no_move(self):
        self.repo.write(self.DONE, "# Another plan\n")
        c, (a,) = self.session(RENAME_CAPS)
        self.assertEqual(a["title"], "Mark plan complete")
        self.assertEqual(len(a["edit"]["documentChanges"]), 1)
        self.assertEqual(c.close(), 0)
        c.kill()


if __name__ == "__main__":
    L.main(verbosity=2)
