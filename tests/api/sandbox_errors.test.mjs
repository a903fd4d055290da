// Every TikTok error the sandbox gives: codes, HTTP statuses and envelopes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ctl, ctlOk, newSeller, connect, TikTokClient, sign, SANDBOX_URL } from './lib/sandbox.mjs'

let app, seller, tokens, shopClient, globalClient

function envelope(r, code) {
  assert.ok(r.data, `not JSON: ${r.text}`)
  assert.deepEqual(Object.keys(r.data).sort(), ['code', 'data', 'message', 'request_id'])
  assert.equal(r.data.code, code, r.text)
  assert.equal(typeof r.data.message, 'string')
  assert.equal(typeof r.data.request_id, 'string')
  if (code !== 0) assert.equal(r.data.data, null)
}

before(async () => {
  app = await ctlOk('GET', '/sandbox/app')
  seller = await newSeller({ shops: 2, products: 2, orders: 5 })
  tokens = await connect(seller, app)
  shopClient = new TikTokClient(app, tokens.access_token, { shopCipher: seller.shops[0].cipher })
  globalClient = new TikTokClient(app, tokens.access_token)
})

after(async () => {
  await ctl('POST', '/sandbox/faults', {})
  await ctl('POST', '/sandbox/clock', { offset_seconds: 0 })
})

test('a correct call answers code 0 in the envelope', async () => {
  const r = await globalClient.call('GET', '/authorization/202309/shops')
  assert.equal(r.status, 200)
  envelope(r, 0)
  assert.equal(r.data.data.shops.length, 2)
})

test('wrong or missing sign: 106001 with HTTP 401', async () => {
  let r = await globalClient.call('GET', '/authorization/202309/shops', { sign: '0'.repeat(64) })
  assert.equal(r.status, 401)
  envelope(r, 106001)
  r = await globalClient.call('GET', '/authorization/202309/shops', { omit: ['sign'], query: { sign: '' } })
  assert.equal(r.status, 401)
  envelope(r, 106001)
  // signed with another secret
  const q = { app_key: app.app_key, timestamp: Math.floor(Date.now() / 1000) }
  r = await globalClient.call('GET', '/authorization/202309/shops', { sign: sign('not-the-secret', '/authorization/202309/shops', q), timestamp: q.timestamp })
  envelope(r, 106001)
})

test('missing shop_cipher on a shop call: 106013', async () => {
  for (const [method, path] of [['POST', '/order/202309/orders/search'], ['GET', '/logistics/202309/warehouses'],
    ['POST', '/product/202309/products/search']]) {
    const r = await globalClient.call(method, path, { query: { page_size: 10 }, body: method === 'POST' ? {} : undefined })
    envelope(r, 106013)
  }
})

test('shop_cipher where none is expected, unknown app_key, timestamps out of range: 36009004', async () => {
  let r = await globalClient.call('GET', '/authorization/202309/shops', { query: { shop_cipher: seller.shops[0].cipher } })
  envelope(r, 36009004)
  assert.match(r.data.message, /shop_cipher/)

  const stranger = new TikTokClient({ app_key: 'unknown-app', app_secret: app.app_secret }, tokens.access_token)
  r = await stranger.call('GET', '/authorization/202309/shops')
  envelope(r, 36009004)
  assert.match(r.data.message, /app_key/)

  const now = Math.floor(Date.now() / 1000)
  for (const ts of [now - 330, now + 60, 'abc']) {
    r = await globalClient.call('GET', '/authorization/202309/shops', { timestamp: ts })
    envelope(r, 36009004)
    assert.match(r.data.message, /timestamp/)
  }
  r = await globalClient.call('GET', '/authorization/202309/shops', { omit: ['timestamp'] })
  envelope(r, 36009004)
  // inside the window: 4 minutes old and 20 seconds ahead are fine
  for (const ts of [now - 240, now + 20]) {
    r = await globalClient.call('GET', '/authorization/202309/shops', { timestamp: ts })
    envelope(r, 0)
  }
})

test('the timestamp window follows the sandbox clock offset', async () => {
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: 3600 })
  try {
    const now = Math.floor(Date.now() / 1000)
    let r = await globalClient.call('GET', '/authorization/202309/shops', { timestamp: now })
    envelope(r, 36009004)
    r = await globalClient.call('GET', '/authorization/202309/shops', { timestamp: now + 3600 })
    envelope(r, 0)
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
})

