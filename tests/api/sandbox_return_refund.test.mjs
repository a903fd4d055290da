// The sandbox's Return and Refund API (202309) against TikTok's documented shapes: cancellations and returns raised
// through the control API, searched (filters, paging), approved and rejected (reasons from reject_reasons, TikTok's
// error envelope otherwise), a return's records, TikTok's own decision when a deadline passes, webhooks 11 and 12,
// the order's fields following, signing and the control calls' validation.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ctl, ctlOk, newSeller, connect, TikTokClient, sandboxNow, waitFor } from './lib/sandbox.mjs'
import { png } from './lib/images.mjs'

const RR = '/return_refund/202309'
let app, seller, shop, client, other, tokens

async function orders(count, status) {
  const made = await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count, status, shipping_type: 'TIKTOK' })
  return made.orders.map((o) => o.id)
}

async function orderDetail(id) {
  const r = await client.call('GET', '/order/202309/orders', { query: { ids: id } })
  assert.equal(r.data.code, 0, r.text)
  return r.data.data.orders[0]
}

function ok(r) {
  assert.equal(r.status, 200, r.text)
  assert.deepEqual(Object.keys(r.data).sort(), ['code', 'data', 'message', 'request_id'])
  assert.equal(r.data.code, 0, r.text)
  return r.data.data
}

function refused(r, code, status = 400) {
  assert.equal(r.status, status, r.text)
  assert.equal(r.data?.code, code, r.text)
  assert.equal(r.data.data, null)
  assert.equal(typeof r.data.message, 'string')
  return r.data.message
}

// An image id TikTok issued to the shop (its image upload), as a rejection names it.
const uploaded = async () => ok(await client.upload(png(200, 200))).uri

const cancellations = async (body, query = { page_size: 50 }, c = client) =>
  ok(await c.call('POST', `${RR}/cancellations/search`, { query, body }))
const returns = async (body, query = { page_size: 50 }, c = client) =>
  ok(await c.call('POST', `${RR}/returns/search`, { query, body }))
const cancellation = async (id, c = client) => (await cancellations({ cancel_ids: [id] }, undefined, c)).cancellations[0]
const returnOf = async (id, c = client) => (await returns({ return_ids: [id] }, undefined, c)).return_orders[0]

async function hooks(type, key, id) {
  const log = await ctlOk('GET', `/sandbox/webhooks?shop_id=${shop.id}&type=${type}&limit=500`)
  return log.webhooks.map((h) => JSON.parse(h.body)).filter((b) => b.data[key] === id)
    .sort((a, b) => (BigInt(a.tts_notification_id) < BigInt(b.tts_notification_id) ? -1 : 1)) // oldest first
}

before(async () => {
  app = await ctlOk('GET', '/sandbox/app')
  seller = await newSeller({ products: 3 })
  shop = seller.shops[0]
  tokens = await connect(seller, app)
  client = new TikTokClient(app, tokens.access_token, { shopCipher: shop.cipher })
  const s2 = await newSeller({ products: 1 })
  const t2 = await connect(s2, app)
  other = { seller: s2, client: new TikTokClient(app, t2.access_token, { shopCipher: s2.shops[0].cipher }) }
})

after(async () => {
  await ctl('POST', '/sandbox/clock', { offset_seconds: 0 })
})

