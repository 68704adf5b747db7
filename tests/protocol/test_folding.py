"""textDocument/foldingRange over the wire (handlers/folding.c)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402


class FoldingTest(unittest.TestCase):
    def test_folding(self):
        s = L.Session(CLEAN_PLAN)
        r = s.c.request("textDocument/foldingRange", {"textDocument": {"uri": s.uri}})
        decision = L.line_col_of(s.text, "## Decision Log")["line"]
        self.assertIn({"startLine": decision, "endLine": decision + 3}, r["result"])
        self.assertIn({"startLine": decision + 2, "endLine": decision + 3}, r["result"])  # entry + sub-bullet
        s.close()


if __name__ == "__main__":
    L.main(verbosity=2)
