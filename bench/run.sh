#!/usr/bin/env bash
# The benchmark of issue 6, in one command:
#
#   bench/run.sh                      # everything: ~10 minutes on the 2-core machine
#   bench/run.sh --duration 2 --no-clean-build --no-callgrind   # a quick look
#   bench/run.sh --help               # every option
#
# Installs what is missing (wrk and valgrind from Debian, a FastAPI venv under /tmp), builds
# the harness, and runs it: it builds the peers, checks their answers, measures, and prints
# the report (also written to bench/target/results/<date>/report.md). Everything it builds
# stays under bench/target.
set -euo pipefail
cd "$(dirname "$0")"
BENCH_COMMAND="bench/run.sh${*:+ $*}"
export BENCH_COMMAND

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v valgrind >/dev/null || need_apt+=(valgrind)
if ((${#need_apt[@]})); then
    echo "run.sh: installing ${need_apt[*]} with apt-get" >&2
    SUDO=""
    [[ $(id -u) == 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# FastAPI on uvicorn, at the versions brisk's FastAPI oracle pins; skipped with a note when
# there is no python3 with venv + pip.
VENV="${BENCH_VENV:-/tmp/brisk-bench-venv}"
BENCH_PYTHON=""
if "$VENV/bin/python" -c "import fastapi, uvicorn" 2>/dev/null; then
    BENCH_PYTHON="$VENV/bin/python"
elif command -v python3 >/dev/null; then
    echo "run.sh: making the FastAPI venv in $VENV" >&2
    if python3 -m venv "$VENV" >&2 \
        && "$VENV/bin/python" -m pip install -q -r peers/fastapi/requirements.txt >&2; then
        BENCH_PYTHON="$VENV/bin/python"
    else
        echo "run.sh: no FastAPI venv (python3 -m venv or pip failed): FastAPI is skipped" >&2
    fi
else
    echo "run.sh: no python3: FastAPI is skipped" >&2
fi
export BENCH_PYTHON

cargo build --release --quiet -p harness
exec target/release/harness "$@"
