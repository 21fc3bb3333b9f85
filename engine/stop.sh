#!/usr/bin/env bash
# Stops what engine/start.sh started: the web apps, the broker, then OpenSearch.
set -euo pipefail
source "$(dirname "$0")/env.sh"

stop_pid() { # pidfile name
  pid_running "$1" || { rm -f "$1"; return 0; }
  local pid; pid="$(cat "$1")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
  echo "$2 stopped."
}

stop_pid "$HDS_ENGINE_DATA/webapps.pid" "Operate and Tasklist"
stop_pid "$HDS_ENGINE_DATA/broker.pid" "Camunda broker"
stop_pid "$SEARCH_PID" OpenSearch
