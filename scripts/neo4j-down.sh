#!/usr/bin/env bash
# Stop the development/CI Neo4j started by scripts/neo4j-up.sh, by its recorded pid. Idempotent.
# Environment: NEO4J_STOP_TIMEOUT seconds to wait after TERM before KILL (default 60), NEO4J_DIR.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${NEO4J_DIR:-$repo/.neo4j}"
pidfile="$state/neo4j.pid"
timeout_s="${NEO4J_STOP_TIMEOUT:-60}"

log() { printf 'neo4j-down: %s\n' "$*"; }

alive() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'cablegraph.Neo4jLauncher'
}

if [[ ! -f "$pidfile" ]]; then
  log "not running (no $pidfile)"
  exit 0
fi
pid="$(cat "$pidfile" 2>/dev/null || true)"
if ! alive "$pid"; then
  log "not running (stale pid ${pid:-none}); cleaning up"
  rm -f "$pidfile" "$state/ready"
  exit 0
fi

t0=$(date +%s)
log "stopping pid $pid (TERM)"
kill -TERM "$pid" 2>/dev/null || true
while alive "$pid"; do
  if (( $(date +%s) - t0 >= timeout_s )); then
    log "pid $pid still alive after ${timeout_s}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.5
done
rm -f "$pidfile" "$state/ready"
log "stopped in $(( $(date +%s) - t0 ))s"
