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

# Sends a signal, then waits up to $2 tenths of seconds for the broker to exit.
signal_and_wait() {
  kill "-$1" "$pid" 2>/dev/null || true
  for ((i = 0; i < $2; i += 2)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
}

log "stopping broker pid $pid (SIGTERM) ..."
signal_and_wait TERM 100
if kill -0 "$pid" 2>/dev/null; then
  log "still running after 10 s: SIGKILL"
  signal_and_wait KILL 50
fi
if kill -0 "$pid" 2>/dev/null; then
  log "ERROR: pid $pid did not exit"
  exit 1
fi
rm -f "$PID_FILE" "$STATE_FILE"
log "stopped"
