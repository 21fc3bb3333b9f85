#!/usr/bin/env bash
# Fetches the EHF validator's jars (UBL 2.1 schemas, Peppol BIS Billing 3.0 rules, Saxon-HE) from
# Maven Central into target/lib (tools/fetch-jars.sh). validate.sh runs it.
set -euo pipefail
cd "$(dirname "$0")"
source ../fetch-jars.sh
fetch_jars 'the EHF validator' 'Saxon-HE-*.jar'
