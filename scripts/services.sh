#!/usr/bin/env bash
# The backend processes (tts-sandbox, tts-api, tts-sync): start the ones that are built, stop them (`services.sh run|test start|stop|status`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

SERVICES=(tts-sandbox tts-api tts-sync)   # start order; stopped in reverse

svc_log() { printf '%s/%s.log\n' "$TTS_LOG_DIR" "$1"; }

# svc_start NAME: starts $TTS_BIN_DIR/NAME with the exported environment. Returns 2 when NAME is not built.
svc_start() {
  local name=$1 bin=$TTS_BIN_DIR/$1
  if [[ ! -x $bin ]]; then
    note "$name is not built yet (${bin#"$TTS_ROOT"/} missing): not started"
    return 2
  fi
  if running "$name" "$name"; then
    note "$name already running (pid $(pid_of "$TTS_RUN_DIR/$name.pid"))"
    return 0
  fi
  mkdir -p "$TTS_SOCK_DIR" "$TTS_LOG_DIR"
  case $name in
    tts-api) [[ $TTS_API_SOCKET == /* ]] && rm -f "$TTS_API_SOCKET" ;;
    tts-sandbox) rm -f "$TTS_SANDBOX_SOCKET" ;;
  esac
  note "starting $name (log: $(svc_log "$name"))"
  start_bg "$name" "$(svc_log "$name")" "$bin"
}

# svc_stop NAME: SIGTERM, bounded wait (sanitizer builds write their leak reports on the way out).
svc_stop() {
  local name=$1 rc=0
  stop_proc "$name" "$name" 20 || rc=1
  case $name in
    tts-api) [[ $TTS_API_SOCKET == /* ]] && rm -f "$TTS_API_SOCKET" ;;
    tts-sandbox) rm -f "$TTS_SANDBOX_SOCKET" ;;
  esac
  return "$rc"
}

# services_stop: every backend process, reverse order. Returns 1 if one had to be killed.
services_stop() {
  local i rc=0
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    svc_stop "${SERVICES[i]}" || rc=1
  done
  return "$rc"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  tts_env "${1:-run}"
  case ${2:-status} in
    start) tts_secrets; for s in "${SERVICES[@]}"; do svc_start "$s" || true; done ;;
    stop) services_stop ;;
    status)
      for s in "${SERVICES[@]}"; do
        if running "$s" "$s"; then echo "$s: running (pid $(pid_of "$TTS_RUN_DIR/$s.pid"))"; else echo "$s: not running"; fi
      done ;;
    *) die "usage: services.sh run|test start|stop|status" ;;
  esac
fi
