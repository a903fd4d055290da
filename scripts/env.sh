# The whole configuration of one stack in one place: `source scripts/env.sh; tts_env run|test|bench|soak`
# exports everything; `scripts/env.sh run` prints it as export lines (eval-able).

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# buffer_pool_for_machine: `make run`'s InnoDB buffer pool, a quarter of this machine's memory between 1 and 8 GiB
# (a million orders of one shop with the sandbox's copy of them take about 3 GB; a fixed 1 GB made a growing shop's
# sync read its own indexes back from disk).
buffer_pool_for_machine() {
  local kib
  kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null) || kib=0
  local mib=$(((${kib:-0} / 4) / 1024))
  ((mib < 1024)) && mib=1024
  ((mib > 8192)) && mib=8192
  printf '%dM\n' "$mib"
}

# tts_env MODE: exports paths, ports and the backend's TTS_* variables for MODE (run, test, bench, soak or cluster).
# Under `run` a TTS_* variable already set in the environment wins; `test`, `bench` and `soak` are isolated.
tts_env() {
  local mode=${1:-}
  if [[ $mode == run && ${TTS_MODE:-run} != run ]]; then
    die "this environment was set up for the '$TTS_MODE' stack (TTS_MODE=$TTS_MODE): use a fresh shell"
  fi
  case $mode in
    run)
      TTS_VAR="$TTS_ROOT/var"
      TTS_APP_PORT=${TTS_APP_PORT:-8080}
      TTS_SANDBOX_PORT=${TTS_SANDBOX_PORT:-8090}
      TTS_DB_PORT=${TTS_DB_PORT:-13306}
      TTS_BIN_DIR=${TTS_BIN_DIR:-$TTS_ROOT/backend/build/bin}
      TTS_API_WORKERS=${TTS_API_WORKERS:-4}
      TTS_SANDBOX_LIVE=${TTS_SANDBOX_LIVE:-1}   # the demo shops get new orders and status moves
      TTS_DB_BUFFER_POOL=${TTS_DB_BUFFER_POOL:-$(buffer_pool_for_machine)}
      TTS_DB_REDO_LOG=${TTS_DB_REDO_LOG:-1G}
      TTS_MAIL_PAGE_PORT=${TTS_MAIL_PAGE_PORT:-8025}   # the mail catcher's inbox page
      export TTS_SANDBOX_LIVE TTS_DB_BUFFER_POOL TTS_DB_REDO_LOG
      ;;
    test)
      TTS_VAR=${TTS_TEST_VAR:-$TTS_ROOT/var/test}   # another test stack beside make test's (make backup-test)
      # Ports are fixed unless TTS_TEST_*_PORT say otherwise (two checkouts testing side by side).
      TTS_APP_PORT=${TTS_TEST_APP_PORT:-18080}
      TTS_SANDBOX_PORT=${TTS_TEST_SANDBOX_PORT:-18090}
      TTS_DB_PORT=${TTS_TEST_DB_PORT:-13307}
      TTS_BIN_DIR=${TTS_TEST_BIN_DIR:-$TTS_ROOT/backend/build-san/bin}
      TTS_API_WORKERS=3
      # Nothing from the caller's environment leaks into the backend's configuration
      # (only test.sh's own knobs survive).
      local v
      for v in $(compgen -e | grep '^TTS_'); do
        case $v in
          TTS_ROOT | TTS_TEST_* | TTS_UNIT_TIMEOUT | TTS_API_TIMEOUT | TTS_RELIABILITY_TIMEOUT | TTS_BROWSER_TIMEOUT) ;;
          *) unset "$v" ;;
        esac
      done
      TTS_POLL_INTERVAL_SECONDS=2   # the sync worker polls and checks shops every 2 s in tests
      # the catcher's SMTP port follows the app's (two checkouts testing side by side set only TTS_TEST_APP_PORT)
      TTS_CATCHER_PORT=${TTS_TEST_SMTP_PORT:-$((TTS_APP_PORT + 7))}
      TTS_SMTP_RETRY_SECONDS=1      # a refused send is tried again within seconds
      export TTS_SMTP_RETRY_SECONDS
      TTS_EXPORT_BATCH_ROWS=4       # Excel exports read 4 rows per statement: every test export crosses batches
      export TTS_POLL_INTERVAL_SECONDS TTS_EXPORT_BATCH_ROWS
      ;;
    bench)
      # `make bench`: the normal optimized build on a fresh stack of its own (bench.sh wipes var/bench).
      # Isolated like test; only the bench's own knobs (TTS_BENCH_*) survive, the ports among them.
      local v
      for v in $(compgen -e | grep '^TTS_'); do
        case $v in
          TTS_ROOT | TTS_BENCH_*) ;;
          *) unset "$v" ;;
        esac
      done
      TTS_VAR="$TTS_ROOT/var/bench"
      TTS_APP_PORT=${TTS_BENCH_APP_PORT:-28080}
      TTS_SANDBOX_PORT=${TTS_BENCH_SANDBOX_PORT:-28090}
      TTS_DB_PORT=${TTS_BENCH_DB_PORT:-13308}
      # the catcher's SMTP port follows the app's unless set (checkouts benching side by side)
      TTS_CATCHER_PORT=${TTS_BENCH_SMTP_PORT:-$((TTS_APP_PORT + 7))}
      TTS_BIN_DIR="$TTS_ROOT/backend/build/bin"
      TTS_API_WORKERS=4
      TTS_SANDBOX_LIVE=0            # no demo orders or status moves mixed into the measurements
      # the read path's two million orders with their indexes and words (about 2.6 GB) stay in memory, as on a
      # database host sized for its data
      TTS_DB_BUFFER_POOL=${TTS_BENCH_DB_BUFFER_POOL:-4G}
      TTS_DB_REDO_LOG=${TTS_BENCH_DB_REDO_LOG:-1G}
      export TTS_DB_BUFFER_POOL TTS_DB_REDO_LOG
      # debug adds one line per TikTok call (tts-sync's tiktok_call ms=): the bench's time breakdown.
      TTS_LOG_LEVEL=${TTS_BENCH_LOG_LEVEL:-debug}
      export TTS_SANDBOX_LIVE
      ;;
    soak)
      # `make soak`: the optimized build (memory figures without sanitizer overhead) on a fresh stack of its
      # own, like bench; only the soak's own knobs (TTS_SOAK_*) survive, the ports among them.
      local v
      for v in $(compgen -e | grep '^TTS_'); do
        case $v in
          TTS_ROOT | TTS_SOAK_*) ;;
          *) unset "$v" ;;
        esac
      done
      TTS_VAR="$TTS_ROOT/var/soak"
      TTS_APP_PORT=${TTS_SOAK_APP_PORT:-48080}
      TTS_SANDBOX_PORT=${TTS_SOAK_SANDBOX_PORT:-48090}
      TTS_DB_PORT=${TTS_SOAK_DB_PORT:-13311}
      TTS_BIN_DIR="$TTS_ROOT/backend/build/bin"
      TTS_API_WORKERS=3
      TTS_POLL_INTERVAL_SECONDS=5   # polls and shop checks keep running through the soak
      TTS_SANDBOX_LIVE=0            # the soak drives the live steps itself (POST /sandbox/live/step)
      export TTS_POLL_INTERVAL_SECONDS TTS_SANDBOX_LIVE
      ;;
    cluster)
      # `make cluster`: the multi-host layout on one machine (scripts/cluster.sh): a MariaDB primary and a
      # replica, two api pools on TCP FastCGI ports behind one nginx upstream, two sync workers, the sandbox.
      TTS_VAR="$TTS_ROOT/var/cluster"
      TTS_APP_PORT=${TTS_CLUSTER_APP_PORT:-38080}
      TTS_SANDBOX_PORT=${TTS_CLUSTER_SANDBOX_PORT:-38090}
      TTS_DB_PORT=${TTS_CLUSTER_DB_PORT:-13309}
      TTS_CLUSTER_REPLICA_PORT=${TTS_CLUSTER_REPLICA_PORT:-13310}
      TTS_CLUSTER_API_PORTS=${TTS_CLUSTER_API_PORTS:-"39001 39002"}
      TTS_CLUSTER_SYNC_WORKERS=${TTS_CLUSTER_SYNC_WORKERS:-2}
      TTS_BIN_DIR=${TTS_BIN_DIR:-$TTS_ROOT/backend/build/bin}
      TTS_API_WORKERS=${TTS_API_WORKERS:-2}
      TTS_SANDBOX_LIVE=${TTS_SANDBOX_LIVE:-1}
      # The primary writes a binary log with GTIDs for its replica.
      TTS_DB_ARGS="--server-id=1 --log-bin=mariadb-bin --log-slave-updates --binlog-format=ROW --gtid-strict-mode=1"
      TTS_API_PASS=tts_api          # nginx's upstream of both pools (scripts/cluster.sh writes it)
      # Lists, search, overview and exports read the replica once it has the caller's own writes (README, Scaling out).
      TTS_DB_REPLICA_HOST=127.0.0.1
      TTS_DB_REPLICA_PORT=$TTS_CLUSTER_REPLICA_PORT
      export TTS_SANDBOX_LIVE TTS_CLUSTER_REPLICA_PORT TTS_CLUSTER_API_PORTS TTS_CLUSTER_SYNC_WORKERS TTS_DB_ARGS TTS_API_PASS \
        TTS_DB_REPLICA_HOST TTS_DB_REPLICA_PORT
      ;;
    *) die "tts_env: mode must be run, test, bench soak or cluster, not '$mode'" ;;
  esac
  TTS_MODE=$mode
  TTS_RUN_DIR="$TTS_VAR/run"                 # pid files (and sockets when the path is short enough)
  TTS_LOG_DIR="$TTS_VAR/log"                 # one log per process, plus the test suites' output
  TTS_DB_DATADIR="$TTS_VAR/mariadb"          # the private MariaDB data directory
  TTS_NGINX_DIR="$TTS_VAR/nginx"             # generated nginx.conf, nginx's prefix and temp dirs
  TTS_SECRETS_FILE="$TTS_VAR/secrets.env"    # generated once per stack, mode 600

  # Unix sockets are limited to 107 bytes: fall back to a short private dir under /tmp.
  TTS_SOCK_DIR="$TTS_RUN_DIR"
  if ((${#TTS_SOCK_DIR} > 90)); then
    TTS_SOCK_DIR="/tmp/tts-$(printf '%s' "$TTS_ROOT:$mode" | md5sum | cut -c1-12)"
  fi

  # What the backend processes read.
  TTS_DB_SOCKET="$TTS_SOCK_DIR/mariadb.sock"  # our own mariadbd; the app connects through it
  TTS_DB_HOST=127.0.0.1                     # ... or TCP on loopback: TTS_DB_PORT
  TTS_DB_USER=root                          # the private server has only root, no password
  TTS_DB_PASSWORD=
  TTS_DB_NAME=${TTS_DB_NAME:-tts}
  TTS_SANDBOX_DB_NAME=${TTS_SANDBOX_DB_NAME:-tts_sandbox}
  TTS_API_SOCKET="$TTS_SOCK_DIR/api.sock"
  TTS_SANDBOX_SOCKET="$TTS_SOCK_DIR/sandbox.sock"
  TTS_PUBLIC_URL=${TTS_PUBLIC_URL:-http://127.0.0.1:$TTS_APP_PORT}
  TTS_SANDBOX_URL=${TTS_SANDBOX_URL:-http://127.0.0.1:$TTS_SANDBOX_PORT}
  TTS_TIKTOK_API_URL=${TTS_TIKTOK_API_URL:-$TTS_SANDBOX_URL}
  TTS_TIKTOK_AUTH_URL=${TTS_TIKTOK_AUTH_URL:-$TTS_SANDBOX_URL}
  TTS_TIKTOK_AUTHORIZE_URL=${TTS_TIKTOK_AUTHORIZE_URL:-$TTS_SANDBOX_URL}
  TTS_LOG_LEVEL=${TTS_LOG_LEVEL:-info}
  TTS_MEDIA_DIR="$TTS_VAR/media"            # uploaded product images, served by nginx under /media/
  # E-mail: the stack's own mail catcher (scripts/mail.sh; not in the cluster layout), each caught mail one .eml
  # file in TTS_MAIL_DIR; under `run` a TTS_SMTP_* of the environment wins (a real server).
  TTS_MAIL_DIR="$TTS_VAR/mail"
  TTS_CATCHER_PORT=${TTS_CATCHER_PORT:-$((TTS_APP_PORT + 7))}
  TTS_MAIL_PAGE_PORT=${TTS_MAIL_PAGE_PORT:-0}
  TTS_CATCHER_DIR="$TTS_VAR/mail-catcher"   # its self-signed certificate and key
  if [[ $mode != cluster ]]; then
    TTS_SMTP_HOST=${TTS_SMTP_HOST:-127.0.0.1}
    TTS_SMTP_PORT=${TTS_SMTP_PORT:-$TTS_CATCHER_PORT}
    TTS_SMTP_STARTTLS=${TTS_SMTP_STARTTLS:-1}
    TTS_SMTP_CA_FILE=${TTS_SMTP_CA_FILE:-$TTS_CATCHER_DIR/cert.pem}
    TTS_SMTP_FROM=${TTS_SMTP_FROM:-"Đồng bộ TikTok Shop <no-reply@localhost>"}
    export TTS_SMTP_HOST TTS_SMTP_PORT TTS_SMTP_STARTTLS TTS_SMTP_CA_FILE TTS_SMTP_FROM
  fi
  export TTS_MAIL_DIR TTS_CATCHER_PORT TTS_MAIL_PAGE_PORT TTS_CATCHER_DIR

  export TTS_MODE TTS_VAR TTS_RUN_DIR TTS_LOG_DIR TTS_DB_DATADIR TTS_NGINX_DIR TTS_SECRETS_FILE \
    TTS_SOCK_DIR TTS_APP_PORT TTS_SANDBOX_PORT TTS_BIN_DIR \
    TTS_DB_SOCKET TTS_DB_HOST TTS_DB_PORT TTS_DB_USER TTS_DB_PASSWORD TTS_DB_NAME TTS_SANDBOX_DB_NAME \
    TTS_API_SOCKET TTS_SANDBOX_SOCKET TTS_API_WORKERS TTS_PUBLIC_URL TTS_SANDBOX_URL \
    TTS_TIKTOK_API_URL TTS_TIKTOK_AUTH_URL TTS_TIKTOK_AUTHORIZE_URL TTS_LOG_LEVEL TTS_MEDIA_DIR

  if [[ $mode == test ]]; then
    # Sanitizer builds: report to stderr (the process logs that test.sh scans).
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:print_summary=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    if [[ -f $TTS_ROOT/backend/lsan.supp && -z ${LSAN_OPTIONS:-} ]]; then
      export LSAN_OPTIONS="suppressions=$TTS_ROOT/backend/lsan.supp:print_suppressions=0"
    fi
  fi
}

# tts_secrets: loads TTS_JWT_SECRET and TTS_TOKEN_KEY from the stack's secrets file, generating
# the file (64 hex chars each, mode 600) the first time. Values set in the environment win.
tts_secrets() {
  local f=$TTS_SECRETS_FILE
  if [[ ! -s $f ]]; then
    mkdir -p "$(dirname "$f")"
    (
      umask 077
      printf 'TTS_JWT_SECRET=%s\nTTS_TOKEN_KEY=%s\n' "$(random_hex32)" "$(random_hex32)" >"$f.tmp"
      mv "$f.tmp" "$f"
    )
  fi
  chmod 600 "$f"
  local jwt key
  jwt=$(sed -n 's/^TTS_JWT_SECRET=//p' "$f")
  key=$(sed -n 's/^TTS_TOKEN_KEY=//p' "$f")
  [[ $jwt =~ ^[0-9a-f]{64}$ && $key =~ ^[0-9a-f]{64}$ ]] || die "$f is malformed: delete it to regenerate"
  export TTS_JWT_SECRET=${TTS_JWT_SECRET:-$jwt}
  export TTS_TOKEN_KEY=${TTS_TOKEN_KEY:-$key}
}

# random_hex32: 32 random bytes as 64 lowercase hex chars.
random_hex32() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 32
  else
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
    echo
  fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  tts_env "${1:-run}"
  [[ -s $TTS_SECRETS_FILE ]] && tts_secrets
  for v in $(compgen -e | grep -E '^(TTS_|ASAN_|UBSAN_|LSAN_)' | sort); do
    printf 'export %s=%q\n' "$v" "${!v}"
  done
fi
