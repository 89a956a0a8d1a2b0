#!/usr/bin/env bash
# Copy the jars of the test Kafka broker (listed in pom.xml) from Maven Central
# into infra/kafka/.cache/libs. Idempotent: returns at once when the jars for
# the current pom.xml are already there. Never commit .cache/ (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
LIBS="$CACHE/libs"
MARKER="$LIBS/.fetched"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

log() { printf 'kafka fetch: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The marker holds a checksum of pom.xml: changing the Kafka version refetches.
pom_sum() { cksum <"$HERE/pom.xml" | cut -d' ' -f1; }
is_fetched() {
  [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$(pom_sum)" ]] \
    && compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null
}

if is_fetched; then
  exit 0
fi

mkdir -p "$CACHE"
# Serialise concurrent fetches (e.g. parallel test runners).
if command -v flock >/dev/null 2>&1; then
  exec 8>"$CACHE/fetch.lock"
  flock 8
  if is_fetched; then exit 0; fi
fi

command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on PATH; it is needed once to download the Kafka jars."

TMP="$CACHE/libs.tmp.$$"
rm -rf "$TMP"
trap 'rm -rf "$TMP"' EXIT
log "downloading Kafka jars from Maven Central into $LIBS ..."
# outputDirectory must be absolute: Maven resolves a relative one against the
# POM's own directory (infra/kafka), not the current directory.
# Maven's output goes to .cache/fetch.log (shown only on failure; Maven 3.8
# prints stray colour-reset codes even with -B -q).
if ! mvn -B -q -f "$HERE/pom.xml" "$DEP_PLUGIN:copy-dependencies" \
      -DincludeScope=runtime -DoutputDirectory="$TMP" >"$CACHE/fetch.log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$CACHE/fetch.log" | tail -n 40 >&2
  die "mvn copy-dependencies failed (is Maven Central reachable?); full output in $CACHE/fetch.log"
fi
compgen -G "$TMP/kafka_2.13-*.jar" >/dev/null || die "no kafka_2.13 jar was copied into $TMP"

pom_sum >"$TMP/.fetched"
rm -rf "$LIBS"
mv "$TMP" "$LIBS"
trap - EXIT
log "$(ls "$LIBS" | wc -l | tr -d ' ') jars, $(du -sh "$LIBS" | cut -f1) in $LIBS"
