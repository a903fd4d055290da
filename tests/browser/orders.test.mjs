// Browser tests of order sync: 'Đồng bộ tất cả' on Settings → 'Đồng bộ sàn TMĐT' → 'TikTok' with its progress
// bar, result message and sync log; the orders screen (tabs, filters, search, URL-kept filters, status mapping
// help) checked against the API; the order detail (lines grouped per SKU, status timeline, back link, 404).
// Seeding goes through the APIs: a sandbox seller with two shops, products and orders, connected without a browser.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addSandboxOrders,
  addSandboxProducts,
  api,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  gone,
  loginByToken,
  pickOption,
  registerByApi,
  sandboxApi,
  startBrowser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

const SYNC_TIMEOUT_MS = 60000

// GET /orders with the given filters (API names) → {items, total}.
async function listOrders(token, params = {}) {
  const q = new URLSearchParams({ per_page: '200', ...params })
  const res = await api('GET', `/orders?${q}`, undefined, token)
  assert.equal(res.status, 200, `GET /orders?${q}: ${res.status} ${JSON.stringify(res.data)}`)
  return res.data
}

async function orderDetail(token, id) {
  const res = await api('GET', `/orders/${id}`, undefined, token)
  assert.equal(res.status, 200, `GET /orders/${id}: ${res.status} ${JSON.stringify(res.data)}`)
  return res.data
}

// Local midnight of the day `daysAgo` days before today, as ISO 8601 with the offset (what the SPA sends).
function localDay(daysAgo) {
  const now = new Date()
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo)
  const pad = (n) => String(n).padStart(2, '0')
  const off = -d.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  const abs = Math.abs(off)
  return {
    ymd: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  }
}

// The orders screen has settled: no request in flight, and the count it shows.
async function shownTotal(page) {
  await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
  const text = await page.getByTestId('orders-total').innerText()
  const m = /^Tổng: ([\d.]+) đơn hàng$/.exec(text.trim())
  assert.ok(m, `the orders count reads "Tổng: N đơn hàng", got "${text}"`)
  return Number(m[1].replace(/\./g, ''))
}

// Waits until the screen shows `expected` orders (after a filter change) and returns the data rows.
async function expectShown(page, expected) {
  await visible(page.locator('[data-testid="orders-total"][aria-busy="false"]', {
    hasText: new RegExp(`^Tổng: ${expected} đơn hàng$`),
  }))
  const rows = orderRows(page)
  await eventually(async () => (await rows.count()) === Math.min(expected, 20), `${expected} order rows`, {
    timeoutMs: 10000,
  })
  return rows
}

// Data rows of the orders table (each links to its order).
function orderRows(page) {
  return page.locator('.orders__table tbody tr').filter({ has: page.getByRole('link') })
}

// The connections screen's row of a shop.
function connectionRow(page, shopName) {
  return page.getByRole('row').filter({ hasText: shopName }).filter({
    has: page.getByRole('button', { name: 'Hủy kết nối', exact: true }),
  })
}

// 'Đồng bộ tất cả' on a shop's row: the progress bar shows up in that row, the result message names the
// number of orders pulled, and the bar ends full.
async function syncAllInBrowser(page, shopName, expectedOrders) {
  const row = connectionRow(page, shopName)
  const button = row.getByRole('button', { name: 'Đồng bộ tất cả', exact: true })
  await visible(button)
  assert.equal(await button.isEnabled(), true, 'Sync all is enabled before a run')
  await button.click()
  const bar = await visible(row.getByRole('progressbar', { name: `Tiến độ đồng bộ gian hàng ${shopName}` }))
  await page
    .getByRole('alert')
    .filter({ hasText: `Đồng bộ hoàn tất: ${expectedOrders} đơn hàng` })
    .waitFor({ state: 'visible', timeout: SYNC_TIMEOUT_MS })
  await eventually(async () => (await bar.getAttribute('aria-valuenow')) === '100', 'the progress bar to fill')
  await visible(row.getByText(`${expectedOrders}/${expectedOrders} đơn hàng`))
  assert.equal(await button.isEnabled(), true, 'Sync all is enabled again once the run ended')
  await gone(row.getByText('Chưa đồng bộ', { exact: true }))
}

