#!/usr/bin/env python3
"""Stand-in for planls used to check that the editor tests can fail (and pass).

Not used by run.sh's normal path: it exists so that the editor tests can be
pointed at a server that behaves differently from planls and shown to fail
(FAKE_PLANLS_MODE=silent) or to exercise the completion / code-action steps
before planls implements them (FAKE_PLANLS_MODE=full).

Modes (environment FAKE_PLANLS_MODE):
  silent  answers initialize, never publishes a diagnostic
  diag    publishes planls's missing-section diagnostic for '## Decision Log'
          (no completion or code actions: like planls today)
  full    diag + completionProvider (items for missing sections) + a quick fix
          "Add missing section 'Decision Log'"
Only ASCII documents are handled (positions are treated as code points).
"""
import json
import os
import re
import sys

MODE = os.environ.get("FAKE_PLANLS_MODE", "diag")
docs = {}  # uri -> text


def read_msg():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode().partition(":")
        if k.lower() == "content-length":
            length = int(v.strip())
    return json.loads(sys.stdin.buffer.read(length))


def send(obj):
    obj["jsonrpc"] = "2.0"
    body = json.dumps(obj).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def apply_change(text, ch):
    if "range" not in ch:
        return ch["text"]
    lines = text.split("\n")

    def off(p):
        ln = min(p["line"], len(lines))
        return sum(len(l) + 1 for l in lines[:ln]) + p["character"]

    s, e = off(ch["range"]["start"]), off(ch["range"]["end"])
    return text[:s] + ch["text"] + text[e:]


def has_decision_log(text):
    return re.search(r"(?m)^##\s+Decision Log\s*$", text) is not None


def diagnostic():
    return {"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 17}},
            "severity": 2, "source": "planls", "code": "missing-section",
            "message": "Missing section '## Decision Log'"}


def publish(uri, version=None):
    if MODE == "silent":
        return
    diags = [] if has_decision_log(docs.get(uri, "")) else [diagnostic()]
    params = {"uri": uri, "diagnostics": diags}
    if version is not None:
        params["version"] = version
    send({"method": "textDocument/publishDiagnostics", "params": params})


def insertion_point(text):
    """Line where '## Decision Log' belongs: before '## Outcomes', else at the end."""
    lines = text.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("## Outcomes"):
            return {"line": i, "character": 0}, "## Decision Log\n\n"
    return {"line": len(lines) - 1, "character": len(lines[-1])}, "\n\n## Decision Log\n"


def main():
    while True:
        msg = read_msg()
        if msg is None:
            return
        m, mid, p = msg.get("method"), msg.get("id"), msg.get("params") or {}
        if m is None:
            continue
        if m == "initialize":
            caps = {"textDocumentSync": {"openClose": True, "change": 2}}
            if MODE == "full":
                caps["completionProvider"] = {"triggerCharacters": ["#", " "]}
                caps["codeActionProvider"] = {"codeActionKinds": ["quickfix"]}
            res = {"capabilities": caps, "serverInfo": {"name": "fake-planls", "version": MODE}}
        elif m == "shutdown":
            res = None
        elif m == "exit":
            return
        elif m == "textDocument/didOpen":
            td = p["textDocument"]
            docs[td["uri"]] = td["text"]
            publish(td["uri"], td.get("version"))
            continue
        elif m == "textDocument/didChange":
            uri = p["textDocument"]["uri"]
            for ch in p["contentChanges"]:
                docs[uri] = apply_change(docs.get(uri, ""), ch)
            publish(uri, p["textDocument"].get("version"))
            continue
        elif m == "textDocument/didClose":
            docs.pop(p["textDocument"]["uri"], None)
            continue
        elif m == "textDocument/completion" and MODE == "full":
            text = docs.get(p["textDocument"]["uri"], "")
            items = [] if has_decision_log(text) else [
                {"label": "Decision Log", "kind": 15, "filterText": "## Decision Log",
                 "insertText": "Decision Log", "detail": "missing ExecPlan section"}]
            res = {"isIncomplete": False, "items": items}
        elif m == "textDocument/codeAction" and MODE == "full":
            uri = p["textDocument"]["uri"]
            text = docs.get(uri, "")
            res = []
            if not has_decision_log(text):
                pos, new = insertion_point(text)
                res.append({"title": "Add missing section 'Decision Log'", "kind": "quickfix",
                            "isPreferred": True, "diagnostics": [diagnostic()],
                            "edit": {"changes": {uri: [{"range": {"start": pos, "end": pos},
                                                        "newText": new}]}}})
        elif mid is None:
            continue
        else:
            send({"id": mid, "error": {"code": -32601, "message": "unknown method %s" % m}})
            continue
        send({"id": mid, "result": res})


if __name__ == "__main__":
    main()
