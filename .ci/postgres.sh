#!/usr/bin/env bash
# Makes sure the PostgreSQL on 127.0.0.1:5432, if this machine has one, is running with two-phase commit
# enabled (max_prepared_transactions > 0, needed for XA) and has the databases the project uses.
# A machine without PostgreSQL needs nothing: the integration tests then start an embedded one.
set -uo pipefail
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA)

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "No PostgreSQL installed: the integration tests will start an embedded PostgreSQL"
  exit 0
fi
ver=$(ls /etc/postgresql | sort -V | tail -1)
wait_ready() { for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && return 0; sleep 1; done; return 1; }

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "Starting PostgreSQL $ver"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  wait_ready || { echo "PostgreSQL did not start: the integration tests will start an embedded one"; exit 0; }
fi
if ! mpt=$("${PSQL[@]}" -c 'show max_prepared_transactions'); then
  echo "Cannot connect to PostgreSQL as postgres on 127.0.0.1:5432; the tests will report it" >&2
  exit 0
fi
if [ "$mpt" = "0" ]; then
  echo "Enabling prepared transactions (XA) and restarting PostgreSQL"
  "${PSQL[@]}" -c 'ALTER SYSTEM SET max_prepared_transactions = 100'
  pg_ctlcluster --skip-systemctl-redirect "$ver" main restart
  wait_ready
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
