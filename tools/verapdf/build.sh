#!/usr/bin/env bash
# Fetches veraPDF (the PDF/A validator, GPLv3+/MPLv2+) and its dependencies from Maven Central
# into target/lib (tools/fetch-jars.sh). validate.sh runs it.
set -euo pipefail
cd "$(dirname "$0")"
source ../fetch-jars.sh
fetch_jars veraPDF 'greenfield-apps-*.jar'
