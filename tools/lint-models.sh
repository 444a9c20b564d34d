#!/usr/bin/env bash
# Lints the BPMN and DMN models: bpmnlint (recommended rules + Camunda 7.24 compatibility) and dmnlint
# (recommended rules), configured by .bpmnlintrc and .dmnlintrc at the top of this repository.
# The linters (pinned versions below) are installed once from the npm registry into a cache folder;
# nothing is installed into the repository. Needs Node.js 18+ and npm.
#
# Usage: tools/lint-models.sh [folder-or-file ...]     (default: the repository's processes/)
#        LINT_CACHE=/some/dir tools/lint-models.sh      (another cache folder)
# Exit status 0 when every model is clean, 1 when a linter reports a problem.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Change a version here and the next run installs into a fresh cache folder.
linters=(bpmnlint@11.15.0 bpmnlint-plugin-camunda-compat@2.61.0 dmnlint@0.2.0)
key=$(printf '%s\n' "${linters[@]}" | sha1sum | cut -c1-12)
cache=${LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/collectwise-model-lint}/$key

if [ ! -x "$cache/node_modules/.bin/bpmnlint" ] || [ ! -x "$cache/node_modules/.bin/dmnlint" ]; then
  command -v npm >/dev/null || { echo "lint-models: npm not found (install Node.js 18+)" >&2; exit 2; }
  echo "lint-models: installing ${linters[*]} into $cache" >&2
  # install next to the cache and move it in place at the end: an interrupted install leaves no half cache
  mkdir -p "$(dirname "$cache")"
  tmp=$(mktemp -d "$cache.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm init -y >/dev/null \
     && npm install --save-exact --no-audit --no-fund --loglevel=error "${linters[@]}" >/dev/null)
  rm -rf "$cache" && mv "$tmp" "$cache"
  trap - EXIT
fi

[ $# -gt 0 ] || set -- "$root/processes"
bpmn=(); dmn=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r -d '' f; do bpmn+=("$(realpath "$f")"); done < <(find "$arg" -name '*.bpmn' -print0 | sort -z)
    while IFS= read -r -d '' f; do dmn+=("$(realpath "$f")"); done < <(find "$arg" -name '*.dmn' -print0 | sort -z)
  elif [ -f "$arg" ]; then
    case "$arg" in
      *.bpmn) bpmn+=("$(realpath "$arg")") ;;
      *.dmn) dmn+=("$(realpath "$arg")") ;;
      *) echo "lint-models: not a .bpmn or .dmn file: $arg" >&2; exit 2 ;;
    esac
  else
    echo "lint-models: no such file or folder: $arg" >&2; exit 2
  fi
done
if [ ${#bpmn[@]} -eq 0 ] && [ ${#dmn[@]} -eq 0 ]; then
  echo "lint-models: no .bpmn or .dmn files in $*" >&2; exit 2
fi

status=0
# run from the cache folder: the linters resolve their plugins (camunda-compat) from its node_modules
if [ ${#bpmn[@]} -gt 0 ]; then
  (cd "$cache" && ./node_modules/.bin/bpmnlint -c "$root/.bpmnlintrc" "${bpmn[@]}") || status=1
fi
if [ ${#dmn[@]} -gt 0 ]; then
  (cd "$cache" && ./node_modules/.bin/dmnlint -c "$root/.dmnlintrc" "${dmn[@]}") || status=1
fi
if [ $status -eq 0 ]; then
  echo "models lint clean: ${#bpmn[@]} BPMN, ${#dmn[@]} DMN"
fi
exit $status
