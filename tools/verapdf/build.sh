#!/usr/bin/env bash
# Fetches veraPDF (the PDF/A validator, GPLv3+/MPLv2+) and its dependencies from Maven Central
# into target/lib, when pom.xml changed since the last build or target/lib is missing.
# The jars are kept in ~/.m2 as well; later builds work offline. validate.sh runs it.
set -euo pipefail
source "$(dirname "$0")/../../engine/env.sh"   # engine_java_home: the JDK lookup the engine uses
cd "$(dirname "$0")"

pom_hash="$(sha256sum pom.xml | cut -d' ' -f1)"
if compgen -G 'target/lib/greenfield-apps-*.jar' >/dev/null && [ "$(cat target/.pom-hash 2>/dev/null)" = "$pom_hash" ]; then
  exit 0
fi
echo "Fetching veraPDF with Maven..."
export JAVA_HOME; JAVA_HOME="$(engine_java_home)"
# A changed pom may name other versions: start from an empty lib so no stale jar stays on the classpath.
rm -rf target/lib target/.pom-hash
mvn -B -q -Dstyle.color=never -o package 2>/dev/null || mvn -B -q -Dstyle.color=never package
echo "$pom_hash" >target/.pom-hash
echo "Fetched veraPDF into tools/verapdf/target/lib ($(du -sm target/lib | cut -f1) MB)"
