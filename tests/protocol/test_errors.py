"""Malformed input: JSON-RPC errors that keep the session alive, and framing
errors that end it.

Run: python3 tests/protocol/test_errors.py path/to/planls
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import PLAN_NO_DECISIONS  # noqa: E402

PLAN_URI = "file:///tmp/execplans/errors.md"


class JsonRpcErrors(L.ServerTest):
    """Each bad message gets one error reply; the next request still works."""

    def still_serving(self):
        r = self.c.request("no/such", id="alive")
        self.assertEqual(r["error"]["code"], -32601)

    def bad(self, body):
        self.c.send_raw(L.frame(body))
        r = self.c.read_message()
        self.assertIsNotNone(r, "EOF after a bad message")
        self.assertNotIn("result", r)
        self.assertEqual(set(r), {"jsonrpc", "id", "error"}, r)
        self.assertIsInstance(r["error"]["message"], str)
        self.assertTrue(r["error"]["message"])
        return r

    def test_not_json(self):
        for body in (b"{not json", b'{"jsonrpc":"2.0","id":1,"method":"x"', b"\xff\xfe{}", b""):
            r = self.bad(body)
            self.assertEqual(r["error"]["code"], -32700, (body, r))
            self.assertIsNone(r["id"], (body, r))
        self.still_serving()

    def test_batch(self):
        r = self.bad(b'[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]')
        self.assertEqual(r["error"]["code"], -32600)
        self.assertIsNone(r["id"])
        r = self.bad(b"[]")
        self.assertEqual(r["error"]["code"], -32600)
        # the shutdown inside the batch did not run
        self.still_serving()

    def test_scalars(self):
        for body in (b"1", b'"x"', b"null", b"true"):
            r = self.bad(body)
            self.assertEqual(r["error"]["code"], -32600, (body, r))
            self.assertIsNone(r["id"])
        self.still_serving()

    def test_missing_or_wrong_jsonrpc(self):
        r = self.bad({"id": 5, "method": "no/such"})
        self.assertEqual(r["error"]["code"], -32600)
        self.assertEqual(r["id"], 5)  # the id is still readable, so it is echoed
        self.assertIn("jsonrpc", r["error"]["message"])
        for v in ("1.0", 2.0, None, "2.0 "):
            r = self.bad({"jsonrpc": v, "id": "v", "method": "no/such"})
            self.assertEqual(r["error"]["code"], -32600, (v, r))
            self.assertEqual(r["id"], "v")
        self.still_serving()

    def test_bad_id_types(self):
        for i in ({"a": 1}, [1], 1.5, True):
            r = self.bad({"jsonrpc": "2.0", "id": i, "method": "no/such"})
            self.assertEqual(r["error"]["code"], -32600, (i, r))
            self.assertIsNone(r["id"])
            self.assertIn("id", r["error"]["message"])
        self.still_serving()

    def test_method_not_string(self):
        r = self.bad({"jsonrpc": "2.0", "id": 3, "method": 12})
        self.assertEqual(r["error"]["code"], -32600)
        self.assertEqual(r["id"], 3)
        r = self.bad({"jsonrpc": "2.0", "id": 4})
        self.assertEqual(r["error"]["code"], -32600)
        self.still_serving()

    def test_params_not_structured(self):
        # JSON-RPC 2.0: params "MUST be a structured value" -> Invalid Request.
        for p in (3, "x", True):
            r = self.bad({"jsonrpc": "2.0", "id": 8, "method": "textDocument/diagnostic", "params": p})
            self.assertEqual(r["error"]["code"], -32600, (p, r))
            self.assertEqual(r["id"], 8)
            self.assertIn("params", r["error"]["message"])
        self.still_serving()

    def test_params_missing_text_document(self):
        r = self.c.request("textDocument/diagnostic", {"uri": PLAN_URI})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("params.textDocument", r["error"]["message"])
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": 5}})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("params.textDocument.uri", r["error"]["message"])
        r = self.c.request("textDocument/diagnostic", [1, 2])
        self.assertEqual(r["error"]["code"], -32602, r)
        r = self.c.request("textDocument/diagnostic")
        self.assertEqual(r["error"]["code"], -32602, r)
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": "file:///not/open.md"}})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("file:///not/open.md", r["error"]["message"])
        self.still_serving()

    def test_bad_notifications_get_no_reply(self):
        # malformed params on notifications are logged, never answered
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": PLAN_URI}})
        self.c.notify("textDocument/didOpen", [])
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": PLAN_URI}})
        self.c.notify("textDocument/didClose", {})
        self.c.notify("$/cancelRequest", {"id": {"x": 1}})
        self.assertEqual(self.c.barrier(), [])
        err = self.c.stderr_text()
        self.assertIn("didOpen ignored: params.textDocument.text must be a string", err)
        self.assertIn("didClose ignored: params.textDocument must be an object", err)

    def test_non_ascii_in_error_message(self):
        r = self.c.request("méthode/😀", {})
        self.assertEqual(r["error"]["code"], -32601)
        self.assertIn("méthode/😀", r["error"]["message"])
        self.still_serving()

    def test_content_length_above_cap_is_refused(self):
        # 64 MiB is the cap: the body is skipped unread and the stream stays in sync.
        n = (64 << 20) + 1
        body = b'{"jsonrpc":"2.0","id":1,"method":"shutdown"}'
        self.c.send_raw(b"Content-Length: %d\r\n\r\n" % n + body + b" " * (n - len(body)))
        r = self.c.read_message()
        self.assertEqual(r["error"]["code"], -32600, r)
        self.assertIsNone(r["id"])
        self.assertIn("exceeds", r["error"]["message"])
        self.still_serving()
        self.assertIn("refused a message", self.c.stderr_text())
        self.assertEqual(self.c.close(), 0)


class Framing(unittest.TestCase):
    def test_header_names_any_case_and_content_type(self):
        with L.LspClient() as c:
            c.initialize()
            body = b'{"jsonrpc":"2.0","id":%d,"method":"no/such"}'
            heads = [b"content-length: %d\r\n\r\n",
                     b"CONTENT-LENGTH:%d\r\n\r\n",
                     b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n",
                     b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
                     b"cOnTeNt-LeNgTh  :   %d  \r\nX-Other: 1\r\n\r\n",
                     b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n"]
            for k, head in enumerate(heads):
                b = body % (100 + k)
                lens = (len(b),) * head.count(b"%d")
                c.send_raw(head % lens + b)
                r = c.read_message()
                self.assertEqual(r.get("id"), 100 + k, (head, r))
                self.assertEqual(r["error"]["code"], -32601)
            self.assertEqual(c.close(), 0)

    def test_byte_by_byte(self):
        with L.LspClient() as c:
            data = L.frame(c.request_msg("initialize", {"processId": None, "capabilities": {}}, id=1))
            data += L.frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
            data += L.frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": PLAN_URI, "languageId": "markdown", "version": 1, "text": "# é😀\r\n中\n"}}})
            data += L.frame(c.request_msg("no/such", id=2))
            c.send_raw(data, chunk=1)
            self.assertIn("result", c.wait_response(1))
            self.assertEqual(c.wait_response(2)["error"]["code"], -32601)
            d = c.wait_for_diagnostics(PLAN_URI, 1)
            self.assertTrue(d["diagnostics"])
            self.assertEqual(c.close(), 0)

    def test_many_messages_in_one_write(self):
        with L.LspClient() as c:
            c.initialize()
            msgs = [c.request_msg("no/such", id=i) for i in range(200)]
            c.send_raw(b"".join(L.frame(m) for m in msgs))
            for i in range(200):
                self.assertEqual(c.read_message()["id"], i)
            self.assertEqual(c.close(), 0)

    def test_odd_chunk_boundaries(self):
        with L.LspClient() as c:
            c.initialize()
            data = b"".join(L.frame(c.request_msg("no/such", id=i)) for i in range(30))
            c.send_raw(data, chunk=7)
            for i in range(30):
                self.assertEqual(c.read_message()["id"], i)
            self.assertEqual(c.close(), 0)

    def bad_header(self, raw, reason):
        """The header is reported (Parse error, id null; the reason logged), the
        rest of the input holds no Content-Length, so the end of input ends
        the process: status 1, as no shutdown came."""
        with L.LspClient() as c:
            c.initialize()
            c.send_raw(raw)
            c.close_stdin()
            self.assertEqual(c.wait_exit(), 1)
            err = c.stderr_text()
            self.assertIn("bad header", err)
            self.assertIn(reason, err)
            self.assertEqual([(m.get("id"), m["error"]["code"]) for m in c.pending], [(None, -32700)])
            self.assertIn(reason, c.pending[0]["error"]["message"])
            return c

    def test_missing_content_length(self):
        self.bad_header(b"Content-Type: application/json\r\n\r\n{}", "Content-Length header is missing")

    def test_non_numeric_content_length(self):
        self.bad_header(b"Content-Length: abc\r\n\r\n{}", "Content-Length 'abc' is not a number")

    def test_negative_content_length(self):
        self.bad_header(b"Content-Length: -5\r\n\r\n{}", "Content-Length '-5' is negative")

    def test_empty_content_length(self):
        self.bad_header(b"Content-Length:\r\n\r\n{}", "Content-Length header is empty")

    def test_huge_content_length(self):
        self.bad_header(b"Content-Length: 99999999999999999999999\r\n\r\n", "too large to represent")

    def test_conflicting_content_lengths(self):
        self.bad_header(b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "different values")

    def test_endless_header(self):
        self.bad_header(b"X-Pad: " + b"a" * 9000, "header block exceeds 8192 bytes")

    def test_bad_header_after_good_messages_still_answers_them(self):
        with L.LspClient() as c:
            c.initialize()
            c.send_raw(L.frame(c.request_msg("no/such", id="before")) + b"Content-Length: x\r\n\r\n")
            c.close_stdin()
            self.assertEqual(c.wait_exit(), 1)
            self.assertEqual([m.get("id") for m in c.pending], ["before", None])


if __name__ == "__main__":
    L.main()
