#!/usr/bin/env python3
"""make_seeds.py: writes the hand-made seed inputs of the fuzz corpora
(tests/fuzz/corpus/<target>/seed-*). Inputs the fuzzers found are kept next to
them under libFuzzer's hash names. Run from anywhere: python3 make_seeds.py
"""
import json
import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "protocol"))
from lspclient import frame  # noqa: E402  (the protocol tests' framing, one definition)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def c_plans():
    """The starting plans of tests/support/plans.h, decoded from their C literals."""
    src = open(os.path.join(HERE, "..", "support", "plans.h"), encoding="utf-8").read()
    start = src.index("sample_plans[] = {")
    body = src[start:src.index("};", start)]
    plans, cur = [], []
    for line in body.split("\n"):
        s = line.strip()
        if s.startswith("/*") and cur:
            plans.append(b"".join(cur))
            cur = []
        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            cur.append(decode(lit))
    if cur:
        plans.append(b"".join(cur))
    return plans


def decode(lit):
    out = bytearray()
    i = 0
    while i < len(lit):
        c = lit[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = lit[i + 1]
        if e == "x":
            m = re.match(r"[0-9A-Fa-f]+", lit[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
            continue
        out += {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\", '"': b'"', "0": b"\0"}[e]
        i += 2
    return bytes(out)


PLANS = c_plans()
assert len(PLANS) == 4, len(PLANS)


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


# ---- framing ----------------------------------------------------------------
# byte 0: cap choice (0: 64 MiB, 3: 16 bytes, 4: 100 bytes); bytes 1-8: chunk sizes.
def framing(name, stream, cap=0, chunks=(1, 2, 3, 5, 8, 13, 21, 34)):
    write("framing", name, bytes([cap]) + bytes(chunks) + stream)


MSG = b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'
framing("one", frame(MSG))
framing("two", frame(MSG) + frame(b'{"jsonrpc":"2.0","method":"initialized","params":{}}'), chunks=(7,) * 8)
framing("content-type", b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}")
framing("lowercase-spaces", b"content-length:   2  \r\n\r\n{}" + frame(b"[]"))
framing("same-twice", b"Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}")
framing("different-twice", b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x")
framing("negative", b"Content-Length: -5\r\n\r\n")
framing("not-a-number", b"Content-Length: 1e3\r\n\r\n" + b"x" * 1000)
framing("empty-value", b"Content-Length:\r\n\r\n")
framing("missing", b"Content-Type: x\r\n\r\n{}")
framing("huge", b"Content-Length: 99999999999999999999999\r\n\r\n")
framing("over-cap", b"Content-Length: 200\r\n\r\n" + b"y" * 200 + frame(b"{}"), cap=4)
framing("zero", b"Content-Length: 0\r\n\r\n" + frame(b"{}"))
framing("no-colon-line", b"garbage line\r\nContent-Length: 2\r\n\r\n{}")
framing("lf-only", b"Content-Length: 2\n\n{}" + b"\r\n\r\n")
framing("header-too-long", b"X-Pad: " + b"a" * 8200 + b"\r\n\r\n", chunks=(255,) * 8)
framing("nul-body", frame(b'{"a":"\x00"}') + frame(b"\xff\xfe"), chunks=(1,) * 8)
framing("truncated", b"Content-Length: 50\r\n\r\n{}")
framing("cr-split", b"Content-Length: 2\r\r\n\r\n{}")

# ---- server -----------------------------------------------------------------
URI = "file:///fuzz/execplans/plan.md"
P0 = PLANS[0].decode("utf-8")
P1 = PLANS[1].decode("utf-8")


def lc(text, needle, after=True, enc="utf-16"):
    """(line, character) just after (or at) needle."""
    i = text.index(needle) + (len(needle) if after else 0)
    line = text.count("\n", 0, i)
    start = text.rfind("\n", 0, i) + 1
    seg = text[start:i]
    if enc == "utf-8":
        ch = len(seg.encode("utf-8"))
    else:
        ch = sum(2 if ord(c) > 0xFFFF else 1 for c in seg)
    return {"line": line, "character": ch}


def req(id, method, params=None):
    m = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        m["params"] = params
    return m


def note(method, params=None):
    m = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        m["params"] = params
    return m


TD = {"textDocument": {"uri": URI}}


def at(p):
    return {"textDocument": {"uri": URI}, "position": p}


def rng(a, b):
    return {"start": a, "end": b}


def change(version, changes):
    return note("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                           "contentChanges": changes})


def split(name, msgs, utf8=False, batch=()):
    """A split-mode input: bodies separated by %% (process) or %+ (same batch)."""
    out = b"%8\n" if utf8 else b"%%\n"
    for k, m in enumerate(msgs):
        body = m if isinstance(m, bytes) else json.dumps(m, ensure_ascii=False, separators=(",", ":")).encode()
        out += body
        if k + 1 < len(msgs):
            out += b"\n%+\n" if k in batch else b"\n%%\n"
    write("server", name, out)


def raw(name, msgs):
    out = b""
    for m in msgs:
        out += m if isinstance(m, bytes) and m.startswith(b"Content-") else frame(m)
    write("server", name, out)


split("completion-heading", [
    change(2, [{"range": rng(lc(P0, "## Plan of Work\n"), lc(P0, "## Plan of Work\n")), "text": "## Dec"}]),
    req(1, "textDocument/completion", at({"line": lc(P0, "## Plan of Work\n")["line"], "character": 6})),
    req(2, "textDocument/completion", at(lc(P0, "## Progress\n\n"))),
])
split("completion-stamp", [
    change(2, [{"range": rng(lc(P0, "Registered app\n"), lc(P0, "Registered app\n")), "text": "- ["}]),
    req(1, "textDocument/completion", at({"line": lc(P0, "Registered app\n")["line"], "character": 3})),
    req(2, "textDocument/completion", at(lc(P0, "- [2026-11-20 14:15 UTC]", after=False))),
    req(3, "textDocument/completion", at(lc(P0, "**Last Updated**: "))),
])
split("completion-todo", [
    change(2, [{"range": rng(lc(P0, "login page\n"), lc(P0, "login page\n")), "text": "- "}]),
    req(1, "textDocument/completion", at({"line": lc(P0, "login page\n")["line"], "character": 2})),
])
split("code-actions-all", [
    req(1, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng({"line": 0, "character": 0},
                                       {"line": 200, "character": 0}), "context": {"diagnostics": []}}),
    req(2, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng(lc(P0, "25:10"),
                                       lc(P0, "25:10")), "context": {"diagnostics": [], "only": ["quickfix"]}}),
    req(3, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng(lc(P0, "## Suprises"),
                                       lc(P0, "## Suprises")), "context": {"diagnostics": []}}),
])
split("commands", [
    req(1, "workspace/executeCommand", {"command": "planls.addProgressEntry", "arguments": [URI]}),
    {"jsonrpc": "2.0", "id": 1, "result": {"applied": True}},
    req(2, "workspace/executeCommand", {"command": "planls.addDecision", "arguments": [{"uri": URI}]}),
    {"jsonrpc": "2.0", "id": 2, "error": {"code": -1, "message": "no"}},
    req(3, "workspace/executeCommand", {"command": "planls.addSurprise", "arguments": [URI]}),
    req(4, "workspace/executeCommand", {"command": "planls.addTodo", "arguments": [URI]}),
    req(5, "workspace/executeCommand", {"command": "planls.addRevisionNote", "arguments": [URI]}),
    req(6, "workspace/executeCommand", {"command": "planls.reveal",
                                        "arguments": [URI, {"line": 3, "character": 1}]}),
    req(7, "workspace/executeCommand", {"command": "planls.nope", "arguments": []}),
])
split("outline-fold-hover", [
    req(1, "textDocument/documentSymbol", TD),
    req(2, "textDocument/foldingRange", TD),
    req(3, "textDocument/hover", at(lc(P0, "[2026-11-20 25:1", after=True))),
    req(4, "textDocument/hover", at(lc(P0, "## Suprises", after=False))),
])
split("edits-and-close", [
    change(2, [{"range": rng(lc(P0, "## Decision Log", after=False), lc(P0, "## Outcomes", after=False)),
                "text": ""}]),
    change(3, [{"range": rng({"line": 0, "character": 0}, {"line": 0, "character": 0}), "text": "```\n"}]),
    change(4, [{"text": "# New\n\n## Progress\n\n- x\n"}]),
    req(1, "textDocument/documentSymbol", TD),
    note("textDocument/didClose", TD),
    req(2, "textDocument/hover", at({"line": 0, "character": 0})),
])
split("cancel-in-batch", [
    req(1, "textDocument/documentSymbol", TD),
    note("$/cancelRequest", {"id": 1}),
    req("s", "textDocument/foldingRange", TD),
    note("$/cancelRequest", {"id": "s"}),
], batch=(0, 1, 2))
split("shutdown-exit", [req(1, "shutdown"), req(2, "textDocument/hover", at({"line": 0, "character": 0})),
                        note("exit")])
split("bad-messages", [
    b"{not json", b"[1]", b"3", {"id": 1, "method": "x"}, {"jsonrpc": "2.0", "id": [1], "method": "x"},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": 5},
    req(3, "textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": -1, "character": 0}}),
    req(4, "textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 10**9, "character": 10**9}}),
    req(5, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng({"line": 5, "character": 0},
                                       {"line": 1, "character": 0})}),
    req(6, "initialize", {"capabilities": {}}), req(7, "no/such"),
    change(1, [{"text": "older"}]),
    note("textDocument/didChange", {"textDocument": {"uri": "file:///never", "version": 9},
                                    "contentChanges": [{"text": "x"}]}),
    b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a%20b/\xc3\xa9.plan.md","languageId":"markdown","version":1,"text":"# T\\u0000\\n## Progress\\n- x\\n"}}}',
    b'{"jsonrpc":"2.0","id":8,"method":"x","params":{"a":"\\ud800"}}',
])
split("utf8-pull-resolve", [
    req(1, "textDocument/diagnostic", TD),
    req(2, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng({"line": 0, "character": 0},
                                       {"line": 99, "character": 0}), "context": {"diagnostics": []}}),
    req(3, "codeAction/resolve", {"title": "Add section 'To-do'", "kind": "quickfix", "data": {
        "uri": URI, "version": 1, "range": rng({"line": 0, "character": 0}, {"line": 99, "character": 0})}}),
    change(2, [{"range": rng(lc(P1, "## Progress\n\n", enc="utf-8"), lc(P1, "## Progress\n\n", enc="utf-8")),
                "text": "- [x] ("}]),
    req(4, "textDocument/completion", at({"line": lc(P1, "## Progress\n\n", enc="utf-8")["line"],
                                          "character": 7})),
    req(5, "codeAction/resolve", {"title": "x", "data": {"uri": URI, "version": 1, "range": rng(
        {"line": 0, "character": 0}, {"line": 0, "character": 0})}}),
], utf8=True)
split("second-doc-not-plan", [
    note("textDocument/didOpen", {"textDocument": {"uri": "file:///r/README.md", "languageId": "markdown",
                                                   "version": 1, "text": "# Readme\n\nHello.\n"}}),
    req(1, "textDocument/completion", {"textDocument": {"uri": "file:///r/README.md"},
                                       "position": {"line": 1, "character": 0}}),
    note("textDocument/didChange", {"textDocument": {"uri": "file:///r/README.md", "version": 2},
                                    "contentChanges": [{"text": P0}]}),
    req(2, "textDocument/diagnostic", {"textDocument": {"uri": "file:///r/README.md"}}),
])
raw("raw-session", [
    req(1, "textDocument/completion", at({"line": 14, "character": 0})),
    change(2, [{"range": rng({"line": 2, "character": 0}, {"line": 3, "character": 0}), "text": ""}]),
    req(2, "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng({"line": 0, "character": 0},
                                       {"line": 0, "character": 1}), "context": {"diagnostics": []}}),
    req(3, "shutdown"), note("exit"),
])
raw("raw-bad-framing", [req(1, "textDocument/documentSymbol", TD),
                        b"Content-Length: 99999999999\r\n\r\n{}",
                        req(2, "textDocument/foldingRange", TD)])
