#!/usr/bin/env bash
# Builds target/hds-engine.jar with Maven when pom.xml or src/ changed since the last build.
# Dependencies come from Maven Central once and are kept in ~/.m2; later builds work offline.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ENGINE_DIR"

sources_hash="$(cat pom.xml $(find src -type f | sort) | sha256sum | cut -d' ' -f1)"
if [ -f "$ENGINE_JAR" ] && [ "$(cat target/.sources-hash 2>/dev/null)" = "$sources_hash" ]; then
  exit 0
fi
echo "Building the engine (Operaton) with Maven..."
export JAVA_HOME; JAVA_HOME="$(engine_java_home)"
# Offline first, silently: on a fresh machine it fails (nothing in ~/.m2 yet), and Maven's
# [FATAL]/[ERROR] lines about offline mode would read as a failed build.
if ! mvn -B -q -Dstyle.color=never -o package -DskipTests >/dev/null 2>&1; then
  echo "Fetching the engine's dependencies from Maven Central (first build)..."
  mvn -B -q -Dstyle.color=never package -DskipTests
fi
echo "$sources_hash" >target/.sources-hash
echo "Built $ENGINE_JAR ($(du -m "$ENGINE_JAR" | cut -f1) MB)"
