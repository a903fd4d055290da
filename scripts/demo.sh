# The demo data of a running stack (sourced by run.sh and cluster.sh): the demo merchant through the API, the sandbox's demo seller, the addresses.

# demo_seed: registers the demo merchant (409: it exists already) and seeds the sandbox's demo seller;
# the seller's credentials end up in DEMO_SANDBOX_NOTE.
demo_seed() {
  local app="http://127.0.0.1:$TTS_APP_PORT" code
  code=$(curl -s -o "$TTS_LOG_DIR/seed-register.json" -w '%{http_code}' --max-time 10 \
    -H 'Content-Type: application/json' -X POST "$app/api/v1/auth/register" \
    --data '{"merchant_name":"Cửa hàng Demo","name":"Demo","email":"demo@example.com","password":"demo12345"}') || code=000
  case $code in
    201) note "demo merchant created" ;;
    409) note "demo merchant already exists" ;;
    *) warn "registering the demo merchant answered HTTP $code: $(head -c 300 "$TTS_LOG_DIR/seed-register.json" 2>/dev/null)" ;;
  esac
  DEMO_SANDBOX_NOTE=""
  if running tts-sandbox tts-sandbox; then
    DEMO_SANDBOX_NOTE=$(bash "$TTS_ROOT/scripts/seed-sandbox.sh" 2>&1) || warn "scripts/seed-sandbox.sh failed"
  else
    DEMO_SANDBOX_NOTE="(the sandbox is not running: no demo TikTok seller)"
  fi
}

# demo_print [LINES]: the app's address, the demo login, the sandbox, the logs, then LINES (more addresses).
demo_print() {
  cat <<MSG

  App:      http://127.0.0.1:$TTS_APP_PORT
  Login:    demo@example.com / demo12345
  Sandbox:  http://127.0.0.1:$TTS_SANDBOX_PORT   (the local TikTok Shop stand-in)
  Logs:     ${TTS_LOG_DIR#"$TTS_ROOT"/}/
MSG
  if ((TTS_MAIL_PAGE_PORT > 0)); then
    printf '  Mail:     http://127.0.0.1:%s   (the mail catcher: every e-mail sent, also as .eml files in %s/)\n' \
      "$TTS_MAIL_PAGE_PORT" "${TTS_MAIL_DIR#"$TTS_ROOT"/}"
  fi
  [[ -n ${1:-} ]] && printf '%s\n' "$1"
  if [[ -n ${DEMO_SANDBOX_NOTE:-} ]]; then
    printf '\n  TikTok sandbox:\n'
    printf '%s\n' "$DEMO_SANDBOX_NOTE" | sed 's/^/    /'
  fi
}
