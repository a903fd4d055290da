// The sandbox's Fulfillment API (202309) against TikTok's documented shapes: packages on orders, package detail,
// handover slots, shipping one and a batch, documents (real PDFs read with poppler), search, tracking, the carrier's
// collection (control call and live demo), webhooks, TikTok's error codes for wrong states and the doc_url's expiry.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ctl, ctlOk, newSeller, connect, TikTokClient, sign, unique, SANDBOX_URL } from './lib/sandbox.mjs'

const FF = '/fulfillment/202309'
let app, seller, shop, client, dir

// Orders made in this file's shop through the control API; returns their ids.
async function orders(count, extra = {}) {
  const made = await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`,
    { count, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK', ...extra })
  return made.orders.map((o) => o.id)
}

async function orderDetail(id, c = client) {
  const r = await c.call('GET', '/order/202309/orders', { query: { ids: id } })
  assert.equal(r.data.code, 0, r.text)
  return r.data.data.orders[0]
}

async function packageOf(orderId) {
  const o = await orderDetail(orderId)
  assert.equal(o.packages.length, 1)
  return o.packages[0].id
}

function ok(r) {
  assert.equal(r.status, 200, r.text)
  assert.deepEqual(Object.keys(r.data).sort(), ['code', 'data', 'message', 'request_id'])
  assert.equal(r.data.code, 0, r.text)
  return r.data.data
}

function refused(r, code) {
  assert.equal(r.data?.code, code, r.text)
  assert.equal(r.data.data, null)
  assert.equal(typeof r.data.message, 'string')
  return r.data.message
}

async function slots(pkg) {
  return ok(await client.call('GET', `${FF}/packages/${pkg}/handover_time_slots`)).pickup_slots
}

async function shipPickup(pkg) {
  const [slot] = await slots(pkg)
  return client.call('POST', `${FF}/packages/${pkg}/ship`,
    { body: { handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time, end_time: slot.end_time } } })
}

async function statusHooks(orderId) {
  const log = await ctlOk('GET', `/sandbox/webhooks?shop_id=${shop.id}&type=1&limit=500`)
  return log.webhooks.map((h) => JSON.parse(h.body)).filter((b) => b.data.order_id === orderId)
}

// The PDF behind a doc_url, written to a file for poppler's tools.
async function fetchPdf(url) {
  const res = await fetch(url)
  const bytes = Buffer.from(await res.arrayBuffer())
  const file = join(dir, `${unique('doc')}.pdf`)
  writeFileSync(file, bytes)
  return { status: res.status, type: res.headers.get('content-type'), bytes, file }
}

function pdfInfo(file) {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)[1])
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out)
  return { pages, width: Number(w), height: Number(h), title: /^Title:\s+(.*)$/m.exec(out)?.[1] }
}

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sbx-ff-'))
  app = await ctlOk('GET', '/sandbox/app')
  seller = await newSeller({ products: 3 })
  shop = seller.shops[0]
  const tokens = await connect(seller, app)
  client = new TikTokClient(app, tokens.access_token, { shopCipher: shop.cipher })
})

after(async () => {
  await ctl('POST', '/sandbox/clock', { offset_seconds: 0 })
  rmSync(dir, { recursive: true, force: true })
})

test('orders carry their package; line items get the tracking number and carrier once arranged', async () => {
  const [id] = await orders(1)
  let o = await orderDetail(id)
  assert.equal(o.status, 'AWAITING_SHIPMENT')
  assert.match(o.packages[0].id, /^\d+$/)
  assert.equal(typeof o.rts_sla_time, 'number')
  assert.equal(o.rts_sla_time, o.paid_time + 48 * 3600, 'the ship-by deadline follows payment')
  assert.equal(o.shipping_due_time, o.rts_sla_time)
  assert.equal(o.collection_due_time, o.paid_time + 120 * 3600)
  assert.match(o.shipping_provider_id, /^\d+$/)
  for (const l of o.line_items) {
    assert.equal(l.package_id, o.packages[0].id)
    assert.equal(l.package_status, 'TO_FULFILL')
    assert.equal(l.tracking_number, '')
    assert.equal(l.shipping_provider_name, '')
  }
  ok(await shipPickup(o.packages[0].id))
  o = await orderDetail(id)
  assert.equal(o.status, 'AWAITING_COLLECTION')
  assert.notEqual(o.tracking_number, '')
  assert.equal(typeof o.rts_time, 'number')
  for (const l of o.line_items) {
    assert.equal(l.tracking_number, o.tracking_number)
    assert.equal(l.shipping_provider_name, o.shipping_provider)
    assert.equal(l.shipping_provider_id, o.shipping_provider_id)
    assert.equal(l.package_status, 'PROCESSING')
  }
  // the order search answers the same objects
  const s = ok(await client.call('POST', '/order/202309/orders/search', { query: { page_size: 100 }, body: { order_status: 'AWAITING_COLLECTION' } }))
  const found = s.orders.find((x) => x.id === id)
  assert.equal(found.line_items[0].tracking_number, o.tracking_number)
})

test('every Fulfillment call is signed and shop-scoped like the rest of TikTok\'s API', async () => {
  const [id] = await orders(1)
  const pkg = await packageOf(id)
  const calls = [
    ['GET', `${FF}/packages/${pkg}`, {}],
    ['GET', `${FF}/packages/${pkg}/handover_time_slots`, {}],
    ['POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'DROP_OFF' } }],
    ['POST', `${FF}/packages/ship`, { body: { packages: [{ id: pkg, handover_method: 'DROP_OFF' }] } }],
    ['GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL' } }],
    ['POST', `${FF}/packages/search`, { query: { page_size: 10 }, body: {} }],
    ['GET', `${FF}/orders/${id}/tracking`, {}],
  ]
  for (const [method, path, opts] of calls) {
    let r = await client.call(method, path, { ...opts, sign: '0'.repeat(64) })
    assert.equal(r.status, 401, `${method} ${path}`)
    refused(r, 106001)
    const q = { app_key: app.app_key, timestamp: Math.floor(Date.now() / 1000), shop_cipher: shop.cipher, ...(opts.query || {}) }
    const body = opts.body ? JSON.stringify(opts.body) : ''
    r = await client.call(method, path, { ...opts, sign: sign('not-the-secret', path, q, body), timestamp: q.timestamp })
    refused(r, 106001)
    r = await client.call(method, path, { ...opts, noCipher: true })
    refused(r, 106013)
    r = await client.call(method, path, { ...opts, token: '' })
    assert.equal(r.status, 401, `${method} ${path} without a token`)
  }
  // none of those went through: the package is still to fulfil
  assert.equal((await orderDetail(id)).status, 'AWAITING_SHIPMENT')
})

test('package detail has TikTok\'s fields and follows the order', async () => {
  const [id] = await orders(1)
  const o = await orderDetail(id)
  const pkg = o.packages[0].id
  let d = ok(await client.call('GET', `${FF}/packages/${pkg}`))
  for (const k of ['package_id', 'package_status', 'order_line_item_ids', 'orders', 'handover_method', 'shipping_type',
    'shipping_provider_name', 'shipping_provider_id', 'tracking_number', 'create_time', 'update_time', 'weight',
    'dimension', 'recipient_address', 'sender_address', 'has_multi_skus', 'split_and_combine_tag', 'note_tag']) {
    assert.ok(k in d, `package detail has ${k}`)
  }
  assert.equal(d.package_id, pkg)
  assert.equal(d.package_status, 'TO_FULFILL')
  assert.equal(d.handover_method, '')
  assert.deepEqual(d.order_line_item_ids, o.line_items.map((l) => l.id))
  assert.equal(d.orders[0].id, id)
  assert.equal(d.orders[0].skus.reduce((n, s) => n + s.quantity, 0), o.line_items.length, 'one unit per line item')
  assert.equal(d.has_multi_skus, new Set(o.line_items.map((l) => l.sku_id)).size > 1)
  assert.equal(d.orders[0].skus.length, new Set(o.line_items.map((l) => l.sku_id)).size)
  assert.equal(d.recipient_address.name, o.recipient_address.name)
  assert.equal(d.recipient_address.phone_number, o.recipient_address.phone_number)
  assert.ok(d.sender_address.full_address.length > 0)
  assert.equal(d.weight.unit, 'GRAM')
  assert.equal(d.shipping_provider_name, o.shipping_provider)
  assert.equal(d.create_time, o.paid_time)

  const [slot] = await slots(pkg)
  ok(await client.call('POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time, end_time: slot.end_time } } }))
  d = ok(await client.call('GET', `${FF}/packages/${pkg}`))
  assert.equal(d.package_status, 'PROCESSING')
  assert.equal(d.handover_method, 'PICKUP')
  assert.deepEqual(d.pickup_slot, { start_time: slot.start_time, end_time: slot.end_time })
  assert.equal(d.tracking_number, (await orderDetail(id)).tracking_number)
})

test('handover slots: pickup windows of the shop\'s day (Vietnam time) after now, and drop-off allowed', async () => {
  const [id] = await orders(1)
  const pkg = await packageOf(id)
  const r = ok(await client.call('GET', `${FF}/packages/${pkg}/handover_time_slots`))
  assert.deepEqual(Object.keys(r).sort(), ['can_drop_off', 'can_pickup', 'can_van_collection', 'drop_off_point_url', 'pickup_slots'])
  assert.equal(r.can_pickup, true)
  assert.equal(r.can_drop_off, true)
  const now = (await ctlOk('GET', '/sandbox/clock')).now
  assert.equal(r.pickup_slots.length, 6)
  let last = 0
  for (const s of r.pickup_slots) {
    assert.deepEqual(Object.keys(s).sort(), ['avaliable', 'end_time', 'start_time'])
    assert.equal(s.avaliable, true)
    assert.ok(s.start_time > now && s.start_time > last && s.end_time > s.start_time)
    const startHour = new Date((s.start_time + 7 * 3600) * 1000).getUTCHours()
    const endHour = new Date((s.end_time + 7 * 3600) * 1000).getUTCHours()
    assert.ok((startHour === 8 && endHour === 12) || (startHour === 13 && endHour === 18), `${startHour}-${endHour}`)
    last = s.start_time
  }
  assert.ok(r.pickup_slots[5].start_time - now <= 4 * 86400)
})

test('shipping moves the order to AWAITING_COLLECTION with webhook 1 and a tracking event; TikTok\'s codes for the wrong states', async () => {
  const [a, b, c, d] = await orders(4)
  const pa = await packageOf(a)
  ok(await shipPickup(pa))
  const hooks = await statusHooks(a)
  assert.deepEqual(hooks.map((h) => h.data.order_status), ['AWAITING_COLLECTION'])
  assert.equal(hooks[0].shop_id, shop.id)
  const tr = ok(await client.call('GET', `${FF}/orders/${a}/tracking`)).tracking
  assert.equal(tr.length, 1)
  assert.equal(typeof tr[0].description, 'string')
  assert.ok(tr[0].update_time_millis > 1e12, 'milliseconds')

  // already shipped, by either method
  refused(await shipPickup(pa), 21011006)
  refused(await client.call('POST', `${FF}/packages/${pa}/ship`, { body: { handover_method: 'DROP_OFF' } }), 21011006)
  // a cancelled order's package
  const pb = await packageOf(b)
  await ctlOk('POST', `/sandbox/orders/${b}/status`, { status: 'CANCELLED' })
  assert.equal(ok(await client.call('GET', `${FF}/packages/${pb}`)).package_status, 'CANCELLED')
  refused(await client.call('POST', `${FF}/packages/${pb}/ship`, { body: { handover_method: 'DROP_OFF' } }), 21011004)
  // a slot that is not offered, by a second or a day
  const pc = await packageOf(c)
  const [slot] = await slots(pc)
  for (const bad of [{ start_time: slot.start_time + 1, end_time: slot.end_time }, { start_time: slot.start_time - 86400, end_time: slot.end_time - 86400 }]) {
    refused(await client.call('POST', `${FF}/packages/${pc}/ship`, { body: { handover_method: 'PICKUP', pickup_slot: bad } }), 21011013)
  }
  // unknown, malformed and another shop's package
  refused(await client.call('POST', `${FF}/packages/1152921504606999999/ship`, { body: { handover_method: 'DROP_OFF' } }), 21011001)
  refused(await client.call('GET', `${FF}/packages/not-a-package`), 21011001)
  const other = await newSeller({ products: 1 })
  const [foreign] = (await ctlOk('POST', `/sandbox/shops/${other.shops[0].id}/orders`, { count: 1, status: 'AWAITING_SHIPMENT' })).orders
  const foreignPkg = String(1152921504606000000n + (BigInt(foreign.id) - 576653688135000000n))
  refused(await client.call('GET', `${FF}/packages/${foreignPkg}`), 21011001)
  refused(await client.call('POST', `${FF}/packages/${foreignPkg}/ship`, { body: { handover_method: 'DROP_OFF' } }), 21011001)
  // an unpaid order has no package yet
  const [unpaid] = (await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 1, status: 'UNPAID' })).orders
  assert.deepEqual((await orderDetail(unpaid.id)).packages, [])
  // malformed requests
  for (const body of [{}, { handover_method: 'TELEPORT' }, { handover_method: 'PICKUP' }, { handover_method: 'PICKUP', pickup_slot: 'soon' },
    { handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time } }]) {
    refused(await client.call('POST', `${FF}/packages/${pc}/ship`, { body }), 36009004)
  }
  assert.equal((await orderDetail(c)).status, 'AWAITING_SHIPMENT', 'nothing refused moved the order')
  // the PHP SDK sends [] for an empty pickup_slot and self_shipment
  const pd = await packageOf(d)
  ok(await client.call('POST', `${FF}/packages/${pd}/ship`, { body: { handover_method: 'DROP_OFF', pickup_slot: [], self_shipment: [] } }))
  const dd = ok(await client.call('GET', `${FF}/packages/${pd}`))
  assert.equal(dd.handover_method, 'DROP_OFF')
  assert.equal(dd.pickup_slot, undefined)
})

test('seller shipping needs self_shipment, keeps the seller\'s tracking number and has no TikTok label', async () => {
  const [id] = await orders(1, { shipping_type: 'SELLER' })
  const pkg = await packageOf(id)
  refused(await client.call('POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'DROP_OFF' } }), 21011020)
  ok(await client.call('POST', `${FF}/packages/${pkg}/ship`, {
    body: { handover_method: 'DROP_OFF', self_shipment: { tracking_number: 'SELF123456VN', shipping_provider_id: '7117858858072016686' } },
  }))
  assert.equal((await orderDetail(id)).tracking_number, 'SELF123456VN')
  refused(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL' } }), 21011020)
})

test('a batch ships what it can and reports each refused package', async () => {
  const ids = await orders(4)
  const pkgs = await Promise.all(ids.map(packageOf))
  await ctlOk('POST', `/sandbox/orders/${ids[3]}/status`, { status: 'CANCELLED' })
  const [slot] = await slots(pkgs[0])
  const r = ok(await client.call('POST', `${FF}/packages/ship`, {
    body: {
      packages: [
        { id: pkgs[0], handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time, end_time: slot.end_time } },
        { id: pkgs[1], handover_method: 'DROP_OFF' },
        { id: pkgs[2], handover_method: 'PICKUP', pickup_slot: { start_time: 1, end_time: 2 } },
        { id: pkgs[3], handover_method: 'DROP_OFF' },
        { id: '1152921504606999998', handover_method: 'DROP_OFF' },
        { id: pkgs[1], handover_method: 'DROP_OFF' },
        { handover_method: 'DROP_OFF' },
      ],
    },
  }))
  assert.deepEqual(Object.keys(r), ['errors'])
  const byId = r.errors.map((e) => [e.detail.package_id, e.code])
  assert.deepEqual(byId, [[pkgs[2], 21011013], [pkgs[3], 21011004], ['1152921504606999998', 21011001], [pkgs[1], 21011006], ['', 36009004]])
  for (const e of r.errors) assert.equal(typeof e.message, 'string')
  assert.equal((await orderDetail(ids[0])).status, 'AWAITING_COLLECTION')
  assert.equal((await orderDetail(ids[1])).status, 'AWAITING_COLLECTION')
  assert.equal((await orderDetail(ids[2])).status, 'AWAITING_SHIPMENT')
  for (const body of [{}, { packages: [] }, { packages: Array.from({ length: 51 }, () => ({ id: pkgs[2], handover_method: 'DROP_OFF' })) }]) {
    refused(await client.call('POST', `${FF}/packages/ship`, { body }), 36009004)
  }
  assert.equal((await orderDetail(ids[2])).status, 'AWAITING_SHIPMENT')
})

test('concurrent ship calls for one package: one arranges it, the others are refused, one webhook', async () => {
  const [id] = await orders(1)
  const pkg = await packageOf(id)
  const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => i % 2
    ? client.call('POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'DROP_OFF' } })
    : client.call('POST', `${FF}/packages/ship`, { body: { packages: [{ id: pkg, handover_method: 'DROP_OFF' }] } })))
  const shipped = answers.filter((r) => r.data.code === 0 && (!r.data.data.errors || r.data.data.errors.length === 0))
  assert.equal(shipped.length, 1, answers.map((r) => r.text).join('\n'))
  for (const r of answers.filter((x) => !shipped.includes(x))) {
    assert.equal(r.data.code === 0 ? r.data.data.errors[0].code : r.data.code, 21011006)
  }
  assert.equal((await statusHooks(id)).length, 1)
  assert.equal(ok(await client.call('GET', `${FF}/orders/${id}/tracking`)).tracking.length, 1)
})

test('shipping documents: a doc_url to a real PDF per type and size, with the tracking number in it', async () => {
  const [cod] = await orders(1, { is_cod: true })
  const [prepaid] = await orders(1, { is_cod: false })
  const pkg = await packageOf(cod)
  refused(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL' } }), 21011019)
  ok(await shipPickup(pkg))
  const o = await orderDetail(cod)
  const cases = [
    ['SHIPPING_LABEL', 'A6', 1, [297.64, 419.53]],
    ['SHIPPING_LABEL', 'A5', 1, [419.53, 595.28]],
    ['PACKING_SLIP', 'A6', 1, [297.64, 419.53]],
    ['SHIPPING_LABEL_AND_PACKING_SLIP', 'A6', 2, [297.64, 419.53]],
    ['SHIPPING_LABEL_AND_PACKING_SLIP', 'A5', 2, [419.53, 595.28]],
  ]
  for (const [type, size, pages, [w, h]] of cases) {
    const d = ok(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: type, document_size: size } }))
    assert.deepEqual(Object.keys(d).sort(), ['doc_url', 'tracking_number'])
    assert.equal(d.tracking_number, o.tracking_number)
    const pdf = await fetchPdf(d.doc_url)
    assert.equal(pdf.status, 200)
    assert.equal(pdf.type, 'application/pdf')
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-')
    const info = pdfInfo(pdf.file)
    assert.equal(info.pages, pages, `${type} ${size}`)
    assert.ok(Math.abs(info.width - w) < 1 && Math.abs(info.height - h) < 1, `${type} ${size}: ${info.width} x ${info.height}`)
    const text = pdfText(pdf.file)
    assert.ok(text.includes(o.tracking_number), `${type} ${size} shows the tracking number`)
    assert.ok(text.includes(o.id), 'and the order number')
    if (type !== 'PACKING_SLIP') {
      assert.ok(text.includes(o.shipping_provider), 'the label names the carrier')
      assert.ok(text.includes(o.recipient_address.name), 'and the recipient')
      assert.ok(text.includes('NGƯỜI GỬI') && text.includes('NGƯỜI NHẬN'), 'sender and recipient blocks')
      assert.ok(text.includes(`Số lượng sản phẩm: ${o.line_items.length}`), 'the item count')
      const cod = Number(o.payment.total_amount).toLocaleString('de-DE')
      assert.match(text, new RegExp(`Thu hộ \\(COD\\):\\s+${cod.replace(/\./g, '\\.')} ₫`), 'the COD amount')
    }
    if (type !== 'SHIPPING_LABEL') {
      assert.ok(text.includes('PHIẾU ĐÓNG GÓI'))
      for (const l of o.line_items) assert.ok(text.includes(l.seller_sku), `the slip lists ${l.seller_sku}`)
    }
  }
  // the PHP SDK's default size (0) is A6
  const d0 = ok(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL', document_size: 0 } }))
  assert.match(d0.doc_url, /document_size=A6/)
  // a prepaid order's label collects nothing
  const pp = await packageOf(prepaid)
  ok(await client.call('POST', `${FF}/packages/${pp}/ship`, { body: { handover_method: 'DROP_OFF' } }))
  const dp = ok(await client.call('GET', `${FF}/packages/${pp}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL' } }))
  const tp = pdfText((await fetchPdf(dp.doc_url)).file)
  assert.ok(!tp.includes('Thu hộ (COD)'))
  assert.ok(tp.includes('GỬI TẠI BƯU CỤC'), 'a drop-off label says so')
  // bad queries
  for (const query of [{}, { document_type: 'SHIPPING_LABEL_PICTURE' }, { document_type: 'SHIPPING_LABEL', document_size: 'A4' },
    { document_type: 'SHIPPING_LABEL', document_format: 'ZPL' }]) {
    refused(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query }), 36009004)
  }
})

