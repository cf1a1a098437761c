#!/usr/bin/env bash
# Rolling restart behind nginx, under load, with nothing lost.
#
# Two instances of the items example (release build) run on loopback behind Debian's nginx
# (its own config in a temp dir, a non-default port, keep-alive upstream connections,
# `proxy_next_upstream`). tools/deploy/loadgen.rs drives a steady load through nginx for
# DURATION seconds, counting every request it sends and every answer; meanwhile each
# instance in turn gets SIGTERM, must exit 0 in time, is started again and must be healthy
# before the next one goes. The run passes when every request sent was answered with its
# expected status (and the 307s carry the public URL), both instances exited 0, nginx
# logged no 5xx, and no instance dropped a request it had been sent (nginx retries those
# when it may, so they are counted from its error log: a POST would not have been retried).
#
#   tools/deploy/nginx-rolling.sh            # ~25 s once built (first release build: ~1-2 min)
#   DURATION=60 CONNECTIONS=32 tools/deploy/nginx-rolling.sh
#   KEEP=1 tools/deploy/nginx-rolling.sh     # keep the temp dir (configs, logs) for a look
#   PROFILE=dev tools/deploy/nginx-rolling.sh  # the debug build `cargo test` already made (CI)
#
# Installs nginx (and curl) with apt-get when missing. Loopback only; every step is bounded
# in time; everything it started is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
GRACE=${GRACE:-10s}
PROFILE=${PROFILE:-release}

START_NS=$(date +%s%N)
now_ms() { echo $((($(date +%s%N) - START_NS) / 1000000)); }
log() { printf '[%6.1fs] %s\n' "$(awk "BEGIN { print $(now_ms) / 1000 }")" "$*"; }
die() {
    log "FAIL: $*"
    exit 1
}

TMP=$(mktemp -d /tmp/brisk-nginx-rolling.XXXXXX)
declare -A PID=()
NGINX_PID=""
LOAD_PID=""

# Stops a process we started (by its pid): `signal`, then SIGKILL after `seconds`.
stop_pid() {
    local pid=$1 signal=$2 seconds=$3 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill "-$signal" "$pid" 2>/dev/null || true
    for ((i = 0; i < seconds * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [ -n "$LOAD_PID" ] && stop_pid "$LOAD_PID" TERM 2
    for name in "${!PID[@]}"; do stop_pid "${PID[$name]}" TERM 12; done
    [ -n "$NGINX_PID" ] && stop_pid "$NGINX_PID" QUIT 5
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $TMP"
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on.
free_port() {
    local port i
    for ((i = 0; i < 50; i++)); do
        port=$((20000 + RANDOM % 20000))
        case " ${USED_PORTS:-} " in *" $port "*) continue ;; esac
        if ! timeout 1 bash -c ": </dev/tcp/127.0.0.1/$port" 2>/dev/null; then
            USED_PORTS="${USED_PORTS:-} $port"
            echo "$port"
            return 0
        fi
    done
    die "no free port"
}

# Waits until GET /healthz on `port` answers 200; at most `seconds`.
wait_healthy() {
    local port=$1 seconds=$2 i
    for ((i = 0; i < seconds * 20; i++)); do
        curl -fsS --max-time 1 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    return 1
}

# --- nginx and curl -----------------------------------------------------------------------
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt-get)"
    timeout 300 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${missing[@]}" >/dev/null
    # Where the package starts its own service (outside containers), stop it: this script
    # listens on loopback only and leaves nothing running.
    if [[ " ${missing[*]} " == *" nginx "* ]] && [ -s /run/nginx.pid ]; then
        /usr/sbin/nginx -s quit 2>/dev/null || true
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
log "$("$NGINX" -v 2>&1)"

# --- build --------------------------------------------------------------------------------
build_start=$(now_ms)
case "$PROFILE" in
release) out_dir=release ;;
dev) out_dir=debug ;;
*) die "PROFILE must be release or dev, not $PROFILE" ;;
esac
timeout 1200 cargo build --profile "$PROFILE" --quiet -p brisk --example items
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/$out_dir/examples/items
[ -x "$BIN" ] || die "no $BIN"
timeout 300 rustc -O --edition 2021 -o "$TMP/loadgen" tools/deploy/loadgen.rs
log "built the items example ($PROFILE) and the load generator in $((($(now_ms) - build_start) / 1000)) s"

# --- two instances --------------------------------------------------------------------------
PORT_A=$(free_port)
PORT_B=$(free_port)
PORT_NGINX=$(free_port)

start_instance() {
    local name=$1 port=$2
    # The environment is the configuration: address, port, grace period, log level.
    HOST=127.0.0.1 PORT=$port BRISK_GRACE_PERIOD=$GRACE RUST_LOG='info,brisk::access=off' \
        "$BIN" >>"$TMP/$name.log" 2>&1 &
    PID[$name]=$!
    wait_healthy "$port" 10 || die "instance $name (port $port) not healthy within 10 s"
}

start_instance a "$PORT_A"
start_instance b "$PORT_B"
log "instances a (:$PORT_A, pid ${PID[a]}) and b (:$PORT_B, pid ${PID[b]}) healthy"

