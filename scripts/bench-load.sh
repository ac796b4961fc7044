#!/usr/bin/env bash
# Load-throughput benchmark (issue [F]): loads a corpus into Neo4j and into the
# embedded store and records cables/s, relationships/s, wall time, peak RSS of
# the loader and of Neo4j, and the re-load time of the unchanged corpus. Also
# runs the parse/extract Go benchmarks (throughput per core and on all cores).
#
# Results go to $BENCH_DIR/load-results.jsonl (one JSON object per run) and a
# table on stdout. Everything big stays under $BENCH_DIR, outside the repo.
#
# Environment (all optional):
#   BENCH_DIR        work folder (default /work/bench-data)
#   SETS             which corpora: "shared", "full" or "shared full" (default)
#   SHARED_CABLES    the real cables (default <repo>/../shared/data/cables/cablegate-html-fragments)
#   CORPUS           the full-size corpus (default $BENCH_DIR/cables.csv; generated with cablegraph gen if missing)
#   COUNT            cables in a generated corpus (default 251287)
#   NEO4J_PORT       the benchmark Neo4j's Bolt port (default 7688: NOT the shared dev instance)
#   NEO4J_DIR        its state folder (default /work/bench-neo4j); wiped before each load
#   NEO4J_HEAP, NEO4J_PAGECACHE   its memory (default 4g each)
#   TARGETS          "neo4j embedded" (default) or one of them
#   BUILD            1 (default) builds cablegraph into $BENCH_DIR; 0 reuses the last build
#   GO_BENCH         1 (default) to run the parse/extract Go benchmarks, 0 to skip
#   LOAD_TIMEOUT     stop a Neo4j load after this many seconds (SIGINT: the batch in flight
#                    is committed) and report the rate reached; 0 (default) = no limit
#
# Besides wall time, the CPU seconds of the loader and of the Neo4j JVM are recorded: on a
# machine shared with others, wall time measures the neighbours, CPU time measures us.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${BENCH_DIR:-/work/bench-data}"
sets="${SETS:-shared full}"
shared_cables="${SHARED_CABLES:-$repo/../shared/data/cables/cablegate-html-fragments}"
corpus="${CORPUS:-$bench_dir/cables.csv}"
count="${COUNT:-251287}"
targets="${TARGETS:-neo4j embedded}"
export NEO4J_PORT="${NEO4J_PORT:-7688}"
export NEO4J_DIR="${NEO4J_DIR:-/work/bench-neo4j}"
export NEO4J_HEAP="${NEO4J_HEAP:-4g}"
export NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-4g}"
export NEO4J_TX_TIMEOUT="${NEO4J_TX_TIMEOUT:-600}"
uri="bolt://127.0.0.1:$NEO4J_PORT"
load_timeout="${LOAD_TIMEOUT:-0}"
results="$bench_dir/load-results.jsonl"
bin="$bench_dir/cablegraph"
serve_port="${SERVE_PORT:-18090}"

