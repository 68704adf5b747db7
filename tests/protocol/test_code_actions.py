"""Code actions, their resolve and workspace/executeCommand over the wire
(handlers/code_actions.c). Every edit the server returns is applied the way a
client applies it, and the test asserts on the resulting text and on the
diagnostics the server then publishes."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN, PLAN_NO_DECISIONS  # noqa: E402

PLAN_NO_PROGRESS = CLEAN_PLAN.replace("## Progress\n\n- [x] [2026-11-20 14:00 UTC] Started.\n\n", "")
assert PLAN_NO_PROGRESS != CLEAN_PLAN

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "rules")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")


class CodeActionTest(unittest.TestCase):
    def fix_everything(self, text, uri="file:///tmp/execplans/plan.md"):
        """For each diagnostic, applies each quick fix that claims it, then checks
        that the diagnostic is gone."""
        s = L.Session(text, uri=uri)
        fixed = 0
        for d in list(s.diags):
            current = [x for x in s.diags if x["code"] == d["code"] and x["message"] == d["message"]]
            if not current:
                continue
            d = current[0]
            actions = s.actions(d["range"], [d], only=["quickfix"])
            mine = [a for a in actions if d in a.get("diagnostics", [])]
            if not mine:
                continue
            s.apply(mine[0])
            fixed += 1
            still = [x for x in s.diags if x["code"] == d["code"] and x["message"] == d["message"]]
            self.assertEqual(still, [], "quick fix %r left %r" % (mine[0]["title"], d))
        s.close()
        return fixed

    def test_every_quick_fix_removes_its_diagnostic(self):
        total = 0
        for name in ["timestamps", "sections", "entries", "no-title", "cookbook-checkboxes"]:
            with open(os.path.join(GOLDEN, name + ".md"), encoding="utf-8") as f:
                total += self.fix_everything(f.read())
        with open(os.path.join(EXAMPLES, "add-oauth-login.md"), encoding="utf-8") as f:
            total += self.fix_everything(f.read())
        self.assertGreaterEqual(total, 15)

    def test_add_missing_section_at_canonical_position(self):
        s = L.Session(PLAN_NO_DECISIONS)
        (d,) = s.diags
        actions = s.actions(d["range"])
        fix = next(a for a in actions if a["title"] == "Add missing section 'Decision Log'")
        self.assertTrue(fix["isPreferred"])
        self.assertEqual(fix["kind"], "quickfix")
        s.apply(fix)
        self.assertIn("- [2026-11-21 10:00 UTC] Found a thing.\n\n## Decision Log\n\n"
                      "## Outcomes & Retrospective", s.text)
        self.assertEqual([x["code"] for x in s.diags], ["empty-section"])
        s.close()

    def test_add_missing_section_with_a_fence_left_open_at_the_end(self):
        # Inserted at the end, the heading would be code of the fence that
        # never closes, and the section still missing: it goes before the fence.
        i = CLEAN_PLAN.index("## Interfaces and Dependencies")
        text = CLEAN_PLAN[:i] + "```\n$ make test\n"
        s = L.Session(text)
        (d,) = [x for x in s.diags if x["code"] == "missing-section"]
        fix = next(a for a in s.actions(d["range"]) if a["title"] == "Add missing section 'Interfaces and Dependencies'")
        s.apply(fix)
        self.assertTrue(s.text.endswith("None.\n\n## Interfaces and Dependencies\n\n```\n$ make test\n"), s.text[-80:])
        self.assertNotIn("missing-section", [x["code"] for x in s.diags])
        s.close()

    def test_add_all_missing_keeps_canonical_order(self):
        text = CLEAN_PLAN
        for name in ["Concrete Steps", "Validation and Acceptance", "Idempotence and Recovery"]:
            i = text.index("## " + name)
            j = text.index("## ", i + 3)
            text = text[:i] + text[j:]
        s = L.Session(text)
        actions = s.actions(s.diags[0]["range"])
        fix = next(a for a in actions if a["title"] == "Add all 3 missing sections")
        s.apply(fix)
        self.assertIn("Do it.\n\n## Concrete Steps\n\n## Validation and Acceptance\n\n"
                      "## Idempotence and Recovery\n\n## Artifacts and Notes", s.text)
        self.assertNotIn("missing-section", [x["code"] for x in s.diags])
        s.close()

    def test_add_progress_entry_from_anywhere(self):
        s = L.Session(CLEAN_PLAN)
        actions = s.actions(L.rng(40, 0, 40, 0))
        add = next(a for a in actions if a["title"] == "Add Progress entry")
        self.assertEqual(add["kind"], "refactor.rewrite")
        s.apply(add)
        self.assertIn("- [x] [2026-11-20 14:00 UTC] Started.\n- " + L.STAMP + " \n\n## Surprises", s.text)
        # The caret goes to the end of the new entry.
        cmd = add["command"]
        self.assertEqual(cmd["command"], "planls.reveal")
        where = L.line_col_of(s.text, "- " + L.STAMP + " \n", after=len("- " + L.STAMP + " "))
        self.assertEqual(cmd["arguments"][1], where)
        s.close()

    def test_add_entry_creates_missing_section(self):
        s = L.Session(PLAN_NO_DECISIONS)
        add = next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Decision Log entry")
        s.apply(add)
        self.assertIn("Found a thing.\n\n## Decision Log\n- " + L.STAMP + " \n  - Rationale: \n", s.text)
        self.assertNotIn("missing-section", [x["code"] for x in s.diags])
        s.close()

    def test_mark_done_and_log_progress(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "- [ ] write code", after=3)
        actions = s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
        titles = [a["title"] for a in actions]
        self.assertIn("Mark done", titles)
        log = next(a for a in actions if a["title"] == "Mark done and log progress")
        s.apply(log)
        self.assertIn("- [x] write code\n", s.text)
        self.assertIn("Started.\n- " + L.STAMP + " Done: write code\n", s.text)
        undo = next(a for a in s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
                    if a["title"] == "Mark not done")
        s.apply(undo)
        self.assertIn("- [ ] write code\n", s.text)
        s.close()

    def test_unversioned_edits_for_clients_without_document_changes(self):
        caps = {"workspace": {"applyEdit": True}}
        s = L.Session(PLAN_NO_DECISIONS, caps=caps)
        fix = next(a for a in s.actions(s.diags[0]["range"]) if a["title"] == "Add missing section 'Decision Log'")
        self.assertIn("changes", fix["edit"])
        self.assertNotIn("command", fix)  # no showDocument support
        s.close()

    def test_versioned_edit_names_current_version(self):
        s = L.Session(PLAN_NO_DECISIONS)
        s.set_text(s.text + "\n")
        fix = next(a for a in s.actions(s.diags[0]["range"]) if a["title"] == "Add missing section 'Decision Log'")
        self.assertEqual(fix["edit"]["documentChanges"][0]["textDocument"]["version"], 2)
        s.close()


class ContextDiagnosticsTest(unittest.TestCase):
    """Editors ask at the cursor and send the diagnostics of its line
    (Neovim's vim.lsp.buf.code_action()): fixes go with the line and with the
    diagnostics the client names, while they are still current."""

    def test_cursor_at_column_0_of_the_title_gets_the_fix(self):
        s = L.Session(PLAN_NO_DECISIONS)
        (d,) = s.diags
        self.assertEqual(d["range"]["start"], L.pos(0, 2))  # missing-section sits after "# "
        titles = [a["title"] for a in s.actions(L.rng(0, 0, 0, 0), [d], only=["quickfix"])]
        self.assertIn("Add missing section 'Decision Log'", titles)
        # On the title's line, without naming it: the line is enough.
        titles = [a["title"] for a in s.actions(L.rng(0, 0, 0, 0), [], only=["quickfix"])]
        self.assertIn("Add missing section 'Decision Log'", titles)
        s.close()

    def test_named_diagnostics_elsewhere_get_fixes_while_current(self):
        s = L.Session(PLAN_NO_DECISIONS)
        (d,) = s.diags
        far = L.rng(30, 0, 30, 0)
        titles = [a["title"] for a in s.actions(far, [d], only=["quickfix"])]
        self.assertEqual(titles, ["Add missing section 'Decision Log'", "Ignore missing-section on this line"])
        stale = dict(d, range=L.rng(0, 3, 0, 9))  # no such diagnostic now
        self.assertEqual(s.actions(far, [stale], only=["quickfix"]), [])
        other = dict(d, code="unknown-section")
        self.assertEqual(s.actions(far, [other], only=["quickfix"]), [])
        self.assertEqual(s.actions(far, [], only=["quickfix"]), [])
        s.close()

class CommandTest(unittest.TestCase):
    def test_execute_command_applies_edit_then_reveals(self):
        s = L.Session(CLEAN_PLAN)
        caps = s.c.init_result["capabilities"]
        self.assertIn("planls.addProgressEntry", caps["executeCommandProvider"]["commands"])
        req = s.c.request_msg("workspace/executeCommand", {"command": "planls.addProgressEntry",
                                                           "arguments": [s.uri]})
        s.c.send(req)
        apply = s.c.wait_for(lambda m: m.get("method") == "workspace/applyEdit", "applyEdit")
        s.c.wait_response(req["id"])
        new = L.apply_text_edits(s.text, L.workspace_edits(apply["params"]["edit"], s.uri, 1))
        self.assertIn("Started.\n- " + L.STAMP + " \n", new)
        s.c.send({"jsonrpc": "2.0", "id": apply["id"], "result": {"applied": True}})
        show = s.c.wait_for(lambda m: m.get("method") == "window/showDocument", "showDocument")
        where = L.line_col_of(new, "- " + L.STAMP + " \n", after=len("- " + L.STAMP + " "))
        self.assertEqual(show["params"]["selection"]["start"], where)
        self.assertEqual(show["params"]["uri"], s.uri)
        s.close()

    def test_reveal_lands_on_the_entry_line_end_in_cr_files(self):
        # A "\r" file whose Progress heading goes after a content line: the
        # "\n" the edit starts with joins that line's "\r" in one line break.
        text = PLAN_NO_PROGRESS.replace("write code\n\n## Surprises", "write code\n## Surprises").replace("\n", "\r")
        s = L.Session(text)
        add = next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Progress entry")
        new = L.apply_text_edits(text, L.workspace_edits(add["edit"], s.uri))
        self.assertNotIn("\n", new)  # the file's own line ending
        self.assertIn("write code\r\r## Progress\r- " + L.STAMP + " \r\r## Surprises", new)
        lines = re.split(r"\r\n|\r|\n", new)
        where = add["command"]["arguments"][1]
        self.assertEqual(lines[where["line"]], "- " + L.STAMP + " ")
        self.assertEqual(where["character"], L.units(lines[where["line"]]))
        s.close()

    def test_reveal_after_a_lone_cr_in_an_lf_file(self):
        # The first line ends with "\n", so the edit writes "\n": inserted
        # after the lone "\r" that ends "write code", it joins it in one break.
        text = PLAN_NO_PROGRESS.replace("write code\n\n## Surprises", "write code\r## Surprises")
        s = L.Session(text)
        for title in ["Add Progress entry", "Mark done and log progress"]:
            p = L.line_col_of(text, "- [ ] write code", after=3)
            add = next(a for a in s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
                       if a["title"] == title)
            new = L.apply_text_edits(text, L.workspace_edits(add["edit"], s.uri))
            lines = re.split(r"\r\n|\r|\n", new)
            where = add["command"]["arguments"][1]
            self.assertTrue(lines[where["line"]].startswith("- " + L.STAMP), (title, where, lines[where["line"]]))
            self.assertEqual(where["character"], L.units(lines[where["line"]]), title)
        s.close()

    def test_reveal_positions_are_checked_and_clamped(self):
        s = L.Session(CLEAN_PLAN)
        for bad in [{"line": -1, "character": 0}, {"line": 0, "character": -5},
                    {"line": 2 ** 32, "character": 0}, {"line": 0, "character": 2 ** 31}, {"line": "1"}]:
            r = s.c.request("workspace/executeCommand", {"command": "planls.reveal", "arguments": [s.uri, bad]})
            self.assertEqual(r["error"]["code"], -32602, bad)
        for asked, shown in [({"line": 0, "character": 999}, L.pos(0, len("# Ship the thing"))),
                             ({"line": 9999, "character": 3}, L.where(CLEAN_PLAN, len(CLEAN_PLAN)))]:
            req = s.c.request_msg("workspace/executeCommand", {"command": "planls.reveal", "arguments": [s.uri, asked]})
            s.c.send(req)
            show = s.c.wait_for(lambda m: m.get("method") == "window/showDocument", "showDocument")
            s.c.wait_response(req["id"])
            self.assertEqual(show["params"]["selection"]["start"], shown)
            s.c.send({"jsonrpc": "2.0", "id": show["id"], "result": {"success": True}})
        s.close()

    def test_unknown_command(self):
        s = L.Session(CLEAN_PLAN)
        r = s.c.request("workspace/executeCommand", {"command": "planls.nope", "arguments": [s.uri]})
        self.assertEqual(r["error"]["code"], -32602)
        s.close()


class CookbookTest(unittest.TestCase):
    def test_cookbook_plan_is_clean(self):
        s = L.Session(COOKBOOK_PLAN)
        self.assertEqual(s.diags, [])
        s.close()

    def test_revision_note_and_labelled_entries(self):
        s = L.Session(COOKBOOK_PLAN)
        actions = s.actions(L.rng(0, 0, 0, 0))
        titles = [a["title"] for a in actions]
        self.assertNotIn("Add To-do item", titles)  # no To-do in this dialect
        s.apply(next(a for a in actions if a["title"] == "Add revision note"))
        self.assertTrue(s.text.endswith("None.\n\nRevision note (2026-11-25): \n"), s.text[-80:])
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Decision Log entry"))
        self.assertIn("Date/Author: 2026-11-21 / dev\n- Decision: \n  Rationale: \n  Date/Author: 2026-11-25 / \n",
                      s.text)
        s.close()

    def test_mark_cookbook_step_done_records_time(self):
        s = L.Session(COOKBOOK_PLAN)
        p = L.line_col_of(s.text, "- [ ] Next step.", after=3)
        done = next(a for a in s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
                    if a["title"] == "Mark done")
        s.apply(done)
        self.assertIn("- [x] " + L.COOK_STAMP + " Next step.", s.text)
        # Every step is done now: the plan is told its Outcomes are empty.
        self.assertEqual([d["code"] for d in s.diags], ["outcomes-missing"])
        s.close()


class ResolveTest(unittest.TestCase):
    CAPS = dict(L.FULL_CAPS, textDocument=dict(L.FULL_CAPS["textDocument"], codeAction=dict(
        L.FULL_CAPS["textDocument"]["codeAction"], resolveSupport={"properties": ["edit"]})))

    def test_edits_resolved_lazily_and_refused_when_stale(self):
        s = L.Session(PLAN_NO_DECISIONS, caps=self.CAPS)
        self.assertTrue(s.c.init_result["capabilities"]["codeActionProvider"]["resolveProvider"])
        actions = s.actions(s.diags[0]["range"])
        self.assertTrue(all("edit" not in a for a in actions))
        fix = next(a for a in actions if a["title"] == "Add missing section 'Decision Log'")
        r = s.c.request("codeAction/resolve", fix)
        s.apply(r["result"])
        self.assertIn("\n## Decision Log\n", s.text)
        r = s.c.request("codeAction/resolve", fix)  # listed for version 1, the text is now version 2
        self.assertEqual(r["error"]["code"], -32801)
        s.close()

    def test_two_actions_with_one_title_resolve_to_their_own_edits(self):
        text = CLEAN_PLAN.replace("- [ ] write code\n", "- write code\n- test code\n")
        s = L.Session(text, caps=self.CAPS)
        a = L.line_col_of(text, "- write code")["line"]
        todo = [d for d in s.diags if d["code"] == "todo-not-checkbox"]
        self.assertEqual(len(todo), 2)
        actions = s.actions(L.rng(a, 0, a + 1, 0), todo, only=["quickfix"])
        boxes = [x for x in actions if x["title"] == "Make it a checkbox"]
        self.assertEqual(len(boxes), 2)
        r = s.c.request("codeAction/resolve", boxes[1])
        s.apply(r["result"])
        self.assertIn("- write code\n- [ ] test code\n", s.text)
        s.close()

    def test_resolve_refuses_data_that_names_no_action(self):
        s = L.Session(PLAN_NO_DECISIONS, caps=self.CAPS)
        fix = s.actions(s.diags[0]["range"])[0]
        wrong = dict(fix, data=dict(fix["data"], index=99))
        self.assertEqual(s.c.request("codeAction/resolve", wrong)["error"]["code"], -32801)
        s.close()

class SkeletonTest(unittest.TestCase):
    def test_empty_plan_file_starts_from_the_skeleton(self):
        s = L.Session("", uri="file:///tmp/execplans/add-oauth-login.md")
        (create,) = s.actions(L.rng(0, 0, 0, 0))
        self.assertEqual(create["title"], "Create plan from skeleton")
        s.apply(create)
        self.assertTrue(s.text.startswith("# Add oauth login\n\nKeep Progress, Surprises & Discoveries"), s.text)
        self.assertTrue(s.text.endswith("## Interfaces and Dependencies\n\n---\n**Created**: " + L.STAMP +
                                        "\n**Last Updated**: " + L.STAMP + "\n"), s.text[-120:])
        self.assertEqual({d["code"] for d in s.diags}, {"empty-section"})
        s.close()


class MoreEntriesTest(unittest.TestCase):
    def test_add_surprise_and_todo(self):
        s = L.Session(CLEAN_PLAN)
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Surprise"))
        self.assertIn("Found a thing.\n- " + L.STAMP + " \n  - Impact: \n  - Workaround: \n", s.text)
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add To-do item"))
        self.assertIn("- [ ] write code\n- [ ] \n", s.text)
        s.close()


if __name__ == "__main__":
    L.main(verbosity=2)