test('a buyer cancellation: raised, found, approved; the order is cancelled with webhooks 11 and 1', async () => {
  const [orderId] = await orders(1, 'AWAITING_SHIPMENT')
  const before = await orderDetail(orderId)
  const res = await ctl('POST', `/sandbox/orders/${orderId}/cancellations`, {})
  assert.equal(res.status, 201, res.text)
  const c = res.data
  assert.match(c.cancel_id, /^\d+$/)
  assert.equal(c.order_id, orderId)
  assert.equal(c.cancel_type, 'BUYER_CANCEL')
  assert.equal(c.cancel_status, 'CANCELLATION_REQUEST_PENDING')
  assert.equal(c.role, 'BUYER')
  assert.equal(c.seller_next_action_response.length, 1)
  assert.equal(c.seller_next_action_response[0].action, 'SELLER_RESPOND_CANCEL')
  assert.equal(c.seller_next_action_response[0].deadline, c.create_time + 48 * 3600)
  assert.equal(c.cancel_line_items.length, before.line_items.length)
  assert.deepEqual(c.cancel_line_items.map((l) => l.order_line_item_id).sort(), before.line_items.map((l) => l.id).sort())
  const sum = before.line_items.reduce((s, l) => s + Number(l.sale_price), 0)
  assert.equal(c.refund_amount.refund_subtotal, String(sum))
  assert.equal(c.refund_amount.refund_total, String(sum + Number(before.payment.shipping_fee)))
  assert.equal(c.refund_amount.currency, 'VND')
  const during = await orderDetail(orderId)
  assert.equal(during.is_buyer_request_cancel, true)
  assert.ok(during.update_time > before.update_time || during.update_time >= c.create_time)

  // the search shows the same object
  assert.deepEqual(await cancellation(c.cancel_id), c)

  // a second request on the same order is refused while this one is open
  const again = await ctl('POST', `/sandbox/orders/${orderId}/cancellations`, {})
  assert.equal(again.status, 409, again.text)
  assert.equal(again.data.error.code, 'request_open')

  ok(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`, { query: { idempotency_key: 'k1' } }))
  const done = await cancellation(c.cancel_id)
  assert.equal(done.cancel_status, 'CANCELLATION_REQUEST_COMPLETE')
  assert.deepEqual(done.seller_next_action_response, [])
  assert.equal(done.role, 'SELLER')
  const o = await orderDetail(orderId)
  assert.equal(o.status, 'CANCELLED')
  assert.equal(o.is_buyer_request_cancel, false)
  assert.equal(o.cancel_reason, 'Cần thay đổi phương thức thanh toán')

  const h11 = await hooks(11, 'cancel_id', c.cancel_id)
  assert.deepEqual(h11.map((h) => h.data.cancel_status),
    ['CANCELLATION_REQUEST_PENDING', 'CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE'])
  assert.deepEqual(h11.map((h) => h.data.cancellations_role), ['BUYER', 'SELLER', 'SELLER'])
  for (const h of h11) {
    assert.equal(h.type, 11)
    assert.equal(h.shop_id, shop.id)
    assert.deepEqual(Object.keys(h.data).sort(), ['cancel_id', 'cancel_status', 'cancellations_role', 'create_time', 'order_id'])
    assert.equal(h.data.order_id, orderId)
    assert.equal(h.data.create_time, c.create_time)
  }
  const h1 = await hooks(1, 'order_id', orderId)
  assert.equal(h1.at(-1).data.order_status, 'CANCELLED')

  // answering again: the request awaits nothing
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`), 25002002)
})

test('rejecting a cancellation needs one of its reject reasons; the order stays and its flag clears', async () => {
  const [orderId] = await orders(1, 'AWAITING_SHIPMENT')
  const c = await ctlOk('POST', `/sandbox/orders/${orderId}/cancellations`,
    { cancel_reason: 'ecom_order_to_ship_canceled_reason_no_longer_needed' })
  assert.equal(c.cancel_reason, 'ecom_order_to_ship_canceled_reason_no_longer_needed')
  assert.equal(c.cancel_reason_text, 'No longer needed')
  const reasons = ok(await client.call('GET', `${RR}/reject_reasons`, { query: { return_or_cancel_id: c.cancel_id } })).reasons
  assert.ok(reasons.length >= 3)
  assert.ok(reasons.some((x) => x.name === 'seller_reject_apply_product_has_been_packed' && x.text === 'Product has been packed'))
  const vi = ok(await client.call('GET', `${RR}/reject_reasons`,
    { query: { return_or_cancel_id: c.cancel_id, locale: 'vi-VN' } })).reasons
  assert.equal(vi.find((x) => x.name === 'seller_reject_apply_product_has_been_packed').text, 'Sản phẩm đã được đóng gói')

  // a reason that is not one of the request's, a return's reason, none at all, a comment too long
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`, { body: { reject_reason: 'because' } }), 25001001)
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`,
    { body: { reject_reason: 'reverse_reject_return_parcel_reason_1' } }), 25001001)
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`, { body: {} }), 36009004)
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`,
    { body: { reject_reason: 'seller_reject_apply_product_has_been_packed', comment: 'x'.repeat(501) } }), 25001001)
  assert.equal((await cancellation(c.cancel_id)).cancel_status, 'CANCELLATION_REQUEST_PENDING', 'refusals change nothing')

  ok(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`, {
    body: { reject_reason: 'seller_reject_apply_product_has_been_packed', comment: 'Đã đóng gói',
            images: [{ image_id: await uploaded(), mime_type: 'image/png', width: 200, height: 200 }] },
  }))
  const done = await cancellation(c.cancel_id)
  assert.equal(done.cancel_status, 'CANCELLATION_REQUEST_CANCEL')
  assert.equal(done.role, 'SELLER')
  const o = await orderDetail(orderId)
  assert.equal(o.status, 'AWAITING_SHIPMENT')
  assert.equal(o.is_buyer_request_cancel, false)
  // once answered, it offers no reject reasons and refuses a second answer
  assert.deepEqual(ok(await client.call('GET', `${RR}/reject_reasons`, { query: { return_or_cancel_id: c.cancel_id } })).reasons, [])
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/reject`,
    { body: { reject_reason: 'seller_reject_apply_product_has_been_packed' } }), 25002002)
  // a new request can be raised on the order now
  assert.equal((await ctl('POST', `/sandbox/orders/${orderId}/cancellations`, {})).status, 201)
})

