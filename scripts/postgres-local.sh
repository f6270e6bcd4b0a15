#!/usr/bin/env bash
# A local PostgreSQL for trying pkilab and for its tests (Debian's postgresql package, run as root):
# starts the cluster on 127.0.0.1, creates the role and database `pkilab` (password `pkilab`) if missing,
# and prints the URL to give pkilab (--store or PKILAB_STORE).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  echo "postgres-local: expected a PostgreSQL cluster after installing postgresql, found none" >&2
  exit 1
fi
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 50); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
psql=(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'pkilab'")" != 1 ]; then
  "${psql[@]}" -c "CREATE ROLE pkilab LOGIN PASSWORD 'pkilab'"
fi
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'pkilab'")" != 1 ]; then
  "${psql[@]}" -c "CREATE DATABASE pkilab OWNER pkilab"
fi
echo "postgres://pkilab:pkilab@127.0.0.1:5432/pkilab"