log() { printf 'bench-load: %s\n' "$*" >&2; }
die() { printf 'bench-load: ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "$NEO4J_PORT" == 7687 ]]; then
  die "NEO4J_PORT=7687 is the shared dev/CI Neo4j that colleagues' tests wipe; use your own (default 7688)"
fi
mkdir -p "$bench_dir"
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time for peak-RSS figures"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
command -v jq >/dev/null || die "jq is needed"

if [[ "${BUILD:-1}" == 1 ]]; then
  log "building cablegraph into $bin"
  (cd "$repo" && go build -o "$bin" ./cmd/cablegraph) || die "build failed; BUILD=0 reuses $bin"
fi
[[ -x "$bin" ]] || die "$bin missing; run with BUILD=1"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# gnu_time FIELD FILE: a field of /usr/bin/time -v output.
gnu_time() { grep -F "$1" "$2" | head -1 | awk -F': ' '{print $2}'; }

# neo4j_fresh: stop the benchmark Neo4j, wipe its data, start it again.
neo4j_fresh() {
  "$repo/scripts/neo4j-down.sh" >&2 || true
  rm -rf "$NEO4J_DIR/data"
  "$repo/scripts/neo4j-up.sh" >&2
}

neo4j_cpu_s() { # user+system CPU seconds of the Neo4j JVM so far
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' "/proc/$(cat "$NEO4J_DIR/neo4j.pid")/stat"
}

neo4j_hwm_mb() { # peak RSS of the Neo4j launcher JVM, in MB
  local pid; pid="$(cat "$NEO4J_DIR/neo4j.pid")"
  awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status"
}

# stats URL: relationships and cables as JSON from a running cablegraph serve.
stats() {
  curl -sf -m 600 -H 'Content-Type: application/json' \
    -d '{"query":"{ stats { cables relationships { label count } nodes { label count } } }"}' "$1" |
    jq -c '.data.stats | {cables: ([.nodes[] | select(.label == "Cable") | .count] | add), relationships: ([.relationships[].count] | add), nodes: ([.nodes[].count] | add)}'
}

# serve_until_ready ARGS...: start cablegraph serve under /usr/bin/time in the background and
# wait for the "playground at" line; sets SERVE_PID, SERVE_READY_MS and SERVE_TIME_FILE.
serve_until_ready() {
  local out="$bench_dir/serve.out" err="$bench_dir/serve.err"
  SERVE_TIME_FILE="$bench_dir/serve.time"
  : >"$out"
  local t0; t0=$(now_ms)
  /usr/bin/time -v -o "$SERVE_TIME_FILE" "$bin" serve --addr "127.0.0.1:$serve_port" "$@" >"$out" 2>"$err" &
  SERVE_PID=$!
  until grep -q 'playground at' "$out"; do
    kill -0 "$SERVE_PID" 2>/dev/null || { tail -20 "$err" >&2; die "cablegraph serve exited"; }
    sleep 0.2
  done
  SERVE_READY_MS=$(( $(now_ms) - t0 ))
}

serve_stop() { # stop the serve child of /usr/bin/time (which does not forward signals), then time
  local child; child="$(pgrep -P "$SERVE_PID" || true)"
  [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null
  wait "$SERVE_PID" 2>/dev/null || true
}

record() { echo "$1" | tee -a "$results" >&2; }

bench_neo4j() { # bench_neo4j LABEL PATH
  local label="$1" path="$2" tf="$bench_dir/load.time" lerr="$bench_dir/load-$1.err"
  log "[$label] Neo4j: fresh database on $uri"
  neo4j_fresh
  log "[$label] Neo4j: first load of $path"
  local t0 t1 c0 c1 complete=true; t0=$(now_ms); c0=$(neo4j_cpu_s)
  local limit=(); ((load_timeout > 0)) && limit=(timeout -s INT "$load_timeout")
  "${limit[@]}" /usr/bin/time -v -o "$tf" "$bin" load --neo4j "$uri" "$path" 2>"$lerr" ||
    { log "load exited non-zero (see $lerr)"; grep -q 'interrupted\|not written\|Command terminated' "$lerr" "$tf" && complete=false; }
  t1=$(( $(now_ms) - t0 )); c1=$(neo4j_cpu_s)
  local lcpu; lcpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$tf")
  local rss; rss=$(( $(gnu_time 'Maximum resident set size' "$tf") / 1024 ))
  local summary; summary="$(grep -E '^read [0-9]+ records' "$lerr" | tail -1)"
  serve_until_ready --neo4j "$uri"
  local st; st="$(stats "http://127.0.0.1:$serve_port/graphql")"
  serve_stop
  local hwm; hwm="$(neo4j_hwm_mb)"
  local r0 r1=0 resummary="not run: the first load did not complete"; r0=$(now_ms)
  if [[ "$complete" == true ]]; then
    log "[$label] Neo4j: re-load of the unchanged corpus"
    /usr/bin/time -v -o "$tf.re" "$bin" load --neo4j "$uri" "$path" 2>"$lerr.re" || log "re-load exited non-zero (see $lerr.re)"
    r1=$(( $(now_ms) - r0 ))
    resummary="$(grep -E '^read [0-9]+ records' "$lerr.re" | tail -1)"
  fi
  hwm2="$(neo4j_hwm_mb)"
  record "$(jq -nc --arg set "$label" --argjson st "$st" --argjson ms "$t1" --argjson rms "$r1" \
    --argjson rss "$rss" --argjson hwm "$hwm2" --arg summary "$summary" --arg resummary "$resummary" \
    --argjson complete "$complete" --argjson lcpu "$lcpu" --argjson ncpu "$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.1f", b-a}')" \
    '{set: $set, store: "neo4j", cables: $st.cables, relationships: $st.relationships, nodes: $st.nodes,
      wall_s: ($ms/1000), cables_per_s: ($st.cables/($ms/1000)), rels_per_s: ($st.relationships/($ms/1000)),
      loader_peak_rss_mb: $rss, neo4j_peak_rss_mb: $hwm, reload_wall_s: ($rms/1000),
      loader_cpu_s: $lcpu, neo4j_cpu_s: $ncpu, complete: $complete,
      cables_per_cpu_s: ($st.cables/($lcpu+$ncpu)),
      reload_ratio: ($rms/$ms), summary: $summary, reload_summary: $resummary}')"
}

bench_embedded() { # bench_embedded LABEL PATH
  local label="$1" path="$2"
  log "[$label] embedded: serve --data $path (load at start-up, then ready)"
  serve_until_ready --data "$path"
  local st; st="$(stats "http://127.0.0.1:$serve_port/graphql")"
  serve_stop
  local rss; rss=$(( $(gnu_time 'Maximum resident set size' "$SERVE_TIME_FILE") / 1024 ))
  local summary; summary="$(grep -E '^read [0-9]+ records' "$bench_dir/serve.err" | tail -1)"
  local cpu; cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$SERVE_TIME_FILE")
  record "$(jq -nc --arg set "$label" --argjson st "$st" --argjson ms "$SERVE_READY_MS" --argjson rss "$rss" \
    --arg summary "$summary" --argjson cpu "$cpu" \
    '{set: $set, store: "embedded", cables: $st.cables, relationships: $st.relationships, nodes: $st.nodes,
      wall_s: ($ms/1000), cables_per_s: ($st.cables/($ms/1000)), rels_per_s: ($st.relationships/($ms/1000)),
      loader_peak_rss_mb: $rss, loader_cpu_s: $cpu, note: "wall time to ready; CPU time includes serving the stats query",
      summary: $summary}')"
}

