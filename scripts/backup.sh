#!/usr/bin/env bash
# `make backup`: a hot, consistent copy of a running stack's MariaDB (mariadb-backup --backup, then --prepare), its
# media directory and its secrets into var/backups/<UTC timestamp>/ with manifest.json (`backup.sh [run|test]`).
# The stack keeps serving. Knobs: TTS_BACKUP_DIR (default $TTS_VAR/backups). Runbook: docs/backup.md.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/env.sh"
source "$here/db.sh"

BACKUP_ROOT=${TTS_BACKUP_DIR:-}   # read before tts_env, which clears a test stack's environment
tts_env "${1:-run}"
BACKUP_ROOT=${BACKUP_ROOT:-$TTS_VAR/backups}

command -v mariadb-backup >/dev/null 2>&1 || die "mariadb-backup is missing: run 'make deps' (Debian package mariadb-backup)"
running mariadbd "$(db_pattern)" ||
  die "the $TTS_MODE stack's MariaDB is not running: a hot backup copies a running server ('make run' first)"

# mariadb-backup must be the server's own version (it reads the server's redo log format).
server_version=$(db_client -N -B -e 'SELECT VERSION()')
tool_version=$(mariadb-backup --version 2>&1 | sed -nE 's/.*based on MariaDB server ([0-9]+\.[0-9]+\.[0-9]+).*/\1/p')
[[ -n $tool_version && $server_version == "$tool_version"* ]] ||
  die "mariadb-backup ${tool_version:-?} does not match the server $server_version: install the same version"

# sizes and times for the manifest
bytes_of() { du -sb "$1" 2>/dev/null | cut -f1; }
now_ms() { date +%s%3N; }
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }

mkdir -p "$BACKUP_ROOT"
exec 8>"$BACKUP_ROOT/.lock"
flock -n 8 || die "another backup of this stack is running (lock ${BACKUP_ROOT#"$TTS_ROOT"/}/.lock)"

ts=$(date -u +%Y%m%dT%H%M%SZ)
dest=$BACKUP_ROOT/$ts
[[ ! -e $dest ]] || die "$dest exists already"
mkdir -p "$dest.partial"
log=$dest.partial/backup.log
trap 'rc=$?; ((rc)) && { tail_log "$log" 20; err "backup failed: ${dest#"$TTS_ROOT"/}.partial/ is incomplete (log: backup.log there)"; }; exit $rc' EXIT

note "backing up the $TTS_MODE stack's MariaDB $server_version (hot: mariadb-backup --backup) into ${dest#"$TTS_ROOT"/}/"
started_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(now_ms)
# nice: the server and the app keep the CPU they need while the copy runs
nice -n 10 mariadb-backup --no-defaults --backup --target-dir="$dest.partial/db" --datadir="$TTS_DB_DATADIR" \
  --socket="$TTS_DB_SOCKET" --user=root >>"$log" 2>&1
t1=$(now_ms)
note "preparing it (mariadb-backup --prepare: applies the redo log copied alongside, so the files are consistent)"
nice -n 10 mariadb-backup --no-defaults --prepare --target-dir="$dest.partial/db" >>"$log" 2>&1
t2=$(now_ms)
grep -qE '^backup_type = (full-prepared|log-applied)' "$dest.partial/db/xtrabackup_checkpoints" || die "the backup was not prepared"

# The binary log position at the backup's point: where point-in-time recovery replays from.
binlog_file="" binlog_pos="" gtid=""
for f in "$dest.partial/db/mariadb_backup_binlog_info" "$dest.partial/db/xtrabackup_binlog_info"; do
  [[ -s $f ]] || continue
  read -r binlog_file binlog_pos gtid <"$f" || true
  break
done
[[ -n $binlog_file ]] || warn "the server writes no binary log: this backup allows no point-in-time recovery"

# Media after the database: product images are named by their content and never rewritten, so every image a row of
# the copy names was written before the copy began and is here (a newer file is harmless). Unchanged files are hard
# links to the previous backup's.
note "copying the media directory ${TTS_MEDIA_DIR#"$TTS_ROOT"/}"
mkdir -p "$TTS_MEDIA_DIR"
prev=$(find "$BACKUP_ROOT" -mindepth 2 -maxdepth 2 -name manifest.json -printf '%h\n' | sort | tail -n 1)
link=()
[[ -n $prev && -d $prev/media ]] && link=(--link-dest="$prev/media")
nice -n 10 rsync -a "${link[@]}" "$TTS_MEDIA_DIR/" "$dest.partial/media/" >>"$log" 2>&1
t3=$(now_ms)

# The token key decrypts the TikTok tokens stored in the database: a restore without it must reconnect every shop.
if [[ -s $TTS_SECRETS_FILE ]]; then
  (umask 077 && cp "$TTS_SECRETS_FILE" "$dest.partial/secrets.env")
fi

db_bytes=$(bytes_of "$dest.partial/db")
media_bytes=$(bytes_of "$dest.partial/media")
media_files=$(find "$dest.partial/media" -type f | wc -l)
datadir_bytes=$(bytes_of "$TTS_DB_DATADIR")
{
  printf '{\n'
  printf '  "format": "tts-backup-1",\n'
  printf '  "stack": %s,\n' "$(json_str "$TTS_MODE")"
  printf '  "started_utc": "%s",\n  "finished_utc": "%s",\n' "$started_utc" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '  "host": %s,\n' "$(json_str "$(hostname)")"
  printf '  "server_version": %s,\n  "tool": "mariadb-backup %s",\n' "$(json_str "$server_version")" "$tool_version"
  printf '  "what": ["db: the whole MariaDB instance (%s, %s, mysql), prepared", "media: %s", "secrets.env: the JWT and token keys"],\n' \
    "$TTS_DB_NAME" "$TTS_SANDBOX_DB_NAME" "$(printf '%s' "${TTS_MEDIA_DIR#"$TTS_ROOT"/}" | sed 's/"/\\"/g')"
  printf '  "binlog_file": %s,\n  "binlog_position": %s,\n  "gtid": %s,\n' \
    "$(json_str "$binlog_file")" "${binlog_pos:-null}" "$(json_str "$gtid")"
  printf '  "bytes": {"datadir": %s, "db": %s, "media": %s},\n' "$datadir_bytes" "$db_bytes" "$media_bytes"
  printf '  "media_files": %s,\n' "$media_files"
  printf '  "seconds": {"backup": %s, "prepare": %s, "media": %s, "total": %s}\n' \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1000 }')" \
    "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", (b - a) / 1000 }')" \
    "$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.1f", (b - a) / 1000 }')" \
    "$(awk -v a="$t0" -v b="$t3" 'BEGIN { printf "%.1f", (b - a) / 1000 }')"
  printf '}\n'
} >"$dest.partial/manifest.json"
mv "$dest.partial" "$dest"
log=$dest/backup.log
note "backup done: ${dest#"$TTS_ROOT"/}/ (db $((db_bytes / 1048576)) MB, $media_files media files; binlog $binlog_file:$binlog_pos, GTID ${gtid:-none})"
note "restore it with: make restore FROM=${dest#"$TTS_ROOT"/}"
