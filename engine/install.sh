#!/usr/bin/env bash
# Resolves Camunda and OpenSearch from Maven Central into engine/dist (once), and assembles
# the OpenSearch modules Camunda needs from their published jars.
set -euo pipefail
source "$(dirname "$0")/env.sh"
command -v mvn >/dev/null || { echo "Maven (mvn) is needed to resolve the engine" >&2; exit 1; }

if [ ! -x "$CAMUNDA_HOME/bin/camunda" ] || [ ! -x "$OPENSEARCH_HOME/bin/opensearch" ]; then
  echo "Resolving Camunda $CAMUNDA_VERSION and OpenSearch $OPENSEARCH_VERSION from Maven Central (about 350 MB, cached in ~/.m2)..."
  mvn -q -B -f "$ENGINE_DIR/pom.xml" dependency:unpack
fi

modules_dir="$OPENSEARCH_HOME/modules"
grep -v '^#' "$ENGINE_DIR/opensearch/modules.txt" | while read -r module artifact _; do
  [ -n "$module" ] || continue
  [ -f "$modules_dir/$module/$artifact-$OPENSEARCH_VERSION.jar" ] && continue
  jars="$ENGINE_DIR/dist/module-jars/$artifact"
  mvn -q -B -f "$ENGINE_DIR/opensearch/module.pom.xml" dependency:copy-dependencies \
    -Dopensearch.version="$OPENSEARCH_VERSION" -Dmodule.artifact="$artifact" \
    -DincludeScope=runtime -DoutputDirectory="$jars"
  rm -rf "$modules_dir/$module"
  mkdir -p "$modules_dir/$module"
  cp "$ENGINE_DIR/opensearch/modules/$module/"* "$modules_dir/$module/"
  for jar in "$jars"/*.jar; do
    # A jar the server already has must not be loaded twice (OpenSearch's jar-hell check).
    [ -e "$OPENSEARCH_HOME/lib/$(basename "$jar")" ] || cp "$jar" "$modules_dir/$module/"
  done
done
cp "$ENGINE_DIR/opensearch/opensearch.yml" "$OPENSEARCH_HOME/config/opensearch.yml"
