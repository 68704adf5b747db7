"""textDocument/documentSymbol over the wire (handlers/symbols.c): the title, its
sections and their entries. workspace/symbol is in test_workspace.py."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402


class SymbolsTest(unittest.TestCase):
    def test_outline(self):
        s = L.Session(CLEAN_PLAN)
        r = s.c.request("textDocument/documentSymbol", {"textDocument": {"uri": s.uri}})
        (title,) = r["result"]
        self.assertEqual(title["name"], "Ship the thing")
        names = [c["name"] for c in title["children"]]
        self.assertEqual(names[:3], ["Purpose / Big Picture", "To-do", "Progress"])
        progress = title["children"][2]
        (entry,) = progress["children"]
        self.assertEqual((entry["name"], entry["detail"]), ("Started.", "[2026-11-20 14:00 UTC]"))
        s.close()


if __name__ == "__main__":
    L.main(verbosity=2)