test('doc_url expires after 24 hours (sandbox clock) and cannot be altered', async () => {
  const [id] = await orders(1)
  const pkg = await packageOf(id)
  ok(await client.call('POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'DROP_OFF' } }))
  const { doc_url: url } = ok(await client.call('GET', `${FF}/packages/${pkg}/shipping_documents`, { query: { document_type: 'SHIPPING_LABEL' } }))
  const u = new URL(url)
  const now = (await ctlOk('GET', '/sandbox/clock')).now
  const expires = Number(u.searchParams.get('expires'))
  assert.ok(Math.abs(expires - (now + 86400)) <= 5, 'valid for 24 hours')
  const altered = new URL(url)
  altered.searchParams.set('document_type', 'PACKING_SLIP')
  assert.equal((await fetch(altered)).status, 403)
  const later = new URL(url)
  later.searchParams.set('expires', String(expires + 86400))
  assert.equal((await fetch(later)).status, 403)
  assert.equal((await fetch(url)).status, 200)
  try {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 86400 - 120 })
    assert.equal((await fetch(url)).status, 200, 'still valid just before')
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 86400 + 5 })
    const res = await fetch(url)
    assert.equal(res.status, 403)
    assert.equal((await res.json()).error.code, 'expired')
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
})

test('the carrier collects: IN_TRANSIT through the control call, with webhook and tracking event', async () => {
  const [id, other] = await orders(2)
  const pkg = await packageOf(id)
  let r = await ctl('POST', `/sandbox/packages/${pkg}/collect`)
  assert.equal(r.status, 409, 'not arranged yet')
  ok(await shipPickup(pkg))
  r = await ctl('POST', `/sandbox/packages/${pkg}/collect`)
  assert.equal(r.status, 200, r.text)
  assert.deepEqual({ ...r.data, collection_time: 0 }, { package_id: pkg, order_id: id, order_status: 'IN_TRANSIT', package_status: 'FULFILLING', collection_time: 0 })
  const o = await orderDetail(id)
  assert.equal(o.status, 'IN_TRANSIT')
  assert.equal(o.collection_time, r.data.collection_time)
  assert.deepEqual((await statusHooks(id)).map((h) => h.data.order_status), ['IN_TRANSIT', 'AWAITING_COLLECTION'])
  const tr = ok(await client.call('GET', `${FF}/orders/${id}/tracking`)).tracking
  assert.equal(tr.length, 2)
  assert.ok(tr[0].update_time_millis >= tr[1].update_time_millis, 'newest first')
  assert.equal(ok(await client.call('GET', `${FF}/packages/${pkg}`)).package_status, 'FULFILLING')
  assert.equal((await ctl('POST', `/sandbox/packages/${pkg}/collect`)).status, 409, 'collected once')
  assert.equal((await ctl('POST', '/sandbox/packages/1152921504606999997/collect')).status, 404)
  refused(await client.call('GET', `${FF}/orders/576653688135999999/tracking`), 36009004)
  assert.deepEqual(ok(await client.call('GET', `${FF}/orders/${other}/tracking`)).tracking, [])
})

