#!/usr/bin/env bash
# Runs schemathesis (PyPI) against brisk's running examples, `items` and `validation`: no
# server error, and no answer that breaks the example's own OpenAPI document. Loopback only.
# The checks, their exclusions and why: README.md beside this file.
#
#   tools/schemathesis/run.sh                 # both examples
#   tools/schemathesis/run.sh items           # one
#   ST_MAX_EXAMPLES=500 ST_SEED=random tools/schemathesis/run.sh   # a longer, fresh search
#
# Exits non-zero on any failure, error or time-out. The venv lives in target/schemathesis-venv.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tools/schemathesis"
venv="$root/target/schemathesis-venv"
work="$root/target/schemathesis"          # schemathesis' cwd: its reports and scratch files
max_examples="${ST_MAX_EXAMPLES:-100}"     # test cases per operation and phase
seed="${ST_SEED:-20251125}"                # fixed: CI fails on brisk changes, not on luck
run_timeout="${ST_TIMEOUT:-300}"           # hard bound on one example's run, in seconds
examples=("$@")
[ ${#examples[@]} -gt 0 ] || examples=(items validation)

# (Re)install when the venv is missing or requirements.txt changed since it was made.
if ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

(cd "$root" && cargo build --quiet --locked $(printf -- '--example %s ' "${examples[@]}"))

pids=()
stop_servers() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to 30 s for the document; fails at once if the server died.
wait_for_document() {
  local pid="$1" url="$2" i
  for i in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "schemathesis: the server exited before serving $url" >&2
      return 1
    fi
    if "$venv/bin/python" - "$url" <<'PY' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=1) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
      return 0
    fi
    sleep 0.1
  done
  echo "schemathesis: $url did not answer within 30 s" >&2
  return 1
}

mkdir -p "$work"
seed_args=()
[ "$seed" = random ] || seed_args=(--seed "$seed")
failed=()
for example in "${examples[@]}"; do
  port="$(free_port)"
  log="$work/$example-server.log"
  HOST=127.0.0.1 PORT="$port" "${CARGO_TARGET_DIR:-$root/target}/debug/examples/$example" >"$log" 2>&1 &
  pids+=($!)
  wait_for_document "$!" "http://127.0.0.1:$port/openapi.json"

  echo "== schemathesis: $example on 127.0.0.1:$port (max $max_examples examples, seed $seed)"
  status=0
  (cd "$work" && SCHEMATHESIS_HOOKS="$here/hooks.py" timeout --foreground --kill-after=10 "$run_timeout" \
    "$venv/bin/schemathesis" --no-color --config-file "$here/schemathesis.toml" run \
      "http://127.0.0.1:$port/openapi.json" \
      --max-examples "$max_examples" ${seed_args[@]+"${seed_args[@]}"} \
      --request-timeout 10 \
      --max-redirects 0 \
      --report junit --report-junit-path "$work/$example-junit.xml") || status=$?
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "schemathesis: $example timed out after ${run_timeout}s" >&2
    failed+=("$example")
  fi
  # Show what the server logged above INFO (a 5xx has already failed the run above).
  problems='^[^ ]+ +(ERROR|WARN) |panicked'
  if grep -Eq "$problems" "$log"; then
    echo "schemathesis: $example's server logged (all in $log):" >&2
    grep -E "$problems" "$log" | head -20 >&2
  fi
  stop_servers
done

passed=$((${#examples[@]} - ${#failed[@]}))
if [ ${#failed[@]} -gt 0 ]; then
  echo "schemathesis: failures in: ${failed[*]} (details above)" >&2
fi
# The plain closing line CI reads: one "test" per example.
echo "schemathesis: $passed passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
