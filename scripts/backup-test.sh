#!/usr/bin/env bash
# `make backup-test`: tests/backup/ on two test stacks of its own under var/backup-test/ (the optimized build): the
# source (ports 48180/48190/13320) and the one restored into (48181/48191/13321), never make test's or make run's;
# both torn down at the end, also on Ctrl-C. Not part of `make test` (docs/backup.md says why). Knobs:
# TTS_BACKUP_TEST_PORTS="app sandbox db app2 sandbox2 db2", TTS_BACKUP_TEST_TIMEOUT (seconds, 600).
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"
cd "$TTS_ROOT"

read -r -a ports <<<"${TTS_BACKUP_TEST_PORTS:-48180 48190 13320 48181 48191 13321}"
((${#ports[@]} == 6)) || die "TTS_BACKUP_TEST_PORTS needs six ports"
BT_VAR=$TTS_ROOT/var/backup-test
((${#BT_VAR} < 80)) || die "the checkout's path is too deep for the backup test's sockets (${#BT_VAR} > 80 chars)"
export BT_SRC_VAR=$BT_VAR/src BT_SRC_PORTS="${ports[*]:0:3}" BT_DST_VAR=$BT_VAR/restored BT_DST_PORTS="${ports[*]:3:3}"
export TTS_TEST_BIN_DIR=$TTS_ROOT/backend/build/bin

# in_stack SRC|DST COMMAND...: COMMAND in that stack's environment (a test stack with its own var dir and ports).
in_stack() {
  local v p
  v=BT_$1_VAR p=BT_$1_PORTS
  shift
  read -r -a pp <<<"${!p}"
  TTS_TEST_VAR=${!v} TTS_TEST_APP_PORT=${pp[0]} TTS_TEST_SANDBOX_PORT=${pp[1]} TTS_TEST_DB_PORT=${pp[2]} "$@"
}

for tool in node curl mariadbd mariadb-backup nginx rsync make; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run 'make deps' first"
done
in_stack SRC bash "$here/stack.sh" test down >/dev/null 2>&1 || true
in_stack DST bash "$here/stack.sh" test down >/dev/null 2>&1 || true
for port in "${ports[@]}"; do
  port_in_use "$port" && die "port $port is taken by another process; choose others with TTS_BACKUP_TEST_PORTS"
done
rm -rf "$BT_VAR"
mkdir -p "$BT_VAR"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  note "stopping the backup test's stacks"
  in_stack DST bash "$here/stack.sh" test down >/dev/null 2>&1 || warn "some processes of the restored stack had to be killed"
  in_stack SRC bash "$here/stack.sh" test down >/dev/null 2>&1 || warn "some processes of the source stack had to be killed"
  note "logs in ${BT_VAR#"$TTS_ROOT"/}/{src,restored}/log/"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

bash "$here/build.sh" run backend || die "the backend did not build (make -C backend)"
note "starting the backup test's source stack (${BT_SRC_VAR#"$TTS_ROOT"/})"
in_stack SRC bash "$here/stack.sh" test up || die "the source stack did not come up (logs: ${BT_SRC_VAR#"$TTS_ROOT"/}/log/)"

read -r -a sp <<<"$BT_SRC_PORTS"
export BASE_URL="http://127.0.0.1:${sp[0]}" SANDBOX_URL="http://127.0.0.1:${sp[1]}" TTS_DB_SOCKET=$BT_SRC_VAR/run/mariadb.sock
log=$BT_VAR/backup-test.log
note "node --test tests/backup/ (output also in ${log#"$TTS_ROOT"/})"
started=$SECONDS
rc=0
timeout -k 10 "${TTS_BACKUP_TEST_TIMEOUT:-600}" node --test --test-reporter=tap tests/backup/ 2>&1 </dev/null | tee "$log" || rc=$?
note "the backup test took $((SECONDS - started)) s (stacks' start-up not included)"
exit "$rc"
