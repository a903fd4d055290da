// Order search: filters, both sort fields and orders, page sizes, and the paging invariant while orders are added.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ctlOk, newSeller, connect, TikTokClient, SANDBOX_URL } from './lib/sandbox.mjs'

let app, seller, client, shop

async function search(query, body = {}) {
  const r = await client.call('POST', '/order/202309/orders/search', { query, body })
  assert.equal(r.data?.code, 0, r.text)
  return r.data.data
}

// Every page of one search; `between` runs after each page (to add orders meanwhile).
async function allPages(query, body = {}, between = async () => {}) {
  const seen = []
  let token = ''
  let pages = 0
  for (;;) {
    const q = { ...query }
    if (token) q.page_token = token
    const data = await search(q, body)
    assert.ok(data.orders.length <= query.page_size)
    seen.push(...data.orders)
    pages++
    token = data.next_page_token
    assert.equal(typeof token, 'string')
    if (token === '') break
    await between(pages)
    assert.ok(pages < 500, 'paging does not end')
  }
  return seen
}

// These tests page as fast as the sandbox answers: TikTok's per-shop rate limit (its own test: shop_pace.test.mjs) is
// lifted meanwhile, as make bench does for its paging client.
before(async () => {
  await ctlOk('POST', '/sandbox/rate-limit', { per_second: 0 })
  app = await ctlOk('GET', '/sandbox/app')
  seller = await newSeller({ products: 4, skus: 3, orders: 150, daysBack: 60 })
  shop = seller.shops[0]
  const tokens = await connect(seller, app)
  client = new TikTokClient(app, tokens.access_token, { shopCipher: shop.cipher })
})

after(async () => {
  await ctlOk('POST', '/sandbox/rate-limit', { per_second: 50 })
})

for (const sortField of ['create_time', 'update_time']) {
  for (const sortOrder of ['ASC', 'DESC']) {
    test(`paging by ${sortField} ${sortOrder}: no order missing or repeated while orders are added`, async () => {
      const before = await allPages({ page_size: 100, sort_field: sortField, sort_order: sortOrder })
      const initial = new Set(before.map((o) => o.id))
      assert.equal(initial.size, before.length)
      const added = []
      const seen = await allPages({ page_size: 7, sort_field: sortField, sort_order: sortOrder }, {}, async (page) => {
        if (page % 3 === 1) {
          const now = await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 3, days_back: 60 })
          const fresh = await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 2, days_back: 0 })
          added.push(...now.orders, ...fresh.orders)
        }
      })
      const ids = seen.map((o) => o.id)
      assert.equal(new Set(ids).size, ids.length, 'an order was repeated')
      for (const id of initial) assert.ok(ids.includes(id), `order ${id} is missing`)
      assert.ok(added.length > 0)
      // the sort holds across pages
      const keys = seen.map((o) => [o[sortField], BigInt(o.id)])
      for (let i = 1; i < keys.length; i++) {
        const [a, ai] = keys[i - 1]
        const [b, bi] = keys[i]
        const ok = sortOrder === 'ASC' ? a < b || (a === b && ai < bi) : a > b || (a === b && ai > bi)
        assert.ok(ok, `out of order at ${i}: ${a}/${ai} then ${b}/${bi}`)
      }
    })
  }
}

test('page_size is required and 1..100; bad sorts and page tokens are refused', async () => {
  for (const q of [{}, { page_size: 0 }, { page_size: 101 }, { page_size: 'x' },
    { page_size: 10, sort_field: 'id' }, { page_size: 10, sort_order: 'UP' }, { page_size: 10, page_token: 'garbage' }]) {
    const r = await client.call('POST', '/order/202309/orders/search', { query: q, body: {} })
    assert.equal(r.data.code, 36009004, `${JSON.stringify(q)}: ${r.text}`)
  }
  for (const size of [1, 100]) {
    const data = await search({ page_size: size })
    assert.equal(data.orders.length, size)
  }
  // a token is bound to its sort: one made for create_time DESC is refused under update_time
  const first = await search({ page_size: 5 })
  const r = await client.call('POST', '/order/202309/orders/search',
    { query: { page_size: 5, sort_field: 'update_time', page_token: first.next_page_token }, body: {} })
  assert.equal(r.data.code, 36009004)
})

