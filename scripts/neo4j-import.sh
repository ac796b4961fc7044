#!/usr/bin/env bash
# First load of a corpus into an EMPTY Neo4j through the offline importer (neo4j-admin database import
# full), an order of magnitude faster than the Bolt load for the whole release. Later loads (changed or
# new cables) go through the normal Bolt `cablegraph load`, which skips every unchanged cable.
#
# Steps, each timed (wall and CPU seconds, peak memory):
#   1. cablegraph load --import-dir: parse + extract, write the importer's CSV files (same rows as Bolt)
#   2. stop the server on NEO4J_DIR (scripts/neo4j-down.sh); the importer needs the database offline
#   3. neo4j-admin database import full --overwrite-destination (REPLACES the database "neo4j")
#   4. start the server (scripts/neo4j-up.sh)
#   5. cablegraph load --finish-import over Bolt: schema and indexes (waits until ONLINE), the empty
#      lists the importer cannot write. The aggregates (Person cable counts etc.) are in the CSV
#      already, folded in memory by the Bolt bulk load's code.
#
# Usage: scripts/neo4j-import.sh PATH...   (files or directories, as for cablegraph load)
#        IMPORT_FROM=DIR scripts/neo4j-import.sh   (DIR holds files written by load --import-dir)
# Environment:
#   NEO4J_DIR, NEO4J_PORT, NEO4J_HEAP, NEO4J_PAGECACHE   as for scripts/neo4j-up.sh
#   IMPORT_DIR        where the CSV files go (default $NEO4J_DIR/import-csv; emptied first)
#   IMPORT_HEAP       JVM heap of the importer (default 2g); it also takes off-heap memory
#   IMPORT_OFF_HEAP   --max-off-heap-memory of the importer (default 3g)
#   LOAD_FLAGS        extra flags for the CSV-writing load, e.g. "--gazetteer ../shared/data/gazetteers"
#   CABLEGRAPH_BIN    a built cablegraph binary (default: built into $NEO4J_DIR/cablegraph). The Bolt
#                     re-load must use the SAME binary: the raw hash that skips unchanged records is
#                     salted with the binary.
#   KEEP_CSV=1        keep the CSV files (default: removed after a successful import)
#   IMPORT_FROM=DIR   skip step 1 and import the files already in DIR (kept)
#   IMPORT_NO_FINISH=1  skip step 5 (the caller runs Store.FinishImport itself, as the tests do)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$repo/tools/neo4j"
state="$(mkdir -p "${NEO4J_DIR:-$repo/.neo4j}" && cd "${NEO4J_DIR:-$repo/.neo4j}" && pwd)"
port="${NEO4J_PORT:-7687}"
csv="${IMPORT_DIR:-$state/import-csv}"
bin="${CABLEGRAPH_BIN:-$state/cablegraph}"
times="$state/import-times.txt"

log() { printf 'neo4j-import: %s\n' "$*"; }
die() { printf 'neo4j-import: ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -n "${IMPORT_FROM:-}" ]]; then
  csv="$(cd "$IMPORT_FROM" && pwd)"
  KEEP_CSV=1
  [[ -f "$csv/import.args" ]] || die "$csv/import.args is missing: write DIR with cablegraph load --import-dir DIR"
fi
(( $# > 0 )) || [[ -n "${IMPORT_FROM:-}" ]] || die "usage: scripts/neo4j-import.sh PATH... (see the header of this script)"
[[ -d "$tool/target/lib" ]] || die "$tool/target/lib is missing: run make neo4j-up once to build the launcher"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed to report CPU seconds"

# timed NAME CMD...: runs CMD, appends "NAME wall cpu maxrss" to $times and logs it.
timed() {
  local name="$1" tf rc=0
  shift
  tf="$(mktemp)"
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" || rc=$?
  read -r wall user sys rss < <(tail -n 1 "$tf") || true
  rm -f "$tf"
  local cpu
  cpu="$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.1f", u + s }')"
  printf '%-10s wall %6.1fs  cpu %7.1fs  peak %6d MiB  rc %d\n' "$name" "${wall:-0}" "$cpu" $(( ${rss:-0} / 1024 )) "$rc" | tee -a "$times"
  return "$rc"
}

: >"$times"
if [[ -z "${CABLEGRAPH_BIN:-}" && ( -z "${IMPORT_FROM:-}" || -z "${IMPORT_NO_FINISH:-}" ) ]]; then
  log "building $bin"
  (cd "$repo" && go build -o "$bin" ./cmd/cablegraph)
fi

if [[ -z "${IMPORT_FROM:-}" ]]; then
  rm -rf "$csv"
  log "1/5 writing import files into $csv"
  # shellcheck disable=SC2086 # LOAD_FLAGS is a list of flags
  timed csv "$bin" load --import-dir "$csv" ${LOAD_FLAGS:-} "$@"
else
  log "1/5 using the import files in $csv"
fi

log "2/5 stopping the server on $state (if running)"
NEO4J_DIR="$state" "$repo/scripts/neo4j-down.sh"

log "3/5 importing (replaces database neo4j in $state/data)"
mkdir -p "$state/conf" "$state/data"
printf 'server.directories.data=%s\nserver.directories.logs=%s\n' "$state/data" "$state/logs" >"$state/conf/neo4j.conf"
timed import env NEO4J_HOME="$state" NEO4J_CONF="$state/conf" java "-Xmx${IMPORT_HEAP:-2g}" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --enable-native-access=ALL-UNNAMED \
  -cp "$tool/target/classes:$tool/target/lib/*" org.neo4j.cli.AdminTool \
  database import full neo4j --overwrite-destination "--max-off-heap-memory=${IMPORT_OFF_HEAP:-3g}" \
  "--report-file=$state/import.report" "@$csv/import.args" >"$state/import.log" 2>&1 ||
  { tail -n 40 "$state/import.log" >&2; die "import failed (log $state/import.log)"; }
grep -E '^(IMPORT DONE|  [0-9]+ (nodes|relationships|properties)|Peak memory)' "$state/import.log" || true

log "4/5 starting the server on port $port"
# Index population (step 5) is the longest step: let Lucene merge segments in the background and
# buffer more per flush. Rebuilding interactedEvidence at full size took 54 s instead of 60 s (same
# CPU) with these; NEO4J_SETTINGS from the caller replaces them.
index_settings="internal.dbms.index.lucene.population_serial_merge_scheduler=false"
index_settings+=" internal.dbms.index.lucene.population_ram_buffer_size=256"
timed start env NEO4J_DIR="$state" NEO4J_PORT="$port" NEO4J_SETTINGS="${NEO4J_SETTINGS:-$index_settings}" \
  "$repo/scripts/neo4j-up.sh"

# server_cpu: CPU seconds the server JVM has used so far (it runs in the background, so time(1) of
# the Bolt client does not count it).
server_cpu() {
  local pid
  pid="$(cat "$state/neo4j.pid")"
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat"
}

if [[ -n "${IMPORT_NO_FINISH:-}" ]]; then
  log "5/5 skipped (IMPORT_NO_FINISH)"
  cat "$times"
  exit 0
fi
log "5/5 schema and indexes over Bolt"
c0="$(server_cpu)"
timed finish "$bin" load --neo4j "bolt://127.0.0.1:$port" --finish-import
c1="$(server_cpu)"
printf '%-10s server cpu %7.1fs (Neo4j JVM during finish)\n' finish "$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')" | tee -a "$times"

[[ "${KEEP_CSV:-}" == 1 ]] || rm -rf "$csv"
log "done; times (also in $times):"
cat "$times"