raw("raw-refused", [b"Content-Length: 70000000\r\n\r\n" + b"x" * 100])

# ---- plan -------------------------------------------------------------------
# byte 0: bit 0 snippets, bits 1-2 settings, bits 3-7 position encoding.
def plan(name, text, flags=1):
    if isinstance(text, str):
        text = text.encode("utf-8")
    write("plan", name, bytes([flags]) + text)


for k, p in enumerate(PLANS):
    plan("start-%d" % k, p, flags=1 | (k << 1) | ((k % 3) << 3))
plan("example-oauth", open(os.path.join(ROOT, "examples", "add-oauth-login.md"), "rb").read())
gdir = os.path.join(ROOT, "tests", "golden", "rules")
for k, f in enumerate(sorted(x for x in os.listdir(gdir) if x.endswith(".md"))):
    plan("golden-" + f[:-3], open(os.path.join(gdir, f), "rb").read(), flags=(k * 3) & 0xFF)
plan("nested-lists", "# T\n\n## Progress\n\n" + "".join("  " * i + "- [2026-01-01 10:0%d UTC] x\n" % (i % 10)
                                                     for i in range(40)))
plan("nested-quotes", "# T\n\n## Decision Log\n\n" + "> " * 50 + "- [2026-01-01 10:00 UTC] d\n")
plan("unclosed-fence", "# T\n\n```\n## Progress\n## To-do\n")
plan("unclosed-front-matter", "---\ntitle: x\nlast_updated: 2026-13-45\n# T\n## Progress\n")
plan("cr-only", "# T\r\rKeep Progress, Surprises & Discoveries, Decision Log, and Outcomes & Retrospective "
                "current as work proceeds.\r\r## Progress\r\r- [2026-11-20 10:00 UTC] x\r- \r")
