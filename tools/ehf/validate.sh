#!/usr/bin/env bash
# Validates invoices (UBL 2.1 XML) as EHF Billing 3.0 / Peppol BIS Billing 3.0 with Validate.java:
# the UBL 2.1 schema, then the CEN EN 16931 and PEPPOL Schematron rules. Prints a line per
# finding and "<file>: valid" per valid file; exits 0 when all are valid, 1 when one is not, 69
# when the validator is not built (run tools/ehf/build.sh).
#   bash tools/ehf/validate.sh invoice.xml [more.xml ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -eq 0 ]; then
  echo "Usage: $0 <invoice.xml>..." >&2
  exit 64
fi
if ! compgen -G "$here/target/lib/Saxon-HE-*.jar" >/dev/null; then
  echo "The EHF validator is not built: run 'bash tools/ehf/build.sh' (fetches it from Maven Central once)" >&2
  exit 69
fi
source "$here/../../engine/env.sh"
java_home="$(engine_java_home)"
exec "$java_home/bin/java" -cp "$here/target/lib/*" "$here/Validate.java" "$@"
