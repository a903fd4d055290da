#!/usr/bin/env bash
# `make restore FROM=var/backups/<ts> [UNTIL='YYYY-MM-DD HH:MM:SS']`: a backup of scripts/backup.sh into a fresh data
# directory of a stopped stack, switched in (the old data directory and media are kept beside, never overwritten);
# with UNTIL, the binary logs are replayed from the backup's position up to that UTC time (point-in-time recovery);
# then the stack is started and checked (`restore.sh [run|test] FROM [UNTIL]`). Knobs: TTS_RESTORE_BINLOG_DIR (where
# the binary logs are: default the data directory being replaced), TTS_RESTORE_MEDIA_DIR (media newer than the backup,
# merged in). Runbook: docs/backup.md.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"

mode=${1:-run}
from=${2:-}
until_utc=${3:-}
binlog_dir=${TTS_RESTORE_BINLOG_DIR:-}   # read before tts_env, which clears a test stack's environment
media_more=${TTS_RESTORE_MEDIA_DIR:-}
tts_env "$mode"
cd "$TTS_ROOT"

[[ -n $from ]] || die "usage: make restore FROM=var/backups/<timestamp> [UNTIL='YYYY-MM-DD HH:MM:SS' (UTC)]"
from=$(cd "$from" 2>/dev/null && pwd -P) || die "no backup at '${2}'"
[[ -s $from/manifest.json && -d $from/db ]] || die "$from is not a complete backup (no manifest.json or db/)"
grep -qE '^backup_type = (full-prepared|log-applied)' "$from/db/xtrabackup_checkpoints" 2>/dev/null ||
  die "$from/db is not a prepared full backup (mariadb-backup --prepare)"
