// Browser test of Tổng quan (issue 14): the home screen's tiles, chart and sync health on synced orders; a tile opens
// the orders list filtered as it counts, with the same number; Xuất Excel downloads those rows (read with exceljs).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import {
  addSandboxOrders,
  addSandboxProducts,
  api,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  loginByToken,
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
      const tile = await visible(waiting.getByRole('link', { name: 'Đơn Đang xử lý chưa có phiếu xuất' }))
      assert.equal((await tile.locator('.overview__count').innerText()).trim(), '3')
      await visible(waiting.getByRole('link', { name: /^1\s*Đơn Đang giao hàng chưa có phiếu xuất$/ }))
      // the charts are drawn by ECharts (a canvas), the shop is a series
      const chart = await visible(page.getByRole('img', { name: 'Số đơn theo ngày (30 ngày, theo gian hàng)' }))
      await visible(chart.locator('canvas'))
      await visible(page.getByRole('img', { name: 'Doanh thu theo ngày (30 ngày, theo tiền tệ)' }).locator('canvas'))
      // orders by status, and the sync health of the shop
      await visible(page.getByRole('list', { name: 'Đơn theo trạng thái' }).getByRole('link', { name: /Đang xử lý\s*3/ }))
      const health = page.getByRole('list', { name: 'Tình trạng đồng bộ' })
      await visible(health.getByText(shopName, { exact: true }))
      await visible(health.getByText('Đang hoạt động'))
      await visible(health.getByText('Đồng bộ thành công gần nhất'))

      await tile.click()
      await waitForPath(page, /^\/orders$/)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('status'), 'processing')
      assert.equal(url.searchParams.get('slip'), 'without')
      await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
      assert.equal((await page.getByTestId('orders-total').innerText()).trim(), 'Tổng: 3 đơn hàng')

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
})
