#!/usr/bin/env python3
"""man.py TEMPLATE RULE_CODES_H README VERSION OUT: writes planls(1) from its
template, with one DIAGNOSTICS entry per row of include/rule_codes.h (in its
order) and the "fix" column of README's Diagnostics table, so a new code
reaches the man page without anyone editing it."""
import re
import sys

template, header, readme, version, out = sys.argv[1:6]
rows = re.findall(r'X\(RULE_\w+, "([\w-]+)", SEV_(\w+), "(\w+)", ([01]), ([01])\)',
                  open(header, encoding="utf-8").read())
if not rows:
    sys.exit("man.py: no rows found in " + header)
names = {"ERROR": "error", "WARNING": "warning", "INFO": "information", "HINT": "hint"}

# README's table: | `code` | severity | example | fix | quick fix |
fixes = {}
text = open(readme, encoding="utf-8").read().split("\n## Diagnostics\n", 1)
for line in (text[1].split("\n## ", 1)[0] if len(text) > 1 else "").splitlines():
    m = re.match(r"\| `([\w-]+)` \|", line)
    if m:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5:
            fixes[m.group(1)] = cells[3]


def roff(s, sentence=False):
    """Markdown cell text as roff text: no markup, escaped backslashes and
    dashes, no line starting with a control character."""
    s = re.sub(r"[`*]", "", s).replace("\\", "\\e").replace("-", "\\-")
    s = re.sub(r"\s*\(see [^)]*above\)", "", s)  # README's context, not the page's
    s = re.sub(r";[^;]*\babove\b[^;]*", "", s)
    if sentence:
        s = s[:1].upper() + s[1:]
    return s if not s.startswith((".", "'")) else "\\&" + s


entries = []
for code, sev, family, fix, on in rows:
    what = names[sev] + ("" if on == "1" else ", off by default")
    what += "; " + family + "; " + ("quick fix" if fix == "1" else "no quick fix")
    entries.append(".TP\n.B %s\n%s.\n%s" % (roff(code), what,
                                            roff(fixes.get(code, "See README."), True).rstrip(".") + "."))

page = open(template, encoding="utf-8").read()
page = page.replace("@VERSION@", version).replace("@DIAGNOSTICS@", "\n".join(entries))
open(out, "w", encoding="utf-8").write(page)