if [[ -n $until_utc ]]; then
  [[ $until_utc =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}[\ T][0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] ||
    die "UNTIL must be a UTC time 'YYYY-MM-DD HH:MM:SS', not '$until_utc'"
  until_utc=${until_utc/T/ }
fi
command -v mariadb-backup >/dev/null 2>&1 || die "mariadb-backup is missing: run 'make deps'"

# Never under a running stack: its files are open and its processes would write into the switch.
if stack_running >/dev/null; then
  stack_running >&2
  die "the $mode stack is running: stop it first ('make stop'); nothing was changed"
fi
stack_down >/dev/null 2>&1 || true   # stale pid files and sockets

ts=$(date -u +%Y%m%dT%H%M%SZ)
fresh=$TTS_DB_DATADIR.restore-$ts
aside=$TTS_DB_DATADIR.before-restore-$ts
mkdir -p "$TTS_LOG_DIR"
log=$TTS_LOG_DIR/restore-$ts.log
t0=$(date +%s%3N)
secs() { awk -v a="$1" -v b="$(date +%s%3N)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

note "copying ${from#"$TTS_ROOT"/}/db into a fresh data directory ${fresh#"$TTS_ROOT"/} (mariadb-backup --copy-back)"
if ! mariadb-backup --no-defaults --copy-back --target-dir="$from/db" --datadir="$fresh" >>"$log" 2>&1; then
  tail_log "$log"
  rm -rf "$fresh"
  die "mariadb-backup --copy-back failed (log: $log); nothing was changed"
fi
touch "$fresh/.tts-initialized"
copy_secs=$(secs "$t0")

# The binary logs to replay come from the data directory being replaced (or TTS_RESTORE_BINLOG_DIR).
if [[ -d $TTS_DB_DATADIR ]]; then
  note "switching: the current data directory is kept as ${aside#"$TTS_ROOT"/}"
  mv "$TTS_DB_DATADIR" "$aside"
  [[ -n $binlog_dir ]] || binlog_dir=$aside
fi
mv "$fresh" "$TTS_DB_DATADIR"

# Media: the backup's files, plus any newer file of TTS_RESTORE_MEDIA_DIR (a copy kept since) and of the current
# directory (names are content hashes: a file never changes, and images uploaded after the backup are the ones a
# replayed row may name).
if [[ -d $from/media ]]; then
  t_media=$(date +%s%3N)
  mkdir -p "$TTS_MEDIA_DIR.restore-$ts"
  rsync -a "$from/media/" "$TTS_MEDIA_DIR.restore-$ts/" >>"$log" 2>&1
  if [[ -n $media_more ]]; then
    [[ -d $media_more ]] || die "TTS_RESTORE_MEDIA_DIR $media_more is not a directory"
    rsync -a --ignore-existing "$media_more/" "$TTS_MEDIA_DIR.restore-$ts/" >>"$log" 2>&1
  fi
  if [[ -d $TTS_MEDIA_DIR ]]; then
    rsync -a --ignore-existing "$TTS_MEDIA_DIR/" "$TTS_MEDIA_DIR.restore-$ts/" >>"$log" 2>&1
    mv "$TTS_MEDIA_DIR" "$TTS_MEDIA_DIR.before-restore-$ts"
  fi
  mv "$TTS_MEDIA_DIR.restore-$ts" "$TTS_MEDIA_DIR"
  note "media restored ($(find "$TTS_MEDIA_DIR" -type f | wc -l) files, $(secs "$t_media") s)"
fi
# The keys the database's rows were written with (TikTok tokens are encrypted with TTS_TOKEN_KEY).
if [[ -s $from/secrets.env ]] && ! cmp -s "$from/secrets.env" "$TTS_SECRETS_FILE"; then
  [[ -f $TTS_SECRETS_FILE ]] && mv "$TTS_SECRETS_FILE" "$TTS_SECRETS_FILE.before-restore-$ts"
  (umask 077 && cp "$from/secrets.env" "$TTS_SECRETS_FILE")
  note "secrets.env restored from the backup"
fi

note "starting MariaDB on the restored data"
# a failure from here on leaves the restored data directory in place and nothing of the stack running
trap 'rc=$?; ((rc)) && stack_down >/dev/null 2>&1; exit $rc' EXIT
{ db_start && db_wait 120; } || die "MariaDB did not start on the restored data (log: $(db_log))"

binlog_file="" binlog_pos="" gtid=""
for f in "$from/db/mariadb_backup_binlog_info" "$from/db/xtrabackup_binlog_info"; do
  [[ -s $f ]] && { read -r binlog_file binlog_pos gtid <"$f" || true; break; }
done
# The restored server's own binary log goes on from the backup's GTID (later backups and replicas count from there).
if [[ -n $gtid && $(db_client -N -B -e 'SELECT @@log_bin') == 1 ]]; then
  db_client -e "RESET MASTER; SET GLOBAL gtid_binlog_state = '$gtid'" || die "could not set the GTID state to $gtid"
fi

replay_secs=0
if [[ -n $until_utc ]]; then
  [[ -n $binlog_file && -n $binlog_pos ]] || die "the backup has no binary log position: no point-in-time recovery"
  [[ -n $binlog_dir && -f $binlog_dir/$binlog_file ]] ||
    die "the binary log $binlog_file is not in ${binlog_dir:-(no directory)}: set TTS_RESTORE_BINLOG_DIR"
  # The backup's file and every later one, in the order of the server's index.
  files=()
  base=${binlog_file%.*}
  while IFS= read -r f; do
    f=${f##*/}
    [[ $f == "$base".* && ! $f < $binlog_file ]] && files+=("$binlog_dir/$f")
  done < <(if [[ -f $binlog_dir/$base.index ]]; then cat "$binlog_dir/$base.index"; else ls "$binlog_dir" | grep -E "^$base\.[0-9]+$" | sort; fi)
  note "point-in-time recovery: replaying ${#files[@]} binary log file(s) from $binlog_file:$binlog_pos (GTID $gtid) up to $until_utc UTC"
  t_replay=$(date +%s%3N)
  # A large transaction is one BINLOG statement of its rows: both ends accept statements up to 1 GB meanwhile.
  packet=$(db_client -N -B -e 'SELECT @@max_allowed_packet')
  db_client -e 'SET GLOBAL max_allowed_packet = 1073741824'
  if ! TZ=UTC mariadb-binlog --no-defaults --start-position="$binlog_pos" --stop-datetime="$until_utc" "${files[@]}" 2>>"$log" |
    db_client --binary-mode --max-allowed-packet=1G >>"$log" 2>&1; then
    tail_log "$log" 5
    die "replaying the binary logs failed (log: $log); the restored data directory is in place, the stack is not started"
  fi
  db_client -e "SET GLOBAL max_allowed_packet = $packet"
  replay_secs=$(secs "$t_replay")
  note "replayed in $replay_secs s; the server is at GTID $(db_client -N -B -e 'SELECT @@gtid_binlog_pos')"
fi

note "starting the $mode stack on the restored data"
stack_up || die "the stack did not come up on the restored data (logs: ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"
health=$(curl -s --max-time 5 "http://127.0.0.1:$TTS_APP_PORT/api/v1/health" || true)
[[ $health == *'"db":"ok"'* || $health == *'"db": "ok"'* ]] || die "the app answers no healthy /api/v1/health: $health"
counts=$(db_client -N -B --database="$TTS_DB_NAME" -e \
  "SELECT CONCAT((SELECT COUNT(*) FROM merchants), ' merchants, ', (SELECT COUNT(*) FROM orders), ' orders, ',
    (SELECT COUNT(*) FROM stock_movements), ' ledger rows, ', (SELECT COUNT(*) FROM export_slips), ' slips')")
note "restored in $(secs "$t0") s (copy $copy_secs s, replay $replay_secs s): $counts; http://127.0.0.1:$TTS_APP_PORT answers"
note "the previous data stays in ${aside#"$TTS_ROOT"/} and ${TTS_MEDIA_DIR#"$TTS_ROOT"/}.before-restore-$ts (delete them once satisfied)"
[[ $mode == run ]] && note "the stack runs in the background: 'make stop' stops it"
exit 0
