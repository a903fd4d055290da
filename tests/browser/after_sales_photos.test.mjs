// Browser test of rejecting a return whose package the seller received: TikTok requires photos, so the reject dialog
// says so and waits for one; the merchant attaches a photo (the file input a phone opens as camera or gallery), sees
// it, sends the rejection (confirmed first), and the card shows it rejected; the same on a 390 px phone. Seeding
// through the APIs: a sandbox shop with delivered orders synced and exported, their returns approved and shipped back.
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
  loginByToken,
  registerByApi,
  sandboxApi,
  startBrowser,
  visible,
  withPage,
} from './helpers.mjs'
import { png } from '../api/lib/images.mjs'

async function confirm(page, text) {
  const box = await visible(page.getByRole('dialog').filter({ hasText: text }))
  await box.getByRole('button', { name: 'Xác nhận', exact: true }).click()
}

describe('Rejecting a received package with photos', () => {
  let browser
  let token
  const returns = []

  // A delivered order, exported, whose buyer's return the app approved and the buyer shipped back; the request once
  // the sync worker read TikTok's reasons for refusing a received package.
  async function receivedReturn(shopId, connId, product, wh) {
    const [made] = await addSandboxOrders(shopId, { count: 1, days_back: 0, status: 'DELIVERED' })
    await apiOk('POST', `/connections/${connId}/sync`, undefined, token, 202)
    const o = await eventually(async () => (await apiOk('GET', `/orders?q=${made.id}`, undefined, token)).items[0], `order ${made.id}`, { timeoutMs: 60000 })
    const full = await apiOk('GET', `/orders/${o.id}`, undefined, token)
    const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }))
    await apiOk('POST', `/orders/${o.id}/links`, { links }, token)
    const slip = await apiOk('POST', `/orders/${o.id}/export-slips`, { warehouse_id: wh.id }, token, 201)
    await apiOk('POST', `/export-slips/${slip.id}/export`, undefined, token)
    const ret = await sandboxApi('POST', `/sandbox/orders/${o.external_id}/returns`, { return_type: 'RETURN_AND_REFUND' })
    const req = await eventually(async () => (await apiOk('GET', '/after-sales?per_page=200', undefined, token)).items
      .find((x) => x.external_id === ret.return_id), `request ${ret.return_id}`, { timeoutMs: 30000 })
    const { job } = await apiOk('POST', `/after-sales/${req.id}/approve`, {}, token, 202)
    await eventually(async () => (await apiOk('GET', `/sync-jobs/${job.id}`, undefined, token)).state === 'done', 'the approval sent')
    await sandboxApi('POST', `/sandbox/returns/${ret.return_id}/ship`, {})
    await eventually(async () => {
      const r = await apiOk('GET', `/after-sales/${req.id}`, undefined, token)
      return r.images_required && r.can_answer && r.reject_reasons.length > 0
        && r.reject_reasons.every((x) => x.name.startsWith('reverse_reject_return_parcel_reason_'))
    }, 'the package received, its reasons read', { timeoutMs: 30000 })
    return ret.return_id
  }

  before(async () => {
    browser = await startBrowser()
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 1, skus_per_product: 1 })
    const [conn] = await connectSellerByApi(token, seller)
    const product = await apiOk('POST', '/products', { name: `Giày trả ${Date.now()}`, sku: `GT-${Date.now()}`, unit: 'đôi' }, token, 201)
    const [wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 50 }] }, token, 201)
    returns.push(await receivedReturn(shop.id, conn.id, product, wh))
    returns.push(await receivedReturn(shop.id, conn.id, product, wh))
  })

  after(async () => {
    await browser?.close()
  })

  // Opens the rejection of returnId, checks the photo is required before it is given, attaches one and sends it.
  async function rejectWithPhoto(page, returnId, rgb) {
    const card = page.locator('.as-card').filter({ hasText: returnId })
    await card.getByRole('button', { name: 'Từ chối' }).click()
    const dialog = await visible(page.getByRole('dialog', { name: `Từ chối yêu cầu ${returnId}` }))
    await visible(dialog.getByText('TikTok yêu cầu ảnh khi từ chối kiện hàng bạn đã nhận'))
    await dialog.getByRole('combobox', { name: 'Lý do từ chối (theo TikTok)' }).click({ force: true })
    await page.getByRole('option').first().click()
    const send = dialog.getByRole('button', { name: 'Từ chối' })
    assert.equal(await send.isDisabled(), true, 'no rejection without a photo')
    // a file that is not a photo is refused on the device
    await dialog.getByLabel('Thêm ảnh').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('x') })
    await visible(dialog.getByRole('alert').filter({ hasText: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP' }))
    await dialog.getByLabel('Thêm ảnh').setInputFiles({ name: 'kien-hang.png', mimeType: 'image/png', buffer: png(400, 300, rgb) })
    const thumb = await visible(dialog.getByRole('img', { name: 'Ảnh 1' }))
    // the thumbnail shows (the page's Content-Security-Policy lets it load)
    await eventually(() => thumb.evaluate((img) => img.complete && img.naturalWidth === 400), 'the photo drawn')
    assert.equal(await send.isDisabled(), false)
    await send.click()
    await confirm(page, 'bị từ chối với lý do')
    await visible(card.getByText('Đã từ chối'))
  }

  test('the photo is required, attached and sent; TikTok got it through the sync worker', async () => {
    await withPage(browser, 'after-sales-photos', async (page) => {
      await loginByToken(page, token, '/after-sales')
      await visible(page.getByRole('heading', { name: 'Yêu cầu hủy/trả hàng', level: 1 }))
      const box = page.getByRole('checkbox', { name: 'Chỉ yêu cầu chờ tôi phản hồi' })
      await box.locator('xpath=ancestor::label[1]').click()
      await rejectWithPhoto(page, returns[0], [30, 140, 220])
    })
    const req = (await apiOk('GET', '/after-sales?per_page=200', undefined, token)).items.find((x) => x.external_id === returns[0])
    const full = await apiOk('GET', `/after-sales/${req.id}`, undefined, token)
    assert.deepEqual(full.answer_images.map((i) => [i.content_type, i.uploaded]), [['image/png', true]])
  })

  test('on a 390 px phone the dialog fits and the photo is sent the same way', async () => {
    const phone = await startBrowser(PHONE)
    try {
      await withPage(phone, 'after-sales-photos-phone', async (page) => {
        await loginByToken(page, token, '/after-sales')
        await visible(page.getByRole('heading', { name: 'Yêu cầu hủy/trả hàng', level: 1 }))
        const card = page.locator('.as-card').filter({ hasText: returns[1] })
        await card.getByRole('button', { name: 'Từ chối' }).click()
        const dialog = await visible(page.getByRole('dialog', { name: `Từ chối yêu cầu ${returns[1]}` }))
        await visible(dialog.getByRole('button', { name: 'Thêm ảnh' }).or(dialog.getByText('Thêm ảnh')).first())
        await assertFitsWidth(page, 'the reject dialog with its photos')
        await dialog.getByRole('button', { name: 'Hủy', exact: true }).click()
        const box = page.getByRole('checkbox', { name: 'Chỉ yêu cầu chờ tôi phản hồi' })
        await box.locator('xpath=ancestor::label[1]').click()
        await rejectWithPhoto(page, returns[1], [240, 120, 10])
        await assertFitsWidth(page, 'Yêu cầu hủy/trả hàng after the rejection')
      })
    } finally {
      await phone.close()
    }
  })
})
