#!/usr/bin/env bash
# The Debian package end to end, as root on Debian 12:
#   bash tests/package/run.sh
# builds planls_*.deb with dpkg-buildpackage from a copy of the working tree
# (tracked and new files; the build never writes into the tree or its parent),
# runs lintian on it (an error fails), installs it with dpkg -i, runs
# `planls --version`, `planls check` on an example and the Neovim and Emacs
# tests against the installed files only (PLANLS_TEST_INSTALLED=1), then
# purges it and checks that none of its files is left.
# Prints "package-test STEP: ok|FAILED" per step; exit status 0 when all passed.
#
# Environment:
#   PACKAGE_TEST_CHECK=1  also run the test suite inside the package build
#                         (by default DEB_BUILD_OPTIONS=nocheck: .ci/test runs it)
#   PACKAGE_TEST_KEEP=DIR copy the built .deb files to DIR
set -u
set -o pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/planls-package.XXXXXX)
START=$SECONDS
note() { echo "[$((SECONDS - START))s] $*"; }
status=0
step() {   # NAME OK?: records a step's result
  if [ "$2" = 0 ]; then echo "package-test $1: ok"; else echo "package-test $1: FAILED"; status=1; fi
}

[ "$(id -u)" = 0 ] || { echo "run as root (dpkg -i)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' planls 2>/dev/null | grep -q 'install ok installed'; then
  echo "a planls package is installed already; this test would replace and purge it: dpkg -r planls first" >&2
  exit 2
fi

# Build tools and the build-dependencies from debian/control.
need=(dpkg-dev debhelper fakeroot lintian man-db)
need+=($(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$REPO/debian/control" | sed '1s/^Build-Depends://; /^[A-Z]/d' |
         tr ',' '\n' | sed 's/(.*)//; s/\s//g; s/^debhelper-compat$/debhelper/' | grep -v '^$'))
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  note "apt-get install ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"; } >"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; step install 1; exit 1; }
fi

# ---------------------------------------------------------------- build
note "copying the tree to $WORK/planls"
mkdir -p "$WORK/planls"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && echo "{}"' |
  tar -cf - -T -) | tar -xf - -C "$WORK/planls" || { step copy 1; exit 1; }
opts=nocheck; [ "${PACKAGE_TEST_CHECK:-}" = 1 ] && opts=
note "dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=$opts)"
if (cd "$WORK/planls" && DEB_BUILD_OPTIONS=$opts dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
  step build 0
else
  tail -40 "$WORK/build.log"; step build 1; exit 1
fi
deb=$(ls "$WORK"/planls_*_amd64.deb "$WORK"/planls_*.deb 2>/dev/null | head -1)
note "built $deb ($(stat -c %s "$deb") bytes)"
[ -n "${PACKAGE_TEST_KEEP:-}" ] && mkdir -p "$PACKAGE_TEST_KEEP" && cp "$WORK"/*.deb "$PACKAGE_TEST_KEEP/"

note "lintian $(basename "$deb")"
lintian --tag-display-limit 0 "$deb" 2>&1 | tee "$WORK/lintian.log"
! grep -q '^E: ' "$WORK/lintian.log"; step lintian $?

# ---------------------------------------------------------------- installed
dpkg -i "$deb" >"$WORK/dpkg-i.log" 2>&1 || { cat "$WORK/dpkg-i.log"; step dpkg-i 1; exit 1; }
step dpkg-i 0
dpkg -L planls | sort >"$WORK/files"

want_files=(/usr/bin/planls /usr/share/man/man1/planls.1.gz /usr/share/bash-completion/completions/planls
  /usr/share/zsh/vendor-completions/_planls /usr/share/fish/vendor_completions.d/planls.fish
  /usr/share/nvim/site/lsp/planls.lua /usr/share/nvim/site/plugin/planls.lua /usr/share/nvim/site/lua/planls.lua
  /usr/share/emacs/site-lisp/planls.el /usr/share/emacs/site-lisp/planls-autoloads.el
  /etc/emacs/site-start.d/50planls.el)
rc=0
for f in "${want_files[@]}"; do grep -qx "$f" "$WORK/files" && [ -e "$f" ] || { echo "FAIL not installed: $f"; rc=1; }; done
step files $rc

version=$(/usr/bin/planls --version)
echo "$version"
[ "$(command -v planls)" = /usr/bin/planls ] && echo "$version" | grep -q "^planls $(dpkg-parsechangelog -l "$REPO/debian/changelog" -S Version)$"
step version $?

# Exit status 1 and the example's known problem.
out=$(cd "$REPO" && PLANLS_NOW=2026-11-25T17:03Z planls check examples/add-oauth-login.md 2>&1); rc=$?
echo "$out" | head -3
[ $rc = 1 ] && echo "$out" | grep -q "^examples/add-oauth-login.md:1:3: warning: Missing section .* \[missing-section\]$"
step check $?

MANWIDTH=80 man planls 2>/dev/null | grep -q 'planls check' ; step man $?

note "editor tests against the installed files"
PLANLS_TEST_INSTALLED=1 bash "$REPO/tests/editors/run.sh" /usr/bin/planls nvim emacs >"$WORK/editors.log" 2>&1
grep -E '^editor-test |FAIL ' "$WORK/editors.log"
[ "$(grep -c '^editor-test .*: ok$' "$WORK/editors.log")" = 2 ]; step editors $?

# ---------------------------------------------------------------- removed
dpkg --purge planls >"$WORK/dpkg-purge.log" 2>&1 || cat "$WORK/dpkg-purge.log"
left=$(while read -r f; do [ -f "$f" ] || [ -L "$f" ] && echo "$f"; done <"$WORK/files")
[ -n "$left" ] && echo "left after purge: $left"
! dpkg-query -W -f='${Status}' planls 2>/dev/null | grep -q 'installed' && [ -z "$left" ] && ! command -v planls >/dev/null
step purge $?

note "done (logs in $WORK)"
exit $status