test('filters select exactly the matching orders and total_count counts them', async () => {
  const everything = await allPages({ page_size: 100 })
  const times = everything.map((o) => o.create_time).sort((a, b) => a - b)
  const ge = times[Math.floor(times.length / 4)]
  const lt = times[Math.floor((3 * times.length) / 4)]
  const ut = everything.map((o) => o.update_time).sort((a, b) => a - b)[Math.floor(everything.length / 2)]
  const someone = everything[3]
  const cases = [
    [{ order_status: 'COMPLETED' }, (o) => o.status === 'COMPLETED'],
    [{ order_status: 'CANCEL' }, (o) => o.status === 'CANCELLED'],
    [{ create_time_ge: ge, create_time_lt: lt }, (o) => o.create_time >= ge && o.create_time < lt],
    [{ update_time_ge: ut }, (o) => o.update_time >= ut],
    [{ update_time_lt: ut }, (o) => o.update_time < ut],
    [{ create_time_lt: null, update_time_ge: null }, () => true],
    [{ shipping_type: 'SELLER' }, (o) => o.shipping_type === 'SELLER'],
    [{ buyer_user_id: someone.user_id }, (o) => o.user_id === someone.user_id],
    [{ is_buyer_request_cancel: false }, (o) => o.is_buyer_request_cancel === false],
    [{ warehouse_ids: [someone.warehouse_id] }, (o) => o.warehouse_id === someone.warehouse_id],
    [{ warehouse_ids: ['7068517275539999999'] }, () => false],
  ]
  for (const [body, pred] of cases) {
    const want = everything.filter(pred).map((o) => o.id).sort()
    const got = await allPages({ page_size: 50 }, body)
    assert.deepEqual(got.map((o) => o.id).sort(), want, JSON.stringify(body))
    const first = await search({ page_size: 1 }, body)
    assert.equal(first.total_count, want.length, JSON.stringify(body))
  }
  const bad = await client.call('POST', '/order/202309/orders/search', { query: { page_size: 5 }, body: { order_status: 'LOST' } })
  assert.equal(bad.data.code, 36009004)
})

test('orders follow TikTok\'s shapes and payment formulas, one line item per unit', async () => {
  const orders = await allPages({ page_size: 100 })
  const statuses = new Set()
  for (const o of orders) {
    statuses.add(o.status)
    assert.match(o.id, /^\d{18}$/)
    assert.equal(typeof o.create_time, 'number')
    assert.ok(o.update_time >= o.create_time)
    const p = o.payment
    assert.equal(p.currency, 'VND')
    for (const k of ['sub_total', 'shipping_fee', 'seller_discount', 'platform_discount', 'total_amount',
      'original_total_product_price', 'original_shipping_fee', 'tax']) assert.match(p[k], /^\d+$/, k)
    const n = (s) => Number(s)
    const lines = o.line_items
    assert.ok(lines.length >= 1)
    const sum = (k) => lines.reduce((acc, l) => acc + n(l[k]), 0)
    assert.equal(n(p.sub_total), sum('sale_price'))
    assert.equal(n(p.original_total_product_price), sum('original_price'))
    assert.equal(n(p.seller_discount), sum('seller_discount'))
    assert.equal(n(p.platform_discount), sum('platform_discount'))
    assert.equal(n(p.sub_total), n(p.original_total_product_price) - n(p.seller_discount) - n(p.platform_discount))
    assert.equal(n(p.shipping_fee), n(p.original_shipping_fee) - n(p.shipping_fee_seller_discount) - n(p.shipping_fee_platform_discount))
    assert.equal(n(p.total_amount), n(p.sub_total) + n(p.shipping_fee) + n(p.tax))
    for (const l of lines) {
      assert.equal(n(l.sale_price), n(l.original_price) - n(l.seller_discount) - n(l.platform_discount))
      assert.equal(l.quantity, undefined, 'line items carry no quantity')
      assert.match(l.sku_image, /\/sandbox\/images\/sku\/\d+\.svg$/)
      assert.ok(l.seller_sku)
    }
    const r = o.recipient_address
    assert.match(r.phone_number, /^\(\+84\)\d{9}$/)
    assert.equal(r.region_code, 'VN')
    assert.equal(r.district_info.length, 4)
  }
  assert.ok(statuses.size >= 4, [...statuses].join())
  // a SKU bought twice is two line items
  const many = await ctlOk('POST', `/sandbox/shops/${shop.id}/orders`, { count: 5, days_back: 0, same_sku_ratio: 1 })
  const got = await client.call('GET', '/order/202309/orders', { query: { ids: many.orders.map((o) => o.id).join(',') } })
  for (const o of got.data.data.orders) {
    const per = {}
    for (const l of o.line_items) per[l.sku_id] = (per[l.sku_id] || 0) + 1
    assert.ok(Object.values(per).every((q) => q >= 2), JSON.stringify(per))
  }
})

