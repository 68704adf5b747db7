"""Positions: utf-16 / utf-8 / utf-32 columns, edits after astral characters,
CRLF documents and clamping of out-of-range positions.

Run: python3 tests/protocol/test_positions.py path/to/planls
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, PLAN_NO_DECISIONS, TITLE  # noqa: E402

URI = "file:///tmp/execplans/positions.md"
STAMP = "[2026-11-20 25:00 UTC]"
BAD = "Timestamp '%s': hour must be between 00 and 23" % STAMP
LINE_A = "- 😀★ %s x" % STAMP            # status-marker symbols before the stamp
LINE_B = "- %s 😀" % STAMP                # non-ASCII after it
STARTED = "- [x] [2026-11-20 14:00 UTC] Started."
TEXT = CLEAN_PLAN.replace(STARTED, STARTED + "\n" + LINE_A + "\n" + LINE_B)
LA = TEXT.split("\n").index(LINE_A)


def session(encodings=None):
    c = L.LspClient()
    res = c.initialize(position_encodings=encodings)
    return c, res["capabilities"]["positionEncoding"]


def bad_ts(text, enc, nth):
    r = L.find_range(text, STAMP, enc, nth)
    return ("bad-timestamp", r["start"]["line"], r["start"]["character"], r["end"]["line"],
            r["end"]["character"], 2, BAD)


class Encodings(unittest.TestCase):
    def check(self, encodings, enc, a_start):
        c, got = session(encodings)
        with c:
            self.assertEqual(got, enc)
            c.open(URI, TEXT)
            diags = L.brief(c.wait_for_diagnostics(URI, 1)["diagnostics"])
            self.assertEqual(diags, [("bad-timestamp", LA, a_start, LA, a_start + 22, 2, BAD),
                                     ("bad-timestamp", LA + 1, 2, LA + 1, 24, 2, BAD)])
            self.assertEqual(diags, [bad_ts(TEXT, enc, 0), bad_ts(TEXT, enc, 1)])
            self.assertEqual(c.close(), 0)

    def test_utf16(self):
        self.check(None, "utf-16", 6)        # "- " + 😀 (2 units) + ★ + " "

    def test_utf8(self):
        self.check(["utf-8"], "utf-8", 10)    # "- " + 4 bytes + 3 bytes (★) + " "

    def test_utf32(self):
        self.check(["utf-32"], "utf-32", 5)   # "- " + 2 code points + " "

    def test_title_range_end_per_encoding(self):
        title = "😀中 Ship é"
        text = PLAN_NO_DECISIONS.replace(TITLE, title)
        for encodings, enc in ((None, "utf-16"), (["utf-8"], "utf-8"), (["utf-32"], "utf-32")):
            c, got = session(encodings)
            with c:
                c.open(URI, text)
                diags = c.wait_for_diagnostics(URI, 1)["diagnostics"]
                miss = [d for d in diags if d["code"] == "missing-section"]
                self.assertEqual(len(miss), 1, diags)
                self.assertEqual(miss[0]["range"], L.rng(0, 2, 0, 2 + L.units(title, enc)), enc)
                self.assertEqual(miss[0]["range"], L.find_range(text, title, enc))


class Edits(unittest.TestCase):
    def setUp(self):
        self.c, self.enc = session()

    def tearDown(self):
        self.c.kill()

    def test_insert_after_emoji_utf16(self):
        self.c.open_and_wait(URI, TEXT)
        # insert "✓☆" right after the emoji: utf-16 column 4 (2 + surrogate
        # pair). Symbols before a stamp are status markers, so the stamp is
        # still found, 2 columns further right.
        change = {"range": L.rng(LA, 4, LA, 4), "text": "✓☆"}
        text = L.apply_change(TEXT, change)
        self.assertIn("- 😀✓☆★ ", text)
        self.c.change(URI, 2, [change])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags[0], ("bad-timestamp", LA, 8, LA, 30, 2, BAD))
        self.assertEqual(diags, [bad_ts(text, "utf-16", 0), bad_ts(text, "utf-16", 1)])

    def test_position_inside_surrogate_pair_rounds_down(self):
        self.c.open_and_wait(URI, TEXT)
        # column 3 is between the two halves of 😀: the insertion goes before it
        change = {"range": L.rng(LA, 3, LA, 3), "text": "★"}
        text = L.apply_change(TEXT, change)
        self.assertIn("- ★😀★", text)
        self.c.change(URI, 2, [change])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags, [bad_ts(text, "utf-16", 0), bad_ts(text, "utf-16", 1)])
        self.assertEqual(diags[0][2], 7)

    def test_replace_emoji_by_range(self):
        self.c.open_and_wait(URI, TEXT)
        # delete "😀★ " (utf-16 columns 2..6): the stamp moves to column 2
        self.c.change(URI, 2, [{"range": L.rng(LA, 2, LA, 6), "text": ""}])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags[0], ("bad-timestamp", LA, 2, LA, 24, 2, BAD))

    def test_utf8_session_edit(self):
        self.c.kill()
        self.c, enc = session(["utf-8"])
        self.c.open_and_wait(URI, TEXT)
        change = {"range": L.rng(LA, 6, LA, 6), "text": "✓☆"}   # after the 4 bytes of 😀
        text = L.apply_change(TEXT, change, "utf-8")
        self.assertIn("- 😀✓☆★ ", text)
        self.c.change(URI, 2, [change])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags, [bad_ts(text, "utf-8", 0), bad_ts(text, "utf-8", 1)])
        self.assertEqual(diags[0][2], 16)

    def test_crlf_document(self):
        text = TEXT.replace("\n", "\r\n")
        self.c.open(URI, text)
        diags = L.brief(self.c.wait_for_diagnostics(URI, 1)["diagnostics"])
        self.assertEqual(diags, [("bad-timestamp", LA, 6, LA, 28, 2, BAD),
                                 ("bad-timestamp", LA + 1, 2, LA + 1, 24, 2, BAD)])
        # an edit on a CRLF line: insert a line before line LA
        change = {"range": L.rng(LA, 0, LA, 0), "text": "- [2026-11-20 15:00 UTC] more\r\n"}
        self.c.change(URI, 2, [change])
        text = L.apply_change(text, change)
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags, [("bad-timestamp", LA + 1, 6, LA + 1, 28, 2, BAD),
                                 ("bad-timestamp", LA + 2, 2, LA + 2, 24, 2, BAD)])
        # a character past the end of a CRLF line clamps before the "\r\n"
        change = {"range": L.rng(LA + 2, 500, LA + 2, 500), "text": " tail"}
        self.c.change(URI, 3, [change])
        text = L.apply_change(text, change)
        self.assertIn(LINE_B + " tail\r\n", text)
        diags = L.brief(self.c.wait_for_diagnostics(URI, 3)["diagnostics"])
        self.assertEqual(diags, [bad_ts(text, "utf-16", 0), bad_ts(text, "utf-16", 1)])

    def test_mixed_and_lone_cr_line_endings(self):
        # cycle "\n", "\r\n", "\r" without ever writing "\r" + "\n" by accident
        lines = TEXT.split("\n")
        terms = [("\n", "\r\n", "\r")[k % 3] for k in range(len(lines) - 1)]
        for k in range(len(terms) - 1):
            if terms[k] == "\r" and lines[k + 1] == "" and terms[k + 1] == "\n":
                terms[k + 1] = "\r\n"
        text = "".join(ln + t for ln, t in zip(lines, terms)) + lines[-1]
        self.assertEqual(len(L.line_starts(text)), len(lines))
        self.c.open(URI, text)
        diags = L.brief(self.c.wait_for_diagnostics(URI, 1)["diagnostics"])
        expect = [bad_ts(text, "utf-16", 0), bad_ts(text, "utf-16", 1)]
        self.assertEqual([d for d in diags if d[0] == "bad-timestamp"], expect)
        self.assertEqual(expect[0][1], LA)

    def test_positions_past_the_end_are_clamped(self):
        self.c.open_and_wait(URI, TEXT)
        tail = "\n## Progres\n"
        change = {"range": L.rng(9999, 0, 9999, 5), "text": tail}
        text = L.apply_change(TEXT, change)
        self.assertTrue(text.endswith(tail))
        self.c.change(URI, 2, [change])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        last = len(L.line_starts(text)) - 2
        self.assertIn(("unknown-section", last, 3, last, 10, 2,
                       "Unknown section 'Progres'; did you mean 'Progress'?"), diags)
        # a character past the end of line 0 appends to the title
        change = {"range": L.rng(0, 1000, 0, 2000), "text": " now"}
        text = L.apply_change(text, change)
        self.c.change(URI, 3, [change])
        self.c.wait_for_diagnostics(URI, 3)  # the title's new end shows below
        self.assertTrue(text.startswith("# " + TITLE + " now\n"))
        # a range from the middle to far past the end deletes to the end
        change = {"range": L.rng(1, 0, 100000, 100000), "text": ""}
        text = L.apply_change(text, change)
        self.assertEqual(text, "# " + TITLE + " now\n")
        self.c.change(URI, 4, [change])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 4)["diagnostics"])
        self.assertIn(("missing-section", 0, 2, 0, 2 + len(TITLE + " now"), 2,
                       "Missing section '## Purpose / Big Picture'"), diags)
        for d in diags:
            self.assertEqual(d[1], 0, d)

    def test_huge_positions_are_clamped(self):
        self.c.open_and_wait(URI, TEXT)
        text = TEXT
        for v, (line, ch) in enumerate([(2 ** 40, 0), (2 ** 63 - 1, 2 ** 63 - 1), (LA, 2 ** 63 - 1),
                                        (2 ** 31, 5), (2 ** 31 - 1, 2 ** 31 - 1)], start=2):
            change = {"range": L.rng(line, ch, line, ch), "text": "\n- [2026-11-20 26:00 UTC] z\n"}
            text = L.apply_change(text, change)
            self.c.change(URI, v, [change])
            got = self.c.wait_for_diagnostics(URI, v)["diagnostics"]
            with L.LspClient() as fresh:
                fresh.initialize()
                fresh.open(URI, text)
                self.assertEqual(got, fresh.wait_for_diagnostics(URI, 1)["diagnostics"], (line, ch))
        self.assertTrue(text.endswith("- [2026-11-20 26:00 UTC] z\n"))

    def test_negative_positions_are_rejected(self):
        self.c.open_and_wait(URI, TEXT)
        self.c.change(URI, 2, [{"range": L.rng(-1, 0, 0, 0), "text": "junk"}])
        diags = L.brief(self.c.wait_for_diagnostics(URI, 2)["diagnostics"])
        self.assertEqual(diags, [bad_ts(TEXT, "utf-16", 0), bad_ts(TEXT, "utf-16", 1)])
        self.assertIn("must not be negative", self.c.stderr_text())

    def test_diagnostic_at_end_of_document_without_newline(self):
        text = "# T 😀\n\n## Progress\n\n- " + STAMP
        self.c.open(URI, text)
        diags = L.brief(self.c.wait_for_diagnostics(URI, 1)["diagnostics"])
        self.assertIn(bad_ts(text, "utf-16", 0), diags)
        self.assertIn(("missing-section", 0, 2, 0, 6, 2, "Missing section '## Decision Log'"), diags)


if __name__ == "__main__":
    L.main()
