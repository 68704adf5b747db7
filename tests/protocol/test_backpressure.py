"""A client that does not read, end to end (issue 13): the real binary over
real pipes, its memory measured in /proc.

Past 4 MiB of output the client has not taken, the server stops handling
messages and stops reading its input; a publishDiagnostics still waiting to be
handed over is replaced by the document's newer one. So a client that sends
and never reads costs bounded memory, gets every reply in order once it reads,
and gets the newest diagnostics without the stale ones before them.

Waits are for a state of the server read from /proc (asleep, its input read,
or asleep with input it does not read), each with a deadline.

Run: python3 tests/protocol/test_backpressure.py path/to/planls
"""
import array
import fcntl
import os
import sys
import termios
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402
from plans import CLEAN_PLAN  # noqa: E402

URI = "file:///tmp/execplans/backpressure.md"
RSS_BUDGET = 64 << 20  # README, Performance: a client that reads nothing


def proc_status(pid, field):
    """A /proc/PID/status field in bytes (VmRSS, VmHWM)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise unittest.SkipTest("no %s in /proc" % field)


def proc_state(pid):
    """(state letter, bytes read so far, CPU ticks) of a process."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    with open("/proc/%d/io" % pid) as f:
        rchar = next(int(line.split()[1]) for line in f if line.startswith("rchar:"))
    return fields[0], rchar, int(fields[11]) + int(fields[12])


def rss_is_the_servers(pid):
    """False under AddressSanitizer or a wrapper: their shadow memory and
    quarantine of freed blocks are most of the RSS, so the budget says
    nothing. The behaviour is checked anyway."""
    with open("/proc/%d/maps" % pid) as f:
        return "libasan" not in f.read() and not os.environ.get("PLANLS_WRAPPER")


def unread(fd):
    """Bytes waiting in a pipe."""
    n = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, n)
    return n[0]


def wait_until_idle(c, pred, what):
    """Waits until the server sleeps, has stopped reading and using CPU for
    five samples in a row, and pred(rchar) holds; returns rchar."""
    deadline = time.monotonic() + L.DEFAULT_TIMEOUT
    last, same = None, 0
    while time.monotonic() < deadline:
        now = proc_state(c.proc.pid)
        same = same + 1 if now == last and now[0] == "S" and pred(now[1]) else 0
        if same >= 5:
            return now[1]
        last = now
        time.sleep(0.005)  # the sampling interval of a wait with a deadline
    raise L.ProtocolError("the server never became idle (%s); stderr:\n%s" % (what, c.stderr_text()))


class Writer(threading.Thread):
    """Writes data to the server's stdin in the background: once the server
    stops reading, the pipe fills and the write blocks until it reads again."""

    def __init__(self, c, data):
        super().__init__(daemon=True)
        self.c, self.data, self.error = c, data, None

    def run(self):
        try:
            self.c.send_raw(self.data, 4096)
        except OSError as e:  # the server went away: the test says why
            self.error = e


class UnreadReplies(L.ServerTest):
    def test_ten_thousand_unread_requests(self):
        # A plan whose foldingRange reply is about 8 KB: 10,000 of them
        # would be 80 MB queued for a client that reads nothing.
        text = CLEAN_PLAN + "".join("\n### Step %d\n\n- [ ] item %d\n  more\n" % (i, i) for i in range(200))
        self.c.open(URI, text)
        self.c.barrier()
        n = 10000
        data = b"".join(L.frame(self.c.request_msg("textDocument/foldingRange", {"textDocument": {"uri": URI}},
                                                   id=i)) for i in range(n))
        _, start, _ = proc_state(self.c.proc.pid)
        writer = Writer(self.c, data)
        writer.start()
        stdin = self.c.proc.stdin.fileno()
        # Idle with everything read, or idle with input it does not read.
        read = wait_until_idle(self.c, lambda rchar: rchar - start >= len(data) or unread(stdin) > 0,
                               "after 10,000 requests") - start
        rss, hwm = proc_status(self.c.proc.pid, "VmRSS"), proc_status(self.c.proc.pid, "VmHWM")
        if rss_is_the_servers(self.c.proc.pid):
            self.assertLess(hwm, RSS_BUDGET, "peak RSS %.1f MiB (now %.1f MiB) with 10,000 replies unread"
                            % (hwm / 2 ** 20, rss / 2 ** 20))
        # It stopped reading: what it has not read waits in the pipe.
        self.assertLess(read, len(data) // 2, "read %d of %d bytes from a client that reads nothing"
                        % (read, len(data)))
        # Then the client reads: every reply, in order, each complete.
        for i in range(n):
            m = self.c.read_message()
            self.assertEqual(m.get("id"), i, m if m is None else {k: m[k] for k in m if k != "result"})
            self.assertGreater(len(m["result"]), 100)
        writer.join(L.DEFAULT_TIMEOUT)
        self.assertIsNone(writer.error)
        self.assertEqual(self.c.close(), 0)


class StalledReader(L.ServerTest):
    def test_publishes_of_a_stalled_reader_are_replaced(self):
        # 3,000 problems: each publish is about 700 KB.
        text = CLEAN_PLAN.replace("## Progress\n\n", "## Progress\n\n" + "".join(
            "- [x] step %d done\n" % i for i in range(3000)))
        self.c.open(URI, text)
        edits = 200
        stdin = self.c.proc.stdin.fileno()
        # One edit at a time, each handled before the next is written, as a
        # user types: every edit is its own batch and its own publish.
        _, rchar, _ = proc_state(self.c.proc.pid)
        for k in range(edits):
            msg = L.frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": 2 + k},
                "contentChanges": [{"range": L.rng(0, 2, 0, 2), "text": "x"}]}})
            self.c.send_raw(msg)
            want = rchar + len(msg)
            rchar = wait_until_idle(self.c, lambda r: r >= want and unread(stdin) == 0, "after edit %d" % k)
        hwm = proc_status(self.c.proc.pid, "VmHWM")
        # Then it reads.
        got = []
        while True:
            got.append(self.c.wait_for_diagnostics(URI)["version"])
            if got[-1] == 1 + edits:
                break
        self.assertEqual(got, sorted(got))
        self.assertLess(len(got), 10, "%d publishes for %d edits: %r" % (len(got), edits, got))
        if rss_is_the_servers(self.c.proc.pid):
            self.assertLess(hwm, RSS_BUDGET, "peak RSS %.1f MiB" % (hwm / 2 ** 20))
        # Nothing stale follows the newest.
        self.assertEqual([m for m in self.c.barrier() if m.get("method")], [])
        self.assertEqual(self.c.close(), 0)


if __name__ == "__main__":
    L.main(verbosity=2)
