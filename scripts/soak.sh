#!/usr/bin/env bash
# `make soak`: a fresh optimized stack under var/soak/ (ports 48080/48090/13311), soak/soak.mjs drives mixed
# traffic for TTS_SOAK_SECONDS (600) and checks errors, memory, descriptors and data; tears everything down,
# also on Ctrl-C. Never part of `make test`. Exit status 0 only when the soak passed.
# Knobs: TTS_SOAK_SECONDS, TTS_SOAK_RATE (operations per second, 8), TTS_SOAK_APP_PORT, TTS_SOAK_SANDBOX_PORT,
# TTS_SOAK_DB_PORT.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"
tts_env soak
cd "$TTS_ROOT"

SOAK_SECONDS=${TTS_SOAK_SECONDS:-600}
[[ $SOAK_SECONDS =~ ^[0-9]+$ ]] && ((SOAK_SECONDS >= 30)) || die "TTS_SOAK_SECONDS must be a whole number of seconds >= 30"
soak_pid=""
started=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n $soak_pid ]]; then
    kill -TERM "$soak_pid" 2>/dev/null || true
    wait "$soak_pid" 2>/dev/null || true
  fi
  if ((started)); then
    note "stopping the soak stack"
    stack_down || warn "some soak processes had to be killed"
    note "logs in ${TTS_LOG_DIR#"$TTS_ROOT"/}/"
  fi
  exit "$rc"
}

for tool in node curl mariadbd nginx make; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run 'make deps' first"
done

stack_down >/dev/null 2>&1 || true
for port in "$TTS_APP_PORT" "$TTS_SANDBOX_PORT" "$TTS_DB_PORT"; do
  if port_in_use "$port"; then
    die "port $port is taken by another process; choose others with TTS_SOAK_APP_PORT / TTS_SOAK_SANDBOX_PORT / TTS_SOAK_DB_PORT"
  fi
done
rm -rf "$TTS_VAR"
mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR"
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

bash "$here/deps.sh"
bash "$here/build.sh" run backend || die "the backend did not build (make -C backend)"

note "starting the soak stack (${TTS_VAR#"$TTS_ROOT"/})"
started=1
tts_secrets
stack_up || die "the soak stack did not come up (logs: ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"

export BASE_URL="http://127.0.0.1:$TTS_APP_PORT"
export SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
export TTS_SOAK_SECONDS=$SOAK_SECONDS
log=$TTS_LOG_DIR/soak.log
note "running soak/soak.mjs for ${SOAK_SECONDS}s (output also in ${log#"$TTS_ROOT"/})"
rc=0
: >"$log"
timeout -k 10 $((SOAK_SECONDS + 600)) node soak/soak.mjs >>"$log" 2>&1 </dev/null &
soak_pid=$!
tail -n +1 -f --pid="$soak_pid" "$log" &
tail_pid=$!
wait "$soak_pid" || rc=$?
wait "$tail_pid" 2>/dev/null || true
soak_pid=""
((rc == 124 || rc == 137)) && err "the soak did not finish within $((SOAK_SECONDS + 600))s"
exit "$rc"