test('the buyer withdraws a cancellation; approving after that is refused', async () => {
  const [orderId] = await orders(1, 'AWAITING_COLLECTION')
  const c = await ctlOk('POST', `/sandbox/orders/${orderId}/cancellations`)
  const w = await ctlOk('POST', `/sandbox/cancellations/${c.cancel_id}/withdraw`)
  assert.equal(w.cancel_status, 'CANCELLATION_REQUEST_CANCEL')
  assert.equal(w.role, 'BUYER')
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`), 25002002)
  assert.equal((await orderDetail(orderId)).status, 'AWAITING_COLLECTION')
  const again = await ctl('POST', `/sandbox/cancellations/${c.cancel_id}/withdraw`)
  assert.equal(again.status, 409, again.text)
  assert.equal(again.data.error.code, 'wrong_status')
})

test('the carrier collecting the package closes a pending cancellation', async () => {
  const [orderId] = await orders(1, 'AWAITING_COLLECTION')
  const c = await ctlOk('POST', `/sandbox/orders/${orderId}/cancellations`)
  const pkg = (await orderDetail(orderId)).packages[0].id
  await ctlOk('POST', `/sandbox/packages/${pkg}/collect`)
  const closed = await cancellation(c.cancel_id)
  assert.equal(closed.cancel_status, 'CANCELLATION_REQUEST_CANCEL')
  assert.equal(closed.role, 'SYSTEM')
  const o = await orderDetail(orderId)
  assert.equal(o.status, 'IN_TRANSIT')
  assert.equal(o.is_buyer_request_cancel, false)
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`), 25002002)
  const h11 = await hooks(11, 'cancel_id', c.cancel_id)
  assert.deepEqual(h11.at(-1).data.cancel_status, 'CANCELLATION_REQUEST_CANCEL')
  assert.deepEqual(h11.at(-1).data.cancellations_role, 'SYSTEM')
})

