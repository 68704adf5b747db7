"""lspclient.py: a small LSP client for planls protocol tests (stdlib only).

It starts the real binary over real pipes, writes LSP frames byte for byte and
reads replies with select() and a deadline; nothing here sleeps to wait for
the server. Every wait is for a specific message (or EOF) and fails with a
clear message when the deadline passes.

Also: position helpers that compute, on a Python str, what the server must
compute on its bytes (utf-8 / utf-16 / utf-32 positions, clamping, edits).
"""

import json
import os
import select
import subprocess
import sys
import tempfile
import time
import unittest

# Under a tool (PLANLS_WRAPPER, e.g. valgrind: 20-50x slower; a sanitizer
# build, which .ci/test runs with ASAN_OPTIONS set: 2-4x) waits are bounds on
# the tool, not on planls: they grow accordingly.
SLOW = 10.0 if os.environ.get("PLANLS_WRAPPER") else 3.0 if os.environ.get("ASAN_OPTIONS") else 1.0
DEFAULT_TIMEOUT = 10.0 * SLOW
FIXED_NOW = "2026-11-25T17:03Z"


def binary_from_argv():
    """Takes the planls path from sys.argv[1] (removing it) or PLANLS_BIN."""
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        path = sys.argv.pop(1)
    else:
        path = os.environ.get("PLANLS_BIN", "")
    if not path:
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "build", "server", "planls")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        sys.stderr.write("planls binary not found or not executable: %s\n" % path)
        sys.exit(2)
    os.environ["PLANLS_BIN"] = path
    return path


def planls_bin():
    path = os.environ.get("PLANLS_BIN")
    if not path:
        raise RuntimeError("PLANLS_BIN is not set; call binary_from_argv() first")
    return path


def frame(body):
    """Frames a body (bytes, str or JSON-able object)."""
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if isinstance(body, str):
        body = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class ProtocolError(AssertionError):
    pass


def parse_frames(data):
    """Parses bytes that must consist of complete LSP frames only. Returns the
    list of decoded bodies; raises ProtocolError on anything else."""
    out = []
    i = 0
    while i < len(data):
        end = data.find(b"\r\n\r\n", i)
        if end < 0:
            raise ProtocolError("stray bytes on stdout at %d: %r" % (i, data[i:i + 80]))
        length = None
        for line in data[i:end].split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if not sep:
                raise ProtocolError("bad header line %r" % line)
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ProtocolError("frame without Content-Length at %d" % i)
        body = data[end + 4:end + 4 + length]
        if len(body) != length:
            raise ProtocolError("truncated frame at %d" % i)
        out.append(json.loads(body.decode("utf-8")))
        i = end + 4 + length
    return out


