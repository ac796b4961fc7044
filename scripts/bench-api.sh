#!/usr/bin/env bash
# Query benchmark (issue [F]): the same six questions asked of cablegraph on the
# embedded store, cablegraph on Neo4j, and the peer (the Neo4j GraphQL Library
# in bench/neo4j-graphql on the same Neo4j), each measured by tools/loadgen on
# loopback for a bounded time. Servers run one at a time so they do not compete
# for the two cores. Results: JSON lines in $RESULTS; a table with the ratios
# ours/theirs for p50, p99 and throughput on stdout.
#
# The Neo4j instance must already hold the graph (make bench-load, or
# cablegraph load --neo4j bolt://127.0.0.1:7688 ...).
#
# Environment (all optional):
#   BENCH_DIR      work folder (default /work/bench-data)
#   DATA           cables the embedded store loads at start-up
#                  (default <repo>/../shared/data/cables/cablegate-html-fragments)
#   TARGETS        any of "embedded neo4j peer" (default all three)
#   DURATION       per query, e.g. 10s (default 10s, capped at 60s)
#   CONCURRENCY    concurrent clients (default 4, capped at 32)
#   ONLY           comma-separated query names (default all)
#   PERSON_A, PERSON_B   persons for connection in both query files (default: those in the files)
#   CABLE_ID       cable for cableById and neighborhood (default: the one in the files); the
#                  files name a cable and persons of the shared cables, a generated corpus needs its own
#   NEO4J_PORT     the benchmark Neo4j (default 7688)
#   RESULTS        output file (default $BENCH_DIR/api-results.jsonl; appended)
#   BUILD          1 (default) builds cablegraph and loadgen into $BENCH_DIR; 0 reuses them
#   LABEL          tag written into each result line (default: the DATA file name)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${BENCH_DIR:-/work/bench-data}"
data="${DATA:-$repo/../shared/data/cables/cablegate-html-fragments}"
targets="${TARGETS:-embedded neo4j peer}"
duration="${DURATION:-10s}"
concurrency="${CONCURRENCY:-4}"
only="${ONLY:-}"
neo4j_port="${NEO4J_PORT:-7688}"
uri="bolt://127.0.0.1:$neo4j_port"
results="${RESULTS:-$bench_dir/api-results.jsonl}"
label="${LABEL:-$(basename "$data")}"
ours_port="${OURS_PORT:-18080}"
peer_port="${PEER_PORT:-14000}"
bin="$bench_dir/cablegraph"
loadgen="$bench_dir/loadgen"
run_id="$(date -u +%Y%m%dT%H%M%SZ)"

log() { printf 'bench-api: %s\n' "$*" >&2; }
die() { printf 'bench-api: ERROR: %s\n' "$*" >&2; exit 1; }

# Bounds: the machine is shared.
secs="${duration%s}"
[[ "$secs" =~ ^[0-9]+$ ]] || die "DURATION must be whole seconds like 10s, got $duration"
((secs <= 60)) || { log "DURATION capped at 60s"; duration=60s; }
((concurrency >= 1 && concurrency <= 32)) || die "CONCURRENCY must be 1..32"
[[ "$neo4j_port" != 7687 ]] || die "NEO4J_PORT=7687 is the shared dev Neo4j; benchmark your own (default 7688)"
command -v jq >/dev/null || die "jq is needed"
# A missing DATA would start an empty embedded store and measure only errors.
if [[ " $targets " == *" embedded "* && "$data" != - && ! -e "$data" ]]; then
  die "DATA $data not found (the shared cables are looked for beside the checkout, in ../shared); set DATA"
fi
mkdir -p "$bench_dir"

if [[ "${BUILD:-1}" == 1 ]]; then
  log "building cablegraph and loadgen"
  (cd "$repo" && go build -o "$bin" ./cmd/cablegraph && go build -o "$loadgen" ./tools/loadgen) ||
    die "build failed; BUILD=0 reuses $bin and $loadgen"