plan("invalid-utf8", b"# T\xff\xfe\n\n## Pro\xc3gress\n\n- [2026-11-20 10:00 UTC] \xe4\xb8\n- [\xf0\x9f\x98\n")
plan("nul-bytes", b"# T\0\n\n## Progress\0\n\n- [2026-11-20 10:00 UTC]\0x\n")
plan("html-table", "# T\n\n<div>\n## Progress\n</div>\n\n| a | b |\n|---|---|\n| ## x | y |\n\n## To-do\n\n"
                   "- [ ] a\n- [x] b\n* [ ] c\n1. [ ] d\n")
plan("timestamps", "# T\n\n## Progress\n\n" + "".join("- %s x\n" % s for s in [
    "[2026-11-20 25:10 UTC]", "[2026-02-30 10:00 UTC]", "[2026-11-20 14:30]", "[2026-11-20 14:30 JST]",
    "[2026-11-20]", "2026-11-20T15:00Z", "[2026-11-20 15:00:01 UTC]", "(2026-11-20 15:00Z)",
    "[2026-11-20 15:00+02:00]", "[9999-12-31 23:59 UTC]", "[0000-01-01 00:00 UTC]", "[2026-11-20 15:00 UTC"]) +
     "\n---\n**Last Updated**: [2020-01-01 00:00 UTC]\n")
