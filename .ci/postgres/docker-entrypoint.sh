#!/bin/sh
# The official postgres image's start-up contract, reduced to what docker-compose.postgres.yml relies on.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
user="${POSTGRES_USER:-postgres}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # Initialise on the socket only, so that a TCP healthcheck does not see a server that is not ready yet.
  "$bin/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  for script in /docker-entrypoint-initdb.d/*.sql; do
    [ -f "$script" ] && "$bin/psql" -v ON_ERROR_STOP=1 -q -U "$user" -d postgres -f "$script"
  done
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL initialised in $PGDATA"
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*'
