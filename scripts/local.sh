#!/usr/bin/env bash
# One command for a local run: builds the engine on first use and starts it on its H2 file
# database (.data/engine), then the API, workers and outbox relay in one process. Without
# DATABASE_URL the case file lives in PGlite under .data/. Ctrl-C stops the service and the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash engine/start.sh
trap 'bash engine/stop.sh' EXIT
npx tsx platform/main.ts