test('unknown, missing or expired access token: 105002; refresh gives a working one', async () => {
  let r = await globalClient.call('GET', '/authorization/202309/shops', { token: 'TTP_nope' })
  envelope(r, 105002)
  r = await globalClient.call('GET', '/authorization/202309/shops', { token: '' })
  envelope(r, 105002)

  const s = await newSeller()
  const t = await connect(s, app)
  const c = new TikTokClient(app, t.access_token)
  assert.ok(t.access_token_expire_in > Math.floor(Date.now() / 1000) + 6 * 86400)
  const offset = t.access_token_expire_in - Math.floor(Date.now() / 1000) + 10
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: offset })
  try {
    c.now = Math.floor(Date.now() / 1000) + offset
    r = await c.call('GET', '/authorization/202309/shops')
    envelope(r, 105002)
    const q = new URLSearchParams({ app_key: app.app_key, app_secret: app.app_secret, refresh_token: t.refresh_token, grant_type: 'refresh_token' })
    const ref = await ctl('GET', `/api/v2/token/refresh?${q}`)
    envelope(ref, 0)
    assert.notEqual(ref.data.data.access_token, t.access_token)
    assert.notEqual(ref.data.data.refresh_token, t.refresh_token)
    c.token = ref.data.data.access_token
    r = await c.call('GET', '/authorization/202309/shops')
    envelope(r, 0)
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
})

test('token host: invalid, reused and expired auth codes give 36004004; wrong secret 36009004', async () => {
  const exchange = (code, secret = app.app_secret) => ctl('GET', `/api/v2/token/get?${new URLSearchParams({
    app_key: app.app_key, app_secret: secret, auth_code: code, grant_type: 'authorized_code' })}`)
  envelope(await exchange('TTC_not_a_code'), 36004004)

  const s = await newSeller()
  const auth = await ctlOk('POST', '/sandbox/authorize', { email: s.email, password: s.password, state: 'x' })
  const code = new URL(auth.redirect_url).searchParams.get('code')
  envelope(await exchange(code, 'wrong-secret'), 36009004)
  envelope(await exchange(code), 0)
  envelope(await exchange(code), 36004004)

  const auth2 = await ctlOk('POST', '/sandbox/authorize', { email: s.email, password: s.password, state: 'y' })
  const code2 = new URL(auth2.redirect_url).searchParams.get('code')
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: 31 * 60 })
  try {
    envelope(await exchange(code2), 36004004)
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
  const badRefresh = await ctl('GET', `/api/v2/token/refresh?${new URLSearchParams({
    app_key: app.app_key, app_secret: app.app_secret, refresh_token: 'TTR_nope', grant_type: 'refresh_token' })}`)
  assert.notEqual(badRefresh.data.code, 0)
})

test('unknown paths: 36009009', async () => {
  for (const path of ['/order/202309/nothing', '/product/202309/products/1/inventory/nothing', '/foo', '/a/b/c/d/e/f/g',
    '/api/v2/token/nothing', '/order/202309/orders/search/extra']) {
    const r = await ctl('GET', path)
    assert.equal(r.status, 404, path)
    assert.equal(r.data.code, 36009009, `${path}: ${r.text}`)
  }
  const r = await ctl('DELETE', '/order/202309/orders/search')
  assert.equal(r.data.code, 36009009)
})

test('a shop_cipher of another seller is refused', async () => {
  const other = await newSeller()
  const c = new TikTokClient(app, tokens.access_token, { shopCipher: other.shops[0].cipher })
  const r = await c.call('GET', '/logistics/202309/warehouses')
  envelope(r, 36009004)
})

