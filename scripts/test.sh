#!/usr/bin/env bash
# Runs every test tier. Starts the engine and a PostgreSQL server when they are not running
# yet, and stops the engine again if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

npx tsc --noEmit
npx bpmnlint bpmn/*.bpmn

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$(bash scripts/postgres.sh)}"

source engine/env.sh
started_engine=no
if ! engine_running; then
  bash engine/start.sh
  started_engine=yes
fi
trap '[ "$started_engine" = yes ] && bash engine/stop.sh' EXIT

mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
# One plain closing line for whoever reads only the end of the log.
node -e 'const r = require("./test-results/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)'

