"""A minimal MCP client over stdio for the protocol tests: `planls mcp` in a
folder, one JSON-RPC message per line each way, a deadline on every read."""

import json
import os
import queue
import subprocess
import threading

import lspclient as L


class McpClient:
    def __init__(self, cwd, env=None):
        e = dict(os.environ, PLANLS_NOW=L.FIXED_NOW)
        e.update(env or {})
        wrapper = os.environ.get("PLANLS_WRAPPER", "").split()
        self.proc = subprocess.Popen(wrapper + [L.planls_bin(), "mcp"], cwd=cwd, env=e, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        self.send_raw(json.dumps(msg).encode("utf-8") + b"\n")

    def recv(self, timeout=L.DEFAULT_TIMEOUT):
        """The next message the server writes (a dict), or None at its end."""
        line = self.lines.get(timeout=timeout)
        if line is None:
            return None
        assert line.endswith(b"\n"), line
        return json.loads(line)

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        reply = self.recv()
        assert reply is not None and reply.get("id") == rid, reply
        return reply

    def initialize(self, version="2025-06-18"):
        r = self.request("initialize", {"protocolVersion": version, "capabilities": {},
                                        "clientInfo": {"name": "planls-tests", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return r

    def call(self, name, arguments=None):
        """tools/call's result (dict); fails on a protocol error."""
        params = {"name": name}
        if arguments is not None:
            params["arguments"] = arguments
        r = self.request("tools/call", params)
        assert "result" in r, r
        return r["result"]

    def close(self):
        """Ends the input; returns the exit status."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        rc = self.proc.wait(timeout=L.DEFAULT_TIMEOUT)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc
