#!/usr/bin/env bash
# Start the development/CI Neo4j (tools/neo4j) in the background and return once Bolt answers.
#
# Idempotent: if the recorded launcher is alive and answers on the port, says so and exits 0.
# Environment:
#   NEO4J_PORT            Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_HEAP            JVM heap, used for -Xms and -Xmx (default 2g)
#   NEO4J_PAGECACHE       page cache (default 1g)
#   NEO4J_TX_TIMEOUT      transaction timeout in seconds (default 600)
#   NEO4J_TX_MEMORY       cap on memory of all running transactions (default: 70% of heap)
#   NEO4J_SETTINGS        further Neo4j settings, "name=value name=value" (see tools/neo4j)
#   NEO4J_START_TIMEOUT   seconds to wait for readiness (default 180)
#   NEO4J_DIR             state folder (default <repo>/.neo4j)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$repo/tools/neo4j"
state="${NEO4J_DIR:-$repo/.neo4j}"
port="${NEO4J_PORT:-7687}"
heap="${NEO4J_HEAP:-2g}"
timeout_s="${NEO4J_START_TIMEOUT:-180}"
pidfile="$state/neo4j.pid"
logfile="$state/neo4j.log"
readyfile="$state/ready"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d' $((d / 1000)) $(((d % 1000) / 100)); }
log() { printf 'neo4j-up: %s\n' "$*"; }
die() { printf 'neo4j-up: ERROR: %s\n' "$*" >&2; exit 1; }

alive() { # alive PID: true if PID runs our launcher
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'cablegraph.Neo4jLauncher'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# bolt_ok: a real Bolt handshake. Send the magic preamble and four version proposals
# (5.8 down to 5.0, 4.4, then none); a Bolt server answers with the chosen version, major byte last.
bolt_ok() {
  local reply
  reply="$(
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf '\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00' >&3
    timeout 5 head -c 4 <&3 | od -An -tx1 | tr -d ' \n'
  )" 2>/dev/null || return 1
  [[ "$reply" =~ ^0000..0[45]$ ]]
}

show_log_tail() {
  if [[ -f "$logfile" ]]; then
    printf -- '--- last 40 lines of %s ---\n' "$logfile" >&2
    tail -n 40 "$logfile" >&2
    printf -- '--- end of log ---\n' >&2
  fi
}

mkdir -p "$state"

# Already running?
if [[ -f "$pidfile" ]]; then
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if alive "$pid"; then
    if [[ -f "$readyfile" ]] && bolt_ok; then
      log "already running (pid $pid) and answering on bolt://127.0.0.1:$port"
      exit 0
    fi
    log "launcher pid $pid is alive but not ready yet; waiting for it"
  else
    rm -f "$pidfile" "$readyfile"
    pid=""
  fi
else
  pid=""
fi

t0=$(now_ms)

if [[ -z "$pid" ]]; then
  if port_open; then
    die "port $port is already in use by another process (not our launcher); stop it or set NEO4J_PORT"
  fi

  # Build the launcher when needed: no stamp, or the pom or a source file is newer than the stamp.
  stamp="$tool/target/.build-stamp"
  if [[ ! -f "$stamp" || -n "$(find "$tool/pom.xml" "$tool/src" -newer "$stamp" -print -quit)" ]]; then
    log "building launcher (mvn; first run downloads ~150 MB into ~/.m2)"
    b0=$(now_ms)
    rm -rf "$tool/target/lib"
    if ! (cd "$tool" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory=target/lib compile) >"$state/mvn.log" 2>&1; then
      tail -n 40 "$state/mvn.log" >&2
      die "mvn build of tools/neo4j failed (full output in $state/mvn.log)"
    fi
    touch "$stamp"
    log "launcher built in $(secs_since "$b0")s"
  fi

  rm -f "$readyfile"
  : >"$logfile"
  cd "$repo"
  NEO4J_PORT="$port" NEO4J_HOME_DIR="$state" nohup java \
    "-Xms$heap" "-Xmx$heap" \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
    -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 \
    -cp "$tool/target/classes:$tool/target/lib/*" \
    cablegraph.Neo4jLauncher "$port" >>"$logfile" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  log "started launcher pid $pid (heap $heap, page cache ${NEO4J_PAGECACHE:-1g}), log $logfile"
  s0=$(now_ms)
else
  s0=$t0
fi

deadline=$(( $(date +%s) + timeout_s ))
while :; do
  if ! alive "$pid"; then
    rm -f "$pidfile"
    show_log_tail
    die "launcher (pid $pid) exited before becoming ready"
  fi
  if [[ -f "$readyfile" ]] && bolt_ok; then
    break
  fi
  if (( $(date +%s) >= deadline )); then
    show_log_tail
    die "Neo4j not ready on port $port after ${timeout_s}s (pid $pid still running; run scripts/neo4j-down.sh)"
  fi
  sleep 0.5
done

log "ready on bolt://127.0.0.1:$port (pid $pid); Neo4j start took $(secs_since "$s0")s, total $(secs_since "$t0")s"
