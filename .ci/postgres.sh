# Sourced by .ci/run: a throwaway PostgreSQL cluster on 127.0.0.1 for the backend tests that
# need a real server (the SQL store contracts on PostgreSQL, two server processes on one
# database). Exports DATABASE_URL; the cluster is stopped and deleted when the run exits.
# Where PostgreSQL cannot run, DATABASE_URL stays unset and those tests say they skipped.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 || apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -n "$pg_bin" ]; then
  pg_dir=$(mktemp -d /tmp/ecasilla-pg.XXXXXX)
  as_pg=()
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=$((20000 + RANDOM % 20000))
  if "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U ecasilla --auth=trust -E UTF8 >/dev/null \
     && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
          -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
    export DATABASE_URL="postgres://ecasilla@127.0.0.1:$pg_port/postgres"
    trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
    echo "ci: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
  else
    echo "ci: PostgreSQL could not start here; the tests that need it will say they skipped" >&2
    cat "$pg_dir/log" >&2 2>/dev/null || true
  fi
fi