test('the live demo collects what was arranged at least 10 minutes before', async () => {
  const email = `${unique('live')}@example.test`
  const live = await ctlOk('POST', '/sandbox/sellers', { seller_name: 'Shop Live', email, password: 'sandbox-pass-1', region: 'VN', live: true })
  const liveShop = live.shops[0]
  await ctlOk('POST', `/sandbox/shops/${liveShop.id}/products`, { count: 2 })
  const tokens = await connect({ ...live, email, password: 'sandbox-pass-1' }, app)
  const c = new TikTokClient(app, tokens.access_token, { shopCipher: liveShop.cipher })
  const [made] = (await ctlOk('POST', `/sandbox/shops/${liveShop.id}/orders`, { count: 1, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' })).orders
  const pkg = (await orderDetail(made.id, c)).packages[0].id
  ok(await c.call('POST', `${FF}/packages/${pkg}/ship`, { body: { handover_method: 'DROP_OFF' } }))
  // the demo's other moves (new orders, random steps) never take an order out of AWAITING_COLLECTION
  await ctlOk('POST', '/sandbox/live/step')
  assert.equal((await orderDetail(made.id, c)).status, 'AWAITING_COLLECTION', 'not collected right after arranging')
  try {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 601 })
    await ctlOk('POST', '/sandbox/live/step')
  } finally {
    await ctlOk('POST', '/sandbox/clock', { offset_seconds: 0 })
  }
  assert.equal((await orderDetail(made.id, c)).status, 'IN_TRANSIT')
  const hooks = (await ctlOk('GET', `/sandbox/webhooks?shop_id=${liveShop.id}&type=1&limit=500`)).webhooks
    .map((h) => JSON.parse(h.body)).filter((b) => b.data.order_id === made.id)
  assert.deepEqual(hooks.map((h) => h.data.order_status), ['IN_TRANSIT', 'AWAITING_COLLECTION'])
  assert.equal(ok(await c.call('GET', `${FF}/orders/${made.id}/tracking`)).tracking.length, 2)
})

test('orders moved by the control API or made already shipped look arranged the same way', async () => {
  const [id] = await orders(1)
  const moved = await ctlOk('POST', `/sandbox/orders/${id}/status`, { status: 'AWAITING_COLLECTION' })
  assert.equal(moved.status, 'AWAITING_COLLECTION')
  const pkg = await packageOf(id)
  const d = ok(await client.call('GET', `${FF}/packages/${pkg}`))
  assert.equal(d.handover_method, 'DROP_OFF')
  assert.notEqual(d.tracking_number, '')
  assert.equal(ok(await client.call('GET', `${FF}/orders/${id}/tracking`)).tracking.length, 1)
  await ctlOk('POST', `/sandbox/orders/${id}/status`, { status: 'IN_TRANSIT' })
  const o = await orderDetail(id)
  assert.equal(typeof o.collection_time, 'number')
  assert.equal(ok(await client.call('GET', `${FF}/orders/${id}/tracking`)).tracking.length, 2)

  const made = (await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 2, status: 'IN_TRANSIT', days_back: 3 })).orders
  for (const m of made) {
    const h = await orderDetail(m.id)
    assert.ok(h.rts_time >= h.paid_time && h.collection_time >= h.rts_time && h.collection_time <= h.update_time, JSON.stringify(h))
    assert.equal(ok(await client.call('GET', `${FF}/packages/${h.packages[0].id}`)).package_status, 'FULFILLING')
  }
})

