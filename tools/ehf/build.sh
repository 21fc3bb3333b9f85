#!/usr/bin/env bash
# Fetches the EHF validator's jars (UBL 2.1 schemas, Peppol BIS Billing 3.0 rules, Saxon-HE) from Maven Central
# into target/lib, when pom.xml changed since the last build or target/lib is missing.
# The jars are kept in ~/.m2 as well; later builds work offline. validate.sh runs it.
set -euo pipefail
source "$(dirname "$0")/../../engine/env.sh"   # engine_java_home: the JDK lookup the engine uses
cd "$(dirname "$0")"

pom_hash="$(sha256sum pom.xml | cut -d' ' -f1)"
if compgen -G 'target/lib/Saxon-HE-*.jar' >/dev/null && [ "$(cat target/.pom-hash 2>/dev/null)" = "$pom_hash" ]; then
  exit 0
fi
echo "Fetching the EHF validator with Maven..."
export JAVA_HOME; JAVA_HOME="$(engine_java_home)"
# A changed pom may name other versions: start from an empty lib so no stale jar stays on the classpath.
rm -rf target/lib target/.pom-hash
# Offline first, silently: on a fresh machine it fails (nothing in ~/.m2 yet), and Maven's
# [FATAL]/[ERROR] lines about offline mode would read as a failed build.
if ! mvn -B -q -Dstyle.color=never -o package >/dev/null 2>&1; then
  echo "Fetching the EHF validator's jars from Maven Central (first build)..."
  mvn -B -q -Dstyle.color=never package
fi
echo "$pom_hash" >target/.pom-hash
echo "Fetched the EHF validator into tools/ehf/target/lib ($(du -sm target/lib | cut -f1) MB)"
