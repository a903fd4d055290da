// Browser tests of the stock push dialog of a TikTok connection, on one shop set up once: turn push on and pick the
// TikTok warehouse from TikTok's list, see the SKU's pushed quantity after 'Đẩy tồn kho ngay'; 'Đối soát tồn kho'
// corrects a quantity changed on TikTok's side and lists it; on a phone the dialog covers the screen, fits it and
// has thumb-sized buttons.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addSandboxProducts,
  apiOk,
  assertFitsWidth,
  assertTouchSized,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  loginByToken,
  PHONE,
  registerByApi,
  sandboxApi,
  startBrowser,
  visible,
  withPage,
} from './helpers.mjs'

describe('Stock push (Đồng bộ sàn TMĐT → Tiktok → Đẩy tồn kho)', () => {
  let browser
  let ctx
  before(async () => {
    browser = await startBrowser()
    const { token } = await registerByApi()
    const seller = await createSandboxSeller()
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 1, skus_per_product: 1 })
    const second = await sandboxApi('POST', `/sandbox/shops/${shop.id}/warehouses`, { name: 'Kho Thủ Đức' })
    const [conn] = await connectSellerByApi(token, seller)
    const pull = await apiOk('POST', `/connections/${conn.id}/pull-products`, undefined, token, 202)
    await eventually(async () => (await apiOk('GET', `/sync-jobs/${pull.job.id}`, undefined, token)).state === 'done', 'the pull')
    const [sku] = (await apiOk('GET', `/channel-skus?connection_id=${conn.id}`, undefined, token)).items
    const product = await apiOk('POST', '/products', { name: 'Áo đẩy tồn', sku: `DT-${Date.now()}`, unit: 'cái' }, token, 201)
    await apiOk('PUT', `/channel-skus/${sku.id}/link`, { product_id: product.id }, token)
    const wh = (await apiOk('GET', '/warehouses', undefined, token)).items[0]
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 6 }] }, token, 201)
    ctx = { token, shop, second, conn, sku }
  })
  after(async () => {
    await browser?.close()
  })

  // The SKU's quantity in the second TikTok warehouse, or null.
  async function inSecond() {
    const { products } = await sandboxApi('GET', `/sandbox/shops/${ctx.shop.id}/products`)
    const inv = products[0].skus[0].inventory.find((i) => i.warehouse_id === ctx.second.id)
    return inv ? inv.quantity : null
  }

  test('turn push on into a TikTok warehouse picked from TikTok\'s list, push now, reconcile a change made on TikTok', async () => {
    const { token, shop, second, conn, sku } = ctx
    await withPage(browser, 'stock-push', async (page) => {
      await loginByToken(page, token, '/settings/ecommerce')
      await page.getByRole('tab', { name: 'Tiktok' }).click()
      await page.getByRole('button', { name: 'Đẩy tồn kho', exact: true }).first().click()
      const dialog = await visible(page.getByRole('dialog', { name: /Đẩy tồn kho sang TikTok/ }))
      // the switch's input is visually hidden: click the switch it belongs to
      await dialog.getByRole('switch', { name: 'Tự động đẩy tồn kho' }).locator('xpath=..').click()
      // the list is pulled by a sync job when the dialog first opens; a warehouse added on TikTok since shows after
      // Lấy lại từ TikTok
      await visible(dialog.getByText(/^Danh sách kho lấy từ TikTok lúc/))
      await sandboxApi('POST', `/sandbox/shops/${shop.id}/warehouses`, { name: 'Kho Bình Dương' })
      await dialog.getByRole('button', { name: 'Lấy lại từ TikTok' }).click()
      await visible(dialog.getByRole('status'))
      await visible(dialog.getByText(/^Danh sách kho lấy từ TikTok lúc/))
      await dialog.getByRole('combobox', { name: 'Kho TikTok nhận tồn' }).click({ force: true })
      await visible(page.getByRole('option', { name: 'Kho Bình Dương', exact: true }))
      await visible(page.getByRole('option', { name: /^Kho mặc định của shop \(Kho hàng / }))
      await page.getByRole('option', { name: 'Kho Thủ Đức', exact: true }).click()
      await dialog.getByRole('button', { name: 'Lưu' }).click()
      await visible(page.getByText('Đã lưu cài đặt đẩy tồn kho'))
      await eventually(async () => {
        await dialog.getByRole('button', { name: 'Đẩy tồn kho ngay' }).click()
        return (await dialog.getByText(/Đã đẩy 6 lúc/).count()) > 0
      }, 'the pushed quantity shown', { timeoutMs: 20000, intervalMs: 1500 })
      await eventually(async () => (await inSecond()) === 6, 'the push into the picked TikTok warehouse', { timeoutMs: 20000 })

      // the clicks on push now leave nothing due before TikTok's side changes (a SKU due a push is not reconciled)
      await eventually(async () => (await apiOk('GET', `/connections/${conn.id}/stock-push`, undefined, token)).items.every((x) => !x.pending),
        'no push due')
      await eventually(async () => (await inSecond()) === 6, 'the last push landed', { timeoutMs: 20000 })
      await sandboxApi('PUT', `/sandbox/shops/${shop.id}/skus/${sku.sku_id}`, { quantity: 50, warehouse_id: second.id })
      await dialog.getByRole('button', { name: 'Đối soát tồn kho' }).click()
      await visible(dialog.getByText(/kiểm tra 1 SKU, sửa 1 SKU/))
      await visible(dialog.getByText(/TikTok có 50, đã đẩy lại 6/))
      await eventually(async () => (await inSecond()) === 6, 'the reconciled quantity back on TikTok', { timeoutMs: 20000 })
    })
    const s = await apiOk('GET', `/connections/${conn.id}/stock-settings`, undefined, token)
    assert.deepEqual([s.enabled, s.tiktok_warehouse_id], [true, second.id])
  })

  test('on a phone the stock push dialog covers the screen, fits it and its buttons are thumb-sized', async () => {
    const phone = await startBrowser(PHONE)
    try {
      await withPage(phone, 'stock-push-phone', async (page) => {
        await loginByToken(page, ctx.token, '/settings/ecommerce')
        await page.getByRole('tab', { name: 'Tiktok' }).tap()
        await page.getByRole('button', { name: 'Đẩy tồn kho', exact: true }).first().tap()
        const dialog = await visible(page.getByRole('dialog', { name: /Đẩy tồn kho sang TikTok/ }))
        await visible(dialog.getByText(/kiểm tra 1 SKU, sửa 1 SKU/))
        await eventually(async () => {
          const b = await dialog.boundingBox()
          return [b.x, b.y, b.width, b.height].map(Math.round).join() === '0,0,390,844'
        }, 'the dialog to cover the screen')
        await assertFitsWidth(page, 'stock push dialog')
        await assertTouchSized(page, 'stock push dialog', dialog)
      })
    } finally {
      await phone.close()
    }
  })
})
