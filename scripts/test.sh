#!/usr/bin/env bash
# Runs every test tier. Starts the engines and a PostgreSQL server when they are not running
# yet, and stops the engines again if this script started them.
set -euo pipefail
cd "$(dirname "$0")/.."

npx tsc --noEmit
npx bpmnlint bpmn/*.bpmn
# The models for Operaton, beside the Camunda 8 ones until the service moves to them.
npx bpmnlint -c bpmn-c7/.bpmnlintrc bpmn-c7/*.bpmn

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$(bash scripts/postgres.sh)}"

started_engine=no
started_operaton=no
trap '[ "$started_engine" = yes ] && bash engine/stop.sh; [ "$started_operaton" = yes ] && bash engine/operaton/stop.sh' EXIT

source engine/env.sh
if ! engine_running; then
  bash engine/start.sh
  started_engine=yes
fi

# The Operaton engine (the move from Camunda 8 is under way) runs on the test database, in
# its own schema, with the development logins.
read -r ENGINE_JDBC_URL ENGINE_DB_USER ENGINE_DB_PASSWORD < <(node -e '
  const u = new URL(process.argv[1]);
  console.log(`jdbc:postgresql://${u.host}${u.pathname}`, decodeURIComponent(u.username), decodeURIComponent(u.password));
' "$TEST_DATABASE_URL")
export ENGINE_JDBC_URL ENGINE_DB_USER ENGINE_DB_PASSWORD
source engine/operaton/env.sh
if ! engine_node_running; then
  bash engine/operaton/start.sh
  started_operaton=yes
fi

mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
# One plain closing line for whoever reads only the end of the log.
node -e 'const r = require("./test-results/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)'