test('order detail by ids: up to 50, other shops\' orders are not shown', async () => {
  const page = await search({ page_size: 50 })
  const ids = page.orders.map((o) => o.id)
  let r = await client.call('GET', '/order/202309/orders', { query: { ids: ids.join(',') } })
  assert.equal(r.data.code, 0)
  assert.deepEqual(r.data.data.orders.map((o) => o.id).sort(), [...ids].sort())
  r = await client.call('GET', '/order/202309/orders', { query: { ids: [...ids, '576653688135999999'].join(',') } })
  assert.equal(r.data.code, 36009004)
  r = await client.call('GET', '/order/202309/orders', { query: { ids: 'abc' } })
  assert.equal(r.data.code, 36009004)
  const other = await newSeller({ products: 1, orders: 1 })
  const theirs = (await ctlOk('POST', `/sandbox/shops/${other.shops[0].id}/orders`, { count: 1 })).orders[0].id
  r = await client.call('GET', '/order/202309/orders', { query: { ids: theirs } })
  assert.deepEqual(r.data.data.orders, [])
})

test('products: search, filters, detail, inventory update with per-SKU errors', async () => {
  const p = await client.call('POST', '/product/202309/products/search', { query: { page_size: 3 }, body: {} })
  assert.equal(p.data.code, 0, p.text)
  assert.equal(p.data.data.total_count, 4)
  assert.equal(p.data.data.products.length, 3)
  const rest = await client.call('POST', '/product/202309/products/search',
    { query: { page_size: 3, page_token: p.data.data.next_page_token }, body: {} })
  assert.equal(rest.data.data.products.length, 1)
  assert.equal(rest.data.data.next_page_token, '')
  const prod = p.data.data.products[0]
  assert.equal(prod.skus.length, 3)
  const bySku = await client.call('POST', '/product/202309/products/search',
    { query: { page_size: 10 }, body: { seller_skus: [prod.skus[1].seller_sku] } })
  assert.deepEqual(bySku.data.data.products.map((x) => x.id), [prod.id])
  const draft = await client.call('POST', '/product/202309/products/search', { query: { page_size: 10 }, body: { status: 'DRAFT' } })
  assert.equal(draft.data.data.total_count, 0)

  const d = await client.call('GET', `/product/202309/products/${prod.id}`)
  assert.equal(d.data.code, 0)
  assert.ok(d.data.data.description)
  assert.match(d.data.data.main_images[0].urls[0], /\/sandbox\/images\/product\/\d+\.svg$/)
  assert.equal(d.data.data.skus[0].sales_attributes.length, 2)
  const img = await fetch(SANDBOX_URL + new URL(d.data.data.main_images[0].urls[0]).pathname)
  assert.equal(img.status, 200)
  assert.match(img.headers.get('content-type'), /image\/svg\+xml/)

  const wh = (await client.call('GET', '/logistics/202309/warehouses')).data.data.warehouses
  const sales = wh.find((w) => w.is_default)
  assert.equal(sales.type, 'SALES_WAREHOUSE')
  const upd = await client.call('POST', `/product/202309/products/${prod.id}/inventory/update`, {
    body: { skus: [
      { id: prod.skus[0].id, inventory: [{ warehouse_id: sales.id, quantity: 999 }] },
      { id: '1729382716469999999', inventory: [{ warehouse_id: sales.id, quantity: 1 }] },
      { id: prod.skus[1].id, inventory: [{ warehouse_id: '7068517275539999999', quantity: 1 }] },
    ] },
  })
  assert.equal(upd.data.code, 0, upd.text)
  assert.equal(upd.data.data.errors.length, 2)
  const after = await client.call('GET', `/product/202309/products/${prod.id}`)
  const sku0 = after.data.data.skus.find((s) => s.id === prod.skus[0].id)
  assert.deepEqual(sku0.inventory, [{ warehouse_id: sales.id, quantity: 999 }])
  assert.ok(after.data.data.update_time >= d.data.data.update_time)
  const missing = await client.call('GET', '/product/202309/products/1729382716459999999')
  assert.equal(missing.data.code, 36009004)
})

test('generated data is deterministic from a seed', async () => {
  const a = await newSeller({ products: 0 })
  const b = await newSeller({ products: 0 })
  const pa = await ctlOk('POST', `/sandbox/shops/${a.shops[0].id}/products`, { count: 3, skus_per_product: 2, seed: 42 })
  const pb = await ctlOk('POST', `/sandbox/shops/${b.shops[0].id}/products`, { count: 3, skus_per_product: 2, seed: 42 })
  assert.deepEqual(pa.products.map((p) => [p.title, p.skus.map((s) => s.seller_sku)]),
    pb.products.map((p) => [p.title, p.skus.map((s) => s.seller_sku)]))
  const oa = await ctlOk('POST', `/sandbox/shops/${a.shops[0].id}/orders`, { count: 5, days_back: 0, seed: 7 })
  const ob = await ctlOk('POST', `/sandbox/shops/${b.shops[0].id}/orders`, { count: 5, days_back: 0, seed: 7 })
  assert.deepEqual(oa.orders.map((o) => o.status), ob.orders.map((o) => o.status))
})
