#!/usr/bin/env bash
# Installs and starts what the test suite needs beyond npm packages:
# Debian's Chromium for the browser journeys, sqlite3 for the import benchmark's reference,
# and a running PostgreSQL (the suite runs every database test on SQLite and on PostgreSQL).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v pg_isready >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
