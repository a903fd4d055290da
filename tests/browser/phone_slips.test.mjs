// The export slip flow on a phone (Chromium emulating a 390 × 844 touch screen): order detail → Tạo phiếu
// xuất (full screen) → Tạo phiếu xuất → slip detail → Xuất kho → Đã xuất kho, then the slips list and Tồn kho.
// Every screen is checked to fit the phone's width. Seeding goes through the APIs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  apiOk,
  PHONE,
  addSandboxOrders,
  addSandboxProducts,
  assertFitsWidth,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  gone,
  loginByToken,
  registerByApi,
  startBrowser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

describe('Export slips on a phone', () => {
  let browser
  let token
  let order
  let qty
  let stockIn

  before(async () => {
    browser = await startBrowser(PHONE)
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 1, skus_per_product: 2 })
    await addSandboxOrders(shop.id, { count: 1, days_back: 1, status: 'AWAITING_SHIPMENT' })
    const [conn] = await connectSellerByApi(token, seller)
    await apiOk('POST', `/connections/${conn.id}/sync`, undefined, token, 202)
    ;[order] = await eventually(async () => {
      const l = await apiOk('GET', '/orders', undefined, token)
      return l.items.length === 1 && l.items
    }, 'the order to be synced', { timeoutMs: 60000 })
    const product = await apiOk('POST', '/products', { name: `Quần jean ${Date.now()}`, sku: `QJ-${Date.now()}`, unit: 'cái' }, token, 201)
    const full = await apiOk('GET', `/orders/${order.id}`, undefined, token)
    const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }))
    await apiOk('POST', `/orders/${order.id}/links`, { links }, token)
    qty = full.lines.reduce((n, l) => n + l.quantity, 0)
    const [wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
    stockIn = qty + 5
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: stockIn }] }, token, 201)
  })

  after(async () => {
    await browser?.close()
  })

  test('Tạo phiếu xuất → Xuất kho with one thumb, every screen within the phone\'s width', async () => {
    await withPage(browser, 'phone-export-slip', async (page) => {
      await loginByToken(page, token, `/orders/${order.id}`)
      await page.getByRole('button', { name: 'Tạo phiếu xuất' }).tap()
      const dialog = await visible(page.getByRole('dialog', { name: 'Tạo phiếu xuất' }))
      await eventually(async () => {
        const b = await dialog.boundingBox()
        return b && Math.round(b.width) === 390 && Math.round(b.x) === 0
      }, 'the dialog to fill the phone\'s width')
      await assertFitsWidth(page, 'Tạo phiếu xuất')
      await dialog.getByRole('button', { name: 'Tạo phiếu xuất' }).tap()
      await waitForPath(page, /\/export-slips\/\d+$/)
      await visible(page.getByText('Chờ xuất kho').first())
      await assertFitsWidth(page, 'the slip detail')

      await page.getByRole('button', { name: 'Xuất kho', exact: true }).tap()
      const box = await visible(page.getByRole('dialog').filter({ hasText: 'Không thể hoàn tác' }))
      await box.getByRole('button', { name: 'Xác nhận', exact: true }).tap()
      await gone(page.getByRole('button', { name: 'Xuất kho', exact: true }))
      await visible(page.getByRole('heading', { level: 1 }).locator('..').getByText('Đã xuất kho', { exact: true }))
      await assertFitsWidth(page, 'the exported slip')

      const [row] = (await apiOk('GET', '/stock', undefined, token)).items
      assert.deepEqual([row.on_hand, row.available, row.awaiting_export], [stockIn - qty, stockIn - qty, 0])

      await page.goto(page.url().replace(/\/export-slips\/.*/, '/export-slips'))
      await visible(page.getByRole('list', { name: 'Phiếu xuất' }).getByText('Đã xuất kho').first())
      await assertFitsWidth(page, 'the slips list')

      await page.goto(page.url().replace(/\/export-slips.*/, '/inventory'))
      await visible(page.getByText(String(stockIn - qty)).first())
      await assertFitsWidth(page, 'Tồn kho')
    })
  })
})
