"""Document synchronisation and pushed diagnostics.

Run: python3 tests/protocol/test_documents.py path/to/planls
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, DECISION_SECTION, PLAN_NO_DECISIONS, TITLE  # noqa: E402

URI = "file:///tmp/execplans/docs.md"
MISSING = ("missing-section", 0, 2, 0, 2 + len(TITLE), 2, "Missing section '## Decision Log'")
OUTCOMES_LINE = PLAN_NO_DECISIONS.split("\n").index("## Outcomes & Retrospective")


def empty_decisions(line):
    return ("empty-section", line, 3, line, 15, 4, "Section 'Decision Log' is empty")


class Documents(L.ServerTest):
    def diags(self, uri=URI, version=None):
        return self.c.wait_for_diagnostics(uri, version)

    def test_open_plan_publishes_exact_diagnostics(self):
        self.c.open(URI, PLAN_NO_DECISIONS, version=7)
        p = self.diags()
        self.assertEqual(p["uri"], URI)
        self.assertEqual(p["version"], 7)
        self.assertEqual(len(p["diagnostics"]), 1)
        d = p["diagnostics"][0]
        self.assertEqual(d["source"], "planls")
        self.assertEqual(d["code"], "missing-section")
        self.assertEqual(d["severity"], 2)
        self.assertEqual(d["message"], "Missing section '## Decision Log'")
        self.assertEqual(d["range"], L.rng(0, 2, 0, 2 + len(TITLE)))
        self.assertEqual(d["range"], L.find_range(PLAN_NO_DECISIONS, TITLE))
        self.assertEqual(self.c.close(), 0)

    def test_user_text_in_messages_and_uris_comes_back_exact(self):
        # Messages quote the user's headings, and the uri is echoed as sent:
        # quotes, backslashes, control characters and non-ASCII must survive
        # the server's JSON writer byte for byte.
        name = 'Odd "quoted" \\back\\slash\t\u00e9 \u540d\u524d \U0001F389'
        uri = 'file:///tmp/execplans/\u00e9t\u00e9 "q" \\ %20.md'
        text = CLEAN_PLAN + "\n## " + name + "\n"
        line = text.split("\n").index("## " + name)
        # Sections of the team's own are listed only when the settings ask.
        self.c.notify("workspace/didChangeConfiguration",
                      {"settings": {"planls": {"rules": {"extra-section": "hint"}}}})
        self.c.open(uri, text)
        p = self.diags(uri, 1)
        self.assertEqual(p["uri"], uri)
        self.assertEqual(L.brief(p["diagnostics"]), [
            ("extra-section", line, 3, line, 3 + len(name.encode("utf-16-le")) // 2, 4,
             "Section '" + name + "' is not one of the plan's sections")])

    def test_clean_plan_publishes_empty_list(self):
        self.c.open(URI, CLEAN_PLAN)
        p = self.diags(version=1)
        self.assertEqual(p["diagnostics"], [])

    def test_every_diagnostic_is_well_formed(self):
        text = "Intro line\n\n## Progres\n\n- [2025-13-01 10:00 UTC] x\n- no stamp\n\n## Random\n\n## Progress\n"
        self.c.open(URI, text)
        p = self.diags(version=1)
        self.assertTrue(p["diagnostics"])
        for d in p["diagnostics"]:
            self.assertEqual(d["source"], "planls")
            self.assertIsInstance(d["code"], str)
            self.assertIn(d["severity"], (1, 2, 3, 4))
            self.assertIsInstance(d["message"], str)
            r = d["range"]
            self.assertLessEqual((r["start"]["line"], r["start"]["character"]),
                                 (r["end"]["line"], r["end"]["character"]))
        codes = {d["code"] for d in p["diagnostics"]}
        self.assertTrue({"missing-title", "unknown-section", "bad-timestamp", "missing-section"} <= codes, codes)

    def test_non_plan_markdown_gets_nothing(self):
        readme = "file:///tmp/project/README.md"
        self.c.open(readme, "# My project\n\nSome text.\n\n## Install\n\nRun make.\n")
        self.assertEqual(self.c.barrier(), [])
        self.c.change(readme, 2, [{"range": L.rng(0, 0, 0, 0), "text": "Hello\n"}])
        self.assertEqual(self.c.barrier(), [])
        self.c.close_doc(readme)
        self.assertEqual(self.c.barrier(), [])
        self.assertEqual(self.c.close(), 0)

    def test_markdown_that_looks_like_a_plan_gets_diagnostics(self):
        readme = "file:///tmp/project/notes.md"
        self.c.open(readme, "# Notes\n\n## Purpose / Big Picture\n\nX.\n\n## Progress\n\n- [2026-11-20 14:00 UTC] a\n"
                    "\n## Decision Log\n\n- [2026-11-20 14:00 UTC] b because c\n")
        p = self.diags(readme, 1)
        self.assertIn("missing-section", {d["code"] for d in p["diagnostics"]})
        # it stops looking like a plan: its diagnostics are withdrawn once
        self.c.change(readme, 2, [{"text": "# Notes\n\nNothing here.\n"}])
        p = self.diags(readme, 2)
        self.assertEqual(p["diagnostics"], [])
        self.c.change(readme, 3, [{"text": "# Notes\n\nStill nothing.\n"}])
        self.assertEqual(self.c.barrier(), [])

    def test_plan_paths(self):
        for uri in ("file:///home/u/repo/plans/x.md", "file:///x/feature.plan.md",
                    "file:///tmp/%65xecplans/encoded.md", "file://localhost/tmp/execplans/host.md"):
            self.c.open(uri, "just text\n")
            p = self.diags(uri, 1)
            self.assertIn("missing-title", {d["code"] for d in p["diagnostics"]}, uri)
        for uri in ("file:///tmp/myplans/x.md", "file:///tmp/execplans/x.txt", "file:///tmp/execplans.md"):
            self.c.open(uri, "just text\n")
        self.assertEqual(self.c.barrier(), [])

    def insert_decisions(self, version, text="## Decision Log\n\n"):
        self.c.change(URI, version, [{"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE, 0), "text": text}])

    def test_incremental_insert_and_delete(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.assertEqual(L.brief(self.diags(version=1)["diagnostics"]), [MISSING])
        self.insert_decisions(2)
        p = self.diags(version=2)
        self.assertEqual(L.brief(p["diagnostics"]), [empty_decisions(OUTCOMES_LINE)])
        # delete it again: the missing-section warning is back
        self.c.change(URI, 3, [{"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE + 2, 0), "text": ""}])
        self.assertEqual(L.brief(self.diags(version=3)["diagnostics"]), [MISSING])
        # and a whole section with an entry makes the plan clean
        self.insert_decisions(4, DECISION_SECTION)
        self.assertEqual(self.diags(version=4)["diagnostics"], [])
        self.assertEqual(self.c.close(), 0)

    def test_full_text_change(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.diags(version=1)
        self.c.change(URI, 2, [{"text": CLEAN_PLAN}])
        self.assertEqual(self.diags(version=2)["diagnostics"], [])
        self.c.change(URI, 3, [{"text": PLAN_NO_DECISIONS}])
        self.assertEqual(L.brief(self.diags(version=3)["diagnostics"]), [MISSING])
        self.c.change(URI, 4, [{"text": ""}])
        p = self.diags(version=4)
        self.assertIn("missing-title", {d["code"] for d in p["diagnostics"]})
        for d in p["diagnostics"]:
            self.assertEqual(d["range"], L.rng(0, 0, 0, 0), d)

    def test_several_changes_apply_in_order(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.diags(version=1)
        # 1. insert an empty Decision Log; 2. then (in the new text) add its entry
        #    after the heading; 3. then retitle (positions refer to the text left
        #    by the previous change)
        changes = [
            {"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE, 0), "text": "## Decision Log\n\n"},
            {"range": L.rng(OUTCOMES_LINE + 2, 0, OUTCOMES_LINE + 2, 0),
             "text": "- [2026-11-21 11:00 UTC] Use C.\n  - Rationale: speed.\n\n"},
            {"range": L.rng(0, 2, 0, 2 + len(TITLE)), "text": "Renamed"},
            {"range": L.rng(0, 9, 0, 9), "text": " plan"},
        ]
        expected = L.apply_changes(PLAN_NO_DECISIONS, changes)
        self.assertEqual(expected, CLEAN_PLAN.replace(TITLE, "Renamed plan"))
        self.c.change(URI, 2, changes)
        self.assertEqual(self.diags(version=2)["diagnostics"], [])
        # prove the title is "Renamed plan": remove the Decision Log again
        start = expected.index("## Decision Log")
        r = L.range_of(expected, start, start + len(DECISION_SECTION))
        self.c.change(URI, 3, [{"range": r, "text": ""}])
        self.assertEqual(L.brief(self.diags(version=3)["diagnostics"]),
                         [("missing-section", 0, 2, 0, 14, 2, "Missing section '## Decision Log'")])

    def test_stale_versions_are_ignored(self):
        self.c.open(URI, PLAN_NO_DECISIONS, version=5)
        self.diags(version=5)
        self.insert_decisions(9, DECISION_SECTION)
        self.assertEqual(self.diags(version=9)["diagnostics"], [])
        # older and equal versions: would delete the section, must be ignored
        delete = [{"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE + 5, 0), "text": ""}]
        self.c.change(URI, 8, delete)
        self.c.change(URI, 9, delete)
        self.assertEqual(self.c.barrier(), [])
        self.assertIn("is not newer than 9", self.c.stderr_text())
        # an empty edit at version 10 republishes: still clean, so text unchanged
        self.c.change(URI, 10, [{"range": L.rng(0, 0, 0, 0), "text": ""}])
        self.assertEqual(self.diags(version=10)["diagnostics"], [])
        self.c.change(URI, 11, delete)
        self.assertEqual(L.brief(self.diags(version=11)["diagnostics"]), [MISSING])

    def test_change_of_unopened_document_is_ignored(self):
        self.c.change("file:///tmp/execplans/never.md", 2, [{"text": "# x\n"}])
        self.c.change("file:///tmp/execplans/never.md", 3,
                      [{"range": L.rng(0, 0, 0, 0), "text": "# x\n"}])
        self.assertEqual(self.c.barrier(), [])
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": "file:///tmp/execplans/never.md"}})
        self.assertEqual(r["error"]["code"], -32602)
        self.assertEqual(self.c.close(), 0)

    def test_bad_change_stops_the_batch_but_keeps_earlier_changes(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.diags(version=1)
        good = {"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE, 0), "text": DECISION_SECTION}
        bad = {"range": L.rng(3, 5, 2, 0), "text": "x"}  # end before start
        later = {"range": L.rng(0, 0, 0, 0), "text": "junk\n"}
        self.c.change(URI, 2, [good, bad, later])
        self.assertEqual(self.diags(version=2)["diagnostics"], [])
        self.assertIn("stopped at change 1", self.c.stderr_text())

    def test_close_clears_diagnostics(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.assertEqual(len(self.diags(version=1)["diagnostics"]), 1)
        self.c.close_doc(URI)
        p = self.diags()
        self.assertEqual(p["diagnostics"], [])
        self.assertEqual(p["uri"], URI)
        # the document is gone: changes are ignored, pull says not open
        self.c.change(URI, 5, [{"text": "x"}])
        self.assertEqual(self.c.barrier(), [])
        # reopening starts afresh
        self.c.open(URI, CLEAN_PLAN, version=1)
        self.assertEqual(self.diags(version=1)["diagnostics"], [])

    def test_reopen_takes_new_text(self):
        self.c.open(URI, CLEAN_PLAN, version=1)
        self.assertEqual(self.diags(version=1)["diagnostics"], [])
        self.c.open(URI, PLAN_NO_DECISIONS, version=1)
        self.assertEqual(L.brief(self.diags(version=1)["diagnostics"]), [MISSING])

    def test_uri_with_percent_encoding_spaces_and_non_ascii(self):
        uri = "file:///tmp/execplans/my%20plan%C3%A9.md"
        self.c.open(uri, PLAN_NO_DECISIONS)
        p = self.diags(uri, 1)
        self.assertEqual(p["uri"], uri)
        self.assertEqual(L.brief(p["diagnostics"]), [MISSING])
        self.insert_decisions_for(uri, 2)
        self.assertEqual(self.diags(uri, 2)["diagnostics"], [])
        # a raw (unencoded) non-ASCII URI is a different document, also a plan
        raw = "file:///tmp/execplans/plän 😀.md"
        self.c.open(raw, PLAN_NO_DECISIONS)
        p = self.diags(raw, 1)
        self.assertEqual(p["uri"], raw)
        self.assertEqual(L.brief(p["diagnostics"]), [MISSING])
        self.c.close_doc(raw)
        self.assertEqual(self.diags(raw)["diagnostics"], [])
        self.assertEqual(self.c.close(), 0)

    def insert_decisions_for(self, uri, version):
        self.c.change(uri, version, [{"range": L.rng(OUTCOMES_LINE, 0, OUTCOMES_LINE, 0),
                                      "text": DECISION_SECTION}])

    def test_nul_characters_in_text(self):
        # U+0000 is legal in a JSON string and in a document
        text = PLAN_NO_DECISIONS.replace("# " + TITLE, "# " + TITLE + "\x00x")
        self.c.open(URI, text)
        self.assertEqual(L.brief(self.diags(version=1)["diagnostics"]),
                         [("missing-section", 0, 2, 0, 4 + len(TITLE), 2, "Missing section '## Decision Log'")])
        change = {"range": L.rng(0, 2 + len(TITLE), 0, 3 + len(TITLE)), "text": "\x00\x00"}
        self.c.change(URI, 2, [change])
        self.assertEqual(L.brief(self.diags(version=2)["diagnostics"]),
                         [("missing-section", 0, 2, 0, 5 + len(TITLE), 2, "Missing section '## Decision Log'")])

    def test_uri_with_a_nul_character_is_refused_everywhere(self):
        # "a.md\u0000x" cut at the NUL would name a.md: it must reach no document.
        a = "file:///tmp/execplans/a.md"
        bad = a + "\x00x"
        self.c.open(a, PLAN_NO_DECISIONS)
        self.assertEqual(L.brief(self.diags(a, 1)["diagnostics"]), [MISSING])
        self.c.open(bad, CLEAN_PLAN)
        self.c.change(bad, 2, [{"text": CLEAN_PLAN}])
        self.c.close_doc(bad)
        self.assertEqual(self.c.barrier(), [])  # nothing republished, nothing cleared
        for method, extra in [("textDocument/codeAction", {"range": L.rng(0, 0, 0, 0), "context": {"diagnostics": []}}),
                              ("textDocument/documentSymbol", {}), ("textDocument/foldingRange", {}),
                              ("textDocument/hover", {"position": L.pos(0, 0)})]:
            r = self.c.request(method, dict(extra, textDocument={"uri": bad}))
            self.assertEqual(r["error"]["code"], -32602, method)
            self.assertIn("NUL", r["error"]["message"])
        r = self.c.request("workspace/executeCommand", {"command": "planls.addProgressEntry", "arguments": [bad]})
        self.assertEqual(r["error"]["code"], -32602)
        # a.md still has its own text, open.
        r = self.c.request("textDocument/codeAction", {"textDocument": {"uri": a}, "range": L.rng(0, 0, 0, 0),
                                                        "context": {"diagnostics": []}})
        self.assertIn("Add missing section 'Decision Log'", [x["title"] for x in r["result"]])

    def test_documents_are_independent(self):
        a, b = "file:///tmp/execplans/a.md", "file:///tmp/execplans/b.md"
        self.c.open(a, PLAN_NO_DECISIONS)
        self.c.open(b, CLEAN_PLAN)
        pa, pb = self.diags(a, 1), self.diags(b, 1)
        self.assertEqual(L.brief(pa["diagnostics"]), [MISSING])
        self.assertEqual(pb["diagnostics"], [])
        self.insert_decisions_for(a, 2)
        self.assertEqual(self.diags(a, 2)["diagnostics"], [])
        # b was not republished
        self.assertEqual(self.c.barrier(), [])

    def test_burst_of_changes(self):
        msgs = [{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": URI, "languageId": "markdown", "version": 1, "text": PLAN_NO_DECISIONS}}}]
        for v in range(2, 12):
            msgs.append({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": v},
                "contentChanges": [{"range": L.rng(0, 2, 0, 2), "text": "x"}]}})
        self.c.send_raw(b"".join(L.frame(m) for m in msgs))
        p = self.diags(version=11)
        self.assertEqual(L.brief(p["diagnostics"]),
                         [("missing-section", 0, 2, 0, 12 + len(TITLE), 2, "Missing section '## Decision Log'")])

    # ---- large texts ------------------------------------------------------
    # "text" members of 16 KiB and more are decoded outside jansson
    # (protocol/lift.c) and adopted by the document: every byte must
    # still arrive as sent, in raw UTF-8 or in \\u escapes.

    @staticmethod
    def big_plan(entries, bad_at):
        """CLEAN_PLAN with many Progress entries (emoji, CJK, quotes,
        backslashes, a tab, a NUL) and one bad stamp after entry bad_at."""
        t0 = datetime.datetime(2026, 11, 20, 15, 0)
        lines = []
        for i in range(entries):
            # Eight entries a minute: the largest plan still ends before the
            # fixed clock (no future stamps) and within a week (not stale).
            stamp = (t0 + datetime.timedelta(minutes=i // 8)).strftime("%Y-%m-%d %H:%M")
            lines.append('- [%s UTC] \U0001F600 中文 "q" back\\slash\ttab nul\x00 #%d\n' % (stamp, i))
            if i == bad_at:
                lines.append("- [2026-13-25 17:03 UTC] wrong month \U0001F600\n")
        started = "- [x] [2026-11-20 14:00 UTC] Started.\n"
        return CLEAN_PLAN.replace(started, started + "".join(lines))

    def expect_one_bad_stamp(self, uri, text, version):
        p = self.c.wait_for_diagnostics(uri, version)
        self.assertEqual([(d["code"], d["range"]) for d in p["diagnostics"]],
                         [("bad-timestamp", L.find_range(text, "[2026-13-25 17:03 UTC]"))])

    def symbol_names(self, uri):
        r = self.c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        progress = [s for s in r["result"][0]["children"] if s["name"] == "Progress"][0]
        return [s["name"] for s in progress["children"]]

    def test_large_texts_arrive_byte_for_byte(self):
        text = self.big_plan(400, 300)
        self.assertGreater(len(text.encode()), 16 << 10)  # RPC_LIFT_MIN
        self.c.open(URI, text)
        self.expect_one_bad_stamp(URI, text, 1)
        names = self.symbol_names(URI)
        self.assertEqual(len(names), 402)
        self.assertEqual(names[1], '\U0001F600 中文 "q" back\\slash\ttab nul\x00 #0')

        # The same text with every non-ASCII character escaped (surrogate pairs).
        other = "file:///tmp/execplans/escaped.md"
        self.c.send_raw(L.frame(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": other, "languageId": "markdown", "version": 1, "text": text}}})))
        self.expect_one_bad_stamp(other, text, 1)
        self.assertEqual(self.symbol_names(other), names)

        # A whole-text change as large, then ranged edits on the adopted text.
        text2 = self.big_plan(500, 10)
        self.c.change(URI, 2, [{"text": text2}])
        self.expect_one_bad_stamp(URI, text2, 2)
        fix = L.find_range(text2, "2026-13-25 17:03")
        self.c.change(URI, 3, [{"range": fix, "text": "2026-11-20 15:01"}])
        self.assertEqual(self.c.wait_for_diagnostics(URI, 3)["diagnostics"], [])
        self.assertEqual(self.c.close(), 0)

    def test_long_reply_completes_after_the_input_ends(self):
        # A documentSymbol reply of megabytes streams as the client reads it;
        # the shutdown and exit sent behind it, and the end of the input, wait
        # for it: every byte arrives, then the shutdown reply, then exit 0.
        text = self.big_plan(20000, 10)
        self.c.open(URI, text)
        self.expect_one_bad_stamp(URI, text, 1)
        symbols = self.c.request_msg("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
        shutdown = self.c.request_msg("shutdown")
        self.c.send_raw(L.frame(symbols) + L.frame(shutdown) + L.frame({"jsonrpc": "2.0", "method": "exit"}))
        self.c.close_stdin()
        self.assertEqual(self.c.wait_exit(), 0)
        replies = [m for m in self.c.pending if "id" in m]
        self.assertEqual([m["id"] for m in replies], [symbols["id"], shutdown["id"]])
        progress = [s for s in replies[0]["result"][0]["children"] if s["name"] == "Progress"][0]
        self.assertEqual(len(progress["children"]), 20002)
        self.assertEqual(progress["children"][-1]["name"], '\U0001F600 中文 "q" back\\slash\ttab nul\x00 #19999')


if __name__ == "__main__":
    L.main()