plan("setext-mix", "Title\n=====\n\nProgress\n---\n- x\n\nDecision Log\n===\n- [2026-11-20 10:00 UTC] d because\n")
plan("empty", "")
plan("only-hashes", "#\n##\n###\n## \n##  ##\n")

# ---- edits ------------------------------------------------------------------
# byte 0: bits 0-1 plan, 2-3 settings, 4-5 edits per update - 1.
# edit: offset (u16 le), delete (u8, >= 0xF0: to the end), insert (top bit: piece; else n literal bytes).
PIECES = 0x80


def e_lit(off, dele, text):
    if isinstance(text, str):
        text = text.encode("utf-8")
    assert len(text) < 64
    return struct.pack("<HBB", off, dele, len(text)) + text


def e_piece(off, dele, k):
    return struct.pack("<HBB", off, dele, PIECES | k)


def edits(name, flags, ops):
    write("edits", name, bytes([flags]) + b"".join(ops))


def find(k, needle):
    return PLANS[k].index(needle.encode("utf-8"))


# Typing a heading character by character in the middle of the guide plan.
at0 = find(0, "## Plan of Work")
edits("type-heading", 0x00, [e_lit(at0 + i, 0, c) for i, c in enumerate("## Decision Log\n\n- x\n")])
# Deleting a heading line and putting it back.
edits("delete-heading", 0x10, [e_lit(find(0, "## Decision Log"), 16, ""), e_lit(find(0, "## Decision Log"), 0,
                                                                             "## Decision Log\n")])
