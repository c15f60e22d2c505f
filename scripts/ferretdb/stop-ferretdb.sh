#!/usr/bin/env bash
# Stops the FerretDB that start-ferretdb.sh started (by its recorded pid only) and deletes its data,
# unless FERRETDB_KEEP_DATA=1.
set -euo pipefail

PORT="${FERRETDB_PORT:-27018}"
RUN_DIR="${FERRETDB_RUN_DIR:-/tmp/itp-ferretdb-$PORT}"
PID_FILE="$RUN_DIR/ferretdb.pid"

if [[ -f "$PID_FILE" ]]; then
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # FerretDB closes its SQLite files on SIGTERM; give it a bounded moment before insisting.
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "FerretDB (pid $pid) ignored SIGTERM for 10 s: sending SIGKILL" >&2
      kill -9 "$pid"
    fi
    echo "Stopped FerretDB (pid $pid) on port $PORT."
  else
    echo "FerretDB (pid $pid) was not running."
  fi
  rm -f "$PID_FILE"
else
  echo "No FerretDB started by start-ferretdb.sh on port $PORT ($PID_FILE is missing)."
fi

if [[ "${FERRETDB_KEEP_DATA:-0}" != "1" && -d "$RUN_DIR" ]]; then
  rm -rf "$RUN_DIR"
fi
