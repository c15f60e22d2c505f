#!/usr/bin/env bash
# Starts FerretDB 1.x with its SQLite backend, so that the MongoDB read store can be tested without MongoDB
# (which no registry reachable from these machines provides). Idempotent: a running instance is reused.
#
#   scripts/ferretdb/start-ferretdb.sh     # prints the MONGODB_URI to use
#   scripts/ferretdb/stop-ferretdb.sh
#
# Environment: FERRETDB_PORT (27018), FERRETDB_RUN_DIR (/tmp/itp-ferretdb-$FERRETDB_PORT), FERRETDB_WAIT_S (60).
set -euo pipefail

VERSION=v1.24.2
PORT="${FERRETDB_PORT:-27018}"
RUN_DIR="${FERRETDB_RUN_DIR:-/tmp/itp-ferretdb-$PORT}"
WAIT_S="${FERRETDB_WAIT_S:-60}"
BIN="$(go env GOPATH)/bin/ferretdb"

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

print_uri() {
  echo "FerretDB $VERSION (SQLite backend) listens on 127.0.0.1:$PORT; data and log in $RUN_DIR"
  echo "  export MONGODB_URI=mongodb://127.0.0.1:$PORT/ MONGODB_DB=itp_test"
  echo "  MONGODB_URI=mongodb://127.0.0.1:$PORT/ MONGODB_DB=itp_test npx jest libs/read-store"
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION` builds, but the binary panics at start:
# "Invalid build/version/version.txt file content" (that file is generated in FerretDB's own repository and
# is not in the module). So: fetch the module source, add version.txt, and build it ourselves.
install_ferretdb() {
  echo "Building FerretDB $VERSION into $BIN (about 2 minutes the first time on 2 cores, seconds once Go's caches are warm)..."
  local module_dir src
  module_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$module_dir" && -d "$module_dir" ]] || { echo "go mod download gave no source directory" >&2; exit 1; }
  src="$(mktemp -d /tmp/ferretdb-src.XXXXXX)"
  cp -R "$module_dir/." "$src/"
  chmod -R u+w "$src"
  echo "$VERSION" > "$src/build/version/version.txt"
  (cd "$src" && go build -o "$BIN" ./cmd/ferretdb)
  rm -rf "$src"
}

if ! "$BIN" --version >/dev/null 2>&1; then
  install_ferretdb
fi

if [[ -f "$RUN_DIR/ferretdb.pid" ]] && kill -0 "$(cat "$RUN_DIR/ferretdb.pid")" 2>/dev/null && port_answers; then
  echo "FerretDB is already running (pid $(cat "$RUN_DIR/ferretdb.pid"))."
  print_uri
  exit 0
fi
if port_answers; then
  echo "Port $PORT is taken by another process: set FERRETDB_PORT to another port." >&2
  exit 1
fi

mkdir -p "$RUN_DIR/data"
# --debug-addr on port 0: FerretDB's metrics listener would otherwise take 8088 and collide with a second instance.
nohup "$BIN" \
  --handler=sqlite \
  --sqlite-url="file:$RUN_DIR/data/" \
  --state-dir="$RUN_DIR" \
  --listen-addr="127.0.0.1:$PORT" \
  --debug-addr=127.0.0.1:0 \
  --telemetry=disable \
  --log-level=WARN \
  >"$RUN_DIR/ferretdb.log" 2>&1 &
echo $! > "$RUN_DIR/ferretdb.pid"

for ((i = 0; i < WAIT_S * 4; i++)); do
  if port_answers; then
    print_uri
    exit 0
  fi
  if ! kill -0 "$(cat "$RUN_DIR/ferretdb.pid")" 2>/dev/null; then
    echo "FerretDB exited during start-up; the end of its log ($RUN_DIR/ferretdb.log):" >&2
    tail -n 30 "$RUN_DIR/ferretdb.log" >&2
    exit 1
  fi
  sleep 0.25
done
echo "FerretDB did not answer on 127.0.0.1:$PORT within ${WAIT_S}s; see $RUN_DIR/ferretdb.log" >&2
exit 1