for set in $sets; do
  case "$set" in
    shared) path="$shared_cables"; [[ -d "$path" ]] || die "$path not present (the shared real cables)";;
    full)
      path="$corpus"
      if [[ ! -f "$path" ]]; then
        log "generating $count cables into $path"
        "$bin" gen --from "$shared_cables" --count "$count" --out "$path"
      fi;;
    *) die "unknown set $set (shared or full)";;
  esac
  for t in $targets; do
    case "$t" in
      neo4j) bench_neo4j "$set" "$path";;
      embedded) bench_embedded "$set" "$path";;
      *) die "unknown target $t";;
    esac
  done
done

if [[ "${GO_BENCH:-1}" == 1 ]]; then
  # Parse alone (MB/s, one goroutine), parse+extract per core (cables/s and cables per CPU
  # second, which contention does not distort), and the whole pipeline without a store on
  # 1 core and on all cores (the loader's parallel parse+extract).
  log "parse/extract Go benchmarks (per core, then all cores)"
  (cd "$repo" &&
    go test -run '^$' -bench 'ParseCorpus' -benchtime 3x ./loader/parse &&
    go test -run '^$' -bench 'ParseExtract$' -benchtime 4000x -cpu 1 ./loader/extract &&
    go test -run '^$' -bench 'StreamParseExtract' -benchtime 1x -cpu "1,$(nproc)" ./loader) |
    tee "$bench_dir/gobench.txt" >&2
fi

log "results in $results"
jq -r '[.set, .store, .cables, .relationships, (.wall_s|tostring), (.cables_per_s|floor), (.rels_per_s|floor),
        .loader_peak_rss_mb, (.neo4j_peak_rss_mb // "-"), .loader_cpu_s, (.neo4j_cpu_s // "-"), (.reload_wall_s // "-")] | @tsv' "$results" |
  (echo -e "set\tstore\tcables\trels\twall_s\tcables/s\trels/s\tloader_MB\tneo4j_MB\tloader_cpu_s\tneo4j_cpu_s\treload_s"; cat) | column -t
