"""textDocument/hover over the wire (handlers/hover.c): section help on a
heading, the age of a timestamp, nothing on prose."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402


class HoverTest(unittest.TestCase):
    def test_hover_heading_and_stamp(self):
        s = L.Session(CLEAN_PLAN)
        p = L.line_col_of(s.text, "## Decision Log", after=4)
        r = s.request_at("textDocument/hover", p)
        self.assertIn("Rationale", r["contents"]["value"])
        p = L.line_col_of(s.text, "[2026-11-21 10:00 UTC]", after=3)
        r = s.request_at("textDocument/hover", p)
        self.assertEqual(r["contents"]["value"], "[2026-11-21 10:00 UTC]: 4 days ago")
        p = L.line_col_of(s.text, "Users can do X.")
        r = s.request_at("textDocument/hover", p)
        self.assertIsNone(r)
        s.close()


if __name__ == "__main__":
    L.main(verbosity=2)
