#!/usr/bin/env bash
# Start a single-node Apache Kafka 3.9 broker (KRaft, broker + controller in one
# JVM, listening on 127.0.0.1 only) for tests, from the jars in .cache/libs.
#
#   bash infra/kafka/up.sh            # or: pnpm kafka:up
#
# Progress goes to stderr; the bootstrap address (e.g. 127.0.0.1:19092) is
# printed ALONE on the last line of stdout. If a broker started by this script
# is already running and answering, its address is printed at once.
#
# Env: KAFKA_PORT (default 19092), KAFKA_CONTROLLER_PORT (default 19093),
#      KAFKA_START_TIMEOUT seconds per attempt (default 90), JAVA_HOME,
#      KAFKA_RESUME=1 to start again on the data of the last stopped broker (a
#      restart after an outage) instead of a fresh, empty one.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
LIBS="$CACHE/libs"
RUN_ROOT="$CACHE/run"
PID_FILE="$CACHE/kafka.pid"
STATE_FILE="$CACHE/kafka.state"

PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HOST=127.0.0.1
ADDR="$HOST:$PORT"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { printf 'kafka up: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for p in "$PORT" "$CONTROLLER_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || die "invalid port '$p' (KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
done
[[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install Java 17 or set JAVA_HOME)"

mkdir -p "$CACHE"
# One up.sh at a time (parallel test runners): the second one then finds the
# running broker. fd 9 is closed for the broker JVM so it does not keep the lock.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/up.lock"
  flock 9
fi

state_get() { [[ -f "$STATE_FILE" ]] && sed -n "s/^$1=//p" "$STATE_FILE" | head -n1 || true; }

# True if $1 is a live kafka.Kafka JVM started from this directory.
is_our_broker() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || ps -o args= -p "$pid" 2>/dev/null || true)"
  [[ "$cmd" == *kafka.Kafka* && "$cmd" == *"$RUN_ROOT"* ]]
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# A real request, not just a TCP connect: BrokerApiVersionsCommand (in the
# broker jar) sends a Metadata request to the bootstrap server, then ApiVersions
# to every broker it lists; "(id: 1 " in its output comes from the metadata.
broker_answers() {
  local addr="$1" dir="$2" out
  out="$(timeout 30 "$JAVA" -Xms32m -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
          -Dlog4j.configuration="file:$dir/tools-log4j.properties" \
          -cp "$LIBS/*" kafka.admin.BrokerApiVersionsCommand \
          --bootstrap-server "$addr" --command-config "$dir/probe.properties" 2>>"$dir/probe.log")" || return 1
  [[ "$out" == *"(id: 1 "* ]]
}

print_tails() {
  local dir="$1"
  if [[ -s "$dir/server.log" ]]; then
    log "---- tail of $dir/server.log ----"
    tail -n 40 "$dir/server.log" >&2
  fi
  if [[ -s "$dir/stdout.log" ]]; then
    log "---- tail of $dir/stdout.log ----"
    tail -n 20 "$dir/stdout.log" >&2
  fi
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
}

# ---- 1. already running? -----------------------------------------------------
if [[ -f "$PID_FILE" ]]; then
  old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if is_our_broker "$old_pid"; then
    old_addr="$(state_get addr)"
    old_dir="$(state_get run_dir)"
    if [[ "$old_addr" != "$ADDR" ]]; then
      die "a broker started by this script is already running on $old_addr (pid $old_pid), not $ADDR; run 'pnpm kafka:down' first"
    fi
    if broker_answers "$old_addr" "$old_dir"; then
      log "already running (pid $old_pid), data in $old_dir"
      echo "$old_addr"
      exit 0
    fi
    log "broker pid $old_pid is running but does not answer on $old_addr; restarting it"
    stop_pid "$old_pid"
  else
    log "removing stale pid file (pid '${old_pid}' is not a running broker)"
  fi
  rm -f "$PID_FILE" "$STATE_FILE"
fi

for p in "$PORT" "$CONTROLLER_PORT"; do
  if port_open "$p"; then
    die "port $HOST:$p is already in use by another process; free it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  fi
done

# ---- 2. jars -------------------------------------------------------------------
bash "$HERE/fetch.sh"

