#!/usr/bin/env bash
# The previous release, built beside this checkout for the upgrade test (`release-build.sh DIR [COMMIT]`): its source
# from git (`git archive`, no worktree left behind) into DIR/src, its tts-api and tts-sync built there; prints the commit.
# The previous release is the last commit whose migrations were all this checkout's, fewer and unchanged (the
# schema's last version before this one), unless COMMIT or TTS_UPGRADE_FROM names another.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TTS_ROOT"

dir=${1:?usage: release-build.sh DIR [COMMIT]}
from=${2:-${TTS_UPGRADE_FROM:-}}

git rev-parse --git-dir >/dev/null 2>&1 || die "the upgrade test needs this checkout's git history (no .git here)"
# sql_state REV: "name blob" of every migration file of sql/ at REV, sorted.
sql_state() {
  git ls-tree "$1" -- sql/ | awk '$4 ~ /^sql\/[0-9][0-9][0-9][0-9]_[^\/]*\.sql$/ {print $4, $3}' | sort
}

# The previous release: walking back along main's line through the commits that changed sql/, the first whose
# migrations are all this checkout's, unchanged, and fewer than this checkout's (a file filled in after it was first
# committed does not count as released); the release is that state's last commit, just before the next change of sql/.
if [[ -z $from ]]; then
  here_state=$(sql_state HEAD)
  [[ -n $here_state ]] || die "sql/ has no migrations"
  newer=""
  while read -r c; do
    state=$(sql_state "$c")
    if [[ -n $state && $(comm -23 <(echo "$state") <(echo "$here_state")) == "" && $state != "$here_state" ]]; then
      from=${newer:+$newer^}
      from=${from:-$c}
      break
    fi
    newer=$c
  done < <(git log --first-parent --format=%H -- sql/)
  [[ -n $from ]] || die "no earlier commit has a subset of this checkout's migrations (a shallow clone?): fetch the history or set TTS_UPGRADE_FROM"
fi
commit=$(git rev-parse --verify -q "$from^{commit}") || die "no such commit: $from"

src=$dir/src
stamp=$dir/commit
if [[ -x $src/backend/build/bin/tts-api && -x $src/backend/build/bin/tts-sync && $(cat "$stamp" 2>/dev/null) == "$commit" ]]; then
  note "the release $commit is already built in ${src#"$TTS_ROOT"/}" >&2
else
  rm -rf "$src" "$stamp"
  mkdir -p "$src"
  git archive "$commit" backend sql | tar -x -C "$src"
  note "building the release $(git log --format='%h (%cd)' --date=short -n1 "$commit") in ${src#"$TTS_ROOT"/}" >&2
  make -s -C "$src/backend" -j"$(nproc)" SAN=0 build/bin/tts-api build/bin/tts-sync >&2 ||
    die "the release $commit does not build here"
  echo "$commit" >"$stamp"
fi
echo "$commit"
