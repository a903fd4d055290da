// Webhooks: signed as TikTok signs them, retried after a failed delivery on the (scaled) schedule, all logged.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ctlOk, newSeller, connect, hmacHex, waitFor, sandboxNow } from './lib/sandbox.mjs'
import { startReceiver } from './lib/sandbox_receiver.mjs'

let app, receiver
const flakySeen = new Set() // notification ids delivered to /flaky: the first delivery of each is answered 500

before(async () => {
  app = await ctlOk('GET', '/sandbox/app')
  receiver = await startReceiver((req) => {
    if (req.url !== '/flaky') return { status: 200, body: '' }
    const id = JSON.parse(req.body).tts_notification_id
    if (flakySeen.has(id)) return { status: 200, body: '' }
    flakySeen.add(id)
    return { status: 500, body: 'try again' }
  })
  // 2 min becomes 120 ms, 30 min 1.8 s: the whole schedule fits in a test
  await ctlOk('PUT', '/sandbox/app', { webhook_url: `${receiver.url}/webhooks`, webhook_retry_scale: 0.001 })
})

after(async () => {
  await ctlOk('PUT', '/sandbox/app', { webhook_url: app.webhook_url, webhook_retry_scale: app.webhook_retry_scale })
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  await receiver.close()
})

function deliveriesOf(id) {
  return receiver.received.filter((r) => {
    try {
      return JSON.parse(r.body).tts_notification_id === id
    } catch {
      return false
    }
  })
}

async function logOf(shopId, type) {
  const log = await ctlOk('GET', `/sandbox/webhooks?shop_id=${shopId}&type=${type}`)
  return log.webhooks
}

test('an order status change pushes type 1, signed with the app secret', async () => {
  const s = await newSeller({ products: 2, orders: 1 })
  await connect(s, app)
  const order = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 1, status: 'UNPAID' })).orders[0]
  const changed = await ctlOk('POST', `/sandbox/orders/${order.id}/status`, { status: 'AWAITING_SHIPMENT' })
  assert.ok(changed.update_time >= order.update_time)
  const [hook] = await waitFor(async () => {
    const l = await logOf(s.shops[0].id, 1)
    return l.length && l[0].status === 'delivered' ? l : null
  }, { what: 'the type 1 delivery' })
  const got = deliveriesOf(hook.notification_id)
  assert.equal(got.length, 1)
  const d = got[0]
  assert.equal(d.method, 'POST')
  assert.equal(d.url, '/webhooks')
  assert.match(d.headers['content-type'], /application\/json/)
  assert.equal(d.headers.authorization, hmacHex(app.app_secret, app.app_key + d.body))
  const body = JSON.parse(d.body)
  assert.deepEqual(Object.keys(body).sort(), ['data', 'shop_id', 'timestamp', 'tts_notification_id', 'type'])
  assert.equal(body.type, 1)
  assert.equal(body.shop_id, s.shops[0].id)
  assert.deepEqual(body.data, { is_on_hold_order: false, order_id: order.id, order_status: 'AWAITING_SHIPMENT', update_time: changed.update_time })
  assert.equal(hook.body, d.body)
})

test('a failed delivery is retried on the scaled schedule and both answers are logged', async () => {
  const s = await newSeller({ products: 1, orders: 1 })
  await connect(s, app)
  const order = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 1, status: 'AWAITING_SHIPMENT' })).orders[0]
  await ctlOk('PUT', '/sandbox/app', { webhook_url: `${receiver.url}/flaky` })
  try {
    await ctlOk('POST', `/sandbox/orders/${order.id}/status`, { status: 'AWAITING_COLLECTION' })
    const done = await waitFor(async () => {
      const [h] = await logOf(s.shops[0].id, 1)
      return h && h.status === 'delivered' ? h : null
    }, { what: 'the retried delivery', timeoutMs: 15000 })
    assert.equal(done.attempts, 2)
    const [first, second] = done.deliveries
    assert.equal(done.deliveries.length, 2)
    assert.equal(first.http_status, 500)
    assert.equal(first.response, 'try again')
    assert.match(first.url, /\/flaky$/)
    assert.equal(second.http_status, 200)
    // 2 minutes scaled by 0.001: at least 120 ms between the two attempts
    assert.ok(second.sent_at_ms - first.sent_at_ms >= 120, JSON.stringify(done.deliveries))
    const got = deliveriesOf(done.notification_id)
    assert.equal(got.length, 2)
    assert.equal(got[0].body, got[1].body, 'a retry resends the same notification')
    assert.equal(got[1].headers.authorization, hmacHex(app.app_secret, app.app_key + got[1].body))
  } finally {
    await ctlOk('PUT', '/sandbox/app', { webhook_url: `${receiver.url}/webhooks` })
  }
})

