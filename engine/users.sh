#!/usr/bin/env bash
# Local users for the case process's roles, besides Camunda's own demo, view and act:
# `saksbehandler` (caseworker) and `beslutter` (approver), each with its name as password.
# Development only. Without Identity, Camunda 8.6's web apps log in against Operate's user
# index in OpenSearch (Tasklist in the same process too), which knows roles but no groups:
# any user may take any task. Run by start.sh once the web apps are ready; it writes the
# users afresh each time, so running it again changes nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
# Operate 8.6's user index, created by the web apps at their first start.
USER_INDEX="$HDS_SEARCH_URL/operate-user-1.2.0_"
ids=(saksbehandler beslutter)
names=(Saksbehandler Beslutter)
# Tasklist lets a user assign and complete tasks only with Operate's role OPERATOR (or
# OWNER); OPERATOR also lets them cancel and retry instances in Operate.
role=OPERATOR

curl -sf -o /dev/null "$USER_INDEX" || { echo "Operate's user index $USER_INDEX is missing: is this Camunda 8.6?" >&2; exit 1; }
java_home="$(find_java_home 21 25)" || { echo "Hashing the passwords needs Camunda's JDK 21-25" >&2; exit 1; }
lib="$CAMUNDA_HOME/lib"
mapfile -t hashes < <("$java_home/bin/java" -cp "$(echo "$lib"/spring-security-crypto-*.jar):$(echo "$lib"/spring-jcl-*.jar)" \
  "$ENGINE_DIR/HashPassword.java" "${ids[@]}")
[ "${#hashes[@]}" = "${#ids[@]}" ] || { echo "Hashing the local users' passwords failed" >&2; exit 1; }

for i in "${!ids[@]}"; do
  curl -sSf -o /dev/null -XPUT "$USER_INDEX/_doc/${ids[i]}?refresh=true" -H 'content-type: application/json' \
    -d "{\"id\":\"${ids[i]}\",\"userId\":\"${ids[i]}\",\"displayName\":\"${names[i]}\",\"password\":\"${hashes[i]}\",\"roles\":[\"$role\"]}"
done
echo "Local users: ${ids[*]} (passwords as the names)"