test('approve racing the withdrawal: exactly one of them wins', async () => {
  const [orderId] = await orders(1, 'AWAITING_SHIPMENT')
  const c = await ctlOk('POST', `/sandbox/orders/${orderId}/cancellations`)
  const [a, w] = await Promise.all([
    client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`),
    ctl('POST', `/sandbox/cancellations/${c.cancel_id}/withdraw`),
  ])
  const approved = a.data.code === 0
  const withdrawn = w.status === 200
  assert.ok(approved !== withdrawn, `approve ${a.text} / withdraw ${w.status} ${w.text}`)
  const final = await cancellation(c.cancel_id)
  assert.equal(final.cancel_status, approved ? 'CANCELLATION_REQUEST_COMPLETE' : 'CANCELLATION_REQUEST_CANCEL')
  assert.equal((await orderDetail(orderId)).status, approved ? 'CANCELLED' : 'AWAITING_SHIPMENT')
})

test('a refund-only request: approved with APPROVE_REFUND, records kept, webhook 12 on every status', async () => {
  const [orderId] = await orders(1, 'DELIVERED')
  const o = await orderDetail(orderId)
  const line = o.line_items[0]
  const r = await ctlOk('POST', `/sandbox/orders/${orderId}/returns`,
    { order_line_item_ids: [line.id], return_reason: 'ecom_order_delivered_refund_and_return_reason_damaged' })
  assert.match(r.return_id, /^\d+$/)
  assert.equal(r.return_type, 'REFUND')
  assert.equal(r.return_status, 'RETURN_OR_REFUND_REQUEST_PENDING')
  assert.equal(r.return_reason_text, 'Damaged item')
  assert.deepEqual(r.seller_next_action_response, [{ action: 'SELLER_RESPOND_REFUND', deadline: r.create_time + 48 * 3600 }])
  assert.equal(r.return_line_items.length, 1)
  assert.equal(r.return_line_items[0].order_line_item_id, line.id)
  assert.equal(r.return_line_items[0].sku_id, line.sku_id)
  assert.equal(r.return_line_items[0].seller_sku, line.seller_sku)
  assert.equal(r.refund_amount.refund_total, line.sale_price)
  assert.equal(r.refund_amount.refund_shipping_fee, '0')
  assert.deepEqual(await returnOf(r.return_id), r)

  // the same line cannot be asked twice while open; a decision of the other kind is refused
  const twice = await ctl('POST', `/sandbox/orders/${orderId}/returns`, { order_line_item_ids: [line.id] })
  assert.equal(twice.status, 409, twice.text)
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_RETURN' } }), 25001001)
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'OFFER_PARTIAL_REFUND' } }), 25001001)
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: {} }), 36009004)

  ok(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_REFUND' } }))
  const done = await returnOf(r.return_id)
  assert.equal(done.return_status, 'RETURN_OR_REFUND_REQUEST_COMPLETE')
  assert.deepEqual(done.seller_next_action_response, [])
  const after = await orderDetail(orderId)
  assert.equal(after.status, 'DELIVERED', 'a refund after delivery leaves the order delivered')
  assert.ok(after.update_time > o.update_time)

  const records = ok(await client.call('GET', `${RR}/returns/${r.return_id}/records`, { query: { locale: 'vi-VN' } })).records
  assert.deepEqual(records.map((x) => [x.event, x.role]), [['BUYER_APPLY_REFUND', 'BUYER'], ['APPROVE_REFUND', 'SELLER']])
  assert.equal(records[0].reason_text, 'Sản phẩm bị hư hỏng')
  assert.equal(typeof records[0].description, 'string')
  for (const x of records) assert.ok(Array.isArray(x.images) && typeof x.create_time === 'number')

  const h12 = await hooks(12, 'return_id', r.return_id)
  assert.deepEqual(h12.map((h) => h.data.return_status),
    ['RETURN_OR_REFUND_REQUEST_PENDING', 'RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE'])
  for (const h of h12) {
    assert.deepEqual(Object.keys(h.data).sort(),
      ['create_time', 'order_id', 'return_id', 'return_role', 'return_status', 'return_type', 'update_time'])
    assert.equal(h.data.return_type, 'REFUND')
  }
  // the other line can still be returned
  assert.equal((await ctl('POST', `/sandbox/orders/${orderId}/returns`, {})).status, 409, 'all lines include the refunded one')
})

test('a return and refund: approved, shipped back by the buyer, received; rejecting a package needs images', async () => {
  const [o1, o2] = await orders(2, 'COMPLETED')
  const r = await ctlOk('POST', `/sandbox/orders/${o1}/returns`, { return_type: 'RETURN_AND_REFUND' })
  assert.equal(r.seller_next_action_response[0].action, 'SELLER_RESPOND_RETURN')
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_REFUND' } }), 25001001)
  ok(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_RETURN' } }))
  let cur = await returnOf(r.return_id)
  assert.equal(cur.return_status, 'AWAITING_BUYER_SHIP')
  assert.deepEqual(cur.seller_next_action_response, [])
  // waiting for the buyer: the seller has nothing to answer
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_RECEIVED_PACKAGE' } }), 25002002)

  const shipped = await ctlOk('POST', `/sandbox/returns/${r.return_id}/ship`, { return_tracking_number: 'VN123456789' })
  assert.equal(shipped.return_status, 'BUYER_SHIPPED_ITEM')
  assert.equal(shipped.return_tracking_number, 'VN123456789')
  assert.notEqual(shipped.return_provider_name, '')
  assert.equal(shipped.seller_next_action_response[0].action, 'SELLER_RESPOND_RECEIVE_PACKAGE')
  assert.equal(shipped.seller_next_action_response[0].deadline, shipped.update_time + 48 * 3600)
  const rr = ok(await client.call('GET', `${RR}/reject_reasons`, { query: { return_or_cancel_id: r.return_id } })).reasons
  assert.ok(rr.every((x) => x.name.startsWith('reverse_reject_return_parcel_reason_')))
  ok(await client.call('POST', `${RR}/returns/${r.return_id}/approve`, { body: { decision: 'APPROVE_RECEIVED_PACKAGE' } }))
  cur = await returnOf(r.return_id)
  assert.equal(cur.return_status, 'RETURN_OR_REFUND_REQUEST_COMPLETE')
  const records = ok(await client.call('GET', `${RR}/returns/${r.return_id}/records`)).records
  assert.deepEqual(records.map((x) => x.event),
    ['BUYER_APPLY_RETURN', 'APPROVE_RETURN', 'BUYER_SHIP_ITEM', 'APPROVE_RECEIVED_PACKAGE'])

  // the second order: the package comes back and the seller rejects it with proof
  const r2 = await ctlOk('POST', `/sandbox/orders/${o2}/returns`, { return_type: 'RETURN_AND_REFUND' })
  ok(await client.call('POST', `${RR}/returns/${r2.return_id}/approve`, { body: { decision: 'APPROVE_RETURN' } }))
  await ctlOk('POST', `/sandbox/returns/${r2.return_id}/ship`)
  const reject = (body) => client.call('POST', `${RR}/returns/${r2.return_id}/reject`, { body })
  refused(await reject({ decision: 'REJECT_RECEIVED_PACKAGE', reject_reason: 'reverse_reject_return_parcel_reason_2' }), 25001001)
  refused(await reject({ decision: 'REJECT_RETURN', reject_reason: 'reverse_reject_return_parcel_reason_2', images: [{ image_id: 'a' }] }), 25001001)
  refused(await reject({ decision: 'REJECT_RECEIVED_PACKAGE', reject_reason: 'seller_reject_apply_buyer_provided_insufficient_evidence', images: [{ image_id: 'a' }] }), 25001001)
  // an image id the shop's upload never issued is refused as TikTok refuses it
  refused(await reject({ decision: 'REJECT_RECEIVED_PACKAGE', reject_reason: 'reverse_reject_return_parcel_reason_2',
                         images: [{ image_id: 'img-never-uploaded' }] }), 25001001)
  const ids = [await uploaded(), await uploaded()]
  ok(await reject({ decision: 'REJECT_RECEIVED_PACKAGE', reject_reason: 'reverse_reject_return_parcel_reason_2',
                    comment: 'Hàng đã qua sử dụng', images: ids.map((image_id) => ({ image_id })) }))
  assert.equal((await returnOf(r2.return_id)).return_status, 'REJECT_RECEIVE_PACKAGE')
  const rec = ok(await client.call('GET', `${RR}/returns/${r2.return_id}/records`)).records.at(-1)
  assert.equal(rec.event, 'REJECT_RECEIVED_PACKAGE')
  assert.equal(rec.note, 'Hàng đã qua sử dụng')
  assert.deepEqual(rec.images.map((i) => i.url), ids)
})

test('rejecting a pending return, and the buyer withdrawing one', async () => {
  const [o1, o2] = await orders(2, 'DELIVERED')
  const r = await ctlOk('POST', `/sandbox/orders/${o1}/returns`, {})
  refused(await client.call('POST', `${RR}/returns/${r.return_id}/reject`,
    { body: { decision: 'REJECT_REFUND', reject_reason: 'seller_reject_apply_product_has_been_packed' } }), 25001001)
  ok(await client.call('POST', `${RR}/returns/${r.return_id}/reject`,
    { body: { decision: 'REJECT_REFUND', reject_reason: 'seller_reject_apply_you_have_reached_an_agreement_with_the_buyer' } }))
  assert.equal((await returnOf(r.return_id)).return_status, 'REFUND_OR_RETURN_REQUEST_REJECT')
  const r2 = await ctlOk('POST', `/sandbox/orders/${o2}/returns`, { return_type: 'RETURN_AND_REFUND' })
  const w = await ctlOk('POST', `/sandbox/returns/${r2.return_id}/withdraw`)
  assert.equal(w.return_status, 'RETURN_OR_REFUND_REQUEST_CANCEL')
  assert.equal(w.role, 'BUYER')
  const ship = await ctl('POST', `/sandbox/returns/${r2.return_id}/ship`)
  assert.equal(ship.status, 409, ship.text)
})

test('when the deadline passes TikTok decides: cancellations and returns approved, unshipped returns closed', async () => {
  const [c1] = await orders(1, 'AWAITING_SHIPMENT')
  const [d1, d2] = await orders(2, 'DELIVERED')
  const c = await ctlOk('POST', `/sandbox/orders/${c1}/cancellations`)
  const refund = await ctlOk('POST', `/sandbox/orders/${d1}/returns`, { return_type: 'REFUND' })
  const ret = await ctlOk('POST', `/sandbox/orders/${d2}/returns`, { return_type: 'RETURN_AND_REFUND' })
  const clock = await ctlOk('GET', '/sandbox/clock')
  try {
    await deadlines(c, c1, refund, ret, clock)
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: clock.offset_seconds })
  }
})

async function deadlines(c, c1, refund, ret, clock) {
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: clock.offset_seconds + 48 * 3600 + 60 })
  const late = new TikTokClient(app, client.token, { shopCipher: shop.cipher, now: await sandboxNow() })
  // the ticker decides on its own; a call decides too, whichever comes first
  const cur = await waitFor(async () => {
    const x = await cancellation(c.cancel_id, late)
    return x.cancel_status !== 'CANCELLATION_REQUEST_PENDING' && x
  }, { what: 'the cancellation decided' })
  assert.equal(cur.cancel_status, 'CANCELLATION_REQUEST_COMPLETE')
  assert.equal(cur.role, 'SYSTEM')
  const o = ok(await late.call('GET', '/order/202309/orders', { query: { ids: c1 } })).orders[0]
  assert.equal(o.status, 'CANCELLED')
  assert.equal((await returnOf(refund.return_id, late)).return_status, 'RETURN_OR_REFUND_REQUEST_COMPLETE')
  const waiting = await returnOf(ret.return_id, late)
  assert.equal(waiting.return_status, 'AWAITING_BUYER_SHIP')
  assert.equal(waiting.role, 'SYSTEM')
  const h11 = await hooks(11, 'cancel_id', c.cancel_id)
  assert.deepEqual(h11.map((h) => [h.data.cancel_status, h.data.cancellations_role]).slice(1),
    [['CANCELLATION_REQUEST_SUCCESS', 'SYSTEM'], ['CANCELLATION_REQUEST_COMPLETE', 'SYSTEM']])
  // the buyer never ships: closed by the system after 7 days (the access token has expired by then: refresh it)
  await ctlOk('POST', '/sandbox/clock', { offset_seconds: clock.offset_seconds + 48 * 3600 + 7 * 86400 + 120 })
  const q = new URLSearchParams({ app_key: app.app_key, app_secret: app.app_secret, refresh_token: tokens.refresh_token,
                                  grant_type: 'refresh_token' })
  const fresh = await ctlOk('GET', `/api/v2/token/refresh?${q}`)
  const later = new TikTokClient(app, fresh.data.access_token, { shopCipher: shop.cipher, now: await sandboxNow() })
  const closed = await returnOf(ret.return_id, later)
  assert.equal(closed.return_status, 'RETURN_OR_REFUND_REQUEST_CANCEL')
  assert.equal(closed.role, 'SYSTEM')
  const h12 = await hooks(12, 'return_id', ret.return_id)
  assert.deepEqual(h12.map((h) => [h.data.return_status, h.data.return_role]),
    [['RETURN_OR_REFUND_REQUEST_PENDING', 'BUYER'], ['AWAITING_BUYER_SHIP', 'SYSTEM'],
     ['RETURN_OR_REFUND_REQUEST_CANCEL', 'SYSTEM']])
}

test('a control call makes one deadline pass now, without moving the clock', async () => {
  const [c1] = await orders(1, 'AWAITING_SHIPMENT')
  const [d1] = await orders(1, 'COMPLETED')
  const offset = (await ctlOk('GET', '/sandbox/clock')).offset_seconds
  const c = await ctlOk('POST', `/sandbox/orders/${c1}/cancellations`)
  const r = await ctlOk('POST', `/sandbox/orders/${d1}/returns`, { return_type: 'RETURN_AND_REFUND' })
  const e = await ctlOk('POST', `/sandbox/cancellations/${c.cancel_id}/expire`)
  assert.equal(e.cancel_status, 'CANCELLATION_REQUEST_COMPLETE')
  assert.equal(e.role, 'SYSTEM')
  assert.equal((await orderDetail(c1)).status, 'CANCELLED')
  let x = await ctlOk('POST', `/sandbox/returns/${r.return_id}/expire`)
  assert.equal(x.return_status, 'AWAITING_BUYER_SHIP')
  await ctlOk('POST', `/sandbox/returns/${r.return_id}/ship`)
  x = await ctlOk('POST', `/sandbox/returns/${r.return_id}/expire`)
  assert.equal(x.return_status, 'RETURN_OR_REFUND_REQUEST_COMPLETE')
  assert.equal(x.role, 'SYSTEM')
  const again = await ctl('POST', `/sandbox/returns/${r.return_id}/expire`)
  assert.equal(again.status, 409, again.text)
  assert.equal((await ctl('POST', '/sandbox/cancellations/1/expire')).status, 404)
  assert.equal((await ctlOk('GET', '/sandbox/clock')).offset_seconds, offset)
})

test('searches filter by ids, orders, types, statuses and times, and page with tokens', async () => {
  const ids = await orders(5, 'DELIVERED')
  const made = []
  for (const [i, id] of ids.entries()) {
    made.push(await ctlOk('POST', `/sandbox/orders/${id}/returns`, { return_type: i % 2 ? 'RETURN_AND_REFUND' : 'REFUND' }))
  }
  const mine = made.map((r) => r.return_id)
  const since = made[0].create_time
  const all = await returns({ order_ids: ids })
  assert.equal(all.total_count, 5)
  assert.deepEqual(all.return_orders.map((r) => r.return_id).sort(), [...mine].sort())
  assert.equal((await returns({ order_ids: ids, return_types: ['RETURN_AND_REFUND'] })).total_count, 2)
  assert.equal((await returns({ return_ids: mine.slice(0, 2) })).total_count, 2)
  const buyer = (await orderDetail(ids[0])).user_id
  const byBuyer = await returns({ order_ids: ids, buyer_user_ids: [buyer] })
  assert.ok(byBuyer.return_orders.some((r) => r.return_id === mine[0]))
  assert.equal((await returns({ order_ids: ids, buyer_user_ids: ['nobody'] })).total_count, 0)
  ok(await client.call('POST', `${RR}/returns/${mine[0]}/approve`, { body: { decision: 'APPROVE_REFUND' } }))
  const pending = await returns({ order_ids: ids, return_status: ['RETURN_OR_REFUND_REQUEST_PENDING'] })
  assert.equal(pending.total_count, 4)
  assert.equal((await returns({ order_ids: ids, create_time_ge: since + 86400 })).total_count, 0)
  // a cancellation id is not a return
  const [co] = await orders(1, 'AWAITING_SHIPMENT')
  const c = await ctlOk('POST', `/sandbox/orders/${co}/cancellations`)
  assert.equal((await returns({ return_ids: [c.cancel_id] })).total_count, 0)
  assert.equal((await cancellations({ cancel_ids: [c.cancel_id], cancel_types: ['BUYER_CANCEL'] })).total_count, 1)

  // pages of 2, by update time ascending: every request once
  const seen = []
  let token = ''
  for (let i = 0; i < 5; i++) {
    const q = { page_size: 2, sort_field: 'update_time', sort_order: 'ASC' }
    if (token) q.page_token = token
    const page = await returns({ order_ids: ids }, q)
    assert.equal(page.total_count, 5)
    seen.push(...page.return_orders.map((r) => r.return_id))
    token = page.next_page_token
    if (!token) break
  }
  assert.deepEqual([...seen].sort(), [...mine].sort())
  assert.equal(new Set(seen).size, 5)
  // malformed paging and bodies: TikTok's envelope
  refused(await client.call('POST', `${RR}/returns/search`, { body: {} }), 36009004)
  refused(await client.call('POST', `${RR}/returns/search`, { query: { page_size: 2, page_token: 'nope' }, body: {} }), 36009004)
  refused(await client.call('POST', `${RR}/cancellations/search`, { query: { page_size: 2 }, body: { cancel_ids: 'x' } }), 36009004)
})

test('another shop sees nothing and answers nothing; signing and tokens are checked', async () => {
  const [orderId] = await orders(1, 'AWAITING_SHIPMENT')
  const c = await ctlOk('POST', `/sandbox/orders/${orderId}/cancellations`)
  assert.equal((await cancellations({ cancel_ids: [c.cancel_id] }, undefined, other.client)).total_count, 0)
  refused(await other.client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`), 25002001)
  refused(await other.client.call('GET', `${RR}/reject_reasons`, { query: { return_or_cancel_id: c.cancel_id } }), 25002001)
  refused(await client.call('POST', `${RR}/cancellations/123/approve`), 25002001)
  refused(await client.call('GET', `${RR}/returns/123/records`), 25002001)
  refused(await client.call('GET', `${RR}/reject_reasons`), 36009004)
  refused(await client.call('POST', `${RR}/cancellations/${c.cancel_id}/approve`, { sign: 'f'.repeat(64) }), 106001, 401)
  refused(await client.call('POST', `${RR}/cancellations/search`, { query: { page_size: 5 }, body: {}, token: 'bad' }), 105002, 401)
  refused(await client.call('POST', `${RR}/cancellations/search`, { query: { page_size: 5 }, body: {}, noCipher: true }), 106013)
  refused(await client.call('GET', `${RR}/cancellations/search`), 36009009, 404)
  assert.equal((await cancellation(c.cancel_id)).cancel_status, 'CANCELLATION_REQUEST_PENDING')
})

