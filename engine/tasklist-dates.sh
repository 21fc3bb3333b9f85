#!/usr/bin/env bash
# Tasklist 8.6.0 writes a task's times without milliseconds when they fall on a whole second
# (about one task in a thousand: "2026-11-22T12:52:34Z"), while its indices take dates only
# with them (format "date_time"). OpenSearch refuses the document, and Tasklist's importer
# tries the same batch again for ever: no new task reaches Tasklist or the user task search.
# A date field's format cannot change in an existing index, but ignore_malformed can: such a
# document is then stored, its odd time left out of the index (the task sorts last by that
# time), and the importer goes on.
#
# Tasklist checks its mappings when it starts and refuses to start on any difference, so
# start.sh runs this twice: `strict` before the web apps start (the mappings as Tasklist made
# them), `lenient` once they are ready. A failed batch in between is tried again and passes.
# Running either again changes nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
mode="${1:-lenient}"
case "$mode" in
  lenient) lenient=true ;;
  strict) lenient=false ;;
  *) echo "usage: $0 [lenient|strict]" >&2; exit 2 ;;
esac

# No Tasklist indices yet (a first start): nothing to do.
mappings="$(curl -sf "$HDS_SEARCH_URL/tasklist-*/_mapping")" || exit 0
echo "$mappings" | LENIENT="$lenient" node -e '
  const lenient = process.env.LENIENT === "true";
  const mappings = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  for (const [index, { mappings: { properties = {} } }] of Object.entries(mappings))
    for (const [field, { type, format, ignore_malformed = false }] of Object.entries(properties))
      if (type === "date" && format && ignore_malformed !== lenient) console.log(index, field, format);
' | while read -r index field format; do
  curl -sSf -o /dev/null -XPUT "$HDS_SEARCH_URL/$index/_mapping" -H 'content-type: application/json' \
    -d "{\"properties\":{\"$field\":{\"type\":\"date\",\"format\":\"$format\",\"ignore_malformed\":$lenient}}}"
  echo "Tasklist dates ($mode): $index $field"
done
