#!/usr/bin/env bash
# The shell completions complete: bash always, fish when it is installed, and
# zsh's file parses when zsh is installed (driving zsh's completion system
# needs a terminal).
#   bash tests/package/completions.sh REPO
set -u
repo=${1:?usage: completions.sh REPO}
fail=0
expect() {   # WHAT GOT WORD...: each WORD is among GOT's words
  local what=$1 got=$2 w; shift 2
  for w in "$@"; do
    grep -qxF -- "$w" <<<"$(tr ' \t' '\n\n' <<<"$got")" || { echo "FAIL $what: no '$w' in: $got"; fail=1; }
  done
}

bash_complete() {   # WORDS...: what bash completes for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _planls; echo "${COMPREPLY[*]}"' \
    _ "$repo/completions/planls.bash" "$@"
}
expect "bash: planls" "$(bash_complete planls '')" check new init --stdio --version --help
expect "bash: planls init --" "$(bash_complete planls init --)" --dry-run --readme --pre-commit
expect "bash: planls check --format" "$(bash_complete planls check --format '')" text json sarif
bash -c 'source "$1"; complete -p planls' _ "$repo/completions/planls.bash" >/dev/null ||
  { echo "FAIL bash: the file registers no completion for planls"; fail=1; }

if command -v fish >/dev/null; then
  fish_complete() { fish -c "source '$repo/completions/planls.fish'; complete -C '$1'" | cut -f1; }
  expect "fish: planls" "$(fish_complete 'planls ')" check new init
  expect "fish: planls init --" "$(fish_complete 'planls init --')" --dry-run --readme --pre-commit
  expect "fish: planls check --format" "$(fish_complete 'planls check --format ')" text json sarif
else
  echo "fish not installed: its completions not driven"
fi
if command -v zsh >/dev/null; then
  zsh -n "$repo/completions/_planls" || { echo "FAIL zsh: _planls does not parse"; fail=1; }
fi
[ $fail = 0 ] && echo "ok: completions"
exit $fail
