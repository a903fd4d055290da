#!/usr/bin/env bash
# Brings a whole stack up (MariaDB, migrations, backend processes, nginx, health) or down, in order (`stack.sh run|test up|down|status`).
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/env.sh"
source "$here/db.sh"
source "$here/services.sh"
source "$here/nginx.sh"
source "$here/mail.sh"

# stack_up: every step checked explicitly (callers may run it where errexit is off). Returns 1 on failure.
stack_up() {
  tts_secrets
  mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR" || return 1
  db_start || return 1
  db_wait || return 1
  db_create || return 1
  bash "$here/migrate.sh" "$TTS_DB_NAME" "$TTS_ROOT/sql" || return 1
  bash "$here/migrate.sh" "$TTS_SANDBOX_DB_NAME" "$TTS_ROOT/sql/sandbox" || return 1
  mail_catcher_start || return 1

  local s rc started=()
  for s in "${SERVICES[@]}"; do
    rc=0
    svc_start "$s" || rc=$?
    case $rc in
      0) started+=("$s") ;;
      2) [[ $s == tts-api ]] && { warn "tts-api is required: build the backend first (make -C backend)"; return 1; } ;;
      *) return 1 ;;
    esac
  done
  nginx_start || return 1

  if [[ " ${started[*]} " == *" tts-sandbox "* ]]; then
    if ! wait_http "http://127.0.0.1:$TTS_SANDBOX_PORT/sandbox/app" 30 tts-sandbox tts-sandbox; then
      tail_log "$TTS_LOG_DIR/tts-sandbox.log"
      tail_log "$TTS_LOG_DIR/nginx-error.log" 10
      return 1
    fi
  fi
  if ! wait_http "http://127.0.0.1:$TTS_APP_PORT/api/v1/health" 30 tts-api tts-api; then
    tail_log "$TTS_LOG_DIR/tts-api.log"
    tail_log "$TTS_LOG_DIR/nginx-error.log" 10
    return 1
  fi
  note "stack up: http://127.0.0.1:$TTS_APP_PORT answers /api/v1/health"
}

# stack_down: nginx, backend processes, MariaDB. Returns 1 if something had to be killed.
stack_down() {
  local rc=0
  nginx_stop || rc=1
  services_stop || rc=1
  mail_catcher_stop || rc=1
  db_stop || rc=1
  case $TTS_SOCK_DIR in /tmp/tts-*) rm -rf "$TTS_SOCK_DIR" ;; esac
  return "$rc"
}

STACK_PROCS=(mariadbd mail-catcher "${SERVICES[@]}" nginx)

# proc_pattern NAME / proc_log NAME: what identifies a process of this stack, and where it logs.
proc_pattern() {
  case $1 in
    mariadbd) db_pattern ;;
    nginx) nginx_pattern ;;
    mail-catcher) printf '%s\n' mail-catcher.py ;;
    *) printf '%s\n' "$1" ;;
  esac
}
proc_log() {
  case $1 in
    mariadbd) db_log ;;
    nginx) printf '%s/nginx-error.log\n' "$TTS_LOG_DIR" ;;
    mail-catcher) printf '%s/mail-catcher.log\n' "$TTS_LOG_DIR" ;;
    *) svc_log "$1" ;;
  esac
}

# stack_running: prints the processes of this stack that are alive; fails when there are none.
stack_running() {
  local found=1 p
  for p in "${STACK_PROCS[@]}"; do
    if running "$p" "$(proc_pattern "$p")"; then
      echo "$p (pid $(pid_of "$TTS_RUN_DIR/$p.pid"))"
      found=0
    fi
  done
  return "$found"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  tts_env "${1:-run}"
  case ${2:-status} in
    up) stack_up ;;
    down) stack_down ;;
    status) stack_running || { echo "nothing running for the ${TTS_MODE} stack"; exit 1; } ;;
    *) die "usage: stack.sh run|test up|down|status" ;;
  esac
fi