# ---- 3. fresh directory, config, format, start, wait -----------------------------
random_cluster_id() {
  # 16 random bytes, base64url without padding = 22 chars (a Kafka Uuid).
  # Avoid a leading '-' (it would be parsed as an option) and all-zero ids.
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ ${#id} -eq 22 && "$id" != -* && "$id" != AAAAAAAAAAAAAAAAAAAAA* ]] && break
  done
  printf '%s' "$id"
}

write_config() {
  local dir="$1"
  cat >"$dir/server.properties" <<EOF
# Generated by infra/kafka/up.sh: single-node KRaft broker for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data

# Single node: internal topics with replication factor 1, or the group and
# transaction coordinators never become available.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
default.replication.factor=1
min.insync.replicas=1
num.partitions=1

# Faster, smaller, explicit.
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
auto.create.topics.enable=false
EOF

  cat >"$dir/log4j.properties" <<EOF
# Broker logging (reload4j): WARN and above to server.log only, nothing on stdout.
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/server.log
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# The few INFO lines of the server lifecycle, including "Kafka Server started".
log4j.logger.kafka.server.KafkaRaftServer=INFO
EOF

  cat >"$dir/tools-log4j.properties" <<EOF
log4j.rootLogger=ERROR, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF

  cat >"$dir/probe.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
reconnect.backoff.max.ms=500
EOF
}

# Returns 0 when started and answering; 1 on failure (broker stopped again).
start_attempt() {
  local dir="$1" resume="${2:-}" cluster_id pid deadline started=0
  write_config "$dir"
  cluster_id="$(random_cluster_id)"

  if [[ "$resume" == resume ]]; then
    cluster_id="$(sed -n 's/^cluster.id=//p' "$dir/data/meta.properties")"
  elif ! "$JAVA" -Xms64m -Xmx256m -Dlog4j.configuration="file:$dir/tools-log4j.properties" \
        -cp "$LIBS/*" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$dir/server.properties" -g >"$dir/format.log" 2>&1; then
    log "storage format failed:"
    cat "$dir/format.log" >&2
    return 1
  fi

  # setsid: own session, so the broker outlives this script and terminal/Ctrl-C
  # signals to the caller's process group. All fds redirected, lock fd closed.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  ${launcher[@]+"${launcher[@]}"} "$JAVA" -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -cp "$LIBS/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/stdout.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  printf 'addr=%s\nrun_dir=%s\ncluster_id=%s\npid=%s\n' "$ADDR" "$dir" "$cluster_id" "$pid" >"$STATE_FILE"
  log "started kafka.Kafka pid $pid (cluster id $cluster_id), waiting for it to answer on $ADDR ..."

  # Poll every 0.5 s: the process must stay alive; first wait for the
  # "Kafka Server started" log line (cheap), then for a real metadata answer.
  deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the broker process exited during startup"
      rm -f "$PID_FILE" "$STATE_FILE"
      return 1
    fi
    if ((started == 0)) && grep -q 'Kafka Server started' "$dir/server.log" 2>/dev/null; then
      started=1
    fi
    if ((started == 1)) && broker_answers "$ADDR" "$dir"; then
      return 0
    fi
    sleep 0.5
  done
  log "the broker did not answer within ${START_TIMEOUT}s (started line seen: $started)"
  stop_pid "$pid"
  rm -f "$PID_FILE" "$STATE_FILE"
  return 1
}

mkdir -p "$RUN_ROOT"
if [[ "${KAFKA_RESUME:-0}" == 1 ]]; then
  last="$(ls -1dt "$RUN_ROOT"/*/ 2>/dev/null | head -n 1)"
  last="${last%/}"
  if [[ -n "$last" && -f "$last/data/meta.properties" ]]; then
    t0=$SECONDS
    if start_attempt "$last" resume; then
      log "resumed in $((SECONDS - t0))s: pid $(cat "$PID_FILE"), data + logs in $last"
      echo "$ADDR"
      exit 0
    fi
    print_tails "$last"
    die "Kafka broker failed to resume on $ADDR from $last"
  fi
  log "no earlier broker data to resume; starting a fresh broker"
fi
# Old run directories belong to stopped brokers: drop them (nothing runs now).
find "$RUN_ROOT" -mindepth 1 -maxdepth 1 -exec rm -rf {} +

t0=$SECONDS
for attempt in 1 2; do
  dir="$RUN_ROOT/$(date +%Y%m%d-%H%M%S)-$$-$attempt"
  mkdir -p "$dir/data"
  if start_attempt "$dir"; then
    log "ready in $((SECONDS - t0))s: pid $(cat "$PID_FILE"), data + logs in $dir"
    echo "$ADDR"
    exit 0
  fi
  if ((attempt == 1)); then
    log "attempt 1 failed; retrying once with a fresh directory"
    tail -n 15 "$dir/server.log" 2>/dev/null | sed 's/^/  | /' >&2 || true
  fi
done

print_tails "$dir"
die "Kafka broker failed to start on $ADDR (2 attempts); see $dir"
