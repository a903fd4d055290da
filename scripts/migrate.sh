#!/usr/bin/env bash
# Applies DIR's numbered migrations (NNNN_*.sql) to database DBNAME in order, each file once, recorded in schema_migrations.
set -euo pipefail
export LC_ALL=C   # byte order for the file list
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"

(($# == 2)) || die "usage: migrate.sh DBNAME DIR"
db=$1
dir=$2
[[ $db =~ ^[A-Za-z0-9_]+$ ]] || die "bad database name '$db'"
# The server: TTS_DB_SOCKET, or TTS_DB_HOST/TTS_DB_PORT with TTS_DB_USER/TTS_DB_PASSWORD (production);
# with neither set, the private server of `make run`.
if [[ -z ${TTS_DB_SOCKET:-} && -z ${TTS_DB_HOST:-} ]]; then
  source "$here/env.sh"
  tts_env run
fi
conn=(--no-defaults --user="${TTS_DB_USER:-root}" --default-character-set=utf8mb4)
if [[ -n ${TTS_DB_SOCKET:-} ]]; then
  conn+=(--socket="$TTS_DB_SOCKET")
else
  conn+=(--protocol=tcp --host="$TTS_DB_HOST" --port="${TTS_DB_PORT:-3306}")
fi
export MYSQL_PWD=${TTS_DB_PASSWORD:-}   # not on the command line

sql() {
  mariadb "${conn[@]}" --database="$db" "$@"
}

if [[ ! -d $dir ]]; then
  note "no migrations for $db: ${dir#"$TTS_ROOT"/} does not exist"
  exit 0
fi

shopt -s nullglob
files=("$dir"/[0-9][0-9][0-9][0-9]_*.sql)
for f in "$dir"/*.sql; do
  [[ $(basename "$f") =~ ^[0-9]{4}_[A-Za-z0-9_-]+\.sql$ ]] ||
    warn "ignoring $f: migration files are named NNNN_name.sql (letters, digits, _ and -)"
done

sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (
  version VARCHAR(64) NOT NULL PRIMARY KEY,
  applied_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

declare -A recorded=()
while read -r v; do
  [[ -n $v ]] && recorded[$v]=1
done < <(sql -N -B -e "SELECT version FROM schema_migrations")

applied=0
for f in "${files[@]}"; do
  v=$(basename "$f" .sql)
  [[ $v =~ ^[0-9]{4}_[A-Za-z0-9_-]+$ && ${#v} -le 64 ]] || continue
  [[ -n ${recorded[$v]:-} ]] && continue
  if ! out=$(sql <"$f" 2>&1); then
    printf '%s\n' "$out" >&2
    die "migration ${f#"$TTS_ROOT"/} failed on database $db; it is not recorded and the later ones were not applied"
  fi
  sql -e "INSERT INTO schema_migrations (version, applied_at) VALUES ('$v', UTC_TIMESTAMP())"
  note "applied ${f#"$TTS_ROOT"/} to $db"
  applied=$((applied + 1))
done
note "$db: ${#files[@]} migration file(s), $applied newly applied"
