#!/usr/bin/env bash
# Creates the TikTok sandbox's demo seller (2 shops, products, ~300 orders over 90 days in every status)
# through the control API, unless it exists; prints its credentials. `make run` calls it once the stack is up.
set -euo pipefail

SANDBOX=${SANDBOX_URL:-${TTS_SANDBOX_URL:-http://127.0.0.1:${TTS_SANDBOX_PORT:-8090}}}
SANDBOX=${SANDBOX%/}
EMAIL=${TTS_DEMO_SELLER_EMAIL:-seller@demo.vn}
PASSWORD=${TTS_DEMO_SELLER_PASSWORD:-demo12345}
STATUSES=(UNPAID ON_HOLD AWAITING_SHIPMENT PARTIALLY_SHIPPING AWAITING_COLLECTION IN_TRANSIT DELIVERED COMPLETED CANCELLED)

die() { printf 'seed-sandbox: %s\n' "$*" >&2; exit 1; }

# call METHOD PATH [JSON]: prints the body; fails on an unexpected status (expected: $EXPECT, default 2xx).
call() {
  local method=$1 path=$2 data=${3:-} out code
  out=$(mktemp)
  local args=(-s -o "$out" -w '%{http_code}' --max-time 60 -X "$method" -H 'Content-Type: application/json')
  [[ -n $data ]] && args+=(--data "$data")
  code=$(curl "${args[@]}" "$SANDBOX$path") || code=000
  if [[ ! $code =~ ^(${EXPECT:-2[0-9][0-9]})$ ]]; then
    local body
    body=$(head -c 400 "$out")
    rm -f "$out"
    die "$method $path answered HTTP $code: $body"
  fi
  cat "$out"
  rm -f "$out"
}

# json EXPR: evaluates a JavaScript expression over the JSON document on stdin (bound to `d`).
json() {
  node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const d=JSON.parse(s);const v=('"$1"');process.stdout.write(Array.isArray(v)?v.join("\n"):String(v))})'
}

summary() {
  local seller=$1
  printf 'Demo seller:  %s / %s   (log in on the sandbox'"'"'s authorization page when connecting)\n' "$EMAIL" "$PASSWORD"
  printf '%s\n' "$seller" | json 'd.shops.map(s => `  shop ${s.name} (${s.code}, ${s.region}) id ${s.id}`)'
  echo
  if [[ ${TTS_SANDBOX_LIVE:-0} == 1 ]]; then
    printf 'Live demo:    on (new orders and status changes every %ss)\n' "${TTS_SANDBOX_LIVE_INTERVAL:-180}"
  else
    printf 'Live demo:    off (TTS_SANDBOX_LIVE=1 turns it on)\n'
  fi
}

existing=$(EXPECT='200|404' call GET "/sandbox/sellers?email=$EMAIL")
if [[ $(printf '%s' "$existing" | json 'd.seller_id || ""') != "" ]]; then
  summary "$existing"
  exit 0
fi

seller=$(call POST /sandbox/sellers "{\"seller_name\":\"Thời Trang Sài Gòn\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"region\":\"VN\",\"shops\":2,\"live\":true,\"seed\":20261128}")
mapfile -t shops < <(printf '%s' "$seller" | json 'd.shops.map(s => s.id)')
((${#shops[@]} == 2)) || die "the demo seller has ${#shops[@]} shops, not 2"

i=0
for shop in "${shops[@]}"; do
  i=$((i + 1))
  call POST "/sandbox/shops/$shop/products" "{\"count\":8,\"skus_per_product\":4,\"seed\":$((1000 + i))}" >/dev/null
  call POST "/sandbox/shops/$shop/orders" "{\"count\":130,\"days_back\":90,\"same_sku_ratio\":0.25,\"seed\":$((2000 + i))}" >/dev/null
  k=0
  for st in "${STATUSES[@]}"; do
    k=$((k + 1))
    call POST "/sandbox/shops/$shop/orders" "{\"count\":2,\"days_back\":3,\"status\":\"$st\",\"seed\":$((3000 + 100 * i + k))}" >/dev/null
  done
done

summary "$seller"
