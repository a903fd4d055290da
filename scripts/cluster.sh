#!/usr/bin/env bash
# `make cluster` / `make cluster-stop`: the multi-host layout on one machine (`cluster.sh up|down|status`, and
# `start|stop|restart api-N|sync-N`, `failover`, see README's Scaling out and docs/rolling-upgrade.md): a MariaDB
# primary and its GTID replica, two api pools on TCP FastCGI ports behind one nginx upstream, two sync workers, the sandbox.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"
source "$here/demo.sh"

# Each "host" keeps its pid files and logs under var/cluster/<host>/, as it would on a machine of its own.
HOST_REPLICA=db-replica

# on_host HOST COMMAND...: runs COMMAND (a function of the sourced scripts) with HOST's pid and log directories.
on_host() {
  local host=$1
  shift
  (
    TTS_RUN_DIR="$TTS_VAR/$host/run"
    TTS_LOG_DIR="$TTS_VAR/$host/log"
    "$@"
  )
}

# on_replica COMMAND...: COMMAND against the replica's MariaDB (its data directory, socket, port, server options).
on_replica() {
  (
    TTS_DB_DATADIR="$TTS_VAR/$HOST_REPLICA/mariadb"
    TTS_DB_SOCKET="$TTS_SOCK_DIR/replica.sock"
    TTS_DB_PORT=$TTS_CLUSTER_REPLICA_PORT
    TTS_DB_ARGS="${TTS_DB_ARGS/--server-id=1/--server-id=2} --read-only=1"
    on_host "$HOST_REPLICA" "$@"
  )
}

# on_pool N COMMAND...: COMMAND as api pool N (1-based), listening on the Nth port of TTS_CLUSTER_API_PORTS.
on_pool() {
  local n=$1 ports
  shift
  read -r -a ports <<<"$TTS_CLUSTER_API_PORTS"
  (
    TTS_API_SOCKET="127.0.0.1:${ports[n - 1]}"
    on_host "api-$n" "$@"
  )
}

pool_count() { local p; read -r -a p <<<"$TTS_CLUSTER_API_PORTS"; echo "${#p[@]}"; }

# replication_password: generated once per cluster (mode 600), like the app's secrets.
replication_password() {
  local f=$TTS_VAR/replication.env
  if [[ ! -s $f ]]; then
    (umask 077 && printf '%s\n' "$(random_hex32)" >"$f")
  fi
  head -n1 "$f"
}

# replica_field NAME: one field of the replica's SHOW SLAVE STATUS (empty when it follows nobody).
replica_field() {
  on_replica db_client -e "SHOW SLAVE STATUS\G" | sed -n "s/^ *$1: //p"
}

# replication_start: the replication user on the primary; the replica follows it by GTID (once; it resumes by itself).
replication_start() {
  local pw state
  pw=$(replication_password)
  db_client -e "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY '$pw';
    GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'" || return 1
  state=$(replica_field Master_Host) || return 1
  if [[ -z $state ]]; then
    note "the replica follows the primary (127.0.0.1:$TTS_DB_PORT, GTID)"
    on_replica db_client -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$TTS_DB_PORT,
      MASTER_USER='repl', MASTER_PASSWORD='$pw', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE" || return 1
  fi
  local deadline=$((SECONDS + 30)) io sqlr
  while :; do
    io=$(replica_field Slave_IO_Running) || true
    sqlr=$(replica_field Slave_SQL_Running) || true
    [[ $io == Yes && $sqlr == Yes ]] && return 0
    if ((SECONDS >= deadline)); then
      on_replica db_client -e "SHOW SLAVE STATUS\G" >&2 || true
      err "the replica is not replicating (IO: ${io:-?}, SQL: ${sqlr:-?})"
      return 1
    fi
    sleep 0.2
  done
}

