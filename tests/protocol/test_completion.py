"""textDocument/completion over the wire (handlers/completion.c): each item is
accepted the way a client accepts it, and the test asserts on the resulting
text and on the diagnostics the server then publishes."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, COOKBOOK_PLAN, PLAN_NO_DECISIONS  # noqa: E402


class CompletionTest(unittest.TestCase):
    def test_hash_offers_missing_sections_first_in_order(self):
        s = L.Session(PLAN_NO_DECISIONS.replace("## Plan of Work\n\nDo it.\n\n", ""))
        end = L.where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## ")
        items = s.complete(line, col)
        labels = [i["label"] for i in sorted(items, key=lambda i: i["sortText"])]
        self.assertEqual(labels, ["Decision Log", "Plan of Work"])  # only the missing ones
        s.accept(next(i for i in items if i["label"] == "Decision Log"))
        self.assertTrue(s.text.endswith("\n## Decision Log\n- " + L.STAMP + " ${1:what was decided}\n"
                                        "  - Rationale: ${2:why}\n  - Alternatives considered: ${3}\n"
                                        "  - Outcome: ${4}"), s.text[-200:])
        self.assertEqual(s.close(), 0)

    def test_typed_prefix_filters_and_existing_sections_only_when_nothing_else(self):
        s = L.Session(PLAN_NO_DECISIONS)
        end = L.where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## Pro")
        items = s.complete(line, col)
        # Progress exists and no missing section starts with "Pro": the existing one is offered.
        self.assertEqual([i["label"] for i in items], ["Progress"])
        rng = items[0]["textEdit"]["range"]
        self.assertEqual((rng["start"]["character"], rng["end"]["character"]), (0, 6))
        s.close()

    def test_plain_text_without_snippet_support(self):
        s = L.Session(PLAN_NO_DECISIONS, caps={})
        end = L.where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "\n## ")
        (item,) = s.complete(line, col)
        self.assertEqual(item["insertTextFormat"], 1)
        self.assertNotIn("${", item["textEdit"]["newText"])
        s.accept(item)
        self.assertTrue(s.text.endswith("## Decision Log\n- " + L.STAMP + " \n  - Rationale: \n"
                                        "  - Alternatives considered: \n  - Outcome: "))
        s.close()

    def test_bracket_in_progress_gives_one_wellformed_stamp(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "- [x] [2026-11-20 14:00 UTC] Started.")
        # The editor auto-closes the bracket: "- [20]" with the cursor before "]".
        s.type_at(p["line"] + 1, 0, "- [20]\n")
        items = s.complete(p["line"] + 1, 5)
        self.assertEqual([i["label"] for i in items], [L.STAMP])
        s.accept(items[0])
        lines = s.text.split("\n")
        self.assertEqual(lines[p["line"] + 1], "- " + L.STAMP + " ")
        self.assertEqual(L.codes([d for d in s.diags if d["code"] != "undated-entry"]), [])
        s.close()

    def test_dash_space_after_status_marker_and_multibyte(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "- [2026-11-21 10:00 UTC] Found a thing.")
        s.type_at(p["line"] + 1, 0, "- ⏸️ 😀 \n")
        col = L.units("- ⏸️ 😀 ")
        items = s.complete(p["line"] + 1, col)
        stamp = next(i for i in items if i["label"] == L.STAMP)
        self.assertEqual(stamp["textEdit"]["range"], L.rng(p["line"] + 1, col, p["line"] + 1, col))
        s.accept(stamp)
        self.assertIn("- ⏸️ 😀 " + L.STAMP + " \n", s.text)
        s.close()

    def test_crlf_document(self):
        text = CLEAN_PLAN.replace("\n", "\r\n")
        s = L.Session(text)
        p = L.line_col_of(s.text, "- [x] [2026-11-20 14:00 UTC] Started.")
        s.type_at(p["line"] + 1, 0, "- \r\n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual(items[0]["label"], L.STAMP)
        s.accept(items[0])
        self.assertIn("\r\n- " + L.STAMP + " \r\n", s.text)
        s.close()

    def test_footer_last_updated(self):
        s = L.Session(CLEAN_PLAN + "\n---\n**Created**: [2026-11-20 13:00 UTC]\n")
        end = L.where(s.text, len(s.text))
        line, col = s.type_at(end["line"], end["character"], "**Last Updated**: [")
        (item,) = s.complete(line, col)
        s.accept(item)
        self.assertTrue(s.text.endswith("**Last Updated**: " + L.STAMP + " "), s.text[-60:])
        s.close()

    def test_cookbook_progress_checkbox_and_stamp(self):
        text = CLEAN_PLAN.replace("## To-do\n\n- [ ] write code\n\n", "").replace(
            "- [x] [2026-11-20 14:00 UTC] Started.", "- [x] (2026-11-20 14:00Z) Started.")
        s = L.Session(text)
        p = L.line_col_of(s.text, "- [x] (2026-11-20 14:00Z) Started.")
        s.type_at(p["line"] + 1, 0, "- [x] (\n")
        items = s.complete(p["line"] + 1, 7)
        self.assertEqual([i["label"] for i in items], [L.COOK_STAMP])
        s.accept(items[0])
        self.assertIn("- [x] " + L.COOK_STAMP + " \n", s.text)
        s.close()

    def test_todo_checkbox_items(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "- [ ] write code")
        s.type_at(p["line"] + 1, 0, "- \n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual([i["label"] for i in items], ["[ ] task", "[ ] ⏸️ blocked task"])
        s.accept(items[0])
        self.assertIn("- [ ] write code\n- [ ] \n", s.text)
        s.close()

    def test_no_items_in_plain_prose(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "Users can do X.", after=5)
        self.assertEqual(s.complete(p["line"], p["character"]), [])
        s.close()


class CookbookCompletionTest(unittest.TestCase):
    def test_decision_completion_is_labelled(self):
        s = L.Session(COOKBOOK_PLAN)
        p = L.line_col_of(s.text, "Date/Author: 2026-11-21 / dev")
        s.type_at(p["line"] + 1, 0, "- \n")
        items = s.complete(p["line"] + 1, 2)
        self.assertEqual([i["label"] for i in items], ["Decision"])
        s.accept(items[0])
        self.assertIn("- Decision: ${1:what was decided}\n  Rationale: ${2:why}\n  Date/Author: 2026-11-25 / ${3:who}",
                      s.text)
        s.close()


if __name__ == "__main__":
    L.main(verbosity=2)
