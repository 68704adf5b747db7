#!/usr/bin/env python3
"""readme_rules.py ROOT: README's diagnostics table must list the rows of
include/rule_codes.h, in the same order, each with its default severity
(and "off by default" for a rule the settings must turn on) and whether it
has a quick fix. Users read the README; the code reads the table;
this keeps the two from drifting."""
import re
import sys

root = sys.argv[1]
header = open(root + "/include/rule_codes.h", encoding="utf-8").read()
rows = re.findall(r'X\(RULE_\w+, "([\w-]+)", SEV_(\w+), "(\w+)", ([01]), ([01])\)', header)
if not rows:
    sys.exit("readme_rules.py: no rows found in include/rule_codes.h")
names = {"ERROR": "error", "WARNING": "warning", "INFO": "information", "HINT": "hint"}

readme = open(root + "/README.md", encoding="utf-8").read()
section = readme.split("\n## Diagnostics\n", 1)
if len(section) < 2:
    sys.exit("readme_rules.py: README.md has no '## Diagnostics' section")
table = []
for line in section[1].split("\n## ", 1)[0].splitlines():
    m = re.match(r"\| `([\w-]+)` \| ([^|]+) \| ([^|]+) \|", line)
    if m:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        table.append((m.group(1), m.group(2).strip(), cells))

failures = []
codes = [r[0] for r in rows]
documented = [t[0] for t in table]
if codes != documented:
    failures.append("codes differ:\n  rule_codes.h: %s\n  README:       %s" % (codes, documented))
for (code, sev, _family, fix, on), (_, readme_sev, cells) in zip(rows, table):
    if not readme_sev.startswith(names[sev]):
        failures.append("%s: README says severity '%s', rule_codes.h says %s" % (code, readme_sev, names[sev]))
    if ("off by default" in readme_sev) != (on == "0"):
        failures.append("%s: README's severity '%s' and rule_codes.h disagree on whether it is off by default" %
                        (code, readme_sev))
    quick = cells[-1] if cells else ""
    if not quick.startswith(("yes", "no")) or quick.startswith("yes") != (fix == "1"):
        failures.append("%s: README's quick fix column says '%s', rule_codes.h says %s" %
                        (code, quick, "yes" if fix == "1" else "no"))
for f in failures:
    print("FAIL", f)
print("%d codes checked, %d problems" % (len(rows), len(failures)))
sys.exit(1 if failures else 0)