# upstream_write: every api pool as nginx's upstream `tts_api`. max_fails=0: a pool is never counted as failed, so
# one that is back is used at once; a pool that refuses connections (stopped, restarting) is skipped per request
# (fastcgi_next_upstream's default `error`). docs/rolling-upgrade.md says why this and not a reload.
upstream_write() {
  local port
  mkdir -p "$TTS_NGINX_DIR/http.d"
  {
    echo "# Written by scripts/cluster.sh: the api pools, as hosts behind one upstream."
    echo "upstream tts_api {"
    for port in $TTS_CLUSTER_API_PORTS; do
      echo "    server 127.0.0.1:$port max_fails=0;"
    done
    echo "}"
  } >"$TTS_NGINX_DIR/http.d/upstream.conf"
}

# pool_healthy N: api pool N answers GET /api/v1/health with 200 on its own port (a FastCGI request, as nginx
# would send it: cgi-fcgi from Debian's libfcgi-bin).
pool_healthy() {
  local ports status
  read -r -a ports <<<"$TTS_CLUSTER_API_PORTS"
  status=$(env -i REQUEST_METHOD=GET REQUEST_URI=/api/v1/health SCRIPT_NAME=/api/v1/health QUERY_STRING= \
    SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=127.0.0.1 timeout 5 cgi-fcgi -bind -connect "127.0.0.1:${ports[$1 - 1]}" \
    2>/dev/null | sed -n '1s/^Status: \([0-9]*\).*/\1/p') || true
  [[ $status == 200 ]]
}

# pool_wait_healthy N SECONDS: until pool_healthy N (bounded).
pool_wait_healthy() {
  local deadline=$((SECONDS + $2))
  until pool_healthy "$1"; do
    ((SECONDS < deadline)) || { err "api pool $1 does not answer its health check (log: var/cluster/api-$1/log/tts-api.log)"; return 1; }
    sleep 0.1
  done
}

# wait_port PORT SECONDS WHAT: until something listens on 127.0.0.1:PORT.
wait_port() {
  local deadline=$((SECONDS + $2))
  until port_in_use "$1"; do
    ((SECONDS < deadline)) || { err "$3 does not listen on 127.0.0.1:$1"; return 1; }
    sleep 0.1
  done
}

