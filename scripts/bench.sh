#!/usr/bin/env bash
# `make bench`: builds, brings up a fresh stack under var/bench/ (ports 28080/28090/13308, the optimized
# build), runs bench/bench.mjs (sync: sandbox page rate, 100,000-order backfill, status-change latency;
# read: 1M orders per merchant seeded through SQL, every orders list and search under wrk beside a FastCGI
# floor built here from bench/floor.c, four ways: repeat (the read cache), fresh (the database), varied (400 URLs a
# row) and live (while orders stream in through webhooks), only 2xx answers counted; push: stock changes to the
# sandbox's quantities), and tears everything down, also on Ctrl-C. Never part of `make test`.
# Exit status 0 unless it could not run.
# Knobs: TTS_BENCH_PHASES (sync,push,read), TTS_BENCH_APP_PORT, TTS_BENCH_SANDBOX_PORT, TTS_BENCH_DB_PORT,
# TTS_BENCH_ORDERS, TTS_BENCH_STATUS_N, TTS_BENCH_STATUS_RATE, TTS_BENCH_POLL_MS, TTS_BENCH_PERF=1 (perf record
# during the backfill), TTS_BENCH_READ_ORDERS, TTS_BENCH_READ_SECONDS, TTS_BENCH_READ_LINES,
# TTS_BENCH_KEEP_DATA=1 (keep var/bench/mariadb afterwards); see bench/README.md.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"
tts_env bench
cd "$TTS_ROOT"

BENCH_TIMEOUT=${TTS_BENCH_TIMEOUT:-3600}   # seconds for bench.mjs, a hang cannot eat the machine
phases=${TTS_BENCH_PHASES:-sync,push,read}
read_path=0
[[ ,$phases, == *,read,* ]] && read_path=1
bench_pid=""
started=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n $bench_pid ]]; then
    kill -TERM "$bench_pid" 2>/dev/null || true   # timeout passes it on to node
    wait "$bench_pid" 2>/dev/null || true
  fi
  if ((started)); then
    stop_proc tts-floor tts-floor 10 || true
    note "stopping the bench stack"
    if stack_down; then
      # The data is thrown away at the next run anyway (about 1 GB after 100,000 orders); logs stay.
      [[ ${TTS_BENCH_KEEP_DATA:-0} == 1 ]] || rm -rf "$TTS_DB_DATADIR"
    else
      warn "some bench processes had to be killed"
    fi
    note "logs in ${TTS_LOG_DIR#"$TTS_ROOT"/}/"
  fi
  exit "$rc"
}

tools=(node curl mariadbd nginx make)
((read_path)) && tools+=(wrk gcc)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run 'make deps' first"
done

# A fresh state: stop what an interrupted earlier bench may have left, then wipe it.
stack_down >/dev/null 2>&1 || true
for port in "$TTS_APP_PORT" "$TTS_SANDBOX_PORT" "$TTS_DB_PORT"; do
  if port_in_use "$port"; then
    die "port $port is taken by another process; choose others with TTS_BENCH_APP_PORT / TTS_BENCH_SANDBOX_PORT / TTS_BENCH_DB_PORT"
  fi
done
rm -rf "$TTS_VAR"
mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR"

trap cleanup EXIT
trap 'exit 130' INT TERM HUP

bash "$here/build.sh" run backend || die "the backend did not build (make -C backend)"
# the read path measures the orders screen's first load from frontend/dist
if ((read_path)); then
  bash "$here/build.sh" run frontend || die "the frontend did not build (npm run build in frontend/)"
fi

# The read path's floor: a minimal libfcgi program, and two locations in the app's server of this stack's
# nginx (nginx.conf.in includes var/bench/nginx/bench.d/*.conf): the floor and a static file of the same bytes.
if ((read_path)); then
  export TTS_BENCH_FLOOR_DIR=$TTS_VAR/floor
  export TTS_BENCH_FLOOR_BIN=$TTS_BENCH_FLOOR_DIR/tts-floor
  export TTS_BENCH_FLOOR_SOCKET=$TTS_SOCK_DIR/floor.sock
  mkdir -p "$TTS_BENCH_FLOOR_DIR" "$TTS_NGINX_DIR/bench.d"
  gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$TTS_BENCH_FLOOR_BIN" bench/floor.c -lfcgi ||
    die "bench/floor.c did not build"
  cat >"$TTS_NGINX_DIR/bench.d/read-path.conf" <<EOF
# Rendered by scripts/bench.sh for the read path: the FastCGI floor (passed as /api/ is) and a static file.
location = /api/bench-floor {
    fastcgi_pass unix:$TTS_BENCH_FLOOR_SOCKET;
    include /etc/nginx/fastcgi_params;
    fastcgi_param HTTP_PROXY "";
    fastcgi_read_timeout 60s;
    error_page 502 @api_502;
    error_page 503 @api_503;
    error_page 504 @api_504;
}
location = /bench/orders-page.json {
    alias $TTS_BENCH_FLOOR_DIR/orders-page.json;
}
EOF
fi

note "starting the bench stack (${TTS_VAR#"$TTS_ROOT"/})"
started=1
tts_secrets
stack_up || die "the bench stack did not come up (logs: ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"

export BASE_URL="http://127.0.0.1:$TTS_APP_PORT"
export SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
log=$TTS_LOG_DIR/bench.log
note "running bench/bench.mjs (output also in ${log#"$TTS_ROOT"/})"
rc=0
: >"$log"
timeout -k 10 "$BENCH_TIMEOUT" node bench/bench.mjs >>"$log" 2>&1 </dev/null &
bench_pid=$!
tail -n +1 -f --pid="$bench_pid" "$log" &
tail_pid=$!
wait "$bench_pid" || rc=$?
wait "$tail_pid" 2>/dev/null || true
bench_pid=""
if ((rc == 124 || rc == 137)); then
  err "the bench did not finish within ${BENCH_TIMEOUT}s"
  exit 1
fi
((rc == 0)) || die "the bench could not run (exit status $rc; logs in ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"
exit 0
