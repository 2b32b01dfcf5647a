#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with two-phase commit enabled
# (max_prepared_transactions > 0, needed for XA) and the databases the project uses.
set -euo pipefail
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA)

cluster_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -1; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: installing it from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
ver=$(cluster_version)
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "Starting PostgreSQL $ver"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
if [ "$("${PSQL[@]}" -c 'show max_prepared_transactions')" = "0" ]; then
  echo "Enabling prepared transactions (XA) and restarting PostgreSQL"
  "${PSQL[@]}" -c 'ALTER SYSTEM SET max_prepared_transactions = 100'
  pg_ctlcluster --skip-systemctl-redirect "$ver" main restart
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# the integration tests and the benchmark start from empty databases
for db in workflow_it workflow_bench; do
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
for db in workflow workflow_it workflow_bench; do
  if [ -z "$("${PSQL[@]}" -c "select 1 from pg_database where datname = '$db'")" ]; then
    "${PSQL[@]}" -c "CREATE DATABASE $db"
  fi
done
echo "PostgreSQL ready: max_prepared_transactions=$("${PSQL[@]}" -c 'show max_prepared_transactions')"
