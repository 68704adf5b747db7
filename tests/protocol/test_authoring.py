"""Authoring over the wire: completions, code actions, commands, outline,
folding and hover. Every edit the server returns is applied here the way a
client applies it, and the test asserts on the resulting text and on the
diagnostics the server then publishes."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, PLAN_NO_DECISIONS  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "rules")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
STAMP = "[2026-11-25 17:03 UTC]"
COOK_STAMP = "(2026-11-25 17:03Z)"
FULL_CAPS = {
    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}},
                     "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
                         "quickfix", "refactor", "source"]}}}},
    "workspace": {"workspaceEdit": {"documentChanges": True}, "applyEdit": True},
    "window": {"showDocument": {"support": True}},
}


def apply_text_edits(text, edits, enc="utf-16"):
    """Applies TextEdits the way a client does: all against the original text."""
    starts = L.line_starts(text)
    spans = []
    for e in edits:
        r = e["range"]
        a = L.offset_at(text, r["start"]["line"], r["start"]["character"], enc, starts)
        b = L.offset_at(text, r["end"]["line"], r["end"]["character"], enc, starts)
        spans.append((a, b, e["newText"]))
    for a, b, t in sorted(spans, key=lambda s: s[0], reverse=True):
        text = text[:a] + t + text[b:]
    return text


def workspace_edits(edit, uri, version=None):
    if "documentChanges" in edit:
        (dc,) = edit["documentChanges"]
        assert dc["textDocument"]["uri"] == uri
        if version is not None:
            assert dc["textDocument"]["version"] == version, dc["textDocument"]
        return dc["edits"]
    return edit["changes"][uri]


def where(text, index):
    line, character = L.position_of(text, index)
    return L.pos(line, character)


def line_col_of(text, needle, after=0):
    return where(text, text.index(needle) + after)


class Session:
    """One server with one open plan; keeps the client-side text."""

    def __init__(self, text, uri="file:///tmp/execplans/plan.md", caps=None):
        self.c = L.LspClient()
        self.c.initialize(FULL_CAPS if caps is None else caps)
        self.uri, self.text, self.version = uri, text, 1
        self.c.open(uri, text)
        self.diags = self.c.wait_for_diagnostics(uri, 1)["diagnostics"]

    def set_text(self, text):
        self.version += 1
        self.text = text
        self.c.change(self.uri, self.version, [{"text": text}])
        self.diags = self.c.wait_for_diagnostics(self.uri, self.version)["diagnostics"]

    def type_at(self, line, character, s):
        """Types s at a position (an incremental change) and returns the new cursor."""
        self.version += 1
        ch = {"range": L.rng(line, character, line, character), "text": s}
        self.text = L.apply_change(self.text, ch)
        self.c.change(self.uri, self.version, [ch])
        self.diags = self.c.wait_for_diagnostics(self.uri, self.version)["diagnostics"]
        lines = s.split("\n")
        if len(lines) == 1:
            return line, character + L.units(s)
        return line + len(lines) - 1, L.units(lines[-1])

    def complete(self, line, character):
        r = self.c.request("textDocument/completion", {"textDocument": {"uri": self.uri},
                                                       "position": L.pos(line, character)})
        return r["result"]["items"]

    def accept(self, item):
        self.set_text(apply_text_edits(self.text, [item["textEdit"]]))

    def actions(self, rng, diags=None, only=None):
        ctx = {"diagnostics": self.diags if diags is None else diags}
        if only:
            ctx["only"] = only
        r = self.c.request("textDocument/codeAction", {"textDocument": {"uri": self.uri}, "range": rng,
                                                        "context": ctx})
        return r["result"]

    def apply(self, action):
        self.set_text(apply_text_edits(self.text, workspace_edits(action["edit"], self.uri, self.version)))

    def close(self):
        """shutdown + exit; a clean exit (status 0) also means no leak under LeakSanitizer."""
        code = self.c.close()
        err = self.c.stderr_text()
        self.c.kill()
        assert code == 0, "planls exited with %r: %s" % (code, err[-2000:])
        return code


def codes(diags):
    return sorted((d["code"], d["message"]) for d in diags)


class CompletionTest(unittest.TestCase):
    def test_hash_offers_missing_sections_first_in_order(self):
        s = Session(PLAN_NO_DECISIONS.replace("## Plan of Work\n\nDo it.\n\n", ""))
        end = where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## ")
        items = s.complete(line, col)
        labels = [i["label"] for i in sorted(items, key=lambda i: i["sortText"])]
        self.assertEqual(labels, ["Decision Log", "Plan of Work"])  # only the missing ones
        s.accept(next(i for i in items if i["label"] == "Decision Log"))
        self.assertTrue(s.text.endswith("\n## Decision Log\n- " + STAMP + " ${1:what was decided}\n"
                                        "  - Rationale: ${2:why}\n  - Alternatives considered: ${3}\n"
                                        "  - Outcome: ${4}"), s.text[-200:])
        self.assertEqual(s.close(), 0)

    def test_typed_prefix_filters_and_existing_sections_only_when_nothing_else(self):
        s = Session(PLAN_NO_DECISIONS)
        end = where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## Pro")
        items = s.complete(line, col)
        # Progress exists and no missing section starts with "Pro": the existing one is offered.
        self.assertEqual([i["label"] for i in items], ["Progress"])
        rng = items[0]["textEdit"]["range"]
        self.assertEqual((rng["start"]["character"], rng["end"]["character"]), (0, 6))
        s.close()

    def test_plain_text_without_snippet_support(self):
        s = Session(PLAN_NO_DECISIONS, caps={})
        end = where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## ")
        (item,) = s.complete(line, col)
        self.assertEqual(item["insertTextFormat"], 1)
        self.assertNotIn("${", item["textEdit"]["newText"])
        s.accept(item)
        self.assertTrue(s.text.endswith("## Decision Log\n- " + STAMP + " \n  - Rationale: \n"
                                        "  - Alternatives considered: \n  - Outcome: "))
        s.close()

    def test_bracket_in_progress_gives_one_wellformed_stamp(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "- [x] [2025-01-20 14:00 UTC] Started.")
        # The editor auto-closes the bracket: "- [20]" with the cursor before "]".
        s.type_at(p["line"] + 1, 0, "- [20]\n")
        items = s.complete(p["line"] + 1, 5)
        self.assertEqual([i["label"] for i in items], [STAMP])
        s.accept(items[0])
        lines = s.text.split("\n")
        self.assertEqual(lines[p["line"] + 1], "- " + STAMP + " ")
        self.assertEqual(codes([d for d in s.diags if d["code"] != "undated-entry"]), [])
        s.close()

    def test_dash_space_after_status_marker_and_multibyte(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "- [2025-01-21 10:00 UTC] Found a thing.")
        s.type_at(p["line"] + 1, 0, "- ⏸️ 😀 \n")
        col = L.units("- ⏸️ 😀 ")
        items = s.complete(p["line"] + 1, col)
        stamp = next(i for i in items if i["label"] == STAMP)
        self.assertEqual(stamp["textEdit"]["range"], L.rng(p["line"] + 1, col, p["line"] + 1, col))
        s.accept(stamp)
        self.assertIn("- ⏸️ 😀 " + STAMP + " \n", s.text)
        s.close()

    def test_crlf_document(self):
        text = CLEAN_PLAN.replace("\n", "\r\n")
        s = Session(text)
        p = line_col_of(s.text, "- [x] [2025-01-20 14:00 UTC] Started.")
        s.type_at(p["line"] + 1, 0, "- \r\n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual(items[0]["label"], STAMP)
        s.accept(items[0])
        self.assertIn("\r\n- " + STAMP + " \r\n", s.text)
        s.close()

    def test_footer_last_updated(self):
        s = Session(CLEAN_PLAN + "\n---\n**Created**: [2025-01-20 13:00 UTC]\n")
        end = where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "**Last Updated**: [")
        (item,) = s.complete(line, col)
        s.accept(item)
        self.assertTrue(s.text.endswith("**Last Updated**: " + STAMP + " "), s.text[-60:])
        s.close()

    def test_cookbook_progress_checkbox_and_stamp(self):
        text = CLEAN_PLAN.replace("## To-do\n\n- [ ] write code\n\n", "").replace(
            "- [x] [2025-01-20 14:00 UTC] Started.", "- [x] (2025-01-20 14:00Z) Started.")
        s = Session(text)
        p = line_col_of(s.text, "- [x] (2025-01-20 14:00Z) Started.")
        s.type_at(p["line"] + 1, 0, "- [x] (\n")
        items = s.complete(p["line"] + 1, 7)
        self.assertEqual([i["label"] for i in items], [COOK_STAMP])
        s.accept(items[0])
        self.assertIn("- [x] " + COOK_STAMP + " \n", s.text)
        s.close()

    def test_todo_checkbox_items(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "- [ ] write code")
        s.type_at(p["line"] + 1, 0, "- \n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual([i["label"] for i in items], ["[ ] task", "[ ] ⏸️ blocked task"])
        s.accept(items[0])
        self.assertIn("- [ ] write code\n- [ ] \n", s.text)
        s.close()

    def test_no_items_in_plain_prose(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "Users can do X.", after=5)
        self.assertEqual(s.complete(p["line"], p["character"]), [])
        s.close()


class CodeActionTest(unittest.TestCase):
    def fix_everything(self, text, uri="file:///tmp/execplans/plan.md"):
        """For each diagnostic, applies each quick fix that claims it, then checks
        that the diagnostic is gone."""
        s = Session(text, uri=uri)
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
        s = Session(PLAN_NO_DECISIONS)
        (d,) = s.diags
        actions = s.actions(d["range"])
        fix = next(a for a in actions if a["title"] == "Add missing section 'Decision Log'")
        self.assertTrue(fix["isPreferred"])
        self.assertEqual(fix["kind"], "quickfix")
        s.apply(fix)
        self.assertIn("- [2025-01-21 10:00 UTC] Found a thing.\n\n## Decision Log\n\n"
                      "## Outcomes & Retrospective", s.text)
        self.assertEqual([x["code"] for x in s.diags], ["empty-section"])
        s.close()

    def test_add_all_missing_keeps_canonical_order(self):
        text = CLEAN_PLAN
        for name in ["Concrete Steps", "Validation and Acceptance", "Idempotence and Recovery"]:
            i = text.index("## " + name)
            j = text.index("## ", i + 3)
            text = text[:i] + text[j:]
        s = Session(text)
        actions = s.actions(s.diags[0]["range"])
        fix = next(a for a in actions if a["title"] == "Add all 3 missing sections")
        s.apply(fix)
        self.assertIn("Do it.\n\n## Concrete Steps\n\n## Validation and Acceptance\n\n"
                      "## Idempotence and Recovery\n\n## Artifacts and Notes", s.text)
        self.assertNotIn("missing-section", [x["code"] for x in s.diags])
        s.close()

    def test_add_progress_entry_from_anywhere(self):
        s = Session(CLEAN_PLAN)
        actions = s.actions(L.rng(40, 0, 40, 0))
        add = next(a for a in actions if a["title"] == "Add Progress entry")
        self.assertEqual(add["kind"], "refactor.rewrite")
        s.apply(add)
        self.assertIn("- [x] [2025-01-20 14:00 UTC] Started.\n- " + STAMP + " \n\n## Surprises", s.text)
        # The caret goes to the end of the new entry.
        cmd = add["command"]
        self.assertEqual(cmd["command"], "planls.reveal")
        where = line_col_of(s.text, "- " + STAMP + " \n", after=len("- " + STAMP + " "))
        self.assertEqual(cmd["arguments"][1], where)
        s.close()

    def test_add_entry_creates_missing_section(self):
        s = Session(PLAN_NO_DECISIONS)
        add = next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Decision Log entry")
        s.apply(add)
        self.assertIn("Found a thing.\n\n## Decision Log\n- " + STAMP + " \n  - Rationale: \n", s.text)
        self.assertNotIn("missing-section", [x["code"] for x in s.diags])
        s.close()

    def test_mark_done_and_log_progress(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "- [ ] write code", after=3)
        actions = s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
        titles = [a["title"] for a in actions]
        self.assertIn("Mark done", titles)
        log = next(a for a in actions if a["title"] == "Mark done and log progress")
        s.apply(log)
        self.assertIn("- [x] write code\n", s.text)
        self.assertIn("Started.\n- " + STAMP + " Done: write code\n", s.text)
        undo = next(a for a in s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
                    if a["title"] == "Mark not done")
        s.apply(undo)
        self.assertIn("- [ ] write code\n", s.text)
        s.close()

    def test_unversioned_edits_for_clients_without_document_changes(self):
        caps = {"workspace": {"applyEdit": True}}
        s = Session(PLAN_NO_DECISIONS, caps=caps)
        fix = next(a for a in s.actions(s.diags[0]["range"]) if a["title"] == "Add missing section 'Decision Log'")
        self.assertIn("changes", fix["edit"])
        self.assertNotIn("command", fix)  # no showDocument support
        s.close()

    def test_versioned_edit_names_current_version(self):
        s = Session(PLAN_NO_DECISIONS)
        s.set_text(s.text + "\n")
        fix = next(a for a in s.actions(s.diags[0]["range"]) if a["title"] == "Add missing section 'Decision Log'")
        self.assertEqual(fix["edit"]["documentChanges"][0]["textDocument"]["version"], 2)
        s.close()


class CommandTest(unittest.TestCase):
    def test_execute_command_applies_edit_then_reveals(self):
        s = Session(CLEAN_PLAN)
        caps = s.c.init_result["capabilities"]
        self.assertIn("planls.addProgressEntry", caps["executeCommandProvider"]["commands"])
        req = s.c.request_msg("workspace/executeCommand", {"command": "planls.addProgressEntry",
                                                           "arguments": [s.uri]})
        s.c.send(req)
        apply = s.c.wait_for(lambda m: m.get("method") == "workspace/applyEdit", "applyEdit")
        s.c.wait_response(req["id"])
        new = apply_text_edits(s.text, workspace_edits(apply["params"]["edit"], s.uri, 1))
        self.assertIn("Started.\n- " + STAMP + " \n", new)
        s.c.send({"jsonrpc": "2.0", "id": apply["id"], "result": {"applied": True}})
        show = s.c.wait_for(lambda m: m.get("method") == "window/showDocument", "showDocument")
        where = line_col_of(new, "- " + STAMP + " \n", after=len("- " + STAMP + " "))
        self.assertEqual(show["params"]["selection"]["start"], where)
        self.assertEqual(show["params"]["uri"], s.uri)
        s.close()

    def test_unknown_command(self):
        s = Session(CLEAN_PLAN)
        r = s.c.request("workspace/executeCommand", {"command": "planls.nope", "arguments": [s.uri]})
        self.assertEqual(r["error"]["code"], -32602)
        s.close()


class NavigationTest(unittest.TestCase):
    def test_outline(self):
        s = Session(CLEAN_PLAN)
        r = s.c.request("textDocument/documentSymbol", {"textDocument": {"uri": s.uri}})
        (title,) = r["result"]
        self.assertEqual(title["name"], "Ship the thing")
        names = [c["name"] for c in title["children"]]
        self.assertEqual(names[:3], ["Purpose / Big Picture", "To-do", "Progress"])
        progress = title["children"][2]
        (entry,) = progress["children"]
        self.assertEqual((entry["name"], entry["detail"]), ("Started.", "[2025-01-20 14:00 UTC]"))
        s.close()

    def test_folding(self):
        s = Session(CLEAN_PLAN)
        r = s.c.request("textDocument/foldingRange", {"textDocument": {"uri": s.uri}})
        decision = line_col_of(s.text, "## Decision Log")["line"]
        self.assertIn({"startLine": decision, "endLine": decision + 3}, r["result"])
        self.assertIn({"startLine": decision + 2, "endLine": decision + 3}, r["result"])  # entry + sub-bullet
        s.close()

    def test_hover_heading_and_stamp(self):
        s = Session(CLEAN_PLAN)
        p = line_col_of(s.text, "## Decision Log", after=4)
        r = s.c.request("textDocument/hover", {"textDocument": {"uri": s.uri}, "position": p})
        self.assertIn("Rationale", r["result"]["contents"]["value"])
        p = line_col_of(s.text, "[2025-01-21 10:00 UTC]", after=3)
        r = s.c.request("textDocument/hover", {"textDocument": {"uri": s.uri}, "position": p})
        self.assertEqual(r["result"]["contents"]["value"], "[2025-01-21 10:00 UTC]: 673 days ago")
        p = line_col_of(s.text, "Users can do X.")
        r = s.c.request("textDocument/hover", {"textDocument": {"uri": s.uri}, "position": p})
        self.assertIsNone(r["result"])
        s.close()


COOKBOOK = CLEAN_PLAN.replace("## To-do\n\n- [ ] write code\n\n", "").replace(
    "- [x] [2025-01-20 14:00 UTC] Started.", "- [x] (2025-01-20 14:00Z) Started.\n- [ ] Next step.").replace(
    "- [2025-01-21 10:00 UTC] Found a thing.", "- Observation: found a thing.\n  Evidence: logs.").replace(
    "- [2025-01-21 11:00 UTC] Use C.\n  - Rationale: speed.",
    "- Decision: Use C.\n  Rationale: speed.\n  Date/Author: 2025-01-21 / dev")


class CookbookTest(unittest.TestCase):
    def test_cookbook_plan_is_clean(self):
        s = Session(COOKBOOK)
        self.assertEqual(s.diags, [])
        s.close()

    def test_revision_note_and_labelled_entries(self):
        s = Session(COOKBOOK)
        actions = s.actions(L.rng(0, 0, 0, 0))
        titles = [a["title"] for a in actions]
        self.assertNotIn("Add To-do item", titles)  # no To-do in this dialect
        s.apply(next(a for a in actions if a["title"] == "Add revision note"))
        self.assertTrue(s.text.endswith("None.\n\nRevision note (2026-11-25): \n"), s.text[-80:])
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Decision Log entry"))
        self.assertIn("Date/Author: 2025-01-21 / dev\n- Decision: \n  Rationale: \n  Date/Author: 2026-11-25 / \n",
                      s.text)
        s.close()

    def test_mark_cookbook_step_done_records_time(self):
        s = Session(COOKBOOK)
        p = line_col_of(s.text, "- [ ] Next step.", after=3)
        done = next(a for a in s.actions(L.rng(p["line"], p["character"], p["line"], p["character"]))
                    if a["title"] == "Mark done")
        s.apply(done)
        self.assertIn("- [x] " + COOK_STAMP + " Next step.", s.text)
        self.assertEqual(s.diags, [])
        s.close()

    def test_decision_completion_is_labelled(self):
        s = Session(COOKBOOK)
        p = line_col_of(s.text, "Date/Author: 2025-01-21 / dev")
        s.type_at(p["line"] + 1, 0, "- \n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual([i["label"] for i in items], ["Decision"])
        s.accept(items[0])
        self.assertIn("- Decision: ${1:what was decided}\n  Rationale: ${2:why}\n  Date/Author: 2026-11-25 / ${3:who}",
                      s.text)
        s.close()


class ResolveTest(unittest.TestCase):
    CAPS = dict(FULL_CAPS, textDocument=dict(FULL_CAPS["textDocument"], codeAction=dict(
        FULL_CAPS["textDocument"]["codeAction"], resolveSupport={"properties": ["edit"]})))

    def test_edits_resolved_lazily_and_refused_when_stale(self):
        s = Session(PLAN_NO_DECISIONS, caps=self.CAPS)
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


class SkeletonTest(unittest.TestCase):
    def test_empty_plan_file_starts_from_the_skeleton(self):
        s = Session("", uri="file:///tmp/execplans/add-oauth-login.md")
        (create,) = s.actions(L.rng(0, 0, 0, 0))
        self.assertEqual(create["title"], "Create plan from skeleton")
        s.apply(create)
        self.assertTrue(s.text.startswith("# Add oauth login\n\nKeep Progress, Surprises & Discoveries"), s.text)
        self.assertTrue(s.text.endswith("## Interfaces and Dependencies\n\n---\n**Created**: " + STAMP +
                                        "\n**Last Updated**: " + STAMP + "\n"), s.text[-120:])
        self.assertEqual({d["code"] for d in s.diags}, {"empty-section"})
        s.close()


class MoreEntriesTest(unittest.TestCase):
    def test_add_surprise_and_todo(self):
        s = Session(CLEAN_PLAN)
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add Surprise"))
        self.assertIn("Found a thing.\n- " + STAMP + " \n  - Impact: \n  - Workaround: \n", s.text)
        s.apply(next(a for a in s.actions(L.rng(0, 0, 0, 0)) if a["title"] == "Add To-do item"))
        self.assertIn("- [ ] write code\n- [ ] \n", s.text)
        s.close()


if __name__ == "__main__":
    L.binary_from_argv()
    unittest.main(verbosity=2)