describe('Order sync and the orders screens', () => {
  let browser

  before(async () => {
    browser = await startBrowser()
  })

  after(async () => {
    await browser?.close()
  })

  test('Sync all with its progress bar, the orders list with filters and search, the order detail', async () => {
    await withPage(browser, 'orders-sync', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 2, region: 'VN' })
      const [shopA, shopB] = seller.shops
      await addSandboxProducts(shopA.id, { count: 3, skus_per_product: 2 })
      await addSandboxProducts(shopB.id, { count: 2, skus_per_product: 2 })
      const ordersA = [
        ...(await addSandboxOrders(shopA.id, { count: 5, days_back: 40, same_sku_ratio: 0.6 })),
        ...(await addSandboxOrders(shopA.id, { count: 2, days_back: 20, status: 'IN_TRANSIT', same_sku_ratio: 1 })),
      ]
      const ordersB = await addSandboxOrders(shopB.id, { count: 3, days_back: 5, status: 'AWAITING_SHIPMENT' })
      const connections = await connectSellerByApi(token, seller)
      const connA = connections.find((c) => c.shop_id === shopA.id)
      const connB = connections.find((c) => c.shop_id === shopB.id)
      assert.ok(connA && connB, 'both shops are connected')

      // Settings → 'Đồng bộ sàn TMĐT' → 'TikTok' → 'Đồng bộ tất cả' per shop.
      await loginByToken(page, token, '/settings')
      await page.getByRole('link', { name: 'Đồng bộ sàn TMĐT' }).click()
      await waitForPath(page, /^\/settings\/ecommerce$/)
      await page.getByRole('tab', { name: 'TikTok' }).click()
      await visible(connectionRow(page, shopA.name).getByText('Chưa đồng bộ', { exact: true }))
      await syncAllInBrowser(page, shopA.name, ordersA.length)
      await syncAllInBrowser(page, shopB.name, ordersB.length)

      // The sync log of shop A lists its Sync all run, done, with its progress.
      await connectionRow(page, shopA.name).getByRole('button', { name: 'Nhật ký đồng bộ', exact: true }).click()
      const drawer = await visible(page.getByRole('dialog', { name: `Nhật ký đồng bộ — ${shopA.name}` }))
      const run = drawer.getByRole('row').filter({ hasText: 'Đồng bộ tất cả' }).first()
      await visible(run.getByText('Hoàn tất', { exact: true }))
      await visible(run.getByText(`${ordersA.length}/${ordersA.length}`, { exact: true }))
      await page.keyboard.press('Escape')
      await gone(drawer)

      // Orders: the count shown is the API's.
      const all = await listOrders(token)
      assert.equal(all.total, ordersA.length + ordersB.length, 'every sandbox order was synced exactly once')
      await page.getByRole('menuitem', { name: 'Đơn hàng' }).click()
      await waitForPath(page, /^\/orders$/)
      assert.equal(await shownTotal(page), all.total)
      await expectShown(page, all.total)
      for (const header of ['Mã đơn hàng', 'Gian hàng', 'Ngày tạo', 'Người mua', 'Tổng tiền', 'Trạng thái', 'Phiếu xuất']) {
        await visible(page.getByRole('columnheader', { name: header, exact: true }))
      }
      // Newest first: the first row is the newest order.
      await visible(orderRows(page).first().getByRole('link', { name: all.items[0].external_id, exact: true }))

      // Tab 'Sàn TMĐT' (TikTok orders only: all of them here).
      await page.getByRole('tab', { name: 'Sàn TMĐT' }).click()
      await page.waitForURL((url) => url.searchParams.get('tab') === 'ecommerce')
      assert.equal(await shownTotal(page), (await listOrders(token, { channel: 'tiktok' })).total)

      // The status mapping help.
      await page.getByRole('button', { name: 'Bảng chuyển đổi trạng thái' }).click()
      const help = await visible(page.getByRole('region', { name: 'Bảng chuyển đổi trạng thái' }))
      const transit = help.getByRole('row').filter({ hasText: 'IN_TRANSIT' })
      await visible(transit.getByText('Đang giao hàng', { exact: true }))
      await visible(transit.getByText('Shipping', { exact: true }))
      await visible(help.getByRole('row').filter({ hasText: 'AWAITING_SHIPMENT' }).getByText('Đang xử lý'))
      await page.getByRole('button', { name: 'Bảng chuyển đổi trạng thái' }).click()
      await gone(help)

      // Filter by status: 'Đang giao hàng' (shipping).
      const shipping = await listOrders(token, { status: 'shipping' })
      assert.ok(shipping.total >= 2, 'the IN_TRANSIT orders are shipping')
      await pickOption(page, 'Trạng thái', 'Đang giao hàng')
      await page.waitForURL((url) => url.searchParams.get('status') === 'shipping')
      let rows = await expectShown(page, shipping.total)
      for (let i = 0; i < (await rows.count()); i++) {
        await visible(rows.nth(i).getByText('Đang giao hàng', { exact: true }))
      }

      // The filters live in the URL: a reload keeps them.
      await page.reload()
      assert.equal(await shownTotal(page), shipping.total)
      assert.equal(new URL(page.url()).searchParams.get('tab'), 'ecommerce')

      // Filter by shop (status back to all).
      await pickOption(page, 'Trạng thái', 'Tất cả trạng thái')
      await page.waitForURL((url) => !url.searchParams.has('status'))
      await pickOption(page, 'Gian hàng', shopB.name)
      await page.waitForURL((url) => url.searchParams.get('shop') === String(connB.id))
      const ofB = await listOrders(token, { connection_id: String(connB.id) })
      assert.equal(ofB.total, ordersB.length)
      rows = await expectShown(page, ofB.total)
      for (let i = 0; i < (await rows.count()); i++) {
        await visible(rows.nth(i).getByText(shopB.name, { exact: true }))
      }
      await page.getByRole('button', { name: 'Xóa bộ lọc' }).first().click()
      await expectShown(page, all.total)

      // Created date range (local days): the last 10 days, as the API counts them.
      const from = localDay(10)
      const dayAfterToday = localDay(-1)
      const recent = await listOrders(token, { created_from: from.iso, created_to: dayAfterToday.iso })
      await page.goto(`${new URL(page.url()).origin}/orders?from=${from.ymd}&to=${localDay(0).ymd}`)
      assert.equal(await shownTotal(page), recent.total)
      await page.getByRole('button', { name: 'Xóa bộ lọc' }).first().click()
      await expectShown(page, all.total)

      // Search by a TikTok order id (Enter).
      const search = page.getByLabel('Tìm đơn hàng', { exact: true })
      const wanted = ordersA[ordersA.length - 1].id
      await search.fill(wanted)
      await search.press('Enter')
      await page.waitForURL((url) => url.searchParams.get('q') === wanted)
      rows = await expectShown(page, 1)
      await visible(rows.first().getByRole('link', { name: wanted, exact: true }))

      // Search by a buyer phone prefix (debounced, no Enter).
      const phone = all.items.find((o) => o.buyer_phone && o.buyer_phone.length > 6).buyer_phone
      const prefix = phone.slice(0, phone.length - 4)
      const byPhone = await listOrders(token, { q: prefix })
      assert.ok(byPhone.total >= 1)
      await search.fill(prefix)
      await page.waitForURL((url) => url.searchParams.get('q') === prefix)
      rows = await expectShown(page, byPhone.total)
      for (let i = 0; i < (await rows.count()); i++) {
        const text = await rows.nth(i).innerText()
        assert.ok(text.includes(prefix), `row ${i} shows a phone starting with ${prefix}: ${text}`)
      }

      // A status change in TikTok reaches the app (webhook or poll): the detail then has two timeline entries.
      const moved = ordersB[0].id
      await sandboxApi('POST', `/sandbox/orders/${moved}/status`, { status: 'AWAITING_COLLECTION' })
      const movedRow = (await listOrders(token, { q: moved })).items[0]
      const movedDetail = await eventually(async () => {
        const d = await orderDetail(token, movedRow.id)
        return d.status === 'packing' && d.history.length >= 2 && d
      }, 'the status change to reach the app', { timeoutMs: SYNC_TIMEOUT_MS })

      await search.fill(moved)
      await search.press('Enter')
      rows = await expectShown(page, 1)
      await rows.first().getByRole('link', { name: moved, exact: true }).click()
      await waitForPath(page, new RegExp(`^/orders/${movedRow.id}$`))
      await visible(page.getByRole('heading', { name: `Đơn hàng ${moved}`, level: 1 }))
      await visible(page.getByText('TikTok: Chờ lấy hàng').first())
      await visible(page.getByText('Hình thức giao hàng').first())
      assert.equal(await page.getByText('AWAITING_COLLECTION', { exact: false }).count(), 0, 'no raw TikTok code on the detail')
      await visible(page.getByText(shopB.name).first())

      // Lines grouped per SKU, with the note about one TikTok line item per unit.
      await visible(page.getByText('TikTok gửi mỗi đơn vị sản phẩm thành một dòng riêng', { exact: false }))
      const skus = new Set(movedDetail.lines.map((l) => l.sku_id))
      const lineRows = page.locator('.order__lines .el-table__body tr')
      await eventually(async () => (await lineRows.count()) === skus.size, `${skus.size} line rows`, { timeoutMs: 5000 })
      for (const line of movedDetail.lines) {
        const lineRow = lineRows.filter({ hasText: line.sku_id })
        await visible(lineRow.getByText(line.product_name, { exact: true }))
        if (line.seller_sku) await visible(lineRow.getByText(line.seller_sku, { exact: true }))
      }

      // The timeline: newest first, one entry per status change.
      const timeline = page.locator('.order__timeline .el-timeline-item')
      await eventually(
        async () => (await timeline.count()) === movedDetail.history.length,
        `${movedDetail.history.length} timeline entries`,
        { timeoutMs: 5000 },
      )
      await visible(timeline.first().getByText('Chờ lấy hàng', { exact: true }))
      await visible(timeline.last().getByText('Đang xử lý', { exact: true }))

      // Back to the list with its filters.
      await page.getByRole('link', { name: 'Quay lại danh sách đơn hàng' }).click()
      await waitForPath(page, /^\/orders$/)
      assert.equal(new URL(page.url()).searchParams.get('q'), moved)
      await expectShown(page, 1)

      // An order that is not there (or not this merchant's).
      await page.goto(`${new URL(page.url()).origin}/orders/999999999`)
      await visible(page.getByText('Không tìm thấy đơn hàng', { exact: true }))
      await visible(page.getByRole('link', { name: 'Quay lại danh sách đơn hàng' }).first())
    })
  })

  test('a failed Sync all says why in plain words', async () => {
    await withPage(browser, 'orders-sync-failed', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 1, region: 'VN' })
      const [shop] = seller.shops
      await connectSellerByApi(token, seller)

      // The run's progress answers as failed, with the code (and sentence) the sync worker writes for a TikTok
      // refusal (making TikTok refuse for real takes the worker's retries, minutes). The SPA translates the code.
      await page.route('**/api/v1/sync-jobs/*', async (route) => {
        const res = await route.fetch()
        const job = await res.json()
        await route.fulfill({
          response: res,
          json: { ...job, state: 'failed', error_code: 'tiktok_rejected', error: 'TikTok rejected the request', finished_at: new Date().toISOString() },
        })
      })
      await loginByToken(page, token, '/settings/ecommerce')
      const row = connectionRow(page, shop.name)
      await row.getByRole('button', { name: 'Đồng bộ tất cả', exact: true }).click()
      await visible(page.getByRole('alert').filter({ hasText: 'Đồng bộ không thành công: TikTok từ chối yêu cầu' }))
      await visible(row.getByRole('progressbar', { name: `Tiến độ đồng bộ gian hàng ${shop.name}` }))
      await eventually(async () => row.getByRole('button', { name: 'Đồng bộ tất cả', exact: true }).isEnabled(), 'Sync all to be enabled again')
    })
  })

  test('a merchant without orders sees the empty state with a link to the connections screen', async () => {
    await withPage(browser, 'orders-empty', async (page) => {
      const { token } = await registerByApi()
      await loginByToken(page, token, '/orders')
      assert.equal(await shownTotal(page), 0)
      await visible(page.getByText("Chưa có đơn hàng. Hãy kết nối TikTok và bấm 'Đồng bộ tất cả'.", { exact: true }))
      await page.getByRole('link', { name: 'Đi tới Đồng bộ sàn TMĐT' }).click()
      await waitForPath(page, /^\/settings\/ecommerce$/)
      await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))
    })
  })
})