test('control calls validate: unknown orders, wrong statuses, lines, reasons and kinds', async () => {
  const [shipping] = await orders(1, 'AWAITING_SHIPMENT')
  const [delivered] = await orders(1, 'DELIVERED')
  const [unpaid] = await orders(1, 'UNPAID')
  let r = await ctl('POST', '/sandbox/orders/576653688135999999/cancellations', {})
  assert.equal(r.status, 404, r.text)
  r = await ctl('POST', '/sandbox/orders/nope/returns', {})
  assert.equal(r.status, 404, r.text)
  r = await ctl('POST', `/sandbox/orders/${unpaid}/cancellations`, {})
  assert.equal(r.status, 409, r.text)
  assert.equal(r.data.error.code, 'order_not_eligible')
  r = await ctl('POST', `/sandbox/orders/${shipping}/returns`, {})
  assert.equal(r.status, 409, r.text)
  r = await ctl('POST', `/sandbox/orders/${delivered}/returns`, { order_line_item_ids: ['576653688140999999'] })
  assert.equal(r.status, 422, r.text)
  assert.ok('order_line_item_ids' in r.data.error.details.fields)
  const lines = (await orderDetail(delivered)).line_items.map((l) => l.id)
  r = await ctl('POST', `/sandbox/orders/${delivered}/returns`, { order_line_item_ids: [lines[0], lines[0]] })
  assert.equal(r.status, 422, r.text)
  r = await ctl('POST', `/sandbox/orders/${delivered}/returns`, { return_type: 'REPLACEMENT' })
  assert.equal(r.status, 422, r.text)
  assert.ok('return_type' in r.data.error.details.fields)
  r = await ctl('POST', `/sandbox/orders/${delivered}/returns`, { return_reason: 'because' })
  assert.equal(r.status, 422, r.text)
  r = await ctl('POST', `/sandbox/orders/${shipping}/cancellations`, { order_line_item_ids: [] })
  assert.equal(r.status, 422, r.text)
  const sl = (await orderDetail(shipping)).line_items
  if (sl.length > 1) {
    r = await ctl('POST', `/sandbox/orders/${shipping}/cancellations`, { order_line_item_ids: [sl[0].id] })
    assert.equal(r.status, 422, r.text)
  }
  r = await ctl('POST', `/sandbox/cancellations/4035318504086999999/withdraw`)
  assert.equal(r.status, 404, r.text)
  r = await ctl('POST', `/sandbox/returns/x/ship`)
  assert.equal(r.status, 404, r.text)
  r = await ctl('POST', `/sandbox/orders/${delivered}/returns`, { return_type: 7 })
  assert.equal(r.status, 422, r.text)
  // nothing was raised by the refusals
  assert.equal((await returns({ order_ids: [delivered] })).total_count, 0)
  assert.equal((await cancellations({ order_ids: [shipping, unpaid] })).total_count, 0)
})
