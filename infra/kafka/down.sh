#!/usr/bin/env bash
# Stop the test Kafka broker started by up.sh: SIGTERM, SIGKILL after ~10 s,
# then remove the pid file. Succeeds when nothing is running. The last run
# directory (data + logs) stays in .cache/run/ until the next up.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
RUN_ROOT="$CACHE/run"
PID_FILE="$CACHE/kafka.pid"
STATE_FILE="$CACHE/kafka.state"

log() { printf 'kafka down: %s\n' "$*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "not running (no pid file)"
  rm -f "$STATE_FILE"
  exit 0
fi

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
cmd=""
if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || ps -o args= -p "$pid" 2>/dev/null || true)"
fi
# Only signal the JVM that up.sh started (guards against a recycled pid).
if [[ -z "$cmd" || "$cmd" != *kafka.Kafka* || "$cmd" != *"$RUN_ROOT"* ]]; then
  log "not running (stale pid file for pid '${pid}')"
  rm -f "$PID_FILE" "$STATE_FILE"
  exit 0
fi

log "stopping broker pid $pid (SIGTERM) ..."
kill -TERM "$pid" 2>/dev/null || true
for ((i = 0; i < 50; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  log "still running after 10 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
fi
if kill -0 "$pid" 2>/dev/null; then
  log "ERROR: pid $pid did not exit"
  exit 1
fi
rm -f "$PID_FILE" "$STATE_FILE"
log "stopped"
