"""The agent set-ups in editors/ (editors/claude-code, editors/agents): each
file parses, and the command it names starts a server that answers
initialize: `planls mcp` an MCP initialize, `planls --stdio` an LSP one.
`planls` is found on PATH, as the agents find it: the test puts the built
binary there under that name."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient as L  # noqa: E402

EDITORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "editors")


def load(rel):
    path = os.path.join(EDITORS, rel)
    with open(path, "rb") as f:
        return tomllib.load(f) if rel.endswith(".toml") else json.load(f)


class AgentSetupTest(unittest.TestCase):
    def setUp(self):
        self.bin = tempfile.mkdtemp(prefix="planls-agent-bin-")
        os.symlink(L.planls_bin(), os.path.join(self.bin, "planls"))
        self.repo = tempfile.mkdtemp(prefix="planls-agent-repo-")
        os.mkdir(os.path.join(self.repo, ".git"))

    def tearDown(self):
        shutil.rmtree(self.bin)
        shutil.rmtree(self.repo)

    def run_server(self, server, stdin):
        """Runs a configured server (command, args, env) in the repository with stdin; its stdout."""
        self.assertEqual(server["command"], "planls")
        env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ.get("PATH", ""))
        env.update(server.get("env", {}))
        out = subprocess.run([server["command"]] + server.get("args", []), cwd=self.repo, env=env, input=stdin,
                             capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        return out.stdout

    def answers_mcp(self, server):
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                           "clientInfo": {"name": "agent-setup-test", "version": "1"}}}
        listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
        out = self.run_server(server, (json.dumps(init) + "\n" + json.dumps(listing) + "\n").encode())
        replies = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(replies[0]["result"]["protocolVersion"], "2025-06-18")
        self.assertEqual(replies[0]["result"]["serverInfo"]["name"], "planls")
        self.assertIn("add_entry", [t["name"] for t in replies[1]["result"]["tools"]])

    def test_claude_code_plugin(self):
        manifest = load("claude-code/.claude-plugin/plugin.json")
        self.assertEqual(manifest["name"], "planls")
        self.answers_mcp(load("claude-code/.mcp.json")["mcpServers"]["planls"])
        lsp = load("claude-code/.lsp.json")["planls"]
        self.assertEqual(lsp["extensionToLanguage"], {".md": "markdown"})
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": "file://" + self.repo, "capabilities": {}}}
        out = self.run_server(lsp, L.frame(init) + L.frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
                              + L.frame({"jsonrpc": "2.0", "method": "exit"}))
        head, _, body = out.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"Content-Length: "), out[:80])
        reply = json.loads(body[:int(head.split(b": ")[1])])
        self.assertEqual(reply["result"]["serverInfo"]["name"], "planls")
        self.assertIn("textDocumentSync", reply["result"]["capabilities"])

    def test_claude_code_project_mcp_json(self):
        server = load("agents/claude-code.mcp.json")["mcpServers"]["planls"]
        self.assertEqual(server["type"], "stdio")
        self.answers_mcp(server)

    def test_codex_config_toml(self):
        self.answers_mcp(load("agents/codex-config.toml")["mcp_servers"]["planls"])

    def test_cursor_mcp_json(self):
        self.answers_mcp(load("agents/cursor-mcp.json")["mcpServers"]["planls"])

    def test_agents_md_names_the_commands(self):
        with open(os.path.join(EDITORS, "agents/AGENTS.md"), encoding="utf-8") as f:
            text = f.read()
        for words in ("planls check --fix", "add_entry", "mark_done"):
            self.assertIn(words, text)


if __name__ == "__main__":
    L.main(verbosity=2)
