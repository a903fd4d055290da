// The morning's shipping from the orders list, on a desktop and on a phone (390 px): orders chosen by checkbox (or all
// matching), shipment arranged with TikTok, labels printed as one PDF opened in a new tab, slips created from one
// warehouse, each order's result shown. Seeding goes through the APIs; the sandbox plays TikTok.
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
  loginByToken,
  registerByApi,
  startBrowser,
  visible,
  withPage,
} from './helpers.mjs'

// A merchant whose shop has `count` orders awaiting shipment, their items linked and in stock; {token, orders}.
async function morning(count) {
  const { token } = await registerByApi()
  const seller = await createSandboxSeller({ shops: 1 })
  const shop = seller.shops[0]
  await addSandboxProducts(shop.id, { count: 1, skus_per_product: 2 })
  await addSandboxOrders(shop.id, { count, days_back: 0, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' })
  const [conn] = await connectSellerByApi(token, seller)
  await apiOk('POST', `/connections/${conn.id}/sync`, undefined, token, 202)
  const orders = await eventually(async () => {
    const l = await apiOk('GET', '/orders', undefined, token)
    return l.items.length === count && l.items
  }, 'the orders to be synced', { timeoutMs: 60000 })
  const product = await apiOk('POST', '/products', { name: `Áo ${Date.now()}`, sku: `AO-${Date.now()}`, unit: 'cái' }, token, 201)
  const skus = await apiOk('GET', `/channel-skus?connection_id=${conn.id}`, undefined, token)
  for (const s of skus.items) await apiOk('PUT', `/channel-skus/${s.id}/link`, { product_id: product.id }, token)
  const [wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
  await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 1000 }] }, token, 201)
  return { token, orders }
}

// Ticks an order's checkbox by its label (Element Plus draws the box over its input, which takes no clicks itself).
async function choose(page, order) {
  const box = page.getByRole('checkbox', { name: `Chọn đơn ${order.external_id}` })
  await box.locator('xpath=ancestor::label[1]').click()
  assert.equal(await box.isChecked(), true)
}

// Waits for the results dialog of a run to say it finished; returns the dialog.
async function finished(page, title) {
  const dialog = await visible(page.getByRole('dialog', { name: title, exact: true }))
  await visible(dialog.getByTestId('bulk-run-summary').filter({ hasText: 'Xong:' }))
  return dialog
}

describe('Bulk shipping on a desktop', () => {
  let browser
  let seed

  before(async () => {
    browser = await startBrowser()
    seed = await morning(3)
  })

  after(async () => {
    await browser?.close()
  })

  test('choose orders → arrange shipment → print labels as one PDF → create slips, each order\'s result shown', async () => {
    await withPage(browser, 'bulk-desktop', async (page) => {
      const { token, orders } = seed
      await loginByToken(page, token, '/orders')
      const [a, b] = orders
      await choose(page, a)
      await choose(page, b)
      const bar = await visible(page.getByRole('region', { name: 'Thao tác hàng loạt' }))
      await visible(bar.getByText('Đã chọn 2 đơn'))

      await bar.getByRole('button', { name: 'Sắp xếp vận chuyển' }).click()
      const arrange = await visible(page.getByRole('dialog', { name: 'Sắp xếp vận chuyển với TikTok' }))
      await arrange.getByText('Gửi hàng tại bưu cục').click()
      await arrange.getByRole('button', { name: 'Sắp xếp 2 đơn' }).click()
      let results = await finished(page, 'Sắp xếp vận chuyển')
      await visible(results.getByText('Xong: 2 đơn thành công, 0 đơn không thực hiện được'))
      await results.getByRole('button', { name: 'Đóng', exact: true }).last().click()
      for (const o of [a, b]) assert.equal((await apiOk('GET', `/orders/${o.id}`, undefined, token)).channel_status, 'AWAITING_COLLECTION')

      await bar.getByRole('button', { name: 'In vận đơn' }).click()
      results = await finished(page, 'In vận đơn')
      const open = await visible(results.getByRole('link', { name: 'Mở bản in (2 trang)' }))
      const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()])
      assert.match(tab.url(), /^blob:/)
      await tab.close()
      await results.getByRole('button', { name: 'Đóng', exact: true }).last().click()
      await visible(page.getByText('Đã in vận đơn').first())

      await bar.getByRole('button', { name: 'Chọn tất cả 3 đơn khớp bộ lọc' }).click()
      await visible(bar.getByText('Đã chọn 3 đơn'))
      await bar.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      const slips = await visible(page.getByRole('dialog', { name: 'Tạo phiếu xuất hàng loạt' }))
      await slips.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      results = await finished(page, 'Tạo phiếu xuất')
      await visible(results.getByText('Xong: 3 đơn thành công, 0 đơn không thực hiện được'))
      const slipped = await apiOk('GET', '/orders?has_export_slip=true', undefined, token)
      assert.equal(slipped.total, 3)
    })
  })
})

describe('Bulk shipping on a phone', () => {
  let browser
  let seed

  before(async () => {
    browser = await startBrowser(PHONE)
    seed = await morning(2)
  })

  after(async () => {
    await browser?.close()
  })

  test('select mode on the cards → arrange shipment, within the phone\'s width', async () => {
    await withPage(browser, 'bulk-phone', async (page) => {
      const { token, orders } = seed
      await loginByToken(page, token, '/orders')
      await page.getByRole('button', { name: 'Chọn nhiều đơn' }).tap()
      for (const o of orders) await choose(page, o)
      const bar = await visible(page.getByRole('region', { name: 'Thao tác hàng loạt' }))
      await visible(bar.getByText('Đã chọn 2 đơn'))
      await assertFitsWidth(page, 'the orders list in select mode')
      await bar.getByRole('button', { name: 'Sắp xếp vận chuyển' }).tap()
      const arrange = await visible(page.getByRole('dialog', { name: 'Sắp xếp vận chuyển với TikTok' }))
      await assertFitsWidth(page, 'the arrange dialog')
      await arrange.getByText('Gửi hàng tại bưu cục').tap()
      await arrange.getByRole('button', { name: 'Sắp xếp 2 đơn' }).tap()
      const results = await finished(page, 'Sắp xếp vận chuyển')
      await visible(results.getByText('Xong: 2 đơn thành công, 0 đơn không thực hiện được'))
      await assertFitsWidth(page, 'the results')
      const done = await apiOk('GET', '/orders?shipping=awaiting_collection', undefined, token)
      assert.equal(done.total, 2)
    })
  })
})
