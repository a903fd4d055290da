#!/usr/bin/env bash
# `make cluster-test`: a fresh `make cluster` (var/cluster/ wiped) on the previous release (scripts/release-build.sh:
# its binaries and migrations; the sandbox is this checkout's), then tests/cluster/ in order (the upgrade from that
# release, read replica, hosts stopped under traffic, a rolling restart, an online schema upgrade, the failover
# runbook), then everything stopped; ends with "N passed, N failed".
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"
cd "$TTS_ROOT"

trap 'bash "$here/cluster.sh" down >/dev/null 2>&1 || true' EXIT
bash "$here/deps.sh"
release_dir=$TTS_ROOT/var/upgrade-release
TTS_UPGRADE_RELEASE=$(bash "$here/release-build.sh" "$release_dir")
export TTS_UPGRADE_RELEASE TTS_UPGRADE_RELEASE_DIR=$release_dir/src
TTS_CLUSTER_SANDBOX_BIN_DIR=$TTS_ROOT/backend/build/bin TTS_BIN_DIR=$release_dir/src/backend/build/bin TTS_CLUSTER_SQL_DIR=$release_dir/src/sql bash "$here/cluster.sh" fresh

source "$here/env.sh"
tts_env cluster
export BASE_URL="http://127.0.0.1:$TTS_APP_PORT" SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
log=$TTS_LOG_DIR/cluster-test.log
rc=0
: >"$log"
# The files run in the order of their names (1-replica, 2-traffic, 4-rolling, …), the failover last: it ends the pair.
mapfile -t files < <(find tests/cluster -name '*.test.mjs' ! -name '*failover*' | sort)
mapfile -t last < <(find tests/cluster -name '*failover*.test.mjs' | sort)
passed=0 failed=0
for batch in files last; do
  declare -n list=$batch
  ((${#list[@]})) || continue
  out=$TTS_LOG_DIR/cluster-test-$batch.log
  timeout 900 node --test --test-concurrency=1 --test-reporter=tap "${list[@]}" 2>&1 | tee "$out" || rc=$?
  cat "$out" >>"$log"
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out" | tail -n1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out" | tail -n1)
  if [[ -z $p ]]; then p=0; f=$((${f:-0} + 1)); fi
  passed=$((passed + p)) failed=$((failed + ${f:-0}))
done
((rc == 0)) || ((failed > 0)) || failed=1
echo "${passed} passed, ${failed} failed"
((failed == 0))
