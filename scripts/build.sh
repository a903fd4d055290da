#!/usr/bin/env bash
# Builds the backend (`run`: backend/build/, `test`: the ASan+UBSan build in backend/build-san/) and the frontend (frontend/dist).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=${1:-run}
what=${2:-all}   # all | backend | frontend

build_backend() {
  [[ -f $TTS_ROOT/backend/Makefile ]] || { warn "backend/Makefile is missing: backend not built"; return 1; }
  local san=0
  [[ $mode == test ]] && san=1
  note "building the backend (make -C backend SAN=$san)"
  if ! make -C "$TTS_ROOT/backend" -j"$(nproc)" SAN="$san"; then
    warn "the backend build failed (make -C backend SAN=$san): see the compiler output above"
    return 1
  fi
}

# The frontend is rebuilt only when something under frontend/ (but dist/ and node_modules/) is newer than dist/index.html.
build_frontend() {
  local fe=$TTS_ROOT/frontend
  [[ -f $fe/package.json ]] || { warn "frontend/package.json is missing: frontend not built"; return 1; }
  mkdir -p "$TTS_ROOT/var"
  exec 9>"$TTS_ROOT/var/.deps.lock"
  flock 9
  if [[ -f $fe/dist/index.html ]] &&
    [[ -z $(find "$fe" -mindepth 1 \( -path "$fe/node_modules" -o -path "$fe/dist" \) -prune -o -newer "$fe/dist/index.html" -print -quit) ]]; then
    note "frontend/dist is up to date"
  else
    note "building the frontend (npm run build)"
    if ! (cd "$fe" && npm run build); then
      warn "the frontend build failed (npm run build in frontend/)"
      flock -u 9
      return 1
    fi
  fi
  flock -u 9
}

rc=0
case $what in
  all) build_backend || rc=1; build_frontend || rc=1 ;;
  backend) build_backend || rc=1 ;;
  frontend) build_frontend || rc=1 ;;
  *) die "usage: build.sh run|test [all|backend|frontend]" ;;
esac
exit "$rc"