cluster_up() {
  tts_secrets
  mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR"
  db_start && db_wait && on_replica db_start && on_replica db_wait || return 1
  replication_start || return 1
  db_create || return 1
  # TTS_CLUSTER_SQL_DIR and TTS_BIN_DIR: another release's migrations and binaries (make cluster-test starts on the
  # previous release's); the sandbox, TikTok's stand-in, stays this checkout's (TTS_CLUSTER_SANDBOX_BIN_DIR).
  bash "$here/migrate.sh" "$TTS_DB_NAME" "${TTS_CLUSTER_SQL_DIR:-$TTS_ROOT/sql}" || return 1
  bash "$here/migrate.sh" "$TTS_SANDBOX_DB_NAME" "$TTS_ROOT/sql/sandbox" || return 1

  TTS_BIN_DIR=${TTS_CLUSTER_SANDBOX_BIN_DIR:-$TTS_BIN_DIR} svc_start tts-sandbox || return 1
  local n ports
  read -r -a ports <<<"$TTS_CLUSTER_API_PORTS"
  for ((n = 1; n <= ${#ports[@]}; n++)); do
    on_pool "$n" svc_start tts-api || return 1
  done
  for ((n = 1; n <= ${#ports[@]}; n++)); do
    wait_port "${ports[n - 1]}" 30 "api pool $n (log: var/cluster/api-$n/log/tts-api.log)" || return 1
  done
  for ((n = 1; n <= TTS_CLUSTER_SYNC_WORKERS; n++)); do
    on_host "sync-$n" svc_start tts-sync || return 1
  done
  upstream_write
  nginx_start || return 1
  wait_http "http://127.0.0.1:$TTS_SANDBOX_PORT/sandbox/app" 30 tts-sandbox tts-sandbox || return 1
  wait_http "http://127.0.0.1:$TTS_APP_PORT/api/v1/health" 30 nginx "$(nginx_pattern)" || return 1
}

cluster_down() {
  local rc=0 n
  nginx_stop || rc=1
  for ((n = 1; n <= TTS_CLUSTER_SYNC_WORKERS; n++)); do on_host "sync-$n" svc_stop tts-sync || rc=1; done
  for ((n = 1; n <= $(pool_count); n++)); do on_pool "$n" svc_stop tts-api || rc=1; done
  svc_stop tts-sandbox || rc=1
  on_replica db_stop || rc=1
  db_stop || rc=1
  case $TTS_SOCK_DIR in /tmp/tts-*) rm -rf "$TTS_SOCK_DIR" ;; esac
  return "$rc"
}

# cluster_status: one line per process ("host: process (pid)"); fails when nothing runs.
cluster_status() {
  local found=1 n line
  check() { # HOST NAME PATTERN
    if running "$2" "$3"; then echo "$1: $2 (pid $(pid_of "$TTS_RUN_DIR/$2.pid"))"; else echo "$1: $2 not running"; return 1; fi
  }
  check db-primary mariadbd "$(db_pattern)" && found=0
  line=$(on_replica check "$HOST_REPLICA" mariadbd "$(on_replica db_pattern)") && found=0
  echo "$line"
  check sandbox tts-sandbox tts-sandbox && found=0
  for ((n = 1; n <= $(pool_count); n++)); do
    line=$(on_pool "$n" check "api-$n" tts-api tts-api) && found=0
    echo "$line"
  done
  for ((n = 1; n <= TTS_CLUSTER_SYNC_WORKERS; n++)); do
    line=$(on_host "sync-$n" check "sync-$n" tts-sync tts-sync) && found=0
    echo "$line"
  done
  check nginx nginx "$(nginx_pattern)" && found=0
  return "$found"
}

# cluster_print: the addresses of every part.
cluster_print() {
  local n port lag
  lag=$(replica_field Seconds_Behind_Master 2>/dev/null) || lag=?
  local lines="  Hosts:"
  lines+=$'\n'"    nginx (upstream tts_api)  127.0.0.1:$TTS_APP_PORT"
  n=1
  for port in $TTS_CLUSTER_API_PORTS; do
    lines+=$'\n'"    api pool $n                127.0.0.1:$port (FastCGI over TCP, $TTS_API_WORKERS workers; log var/cluster/api-$n/log/)"
    n=$((n + 1))
  done
  for ((n = 1; n <= TTS_CLUSTER_SYNC_WORKERS; n++)); do
    lines+=$'\n'"    sync worker $n             log var/cluster/sync-$n/log/"
  done
  lines+=$'\n'"    MariaDB primary           127.0.0.1:$TTS_DB_PORT (binary log, GTID)"
  lines+=$'\n'"    MariaDB replica           127.0.0.1:$TTS_CLUSTER_REPLICA_PORT (read-only, ${lag:-?} s behind)"
  demo_print "$lines"
  printf '\n  make cluster-stop stops everything (the data stays in var/cluster/).\n\n'
}

# host_do start|stop|restart HOST: one api pool (api-N) or sync worker (sync-N) alone, as when a host goes down
# and comes back. `restart` is docs/rolling-upgrade.md's procedure: an api pool is drained (SIGTERM: its requests
# finish, then it exits; nginx passes new ones to the other pool), started, and returns only once it answers its
# health check on its own port; a sync worker finishes or hands back its job (SIGTERM) and starts again.
host_do() {
  local action=$1 host=$2 n=${2##*-}
  [[ $n =~ ^[0-9]+$ ]] || die "unknown host '$host' (api-N or sync-N)"
  case $host:$action in
    api-*:start) on_pool "$n" svc_start tts-api ;;
    api-*:stop) on_pool "$n" svc_stop tts-api ;;
    api-*:restart)
      ((n >= 1 && n <= $(pool_count))) || die "unknown host '$host' (api-1 … api-$(pool_count))"
      on_pool "$n" svc_stop tts-api || warn "api-$n had to be killed"
      on_pool "$n" svc_start tts-api && pool_wait_healthy "$n" 30 ;;
    sync-*:start) on_host "$host" svc_start tts-sync ;;
    sync-*:stop) on_host "$host" svc_stop tts-sync ;;
    sync-*:restart) on_host "$host" svc_stop tts-sync; on_host "$host" svc_start tts-sync ;;
    *) die "unknown host '$host' (api-N or sync-N)" ;;
  esac
}

