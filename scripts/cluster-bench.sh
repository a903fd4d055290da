#!/usr/bin/env bash
# `make cluster-bench`: a fresh `make cluster` without the sandbox's live demo, then bench/cluster.mjs (orders list and
# ingestion with one and two api pools and sync workers), then everything stopped. Never part of `make test`.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"
cd "$TTS_ROOT"

trap 'bash "$here/cluster.sh" down >/dev/null 2>&1 || true' EXIT
TTS_SANDBOX_LIVE=0 bash "$here/cluster.sh" fresh >"$TTS_ROOT/var/cluster-bench-up.log" 2>&1 ||
  { tail -n 30 "$TTS_ROOT/var/cluster-bench-up.log"; die "the cluster did not come up"; }
source "$here/env.sh"
tts_env cluster
export BASE_URL="http://127.0.0.1:$TTS_APP_PORT" SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
timeout "${TTS_BENCH_TIMEOUT:-1800}" node bench/cluster.mjs 2>&1 | tee "$TTS_LOG_DIR/cluster-bench.log"