test('deauthorization revokes the tokens (105002) and lists the shop no more', async () => {
  const s = await newSeller({ shops: 2 })
  const t = await connect(s, app)
  const c = new TikTokClient(app, t.access_token)
  envelope(await c.call('GET', '/authorization/202309/shops'), 0)
  const d = await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/deauthorize`)
  assert.equal(d.revoked_tokens, 1)
  envelope(await c.call('GET', '/authorization/202309/shops'), 105002)
  const t2 = await connect(s, app)
  const again = await new TikTokClient(app, t2.access_token).call('GET', '/authorization/202309/shops')
  envelope(again, 0)
  assert.equal(again.data.data.shops.length, 2) // authorizing again covers every shop
})

test('faults: throttling 429/36009002, errors 36009003, latency, malformed bodies, expired tokens', async () => {
  try {
    await ctlOk('POST', '/sandbox/faults', { throttle_rate: 1 })
    let r = await globalClient.call('GET', '/authorization/202309/shops')
    assert.equal(r.status, 429)
    envelope(r, 36009002)

    await ctlOk('POST', '/sandbox/faults', { error_rate: 1 })
    r = await globalClient.call('GET', '/authorization/202309/shops')
    assert.equal(r.status, 500)
    envelope(r, 36009003)

    await ctlOk('POST', '/sandbox/faults', { malformed_rate: 1 })
    r = await globalClient.call('GET', '/authorization/202309/shops')
    assert.equal(r.status, 200)
    assert.equal(r.data, null, 'the body must not parse')
    assert.ok(r.text.length > 0)

    await ctlOk('POST', '/sandbox/faults', { latency_ms: 400 })
    const t0 = Date.now()
    r = await globalClient.call('GET', '/authorization/202309/shops')
    assert.ok(Date.now() - t0 >= 400)
    envelope(r, 0)

    // the control API itself is never faulted
    const f = await ctlOk('POST', '/sandbox/faults', { error_rate: 1, throttle_rate: 0.5, latency_ms: 0, malformed_rate: 0.25 })
    assert.deepEqual(f, { error_rate: 1, throttle_rate: 0.5, latency_ms: 0, malformed_rate: 0.25, fail_path: '', fail_count: 0, expired_tokens: 0 })
    assert.equal((await ctl('GET', '/sandbox/faults')).status, 200)

    await ctlOk('POST', '/sandbox/faults', {})
    const s = await newSeller()
    const t = await connect(s, app)
    const exp = await ctlOk('POST', '/sandbox/faults', { expire_tokens: true })
    assert.ok(exp.expired_tokens >= 1)
    r = await new TikTokClient(app, t.access_token).call('GET', '/authorization/202309/shops')
    envelope(r, 105002)
    const q = new URLSearchParams({ app_key: app.app_key, app_secret: app.app_secret, refresh_token: t.refresh_token, grant_type: 'refresh_token' })
    const ref = await ctl('GET', `/api/v2/token/refresh?${q}`)
    envelope(ref, 0)
    r = await new TikTokClient(app, ref.data.data.access_token).call('GET', '/authorization/202309/shops')
    envelope(r, 0)
  } finally {
    await ctlOk('POST', '/sandbox/faults', {})
  }
  const cleared = await ctlOk('GET', '/sandbox/faults')
  assert.deepEqual(cleared, { error_rate: 0, throttle_rate: 0, latency_ms: 0, malformed_rate: 0, fail_path: '', fail_count: 0 })
})

test('control API inputs are validated with the error envelope', async () => {
  let r = await ctl('POST', '/sandbox/faults', { error_rate: 2 })
  assert.equal(r.status, 422)
  assert.equal(r.data.error.code, 'validation_failed')
  assert.ok(r.data.error.details.fields.error_rate)
  r = await ctl('POST', '/sandbox/sellers', { seller_name: '', email: 'nope', password: '1', region: 'XX' })
  assert.equal(r.status, 422)
  for (const f of ['seller_name', 'email', 'password', 'region']) assert.ok(r.data.error.details.fields[f], f)
  r = await ctl('POST', '/sandbox/sellers', { seller_name: 'Dup', email: seller.email, password: 'whatever1' })
  assert.equal(r.status, 409)
  r = await ctl('POST', `/sandbox/shops/123/orders`, { count: 1 })
  assert.equal(r.status, 404)
  r = await ctl('POST', `/sandbox/shops/${seller.shops[0].id}/orders`, { count: 0, status: 'SHIPPED' })
  assert.equal(r.status, 422)
  r = await ctl('POST', `/sandbox/shops/${seller.shops[1].id}/orders`, { count: 1 })
  assert.equal(r.status, 409) // no products in that shop
  r = await ctl('POST', '/sandbox/orders/1/status', { status: 'COMPLETED' })
  assert.equal(r.status, 404)
  r = await ctl('PUT', '/sandbox/app', { webhook_url: 'ftp://x', webhook_retry_scale: 0 })
  assert.equal(r.status, 422)
  r = await ctl('POST', '/sandbox/clock', { offset_seconds: 'soon' })
  assert.equal(r.status, 422)
  r = await fetch(`${SANDBOX_URL}/sandbox/faults`, { method: 'POST', body: '{not json' })
  assert.equal(r.status, 400)
  r = await ctl('POST', '/sandbox/authorize', { email: seller.email, password: 'wrong' })
  assert.equal(r.status, 401)
  r = await ctl('GET', '/sandbox/nothing')
  assert.equal(r.status, 404)
  assert.equal(r.data.error.code, 'not_found')
})
