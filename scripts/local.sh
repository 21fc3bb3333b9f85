#!/usr/bin/env bash
# One command for a local run: starts the engine (resolving it on first use), then the API,
# workers and outbox relay in one process. Without DATABASE_URL the case file lives in
# PGlite under .data/. Ctrl-C stops the service and the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash engine/start.sh
trap 'bash engine/stop.sh' EXIT
npx tsx service/main.ts
