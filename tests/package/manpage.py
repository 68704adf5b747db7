#!/usr/bin/env python3
"""manpage.py PLANLS MANPAGE ROOT: planls(1) and the shell completions agree
with the binary: the commands and options `planls --help` lists are exactly
those of the man page's COMMANDS and OPTIONS, every completion file offers
each of them, the DIAGNOSTICS list is exactly the rows of
include/rule_codes.h in order, and man(1) renders the page without warnings."""
import re
import shutil
import subprocess
import sys

planls, manpage, root = sys.argv[1:4]
failures = []

helptext = subprocess.run([planls, "--help"], capture_output=True, text=True, check=True).stdout
usage = helptext.split("\nenvironment:", 1)[0]
help_cmds = set(re.findall(r"^\s+planls ([a-z][\w-]*)", usage, re.M))
help_opts = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", usage))
help_env = set(re.findall(r"^\s+(PLANLS_\w+)", helptext, re.M))

page = open(manpage, encoding="utf-8").read()


def section(name):
    m = re.search(r"^\.SH %s\n(.*?)(?=^\.SH |\Z)" % re.escape(name), page, re.M | re.S)
    if not m:
        failures.append("man page has no %s section" % name)
        return ""
    return m.group(1)


def roff_words(text):
    return text.replace("\\-", "-").replace('"', " ")


# The first line after each .TP is the item's tag.
def tags(text):
    return [roff_words(t) for t in re.findall(r"^\.TP\n(.*)$", text, re.M)]


man_cmds = set()
for tag in tags(section("COMMANDS")):
    m = re.search(r"planls\s+([a-z][\w-]*)", tag)
    if m:
        man_cmds.add(m.group(1))
man_opts = set()
for tag in tags(section("OPTIONS")):
    man_opts |= set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", tag))
man_env = set(t.split()[-1] for t in tags(section("ENVIRONMENT")))

for what, a, b in (("commands", help_cmds, man_cmds), ("options", help_opts, man_opts),
                   ("environment variables", help_env, man_env)):
    if a != b:
        failures.append("%s differ: --help has %s, the man page %s" % (what, sorted(a), sorted(b)))

for comp in ("planls.bash", "_planls", "planls.fish"):
    text = open(root + "/completions/" + comp, encoding="utf-8").read()
    for word in sorted(help_cmds):
        if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(word), text):
            failures.append("completions/%s does not offer the command %s" % (comp, word))
    for opt in sorted(help_opts):
        # fish spells --format as `-l format` and -h as `-s h`.
        fish = ("-l " + opt[2:]) if opt.startswith("--") else ("-s " + opt[1:])
        if opt not in text and not (comp.endswith(".fish") and fish in text):
            failures.append("completions/%s does not offer the option %s" % (comp, opt))

rows = re.findall(r'X\(RULE_\w+, "([\w-]+)"', open(root + "/include/rule_codes.h", encoding="utf-8").read())
listed = [roff_words(t).replace(".B ", "").strip() for t in tags(section("DIAGNOSTICS"))]
if rows != listed:
    failures.append("DIAGNOSTICS differ:\n  rule_codes.h: %s\n  man page:     %s" % (rows, listed))

if shutil.which("man"):
    r = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", manpage],
                       capture_output=True, text=True, env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    if r.returncode != 0 or r.stderr.strip():
        failures.append("man --warnings: %s" % r.stderr.strip())

for f in failures:
    print("FAIL", f)
print("%d commands, %d options, %d codes checked, %d problems" %
      (len(help_cmds), len(help_opts), len(rows), len(failures)))
sys.exit(1 if failures else 0)
