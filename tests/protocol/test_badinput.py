"""Hostile and broken input, end to end: the real binary over real pipes.

Each row of the hardening table gets the answer the protocol names, and the
server is shown to be still serving afterwards by a following request that
gets its reply. A header that cannot be trusted costs its message only: the
stream resynchronises on the next Content-Length header.

Run: python3 tests/protocol/test_badinput.py path/to/planls
"""
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN, PLAN_NO_DECISIONS, TITLE  # noqa: E402

URI = "file:///tmp/execplans/badinput.md"
PULL = {"textDocument": {"diagnostic": {}}}
MISSING = ("missing-section", 0, 2, 0, 2 + len(TITLE), 2, "Missing section '## Decision Log'")
BIG_TIMEOUT = 10.0 * L.SLOW  # the bound for the huge-input rows


def body(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Base(L.ServerTest):

    def still_serving(self, c=None, timeout=None):
        """A following request gets its reply."""
        c = c or self.c
        r = c.request("no/such", id="alive-%d" % c.new_id(), timeout=timeout)
        self.assertEqual(r["error"]["code"], -32601, r)

    def pull(self, uri=URI):
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        self.assertIn("result", r, r)
        return L.brief(r["result"]["items"])

    def assert_clean_exit(self, c, code=1, timeout=None):
        rc = c.wait_exit(timeout)
        self.assertGreaterEqual(rc, 0, "killed by signal %d; stderr:\n%s" % (-rc, c.stderr_text()))
        self.assertEqual(rc, code, c.stderr_text())
        self.assertNotIn("AddressSanitizer", c.stderr_text())
        self.assertNotIn("runtime error", c.stderr_text())
        return rc


# ---- framing ------------------------------------------------------------------

class BadHeaders(unittest.TestCase):
    """A Content-Length that cannot be trusted loses its message, not the
    session: what came before is answered first, the client gets a Parse
    error with id null, and reading resumes at the next Content-Length header
    (right after the lost body, as vscode-jsonrpc's reader would). When none
    follows, the end of input ends the process cleanly."""

    ROWS = [
        ("missing", b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}", "Content-Length header is missing"),
        ("duplicated-different", b"Content-Length: 2\r\nContent-Length: 20\r\n\r\n{}",
         "given twice with different values"),
        ("negative", b"Content-Length: -40\r\n\r\n{}", "is negative"),
        ("non-numeric", b"Content-Length: 4O\r\n\r\n{}", "is not a number"),
        ("non-numeric-hex", b"Content-Length: 0x20\r\n\r\n{}", "is not a number"),
        ("too-large", b"Content-Length: 184467440737095516160\r\n\r\n", "too large to represent"),
    ]

    def test_bad_headers_resynchronise(self):
        for name, raw, reason in self.ROWS:
            with self.subTest(name), L.LspClient() as c:
                c.initialize()
                c.send_raw(L.frame(c.request_msg("no/such", id="before")) + raw +
                           L.frame(c.request_msg("no/such", id="after")))
                self.assertEqual(c.wait_response("before")["error"]["code"], -32601)
                err = c.wait_for(lambda m: "error" in m and m.get("id") is None, "the framing error")
                self.assertEqual(err["error"]["code"], -32700, err)
                self.assertIn(reason, err["error"]["message"])
                self.assertEqual(c.wait_response("after")["error"]["code"], -32601)
                self.assertIn("bad header", c.stderr_text())
                self.assertIn(reason, c.stderr_text())
                self.assertEqual(c.close(), 0)

    def test_initialize_then_bad_header_in_one_write(self):
        # The bad header was read with initialize: initialize is still the
        # first message handled, and it succeeds.
        with L.LspClient() as c:
            init = c.request_msg("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, id=1)
            c.send_raw(L.frame(init) + b"Content-Length: twelve\r\n\r\n" + body({"jsonrpc": "2.0", "id": 2}))
            r = c.wait_response(1)
            self.assertIn("result", r, r)
            self.assertIn("capabilities", r["result"])
            c.notify("initialized", {})
            self.assertEqual(c.request("no/such", id=3)["error"]["code"], -32601)
            self.assertEqual(c.close(), 0)

    def test_initialize_then_bad_header_then_end_of_input(self):
        with L.LspClient() as c:
            init = c.request_msg("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, id=1)
            c.send_raw(L.frame(init) + b"Content-Length: twelve\r\n\r\n{}")
            self.assertIn("result", c.wait_response(1))
            c.close_stdin()
            rc = c.wait_exit()
            self.assertGreaterEqual(rc, 0, "killed by signal %d" % -rc)
            self.assertEqual(rc, 1, c.stderr_text())  # no shutdown came
            self.assertNotIn("Sanitizer", c.stderr_text())

    def test_same_length_twice_is_tolerated(self):
        with L.LspClient() as c:
            c.initialize()
            b = body(c.request_msg("no/such", id=5))
            c.send_raw(b"Content-Length: %d\r\ncontent-length: %d\r\n\r\n" % (len(b), len(b)) + b)
            self.assertEqual(c.wait_response(5)["error"]["code"], -32601)
            self.assertEqual(c.close(), 0)


class OverCap(Base):
    def vm_hwm_kib(self):
        with open("/proc/%d/status" % self.c.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        self.skipTest("no VmHWM in /proc")

    def test_above_64_mib_refused_without_allocating(self):
        claimed = 256 << 20
        self.c.send_raw(b"Content-Length: %d\r\n\r\n" % claimed)
        # The refusal comes as soon as the header is read, before the body.
        r = self.c.read_message()
        self.assertEqual(r["error"]["code"], -32600, r)
        self.assertIsNone(r["id"])
        self.assertIn("exceeds", r["error"]["message"])
        chunk = b"x" * (1 << 20)
        for _ in range(claimed >> 20):
            self.c.send_raw(chunk)
        # The stream is back in sync: the next message is answered.
        self.still_serving()
        hwm = self.vm_hwm_kib() * 1024
        self.assertLess(hwm, claimed // 4, "peak RSS %d bytes for a refused %d-byte body" % (hwm, claimed))
        self.assertIn("refused a message", self.c.stderr_text())
        self.assertEqual(self.c.close(), 0)


# ---- JSON-RPC -----------------------------------------------------------------

class JsonRpc(Base):
    def bad(self, raw, code, id=None):
        self.c.send_raw(L.frame(raw))
        r = self.c.read_message()
        self.assertIsNotNone(r, "EOF after %r" % raw)
        self.assertEqual(set(r), {"jsonrpc", "id", "error"}, r)
        self.assertEqual(r["error"]["code"], code, (raw, r))
        self.assertEqual(r["id"], id, (raw, r))
        self.assertTrue(r["error"]["message"])
        return r

    def test_every_malformed_message_gets_the_spec_error(self):
        # Not JSON: Parse error, id null.
        self.bad(b'{"jsonrpc":"2.0","id":1,"method":', -32700)
        self.bad(b"\x00\x01", -32700)
        self.bad(b"", -32700)
        # Not an object: Invalid Request, id null.
        self.bad(b"42", -32600)
        self.bad(b'"initialize"', -32600)
        # Missing or wrong jsonrpc: Invalid Request, the id echoed when readable.
        self.bad(body({"id": 1, "method": "no/such"}), -32600, 1)
        self.bad(body({"jsonrpc": "1.0", "id": "v1", "method": "no/such"}), -32600, "v1")
        # Missing method (and no result/error): Invalid Request.
        self.bad(body({"jsonrpc": "2.0", "id": 2}), -32600, 2)
        self.bad(body({"jsonrpc": "2.0", "id": 3, "method": None}), -32600, 3)
        # Wrong id type: Invalid Request, id null (the id cannot be echoed).
        for bad_id in ({"a": 1}, [1], 1.5, True, False):
            self.bad(body({"jsonrpc": "2.0", "id": bad_id, "method": "no/such"}), -32600)
        # params that are not a structured value: Invalid Request.
        for p in (5, "x", True):
            self.bad(body({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": p}), -32600, 4)
        # Well-formed JSON-RPC but params of the wrong LSP shape: Invalid params.
        self.bad(body({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover",
                       "params": {"textDocument": 5, "position": {"line": 0, "character": 0}}}), -32602, 5)
        self.bad(body({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover",
                       "params": {"textDocument": {"uri": URI}, "position": "here"}}), -32602, 6)
        self.still_serving()

    def test_batch_array_is_refused_whole(self):
        batch = [self.c.request_msg("shutdown", id=70), self.c.request_msg("no/such", id=71)]
        self.bad(body(batch), -32600)
        self.bad(b"[]", -32600)
        # Nothing inside the batch ran: not the shutdown, no reply to 71.
        self.still_serving()
        self.assertEqual([m for m in self.c.barrier() if m.get("id") in (70, 71)], [])
        self.assertEqual(self.c.close(), 0)

    def test_lone_surrogate_escape_is_a_parse_error(self):
        # JSON text must be Unicode: "\ud800" alone encodes no character, and
        # jansson refuses it. JSON-RPC: Parse error, id null (the id cannot be
        # trusted once the text is not JSON); the session goes on.
        raw = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
               b'{"uri":"' + URI.encode() + b'","languageId":"markdown","version":1,"text":"# T\\ud800\\n"}}}')
        self.bad(raw, -32700)
        self.bad(b'{"jsonrpc":"2.0","id":9,"method":"no/such","params":{"x":"\\udc00"}}', -32700)
        # Raw bytes that are not UTF-8 inside a string: also a parse error.
        self.bad(b'{"jsonrpc":"2.0","id":10,"method":"no/such","params":{"x":"\xc3\x28"}}', -32700)
        # The didOpen never happened.
        r = self.c.request("textDocument/hover", {"textDocument": {"uri": URI},
                                                  "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"]["code"], -32602, r)
        # The same faults in texts large enough to be decoded outside jansson
        # (protocol/lift.c): the same error, pointing into the body as sent.
        pad = b"x" * (20 << 10)
        for fault in (b"\\ud800", b"\\udc00", b"\xc3\x28", b"\xed\xa0\x80", b"\x01", b"\\q"):
            raw = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                   b'{"uri":"' + URI.encode() + b'","languageId":"markdown","version":1,"text":"# T' + pad + fault +
                   pad + b'"}}}')
            r = self.bad(raw, -32700)
            at = int(re.search(r"byte (\d+)\)", r["error"]["message"]).group(1))
            self.assertTrue(raw.index(fault) <= at <= len(raw), r)
        broken = b'{"jsonrpc":"2.0","method":"x","params":{"text":"' + pad + b'"},}'
        r = self.bad(broken, -32700)
        self.assertIn("byte %d)" % len(broken), r["error"]["message"])
        # A proper surrogate pair is fine.
        self.c.open(URI, "# T \U0001F600\n")
        self.assertIn("result", self.c.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}}))
        self.still_serving()


# ---- positions and document synchronisation ----------------------------------

class Positions(Base):
    CAPABILITIES = PULL

    def setUp(self):
        super().setUp()
        self.c.open(URI, PLAN_NO_DECISIONS)
        self.assertEqual(self.pull(), [MISSING])

    def td(self):
        return {"textDocument": {"uri": URI}}

    def test_far_positions_are_clamped(self):
        far = {"line": 10 ** 9, "character": 10 ** 9}
        for method, params in (
                ("textDocument/hover", dict(self.td(), position=far)),
                ("textDocument/completion", dict(self.td(), position=far)),
                ("textDocument/completion", dict(self.td(), position={"line": 2 ** 40, "character": 2 ** 53})),
                ("textDocument/codeAction", dict(self.td(), range={"start": {"line": 0, "character": 10 ** 9},
                                                                   "end": far}, context={"diagnostics": []}))):
            r = self.c.request(method, params)
            self.assertIn("result", r, (method, params, r))
        # A far ranged change appends at the end, exactly like the clamped
        # position (the end of the last line).
        self.c.change(URI, 2, [{"range": {"start": far, "end": far}, "text": "\nTrailing words.\n"}])
        self.assertEqual(self.pull(), [MISSING])
        self.still_serving()

    def test_end_before_start(self):
        backwards = {"start": {"line": 5, "character": 0}, "end": {"line": 1, "character": 0}}
        r = self.c.request("textDocument/codeAction", dict(self.td(), range=backwards, context={"diagnostics": []}))
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("before", r["error"]["message"])
        # In a didChange it is ignored: the text is unchanged (deleting lines
        # 1-5 would remove the title and change the diagnostics).
        self.c.change(URI, 2, [{"range": backwards, "text": ""}])
        self.assertEqual(self.pull(), [MISSING])
        self.assertIn("before", self.c.stderr_text())

    def test_negative_numbers(self):
        for p in ({"line": -1, "character": 0}, {"line": 0, "character": -1}, {"line": -2 ** 40, "character": 0}):
            r = self.c.request("textDocument/hover", dict(self.td(), position=p))
            self.assertEqual(r["error"]["code"], -32602, (p, r))
            self.assertIn("negative", r["error"]["message"])
            r = self.c.request("textDocument/completion", dict(self.td(), position=p))
            self.assertEqual(r["error"]["code"], -32602, (p, r))
        r = self.c.request("textDocument/codeAction", dict(self.td(), range={
            "start": {"line": 0, "character": -3}, "end": {"line": 0, "character": 0}}, context={"diagnostics": []}))
        self.assertEqual(r["error"]["code"], -32602, r)
        # Negative numbers in a change: ignored, text unchanged.
        self.c.change(URI, 2, [{"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}},
                                "text": "junk"}])
        self.assertEqual(self.pull(), [MISSING])
        self.still_serving()

    def test_change_for_never_opened_document(self):
        other = "file:///tmp/execplans/never-opened.md"
        self.c.change(other, 2, [{"text": CLEAN_PLAN}])
        self.c.change(other, 3, [{"range": L.rng(0, 0, 0, 0), "text": "x"}])
        self.assertEqual(self.c.barrier(), [])
        self.assertIn("is not open", self.c.stderr_text())
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": other}})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertEqual(self.pull(), [MISSING])  # the open document is untouched
        self.still_serving()

    def test_did_change_with_older_version(self):
        self.c.change(URI, 5, [{"text": CLEAN_PLAN}])
        self.assertEqual(self.pull(), [])
        for stale in (5, 4, 1, 0, -1):
            self.c.change(URI, stale, [{"text": PLAN_NO_DECISIONS}])
        self.assertEqual(self.pull(), [])  # none applied
        self.assertIn("is not newer than", self.c.stderr_text())
        self.c.change(URI, 6, [{"text": PLAN_NO_DECISIONS}])
        self.assertEqual(self.pull(), [MISSING])

    def test_did_open_of_open_uri_takes_new_text(self):
        self.c.open(URI, CLEAN_PLAN, version=1)
        self.assertEqual(self.pull(), [])
        self.c.open(URI, PLAN_NO_DECISIONS, version=1)
        self.assertEqual(self.pull(), [MISSING])
        self.still_serving()

    def test_nul_characters_in_text(self):
        text = PLAN_NO_DECISIONS.replace("Users can do X.", "Users\u0000 can\u0000do X.\u0000")
        self.c.open(URI, text, version=1)
        self.assertEqual(self.pull(), [MISSING])
        # Edits after a NUL land where the client says.
        line = text.split("\n").index("Users\u0000 can\u0000do X.\u0000")
        self.c.change(URI, 2, [{"range": L.rng(line, 16, line, 16), "text": "\u0000\n## Decision Log\n\n"
                                "- [2026-11-21 11:00 UTC] Use C.\n  - Rationale: speed.\n"}])
        diags = self.pull()
        self.assertNotIn(MISSING, diags)
        self.assertTrue(all(d[0] == "section-order" for d in diags), diags)
        r = self.c.request("textDocument/documentSymbol", self.td())
        self.assertIn("result", r)
        self.still_serving()


class Uris(Base):
    def test_percent_encoding_spaces_and_non_ascii(self):
        uris = ["file:///tmp/execplans/my%20first-plan%C3%A9.md",
                "file:///tmp/execplans/my first-plan\u00e9.md",
                "file:///tmp/exec%70lans/%E4%B8%AD%F0%9F%98%80.md",
                "untitled:Untitled-1"]
        no_title = PLAN_NO_DECISIONS.split("\n", 2)[2]  # without "# Ship the thing"
        for u in uris:
            self.c.open(u, no_title)
        seen = {}
        for u in uris[:3]:
            seen[u] = self.c.wait_for_diagnostics(u, 1)
            self.assertEqual(seen[u]["uri"], u)  # echoed byte for byte
            codes = {d["code"] for d in seen[u]["diagnostics"]}
            self.assertIn("missing-title", codes)
        # The title offered comes from the decoded file name.
        r = self.c.request("textDocument/codeAction", {"textDocument": {"uri": uris[0]},
                                                       "range": L.rng(0, 0, 0, 0), "context": {"diagnostics": []}})
        titles = {a["title"]: a for a in r["result"]}
        self.assertIn("Add a title", titles, r)
        edit = titles["Add a title"]["edit"]
        self.assertEqual(list(edit["changes"]), [uris[0]])
        self.assertEqual(edit["changes"][uris[0]][0]["newText"], "# My first plan\u00e9\n\n")
        for u in uris:
            r = self.c.request("textDocument/documentSymbol", {"textDocument": {"uri": u}})
            self.assertIn("result", r, (u, r))
        self.still_serving()
        self.assertEqual(self.c.close(), 0)


# ---- size and depth ------------------------------------------------------------

class Huge(Base):
    """Big and deep documents: every request is answered within BIG_TIMEOUT
    (each wait below fails past it). The client pulls diagnostics, so no reply
    is large (a 100,000-item diagnostics list is 20 MB of JSON, which measures
    the client's reading rather than the server); the requests below still
    run the whole analysis (a code action needs every diagnostic)."""
    CAPABILITIES = PULL

    def analyse(self, uri, line, character):
        td = {"textDocument": {"uri": uri}}
        r = self.c.request("textDocument/hover", dict(td, position={"line": line, "character": character}),
                           timeout=BIG_TIMEOUT)
        self.assertIn("result", r, r)
        r = self.c.request("textDocument/completion", dict(td, position={"line": line, "character": character}),
                           timeout=BIG_TIMEOUT)
        self.assertIn("result", r, r)
        r = self.c.request("textDocument/codeAction", dict(td, range=L.rng(0, 0, 1, 0), context={"diagnostics": []}),
                           timeout=BIG_TIMEOUT)
        self.assertIn("result", r, r)

    def test_50_mb_single_line(self):
        uri = "file:///tmp/execplans/one-line.md"
        self.c.open(uri, "# T\n\n" + "x" * (50 << 20))
        self.analyse(uri, 2, 25 << 20)
        # Typing at the end of the line.
        self.c.change(uri, 2, [{"range": L.rng(2, 50 << 20, 2, 50 << 20), "text": "y"}])
        self.analyse(uri, 2, (50 << 20) + 1)
        self.still_serving(timeout=BIG_TIMEOUT)

    def test_100000_headings(self):
        uri = "file:///tmp/execplans/headings.md"
        text = "# T\n\n" + "".join("## Heading %d\n" % i for i in range(100000))
        self.c.open(uri, text)
        self.analyse(uri, 50000, 3)
        self.c.change(uri, 2, [{"range": L.rng(50000, 0, 50000, 0), "text": "## Progress\n"}])
        self.analyse(uri, 50000, 3)
        self.still_serving(timeout=BIG_TIMEOUT)

    def nested(self, prefix):
        uri = "file:///tmp/execplans/nested.md"
        text = "# T\n\n## Progress\n\n" + prefix * 10000 + "[2026-11-20 10:00 UTC] deep\n\n## Decision Log\n\n" + \
               prefix * 10000 + "x\n"
        t0 = time.monotonic()
        self.c.open(uri, text)
        self.analyse(uri, 4, 20000)
        for method in ("textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/diagnostic"):
            r = self.c.request(method, {"textDocument": {"uri": uri}}, timeout=BIG_TIMEOUT)
            self.assertIn("result", r, r)
        self.still_serving()
        self.assertLess(time.monotonic() - t0, BIG_TIMEOUT)
        self.assertEqual(self.c.close(), 0)

    def test_10000_nested_list_levels(self):
        self.nested("- ")

    def test_10000_nested_blockquotes(self):
        self.nested("> ")


# ---- the client going away -------------------------------------------------------

class ClientGone(unittest.TestCase):
    def test_stdin_closed_mid_message(self):
        with L.LspClient() as c:
            c.initialize()
            c.send_raw(b'Content-Length: 100\r\n\r\n{"jsonrpc":"2.0","id":1,')
            t0 = time.monotonic()
            c.close_stdin()
            rc = c.wait_exit(2.0)
            self.assertLess(time.monotonic() - t0, 2.0)
            self.assertGreaterEqual(rc, 0)
            self.assertEqual(rc, 1)
            err = c.stderr_text()
            self.assertIn("went away", err)
            self.assertIn("end of input", err)

    def test_stdin_closed_mid_header(self):
        with L.LspClient() as c:
            c.initialize()
            c.send_raw(b"Content-Len")
            c.close_stdin()
            rc = c.wait_exit(2.0)
            self.assertEqual(rc, 1)
            self.assertIn("went away", c.stderr_text())

    def test_stdout_closed(self):
        with L.LspClient() as c:
            c.initialize()
            c.proc.stdout.close()  # nobody reads the replies any more
            t0 = time.monotonic()
            # The next reply cannot be written: EPIPE, not SIGPIPE.
            try:
                c.send(c.request_msg("no/such", id=1))
            except BrokenPipeError:
                pass
            rc = c.proc.wait(2.0)
            self.assertLess(time.monotonic() - t0, 2.0)
            self.assertGreaterEqual(rc, 0, "killed by signal %d" % -rc)
            self.assertEqual(rc, 1)
            err = c.stderr_text()
            self.assertIn("cannot write to the client", err)
            self.assertIn("went away", err)


# ---- stale code actions ----------------------------------------------------------

class StaleCodeAction(Base):
    CAPABILITIES = {"workspace": {"workspaceEdit": {"documentChanges": True}},
                    "textDocument": {"codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix", "refactor"]}}}}}

    def test_edits_carry_the_current_version(self):
        self.c.open(URI, PLAN_NO_DECISIONS, version=1)
        self.c.wait_for_diagnostics(URI, 1)
        end = len(PLAN_NO_DECISIONS.split("\n")) - 1
        self.c.change(URI, 2, [{"range": L.rng(end, 0, end, 0), "text": "More.\n"}])
        self.c.change(URI, 7, [{"range": L.rng(end + 1, 0, end + 1, 0), "text": "Even more.\n"}])
        # The request carries no version: the server answers for the text it has.
        r = self.c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": L.rng(0, 2, 0, 2),
                                                       "context": {"diagnostics": []}})
        actions = [a for a in r["result"] if "edit" in a]
        self.assertTrue(actions, r)
        for a in actions:
            for dc in a["edit"]["documentChanges"]:
                self.assertEqual(dc["textDocument"], {"uri": URI, "version": 7}, a["title"])
        self.assertEqual(self.c.close(), 0)


if __name__ == "__main__":
    L.main()
