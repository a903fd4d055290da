#!/usr/bin/env bash
# `make run`: installs, builds, brings the whole system up on this machine, seeds a demo merchant, and stops it all on Ctrl-C.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"
source "$here/demo.sh"
tts_env run

if stack_running >/dev/null; then
  stack_running >&2
  die "the stack is already running (http://127.0.0.1:$TTS_APP_PORT): 'make stop' first"
fi
stack_down >/dev/null 2>&1 || true   # stale pid files and sockets of a run that was killed

bash "$here/deps.sh"
bash "$here/build.sh" run backend || die "cannot run without a backend build"
bash "$here/build.sh" run frontend || warn "the frontend could not be built: the API still runs, the SPA will not load"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  echo
  note "stopping everything this run started"
  stack_down || true
  rm -f "$TTS_RUN_DIR/stop-requested"
  note "stopped; the data stays in ${TTS_VAR#"$TTS_ROOT"/}/ (make distclean removes it)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 0' INT      # Ctrl-C is the normal way to stop
trap 'exit 143' TERM HUP
rm -f "$TTS_RUN_DIR/stop-requested"

stack_up || die "the stack did not come up (logs: ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"

demo_seed
demo_print
printf '\n  Ctrl-C (or make stop) stops everything.\n\n'

# Stay in the foreground until Ctrl-C, `make stop`, or one of our processes dies.
watched=()
for p in "${STACK_PROCS[@]}"; do
  running "$p" "$(proc_pattern "$p")" && watched+=("$p")
done
while :; do
  for p in "${watched[@]}"; do
    running "$p" "$(proc_pattern "$p")" && continue
    [[ -f $TTS_RUN_DIR/stop-requested ]] && exit 0
    tail_log "$(proc_log "$p")"
    die "$p exited unexpectedly"
  done
  sleep 1
done
