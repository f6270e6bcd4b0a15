#!/usr/bin/env bash
# A local PostgreSQL for trying pkilab and for its tests (Debian's postgresql package, run as root):
# starts the cluster on 127.0.0.1, creates the role and database `pkilab` (password `pkilab`) if missing,
# and prints the URL to give pkilab (--store or PKILAB_STORE).
# With --drop-test-schemas: drops the schemas the test suites and the bench made (pkilab_test_*,
# pkilab_bench_*, left by a run cut short) and `readme`, where the README's examples put their labs.
set -euo pipefail
if [ "${1:-}" = "--drop-test-schemas" ]; then
  schemas=$(runuser -u postgres -- psql -d pkilab -qtAc "SELECT string_agg(quote_ident(nspname), ', ') FROM pg_namespace WHERE nspname LIKE 'pkilab\_test\_%' OR nspname LIKE 'pkilab\_bench\_%' OR nspname = 'readme'")
  if [ -n "$schemas" ]; then runuser -u postgres -- psql -d pkilab -qc "DROP SCHEMA $schemas CASCADE"; fi
  exit 0
fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  echo "postgres-local: expected a PostgreSQL cluster after installing postgresql, found none" >&2
  exit 1
fi
pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
for _ in $(seq 1 50); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
psql=(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'pkilab'")" != 1 ]; then
  "${psql[@]}" -c "CREATE ROLE pkilab LOGIN PASSWORD 'pkilab'"
fi
if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'pkilab'")" != 1 ]; then
  "${psql[@]}" -c "CREATE DATABASE pkilab OWNER pkilab"
fi
echo "postgres://pkilab:pkilab@127.0.0.1:5432/pkilab"
