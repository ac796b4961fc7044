#!/usr/bin/env bash
# Browser tests of the explorer page: builds cablegraph, serves the example
# cable (or DATA=path) from the embedded store on a free loopback port, and
# runs explorer/e2e in headless Chromium with playwright-core.
# SCREENSHOT_DIR=docs/screenshots keeps the screenshots.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "explorer-test: $chromium not found; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM" >&2
  exit 1
fi
(cd explorer && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error; })
mkdir -p bin
go build -o bin/cablegraph ./cmd/cablegraph
port=${PORT:-$((20000 + RANDOM % 20000))}
log=$(mktemp)
args=(serve --addr "127.0.0.1:$port")
for d in ${DATA:-}; do args+=(--data "$d"); done
bin/cablegraph "${args[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 ${WAIT_SECONDS:-120}); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "explorer-test: cablegraph serve exited:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "explorer-test: server not ready" >&2; tail -20 "$log" >&2; exit 1; }
[ -n "${SCREENSHOT_DIR:-}" ] && mkdir -p "$SCREENSHOT_DIR" && export SCREENSHOT_DIR=$(cd "$SCREENSHOT_DIR" && pwd)
cd explorer
CABLEGRAPH_URL="http://127.0.0.1:$port" CHROMIUM="$chromium" node --test --test-reporter=spec e2e/
