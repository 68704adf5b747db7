#!/usr/bin/env python3
"""layering.py ROOT: checks every `#include` of the sources against the layers.

Each file belongs to a layer by its folder (server/text, server/analysis,
protocol, server/store, server/handlers, the composition root server/server.c,
and the transport: main.c, transport.c, the command-line tools cli_*.c and
what they share: check_json.c, and for `planls mcp` mcp_tools.c, plan_cache.c
and plan_summary.c). A header belongs to the
layer of the .c file with its name (include/plan.h -> server/analysis/plan.c),
or of its folder when it sits beside its .c. The arrows below say which layers
a layer may include; the "never" rules say which files may see a library or
a header that the arrows alone would allow. Also checked: every quoted include
names a header of ours, and our headers include each other without a cycle.

Prints one line per violation and ends with "N files checked, N problems"."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."

# A may include B (and itself).
ARROWS = {
    "text": set(),
    "analysis": {"text"},
    "protocol": {"text"},
    "store": {"analysis", "text"},
    "handlers": {"protocol", "store", "analysis", "text"},
    "server": {"handlers", "protocol", "store", "analysis", "text"},
    "transport": {"server", "protocol", "store", "analysis", "text"},
}

ORDER = ["text", "analysis", "protocol", "store", "handlers", "server", "transport"]

# Inside analysis/, modules come in tiers: a module includes lower tiers only,
# or its own tier when the tier is one piece cut in files (the section matcher
# and its vocabulary; the model and its Markdown reader; the rule families and
# what they share).
ANALYSIS_TIERS = [
    {"sections", "section_vocab", "preamble", "timestamp", "rule_codes", "plan_paths", "md_fence"},
    {"suppress"},
    {"config"},
    {"path_refs"},
    {"guide"},
    {"plan_md", "plan"},
    {"plan_status"},
    {"rules_family", "rules_sections", "rules_entries", "rules_time", "rules_lifecycle", "rules_paths"},
    {"rules"},
    {"edit"},
    {"writing_style"},
    {"skeleton"},
    {"complete", "actions", "outline", "hover"},
    {"fix_all"},
]
SHARED_TIERS = ({"sections", "section_vocab"}, {"plan_md", "plan"},
                {"rules_family", "rules_sections", "rules_entries", "rules_time", "rules_lifecycle", "rules_paths"})

# Header-only modules: their layer.
HEADER_ONLY = {"utf8": "text", "vec": "text", "err": "text", "hex": "text", "ascii": "text", "server": "server", "rules_family": "analysis"}

# System headers only some files may include: header -> the layers and files allowed.
SYSTEM = {
    "cmark-gfm.h": {"server/analysis/plan_md.c"},
    "cmark-gfm-core-extensions.h": {"server/analysis/plan_md.c"},
    # The CLI's JSON report and the MCP server speak JSON themselves.
    "jansson.h": {"protocol", "handlers", "server", "server/store/settings.c", "server/store/plan_report.c",
                  "server/store/plan_report.h", "server/cli_check.c", "server/cli_status.c",
                  "server/check_json.c", "server/check_json.h", "server/cli_mcp.c", "server/mcp_tools.c",
                  "server/mcp_tools.h", "server/plan_summary.c", "server/plan_summary.h", "tests"},
    "uv.h": {"server/main.c", "server/transport.c", "server/transport.h", "server/cli_plans.c", "server/cli_plans.h",
             "tests"},
}


def layer_of_path(rel):
    parts = rel.split("/")
    if parts[0] == "tests":
        return "tests"
    if parts[0] == "protocol":
        return "protocol"
    if parts[0] == "server" and len(parts) > 2:
        return parts[1]
    if parts[0] == "server":
        name = parts[1]
        if name in ("server.c", "server.h"):
            return "server"
        return "transport"
    return None


def sources():
    out = []
    for top in ("server", "protocol", "include", "tests"):
        for d, _, files in os.walk(os.path.join(ROOT, top)):
            for f in files:
                if f.endswith((".c", ".h")):
                    out.append(os.path.relpath(os.path.join(d, f), ROOT))
    return sorted(out)


def main():
    files = sources()
    problems = []
    # Where each header of ours lives, and the layer of each module.
    headers = {}
    module_layer = {}
    for rel in files:
        base, ext = os.path.splitext(os.path.basename(rel))
        if ext == ".h" and not rel.startswith("tests/"):
            if base in headers and not rel.startswith("include/"):
                problems.append("%s: a second header named %s.h (%s)" % (rel, base, headers[base]))
            headers.setdefault(base, rel)
        if ext == ".c" and not rel.startswith("tests/"):
            # A handler file may share its name with the analysis file it
            # translates (handlers/hover.c, analysis/hover.c): handlers export
            # nothing but handlers.h, so the name is the lower layer's.
            layer = layer_of_path(rel)
            if base not in module_layer or ORDER.index(layer) < ORDER.index(module_layer[base]):
                module_layer[base] = layer
    for base, rel in headers.items():
        if not rel.startswith("include/"):
            module_layer.setdefault(base, layer_of_path(rel))
    module_layer.update({k: v for k, v in HEADER_ONLY.items() if k in headers})

    tier = {m: i for i, t in enumerate(ANALYSIS_TIERS) for m in t}
    graph = {}
    for rel in files:
        own_base = os.path.splitext(os.path.basename(rel))[0]
        layer = layer_of_path(rel) if not rel.startswith("include/") else module_layer.get(own_base)
        if layer is None:
            problems.append("%s: belongs to no layer (no .c file named %s.c)" % (rel, own_base))
            continue
        text = open(os.path.join(ROOT, rel), encoding="utf-8", errors="replace").read()
        for lineno, line in enumerate(text.splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
            if not m:
                continue
            where = "%s:%d" % (rel, lineno)
            name = m.group(2)
            if m.group(1) == "<":
                allowed = SYSTEM.get(name)
                if allowed and not any(rel == a if "/" in a else layer == a for a in allowed):
                    problems.append("%s: may not include <%s>" % (where, name))
                continue
            base = os.path.splitext(os.path.basename(name))[0]
            if rel.startswith("tests/") and not name.endswith(".h"):
                continue  # a test compiling a source file in
            if rel.startswith("tests/") and any(
                os.path.exists(os.path.join(ROOT, d, name)) for d in (os.path.dirname(rel), "tests/support")):
                continue  # a test's own helper header, or tests/support
            if base not in headers:
                problems.append("%s: includes \"%s\", which is none of our headers" % (where, name))
                continue
            graph.setdefault(rel, set()).add(headers[base])
            if layer == "tests":
                continue
            target = module_layer.get(base)
            if target != layer and target not in ARROWS[layer]:
                problems.append("%s: %s (%s) may not include %s (%s)" % (where, rel, layer, name, target))
                continue
            if base == "log" and layer in ("text", "analysis", "store"):
                problems.append("%s: %s may not log (log.h): it returns what happened" % (where, layer))
            if base == "server" and layer not in ("server", "transport"):
                problems.append("%s: only the composition root and main see server.h" % where)
            if target == "handlers" and base != "handlers" and base != own_base:
                problems.append("%s: a handler file is reached through handlers.h only" % where)
            if layer == target == "analysis" and own_base in tier and base in tier and base != own_base:
                a, b = tier[own_base], tier[base]
                same = any(own_base in t and base in t for t in SHARED_TIERS)
                if b > a or (b == a and not same):
                    problems.append("%s: analysis module %s may not include %s (a higher tier)" % (where, own_base, name))

    # No cycle among our headers.
    header_files = set(headers.values())
    state = {}

    def visit(h, stack):
        state[h] = 1
        for n in sorted(graph.get(h, ())):
            if n not in header_files:
                continue
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n] if n in stack else [h, n]
                problems.append("include cycle: " + " -> ".join(cycle))
            elif n not in state:
                visit(n, stack + [n])
        state[h] = 2

    for h in sorted(header_files):
        if h not in state:
            visit(h, [h])

    for p in problems:
        print("FAIL", p)
    print("%d files checked, %d problems" % (len(files), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
