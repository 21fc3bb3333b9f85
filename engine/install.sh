#!/usr/bin/env bash
# Resolves the Camunda 8 distribution from Maven Central into engine/dist (once).
set -euo pipefail
source "$(dirname "$0")/env.sh"
if [ -x "$CAMUNDA_HOME/bin/broker" ]; then
  exit 0
fi
command -v mvn >/dev/null || { echo "Maven (mvn) is needed to resolve the engine" >&2; exit 1; }
echo "Resolving Camunda $CAMUNDA_VERSION from Maven Central (about 300 MB, cached in ~/.m2)..."
mvn -q -B -f "$ENGINE_DIR/pom.xml" dependency:unpack
test -x "$CAMUNDA_HOME/bin/broker"
