"""$/cancelRequest.

A request and its cancellation written together are answered with -32800
(RequestCancelled); a cancellation for an id the server does not know, or for
a request already answered, does nothing.

Run: python3 tests/protocol/test_cancel.py path/to/planls
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import PLAN_NO_DECISIONS  # noqa: E402

URI = "file:///tmp/execplans/cancel.md"


def cancel(id):
    return {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}}


class Cancel(L.ServerTest):
    CAPABILITIES = {"textDocument": {"diagnostic": {}}}

    def setUp(self):
        super().setUp()
        self.c.open(URI, PLAN_NO_DECISIONS)

    def diag_request(self, id):
        return self.c.request_msg("textDocument/diagnostic", {"textDocument": {"uri": URI}}, id=id)

    def test_cancel_in_same_write(self):
        for id in (17, "req-17"):
            req = self.diag_request(id)
            self.c.send_raw(L.frame(req) + L.frame(cancel(id)))
            r = self.c.read_message()
            self.assertEqual(r["id"], id)
            self.assertNotIn("result", r)
            self.assertEqual(r["error"]["code"], -32800, r)
            # exactly one reply: the next message answers the next request
            r = self.c.request("no/such", id="next")
            self.assertEqual(self.c.pending, [])
        self.assertEqual(self.c.close(), 0)

    def test_cancel_only_the_named_request(self):
        reqs = [self.diag_request(i) for i in (1, 2, 3)]
        self.c.send_raw(L.frame(reqs[0]) + L.frame(reqs[1]) + L.frame(reqs[2]) + L.frame(cancel(2)))
        got = [self.c.read_message() for _ in range(3)]
        self.assertEqual([m["id"] for m in got], [1, 2, 3])
        self.assertEqual(got[0]["result"]["kind"], "full")
        self.assertEqual(got[1]["error"]["code"], -32800)
        self.assertEqual(got[2]["result"]["kind"], "full")

    def test_cancel_id_type_matters(self):
        # id 5 and id "5" are different requests
        self.c.send_raw(L.frame(self.diag_request(5)) + L.frame(cancel("5")))
        r = self.c.read_message()
        self.assertEqual(r["id"], 5)
        self.assertEqual(r["result"]["kind"], "full")

    def test_cancel_unknown_id_does_nothing(self):
        self.c.send(cancel(12345))
        self.c.send(cancel("nope"))
        self.c.send(cancel(None))
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}}, id="after")
        self.assertEqual(r["result"]["kind"], "full")
        self.assertEqual(self.c.pending, [])
        self.assertEqual(self.c.close(), 0)

    def test_cancel_answered_request_does_nothing(self):
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}}, id=7)
        self.assertEqual(r["result"]["kind"], "full")
        self.c.send(cancel(7))
        msgs = self.c.barrier()
        self.assertEqual(msgs, [])
        self.assertEqual(self.c.close(), 0)

    def test_cancel_of_unsent_request_then_request(self):
        # a cancellation that arrives before its request refers to nothing yet
        self.c.send_raw(L.frame(cancel(30)) + L.frame(self.diag_request(30)))
        r = self.c.read_message()
        self.assertEqual(r["id"], 30)
        self.assertEqual(r["result"]["kind"], "full")

    def test_cancelled_shutdown_does_not_shut_down(self):
        sd = self.c.request_msg("shutdown", id="sd")
        self.c.send_raw(L.frame(sd) + L.frame(cancel("sd")))
        r = self.c.read_message()
        self.assertEqual(r["error"]["code"], -32800)
        # still running: a request is served, not refused as after shutdown
        r = self.c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})
        self.assertEqual(r["result"]["kind"], "full")
        self.assertEqual(self.c.close(), 0)


if __name__ == "__main__":
    L.main()
