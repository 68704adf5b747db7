#!/usr/bin/env bash
# The official MCP TypeScript SDK's client against `planls mcp` over stdio.
#
#   bash tests/mcp/run.sh PATH/TO/planls
#
# Installs @modelcontextprotocol/sdk (pinned) into a cache folder when it is
# not there yet, then runs sdk_client.js. Exit 0 when every check passed, 1
# when one failed, 77 (meson's "skipped") when node/npm are missing or the
# npm registry cannot be reached, said on stderr.
#
# Environment:
#   PLANLS_MCP_CACHE  where the SDK is installed (default /tmp/planls-mcp-cache)
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 PATH/TO/planls" >&2
  exit 2
fi
PLANLS=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
SDK_VERSION=1.32.2
CACHE=${PLANLS_MCP_CACHE:-/tmp/planls-mcp-cache}
DIR="$CACHE/sdk-$SDK_VERSION"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "mcp-sdk: $tool is not installed: skipped" >&2; exit 77; }
done

# Installed into DIR.tmp and renamed once complete, so that an interrupted
# install is never taken for a finished one.
if [ ! -f "$DIR/.complete" ]; then
  rm -rf "$DIR.tmp" && mkdir -p "$DIR.tmp" || exit 1
  if ! (cd "$DIR.tmp" && echo '{"private": true}' > package.json &&
        npm install --no-audit --no-fund --silent "@modelcontextprotocol/sdk@$SDK_VERSION") >"$DIR.log" 2>&1; then
    tail -20 "$DIR.log" >&2
    rm -rf "$DIR.tmp"
    echo "mcp-sdk: could not install @modelcontextprotocol/sdk@$SDK_VERSION from npm: skipped" >&2
    exit 77
  fi
  touch "$DIR.tmp/.complete" && rm -rf "$DIR" && mv "$DIR.tmp" "$DIR"
fi

PLANLS="$PLANLS" MCP_SDK_DIR="$DIR" timeout 120 node "$HERE/sdk_client.js"