test('package search: TikTok\'s shape, status filter, keyset paging over every package of the shop', async () => {
  const fresh = await newSeller({ products: 2 })
  const s = fresh.shops[0]
  const tokens = await connect(fresh, app)
  const c = new TikTokClient(app, tokens.access_token, { shopCipher: s.cipher })
  const made = (await ctlOk('POST', `/sandbox/shops/${s.id}/orders`, { count: 7, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' })).orders
  await ctlOk('POST', `/sandbox/shops/${s.id}/orders`, { count: 2, status: 'UNPAID' })
  const pkgs = []
  for (const o of made) pkgs.push((await orderDetail(o.id, c)).packages[0].id)
  for (const p of pkgs.slice(0, 3)) ok(await c.call('POST', `${FF}/packages/${p}/ship`, { body: { handover_method: 'DROP_OFF' } }))

  refused(await c.call('POST', `${FF}/packages/search`, { body: {} }), 36009004)
  refused(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 51 }, body: {} }), 36009004)
  refused(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 5, sort_field: 'price' }, body: {} }), 36009004)
  refused(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 5 }, body: { package_status: 'LOST' } }), 36009004)

  const seen = []
  let token = ''
  let total
  for (let i = 0; i < 10; i++) {
    const r = ok(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 3, sort_field: 'update_time', sort_order: 'ASC', ...(token ? { page_token: token } : {}) }, body: {} }))
    assert.deepEqual(Object.keys(r).sort(), ['next_page_token', 'packages', 'total_count'])
    total ??= r.total_count
    assert.equal(r.total_count, total)
    for (const p of r.packages) {
      for (const k of ['id', 'status', 'orders', 'order_line_item_ids', 'tracking_number', 'shipping_provider_name', 'shipping_provider_id', 'create_time', 'update_time']) {
        assert.ok(k in p, `search result has ${k}`)
      }
      seen.push(p)
    }
    token = r.next_page_token
    if (!token) break
  }
  assert.equal(total, 7, 'unpaid orders have no package')
  assert.deepEqual(seen.map((p) => p.id).sort(), [...pkgs].sort())
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].update_time >= seen[i - 1].update_time)
  const processing = ok(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 50 }, body: { package_status: 'PROCESSING' } }))
  assert.deepEqual(processing.packages.map((p) => p.id).sort(), pkgs.slice(0, 3).sort())
  assert.equal(processing.total_count, 3)
  for (const p of processing.packages) assert.notEqual(p.tracking_number, '')
  const now = (await ctlOk('GET', '/sandbox/clock')).now
  const none = ok(await c.call('POST', `${FF}/packages/search`, { query: { page_size: 50 }, body: { create_time_ge: now + 3600 } }))
  assert.equal(none.total_count, 0)
})

