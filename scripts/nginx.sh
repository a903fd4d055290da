#!/usr/bin/env bash
# The stack's nginx: renders nginx/nginx.conf.in into var, checks it, starts and stops it (`nginx.sh run|test render|check|start|stop`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

nginx_conf() { printf '%s/nginx.conf\n' "$TTS_NGINX_DIR"; }

# sed_escape VALUE: VALUE made safe as the replacement of an s|…|…| command.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# nginx_render: writes var/…/nginx/nginx.conf from the template.
nginx_render() {
  local tpl=$TTS_ROOT/nginx/nginx.conf.in conf
  conf=$(nginx_conf)
  [[ -f $tpl ]] || { err "$tpl is missing"; return 1; }
  mkdir -p "$TTS_NGINX_DIR/tmp" "$TTS_NGINX_DIR/http.d" "$TTS_LOG_DIR" "$TTS_RUN_DIR"
  sed -e "s|@ROOT@|$(sed_escape "$TTS_ROOT")|g" \
    -e "s|@VAR@|$(sed_escape "$TTS_VAR")|g" \
    -e "s|@APP_PORT@|$TTS_APP_PORT|g" \
    -e "s|@SANDBOX_PORT@|$TTS_SANDBOX_PORT|g" \
    -e "s|@API_PASS@|$(sed_escape "${TTS_API_PASS:-unix:$TTS_API_SOCKET}")|g" \
    -e "s|@SANDBOX_SOCKET@|$(sed_escape "$TTS_SANDBOX_SOCKET")|g" \
    "$tpl" >"$conf.tmp"
  if grep -n '@[A-Z_]*@' "$conf.tmp" >&2; then
    err "unknown placeholder left in $conf.tmp (see above)"
    return 1
  fi
  mv "$conf.tmp" "$conf"
}

# nginx_check: `nginx -t` on the generated config.
nginx_check() {
  local out
  if ! out=$(nginx -t -e "$TTS_LOG_DIR/nginx-error.log" -p "$TTS_NGINX_DIR" -c "$(nginx_conf)" 2>&1); then
    printf '%s\n' "$out" >&2
    err "nginx rejected $(nginx_conf)"
    return 1
  fi
}

nginx_pattern() { nginx_conf; }

# nginx_start: render, check, start (daemon off, backgrounded here), wait until it listens.
nginx_start() {
  if running nginx "$(nginx_pattern)"; then
    note "nginx already running (pid $(pid_of "$TTS_RUN_DIR/nginx.pid"))"
    return 0
  fi
  nginx_render || return 1
  nginx_check || return 1
  local port
  for port in "$TTS_APP_PORT" "$TTS_SANDBOX_PORT"; do
    if port_in_use "$port"; then
      err "port $port is taken by another process: cannot start nginx"
      return 1
    fi
  done
  note "starting nginx on 127.0.0.1:$TTS_APP_PORT (app) and 127.0.0.1:$TTS_SANDBOX_PORT (sandbox)"
  start_bg nginx "$TTS_LOG_DIR/nginx-error.log" \
    nginx -e "$TTS_LOG_DIR/nginx-error.log" -p "$TTS_NGINX_DIR" -c "$(nginx_conf)"
  local deadline=$((SECONDS + 10))
  until port_in_use "$TTS_APP_PORT" && port_in_use "$TTS_SANDBOX_PORT"; do
    if ! running nginx "$(nginx_pattern)" || ((SECONDS >= deadline)); then
      tail_log "$TTS_LOG_DIR/nginx-error.log"
      err "nginx did not start (log: $TTS_LOG_DIR/nginx-error.log)"
      return 1
    fi
    sleep 0.1
  done
}

nginx_stop() {
  stop_proc nginx "$(nginx_pattern)" 15
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  tts_env "${1:-run}"
  case ${2:-} in
    render) nginx_render && nginx_conf ;;
    check) nginx_render && nginx_check && echo "$(nginx_conf): ok" ;;
    start) nginx_start ;;
    stop) nginx_stop ;;
    *) die "usage: nginx.sh run|test render|check|start|stop" ;;
  esac
fi