test('an unreachable app: attempts follow the schedule until TikTok gives up', async () => {
  const s = await newSeller({ products: 1, orders: 1 })
  await connect(s, app)
  const order = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 1, status: 'UNPAID' })).orders[0]
  // nothing listens on port 9 of loopback; a tiny scale makes 2 min + 30 min + 3 h + 12 h take about 2 s
  await ctlOk('PUT', '/sandbox/app', { webhook_url: 'http://127.0.0.1:9/none', webhook_retry_scale: 0.00003 })
  try {
    await ctlOk('POST', `/sandbox/orders/${order.id}/status`, { status: 'CANCELLED' })
    const done = await waitFor(async () => {
      const [h] = await logOf(s.shops[0].id, 1)
      return h && h.status === 'failed' ? h : null
    }, { what: 'the delivery to be given up', timeoutMs: 20000 })
    assert.equal(done.attempts, 5)
    assert.deepEqual(done.deliveries.map((d) => d.http_status), [0, 0, 0, 0, 0])
    assert.ok(done.deliveries.every((d) => d.error.length > 0))
    const gaps = done.deliveries.slice(1).map((d, i) => d.sent_at_ms - done.deliveries[i].sent_at_ms)
    const want = [120, 1800, 10800, 43200].map((sec) => sec * 1000 * 0.00003)
    gaps.forEach((g, i) => assert.ok(g >= want[i] - 1, `gap ${i}: ${g} < ${want[i]}`))
    assert.ok(gaps[3] > gaps[0], 'the intervals grow')
  } finally {
    await ctlOk('PUT', '/sandbox/app', { webhook_url: `${receiver.url}/webhooks`, webhook_retry_scale: 0.001 })
  }
})

test('deauthorization pushes type 6', async () => {
  const s = await newSeller({ shops: 2 })
  await connect(s, app)
  await ctlOk('POST', `/sandbox/shops/${s.shops[1].id}/deauthorize`)
  const [hook] = await waitFor(async () => {
    const l = await logOf(s.shops[1].id, 6)
    return l.length && l[0].status === 'delivered' ? l : null
  }, { what: 'the type 6 delivery' })
  const body = JSON.parse(hook.body)
  assert.equal(body.type, 6)
  assert.equal(body.shop_id, s.shops[1].id)
  assert.equal(typeof body.data.message, 'string')
  assert.equal((await logOf(s.shops[0].id, 6)).length, 0)
})

test('an authorization close to expiry pushes type 7 once', async () => {
  const s = await newSeller()
  const t = await connect(s, app)
  const now = Math.floor(Date.now() / 1000)
  // 20 days before the refresh token (the authorization) expires
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: t.refresh_token_expire_in - 20 * 86400 - now })
  try {
    const [hook] = await waitFor(async () => {
      const l = await logOf(s.shops[0].id, 7)
      return l.length && l[0].status === 'delivered' ? l : null
    }, { what: 'the type 7 delivery', timeoutMs: 15000 })
    const body = JSON.parse(hook.body)
    assert.equal(body.type, 7)
    assert.equal(body.data.expiration_time, t.refresh_token_expire_in)
    assert.ok(body.timestamp >= (await sandboxNow()) - 60)
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
})

test('new orders made through the control API are announced when asked (notify), each with type 1, as a live shop\'s', async () => {
  const s = await newSeller({ products: 2, orders: 1 })
  await connect(s, app)
  const quiet = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 2 })).orders
  const told = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 3, notify: true })).orders
  const hooks = await waitFor(async () => {
    const l = await logOf(s.shops[0].id, 1)
    return l.length >= 3 ? l : null
  }, { what: 'three type 1 notifications' })
  const ids = hooks.map((h) => JSON.parse(h.body).data.order_id).sort()
  assert.deepEqual(ids, told.map((o) => o.id).sort())
  assert.ok(quiet.every((o) => !ids.includes(o.id)), 'orders made without notify are not announced')
})

test('a shop that never authorized the app gets no webhooks', async () => {
  const s = await newSeller({ products: 1, orders: 1 })
  const order = (await ctlOk('POST', `/sandbox/shops/${s.shops[0].id}/orders`, { count: 1, status: 'UNPAID', notify: true })).orders[0]
  await ctlOk('POST', `/sandbox/orders/${order.id}/status`, { status: 'CANCEL' })
  assert.equal((await logOf(s.shops[0].id, 1)).length, 0)
})

test('a live-demo step adds orders to live sellers\' shops and moves statuses on, with webhooks', async () => {
  const s = await ctlOk('POST', '/sandbox/sellers', {
    seller_name: 'Shop Sống', email: `live-${Date.now()}@example.test`, password: 'sandbox-pass-1', live: true,
  })
  const shop = s.shops[0]
  await ctlOk('POST', `/sandbox/shops/${shop.id}/products`, { count: 2 })
  await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 3, status: 'UNPAID' })
  const auth = await ctlOk('POST', '/sandbox/authorize', { email: s.email, password: 'sandbox-pass-1' })
  assert.ok(new URL(auth.redirect_url).searchParams.get('code'))
  await ctlOk('POST', '/sandbox/live/step')
  const hooks = await waitFor(async () => {
    const l = await logOf(shop.id, 1)
    return l.length ? l : null
  }, { what: 'a type 1 notification from the live step' })
  const body = JSON.parse(hooks[0].body)
  assert.equal(body.shop_id, shop.id)
  assert.notEqual(body.data.order_status, 'UNPAID')
})