fi
[[ -x "$bin" && -x "$loadgen" ]] || die "$bin or $loadgen missing; run with BUILD=1"

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# wait_http URL PID [get]: until a trivial GraphQL query answers, or with
# get until a GET of URL (cablegraph's /readyz) answers 2xx.
wait_http() {
  local i
  local ask=(-H 'Content-Type: application/json' -d '{"query":"{ __typename }"}')
  [[ "${3:-}" == get ]] && ask=()
  for ((i = 0; i < 3600; i++)); do
    if curl -sf -m 5 "${ask[@]}" "$1" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$2" 2>/dev/null || die "server pid $2 exited (see $bench_dir/*.err)"
    sleep 0.5
  done
  die "no answer from $1"
}

stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

start_ours() { # start_ours ARGS...: cablegraph serve; sets OURS_PID
  local t0; t0=$(date +%s%N)
  "$bin" serve --addr "127.0.0.1:$ours_port" "$@" >"$bench_dir/ours.out" 2>"$bench_dir/ours.err" &
  OURS_PID=$!
  pids+=("$OURS_PID")
  # /readyz: for Neo4j, after the warm-up (plans, hubs) serve does at start.
  wait_http "http://127.0.0.1:$ours_port/readyz" "$OURS_PID" get
  # The start-up (for the embedded store: the whole load; for Neo4j: the
  # warm-up) as one more result line.
  local ready_s; ready_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b-a)/1e9}')
  local cpu_s; cpu_s=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$OURS_PID/stat")
  local hwm; hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$OURS_PID/status")
  jq -nc --arg run "$run_id" --arg lbl "$label" --arg args "$*" --argjson ready "$ready_s" --argjson cpu "$cpu_s" \
    --argjson hwm "$hwm" --arg summary "$(grep -E '^read [0-9]+ records' "$bench_dir/ours.err" | tail -1)" \
    '{startup: $args, ready_s: $ready, cpu_s: $cpu, peak_rss_mb: $hwm, summary: $summary, run: $run, label: $lbl}' |
    tee -a "$bench_dir/startup-results.jsonl" >&2
}

# Persons for connection: the query files name two well-connected persons of the
# shared cables (cablegraph by name, the peer by key); PERSON_A/PERSON_B override both.

# queries FILE: the query file with the connection persons filled in.
queries() {
  local out="$bench_dir/$(basename "$1" .json)-$run_id.json"
  jq --arg a "${PERSON_A:-}" --arg b "${PERSON_B:-}" --arg id "${CABLE_ID:-}" '
    (if $a != "" and $b != "" then .connection.variables = {a: $a, b: $b} else . end)
    | (if $id != "" then .cableById.variables.id = $id | .neighborhood.variables.id = $id else . end)' "$1" >"$out"
  echo "$out"
}

measure() { # measure NAME URL QUERYFILE
  local args=(-url "$2" -name "$1" -queries "$(queries "$3")" -duration "$duration" -concurrency "$concurrency")
  [[ -n "$only" ]] && args+=(-only "$only")
  log "measuring $1 ($duration per query, $concurrency clients)"
  "$loadgen" "${args[@]}" | jq -c --arg run "$run_id" --arg lbl "$label" '. + {run: $run, label: $lbl}' | tee -a "$results"
}

for t in $targets; do
  case "$t" in
    embedded)
      log "starting cablegraph on the embedded store with $data (loads at start-up)"
      start_ours --data "$data"
      measure cablegraph-embedded "http://127.0.0.1:$ours_port/graphql" "$repo/bench/queries/cablegraph.json"
      stop "$OURS_PID";;
    neo4j)
      log "starting cablegraph on Neo4j $uri"
      start_ours --neo4j "$uri"
      measure cablegraph-neo4j "http://127.0.0.1:$ours_port/graphql" "$repo/bench/queries/cablegraph.json"
      stop "$OURS_PID";;
    peer)
      [[ -d "$repo/bench/neo4j-graphql/node_modules" ]] || (cd "$repo/bench/neo4j-graphql" && npm ci --no-audit --no-fund >&2)
      log "starting the peer (@neo4j/graphql) on $uri"
      (cd "$repo/bench/neo4j-graphql" && PORT="$peer_port" NEO4J_URI="$uri" exec node server.js) \
        >"$bench_dir/peer.out" 2>"$bench_dir/peer.err" &
      peer_pid=$!
      pids+=("$peer_pid")
      wait_http "http://127.0.0.1:$peer_port/" "$peer_pid"
      measure neo4j-graphql "http://127.0.0.1:$peer_port/" "$repo/bench/queries/neo4j-graphql.json"
      stop "$peer_pid";;
    *) die "unknown target $t";;
  esac
done

log "results appended to $results (run $run_id)"
# The table: every query of this run, each target, and ours/theirs ratios.
jq -rs --arg run "$run_id" '
  [ .[] | select(.run == $run) ] as $r
  | ($r | map(select(.target == "neo4j-graphql")) | INDEX(.query)) as $peer
  | ["target", "query", "rps", "p50_ms", "p95_ms", "p99_ms", "errors", "p50_ratio", "p99_ratio", "rps_ratio"],
    ($r[] | . as $x | ($peer[$x.query] // null) as $p
      | [ $x.target, $x.query, ($x.rps|floor), $x.p50_ms, $x.p95_ms, $x.p99_ms, $x.errors,
          (if $p and $x.target != "neo4j-graphql" and $p.p50_ms > 0 then ($x.p50_ms / $p.p50_ms * 100 | round / 100) else "-" end),
          (if $p and $x.target != "neo4j-graphql" and $p.p99_ms > 0 then ($x.p99_ms / $p.p99_ms * 100 | round / 100) else "-" end),
          (if $p and $x.target != "neo4j-graphql" and $p.rps > 0 then ($x.rps / $p.rps * 100 | round / 100) else "-" end) ])
  | @tsv' "$results" | column -t
echo "ratios are ours/theirs: p50 and p99 below 1 and rps above 1 mean cablegraph is better"
