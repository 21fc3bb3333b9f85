#!/usr/bin/env bash
# Starts the local Camunda 8 engine in the background and waits until it is ready.
set -euo pipefail
source "$(dirname "$0")/env.sh"
TIMEOUT_SECONDS="${ENGINE_START_TIMEOUT:-240}"

if engine_running; then
  echo "Engine already running (pid $(cat "$ENGINE_PID"))."
else
  bash "$ENGINE_DIR/install.sh"
  java_home="$(find_java_home)" || { echo "No JDK 21-25 found: set JAVA_HOME" >&2; exit 1; }
  mkdir -p "$HDS_ENGINE_DATA"
  echo "Starting Camunda $CAMUNDA_VERSION with $java_home; log: $ENGINE_LOG"
  JAVA_HOME="$java_home" \
  JAVA_OPTS="${ENGINE_JAVA_OPTS:--Xms512m -Xmx1536m}" \
  SPRING_CONFIG_ADDITIONAL_LOCATION="$ENGINE_DIR/application.yaml" \
  SPRING_PROFILES_ACTIVE=broker \
    setsid nohup "$CAMUNDA_HOME/bin/broker" >"$ENGINE_LOG" 2>&1 </dev/null &
  echo $! >"$ENGINE_PID"
fi

started=$(date +%s)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$ENGINE_READY_URL")" = 200 ]; do
  if ! engine_running; then
    echo "The engine stopped during start-up; last lines of $ENGINE_LOG:" >&2
    tail -n 40 "$ENGINE_LOG" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -ge "$TIMEOUT_SECONDS" ]; then
    echo "The engine was not ready within ${TIMEOUT_SECONDS}s; see $ENGINE_LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "Engine ready after $(( $(date +%s) - started ))s: gRPC 127.0.0.1:26500, REST $ENGINE_REST_URL"
