#!/usr/bin/env bash
# `make cluster-test`: a fresh `make cluster` (var/cluster/ wiped), then tests/cluster/ in order (read replica, hosts
# stopped under traffic, the failover runbook), then everything stopped; ends with "N passed, N failed".
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"
cd "$TTS_ROOT"

trap 'bash "$here/cluster.sh" down >/dev/null 2>&1 || true' EXIT
bash "$here/cluster.sh" fresh

source "$here/env.sh"
tts_env cluster
export BASE_URL="http://127.0.0.1:$TTS_APP_PORT" SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
log=$TTS_LOG_DIR/cluster-test.log
rc=0
# The files run in the order of their names: 1-replica, 2-traffic, 3-failover (it ends the pair).
timeout 900 node --test --test-concurrency=1 --test-reporter=tap tests/cluster/ 2>&1 | tee "$log" || rc=$?
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n1)
if [[ -z $passed ]]; then passed=0; failed=$((${failed:-0} + 1)); fi
((rc == 0)) || [[ ${failed:-0} -gt 0 ]] || failed=1
echo "${passed} passed, ${failed:-0} failed"
[[ ${failed:-0} -eq 0 ]]
