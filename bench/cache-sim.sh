#!/usr/bin/env bash
# Simulated cache misses per request of one peer under the timed runs' load (64 keep-alive
# connections), where the harness's instruction counts use one connection:
#
#   bench/cache-sim.sh brisk plaintext      # after a bench/run.sh (its peers and Lua scripts)
#   bench/cache-sim.sh hyper post-model 8   # 8 s counted (default 6)
#   CACHE_SIM_OUT=/tmp/cs bench/cache-sim.sh brisk plaintext   # also keep the callgrind dump
#
# Runs the peer under `valgrind --tool=callgrind --cache-sim=yes` (valgrind's model of this
# machine's caches: 32 KiB L1i, 48 KiB L1d), sends 2 s of wrk warm-up, zeroes the counts,
# counts N s of wrk, and prints per request: instructions (Ir), L1 instruction-cache misses
# (I1mr: code lines fetched again, i.e. how much code a request runs through), L1 data read
# and write misses (D1mr, D1mw), and calls to glibc's memcpy/memmove (values moved whole:
# ~29 instructions each, but ~10 ns each timed here). The request count is wrk's, so the
# figures move by a few percent between runs; the ratios between peers are what to read.
# This machine has no hardware counters (no PMU in the VM): this is the way to see cache
# behaviour at all.
set -euo pipefail
cd "$(dirname "$0")"
peer=${1:?usage: bench/cache-sim.sh PEER SCENARIO [SECONDS]}
scenario=${2:?usage: bench/cache-sim.sh PEER SCENARIO [SECONDS]}
secs=${3:-6}
bin="target/peers/$peer/release/$peer-bench-items"
lua=$(ls -d target/results/*/lua 2>/dev/null | tail -1)/$scenario.lua
[[ -x $bin ]] || { echo "cache-sim.sh: no $bin: run bench/run.sh first" >&2; exit 2; }
[[ -f $lua ]] || { echo "cache-sim.sh: no $lua: run bench/run.sh first" >&2; exit 2; }
# (The harness's Lua scripts carry the whole request, path included: wrk gets the origin.)
port=$((20000 + RANDOM % 20000))
out=$(mktemp -d)
keep=""
trap 'kill -9 "$pid" 2>/dev/null || true; [[ -n $keep ]] || rm -rf "$out"' EXIT
PORT=$port taskset -c 0 valgrind --tool=callgrind --cache-sim=yes --vgdb=yes --compress-strings=no \
    --callgrind-out-file="$out/cg.out" "$bin" >"$out/server.log" 2>&1 &
pid=$!
up=""
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/plaintext" && { up=1; break; }
    sleep 0.2
done
[[ -n $up ]] || { keep=1; echo "cache-sim.sh: $peer never answered (see $out/server.log)" >&2; exit 1; }
taskset -c 1 wrk -t1 -c64 -d2s -s "$lua" "http://127.0.0.1:$port/" >/dev/null
callgrind_control --zero "$pid" >/dev/null 2>&1
requests=$(taskset -c 1 wrk -t1 -c64 -d"${secs}s" -s "$lua" "http://127.0.0.1:$port/" |
    awk '/requests in/ {print $1}')
callgrind_control --dump=counted "$pid" >/dev/null 2>&1
ls "$out"/cg.out.* >/dev/null 2>&1 || { keep=1; echo "cache-sim.sh: callgrind wrote no dump (see $out/server.log)" >&2; exit 1; }
if [[ -n ${CACHE_SIM_OUT:-} ]]; then
    mkdir -p "$CACHE_SIM_OUT"
    cat "$out"/cg.out.* >"$CACHE_SIM_OUT/$peer-$scenario.callgrind"
    echo "callgrind dump: $CACHE_SIM_OUT/$peer-$scenario.callgrind ($requests requests: bench/cg-self.py --per $requests reads it)" >&2
fi
# events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw; and the calls made to glibc's memcpy/memmove
# (moves of values too big to copy inline: `calls=N` lines under a `cfn=` naming one).
cat "$out"/cg.out.* | awk -v n="$requests" -v p="$peer" -v s="$scenario" '
    /^summary:/ { ir = $2; i1 = $5; d1r = $6; d1w = $7 }
    /^cfn=/ { copy = ($0 ~ /mem(cpy|move)/) }
    /^calls=/ && copy { sub(/^calls=/, ""); calls += $1 + 0 }
    END {
        printf "%s %s: %d requests; per request: Ir %.0f  I1mr %.1f  D1mr %.1f  D1mw %.1f  memcpy calls %.1f\n",
            p, s, n, ir / n, i1 / n, d1r / n, d1w / n, calls / n
    }'
