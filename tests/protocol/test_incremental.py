"""The incremental path over the wire: a long session of keystrokes never
falls back to parsing the whole document, and each keystroke parses a small
window ($/planls/stats reports the parser's counters)."""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402


def long_plan(entries):
    # One entry a minute: in order, so the plan stays clean.
    progress = "".join("- [2025-01-%02d %02d:%02d UTC] step %d 😀 中文\n  - detail\n"
                       % (1 + k // 1440, k // 60 % 24, k % 60, k) for k in range(entries))
    return CLEAN_PLAN.replace("- [x] [2026-11-20 14:00 UTC] Started.\n", progress)


def entry_column(text, starts, line):
    """A column inside a Progress entry's words on line (0 off the entries)."""
    body = text[starts[line]:starts[line + 1]]
    return L.units(body[:body.index("step")]) + 5 if "step" in body else 0


def keystroke(k, line, col, char):
    """The k-th keystroke of a typing session: type char at (line, col), then delete it."""
    if k % 2 == 0:
        return {"range": L.rng(line, col, line, col), "text": char}
    return {"range": L.rng(line, col, line, col + 1), "text": ""}


class IncrementalTest(unittest.TestCase):
    def open_long(self, c, uri, text):
        c.initialize()
        c.open(uri, text)
        c.wait_for_diagnostics(uri, 1)

    def assert_fresh_open_agrees(self, uri, text, last):
        """The incremental result is what a fresh open of the same text says."""
        with L.LspClient() as fresh:
            fresh.initialize()
            fresh.open(uri, text)
            self.assertEqual(L.brief(fresh.wait_for_diagnostics(uri, 1)["diagnostics"]), L.brief(last))
            fresh.close()

    def test_thousand_keystrokes_without_a_full_parse(self):
        text = long_plan(2000)
        uri = "file:///tmp/execplans/long.md"
        rng = random.Random(7)
        with L.LspClient() as c:
            self.open_long(c, uri, text)
            starts = L.line_starts(text)
            version = 1
            for k in range(1000):
                # Type or delete one character inside a Progress entry's words.
                line = rng.randrange(20, 4000)
                ch = keystroke(k, line, entry_column(text, starts, line), "y")
                version += 1
                text = L.apply_change(text, ch)
                starts = L.line_starts(text)
                c.change(uri, version, [ch])
            last = c.wait_for_diagnostics(uri, version)["diagnostics"]
            stats = c.stats(uri)
            self.assertEqual(stats["fullParses"], 1)
            self.assertGreaterEqual(stats["partialParses"], 1)
            # Each update parsed a few items, not the 170 KB Progress section.
            self.assertLess(stats["bytesParsed"] - len(text.encode()), 1000 * 2000)
            self.assertEqual(stats["textBytes"], len(text.encode()))
            # And the result is what a fresh open of the same text says.
            self.assertEqual(c.close(), 0)
        self.assert_fresh_open_agrees(uri, text, last)

    def test_scattered_edits_parse_their_own_windows(self):
        # One didChange with 50 edits spread over the Progress section (as
        # several cursors make): each is parsed on its own, not the 170 KB
        # span between the first and the last.
        text = long_plan(2000)
        uri = "file:///tmp/execplans/scattered.md"
        rng = random.Random(11)
        with L.LspClient() as c:
            self.open_long(c, uri, text)
            before = c.stats(uri)
            changes = []
            for line in sorted(rng.sample(range(20, 4000, 2), 50)):
                starts = L.line_starts(text)
                col = entry_column(text, starts, line)
                ch = {"range": L.rng(line, col, line, col), "text": "z"}
                text = L.apply_change(text, ch)
                changes.append(ch)
            c.change(uri, 2, changes)
            last = c.wait_for_diagnostics(uri, 2)["diagnostics"]
            stats = c.stats(uri)
            self.assertEqual(stats["fullParses"], 1)
            # About 1.2 KB per edit; the span between them would be 110 KB.
            self.assertLess(stats["bytesParsed"] - before["bytesParsed"], 80000)
            self.assertEqual(stats["textBytes"], len(text.encode()))
            self.assertEqual(c.close(), 0)
        self.assert_fresh_open_agrees(uri, text, last)

    def test_typing_in_a_long_prose_section_parses_one_paragraph(self):
        # A Context section of 3,000 paragraphs (about 300 KB) between lists,
        # code and quotes: a keystroke in a paragraph re-parses that
        # paragraph, not the section.
        blocks = ["Paragraph %d says what the reader needs, 😀 中文,\nand wraps onto a second line.\n" % k
                  if k % 10 else "- item %d\n\n```\ncode %d\n```\n\n> quote %d\n" % (k, k, k)
                  for k in range(3000)]
        prose = "\n".join(blocks)
        marker = "## Context and Orientation\n"
        self.assertIn(marker, CLEAN_PLAN)
        text = CLEAN_PLAN.replace(marker, marker + "\n" + prose + "\n", 1)
        uri = "file:///tmp/execplans/prose.md"
        rng = random.Random(5)
        with L.LspClient() as c:
            self.open_long(c, uri, text)
            before = c.stats(uri)
            lines = text.split("\n")
            targets = [i for i, ln in enumerate(lines) if ln.startswith(("Paragraph", "and wraps"))]
            version = 1
            for k in range(500):
                ch = keystroke(k, rng.choice(targets), 4, "q")
                version += 1
                text = L.apply_change(text, ch)
                c.change(uri, version, [ch])
                if k % 50 == 0:
                    c.wait_for_diagnostics(uri, version)
            last = c.wait_for_diagnostics(uri, version)["diagnostics"]
            stats = c.stats(uri)
            self.assertEqual(stats["fullParses"], 1)
            self.assertEqual(stats["textBytes"], len(text.encode()))
            # A paragraph is about 100 bytes; the section is 300,000.
            self.assertLess(stats["bytesParsed"] - before["bytesParsed"], 500 * 400)
            self.assertEqual(c.close(), 0)
        self.assert_fresh_open_agrees(uri, text, last)


if __name__ == "__main__":
    L.main(verbosity=2)
