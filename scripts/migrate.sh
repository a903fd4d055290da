#!/usr/bin/env bash
# Applies DIR's numbered migrations (NNNN_name.sql) to database DBNAME in order, each once, recorded in schema_migrations
# with the SHA-256 of the file; refuses to run while a migration was edited, renamed, removed, added out of order,
# failed, or does not say its phase (`migrate.sh DBNAME DIR [--phase expand] [mark|forget VERSION]`, `migrate.sh --stack
# run`; why and how: docs/decisions/2026-12-06-migrations.md, phases: docs/decisions/2026-12-06-expand-contract.md).
set -euo pipefail
export LC_ALL=C   # byte order for the file list and the version comparisons
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/lib.sh"

DOC=docs/decisions/2026-12-06-migrations.md
PHASE_DOC=docs/decisions/2026-12-06-expand-contract.md
usage="usage: migrate.sh DBNAME DIR [--phase expand|all]  apply what is new (expand: stop before the first contract one)
       migrate.sh DBNAME DIR mark VERSION    record VERSION as applied, with its file's checksum as it is now
       migrate.sh DBNAME DIR forget VERSION  drop the record of VERSION that failed (the next run applies it again)
       migrate.sh --stack run [--phase expand|all]
                                             the \`make run\` stack's databases (make migrate): its MariaDB started
                                             for the run if it is down, the app's processes left as they are"

# --- Phases (docs/decisions/2026-12-06-expand-contract.md) -------------------------------------------------------
# A migration's first line says when it may run: `-- phase: expand` (safe while the binaries before it still run:
# new tables, nullable columns, indexes built online) or `-- phase: contract` (only once every binary is new: dropped
# or renamed columns and tables, NOT NULL on existing columns). Files up to the last number written before phases
# existed may leave it out (they are expand); every later file must say it.
UNMARKED_UPTO_DEFAULT=18   # sql/0018_triggers_without_bulk_switch.sql
declare -A UNMARKED_UPTO=(
  [sql/sandbox]=4          # sql/sandbox/0004_inventory_refusals.sql
)

phase=all
args=()
while (($# > 0)); do
  case $1 in
    --phase) (($# >= 2)) || die "$usage"; phase=$2; shift 2 ;;
    --phase=*) phase=${1#--phase=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
case $phase in
  expand | all) ;;
  *) die "--phase is expand (stop before the first contract migration) or all (the default), not '$phase'" ;;
esac

rel() { printf '%s\n' "${1#"$TTS_ROOT"/}"; }

# --- make migrate: the databases of the `make run` stack ---------------------------------------------------------
# Its private MariaDB is started if it is down (and stopped again afterwards, so that `make run` finds the stack as it
# was); the app's processes, running or not, are not touched.
migrate_stack() {
  source "$here/db.sh"
  tts_env run
  local started=0 rc=0
  if ! running mariadbd "$(db_pattern)"; then
    mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR"
    if ! { db_start && db_wait; }; then
      db_stop || true
      die "the run stack's MariaDB did not start (log: $(rel "$(db_log)"))"
    fi
    started=1
  fi
  { db_create &&
    bash "$here/migrate.sh" "$TTS_DB_NAME" "$TTS_ROOT/sql" --phase "$phase" &&
    bash "$here/migrate.sh" "$TTS_SANDBOX_DB_NAME" "$TTS_ROOT/sql/sandbox" --phase "$phase"; } || rc=$?
  if ((started)); then
    db_stop || rc=1
    note "MariaDB stopped again (this run started it)"
  fi
  return "$rc"
}

if [[ ${args[0]:-} == --stack ]]; then
  [[ ${#args[@]} == 2 && ${args[1]} == run ]] || die "$usage"
  migrate_stack
  exit
fi
((${#args[@]} == 2 || ${#args[@]} == 4)) || die "$usage"
db=${args[0]}
dir=${args[1]%/}
action=${args[2]:-apply}
target=${args[3]:-}
[[ $action == apply || $phase == all ]] || die "--phase goes with applying, not with $action"
[[ $db =~ ^[A-Za-z0-9_]+$ ]] || die "bad database name '$db'"
case $action in
  apply) ;;
  mark | forget) [[ $target =~ ^[0-9]{4}_[A-Za-z0-9_-]+$ ]] || die "bad migration name '$target' (NNNN_name, no .sql)" ;;
  *) die "$usage" ;;
esac
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
sha() { sha256sum <"$1" | cut -c1-64; }

if [[ ! -d $dir ]]; then
  [[ $action == apply ]] || die "$(rel "$dir") does not exist"
  note "no migrations for $db: $(rel "$dir") does not exist"
  exit 0
fi
reldir=$(rel "$dir")                  # for messages
again="scripts/migrate.sh $db $reldir"   # the command to quote in them

shopt -s nullglob
files=()
for f in "$dir"/*.sql; do
  v=${f##*/}
  v=${v%.sql}
  if [[ $v =~ ^[0-9]{4}_[A-Za-z0-9_-]+$ && ${#v} -le 64 ]]; then
    files+=("$f")
  elif [[ $v != schema ]]; then   # sql/schema.sql: the dump of the result (scripts/schema-dump.sh)
    warn "ignoring $reldir/$v.sql: migration files are named NNNN_name.sql (letters, digits, _ and -; 64 at most)"
  fi
done
# The SHA-256 of every file, by version.
declare -A file_sum=()
if ((${#files[@]} > 0)); then
  while read -r c f; do
    f=${f##*/}
    file_sum[${f%.sql}]=$c
  done < <(sha256sum -- "${files[@]}")
fi

# The phase each file names on its first line ('' when none; anything else is refused below).
declare -A file_phase=()
for f in "${files[@]}"; do
  v=${f##*/}
  v=${v%.sql}
  line=$(head -n 1 -- "$f")
  line=${line%$'\r'}
  p=''
  if [[ $line =~ ^--[[:space:]]*phase:[[:space:]]*([^[:space:]]*)[[:space:]]*$ ]]; then
    p=${BASH_REMATCH[1]}
  fi
  file_phase[$v]=$p
done
key=$(rel "$(cd "$dir" && pwd -P)")   # sql/sandbox however DIR was written
unmarked_upto=${UNMARKED_UPTO[$key]:-$UNMARKED_UPTO_DEFAULT}
# phase_of VERSION: expand or contract (a file of before phases without a line is expand).
phase_of() { local p=${file_phase[$1]}; printf '%s\n' "${p:-expand}"; }

# --- The record -------------------------------------------------------------------------------------------------
# One row per migration tried. The runner before checksums made only the first two columns: the others are added to
# such a table, and its rows adopted below.
sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (
  version     VARCHAR(64) NOT NULL PRIMARY KEY,
  applied_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
has_checksum=$(sql -N -B -e "SELECT COUNT(*) FROM information_schema.COLUMNS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations' AND COLUMN_NAME = 'checksum'")
if [[ $has_checksum == 0 ]]; then
  sql -e "ALTER TABLE schema_migrations
  MODIFY applied_at DATETIME NOT NULL COMMENT 'UTC: when the file was applied, or failed',
  ADD COLUMN checksum CHAR(64) NULL COMMENT 'SHA-256 of the file as applied (NULL: not yet adopted, see migrate.sh)',
  ADD COLUMN state ENUM('applied', 'failed') NOT NULL DEFAULT 'applied',
  ADD COLUMN error TEXT NULL COMMENT 'what the client said when it failed',
  ADD COLUMN marked_at DATETIME NULL COMMENT 'UTC: settled by hand (migrate.sh mark)'"
fi

declare -A state=() sum=() at=()
load_record() {
  local v c s a
  state=() sum=() at=()
  while IFS=$'\t' read -r v c s a; do
    [[ -n $v ]] || continue
    state[$v]=$s
    sum[$v]=$c
    at[$v]=$a
  done < <(sql -N -B -e "SELECT version, IFNULL(checksum, '-'), state, DATE_FORMAT(applied_at, '%Y-%m-%d %H:%i:%s')
    FROM schema_migrations ORDER BY version")
}
load_record

# --- Adoption of a record made before checksums ------------------------------------------------------------------
# Rows without a checksum come from the runner that recorded names only. Each is adopted once: a file renamed since
# (RENAMED) moves its row to the new name, then every such row gets the SHA-256 of its file as it is now. The
# comments of the migrations were reworded in the change that brought checksums, so what is adopted is that wording.
# This runner records a checksum with every row: adoption never happens again on the same database.
declare -A RENAMED=(
  # Renumbered to follow the other migrations of their round; databases of that time may hold the old names.
  [0014_shop_pace]=0011_shop_pace
  [0015_replica]=0012_replica
  # The sandbox's migrations are numbered on their own, 0001..N without gaps: its fourth was numbered 0009.
  [0009_inventory_refusals]=0004_inventory_refusals
)
adopted=0
for v in "${!sum[@]}"; do
  [[ ${sum[$v]} == - ]] || continue
  new=${RENAMED[$v]:-}
  if [[ -n $new && ! -f $dir/$v.sql && -f $dir/$new.sql ]]; then
    if [[ -n ${state[$new]:-} ]]; then
      sql -e "DELETE FROM schema_migrations WHERE version = '$v'"   # the new name was recorded as well
    else
      sql -e "UPDATE schema_migrations SET version = '$new' WHERE version = '$v'"
    fi
    note "$db: the record of $v is now $new (the file was renamed)"
    v=$new
  fi
  if [[ -f $dir/$v.sql ]]; then
    sql -e "UPDATE schema_migrations SET checksum = '${file_sum[$v]}' WHERE version = '$v' AND checksum IS NULL"
    adopted=$((adopted + 1))
  fi
done
if ((adopted > 0)); then
  note "$db: adopted $adopted migration(s) recorded without a checksum: their files' SHA-256 as they are now"
fi
load_record

# --- mark / forget: settling a migration by hand -----------------------------------------------------------------
case $action in
  mark)
    [[ -f $dir/$target.sql ]] || die "$reldir/$target.sql does not exist"
    sql -e "INSERT INTO schema_migrations (version, applied_at, checksum, state, marked_at)
      VALUES ('$target', UTC_TIMESTAMP(), '$(sha "$dir/$target.sql")', 'applied', UTC_TIMESTAMP())
      ON DUPLICATE KEY UPDATE checksum = VALUES(checksum), state = 'applied', marked_at = UTC_TIMESTAMP()"
    note "$db: $target recorded as applied, with the checksum of $reldir/$target.sql as it is now"
    exit 0
    ;;
  forget)
    case ${state[$target]:-} in
      failed) ;;
      '') die "$db has no record of $target" ;;
      *) die "$target is applied to $db, not failed: only the record of a failed migration can be dropped" ;;
    esac
    sql -e "DELETE FROM schema_migrations WHERE version = '$target' AND state = 'failed'"
    note "$db: the record of the failed $target is dropped; the next run applies $reldir/$target.sql again"
    exit 0
    ;;
esac

# --- What must hold before anything is applied -------------------------------------------------------------------
problems=0
problem() {
  err "$1"
  shift
  printf '  %s\n' "$@" >&2
  problems=$((problems + 1))
}

# settle_hint VERSION: how to settle a failed migration, as lines of a message (into the array settle).
settle_hint() {
  settle=("MariaDB commits each DDL statement: part of it may be applied. Fix the database by hand, then either"
    "  $again mark $1     (all of it is in place now: recorded as applied)"
    "or"
    "  $again forget $1   (all of it is undone: the next run applies the file again).")
}

last=""   # the greatest version recorded
for v in $(printf '%s\n' "${!state[@]}" | sort); do
  last=$v
  f=$dir/$v.sql
  r=$reldir/$v.sql
  if [[ ${state[$v]} == failed ]]; then
    settle_hint "$v"
    problem "migration $r failed on database $db on ${at[$v]} UTC:" \
      "$(sql -N -B -r -e "SELECT IFNULL(error, '') FROM schema_migrations WHERE version = '$v'" | head -n 20 |
        sed '2,$s/^/  /')" \
      "${settle[@]}" "See $DOC."
  elif [[ ! -f $f ]]; then
    problem "database $db has $v applied (${at[$v]} UTC) but $r does not exist: renamed or removed?" \
      "An applied migration keeps its name for good: restore the file under that name" \
      "(git log --stat --diff-filter=DR -- $reldir/ shows what went). If this checkout is older than the" \
      "database, use a newer one. See $DOC."
  elif [[ ${sum[$v]} != "${file_sum[$v]:-}" ]]; then
    problem "$r was edited after it was applied to database $db on ${at[$v]} UTC" \
      "(SHA-256 then ${sum[$v]:0:12}…, now ${file_sum[$v]:0:12}…)." \
      "An applied migration never changes: restore it (git log -p -- $r) and put the change in a new" \
      "migration. If the edit changes nothing in the database (a comment), record the file as it is now:" \
      "  $again mark $v" \
      "See $DOC."
  fi
done

expect=1
for f in "${files[@]}"; do
  v=${f##*/}
  v=${v%.sql}
  if ((10#${v:0:4} != expect)); then
    problem "$reldir/$v.sql is numbered ${v:0:4} where $(printf '%04d' "$expect") comes next." \
      "The files of $reldir are numbered 0001..N without gaps or repeats: give it the next free number."
  fi
  expect=$((10#${v:0:4} + 1))
  if [[ -z ${state[$v]:-} && -n $last && $v < "$last" ]]; then
    problem "$reldir/$v.sql is not applied to database $db, but $last, which sorts after it, is." \
      "Migrations apply in name order: a new one takes the next number after the last applied ($last)." \
      "Renumber it (it ran nowhere yet); if it did run somewhere by another name, see $DOC."
  fi
done

for f in "${files[@]}"; do
  v=${f##*/}
  v=${v%.sql}
  p=${file_phase[$v]}
  case $p in
    expand | contract) ;;
    '')
      ((10#${v:0:4} > unmarked_upto)) || continue
      where=$(grep -n -m 1 -E '^--[[:space:]]*phase:' -- "$f" | cut -d: -f1) || true
      problem "$reldir/$v.sql does not say its phase${where:+ on its first line (it says it on line $where)}." \
        "Every migration after $(printf '%04d' "$unmarked_upto") starts with one of these lines:" \
        "  -- phase: expand     safe while the binaries before it still run (new tables, nullable columns," \
        "                       indexes built online): applied before the new binaries roll out" \
        "  -- phase: contract   only once every binary is new (columns or tables dropped or renamed, NOT NULL on" \
        "                       an existing column): applied after the roll-out" \
        "See $PHASE_DOC."
      ;;
    *)
      problem "$reldir/$v.sql names phase '$p' on its first line: it is expand or contract." \
        "See $PHASE_DOC."
      ;;
  esac
done

((problems == 0)) || die "refusing to migrate database $db: $problems problem(s) above; nothing was applied"

# --- Apply -------------------------------------------------------------------------------------------------------
applied=0
left=()   # --phase expand: the pending files from the first contract one on
for f in "${files[@]}"; do
  v=${f##*/}
  v=${v%.sql}
  [[ -z ${state[$v]:-} ]] || continue
  if [[ $phase == expand ]] && { ((${#left[@]} > 0)) || [[ $(phase_of "$v") == contract ]]; }; then
    left+=("$v ($(phase_of "$v"))")
    continue
  fi
  c=${file_sum[$v]}
  # Recorded as failed until it is through: a run killed half way (or its connection lost) leaves that record.
  sql -e "INSERT INTO schema_migrations (version, applied_at, checksum, state, error)
    VALUES ('$v', UTC_TIMESTAMP(), '$c', 'failed', 'the run stopped while applying it (killed, or its connection lost)')"
  if ! out=$(sql <"$f" 2>&1); then
    printf '%s\n' "$out" >&2
    # The error text as hex: nothing in it can break the statement.
    hex=$(printf '%s' "${out:0:4000}" | od -An -tx1 -v | tr -d ' \n')
    sql -e "UPDATE schema_migrations SET error = CONVERT(UNHEX('$hex') USING utf8mb4), applied_at = UTC_TIMESTAMP()
      WHERE version = '$v'" || err "could not record the error of $v in $db.schema_migrations"
    settle_hint "$v"
    problem "migration $reldir/$v.sql failed on database $db: recorded as failed, the later ones not applied." \
      "${settle[@]}" "Until then every run refuses to start. See $DOC."
    exit 1
  fi
  sql -e "UPDATE schema_migrations SET state = 'applied', error = NULL, applied_at = UTC_TIMESTAMP() WHERE version = '$v'"
  note "applied $reldir/$v.sql to $db ($(phase_of "$v"))"
  applied=$((applied + 1))
done
if ((${#left[@]} > 0)); then
  note "$db: expand phase: left ${#left[@]} migration(s), from the first contract one on, for once every binary is new:"
  printf '      %s\n' "${left[@]}"
  note "$db: apply them then with: $again"
fi
note "$db: ${#files[@]} migration file(s), $applied newly applied${left:+, ${#left[@]} left for the contract phase}"
