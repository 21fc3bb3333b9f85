#!/usr/bin/env bash
# Starts the local engine in the background: OpenSearch, then the Camunda broker (gRPC 26500,
# REST 8088) and the web apps (Operate and Tasklist on 8080). Waits until all are healthy;
# creates the local caseworker users (engine/users.sh); logs go to engine/.data/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
TIMEOUT_SECONDS="${ENGINE_START_TIMEOUT:-300}"

wait_for() { # url pidfile name log
  local started; started=$(date +%s)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; do
    if ! pid_running "$2"; then
      echo "$3 stopped during start-up; last lines of $4:" >&2
      tail -n 40 "$4" >&2
      exit 1
    fi
    if [ $(( $(date +%s) - started )) -ge "$TIMEOUT_SECONDS" ]; then
      echo "$3 was not ready within ${TIMEOUT_SECONDS}s; see $4" >&2
      exit 1
    fi
    sleep 1
  done
  echo "$3 ready after $(( $(date +%s) - started ))s"
}

start_search() {
  local java_home run_as=()
  java_home="$(find_java_home 17 23)" || { echo "OpenSearch needs a JDK 17-23 (Debian's openjdk-17 will do)" >&2; exit 1; }
  mkdir -p "$SEARCH_DIR/data" "$SEARCH_LOG_DIR"
  if [ "$(id -u)" = 0 ]; then
    id "$SEARCH_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SEARCH_USER"
    chown -R "$SEARCH_USER:" "$OPENSEARCH_HOME" "$SEARCH_DIR"
    run_as=(setpriv "--reuid=$SEARCH_USER" "--regid=$SEARCH_USER" --clear-groups)
  fi
  echo "Starting OpenSearch $OPENSEARCH_VERSION; logs: $SEARCH_LOG_DIR"
  # A pid file left by a machine that stopped without stop.sh would pass for the new one.
  rm -f "$SEARCH_PID"
  "${run_as[@]}" env OPENSEARCH_JAVA_HOME="$java_home" \
    OPENSEARCH_JAVA_OPTS="${SEARCH_JAVA_OPTS:--Xms512m -Xmx768m}" \
    "$OPENSEARCH_HOME/bin/opensearch" -d -p "$SEARCH_PID" \
      -Epath.data="$SEARCH_DIR/data" -Epath.logs="$SEARCH_LOG_DIR" >"$SEARCH_DIR/start.log" 2>&1 \
    || { tail -n 20 "$SEARCH_DIR/start.log" >&2; exit 1; }
  # The daemon writes its pid file once it has bootstrapped.
  for _ in $(seq 1 60); do [ -s "$SEARCH_PID" ] && return 0; sleep 1; done
  echo "OpenSearch wrote no pid file; see $SEARCH_DIR/start.log" >&2
  exit 1
}

start_camunda() { # name launcher profiles
  local java_home
  java_home="$(find_java_home 21 25)" || { echo "Camunda needs a JDK 21-25: set JAVA_HOME" >&2; exit 1; }
  echo "Starting Camunda $CAMUNDA_VERSION $1; log: $HDS_ENGINE_DATA/$1.log"
  JAVA_HOME="$java_home" \
  JAVA_OPTS="${ENGINE_JAVA_OPTS:--Xms256m -Xmx1g}" \
  SPRING_CONFIG_ADDITIONAL_LOCATION="$ENGINE_DIR/$1.yaml" \
  SPRING_PROFILES_ACTIVE="$3" \
    setsid nohup "$CAMUNDA_HOME/bin/$2" >"$HDS_ENGINE_DATA/$1.log" 2>&1 </dev/null &
  echo $! >"$HDS_ENGINE_DATA/$1.pid"
}

bash "$ENGINE_DIR/install.sh"
mkdir -p "$HDS_ENGINE_DATA"
pid_running "$SEARCH_PID" || start_search
wait_for "$HDS_SEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=1s" "$SEARCH_PID" OpenSearch "$SEARCH_LOG_DIR/hds-local.log"
pid_running "$HDS_ENGINE_DATA/broker.pid" || start_camunda broker broker broker
pid_running "$HDS_ENGINE_DATA/webapps.pid" || { bash "$ENGINE_DIR/tasklist-dates.sh" strict; start_camunda webapps camunda operate,tasklist,auth; }
wait_for "$BROKER_READY_URL" "$HDS_ENGINE_DATA/broker.pid" "Camunda broker" "$HDS_ENGINE_DATA/broker.log"
wait_for "$WEBAPPS_READY_URL" "$HDS_ENGINE_DATA/webapps.pid" "Operate and Tasklist" "$HDS_ENGINE_DATA/webapps.log"
bash "$ENGINE_DIR/users.sh"
bash "$ENGINE_DIR/tasklist-dates.sh" lenient
echo "Engine ready: gRPC 127.0.0.1:26500, REST http://127.0.0.1:8088/v2," \
  "Operate http://127.0.0.1:8080/operate, Tasklist http://127.0.0.1:8080/tasklist" \
  "(demo/demo; saksbehandler/saksbehandler, beslutter/beslutter)"
