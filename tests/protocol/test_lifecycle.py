"""Lifecycle: initialize, shutdown, exit, ids, unknown methods, stdout hygiene.

Run: python3 tests/protocol/test_lifecycle.py path/to/planls
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import PLAN_NO_DECISIONS  # noqa: E402

PLAN_URI = "file:///tmp/execplans/lifecycle.md"


class Initialize(L.ServerTest):
    INITIALIZE = False  # each test sends its own

    def init_with(self, encodings):
        caps = {}
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        r = self.c.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps})
        self.assertIn("result", r, r)
        return r["result"]

    def test_result_shape(self):
        res = self.init_with(None)
        caps = res["capabilities"]
        sync = caps["textDocumentSync"]
        self.assertIsInstance(sync, dict)
        self.assertEqual(sync["change"], 2)
        self.assertIs(sync["openClose"], True)
        self.assertEqual(caps["positionEncoding"], "utf-16")
        self.assertNotIn("diagnosticProvider", caps)  # push client
        self.assertEqual(res["serverInfo"]["name"], "planls")
        version = subprocess.run([L.planls_bin(), "--version"], capture_output=True, text=True).stdout
        self.assertEqual(version.strip(), "planls " + res["serverInfo"]["version"])
        self.assertEqual(self.c.close(), 0)

    def test_utf8_offered_is_chosen(self):
        self.assertEqual(self.init_with(["utf-16", "utf-8"])["capabilities"]["positionEncoding"], "utf-8")

    def test_utf32_first_choice(self):
        self.assertEqual(self.init_with(["utf-32", "utf-16"])["capabilities"]["positionEncoding"], "utf-32")

    def test_utf16_first_choice(self):
        self.assertEqual(self.init_with(["utf-16", "utf-32"])["capabilities"]["positionEncoding"], "utf-16")

    def test_no_encodings_means_utf16(self):
        self.assertEqual(self.init_with([])["capabilities"]["positionEncoding"], "utf-16")

    def test_unknown_encodings_mean_utf16(self):
        self.assertEqual(self.init_with(["latin-1", 7])["capabilities"]["positionEncoding"], "utf-16")

    def test_null_root_and_workspace_folders(self):
        r = self.c.request("initialize", {"processId": None, "rootUri": None, "rootPath": None,
                                          "workspaceFolders": None, "capabilities": {},
                                          "clientInfo": {"name": "test"}, "trace": "off"})
        self.assertIn("result", r, r)
        self.c.notify("initialized", {})
        self.assertEqual(self.c.close(), 0)

    def test_second_initialize_is_an_error(self):
        self.init_with(None)
        r = self.c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.assertNotIn("result", r)
        self.assertEqual(r["error"]["code"], -32600, r)
        # still running with the first session's settings
        self.assertEqual(self.c.close(), 0)

    def test_initialize_capabilities_not_object(self):
        r = self.c.request("initialize", {"processId": None, "capabilities": 3})
        self.assertEqual(r["error"]["code"], -32602, r)
        self.assertIn("params.capabilities", r["error"]["message"])

    def test_initialize_params_not_object(self):
        r = self.c.request("initialize", [])
        self.assertEqual(r["error"]["code"], -32602, r)
        # the failed initialize does not count: a proper one still works
        self.assertIn("result", self.c.request("initialize", {"processId": None, "capabilities": {}}))


class BeforeInitialize(unittest.TestCase):
    def test_request_before_initialize(self):
        with L.LspClient() as c:
            r = c.request("textDocument/diagnostic", {"textDocument": {"uri": PLAN_URI}}, id=41)
            self.assertEqual(r["id"], 41)
            self.assertEqual(r["error"]["code"], -32002, r)
            r = c.request("shutdown", id="s")
            self.assertEqual(r["id"], "s")
            self.assertEqual(r["error"]["code"], -32002, r)

    def test_notification_before_initialize_is_ignored(self):
        with L.LspClient() as c:
            c.open(PLAN_URI, PLAN_NO_DECISIONS)
            c.notify("initialized", {})
            msg = c.request_msg("foo/bar")
            c.send(msg)
            first = c.read_message()
            self.assertEqual(first.get("id"), msg["id"], first)
            self.assertEqual(first["error"]["code"], -32002)
            c.initialize()
            # the didOpen before initialize was dropped: no diagnostics, and
            # the document is not open
            self.assertEqual(c.barrier(), [])
            r = c.request("textDocument/diagnostic", {"textDocument": {"uri": PLAN_URI}})
            self.assertEqual(r["error"]["code"], -32602, r)
            self.assertEqual(c.close(), 0)


class ShutdownExit(unittest.TestCase):
    def test_shutdown_then_requests_are_invalid(self):
        with L.LspClient() as c:
            c.initialize()
            r = c.request("shutdown")
            self.assertIn("result", r)
            self.assertIsNone(r["result"])
            self.assertNotIn("error", r)
            for method in ("textDocument/diagnostic", "shutdown", "initialize", "no/such"):
                r = c.request(method, {})
                self.assertEqual(r["error"]["code"], -32600, (method, r))
            # notifications after shutdown: silently dropped
            c.open(PLAN_URI, PLAN_NO_DECISIONS)
            self.assertEqual([m for m in c.barrier() if "method" in m], [])
            c.notify("exit")
            self.assertEqual(c.wait_exit(), 0)

    def test_shutdown_with_null_params(self):
        with L.LspClient() as c:
            c.initialize()
            c.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown", "params": None})
            r = c.wait_response(9)
            self.assertIsNone(r["result"])
            c.send({"jsonrpc": "2.0", "method": "exit", "params": None})
            self.assertEqual(c.wait_exit(), 0)

    def test_exit_without_shutdown(self):
        with L.LspClient() as c:
            c.initialize()
            c.notify("exit")
            self.assertEqual(c.wait_exit(), 1)
            self.assertIn("exit without shutdown", c.stderr_text())

    def test_exit_before_initialize(self):
        with L.LspClient() as c:
            c.notify("exit")
            self.assertEqual(c.wait_exit(), 1)

    def test_stdin_eof_without_shutdown(self):
        with L.LspClient() as c:
            c.initialize()
            c.close_stdin()
            self.assertEqual(c.wait_exit(), 1)
            self.assertIn("without shutdown", c.stderr_text())

    def test_stdin_eof_before_anything(self):
        with L.LspClient() as c:
            c.close_stdin()
            self.assertEqual(c.wait_exit(), 1)

    def test_stdin_eof_after_shutdown(self):
        with L.LspClient() as c:
            c.initialize()
            self.assertIsNone(c.request("shutdown")["result"])
            c.close_stdin()
            self.assertEqual(c.wait_exit(), 0)

    def test_client_closes_stdout(self):
        """The client closes the server's stdout but keeps stdin open: the
        next reply fails with EPIPE and the server must leave (exit code 1)."""
        with L.LspClient() as c:
            c.initialize()
            c.proc.stdout.close()
            c.eof = True
            # the next reply cannot be written: the server notices and leaves
            c.send(c.request_msg("no/such"))
            self.assertEqual(c.wait_exit(timeout=5), 1)
            err = c.stderr_text()
            self.assertIn("cannot write to the client", err)
            self.assertIn("without shutdown", err)

    def test_messages_after_exit_are_not_handled(self):
        with L.LspClient() as c:
            c.initialize()
            msgs = [c.request_msg("shutdown"), {"jsonrpc": "2.0", "method": "exit"},
                    c.request_msg("no/such")]
            c.send_raw(b"".join(L.frame(m) for m in msgs))
            self.assertEqual(c.wait_exit(), 0)
            self.assertEqual(c.pending, [{"jsonrpc": "2.0", "id": msgs[0]["id"], "result": None}])

    def test_shutdown_publishes_pending_diagnostics_first(self):
        with L.LspClient() as c:
            c.initialize()
            sd = c.request_msg("shutdown")
            c.send_raw(L.frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": PLAN_URI, "languageId": "markdown", "version": 3,
                                 "text": PLAN_NO_DECISIONS}}}) + L.frame(sd))
            seen = c.drain_until_response(sd["id"])
            self.assertEqual([m.get("method") for m in seen],
                             ["textDocument/publishDiagnostics", None], seen)
            self.assertEqual(seen[0]["params"]["version"], 3)
            c.notify("exit")
            self.assertEqual(c.wait_exit(), 0)


class Dispatch(L.ServerTest):
    def test_unknown_request(self):
        r = self.c.request("workspace/frobnicate", {})
        self.assertEqual(r["error"]["code"], -32601)
        self.assertIn("workspace/frobnicate", r["error"]["message"])

    def test_notification_method_called_as_request(self):
        r = self.c.request("textDocument/didSave", {"textDocument": {"uri": PLAN_URI}})
        self.assertEqual(r["error"]["code"], -32601, r)

    def test_unknown_notifications_get_no_reply(self):
        self.c.notify("workspace/frobnicate", {})
        self.c.notify("$/foo", {"x": 1})
        self.c.notify("$/setTrace", {"value": "off"})
        self.c.notify("$/progress", {"token": 1, "value": {}})
        msg = self.c.request_msg("no/such")
        self.c.send(msg)
        first = self.c.read_message()
        self.assertEqual(first.get("id"), msg["id"], first)
        self.assertEqual(first["error"]["code"], -32601)

    def test_dollar_request_is_method_not_found(self):
        r = self.c.request("$/foo", {})
        self.assertEqual(r["error"]["code"], -32601)

    def test_client_responses_are_ignored(self):
        self.c.send({"jsonrpc": "2.0", "id": 77, "result": None})
        self.c.send({"jsonrpc": "2.0", "id": "x", "error": {"code": -1, "message": "no"}})
        msg = self.c.request_msg("no/such")
        self.c.send(msg)
        first = self.c.read_message()
        self.assertEqual(first.get("id"), msg["id"], first)

    def test_ids_echoed_exactly(self):
        ids = [0, 1, -5, 2 ** 53 + 1, 2 ** 62, "1", "", "abc", "ß😀 id", "0x10"]
        for i in ids:
            msg = {"jsonrpc": "2.0", "id": i, "method": "no/such"}
            self.c.send(msg)
            r = self.c.read_message()
            self.assertIn("id", r)
            self.assertEqual(type(r["id"]), type(i), (i, r))
            self.assertEqual(r["id"], i)
        # and for a successful reply
        r = self.c.request("shutdown", id="done")
        self.assertEqual(r, {"jsonrpc": "2.0", "id": "done", "result": None})

    def test_replies_keep_request_order(self):
        msgs = [self.c.request_msg("no/such", id=i) for i in ("a", 2, "c", 4)]
        self.c.send_raw(b"".join(L.frame(m) for m in msgs))
        got = [self.c.read_message()["id"] for _ in msgs]
        self.assertEqual(got, ["a", 2, "c", 4])


class Streams(unittest.TestCase):
    def test_stdout_is_only_frames_and_logs_go_to_stderr(self):
        with L.LspClient(env={"PLANLS_LOG": "debug"}) as c:
            c.initialize()
            c.open(PLAN_URI, PLAN_NO_DECISIONS)
            c.wait_for_diagnostics(PLAN_URI, 1)
            c.request("no/such")
            c.notify("unknown/notification")
            c.send_raw(L.frame(b"{not json"))
            c.change("file:///never/opened.md", 2, [{"text": "x"}])
            c.barrier()
            self.assertEqual(c.close(), 0)
            frames = L.parse_frames(c.raw)
            self.assertGreaterEqual(len(frames), 6)
            for f in frames:
                self.assertEqual(f.get("jsonrpc"), "2.0", f)
            err = c.stderr_text()
            lines = [ln for ln in err.splitlines() if ln]
            self.assertTrue(lines, "expected log lines on stderr")
            for ln in lines:
                self.assertTrue(ln.startswith("planls: "), ln)
            self.assertIn("initialized: position encoding utf-16", err)
            self.assertIn("ignored notification 'unknown/notification'", err)
            self.assertIn("didChange ignored: file:///never/opened.md is not open", err)
            self.assertIn("invalid JSON", err)

    def test_quiet_by_default(self):
        with L.LspClient() as c:
            c.initialize()
            c.open(PLAN_URI, PLAN_NO_DECISIONS)
            c.wait_for_diagnostics(PLAN_URI, 1)
            self.assertEqual(c.close(), 0)
            self.assertEqual(c.stderr_text(), "")


if __name__ == "__main__":
    L.main()
