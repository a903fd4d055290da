#!/usr/bin/env bash
# The stack's private MariaDB server: init, start, wait, create databases, stop (`db.sh run|test init|start|stop|status|shell`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

db_pattern() { printf -- '--datadir=%s ' "$TTS_DB_DATADIR"; }
db_log() { printf '%s/mariadb.log\n' "$TTS_LOG_DIR"; }

# db_client ARGS...: the mariadb client on our socket as root.
db_client() {
  mariadb --no-defaults --socket="$TTS_DB_SOCKET" --user=root --default-character-set=utf8mb4 "$@"
}

# db_init: creates the data directory the first time (a marker file says it completed).
db_init() {
  local marker=$TTS_DB_DATADIR/.tts-initialized log
  [[ -f $marker ]] && return 0
  log=$(db_log)
  mkdir -p "$TTS_LOG_DIR"
  if [[ -d $TTS_DB_DATADIR ]]; then
    warn "$TTS_DB_DATADIR was never fully initialized: recreating it"
    rm -rf "$TTS_DB_DATADIR"
  fi
  mkdir -p "$TTS_DB_DATADIR"
  note "initializing the MariaDB data directory ${TTS_DB_DATADIR#"$TTS_ROOT"/}"
  if ! mariadb-install-db --no-defaults --datadir="$TTS_DB_DATADIR" --user=root \
    --auth-root-authentication-method=normal --skip-test-db >>"$log" 2>&1; then
    tail_log "$log"
    err "mariadb-install-db failed (log: $log)"
    return 1
  fi
  touch "$marker"
}

# db_start: starts our own mariadbd (never the system's service) unless it already runs.
db_start() {
  if running mariadbd "$(db_pattern)"; then
    note "MariaDB already running (pid $(pid_of "$TTS_RUN_DIR/mariadbd.pid"))"
    return 0
  fi
  db_init || return 1
  if port_in_use "$TTS_DB_PORT"; then
    err "port $TTS_DB_PORT is taken by another process: cannot start MariaDB"
    return 1
  fi
  mkdir -p "$TTS_SOCK_DIR" "$TTS_RUN_DIR"
  rm -f "$TTS_DB_SOCKET"
  local extra=() args=()
  # Tests throw the data away: no need to flush the redo log at every commit.
  [[ $TTS_MODE == test ]] && extra+=(--innodb-flush-log-at-trx-commit=2)
  # InnoDB's buffer pool (MariaDB's default is 128 MB): what a stack keeps of its data in memory.
  [[ -n ${TTS_DB_BUFFER_POOL:-} ]] && extra+=(--innodb-buffer-pool-size="$TTS_DB_BUFFER_POOL")
  # The redo log (MariaDB's default is 96 MB): a sync writes about 6 KB of it per order, and when it fills, InnoDB
  # must write back every page changed since, at once; with indexes that take rows in no order (order numbers,
  # phones, names) that is a growing share of each table, so a small redo log makes ingestion slow down as a shop grows.
  [[ -n ${TTS_DB_REDO_LOG:-} ]] && extra+=(--innodb-log-file-size="$TTS_DB_REDO_LOG")
  # A binary log for point-in-time recovery from a backup (docs/backup.md); the cluster's TTS_DB_ARGS bring their own.
  if [[ $TTS_MODE == run || $TTS_MODE == test ]] && [[ ${TTS_DB_ARGS:-} != *--log-bin* ]]; then
    extra+=(--server-id=1 --log-bin=mariadb-bin --binlog-format=ROW --binlog-expire-logs-seconds=1209600)
  fi
  # Server options of the stack's mode (the cluster's binary log and server id).
  [[ -n ${TTS_DB_ARGS:-} ]] && read -r -a args <<<"$TTS_DB_ARGS" && extra+=("${args[@]}")
  note "starting MariaDB on 127.0.0.1:$TTS_DB_PORT and $TTS_DB_SOCKET"
  # Its own pid file stays in the data dir: var/run/mariadbd.pid is ours (start_bg), never rewritten.
  start_bg mariadbd "$(db_log)" mariadbd --no-defaults --datadir="$TTS_DB_DATADIR" \
    --socket="$TTS_DB_SOCKET" --port="$TTS_DB_PORT" --bind-address=127.0.0.1 --user=root \
    --pid-file="$TTS_DB_DATADIR/mariadbd.pid" --log-error="$(db_log)" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "${extra[@]}"
}

# db_wait [SECONDS]: polls `mariadb-admin ping` until the server answers; fails early if it died.
db_wait() {
  local secs=${1:-60} deadline
  deadline=$((SECONDS + secs))
  until mariadb-admin --no-defaults --socket="$TTS_DB_SOCKET" --user=root --connect-timeout=2 ping >/dev/null 2>&1; do
    if ! running mariadbd "$(db_pattern)"; then
      tail_log "$(db_log)"
      warn "MariaDB exited during start-up (log: $(db_log))"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      tail_log "$(db_log)"
      warn "MariaDB did not answer within ${secs}s (log: $(db_log))"
      return 1
    fi
    sleep 0.2
  done
}

# db_create: the app's and the sandbox's databases, if missing.
db_create() {
  local db
  for db in "$TTS_DB_NAME" "$TTS_SANDBOX_DB_NAME"; do
    [[ $db =~ ^[A-Za-z0-9_]+$ ]] || { err "bad database name '$db'"; return 1; }
    db_client -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1
  done
}

# db_stop: a clean shutdown (SIGTERM), bounded.
db_stop() {
  stop_proc mariadbd "$(db_pattern)" 60
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  tts_env "${1:-run}"
  case ${2:-status} in
    init) db_init ;;
    start) db_start && db_wait 60 && db_create ;;
    stop) db_stop ;;
    status)
      if running mariadbd "$(db_pattern)"; then echo "MariaDB running, socket $TTS_DB_SOCKET, port $TTS_DB_PORT"; else echo "MariaDB not running"; exit 1; fi ;;
    shell) shift 2; db_client --database="$TTS_DB_NAME" "$@" ;;
    *) die "usage: db.sh run|test init|start|stop|status|shell [mariadb args]" ;;
  esac
fi
