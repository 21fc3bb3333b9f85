# Sourced by a tool's build.sh: fetch_jars <name> <marker-jar-glob> fetches the jars its pom.xml
# names from Maven Central into target/lib, when pom.xml changed since the last build or the
# marker jar is missing. The jars are kept in ~/.m2 as well; later builds work offline.
source "$(dirname "${BASH_SOURCE[0]}")/../engine/env.sh"   # engine_java_home: the JDK lookup the engine uses

fetch_jars() {
  local name="$1" marker="$2" pom_hash
  pom_hash="$(sha256sum pom.xml | cut -d' ' -f1)"
  if compgen -G "target/lib/$marker" >/dev/null && [ "$(cat target/.pom-hash 2>/dev/null)" = "$pom_hash" ]; then
    return 0
  fi
  echo "Fetching $name with Maven..."
  export JAVA_HOME; JAVA_HOME="$(engine_java_home)"
  # A changed pom may name other versions: start from an empty lib so no stale jar stays on the classpath.
  rm -rf target/lib target/.pom-hash
  # Offline first, silently: on a fresh machine it fails (nothing in ~/.m2 yet), and Maven's
  # [FATAL]/[ERROR] lines about offline mode would read as a failed build.
  if ! mvn -B -q -Dstyle.color=never -o package >/dev/null 2>&1; then
    echo "Fetching the jars of $name from Maven Central (first build)..."
    mvn -B -q -Dstyle.color=never package
  fi
  echo "$pom_hash" >target/.pom-hash
  echo "Fetched $name into $(pwd)/target/lib ($(du -sm target/lib | cut -f1) MB)"
}
