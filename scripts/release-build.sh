#!/usr/bin/env bash
# The previous release, built beside this checkout for the upgrade test (`release-build.sh DIR [COMMIT]`): its source
# from git (`git archive`, no worktree left behind) into DIR/src, its tts-api and tts-sync built there; prints the commit.
# The previous release is the last commit before the newest migration of sql/ was added (the schema's last version
# before this one), unless COMMIT or TTS_UPGRADE_FROM names another.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TTS_ROOT"

dir=${1:?usage: release-build.sh DIR [COMMIT]}
from=${2:-${TTS_UPGRADE_FROM:-}}

git rev-parse --git-dir >/dev/null 2>&1 || die "the upgrade test needs this checkout's git history (no .git here)"
if [[ -z $from ]]; then
  newest=$(find sql -maxdepth 1 -name '[0-9][0-9][0-9][0-9]_*.sql' | sort | tail -n1)
  [[ -n $newest ]] || die "sql/ has no migrations"
  added=$(git log --diff-filter=A --format=%H -n1 -- "$newest")
  [[ -n $added ]] || die "$newest is not committed: commit it, or name the release to upgrade from (TTS_UPGRADE_FROM)"
  git rev-parse --verify -q "$added^" >/dev/null ||
    die "the history before $newest was added is missing (a shallow clone?): fetch it or set TTS_UPGRADE_FROM"
  from=$added^
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
