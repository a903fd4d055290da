#!/usr/bin/env bash
# Stops every process a `make run` (or, with `test`, a `make test`) started, from the pid files under var/.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"

tts_env "${1:-run}"
if ! stack_running >/dev/null; then
  note "nothing running for the $TTS_MODE stack"
  stack_down || true   # clears stale pid files and sockets
  exit 0
fi
mkdir -p "$TTS_RUN_DIR"
touch "$TTS_RUN_DIR/stop-requested"   # tells a waiting run.sh that this stop was asked for
note "stopping the $TTS_MODE stack"
stack_down || warn "some processes had to be killed"
note "stopped"
