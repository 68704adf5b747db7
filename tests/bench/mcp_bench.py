#!/usr/bin/env python3
"""mcp_bench.py PLANLS PLANLS_BENCH [--runs N]: `planls mcp` against its budgets.

The plan is planls-bench's generated 5,000-line plan (`planls-bench --dump
5000 guide`, the same text the editor benchmark uses), in a throwaway
repository. Each call is timed from its request's first byte written to its
reply's line read, over pipes. Budgets (median): check_plan <= 15 ms in every
case, add_entry <= 5 ms.

  check_plan, first call       a fresh server (nothing cached): the full parse
  check_plan, after an edit    one line in the middle of the plan rewritten on
                               disk before each call (an agent's edit)
  check_plan, unchanged        the same file again
  check_plan {text, path}      unsaved text, a line changed each time
  add_entry                    a Progress entry, written back to disk

Prints a Markdown table with PASS/FAIL; exit status 0 when both budgets
hold, 1 when one fails, 2 on an error. Not part of `meson test`: timings
depend on the machine."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CHECK_BUDGET = 15.0
ADD_BUDGET = 5.0


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    planls, bench = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 50
    plan = subprocess.run([bench, "--dump", "5000", "guide"], capture_output=True, check=True).stdout
    repo = tempfile.mkdtemp(prefix="planls-mcp-bench-")
    try:
        os.mkdir(os.path.join(repo, ".git"))
        os.makedirs(os.path.join(repo, "collab/execplans"))
        path = "collab/execplans/big.md"
        with open(os.path.join(repo, path), "wb") as f:
            f.write(plan)
        env = dict(os.environ, PLANLS_NOW="2026-11-25T17:03Z")
        init = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}

        def start():
            proc = subprocess.Popen([planls, "mcp"], cwd=repo, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            call(proc, "initialize", init)
            return proc

        def call(proc, method, params):
            line = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
            t0 = time.perf_counter()
            proc.stdin.write(line + b"\n")
            proc.stdin.flush()
            reply = proc.stdout.readline()
            ms = (time.perf_counter() - t0) * 1000
            msg = json.loads(reply)
            if "error" in msg or msg["result"].get("isError"):
                raise SystemExit("planls answered an error: %s" % reply[:300])
            return ms

        def tool(proc, name, args):
            return call(proc, "tools/call", {"name": name, "arguments": args})

        text = plan.decode("utf-8")
        lines = text.split("\n")
        mid = len(lines) // 2

        def edited(i):
            """The plan with its middle line changed (a different text each time)."""
            copy = list(lines)
            copy[mid] = copy[mid] + " (edit %d)" % i
            return "\n".join(copy)

        results = []
        first = []
        for _ in range(max(5, runs // 5)):
            with open(os.path.join(repo, path), "wb") as f:
                f.write(plan)
            proc = start()
            first.append(tool(proc, "check_plan", {"path": path}))
            proc.stdin.close()
            proc.wait(timeout=30)
        results.append(("check_plan, first call (fresh server)", first, CHECK_BUDGET))
        proc = start()
        after = []
        for i in range(runs):
            with open(os.path.join(repo, path), "w", encoding="utf-8") as f:
                f.write(edited(i))
            after.append(tool(proc, "check_plan", {"path": path}))
        results.append(("check_plan, after a one-line edit on disk", after, CHECK_BUDGET))
        results.append(("check_plan, unchanged file",
                        [tool(proc, "check_plan", {"path": path}) for _ in range(runs)], CHECK_BUDGET))
        results.append(("check_plan {text, path}, a line changed each time",
                        [tool(proc, "check_plan", {"path": path, "text": edited(1000 + i)}) for i in range(runs)],
                        CHECK_BUDGET))
        results.append(("add_entry (Progress, written to disk)",
                        [tool(proc, "add_entry", {"path": path, "section": "progress",
                                                  "text": "Measured the index again."}) for _ in range(runs)],
                        ADD_BUDGET))
        rows = []
        failed = False
        for name, times, budget in results:
            times.sort()
            med = statistics.median(times)
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            verdict = "PASS" if med <= budget else "FAIL"
            failed |= verdict == "FAIL"
            rows.append("| %s | %.2f ms | %.2f ms | %g ms | %s |" % (name, med, p99, budget, verdict))
        proc.stdin.close()
        proc.wait(timeout=30)
        print("| MCP call, %s-line plan (%d runs) | median | p99 | budget | |" % ("{:,}".format(5000), runs))
        print("|---|---|---|---|---|")
        print("\n".join(rows))
        return 1 if failed else 0
    finally:
        shutil.rmtree(repo)


if __name__ == "__main__":
    sys.exit(main())
