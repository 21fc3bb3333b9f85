# Shared settings for the engine scripts; sourced, not run.
ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CAMUNDA_VERSION="$(sed -n 's:.*<camunda.version>\(.*\)</camunda.version>.*:\1:p' "$ENGINE_DIR/pom.xml")"
CAMUNDA_HOME="$ENGINE_DIR/dist/camunda-zeebe-$CAMUNDA_VERSION"
export HDS_ENGINE_DATA="${HDS_ENGINE_DATA:-$ENGINE_DIR/.data}"
ENGINE_LOG="$HDS_ENGINE_DATA/engine.log"
ENGINE_PID="$HDS_ENGINE_DATA/engine.pid"
ENGINE_READY_URL="${ENGINE_READY_URL:-http://127.0.0.1:9600/actuator/health/readiness}"
ENGINE_REST_URL="${ENGINE_REST_URL:-http://127.0.0.1:8080}"

# Camunda 8 needs Java 21 or newer (25 is the newest tested here). Prefer JAVA_HOME, then any
# JDK under /usr/lib/jvm, newest first.
find_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -le 25 ]; then
      echo "${candidate%/}"
      return 0
    fi
  done
  return 1
}

engine_running() {
  [ -f "$ENGINE_PID" ] && kill -0 "$(cat "$ENGINE_PID")" 2>/dev/null
}
