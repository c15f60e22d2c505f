#!/usr/bin/env bash
# Fuzzes the built api from its own OpenAPI document with schemathesis (all checks, a fixed example budget and
# seed), then proves three things and prints their figures:
#   - no 5xx answer, and no failure of any check (status codes, content types, headers and bodies as documented;
#     schema-valid input accepted, or refused only as a documented domain refusal: 404, 409, 412, 422);
#   - every event appended during the run belongs to exactly one successful command schemathesis sent (events
#     appended = commands answered 2xx, less idempotent replays and commands that decided nothing new).
# Nothing is built here: CI built dist/ already (npm run build). The api runs from dist/ on a throw-away data
# directory with an admin key; the demo year is loaded first (through the command API), so that ids exist, and
# schemathesis draws path ids and body references from them as well as from what it makes up.
#
#   ITP_FUZZ_MAX_EXAMPLES  examples per operation and phase (default 100: about 2 minutes on 2 cores)
#   ITP_FUZZ_SEED          the seed (default 20141231), so that a failure replays
#   ITP_FUZZ_PORT          the api's port (default 39517)
#   ITP_FUZZ_KEEP=1        keep the work directory (api log, reports, cassette) even when all passed
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

SCHEMATHESIS_VERSION="4.32.5"
max_examples="${ITP_FUZZ_MAX_EXAMPLES:-100}"
seed="${ITP_FUZZ_SEED:-20141231}"
port="${ITP_FUZZ_PORT:-39517}"
main="dist/apps/api/apps/api/src/main.js"
base="http://127.0.0.1:${port}"

if [ ! -f "$main" ]; then
  echo "!! $main is missing: build first (npm run build)" >&2
  exit 2
fi

# schemathesis from PyPI, pinned, in the virtual environment .ci/run makes (made here when missing).
[ -x .venv/bin/python ] || python3 -m venv .venv
if [ "$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ]; then
  .venv/bin/pip install -q "schemathesis==${SCHEMATHESIS_VERSION}"
fi
st=.venv/bin/schemathesis

work="$(mktemp -d "${TMPDIR:-/tmp}/itp-schemathesis.XXXXXX")"
data="$work/data"
mkdir -p "$data" "$work/report"
key="schemathesis-admin-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
api_pid=""
outcome=1

cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [ "$outcome" -eq 0 ] && [ "${ITP_FUZZ_KEEP:-}" != "1" ]; then
    rm -rf "$work"
  else
    echo "   work directory kept: $work (api.log, report/, schemathesis.toml)"
  fi
}
trap cleanup EXIT

echo "   schemathesis ${SCHEMATHESIS_VERSION}, ${max_examples} examples per operation, seed ${seed}, api on :${port}"
# The embedded default, whatever backends the calling shell names (.ci/run exports FerretDB's MONGODB_URI).
env -u MONGODB_URI -u MONGODB_DB -u EVENTSTORE_CONNECTION_STRING -u ITP_PROJECTIONS_IN_PROCESS \
  ITP_DATA_DIR="$data" PORT="$port" LOG_LEVEL=warn \
  ITP_API_KEYS="[{\"key\":\"${key}\",\"role\":\"admin\",\"unit\":\"schemathesis\",\"cities\":\"*\",\"actor\":\"schemathesis\"}]" \
  node "$main" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  kill -0 "$api_pid" 2>/dev/null || { echo "!! the api did not start:" >&2; tail -20 "$work/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$base/health" || { echo "!! the api is not healthy after 30 s" >&2; exit 1; }

# Data first: the demo year through the command API, so that projects, investors, parks and problems exist.
ITP_URL="$base" ITP_API_KEY="$key" npx --no-install tsx scripts/demo/load-demo-data.ts >"$work/demo.log" 2>&1 ||
  { echo "!! the demo load failed:" >&2; tail -20 "$work/demo.log" >&2; exit 1; }

# The configuration: checks' expectations, and dictionaries of the ids that exist, which schemathesis draws path ids
# and body references from (often, not always: made-up ids still meet the 404s they should).
ITP_FUZZ_BASE="$base" ITP_FUZZ_KEY="$key" ITP_FUZZ_SEED="$seed" .venv/bin/python - "$work/schemathesis.toml" <<'PY'
import json, os, sys, urllib.request

base, key, seed = os.environ["ITP_FUZZ_BASE"], os.environ["ITP_FUZZ_KEY"], os.environ["ITP_FUZZ_SEED"]

def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)