test('every package\'s /ship counts against one rate limit per shop, as TikTok limits an API', async () => {
  const [a, b] = await orders(2)
  const pa = await packageOf(a)
  const pb = await packageOf(b)
  ok(await client.call('POST', `${FF}/packages/${pa}/ship`, { body: { handover_method: 'DROP_OFF' } }))
  ok(await client.call('POST', `${FF}/packages/${pb}/ship`, { body: { handover_method: 'DROP_OFF' } }))
  const calls = await ctlOk('GET', `/sandbox/shops/${shop.id}/calls`)
  const ship = calls.paths.find((p) => p.path === `${FF}/packages/{package_id}/ship`)
  assert.ok(ship && ship.calls >= 2, JSON.stringify(calls.paths))
  assert.ok(!calls.paths.some((p) => p.path.includes(pa)), 'no per-package entry')
})

test('the Node SDK\'s fulfillment calls work against the sandbox', async () => {
  const { TikTokShopSDK } = await import('tiktok-shop-sdk')
  const realFetch = globalThis.fetch
  globalThis.fetch = (url, init) => realFetch(String(url).replace('https://open-api.tiktokglobalshop.com', SANDBOX_URL), init)
  try {
    const [id] = await orders(1)
    const pkg = await packageOf(id)
    const sdk = new TikTokShopSDK({ appKey: app.app_key, appSecret: app.app_secret })
    sdk.setAccessToken(client.token)
    sdk.setShopCipher(shop.cipher)
    const slotsAnswer = await sdk.fulfillment.getPackageHandoverTimeSlots(pkg)
    assert.equal(slotsAnswer.code, 0)
    assert.equal(slotsAnswer.data.pickup_slots.length, 6)
    const found = await sdk.fulfillment.searchPackage({ query: { page_size: 50, sort_field: 'create_time', sort_order: 'DESC' }, body: { package_status: 'PROCESSING' } })
    assert.equal(found.code, 0)
    assert.ok(Array.isArray(found.data.packages))
  } finally {
    globalThis.fetch = realFetch
  }
})
