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

# fuzz_once PKG NAME: one fuzzing run, output shown and kept in $out.
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
fuzz_once() {
  go test -run '^$' -fuzz "^${2}\$" -fuzztime "$fuzztime" -fuzzminimizetime 1s "$1" 2>&1 | tee "$out"
  return "${PIPESTATUS[0]}"
}

echo "fuzz: ${#targets[@]} target(s), $fuzztime each"
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $pkg $name"
  fuzz_once "$pkg" "$name" && continue
  # Go 1.26's fuzzing coordinator can report a bare "context deadline exceeded"
  # when -fuzztime expires while a worker is busy on a loaded machine
  # (golang/go#75804, fixed in Go 1.27): no failing input, no panic. Retry that
  # case once; any real finding (a failing input written, a panic, a test
  # error) fails at once.
  if grep -q 'context deadline exceeded' "$out" &&
    ! grep -qE 'Failing input written|panic:|_test\.go:[0-9]+:' "$out"; then
    echo "fuzz: $name hit the fuzztime deadline race of Go's coordinator (golang/go#75804), no failing input; retrying once"
    fuzz_once "$pkg" "$name" && continue
  fi
  echo "fuzz: $pkg $name FAILED" >&2
  exit 1
done
echo "fuzz: all targets passed"
