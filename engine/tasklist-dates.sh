#!/usr/bin/env bash
# Tasklist 8.6.0 writes a task's times without milliseconds when they fall on a whole second
# (about one task in a thousand: "2026-11-22T12:52:34Z"), while its indices take dates only
# with them (format "date_time"). OpenSearch refuses the document, and Tasklist's importer
# tries the same batch again for ever: no new task reaches Tasklist or the user task search.
# A date field's format cannot change in an existing index, but ignore_malformed can: such a
# document is then stored, its odd time left out of the index (the task sorts last by that
# time), and the importer goes on. Run by start.sh once the web apps have made their indices;
# running it again changes nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"

curl -sSf "$HDS_SEARCH_URL/tasklist-*/_mapping" | node -e '
  const mappings = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  for (const [index, { mappings: { properties = {} } }] of Object.entries(mappings))
    for (const [field, { type, format, ignore_malformed }] of Object.entries(properties))
      if (type === "date" && format && !ignore_malformed) console.log(index, field, format);
' | while read -r index field format; do
  curl -sSf -o /dev/null -XPUT "$HDS_SEARCH_URL/$index/_mapping" -H 'content-type: application/json' \
    -d "{\"properties\":{\"$field\":{\"type\":\"date\",\"format\":\"$format\",\"ignore_malformed\":true}}}"
  echo "Tasklist dates: $index $field takes times without milliseconds"
done
