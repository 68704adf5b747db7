#!/usr/bin/env bash
# The -Dstatic_deps=true binary needs only the C library: every shared object
# ldd lists is glibc's (libc, libm, the loader and glibc's former split-outs).
#
#   bash tests/package/static_binary.sh PATH/TO/planls
set -u
bin=${1:?usage: static_binary.sh PATH/TO/planls}
out=$(ldd "$bin" 2>&1) || { echo "ldd failed: $out"; exit 1; }
others=$(echo "$out" | grep -vE '^\s*(linux-vdso\.so|/lib64/ld-linux|(libc|libm|libpthread|libdl|librt)\.so)' || true)
if [ -n "$others" ]; then
  echo "FAIL: $bin needs more than the C library:"
  echo "$others"
  exit 1
fi
"$bin" --version | grep -q '^planls ' || { echo "FAIL: $bin --version"; exit 1; }
echo "ok: $bin needs only the C library ($(stat -c %s "$bin") bytes)"
