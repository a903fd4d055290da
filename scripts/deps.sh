#!/usr/bin/env bash
# Installs what is missing: Debian packages (apt) and the npm modules of frontend/ and tests/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(libfcgi-dev libyajl-dev libjwt-dev libcurl4-openssl-dev libmariadb-dev libssl-dev
  libcrypt-dev pkg-config mariadb-server mariadb-client nginx libcmocka-dev chromium curl
  clang libclang-rt-14-dev wrk libxlsxwriter-dev mariadb-backup libqpdf-dev python3-aiosmtpd openssl
  libcairo2-dev libzint-dev fonts-dejavu-core poppler-utils)

# One lock for installs and the frontend build: `make run` and `make test` may run at once.
mkdir -p "$TTS_ROOT/var"
exec 9>"$TTS_ROOT/var/.deps.lock"
flock 9

apt_missing() {
  local p
  for p in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || printf '%s\n' "$p"
  done
  # Node.js may come from elsewhere (NodeSource); Debian's is the fallback.
  command -v node >/dev/null 2>&1 || printf '%s\n' nodejs
  command -v npm >/dev/null 2>&1 || printf '%s\n' npm
}

mapfile -t missing < <(apt_missing)
if ((${#missing[@]})); then
  note "installing Debian packages: ${missing[*]}"
  ((EUID == 0)) || die "run as root, or install them first: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 18)) || die "Node.js >= 18 is needed (node --test with the TAP reporter); found $(node --version)"

# npm_install DIR: `npm ci` when node_modules is missing or older than the lock file.
npm_install() {
  local dir=$1
  [[ -f $dir/package.json ]] || { note "no $dir/package.json yet: skipping npm install there"; return 0; }
  local stamp=$dir/node_modules/.package-lock.json
  if [[ ! -f $dir/package-lock.json ]]; then
    warn "$dir has no package-lock.json: running npm install (commit the lock file it writes)"
    (cd "$dir" && npm install --no-audit --no-fund)
  elif [[ ! -f $stamp || $dir/package-lock.json -nt $stamp || $dir/package.json -nt $stamp ]]; then
    note "npm ci in ${dir#"$TTS_ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

# Only Debian's Chromium is reachable: never let a package download a browser of its own.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_install "$TTS_ROOT/frontend"
npm_install "$TTS_ROOT/tests"
