// Browser tests of the stock push dialog of a TikTok connection. One shop: turn push on and pick the TikTok warehouse
// from TikTok's list (named, the shop's default named too), confirm the preview, read the SKU's sentence after
// 'Đẩy tồn kho ngay'; 'Đối soát tồn kho' corrects a quantity changed on TikTok's side and lists it. Another shop, half
// set up: the preview counts the SKUs per change, lists the one going to 0 and the one whose stock is not managed,
// includes that one in a click, asks for the number of zeros and asks again when it changed meanwhile. On a phone the
// dialog and the preview cover the screen, fit it and have thumb-sized buttons.
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

// A merchant with one shop whose SKUs are pulled (TikTok holding `tiktokQty` of each when given); links each SKU to a
// new product received in the default warehouse with the quantity `received[i]` (null: never received).
async function shopWith({ skus, received, tiktokQty = null }) {
  const { token } = await registerByApi()
  const seller = await createSandboxSeller()
  const shop = seller.shops[0]
  const { products } = await addSandboxProducts(shop.id, { count: 1, skus_per_product: skus })
  if (tiktokQty !== null) for (const k of products[0].skus) await sandboxApi('PUT', `/sandbox/shops/${shop.id}/skus/${k.id}`, { quantity: tiktokQty })
  const [conn] = await connectSellerByApi(token, seller)
  const pull = await apiOk('POST', `/connections/${conn.id}/pull-products`, undefined, token, 202)
  await eventually(async () => (await apiOk('GET', `/sync-jobs/${pull.job.id}`, undefined, token)).state === 'done', 'the pull')
  const list = (await apiOk('GET', `/channel-skus?connection_id=${conn.id}`, undefined, token)).items
  const wh = (await apiOk('GET', '/warehouses', undefined, token)).items[0]
  const linked = []
  for (const [i, sku] of list.entries()) {
    const product = await apiOk('POST', '/products', { name: `Áo đẩy tồn ${i + 1}`, sku: `DT-${Date.now()}-${i}`, unit: 'cái' }, token, 201)
    await apiOk('PUT', `/channel-skus/${sku.id}/link`, { product_id: product.id }, token)
    if (received[i] !== null) await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: received[i] }] }, token, 201)
    linked.push({ ...sku, product })
  }
  return { token, shop, conn, wh, skus: linked }
}

// The stock push dialog of the merchant's shop, opened from /settings/ecommerce.
async function openDialog(page, token, tap = false) {
  await loginByToken(page, token, '/settings/ecommerce')
  const press = (l) => (tap ? l.tap() : l.click())
  await press(page.getByRole('tab', { name: 'TikTok' }))
  await press(page.getByRole('button', { name: 'Đẩy tồn kho', exact: true }).first())
  return visible(page.getByRole('dialog', { name: /Đẩy tồn kho sang TikTok/ }))
}