projects = get("/api/v1/projects?pageSize=200")["items"]
investors = get("/api/v1/investors?pageSize=200")["items"]
parks = get("/api/v1/parks?pageSize=200")["items"]
problems = get("/api/v1/problems?pageSize=200")["items"]
ids = {
    "project_ids": [p["projectId"] for p in projects],
    "investor_ids": [i["investorId"] for i in investors],
    "park_ids": [p["parkId"] for p in parks],
    "problem_ids": sorted({p["problemId"] for p in problems}),
}
for name, values in ids.items():
    if not values:
        sys.exit(f"!! no {name} after the demo load")

q = json.dumps
lines = [
    f"seed = {int(seed)}",
    "",
    "# Schema-valid input may be refused only as a documented domain refusal: an unknown id (404), an illegal",
    "# transition or a conflict (409), a stale If-Match (412), a reused Idempotency-Key or a missing rate (422).",
    "[checks.positive_data_acceptance]",
    'expected-statuses = ["2xx", "304", "404", "409", "412", "422"]',
    "",
    "# Schema-violating input must be refused: a 4xx problem (414: a path parameter longer than the server takes).",
    "[checks.negative_data_rejection]",
    'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429"]',
    "",
    "[phases.fuzzing]",
    'operation-ordering = "auto"',
    "extra-data-sources = { responses = true }",
    "",
    "[dictionaries]",
]
lines += [f"{name} = {{ values = {q(values)} }}" for name, values in ids.items()]
lines += [
    "",
    "[parameters]",
    '"body.investorId" = { dictionary = "investor_ids", probability = 0.8 }',
    '"body.parkId" = { dictionary = "park_ids", probability = 0.5 }',
    '"path.problemId" = { dictionary = "problem_ids", probability = 0.7 }',
    '"query.projectId" = { dictionary = "project_ids", probability = 0.5 }',
]
for prefix, dictionary in [("projects", "project_ids"), ("investors", "investor_ids"), ("parks", "park_ids")]:
    lines += [
        "",
        "[[operations]]",
        f'include-path-regex = "^/api/v1/{prefix}/\\\\{{id\\\\}}"',
        f'parameters = {{ "path.id" = {{ dictionary = "{dictionary}", probability = 0.7 }} }}',
    ]
with open(sys.argv[1], "w", encoding="utf-8") as config:
    config.write("\n".join(lines) + "\n")
PY

# The log's head before the run: every event after it was appended by a command schemathesis sent.
head_position() {
  node -e '
    const db = new (require("better-sqlite3"))(process.argv[1], { readonly: true, fileMustExist: true });
    console.log(db.prepare("SELECT COALESCE(MAX(position), 0) AS head FROM events").get().head);
  ' "$data/events.sqlite"
}
baseline="$(head_position)"

st_status=0
(cd "$work" && "$root/$st" --config-file "$work/schemathesis.toml" run "$base/api/docs-json" \
  -H "Authorization: Bearer ${key}" --checks all --max-examples "$max_examples" --seed "$seed" \
  --workers 1 --no-color --report junit,har --report-dir "$work/report" \
  --report-junit-path "$work/report/junit.xml" --report-har-path "$work/report/requests.har") \
  >"$work/schemathesis.log" 2>&1 || st_status=$?
# Its summary (and every failure with its curl line) as schemathesis printed it.
# (awk, not head: closing the pipe early would kill sed with SIGPIPE under pipefail.)
if grep -q "FAILURES" "$work/schemathesis.log"; then
  sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p' "$work/schemathesis.log" | awk 'NR <= 300'
  echo "   (the failures in full: $work/schemathesis.log)"
