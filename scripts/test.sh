#!/usr/bin/env bash
# Runs every test tier. Starts a PostgreSQL server and the engine on it when they are not
# running yet, and stops the engine again if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

npx tsc --noEmit
node scripts/check-licences.mjs
npx bpmnlint bpmn/*.bpmn
bash tools/verapdf/build.sh
bash tools/ehf/build.sh

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$(bash scripts/postgres.sh)}"

# The engine runs on the test database, in its own schema, with the development logins.
read -r ENGINE_JDBC_URL ENGINE_DB_USER ENGINE_DB_PASSWORD < <(node -e '
  const u = new URL(process.argv[1]);
  console.log(`jdbc:postgresql://${u.host}${u.pathname}`, decodeURIComponent(u.username), decodeURIComponent(u.password));
' "$TEST_DATABASE_URL")
export ENGINE_JDBC_URL ENGINE_DB_USER ENGINE_DB_PASSWORD
source engine/env.sh
# Where the engine reads the case's documents for Tasklist (CaseDocuments.java): the browser
# tests serve the API there, beside this engine's port.
export HDS_API_URL="${HDS_API_URL:-http://127.0.0.1:$((ENGINE_PORT + 1000))}"
started_engine=no
trap '[ "$started_engine" = yes ] && bash engine/stop.sh' EXIT
if ! engine_node_running; then
  bash engine/start.sh
  started_engine=yes
fi
export ENGINE_URL

mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
# One plain closing line for whoever reads only the end of the log.
node -e 'const r = require("./test-results/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)'