# --- nginx ----------------------------------------------------------------------------------
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log notice;
events { worker_connections 1024; }
http {
    log_format upstreams '\$msec \$status \$request_method \$upstream_addr \$upstream_status';
    access_log $TMP/nginx-access.log upstreams buffer=64k flush=1s;
    client_body_temp_path $TMP/nginx/client_body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;

    upstream brisk {
        # A refused connection marks an instance down for 1 s only: it is back well
        # before the next instance restarts.
        server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=1s;
        server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=1s;
        # Keep-alive to the instances; nginx closes idle ones after 30 s, before brisk's
        # 75 s idle timeout would.
        keepalive 32;
        keepalive_timeout 30s;
    }

    server {
        listen 127.0.0.1:$PORT_NGINX;
        location / {
            proxy_pass http://brisk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The public scheme and host, for brisk's absolute URLs (the 307 redirect). The
            # Host header stays nginx's default (the upstream's name, "brisk"), so a right
            # location proves that brisk read Forwarded.
            proxy_set_header Forwarded "proto=\$scheme;host=\"\$http_host\"";
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 1s;
            proxy_read_timeout 10s;
            # A refused or reset connection, a timeout or a 502/503 goes to the other
            # instance. nginx never retries a POST or PATCH once it was sent, so brisk must
            # not drop those.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
            proxy_next_upstream_timeout 10s;
        }
    }
}
EOF
"$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf"
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
wait_healthy "$PORT_NGINX" 10 || die "nginx (port $PORT_NGINX) does not answer"
log "nginx on 127.0.0.1:$PORT_NGINX (pid $NGINX_PID) balancing both"

# --- load, and the rolling restart ----------------------------------------------------------
"$TMP/loadgen" "127.0.0.1:$PORT_NGINX" "$DURATION" "$CONNECTIONS" >"$TMP/load.out" 2>&1 &
LOAD_PID=$!
load_start=$(now_ms)
log "load: $CONNECTIONS keep-alive connections for $DURATION s"

restart() {
    local name=$1 port=$2 t0 t1 t2 status=0
    t0=$(now_ms)
    kill -TERM "${PID[$name]}"
    # Bounded: the grace period plus a margin.
    local i
    for ((i = 0; i < 15 * 20; i++)); do
        kill -0 "${PID[$name]}" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "${PID[$name]}" 2>/dev/null && die "instance $name still running 15 s after SIGTERM"
    wait "${PID[$name]}" || status=$?
    t1=$(now_ms)
    [ "$status" = 0 ] || die "instance $name exited $status after SIGTERM"
    start_instance "$name" "$port"
    t2=$(now_ms)
    log "restarted $name: SIGTERM -> exit 0 in $((t1 - t0)) ms, healthy again $((t2 - t1)) ms later"
    echo "$t0 $t2" >>"$TMP/restarts"
}

# Restart a at ~20% of the run and b at ~55%: each under full load, with time between.
sleep "$(awk "BEGIN { print $DURATION * 0.2 }")"
restart a "$PORT_A"
until [ $(($(now_ms) - load_start)) -ge $((DURATION * 550)) ]; do sleep 0.1; done
restart b "$PORT_B"

status=0
for ((i = 0; i < (DURATION + 30) * 10; i++)); do
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$LOAD_PID" 2>/dev/null && die "the load generator did not finish"
wait "$LOAD_PID" || status=$?
LOAD_PID=""
cat "$TMP/load.out"

# --- what nginx saw -------------------------------------------------------------------------
stop_pid "$NGINX_PID" QUIT 5 # flushes the access log
NGINX_PID=""
end_of_second_restart=$(awk 'NR == 2 { print $2 }' "$TMP/restarts")
summary=$(awk -v a="127.0.0.1:$PORT_A" -v b="127.0.0.1:$PORT_B" \
    -v since="$(awk "BEGIN { printf \"%.3f\", $START_NS / 1e9 + $end_of_second_restart / 1000 }")" '
    { total++; status[$2]++ }
    $2 >= 500 { errors++ }
    index($4, ",") { retried++ }
    # The instance that answered: the last address tried.
    { n = split($4, tried, ", "); last = tried[n]; answered[last]++ }
    $1 >= since { n = split($4, tried, ", "); late[tried[n]]++ }
    END {
        printf "nginx: %d requests, %d 5xx, %d retried on the other instance; ", total, errors + 0, retried + 0
        printf "answered by a: %d, b: %d; after the last restart a: %d, b: %d\n", answered[a], answered[b], late[a], late[b]
        if (errors > 0 || late[a] == 0 || late[b] == 0) exit 1
    }' "$TMP/nginx-access.log") || {
    echo "$summary"
    die "nginx answered 5xx, or an instance got no traffic after the restarts"
}
echo "$summary"
# Why nginx retried: a refused connection (the instance was not listening: the request was
# never sent, any method may go elsewhere) is fine. A request sent and then dropped by an
# instance is not, even when nginx could retry it: had it been a POST, it would be lost.
refused=$(grep -c "connect() failed (111" "$TMP/nginx-error.log" || true)
dropped=$(grep -cE "prematurely closed|reset by peer|Broken pipe|timed out" "$TMP/nginx-error.log" || true)
echo "nginx retries: $refused after a refused connection, $dropped after a request was sent"
grep -h "shutting down" "$TMP"/a.log "$TMP"/b.log | sed 's/^/instance log: /' || true
[ "$status" = 0 ] || die "requests failed or went unanswered (see above)"
if [ "$dropped" != 0 ]; then
    grep -E "prematurely closed|reset by peer|Broken pipe|timed out" "$TMP/nginx-error.log" | head -5
    die "an instance dropped $dropped request(s) it had been sent"
fi
log "PASS: every request answered as expected through two rolling restarts"