fi
sed -n '/^=* SUMMARY =*$/,$p' "$work/schemathesis.log"

kill -TERM "$api_pid" 2>/dev/null || true
wait "$api_pid" 2>/dev/null || true
api_pid=""

# The events appended during the run, from the store itself (the api has stopped).
node -e '
  const db = new (require("better-sqlite3"))(process.argv[1], { readonly: true, fileMustExist: true });
  const rows = db.prepare("SELECT position, type FROM events WHERE position > ? ORDER BY position").all(Number(process.argv[2]));
  require("node:fs").writeFileSync(process.argv[3], JSON.stringify(rows));
' "$data/events.sqlite" "$baseline" "$work/appended.json"

set +e
ST_STATUS="$st_status" BASELINE="$baseline" .venv/bin/python - "$work/report/requests.har" "$work/report/junit.xml" "$work/appended.json" <<'PY'
import json, os, re, sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

har_path, junit_path, appended_path = sys.argv[1:4]
baseline = int(os.environ["BASELINE"])
entries = json.load(open(har_path, encoding="utf-8"))["log"]["entries"]

def is_command(method, path):
    return method in ("POST", "PATCH") and path.startswith("/api/v1/") and not path.startswith("/api/v1/admin/") \
        and not path.startswith("/api/v1/audit/")

requests = len(entries)
server_errors = []
commands_2xx = replays = 0
answered = {}
for entry in entries:
    request, response = entry["request"], entry["response"]
    method, path, status = request["method"].upper(), urlsplit(request["url"]).path, response["status"]
    if status >= 500:
        server_errors.append(f"{method} {request['url']} -> {status}")
    if not (is_command(method, path) and 200 <= status < 300):
        continue
    commands_2xx += 1
    headers = {h["name"].lower(): h["value"] for h in response.get("headers", [])}
    if headers.get("idempotent-replayed") == "true":
        replays += 1
        continue
    try:
        position = json.loads(response["content"].get("text") or "null")["position"]
    except (TypeError, ValueError, KeyError):
        print(f"!! a 2xx command answer without a position: {method} {request['url']}")
        continue
    if position > baseline:
        answered.setdefault(position, f"{method} {path}")

appended = json.load(open(appended_path, encoding="utf-8"))
appended_positions = {row["position"] for row in appended}
no_ops = commands_2xx - replays - len(answered)

failures = 0
if os.path.exists(junit_path):
    for case in ET.parse(junit_path).getroot().iter("testcase"):
        failures += len(case.findall("failure")) + len(case.findall("error"))

print()
print("== schemathesis figures")
print(f"requests: {requests}")
print(f"5xx answers: {len(server_errors)}")
print(f"operations with failures (conformance and other checks, JUnit): {failures}")
print(f"successful commands (2xx): {commands_2xx} = {len(answered)} that appended + {replays} idempotent replays + {no_ops} that decided nothing new")
print(f"events appended: {len(appended)} (positions {baseline + 1}..{max(appended_positions, default=baseline)})")

ok = True
for line in server_errors[:20]:
    print(f"!! 5xx: {line}")
if server_errors:
    ok = False
if failures or int(os.environ["ST_STATUS"]) != 0:
    print(f"!! schemathesis reported failures (exit {os.environ['ST_STATUS']})")
    ok = False
if appended_positions != set(answered):
    ok = False
    unanswered = sorted(appended_positions - set(answered))
    phantom = sorted(set(answered) - appended_positions)
    print(f"!! events appended ({len(appended)}) != successful commands that appended ({len(answered)})")
    if unanswered:
        print(f"!! appended without a 2xx answer: positions {unanswered[:20]}")
    if phantom:
        print(f"!! answered positions not in the log: {[(p, answered[p]) for p in phantom[:20]]}")
print("schemathesis: " + ("passed" if ok else "FAILED"))
sys.exit(0 if ok else 1)
PY
outcome=$?
exit "$outcome"
