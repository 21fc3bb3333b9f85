#!/usr/bin/env bash
# Starts one engine node in the background and waits until it is ready (access set up).
#   ENGINE_PORT       its HTTP port (8090); a second node on the same database takes another
#   ENGINE_JDBC_URL   jdbc:postgresql://host:port/db (with ENGINE_DB_USER, ENGINE_DB_PASSWORD):
#                     the engine's tables go to the schema ENGINE_DB_SCHEMA (operaton) there;
#                     unset: an H2 file database under ENGINE_DATA_DIR (.data/engine)
#   ENGINE_PROFILES   extra Spring profiles; local-users (the default here) creates the
#                     development logins. Set it empty in production.
# Logs: $ENGINE_DATA_DIR/node-<port>.log.
set -euo pipefail
source "$(dirname "$0")/env.sh"
TIMEOUT_SECONDS="${ENGINE_START_TIMEOUT:-180}"

if engine_node_running; then
  echo "Engine already running on $ENGINE_URL"
  exit 0
fi
bash "$ENGINE_DIR/build.sh"
mkdir -p "$ENGINE_DATA_DIR"
java_home="$(engine_java_home)"
database=h2
[ -n "${ENGINE_JDBC_URL:-}" ] && database=postgres
profiles="$database${ENGINE_PROFILES-,local-users}"
profiles="${profiles%,}"

# Each node runs its own copy of the jar, so a rebuild never pulls classes from under it.
node_jar="$ENGINE_DATA_DIR/node-$ENGINE_PORT.jar"
cp "$ENGINE_JAR" "$node_jar"
echo "Starting the engine on $ENGINE_URL ($profiles); log: $ENGINE_LOG"
started=$(date +%s)
SPRING_PROFILES_ACTIVE="$profiles" \
  setsid nohup "$java_home/bin/java" ${ENGINE_JAVA_OPTS:--Xms256m -Xmx768m} -jar "$node_jar" \
  >"$ENGINE_LOG" 2>&1 </dev/null &
echo $! >"$ENGINE_PID"

until [ "$(curl -s -o /dev/null -w '%{http_code}' "$ENGINE_URL/actuator/health/readiness")" = 200 ]; do
  if ! engine_node_running; then
    echo "The engine stopped during start-up; last lines of $ENGINE_LOG:" >&2
    tail -n 40 "$ENGINE_LOG" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -ge "$TIMEOUT_SECONDS" ]; then
    echo "The engine was not ready within ${TIMEOUT_SECONDS}s; see $ENGINE_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
echo "Engine ready after $(( $(date +%s) - started ))s: REST $ENGINE_URL/engine-rest," \
  "Tasklist $ENGINE_URL/operaton/app/tasklist/, Cockpit $ENGINE_URL/operaton/app/cockpit/"
