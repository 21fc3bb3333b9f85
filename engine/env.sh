# Shared settings for the engine scripts; sourced, not run.
ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ENGINE_DIR/pom.xml" | head -n 1; }
CAMUNDA_VERSION="$(pom_property camunda.version)"
OPENSEARCH_VERSION="$(pom_property opensearch.version)"
CAMUNDA_HOME="$ENGINE_DIR/dist/camunda-zeebe-$CAMUNDA_VERSION"
OPENSEARCH_HOME="$ENGINE_DIR/dist/opensearch-$OPENSEARCH_VERSION"

export HDS_ENGINE_DATA="${HDS_ENGINE_DATA:-$ENGINE_DIR/.data}"
export HDS_SEARCH_URL="${HDS_SEARCH_URL:-http://127.0.0.1:9200}"
BROKER_READY_URL="http://127.0.0.1:9600/actuator/health/readiness"
WEBAPPS_READY_URL="http://127.0.0.1:9601/actuator/health/readiness"
SEARCH_DIR="$HDS_ENGINE_DATA/opensearch"
SEARCH_PID="$SEARCH_DIR/opensearch.pid"
SEARCH_LOG_DIR="$SEARCH_DIR/logs"
# OpenSearch refuses to run as root; as root the scripts run it as this system user.
SEARCH_USER="${HDS_SEARCH_USER:-hds-search}"

# Prints the home of a JDK whose major version lies in [min, max]: JAVA_HOME first, then
# the JDKs under /usr/lib/jvm, newest first. Camunda 8.6 needs 21+; OpenSearch 2.19 needs
# a JDK that still allows the Security Manager (at most 23).
find_java_home() {
  local min="$1" max="$2" candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -le "$max" ]; then
      echo "${candidate%/}"
      return 0
    fi
  done
  return 1
}

pid_running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
engine_running() { pid_running "$HDS_ENGINE_DATA/broker.pid"; }