// A SKU as the lists name it (its variant, else its seller SKU), as a pattern.
const named = (sku) => (sku.sku_name || sku.seller_sku).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('Stock push (Đồng bộ sàn TMĐT → Tiktok → Đẩy tồn kho)', () => {
  let browser
  let ctx
  let half
  before(async () => {
    browser = await startBrowser()
    const one = await shopWith({ skus: 1, received: [6] })
    const second = await sandboxApi('POST', `/sandbox/shops/${one.shop.id}/warehouses`, { name: 'Kho Thủ Đức' })
    ctx = { ...one, second, sku: one.skus[0] }
    // TikTok has 5 of each; the app: A received 10, B received 1 (0 after the buffer of 1), C never received
    half = await shopWith({ skus: 3, received: [10, 1, null], tiktokQty: 5 })
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
      const dialog = await openDialog(page, token)
      // the switch's input is visually hidden: click the switch it belongs to
      await dialog.getByRole('switch', { name: 'Tự động đẩy tồn kho' }).locator('xpath=..').click()
      // the list is pulled by a sync job when the dialog first opens; a warehouse added on TikTok since shows after
      // Lấy lại từ TikTok
      await visible(dialog.getByText(/^Danh sách kho lấy từ TikTok lúc/))
      // the picker names the shop's default warehouse, never an empty "Chọn"
      await visible(dialog.getByText(/^Kho mặc định của shop \(Kho hàng /))
      assert.equal(await dialog.getByText('Chọn', { exact: true }).count(), 0)
      await sandboxApi('POST', `/sandbox/shops/${shop.id}/warehouses`, { name: 'Kho Bình Dương' })
      await dialog.getByRole('button', { name: 'Lấy lại từ TikTok' }).click()
      await visible(dialog.getByRole('status'))
      await visible(dialog.getByText(/^Danh sách kho lấy từ TikTok lúc/))
      await dialog.getByRole('combobox', { name: 'Kho TikTok nhận tồn' }).click({ force: true })
      await visible(page.getByRole('option', { name: 'Kho Bình Dương', exact: true }))
      await visible(page.getByRole('option', { name: /^Kho mặc định của shop \(Kho hàng / }))
      await page.getByRole('option', { name: 'Kho Thủ Đức', exact: true }).click()
      await visible(dialog.getByText('Kho Thủ Đức', { exact: true }))
      await dialog.getByRole('button', { name: 'Lưu' }).click()
      // saving with push on shows what TikTok would receive first
      const preview = await visible(page.getByRole('dialog', { name: /Xem trước khi lưu/ }))
      // TikTok lists the SKU in its default warehouse only: it has 0 in the one picked
      await visible(preview.getByText('1 SKU đã liên kết: 1 SKU tăng, 0 SKU giảm, 0 SKU giữ nguyên, 0 SKU về 0, 0 SKU chưa quản lý tồn (để nguyên).'))
      await preview.getByRole('button', { name: 'Lưu và đẩy' }).click()
      await visible(page.getByText('Đã lưu cài đặt đẩy tồn kho'))
      await eventually(async () => (await inSecond()) === 6, 'the push into the picked TikTok warehouse', { timeoutMs: 20000 })
      await dialog.getByRole('button', { name: 'Đẩy tồn kho ngay' }).click()
      const pushPreview = await visible(page.getByRole('dialog', { name: /Xem trước khi đẩy tồn kho/ }))
      await visible(pushPreview.getByText(/^1 SKU đã liên kết: 0 SKU tăng, 0 SKU giảm, 1 SKU giữ nguyên, 0 SKU về 0/))
      await pushPreview.getByRole('button', { name: 'Đẩy tồn kho', exact: true }).click()
      await visible(page.getByText('Đã xếp lịch đẩy tồn kho'))
      // the SKU in one sentence: what TikTok has, what the app pushed and when (the list follows the push)
      await visible(dialog.getByText(/^TikTok có 6, ứng dụng đã đẩy 6 lúc .+\.$/))

      // the push now leaves nothing due before TikTok's side changes (a SKU due a push is not reconciled)
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

  test('on a phone the stock push dialog and its preview cover the screen, fit it and their buttons are thumb-sized', async () => {
    const phone = await startBrowser(PHONE)
    const covers = async (dialog, what) => {
      await eventually(async () => {
        const b = await dialog.boundingBox()
        return [b.x, b.y, b.width, b.height].map(Math.round).join() === '0,0,390,844'
      }, `${what} to cover the screen`)
    }
    try {
      await withPage(phone, 'stock-push-phone', async (page) => {
        const dialog = await openDialog(page, ctx.token, true)
        await visible(dialog.getByText(/kiểm tra 1 SKU, sửa 1 SKU/))
        await covers(dialog, 'the dialog')
        await assertFitsWidth(page, 'stock push dialog')
        await assertTouchSized(page, 'stock push dialog', dialog)
      })
      await withPage(phone, 'stock-push-preview-phone', async (page) => {
        const dialog = await openDialog(page, half.token, true)
        await dialog.getByRole('switch', { name: 'Tự động đẩy tồn kho' }).locator('xpath=..').tap()
        await dialog.getByRole('spinbutton', { name: 'Tồn kho an toàn (trừ đi)' }).fill('1')
        await dialog.getByRole('button', { name: 'Lưu' }).tap()
        const preview = await visible(page.getByRole('dialog', { name: /Xem trước khi lưu/ }))
        await visible(preview.getByRole('region', { name: 'Về 0 trên TikTok (1 SKU)' }))
        await visible(preview.getByRole('region', { name: 'Chưa quản lý tồn (1 SKU)' }))
        await covers(preview, 'the preview')
        await assertFitsWidth(page, 'stock push preview')
        await assertTouchSized(page, 'stock push preview', preview)
        await preview.getByRole('button', { name: 'Hủy' }).tap()
      })
      const s = await apiOk('GET', `/connections/${half.conn.id}/stock-settings`, undefined, half.token)
      assert.equal(s.enabled, false, 'a preview cancelled saves nothing')
    } finally {
      await phone.close()
    }
  })

  test('a half set-up shop: the preview lists the zero and the not-managed SKU, includes it, and asks for the zeros\' number again when it changed', async () => {
    const { token, shop, conn, wh, skus } = half
    const [a, b, c] = skus
    const n = (await sandboxApi('GET', `/sandbox/shops/${shop.id}/inventory-updates?limit=5000`)).updates.length
    await withPage(browser, 'stock-push-preview', async (page) => {
      const dialog = await openDialog(page, token)
      await dialog.getByRole('switch', { name: 'Tự động đẩy tồn kho' }).locator('xpath=..').click()
      await dialog.getByRole('spinbutton', { name: 'Tồn kho an toàn (trừ đi)' }).fill('1')
      await dialog.getByRole('button', { name: 'Lưu' }).click()
      const preview = await visible(page.getByRole('dialog', { name: /Xem trước khi lưu/ }))
      await visible(preview.getByText('3 SKU đã liên kết: 1 SKU tăng, 0 SKU giảm, 0 SKU giữ nguyên, 1 SKU về 0, 1 SKU chưa quản lý tồn (để nguyên).'))
      const zero = preview.getByRole('region', { name: 'Về 0 trên TikTok (1 SKU)' })
      await visible(zero.getByText(new RegExp(`${named(b)}.*TikTok có 5 → 0`)))
      const unmanaged = preview.getByRole('region', { name: 'Chưa quản lý tồn (1 SKU)' })
      await visible(unmanaged.getByText(new RegExp(`${named(c)}.*TikTok giữ 5`)))
      const go = preview.getByRole('button', { name: 'Lưu và đẩy' })
      assert.equal(await go.isDisabled(), true, 'a zero is not pushed before its number is agreed to')

      // one click includes the not-managed SKU: it goes to 0 too, and the number to agree to is 2
      await unmanaged.getByRole('button', { name: new RegExp(`^Đẩy SKU này: .*${named(c)}$`) }).click()
      await visible(preview.getByText('3 SKU đã liên kết: 1 SKU tăng, 0 SKU giảm, 0 SKU giữ nguyên, 2 SKU về 0, 0 SKU chưa quản lý tồn (để nguyên).'))
      // meanwhile B receives stock: 2 SKUs agreed to, 1 going to 0 now; the app asks again
      await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: b.product.id, quantity: 3 }] }, token, 201)
      await preview.getByText('Tôi đồng ý đưa 2 SKU về 0 trên TikTok').click()
      await go.click()
      await visible(page.getByText('Số SKU về 0 đã thay đổi, hãy xem lại.'))
      await visible(preview.getByText('3 SKU đã liên kết: 1 SKU tăng, 1 SKU giảm, 0 SKU giữ nguyên, 1 SKU về 0, 0 SKU chưa quản lý tồn (để nguyên).'))
      assert.equal(await go.isDisabled(), true, 'the new number is agreed to anew')
      await preview.getByText('Tôi đồng ý đưa 1 SKU về 0 trên TikTok').click()
      await go.click()
      await visible(page.getByText('Đã lưu cài đặt đẩy tồn kho'))
      await eventually(async () => (await apiOk('GET', `/connections/${conn.id}/stock-push`, undefined, token)).items.every((x) => !x.pending),
        'the push to finish')
    })
    // TikTok received what the last preview showed: A 9, B 3, C 0
    const got = {}
    for (const u of (await sandboxApi('GET', `/sandbox/shops/${shop.id}/inventory-updates?limit=5000`)).updates.slice(n)) got[u.sku_id] = u.quantity
    assert.deepEqual(got, { [a.sku_id]: 9, [b.sku_id]: 3, [c.sku_id]: 0 })
    const s = await apiOk('GET', `/connections/${conn.id}/stock-settings`, undefined, token)
    assert.deepEqual([s.enabled, s.buffer, s.skip_unreceived, s.included_channel_sku_ids], [true, 1, true, [c.id]])
  })
})
