# Shared settings of the engine scripts; sourced, not run.
ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENGINE_JAR="$ENGINE_DIR/target/hds-engine.jar"
# Local runs keep the engine's files (H2 database, logs, pid files) beside the case file's.
export ENGINE_DATA_DIR="${ENGINE_DATA_DIR:-$(cd "$ENGINE_DIR/.." && pwd)/.data/engine}"
export ENGINE_PORT="${ENGINE_PORT:-8090}"
ENGINE_URL="http://127.0.0.1:$ENGINE_PORT"
ENGINE_PID="$ENGINE_DATA_DIR/node-$ENGINE_PORT.pid"
ENGINE_LOG="$ENGINE_DATA_DIR/node-$ENGINE_PORT.log"

# Prints the home of a JDK 17 or newer: JAVA_HOME first, then the JDKs under /usr/lib/jvm.
engine_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [ -n "$major" ] && [ "$major" -ge 17 ]; then
      echo "${candidate%/}"
      return 0
    fi
  done
  echo "The engine needs a JDK 17 or newer (e.g. Debian's openjdk-17-jdk-headless), in JAVA_HOME or /usr/lib/jvm" >&2
  return 1
}

engine_node_running() { [ -f "$ENGINE_PID" ] && kill -0 "$(cat "$ENGINE_PID")" 2>/dev/null; }