class LspClient:
    def __init__(self, binary=None, env=None, args=(), timeout=DEFAULT_TIMEOUT):
        self.binary = binary or planls_bin()
        self.timeout = timeout
        e = dict(os.environ)
        e["PLANLS_NOW"] = FIXED_NOW
        e.pop("PLANLS_LOG", None)
        if env:
            e.update(env)
        self._stderr = tempfile.TemporaryFile()
        # PLANLS_WRAPPER runs the server under a tool (meson test --setup valgrind).
        wrapper = os.environ.get("PLANLS_WRAPPER", "").split()
        self.proc = subprocess.Popen(wrapper + [self.binary] + list(args), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr, env=e, bufsize=0)
        self._out_fd = self.proc.stdout.fileno()
        os.set_blocking(self._out_fd, False)
        self._buf = bytearray()  # appends are amortised O(1): replies can be megabytes
        self.raw = bytearray()          # every byte read from stdout, for framing checks
        self.pending = []       # messages read but not consumed yet
        self.eof = False
        self._next_id = 1
        self.stdin_closed = False
        self.returncode = None

    # ---- writing --------------------------------------------------------

    def send_raw(self, data, chunk=None):
        """Writes bytes; with chunk=n, in writes of n bytes each."""
        if chunk is None:
            chunk = len(data) or 1
        for i in range(0, len(data), chunk):
            view = memoryview(data)[i:i + chunk]
            while len(view):
                n = os.write(self.proc.stdin.fileno(), view)
                view = view[n:]

    def send(self, obj):
        self.send_raw(frame(obj))

    def new_id(self):
        i = self._next_id
        self._next_id += 1
        return i

    def request_msg(self, method, params=None, id=None):
        msg = {"jsonrpc": "2.0", "id": self.new_id() if id is None else id, "method": method}
        if params is not None:
            msg["params"] = params
        return msg

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None, id=None, timeout=None):
        """Sends a request and returns the whole response message with its id."""
        msg = self.request_msg(method, params, id)
        self.send(msg)
        return self.wait_response(msg["id"], timeout)

    def close_stdin(self):
        if not self.stdin_closed:
            self.stdin_closed = True
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass

    # ---- reading --------------------------------------------------------

    def _fill(self, deadline):
        """Reads more bytes. Returns False on EOF; raises on timeout."""
        if self.eof:
            return False
        left = deadline - time.monotonic()
        if left <= 0:
            raise ProtocolError("timed out waiting for the server (%.1fs); stderr:\n%s"
                                % (self.timeout, self.stderr_text()))
        r, _, _ = select.select([self._out_fd], [], [], left)
        if not r:
            raise ProtocolError("timed out waiting for the server (%.1fs); stderr:\n%s"
                                % (self.timeout, self.stderr_text()))
        try:
            data = os.read(self._out_fd, 1 << 16)
        except BlockingIOError:
            return True
        if not data:
            self.eof = True
            return False
        self._buf += data
        self.raw += data
        return True

    def _take_frame(self):
        end = self._buf.find(b"\r\n\r\n")
        if end < 0:
            return None
        length = None
        for line in self._buf[:end].split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if not sep:
                raise ProtocolError("bad header line from server: %r" % line)
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ProtocolError("server frame without Content-Length: %r" % self._buf[:end])
        if len(self._buf) < end + 4 + length:
            return None
        body = bytes(self._buf[end + 4:end + 4 + length])
        del self._buf[:end + 4 + length]
        try:
            return json.loads(body.decode("utf-8"))
        except ValueError as e:
            raise ProtocolError("server sent a body that is not JSON (%s): %r" % (e, body[:200]))

    def _read_one(self, deadline):
        """The next message from the pipe (not the pending list), or None at EOF."""
        while True:
            msg = self._take_frame()
            if msg is not None:
                return msg
            if not self._fill(deadline):
                if self._buf:
                    raise ProtocolError("EOF inside a frame: %r" % self._buf[:200])
                return None

    def read_message(self, timeout=None):
        """The next message (pending ones first), or None at EOF."""
        if self.pending:
            return self.pending.pop(0)
        return self._read_one(time.monotonic() + (timeout or self.timeout))

    def wait_for(self, pred, what, timeout=None):
        """Returns the first message satisfying pred; others stay pending."""
        for k, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(k)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                m = self._read_one(deadline)
            except ProtocolError as e:
                raise ProtocolError("waiting for %s: %s" % (what, e))
            if m is None:
                raise ProtocolError("EOF while waiting for %s; stderr:\n%s" % (what, self.stderr_text()))
            if pred(m):
                return m
            self.pending.append(m)

    def wait_response(self, id, timeout=None):
        return self.wait_for(lambda m: "method" not in m and m.get("id") == id
                             and type(m.get("id")) is type(id), "the response to id %r" % (id,), timeout)

    def wait_for_diagnostics(self, uri, version=None, timeout=None):
        """params of the next publishDiagnostics for uri (with that version)."""
        def pred(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m.get("params", {})
            return p.get("uri") == uri and (version is None or p.get("version") == version)
        return self.wait_for(pred, "publishDiagnostics for %s version %r" % (uri, version), timeout)["params"]

    def drain_until_response(self, id, timeout=None):
        """Every message up to and including the response to id, in order."""
        seen = []
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self.pending.pop(0) if self.pending else self._read_one(deadline)
            if m is None:
                raise ProtocolError("EOF before the response to %r" % (id,))
            seen.append(m)
            if "method" not in m and m.get("id") == id:
                return seen

    def barrier(self):
        """Returns every message the server sent because of what was written
        before this call. Two round trips: a batch's diagnostics are published
        after its replies, but always before the next batch is read."""
        seen = []
        for _ in range(2):
            msg = self.request_msg("$/planls/barrier")
            self.send(msg)
            got = self.drain_until_response(msg["id"])
            seen.extend(got[:-1])
        return seen

    def wait_exit(self, timeout=None):
        """Reads stdout to EOF, waits for the process; returns its exit code."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while not self.eof:
            try:
                m = self._read_one(deadline)
            except ProtocolError as e:
                raise ProtocolError("waiting for the server to exit: %s" % e)
            if m is None:
                break
            self.pending.append(m)
        try:
            self.returncode = self.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise ProtocolError("the server did not exit within %.1fs" % (timeout or self.timeout))
        self.close_stdin()
        return self.returncode

    def stderr_text(self):
        self._stderr.flush()
        self._stderr.seek(0)
        data = self._stderr.read()
        self._stderr.seek(0, 2)
        return data.decode("utf-8", "replace")

    # ---- lifecycle ------------------------------------------------------

    def initialize(self, capabilities=None, position_encodings=None, extra=None):
        caps = dict(capabilities or {})
        if position_encodings is not None:
            caps.setdefault("general", {})["positionEncodings"] = position_encodings
        params = {"processId": os.getpid(), "rootUri": None, "capabilities": caps}
        if extra:
            params.update(extra)
        r = self.request("initialize", params)
        if "result" not in r:
            raise ProtocolError("initialize failed: %r" % r)
        self.notify("initialized", {})
        self.init_result = r["result"]
        return r["result"]

    def close(self):
        """shutdown + exit; returns the exit code."""
        if self.proc.poll() is None and not self.stdin_closed:
            try:
                r = self.request("shutdown")
                if r.get("result", 0) is not None:
                    raise ProtocolError("shutdown reply: %r" % r)
                self.notify("exit")
            except BrokenPipeError:
                pass
        return self.wait_exit()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.close_stdin()
        try:
            self.proc.stdout.close()
        except OSError:
            pass
        self._stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    # ---- documents ------------------------------------------------------

    def open(self, uri, text, version=1, language="markdown"):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def close_doc(self, uri):
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def open_and_wait(self, uri, text, version=1):
        """Opens a document and returns the diagnostics published for it."""
        self.open(uri, text, version)
        return self.wait_for_diagnostics(uri, version)["diagnostics"]

    def stats(self, uri):
        """The parser's counters for a document ($/planls/stats)."""
        return self.request("$/planls/stats", {"textDocument": {"uri": uri}})["result"]


# ---- positions ----------------------------------------------------------

def units(s, enc="utf-16"):
    """Code units of s in an LSP position encoding."""
    if enc == "utf-8":
        return len(s.encode("utf-8"))
    if enc == "utf-32":
        return len(s)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


def line_starts(text):
    """Start index of each line; terminators are \\r\\n, \\n and a lone \\r."""
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\r":
            i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
            starts.append(i)
        elif c == "\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    return starts


def line_content_end(text, starts, line):
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    if end > starts[line] and text[end - 1] == "\n":
        end -= 1
    if end > starts[line] and text[end - 1] == "\r":
        end -= 1
    return end


def offset_at(text, line, character, enc="utf-16", starts=None):
    """LSP position -> index into text, clamped like the server: a line past
    the end gives len(text); a character past the end of the line gives the
    line's end; a character inside a surrogate pair rounds down."""
    starts = starts or line_starts(text)
    if line >= len(starts):
        return len(text)
    i, end = starts[line], line_content_end(text, starts, line)
    left = character
    while i < end:
        u = units(text[i], enc)
        if u > left:
            break
        left -= u
        i += 1
    return i


def position_of(text, index, enc="utf-16", starts=None):
    """Index into text -> (line, character)."""
    starts = starts or line_starts(text)
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= index:
            lo = mid
        else:
            hi = mid - 1
    return lo, units(text[starts[lo]:index], enc)


def pos(line, character):
    return {"line": line, "character": character}


def rng(l1, c1, l2, c2):
    return {"start": pos(l1, c1), "end": pos(l2, c2)}


def range_of(text, start, end, enc="utf-16"):
    """LSP range of text[start:end]."""
    starts = line_starts(text)
    a, b = position_of(text, start, enc, starts), position_of(text, end, enc, starts)
    return rng(a[0], a[1], b[0], b[1])


def apply_change(text, change, enc="utf-16"):
    """Applies one TextDocumentContentChangeEvent to a str."""
    if "range" not in change:
        return change["text"]
    r = change["range"]
    starts = line_starts(text)
    a = offset_at(text, r["start"]["line"], r["start"]["character"], enc, starts)
    b = offset_at(text, r["end"]["line"], r["end"]["character"], enc, starts)
    return text[:a] + change["text"] + text[b:]


def apply_changes(text, changes, enc="utf-16"):
    for c in changes:
        text = apply_change(text, c, enc)
    return text


def find_range(text, needle, enc="utf-16", nth=0):
    """LSP range of the nth occurrence of needle in text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return range_of(text, i, i + len(needle), enc)


def brief(diags):
    """A diagnostic list as comparable tuples (code, range, severity, message)."""
    return [(d.get("code"), d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["line"], d["range"]["end"]["character"], d.get("severity"),
             d.get("message")) for d in diags]


# ---- test scaffolding shared by the test files ------------------------------

# The fixed clock (FIXED_NOW) as each dialect writes a stamp.
STAMP = "[2026-11-25 17:03 UTC]"
COOK_STAMP = "(2026-11-25 17:03Z)"

# Everything an editor can offer for authoring: snippets, code action kinds,
# versioned edits, applyEdit, showDocument.
FULL_CAPS = {
    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}},
                     "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
                         "quickfix", "refactor", "source"]}}}},
    "workspace": {"workspaceEdit": {"documentChanges": True}, "applyEdit": True},
    "window": {"showDocument": {"support": True}},
}


class ServerTest(unittest.TestCase):
    """A test case with its own server in self.c, killed after each test.
    CAPABILITIES (None: none) are sent in initialize unless INITIALIZE is
    false; self.init_result is the initialize result."""

    CAPABILITIES = None
    INITIALIZE = True

    def setUp(self):
        self.c = LspClient()
        self.init_result = self.c.initialize(capabilities=self.CAPABILITIES) if self.INITIALIZE else None

    def tearDown(self):
        self.c.kill()


def main(verbosity=1):
    """The end of every test file: the binary from argv, then unittest."""
    binary_from_argv()
    unittest.main(verbosity=verbosity)


def apply_text_edits(text, edits, enc="utf-16"):
    """Applies TextEdits the way a client does: all against the original text."""
    starts = line_starts(text)
    spans = []
    for e in edits:
        r = e["range"]
        a = offset_at(text, r["start"]["line"], r["start"]["character"], enc, starts)
        b = offset_at(text, r["end"]["line"], r["end"]["character"], enc, starts)
        spans.append((a, b, e["newText"]))
    for a, b, t in sorted(spans, key=lambda s: s[0], reverse=True):
        text = text[:a] + t + text[b:]
    return text


def workspace_edits(edit, uri, version=None):
    """The TextEdits of a WorkspaceEdit for uri (documentChanges or changes)."""
    if "documentChanges" in edit:
        (dc,) = edit["documentChanges"]
        assert dc["textDocument"]["uri"] == uri
        if version is not None:
            assert dc["textDocument"]["version"] == version, dc["textDocument"]
        return dc["edits"]
    return edit["changes"][uri]


def where(text, index):
    """The utf-16 Position of a str index."""
    line, character = position_of(text, index)
    return pos(line, character)


def line_col_of(text, needle, after=0):
    """The Position of needle in text (plus after characters)."""
    return where(text, text.index(needle) + after)


def codes(diags):
    return sorted((d["code"], d["message"]) for d in diags)


class Session:
    """One server with one open plan; keeps the client-side text, applies what
    the server proposes the way a client does, and tracks the diagnostics."""

    def __init__(self, text, uri="file:///tmp/execplans/plan.md", caps=None):
        self.c = LspClient()
        self.c.initialize(FULL_CAPS if caps is None else caps)
        self.uri, self.text, self.version = uri, text, 1
        self.diags = self.c.open_and_wait(uri, text)

    def set_text(self, text):
        self.version += 1
        self.text = text
        self.c.change(self.uri, self.version, [{"text": text}])
        self.diags = self.c.wait_for_diagnostics(self.uri, self.version)["diagnostics"]

    def type_at(self, line, character, s):
        """Types s at a position (an incremental change) and returns the new cursor."""
        self.version += 1
        ch = {"range": rng(line, character, line, character), "text": s}
        self.text = apply_change(self.text, ch)
        self.c.change(self.uri, self.version, [ch])
        self.diags = self.c.wait_for_diagnostics(self.uri, self.version)["diagnostics"]
        lines = s.split("\n")
        if len(lines) == 1:
            return line, character + units(s)
        return line + len(lines) - 1, units(lines[-1])

    def request_at(self, method, position):
        """A textDocument/* request at a Position; returns its result."""
        r = self.c.request(method, {"textDocument": {"uri": self.uri}, "position": position})
        return r["result"]

    def complete(self, line, character):
        return self.request_at("textDocument/completion", pos(line, character))["items"]

    def accept(self, item):
        self.set_text(apply_text_edits(self.text, [item["textEdit"]]))

    def actions(self, range_, diags=None, only=None):
        ctx = {"diagnostics": self.diags if diags is None else diags}
        if only:
            ctx["only"] = only
        r = self.c.request("textDocument/codeAction", {"textDocument": {"uri": self.uri}, "range": range_,
                                                        "context": ctx})
        return r["result"]

    def apply(self, action):
        self.set_text(apply_text_edits(self.text, workspace_edits(action["edit"], self.uri, self.version)))

    def close(self):
        """shutdown + exit; a clean exit (status 0) also means no leak under LeakSanitizer."""
        code = self.c.close()
        err = self.c.stderr_text()
        self.c.kill()
        assert code == 0, "planls exited with %r: %s" % (code, err[-2000:])
        return code
