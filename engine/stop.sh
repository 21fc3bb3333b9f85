#!/usr/bin/env bash
# Stops the engine node on ENGINE_PORT (8090) that start.sh started, waiting for its shutdown.
set -euo pipefail
source "$(dirname "$0")/env.sh"

engine_node_running || { rm -f "$ENGINE_PID"; exit 0; }
pid="$(cat "$ENGINE_PID")"
kill "$pid"
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
kill -9 "$pid" 2>/dev/null || true
rm -f "$ENGINE_PID"
echo "Engine on $ENGINE_URL stopped."
