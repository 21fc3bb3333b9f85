#!/usr/bin/env bash
# Validates PDFs as PDF/A-2b with veraPDF and prints its machine-readable report (JSON) on
# stdout; veraPDF's log goes to stderr. Exits 0 when every file is compliant, 1 when one is not,
# and another non-zero code when a file cannot be read (veraPDF: 4 no such file, 7 not a PDF)
# or the validator is not built (69: run tools/verapdf/build.sh).
#   bash tools/verapdf/validate.sh letter.pdf [more.pdf ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -eq 0 ]; then
  echo "Usage: $0 <file.pdf>..." >&2
  exit 64
fi
if ! compgen -G "$here/target/lib/greenfield-apps-*.jar" >/dev/null; then
  echo "veraPDF is not built: run 'bash tools/verapdf/build.sh' (fetches it from Maven Central once)" >&2
  exit 69
fi
source "$here/../../engine/env.sh"
java_home="$(engine_java_home)"
exec "$java_home/bin/java" -cp "$here/target/lib/*" org.verapdf.apps.GreenfieldCliWrapper \
  --flavour 2b --format json --loglevel 1 -- "$@"
