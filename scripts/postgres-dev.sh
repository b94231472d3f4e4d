#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for development and tests, and prints the line that points the tests at it:
#
#   eval "$(scripts/postgres-dev.sh)"      # sets AUDIOMUSIC_TEST_POSTGRES
#   scripts/postgres-dev.sh stop           # stops it and deletes its data
#
# The server listens on loopback only (port AUDIOMUSIC_PG_PORT, default 55432), keeps its data in a scratch directory
# and runs with durability switched off: it is for tests, never for data anyone wants back. Running the script again
# while the server is up reuses it. Everything except the final export line goes to stderr.
set -euo pipefail

port="${AUDIOMUSIC_PG_PORT:-55432}"
data_dir="${AUDIOMUSIC_PG_DIR:-${TMPDIR:-/tmp}/audiomusic-postgres-$port}"
password="audiomusic-dev"
connection="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"

# The server account may not be allowed into the caller's working directory; nothing below needs it.
data_dir="$(realpath -m "$data_dir")"
cd /

log() { echo "postgres-dev: $*" >&2; }

find_bin_dir() {
  # Debian keeps each major version's server binaries in their own directory; take the newest.
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
    return
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

bin_dir="$(find_bin_dir)"
if [[ -z "$bin_dir" ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then
    log "PostgreSQL server binaries not found and not root: install the 'postgresql' package first"
    exit 1
  fi
  log "installing PostgreSQL from the distribution"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin_dir="$(find_bin_dir)"
fi

# initdb and postgres refuse to run as root, so as root the server belongs to the 'postgres' system account.
run_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
fi

is_ready() { "$bin_dir/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1; }

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$data_dir/PG_VERSION" ]]; then
    run_as_owner "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop >&2 || true
    rm -rf "$data_dir"
    log "stopped and removed $data_dir"
  fi
  exit 0
fi

if is_ready; then
  log "reusing the server already listening on 127.0.0.1:$port"
  echo "export AUDIOMUSIC_TEST_POSTGRES='$connection'"
  exit 0
fi

if [[ ! -f "$data_dir/PG_VERSION" ]]; then
  rm -rf "$data_dir"
  mkdir -p "$data_dir"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$data_dir"
  fi
  chmod 700 "$data_dir"
  password_file="$(mktemp)"
  echo "$password" >"$password_file"
  chmod 644 "$password_file"
  log "creating a data directory in $data_dir"
  run_as_owner "$bin_dir/initdb" -D "$data_dir" -U postgres --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >&2
  rm -f "$password_file"
fi

# Tests create and drop many small databases; durability settings only slow that down on a scratch server.
log "starting PostgreSQL on 127.0.0.1:$port"
run_as_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data_dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2

for _ in $(seq 1 60); do
  if is_ready; then
    echo "export AUDIOMUSIC_TEST_POSTGRES='$connection'"
    exit 0
  fi
  sleep 0.5
done
log "the server did not become ready; see $data_dir/server.log"
exit 1
