"""Pull diagnostics (textDocument/diagnostic) for clients that declare them
(handlers/diagnostics.c; pushed diagnostics are in test_documents.py).

Run: python3 tests/protocol/test_diagnostics.py path/to/planls
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, PLAN_NO_DECISIONS, TITLE  # noqa: E402

URI = "file:///tmp/execplans/pull.md"
PULL_CAPS = {"textDocument": {"diagnostic": {"dynamicRegistration": False, "relatedDocumentSupport": False}}}
MESSY = (CLEAN_PLAN.replace("## Decision Log", "## Decisions Lgo")
         .replace("Started.", "Started.\n- 😀 [2026-11-20 25:00 UTC] x\n- no stamp\n- [2027-01-01 10:00 UTC] later"
                   "\n- [2026-01-01 10:00 UTC] back in time")
         .replace("## Plan of Work", "## Something else\n\n## Plan of Work"))


def pushed(text, encodings=None, uri=URI):
    with L.LspClient() as c:
        c.initialize(position_encodings=encodings)
        c.open(uri, text)
        return c.wait_for_diagnostics(uri, 1)["diagnostics"]


class Pull(L.ServerTest):
    CAPABILITIES = PULL_CAPS

    def pull(self, uri=URI):
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        self.assertIn("result", r, r)
        self.assertEqual(r["result"]["kind"], "full")
        self.assertEqual(set(r["result"]), {"kind", "items"}, r)
        return r["result"]["items"]

    def test_capability_advertised(self):
        dp = self.init_result["capabilities"]["diagnosticProvider"]
        self.assertIs(dp["interFileDependencies"], False)
        self.assertIs(dp["workspaceDiagnostics"], True)  # closed plans: workspace/diagnostic
        self.assertEqual(dp["identifier"], "planls")
        self.assertEqual(self.c.close(), 0)

    def test_no_pushes(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.c.change(URI, 2, [{"range": L.rng(0, 0, 0, 0), "text": "x"}])
        self.c.close_doc(URI)
        self.c.open(URI, MESSY)
        self.assertEqual(self.c.barrier(), [])
        self.assertEqual(self.c.close(), 0)

    def test_pull_equals_push(self):
        for text in (PLAN_NO_DECISIONS, CLEAN_PLAN, MESSY, MESSY.replace("\n", "\r\n"), ""):
            self.c.open(URI, text)
            self.assertEqual(self.pull(), pushed(text))
        self.assertTrue(len(pushed(MESSY)) >= 5)

    def test_pull_follows_edits(self):
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.assertEqual(L.brief(self.pull()),
                         [("missing-section", 0, 2, 0, 2 + len(TITLE), 2, "Missing section '## Decision Log'")])
        self.c.change(URI, 2, [{"text": CLEAN_PLAN}])
        self.assertEqual(self.pull(), [])
        change = {"range": L.rng(0, 2, 0, 2), "text": "😀"}
        self.c.change(URI, 3, [change])
        self.assertEqual(self.pull(), pushed(L.apply_change(CLEAN_PLAN, change)))

    def test_pull_of_non_plan_is_empty(self):
        readme = "file:///tmp/project/README.md"
        self.c.open(readme, "# Readme\n\nHello\n")
        self.assertEqual(self.pull(readme), [])

    def test_pull_of_closed_document(self):
        self.c.open(URI, CLEAN_PLAN)
        self.c.close_doc(URI)
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("not open", r["error"]["message"])

    def test_pull_in_utf8_session(self):
        self.c.kill()
        self.c = L.LspClient()
        self.c.initialize(capabilities=PULL_CAPS, position_encodings=["utf-8"])
        self.c.open(URI, MESSY)
        self.assertEqual(self.pull(), pushed(MESSY, ["utf-8"]))
        self.assertNotEqual(pushed(MESSY, ["utf-8"]), pushed(MESSY))


if __name__ == "__main__":
    L.main()
