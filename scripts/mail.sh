#!/usr/bin/env bash
# The stack's mail catcher (scripts/mail-catcher.py, Debian's python3-aiosmtpd): SMTP on 127.0.0.1:$TTS_CATCHER_PORT
# with STARTTLS required (a self-signed certificate made here once), each mail one .eml file in $TTS_MAIL_DIR.

# mail_catcher_start: starts it unless running; waits (bounded) until it accepts connections.
mail_catcher_start() {
  local d=$TTS_CATCHER_DIR
  mkdir -p "$d" "$TTS_MAIL_DIR" "$TTS_LOG_DIR" || return 1
  if [[ ! -s $d/cert.pem || ! -s $d/key.pem ]]; then
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=localhost \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$d/key.pem" -out "$d/cert.pem" 2>/dev/null) ||
      { warn "openssl could not make the mail catcher's certificate"; return 1; }
  fi
  if running mail-catcher mail-catcher.py; then
    return 0
  fi
  if port_in_use "$TTS_CATCHER_PORT"; then
    warn "port $TTS_CATCHER_PORT (the mail catcher's) is taken: set TTS_TEST_SMTP_PORT (tests) or TTS_CATCHER_PORT"
    return 1
  fi
  note "starting the mail catcher on 127.0.0.1:$TTS_CATCHER_PORT (mail: ${TTS_MAIL_DIR#"$TTS_ROOT"/}/)"
  local page=()
  ((TTS_MAIL_PAGE_PORT > 0)) && page=(--page-port "$TTS_MAIL_PAGE_PORT")
  start_bg mail-catcher "$TTS_LOG_DIR/mail-catcher.log" /usr/bin/python3 "$TTS_ROOT/scripts/mail-catcher.py" \
    --port "$TTS_CATCHER_PORT" --dir "$TTS_MAIL_DIR" --cert "$d/cert.pem" --key "$d/key.pem" "${page[@]}"
  local deadline=$((SECONDS + 15))
  until port_in_use "$TTS_CATCHER_PORT"; do
    running mail-catcher mail-catcher.py || { tail_log "$TTS_LOG_DIR/mail-catcher.log"; return 1; }
    ((SECONDS < deadline)) || { warn "the mail catcher did not listen within 15 s"; return 1; }
    sleep 0.1
  done
}

mail_catcher_stop() {
  stop_proc mail-catcher mail-catcher.py 10
}
