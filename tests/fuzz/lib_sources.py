#!/usr/bin/env python3
"""lib_sources.py ROOT LIB: prints the C sources of static_library('LIB', ...)
as listed in protocol/meson.build or server/meson.build, one absolute path a
line. tests/fuzz/meson.build uses it to compile the code under test again with
coverage instrumentation for libFuzzer."""
import os
import re
import sys

root, lib = sys.argv[1], sys.argv[2]
d = "protocol" if lib == "planls_protocol" else "server"
src = open(os.path.join(root, d, "meson.build"), encoding="utf-8").read()
m = re.search(r"static_library\(\s*'" + re.escape(lib) + r"'(.*?)include_directories", src, re.S)
if not m:
    sys.exit("lib_sources.py: no static_library('%s') in %s/meson.build" % (lib, d))
for f in re.findall(r"'([^']+\.c)'", m.group(1)):
    print(os.path.join(root, d, f))
