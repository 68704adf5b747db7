#!/usr/bin/env bash
# Builds planls-linux-x64.vsix, the platform-specific extension that bundles
# the self-contained planls binary (meson setup B -Dstatic_deps=true):
#   bash package-bundled.sh PATH/TO/static/planls
# Refuses a binary that needs more than the C library: the extension must run
# on any linux-x64 machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: package-bundled.sh PATH/TO/static/planls}
bash "${PLANLS_REPO:-$here/../..}/tests/package/static_binary.sh" "$bin"
mkdir -p "$here/bin"
trap 'rm -rf "$here/bin"' EXIT
install -s -m 0755 "$bin" "$here/bin/planls"   # stripped: the .vsix carries no debug info
cd "$here" && npm run -s package:linux-x64