# A fence that swallows the rest, then its closing.
edits("fence", 0x00, [e_piece(find(0, "## Progress"), 0, 10), e_piece(find(0, "## Decision Log") + 4, 0, 10)])
# Front matter at the start, then broken.
edits("front-matter", 0x05, [e_piece(0, 0, 34), e_lit(1, 1, "x"), e_lit(0, 3, "")])
# Splitting CRLF pairs in the CRLF plan.
crlf = [i for i in range(len(PLANS[2])) if PLANS[2][i:i + 2] == b"\r\n"][:6]
edits("split-crlf", 0x02, [e_lit(i + 1, 0, "x") for i in crlf] + [e_lit(crlf[0], 1, "")])
# Setext underline added and removed.
edits("setext", 0x21, [e_lit(find(1, "Let users"), 0, "Risks\n---\n"), e_lit(find(1, "Let users"), 10, "")])
# Delete everything, type a plan from nothing.
edits("from-nothing", 0x33, [e_lit(0, 0xFF, "")] + [e_piece(0, 0, k) for k in (8, 7, 9, 36, 16, 17)])
# Joining two sections by deleting the newline between them.
j = find(0, "\n## Outcomes")
edits("join-sections", 0x0c, [e_lit(j, 1, ""), e_lit(j, 0, "\n"), e_lit(j - 1, 2, "")])
# Entries and stamps edited in place.
s = find(0, "25:10")
edits("stamp-edits", 0x18, [e_lit(s, 2, "15"), e_lit(s + 5, 0, ":00"), e_piece(s - 12, 0, 44),
                            e_piece(find(0, "Rationale"), 9, 45)])
# The living-document line removed and the other dialect's put in.
pre = find(0, "Keep Progress")
edits("preamble-swap", 0x00, [e_lit(pre, 0xF0, "")] + [e_piece(pre, 0, 35), e_piece(pre, 0, 36)])
# NUL and invalid bytes.
edits("bad-bytes", 0x13, [e_piece(3, 0, 50), e_piece(10, 0, 51), e_lit(find(3, "T"), 0, b"\xe4\xb8"),
                          e_lit(0, 0, b"\xff\x00\r")])
# A near-miss heading typed into the team-config plan.
edits("team-sections", 0x0c, [e_piece(find(0, "## Plan of Work"), 0, 31), e_piece(find(0, "## To-do"), 9, 32)])
print("seeds written")
