// Browser test of Tổng quan: the home screen's tiles, chart and sync health on synced orders; a tile opens
// the orders list filtered as it counts, with the same number; Xuất Excel downloads those rows (read with exceljs).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import {
  addSandboxOrders,
  addSandboxProducts,
  api,
  assertFitsWidth,
  apiOk,
  BASE_URL,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  loginByToken,
  PHONE,
  registerByApi,
  startBrowser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

describe('Tổng quan', () => {
  let browser
  let token
  let shopName
  let connId

  before(async () => {
    browser = await startBrowser()
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 2, skus_per_product: 2 })
    await addSandboxOrders(shop.id, { count: 3, days_back: 1, status: 'AWAITING_SHIPMENT' })
    await addSandboxOrders(shop.id, { count: 1, days_back: 1, status: 'IN_TRANSIT' })
    const [conn] = await connectSellerByApi(token, seller)
    shopName = conn.shop_name
    connId = conn.id
    const sync = await api('POST', `/connections/${conn.id}/sync`, undefined, token)
    assert.equal(sync.status, 202)
    await eventually(async () => (await api('GET', '/orders?per_page=1', undefined, token)).data.total === 4,
      'the four orders to be synced', { timeoutMs: 60000 })
  })

  after(async () => {
    await browser?.close()
  })

  test('the home screen answers what needs attention; a tile opens its list with the same number; the export holds it', async () => {
    await withPage(browser, 'overview', async (page) => {
      await loginByToken(page, token, '/')
      await visible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }))
      await visible(page.getByRole('menuitem', { name: 'Tổng quan' }))
      const waiting = page.getByRole('navigation', { name: 'Việc cần xử lý' })
      const tile = await visible(waiting.getByRole('link', { name: 'Chưa có phiếu xuất: Đang xử lý' }))
      assert.equal((await tile.locator('.overview__count').innerText()).trim(), '3')
      await visible(waiting.getByRole('link', { name: /^1\s*Chưa có phiếu xuất: Đang giao hàng$/ }))
      // the charts are drawn by ECharts (a canvas), the shop is a series
      const chart = await visible(page.getByRole('img', { name: 'Số đơn theo ngày (30 ngày, theo gian hàng)' }))
      await visible(chart.locator('canvas'))
      const revenue = page.getByRole('img', { name: 'Doanh thu theo ngày (30 ngày, theo tiền tệ)' })
      await visible(revenue.locator('canvas'))
      // the revenue tooltip of the last days: the day as dd/MM, the amount as Vietnamese money (1.234.000 ₫)
      await revenue.scrollIntoViewIfNeeded() // below the fold once the tiles take three rows
      const box = await revenue.boundingBox()
      await page.mouse.move(box.x + box.width - 24, box.y + box.height / 3)
      const tip = await visible(revenue.locator('div').filter({ hasText: /VND:/ }).last())
      assert.match((await tip.innerText()).trim(), /^\d{2}\/\d{2}\s+.*VND: \d{1,3}(\.\d{3})*\s₫$/s)
      // orders by status, and the sync health of the shop
      await visible(page.getByRole('list', { name: 'Đơn theo trạng thái' }).getByRole('link', { name: /Đang xử lý\s*3/ }))
      const health = page.getByRole('list', { name: 'Tình trạng đồng bộ' })
      await visible(health.getByText(shopName, { exact: true }))
      await visible(health.getByText('Đang hoạt động'))
      await visible(health.getByText('Đồng bộ thành công gần nhất'))
      await visible(health.getByText('Cập nhật đơn từ TikTok'))
      // the technical figures one click away
      await health.getByText('Chi tiết', { exact: true }).click()
      await visible(health.getByText('Ủy quyền TikTok hết hạn lúc'))
      await visible(health.getByText('Thời gian xử lý thông báo của TikTok'))

      // today against yesterday: the four orders were made in the last 24 hours
      const todayList = page.getByRole('list', { name: 'Hôm nay' })
      const orders = todayList.getByRole('listitem').filter({ hasText: 'Đơn mới hôm nay' })
      const [now, before] = [Number(await orders.locator('.overview__count').innerText()),
        Number((await orders.locator('.overview__versus').innerText()).replace(/\D/g, ''))]
      assert.equal(now + before, 4, `today ${now} and yesterday ${before}`)
      await visible(todayList.getByRole('listitem').filter({ hasText: 'Doanh thu hôm nay' }).getByText(/₫/).first())
      await visible(todayList.getByRole('link', { name: /Chờ đóng gói\s*3/ }))
      await visible(todayList.getByRole('link', { name: /Cần sắp xếp vận chuyển\s*\d/ }))
      const cancelled = todayList.getByRole('listitem').filter({ hasText: 'Đơn hủy hôm nay' })
      assert.equal(await cancelled.locator('.overview__count').innerText(), '0', 'nothing cancelled yet')
      // the no-slip window: 30 days by default, every order on demand, the same three either way here
      const window = page.getByRole('combobox', { name: 'Tính đơn chưa có phiếu xuất trong' })
      await visible(window)
      assert.equal((await api('GET', '/overview/settings', undefined, token)).data.no_slip_days, 30)

      await tile.click()
      await waitForPath(page, /^\/orders$/)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('status'), 'processing')
      assert.equal(url.searchParams.get('slip'), 'without')
      await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
      assert.equal((await page.getByTestId('orders-total').innerText()).trim(), 'Tổng: 3 đơn hàng')
      // dates day first, with a 24-hour time
      await visible(page.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).first())

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Xuất Excel' }).click(),
      ])
      assert.equal(download.suggestedFilename(), 'don-hang.xlsx')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await readFile(await download.path()))
      const rows = []
      wb.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
      assert.equal(rows[0][0], 'Mã đơn hàng')
      assert.equal(rows.length, 4, 'the header and the three rows on screen')
      assert.ok(rows.slice(1).every((r) => r[2] === 'Đang xử lý'))
    })
  })

  test('the low-stock tile opens Tồn kho filtered to the rows at or below the threshold; the export shows its progress', async () => {
    const wh = (await apiOk('GET', '/warehouses', undefined, token)).items[0]
    const lines = []
    for (const [name, quantity] of [['Bút sắp hết', 2], ['Vở còn nhiều', 40]]) {
      const p = await apiOk('POST', '/products', { name, sku: `LS-${Date.now()}-${quantity}`, unit: 'cái' }, token, 201)
      lines.push({ product_id: p.id, quantity })
    }
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines }, token, 201)
    await withPage(browser, 'overview-low-stock', async (page) => {
      await loginByToken(page, token, '/')
      const waiting = page.getByRole('navigation', { name: 'Việc cần xử lý' })
      const tile = await visible(waiting.getByRole('link', { name: /^1\s*Sản phẩm sắp hết hàng \(còn ≤ 5\)$/ }))
      // the shop's health: webhook lag and stock push failures
      const health = page.getByRole('list', { name: 'Tình trạng đồng bộ' })
      await visible(health.getByText('Cập nhật đơn từ TikTok'))
      await visible(health.getByText('Đẩy tồn kho lỗi'))

      await tile.click()
      await waitForPath(page, /^\/inventory$/)
      assert.equal(new URL(page.url()).searchParams.get('low_stock'), 'true')
      // Element Plus draws the box; its native input is visually hidden but keeps its role and state
      const lowOnly = page.getByRole('checkbox', { name: 'Chỉ hàng sắp hết' })
      await eventually(async () => lowOnly.isChecked(), 'the filter from the URL to be ticked')
      const pane = page.getByRole('tabpanel', { name: 'Tồn kho' })
      await visible(pane.getByText('Bút sắp hết'))
      await visible(pane.getByText('Tổng: 1 dòng'))
      assert.equal(await pane.getByText('Vở còn nhiều').count(), 0)

      // a higher threshold takes the other product in
      const n = page.getByRole('spinbutton', { name: 'Ngưỡng sắp hết hàng' })
      await eventually(async () => (await n.inputValue()) === '5', 'the threshold to load')
      await n.fill('50')
      await page.getByRole('button', { name: 'Lưu ngưỡng' }).click()
      await visible(pane.getByText('Tổng: 2 dòng'))
      await visible(pane.getByText('Vở còn nhiều'))

      // the export: held by the test until the progress shows, then downloaded with the filtered rows
      let release
      const held = new Promise((resolve) => { release = resolve })
      let asked = ''
      await page.route('**/api/v1/stock/export.xlsx*', async (route) => {
        asked = route.request().url()
        await held
        await route.continue()
      })
      const downloading = page.waitForEvent('download')
      await page.getByRole('button', { name: 'Xuất Excel' }).click()
      await visible(page.getByRole('status', { name: 'Đang xuất Excel…' }).getByText(/Đang tạo tệp Excel/))
      release()
      const download = await downloading
      assert.equal(download.suggestedFilename(), 'ton-kho.xlsx')
      assert.match(asked, /low_stock=true/, 'the export asked with the screen\'s filter')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await readFile(await download.path()))
      assert.equal(wb.worksheets[0].rowCount, 3, 'the header and the two low rows')

      // unticking shows every row again, and the URL follows
      await page.getByText('Chỉ hàng sắp hết', { exact: true }).click()
      await eventually(async () => !(await lowOnly.isChecked()), 'the filter to be unticked')
      await eventually(async () => new URL(page.url()).searchParams.get('low_stock') === null, 'the URL to drop the filter')
      await apiOk('PUT', '/stock/low-stock', { threshold: 5 }, token)

      // the health's push-failure link: the shop's stock push dialog with only the failed SKUs
      await page.goto(`${BASE_URL}/settings/ecommerce?stock_push=${connId}&failed=true`)
      const dialog = await visible(page.getByRole('dialog', { name: `Đẩy tồn kho sang TikTok — ${shopName}` }))
      await eventually(async () => dialog.getByRole('checkbox', { name: 'Chỉ SKU đẩy lỗi' }).isChecked(), 'the failed-only box to be ticked')
    })
  })

  test('on a 390 px phone the tiles are a compact grid of two columns, nothing wider than the screen', async () => {
    const phone = await startBrowser(PHONE)
    try {
      await withPage(phone, 'overview-phone', async (page) => {
        await loginByToken(page, token, '/')
        const tiles = page.getByRole('navigation', { name: 'Việc cần xử lý' }).getByRole('link')
        await visible(tiles.first())
        const boxes = await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => ({ x: b.x, y: b.y, w: b.width })))
        assert.ok(boxes.length >= 4, `${boxes.length} tiles`)
        assert.equal(Math.round(boxes[0].y), Math.round(boxes[1].y), 'the first two tiles side by side')
        assert.ok(boxes[1].x > boxes[0].x + boxes[0].w - 1, 'the second to the right of the first')
        assert.ok(Math.round(boxes[2].y) > Math.round(boxes[0].y), 'the third on the next row')
        await assertFitsWidth(page, 'Tổng quan on a phone')
      })
    } finally {
      await phone.close()
    }
  })
})
