// Browser test of after-sales: Yêu cầu hủy/trả hàng lists a buyer's return and cancellation raised on the sandbox;
// the merchant approves the return (confirmed first), receives its goods with "Nhập hàng trả" prefilled from the
// request, rejects the cancellation with one of TikTok's reasons, sees the requests on the order and the overview's
// tile; the list fits a 390 px phone. Seeding through the APIs: a sandbox shop with orders synced, a product linked to
// every SKU, stock received, slips made and exported.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  PHONE,
  apiOk,
  addSandboxOrders,
  addSandboxProducts,
  assertFitsWidth,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  gone,
  loginByToken,
  registerByApi,
  sandboxApi,
  startBrowser,
  visible,
  withPage,
} from './helpers.mjs'

// Shows every request, not only those waiting (Element Plus draws the box over its input: its label takes the click).
async function showAll(page) {
  const box = page.getByRole('checkbox', { name: 'Chỉ yêu cầu chờ tôi phản hồi' })
  await box.locator('xpath=ancestor::label[1]').click()
  assert.equal(await box.isChecked(), false)
}

async function confirm(page, text) {
  const box = await visible(page.getByRole('dialog').filter({ hasText: text }))
  await box.getByRole('button', { name: 'Xác nhận', exact: true }).click()
}

describe('Cancellation and return requests answered in the app', () => {
  let browser
  let token
  let delivered
  let shipping
  let returned
  let cancelled
  let product
  let wh

  // A synced order of the shop in `status`, every line linked to the product; its total quantity as qty.
  async function syncedOrder(shopId, connId, status) {
    const [made] = await addSandboxOrders(shopId, { count: 1, days_back: 0, status })
    await apiOk('POST', `/connections/${connId}/sync`, undefined, token, 202)
    const o = await eventually(async () => (await apiOk('GET', `/orders?q=${made.id}`, undefined, token)).items[0], `order ${made.id}`, { timeoutMs: 60000 })
    const full = await apiOk('GET', `/orders/${o.id}`, undefined, token)
    const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }))
    await apiOk('POST', `/orders/${o.id}/links`, { links }, token)
    return { ...o, qty: full.lines.reduce((n, l) => n + l.quantity, 0) }
  }

  // The app's request for TikTok's id once synced.
  async function synced(externalId) {
    return eventually(async () => (await apiOk('GET', '/after-sales?per_page=200', undefined, token)).items
      .find((x) => x.external_id === externalId), `request ${externalId}`, { timeoutMs: 30000 })
  }

  before(async () => {
    browser = await startBrowser()
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 2, skus_per_product: 2 })
    const [conn] = await connectSellerByApi(token, seller)
    product = await apiOk('POST', '/products', { name: `Váy trả ${Date.now()}`, sku: `VT-${Date.now()}`, unit: 'cái' }, token, 201)
    ;[wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 100 }] }, token, 201)
    delivered = await syncedOrder(shop.id, conn.id, 'DELIVERED')
    shipping = await syncedOrder(shop.id, conn.id, 'AWAITING_SHIPMENT')
    const slip = await apiOk('POST', `/orders/${delivered.id}/export-slips`, { warehouse_id: wh.id }, token, 201)
    await apiOk('POST', `/export-slips/${slip.id}/export`, undefined, token)
    returned = await sandboxApi('POST', `/sandbox/orders/${delivered.external_id}/returns`, { return_type: 'RETURN_AND_REFUND' })
    cancelled = await sandboxApi('POST', `/sandbox/orders/${shipping.external_id}/cancellations`, {})
    await synced(returned.return_id)
    const c = await synced(cancelled.cancel_id)
    await eventually(async () => (await apiOk('GET', `/after-sales/${c.id}`, undefined, token)).reject_reasons.length > 0,
      'TikTok\'s reject reasons read by the sync worker', { timeoutMs: 30000 })
  })

  after(async () => {
    await browser?.close()
  })

  test('approve a return, receive its goods prefilled; reject a cancellation with TikTok\'s reason', async () => {
    await withPage(browser, 'after-sales', async (page) => {
      await loginByToken(page, token, '/')
      const tile = await visible(page.locator('[data-code="after_sales_waiting"]'))
      assert.match(await tile.innerText(), /^2\b/)
      await tile.click()
      await visible(page.getByRole('heading', { name: 'Yêu cầu hủy/trả hàng', level: 1 }))
      const returnCard = page.locator('.as-card').filter({ hasText: returned.return_id })
      const cancelCard = page.locator('.as-card').filter({ hasText: cancelled.cancel_id })
      await visible(returnCard.getByText('Trả hàng hoàn tiền'))
      await visible(cancelCard.getByText('Hủy đơn'))
      await visible(returnCard.getByText(/Hạn phản hồi \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/))

      // every request, not only those waiting: the return stays on screen once TikTok took the answer
      await showAll(page)
      await returnCard.getByRole('button', { name: 'Đồng ý' }).click()
      await confirm(page, 'gửi trả hàng')
      // the card follows the answer's job, then offers the goods back
      const receive = await visible(returnCard.getByRole('button', { name: 'Nhập hàng trả' }))
      await receive.click()
      const dialog = await visible(page.getByRole('dialog', { name: new RegExp(`yêu cầu TikTok ${returned.return_id}`) }))
      const qty = dialog.getByRole('spinbutton', { name: new RegExp(`Số lượng trả.*${product.name}`) })
      assert.equal(await qty.inputValue(), String(delivered.qty), 'prefilled with what the buyer sends back')
      await dialog.getByRole('button', { name: 'Lưu phiếu nhập hàng trả' }).click()
      await visible(page.getByText(/Đã nhập hàng trả phiếu PNT/).first())
      await visible(returnCard.getByText(/Đã nhập hàng trả, phiếu PNT\d+/))
      await gone(receive)

      await cancelCard.getByRole('button', { name: 'Từ chối' }).click()
      const reject = await visible(page.getByRole('dialog', { name: `Từ chối yêu cầu ${cancelled.cancel_id}` }))
      // Element Plus draws the shown value over the combobox input: the click goes through it
      await reject.getByRole('combobox', { name: 'Lý do từ chối (theo TikTok)' }).click({ force: true })
      await page.getByRole('option').first().click()
      await reject.getByRole('textbox', { name: 'Ghi chú gửi người mua' }).fill('Hàng đã đóng gói xong')
      await reject.getByRole('button', { name: 'Từ chối' }).click()
      await confirm(page, 'bị từ chối với lý do')
      await visible(cancelCard.getByText('Đã từ chối'))
    })
    const stock = (await apiOk('GET', `/stock?warehouse_id=${wh.id}&product_id=${product.id}`, undefined, token)).items[0]
    assert.equal(stock.on_hand, 100, 'the returned goods are back on hand')
  })

  test('the order shows its request; the list fits a 390 px phone', async () => {
    const phone = await startBrowser(PHONE)
    try {
      await withPage(phone, 'after-sales-phone', async (page) => {
        await loginByToken(page, token, `/orders/${delivered.id}`)
        const section = await visible(page.getByRole('region', { name: 'Yêu cầu hủy/trả hàng của đơn' }))
        await visible(section.getByText(returned.return_id))
        await assertFitsWidth(page, 'the order with its request')
        await page.goto(page.url().replace(/\/orders\/.*/, '/after-sales'))
        await visible(page.getByRole('heading', { name: 'Yêu cầu hủy/trả hàng', level: 1 }))
        await showAll(page)
        await visible(page.locator('.as-card').first())
        await assertFitsWidth(page, 'Yêu cầu hủy/trả hàng')
      })
    } finally {
      await phone.close()
    }
  })
})
