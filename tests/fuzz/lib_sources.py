#!/usr/bin/env python3
"""lib_sources.py ROOT LIB: prints the C sources of static_library('LIB', ...),
one absolute path a line. tests/fuzz/meson.build uses it to compile the code
under test again with coverage instrumentation for libFuzzer.

Each library is defined in the meson.build of its folder (FOLDERS below). Its
sources are either listed in the static_library() call itself, or held in a
variable assigned with files(...) in the same file and passed to it."""
import os
import re
import sys

FOLDERS = {
    "planls_protocol": "protocol",
    "planls_analysis": "server",
    "planls_store": "server/store",
    "planls_handlers": "server/handlers",
    "planls_server": "server",
}

root, lib = sys.argv[1], sys.argv[2]
d = FOLDERS.get(lib)
if d is None:
    sys.exit("lib_sources.py: unknown library %s (add it to FOLDERS)" % lib)
src = open(os.path.join(root, d, "meson.build"), encoding="utf-8").read()
m = re.search(r"static_library\(\s*'" + re.escape(lib) + r"'\s*,(.*?)include_directories", src, re.S)
if not m:
    sys.exit("lib_sources.py: no static_library('%s') in %s/meson.build" % (lib, d))
args = m.group(1)
names = re.findall(r"'([^']+\.c)'", args)
for var in re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)\b", args):
    v = re.search(r"^" + re.escape(var) + r"\s*=\s*files\((.*?)\)", src, re.S | re.M)
    if v:
        names += re.findall(r"'([^']+\.c)'", v.group(1))
if not names:
    sys.exit("lib_sources.py: static_library('%s') in %s/meson.build lists no sources" % (lib, d))
for f in names:
    print(os.path.join(root, d, f))