# DB_ENV: after a failover, the database every host uses (read by every command of this script).
DB_ENV_FILE=var/cluster/db.env

# cluster_failover: README's failover runbook on this machine. The primary is gone (stopped here if it still runs);
# the replica stops replicating and takes writes; every api pool and sync worker restarts pointed at it, without a replica.
cluster_failover() {
  db_stop || true
  note "promoting the replica (127.0.0.1:$TTS_CLUSTER_REPLICA_PORT)"
  on_replica db_client -e "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only = OFF" || return 1
  {
    echo "# Written by scripts/cluster.sh failover: the promoted replica is the primary; no replica."
    echo "TTS_DB_SOCKET=$TTS_SOCK_DIR/replica.sock"
    echo "TTS_DB_PORT=$TTS_CLUSTER_REPLICA_PORT"
    echo "TTS_DB_REPLICA_HOST="
    echo "TTS_DB_REPLICA_PORT=3306"
  } >"$TTS_ROOT/$DB_ENV_FILE"
  cluster_db_env
  local n
  # The sandbox (TikTok's stand-in) keeps its database on the same server here: it moves too.
  svc_stop tts-sandbox && svc_start tts-sandbox || return 1
  for ((n = 1; n <= $(pool_count); n++)); do host_do stop "api-$n" && host_do start "api-$n" || return 1; done
  for ((n = 1; n <= TTS_CLUSTER_SYNC_WORKERS; n++)); do host_do stop "sync-$n" && host_do start "sync-$n" || return 1; done
  wait_http "http://127.0.0.1:$TTS_APP_PORT/api/v1/health" 30 nginx "$(nginx_pattern)" || return 1
  note "failover done: the api and sync hosts use 127.0.0.1:$TTS_CLUSTER_REPLICA_PORT ($DB_ENV_FILE)"
}

# cluster_db_env: applies the failover's database settings, when there has been one.
cluster_db_env() {
  [[ -f $TTS_ROOT/$DB_ENV_FILE ]] || return 0
  set -a
  # shellcheck disable=SC1090
  source "$TTS_ROOT/$DB_ENV_FILE"
  set +a
}

case ${1:-status} in
  up)
    if (tts_env cluster && cluster_status >/dev/null 2>&1); then
      die "the cluster is already running: 'make cluster-stop' first"
    fi
    bash "$here/deps.sh"
    bash "$here/build.sh" run backend || die "cannot run without a backend build"
    bash "$here/build.sh" run frontend || warn "the frontend could not be built: the API still runs, the SPA will not load"
    tts_env cluster
    [[ -f $TTS_ROOT/$DB_ENV_FILE ]] &&
      die "this cluster was failed over to its replica: 'make cluster-stop', then remove var/cluster/ for a fresh one"
    cluster_down >/dev/null 2>&1 || true   # stale pid files and sockets of a cluster that was killed
    if ! cluster_up; then
      cluster_down || true
      die "the cluster did not come up (logs: var/cluster/*/log/ and var/cluster/log/)"
    fi
    demo_seed
    cluster_print
    ;;
  fresh)   # a new cluster: the old one stopped and its data removed (make cluster-test, make cluster-bench)
    bash "$0" down >/dev/null 2>&1 || true
    rm -rf "$TTS_ROOT/var/cluster"
    bash "$0" up ;;
  down) tts_env cluster && cluster_db_env && cluster_down && note "cluster stopped" ;;
  status) tts_env cluster && cluster_db_env && cluster_status ;;
  start | stop | restart) tts_env cluster && cluster_db_env && tts_secrets && host_do "$1" "${2:-}" ;;
  failover) tts_env cluster && tts_secrets && cluster_failover ;;
  *) die "usage: cluster.sh up|fresh|down|status|failover|start HOST|stop HOST|restart HOST (HOST: api-N, sync-N)" ;;
esac
