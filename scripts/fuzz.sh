#!/usr/bin/env bash
# Run every Fuzz* target in the module for FUZZTIME each (default 10s).
# Targets are discovered with `go test -list '^Fuzz' ./...`; none found is not an error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
fuzztime="${FUZZTIME:-10s}"

# `go test -list` prints the matching names of a package, then a line "ok  <pkg> <time>";
# packages without tests print "?   <pkg> [no test files]".
listing="$(go test -list '^Fuzz' ./...)"
targets=()
names=()
while IFS= read -r line; do
  case "$line" in
    Fuzz*) names+=("$line") ;;
    ok*)
      pkg="$(awk '{print $2}' <<<"$line")"
      for n in "${names[@]+"${names[@]}"}"; do targets+=("$pkg $n"); done
      names=()
      ;;
    *) names=() ;;
  esac
done <<<"$listing"

if (( ${#targets[@]} == 0 )); then
  echo "fuzz: no Fuzz* targets found; nothing to do"
  exit 0
fi

echo "fuzz: ${#targets[@]} target(s), $fuzztime each"
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $pkg $name"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 1s "$pkg"
done
echo "fuzz: all targets passed"
