# A throw-away PostgreSQL server for tests. Source this file, then `pg_start` / `pg_stop`.
#
# pg_start: initdb into a temporary folder (as the `postgres` user through runuser when run as root:
# initdb refuses root), starts the server with pg_ctl on a free local port, listening on 127.0.0.1 only
# with its socket in that folder, creates a superuser test role with a password and exports
# DEALGATE_TEST_PG=postgres://dealgate_test:PASSWORD@127.0.0.1:PORT/postgres. Stops the server and
# removes the folder on exit. Installs nothing: scripts/install-deps.sh installs `postgresql`.
# pg_stop: stops the server and removes the folder.

pg_start() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "pg.sh: no PostgreSQL server found under /usr/lib/postgresql/*/bin (run scripts/install-deps.sh)" >&2
    return 1
  fi
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || { echo "pg.sh: running as root and no postgres user to run the server" >&2; return 1; }
    as=(runuser -u postgres --)
  fi
  PG_DIR="$(mktemp -d /tmp/dealgate-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  chmod 700 "$PG_DIR"
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  local password
  password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  echo "$password" > "$PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR/pw"
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A scram-sha-256 --pwfile="$PG_DIR/pw" \
    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; rm -rf "$PG_DIR"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; rm -rf "$PG_DIR"; return 1; }
  PG_BIN="$bin"
  PG_AS=("${as[@]}")
  trap pg_stop EXIT
  PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE dealgate_test LOGIN SUPERUSER PASSWORD '$password'" >/dev/null \
    || { pg_stop; return 1; }
  export DEALGATE_TEST_PG="postgres://dealgate_test:$password@127.0.0.1:$port/postgres"
  echo "pg.sh: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  if [ -d "$PG_DIR/data" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  unset PG_DIR DEALGATE_TEST_PG
}
