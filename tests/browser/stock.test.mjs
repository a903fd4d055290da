// Browser test of the guide's export slip screens (1.9.3.3): Đơn hàng → E-Commerce → an order in Đang xử lý →
// Tạo phiếu xuất → pick the warehouse → Tạo phiếu xuất (Chờ xuất kho) → Xuất kho (Đã xuất kho); another order's slip → Hủy phiếu
// (Đã hủy); the numbers on Tồn kho after each step; the slip's state in the orders list; the print view.
// Seeding through the APIs: a sandbox shop with orders, synced; a product linked to every SKU; a stock receipt.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  apiOk,
  addSandboxOrders,
  addSandboxProducts,
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

// The Tồn kho row of a product: [on hand, available, awaiting export] as shown.
async function shownStock(page, productName) {
  await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/inventory`)
  const table = page.getByRole('table', { name: 'Tồn kho' }).last()
  const row = page.locator('.el-table__body tr').filter({ hasText: productName })
  await visible(row.first())
  const cells = await row.first().locator('td').allInnerTexts()
  // the units box, product, warehouse, unit, on hand, available, awaiting export, ledger link
  assert.ok(table)
  return cells.slice(4, 7).map((c) => Number(c.trim().replace(/\./g, '')))
}

async function confirmBox(page) {
  const box = await visible(page.getByRole('dialog').filter({ hasText: 'Không thể hoàn tác' }))
  await box.getByRole('button', { name: 'Xác nhận', exact: true }).click()
}

describe('Export slips on the guide\'s screens', () => {
  let browser
  let token
  let orders
  let productName
  let stockIn

  before(async () => {
    browser = await startBrowser()
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 2, skus_per_product: 2 })
    await addSandboxOrders(shop.id, { count: 2, days_back: 1, status: 'AWAITING_SHIPMENT' })
    const [conn] = await connectSellerByApi(token, seller)
    await apiOk('POST', `/connections/${conn.id}/sync`, undefined, token, 202)
    const list = await eventually(async () => {
      const l = await apiOk('GET', '/orders?per_page=50', undefined, token)
      return l.items.length === 2 && l.items
    }, 'the two orders to be synced', { timeoutMs: 60000 })
    productName = `Áo thun ${Date.now()}`
    const product = await apiOk('POST', '/products', { name: productName, sku: `AT-${Date.now()}`, unit: 'cái' }, token, 201)
    orders = []
    for (const o of list) {
      const full = await apiOk('GET', `/orders/${o.id}`, undefined, token)
      const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }))
      await apiOk('POST', `/orders/${o.id}/links`, { links }, token)
      orders.push({ ...o, qty: full.lines.reduce((n, l) => n + l.quantity, 0) })
    }
    const [wh] = (await apiOk('GET', '/warehouses', undefined, token)).items
    stockIn = orders[0].qty + orders[1].qty + 3
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: stockIn }] }, token, 201)
  })

  after(async () => {
    await browser?.close()
  })

  test('Tạo phiếu xuất → Xuất kho, then another slip → Hủy phiếu → Bổ sung phiếu xuất, with the stock after each step', async () => {
    await withPage(browser, 'export-slips', async (page) => {
      const [first, second] = orders
      await loginByToken(page, token, '/orders')
      await page.getByRole('tab', { name: 'Sàn TMĐT' }).click()
      await page.getByRole('link', { name: first.external_id }).click()
      await waitForPath(page, new RegExp(`/orders/${first.id}$`))

      await page.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Tạo phiếu xuất' }))
      await visible(dialog.getByRole('combobox', { name: 'Kho xuất' }))
      await dialog.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      await visible(page.getByText('Tạo phiếu xuất thành công'))
      await waitForPath(page, /\/export-slips\/\d+$/)
      const heading = await visible(page.getByRole('heading', { level: 1 }))
      const code = (await heading.innerText()).match(/PXK\d{6}/)[0]
      await visible(page.getByText('Chờ xuất kho').first())
      const slipUrl = page.url()
      // made from the order, the slip's back link returns to that order
      await visible(page.getByRole('link', { name: 'Quay lại đơn hàng' }))

      assert.deepEqual(await shownStock(page, productName), [stockIn, stockIn - first.qty, first.qty])

      await page.goto(slipUrl)
      await page.getByRole('button', { name: 'Xuất kho', exact: true }).click()
      await confirmBox(page)
      // the page reloaded the slip: its state reads Đã xuất kho and no action is left (Exported is final)
      await gone(page.getByRole('button', { name: 'Xuất kho', exact: true }))
      await visible(page.getByRole('heading', { level: 1 }).locator('..').getByText('Đã xuất kho', { exact: true }))
      assert.equal(await page.getByRole('button', { name: 'Hủy phiếu' }).count(), 0, 'Exported is final')
      assert.deepEqual(await shownStock(page, productName), [stockIn - first.qty, stockIn - first.qty, 0])

      // the print view: mẫu 02-VT with the slip's number and goods
      await page.goto(slipUrl)
      await page.getByRole('button', { name: 'In phiếu' }).click()
      await waitForPath(page, /\/export-slips\/\d+\/print$/)
      const sheet = await visible(page.getByRole('article', { name: 'PHIẾU XUẤT KHO' }))
      await visible(sheet.getByText(`Số: ${code}`))
      await visible(sheet.getByText('Mẫu số 02 - VT'))
      await visible(sheet.getByRole('cell', { name: productName }))

      // the second order: create, then Hủy phiếu
      await page.goto(slipUrl.replace(/\/export-slips\/.*/, `/orders/${second.id}`))
      await page.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      await (await visible(page.getByRole('dialog', { name: 'Tạo phiếu xuất' }))).getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      await waitForPath(page, /\/export-slips\/\d+$/)
      await visible(page.getByText('Chờ xuất kho').first())
      const secondUrl = page.url()
      assert.deepEqual(await shownStock(page, productName), [stockIn - first.qty, stockIn - first.qty - second.qty, second.qty])
      await page.goto(secondUrl)
      await page.getByRole('button', { name: 'Hủy phiếu' }).click()
      await confirmBox(page)
      await gone(page.getByRole('button', { name: 'Hủy phiếu' }))
      await visible(page.getByRole('heading', { level: 1 }).locator('..').getByText('Đã hủy', { exact: true }))
      assert.equal(await page.getByRole('button', { name: 'Xuất kho', exact: true }).count(), 0, 'Cancelled is final')
      assert.deepEqual(await shownStock(page, productName), [stockIn - first.qty, stockIn - first.qty, 0])

      // the orders list shows each order's slip state; a cancelled slip lets the order get a new one
      await page.goto(slipUrl.replace(/\/export-slips\/.*/, '/orders'))
      const row1 = page.getByRole('row').filter({ hasText: first.external_id })
      await visible(row1.getByText('Đã xuất kho'))
      const row2 = page.getByRole('row').filter({ hasText: second.external_id })
      await visible(row2.getByText('Đã hủy'))
      await row2.getByRole('link', { name: second.external_id }).click()
      await visible(page.getByRole('button', { name: 'Bổ sung phiếu xuất' }))
    })
  })

  test('Nhập kho through its dialog, then Nhập hàng trả from the exported slip', async () => {
    await withPage(browser, 'stock-receipt-return', async (page) => {
      const before = (await apiOk('GET', '/stock', undefined, token)).items[0]
      await loginByToken(page, token, '/inventory')
      await page.getByRole('button', { name: 'Nhập kho', exact: true }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Phiếu nhập kho' }))
      await dialog.getByRole('combobox', { name: 'Sản phẩm 1' }).click()
      await page.getByRole('option', { name: new RegExp(productName) }).click()
      await dialog.getByRole('spinbutton', { name: 'Số lượng 1' }).fill('7')
      await dialog.getByRole('button', { name: 'Lưu phiếu nhập' }).click()
      await visible(page.getByText(/Đã nhập kho phiếu PNK\d{6}/))
      await eventually(async () => {
        const [onHand, available] = await shownStock(page, productName)
        return onHand === before.on_hand + 7 && available === before.available + 7
      }, 'Tồn kho to show the received units')

      // the first order's slip was exported: 2 of its units come back
      const slips = (await apiOk('GET', '/export-slips?status=exported', undefined, token)).items
      await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/export-slips/${slips[0].id}`)
      await page.getByRole('button', { name: 'Nhập hàng trả' }).click()
      const ret = await visible(page.getByRole('dialog', { name: /Nhập hàng trả từ phiếu/ }))
      const qty = ret.getByRole('spinbutton', { name: new RegExp(`Số lượng trả ${productName}`) })
      assert.equal(await qty.inputValue(), '0', 'a return starts at nothing: one tap does not bring everything back')
      assert.equal(await ret.getByRole('button', { name: 'Lưu phiếu nhập hàng trả' }).isDisabled(), true)
      await qty.fill('1')
      await ret.getByLabel('Ghi chú').fill('Khách trả 1 cái lỗi đường may')
      await ret.getByRole('button', { name: 'Lưu phiếu nhập hàng trả' }).click()
      await visible(page.getByText(/Đã nhập hàng trả phiếu PNT\d{6}/))
      await visible(page.getByRole('heading', { name: 'Phiếu nhập hàng trả' }))
      await visible(page.getByText('Ghi chú: Khách trả 1 cái lỗi đường may'))
      const [onHand, available, awaiting] = await shownStock(page, productName)
      assert.deepEqual([onHand, available, awaiting], [before.on_hand + 8, before.available + 8, before.awaiting_export])
      await page.getByRole('tab', { name: 'Sổ kho' }).click()
      await visible(page.getByText('Nhập hàng trả').first())
      await visible(page.getByRole('tabpanel', { name: 'Sổ kho' }).getByText('Khách trả 1 cái lỗi đường may').first())
    })
  })

  test('the slips list prints its selection as one document (02-VT with amounts and the total in words)', async () => {
    await withPage(browser, 'export-slips-batch-print', async (page) => {
      const slips = (await apiOk('GET', '/export-slips', undefined, token)).items
      assert.equal(slips.length, 2)
      await loginByToken(page, token, '/export-slips')
      for (const s of slips) {
        const box = page.getByRole('checkbox', { name: `Chọn ${s.code} để in` })
        await box.locator('xpath=ancestor::label[1]').click()
        await eventually(async () => box.isChecked(), `${s.code} ticked`)
      }
      await page.getByRole('button', { name: 'In 2 phiếu đã chọn' }).click()
      await waitForPath(page, /\/export-slips\/print$/)
      assert.deepEqual(new URL(page.url()).searchParams.get('ids').split(',').map(Number).sort(), slips.map((s) => s.id).sort())
      for (const s of slips) {
        const sheet = await visible(page.getByRole('article', { name: `PHIẾU XUẤT KHO ${s.code}` }))
        await visible(sheet.getByText('Mẫu số 02 - VT'))
        await visible(sheet.getByText(/Kèm theo Thông tư số 99\/2025\/TT-BTC/))
        await visible(sheet.getByText(/^Tổng số tiền \(viết bằng chữ\): .+ đồng$/))
        await visible(sheet.getByRole('columnheader', { name: 'Đơn giá' }))
        await visible(sheet.getByRole('columnheader', { name: 'Thành tiền' }))
      }
    })
  })

  test('the slips list filters by state and searches by code', async () => {
    await withPage(browser, 'export-slips-list', async (page) => {
      await loginByToken(page, token, '/export-slips')
      const rows = page.locator('.el-table__body tr')
      await eventually(async () => (await rows.count()) === 2, 'two slips listed')
      await page.getByRole('combobox', { name: 'Trạng thái phiếu' }).click({ force: true })
      await page.getByRole('option', { name: 'Đã hủy', exact: true }).click()
      await eventually(async () => (await rows.count()) === 1 && (await rows.first().innerText()).includes('Đã hủy'), 'only the cancelled slip')
      await visible(rows.first().getByText(orders[1].external_id))
    })
  })

  test('an unlinked item: Tạo phiếu xuất is refused with the item named, and Liên kết sản phẩm opens the popup', async () => {
    await withPage(browser, 'export-slips-unlinked', async (page) => {
      const o = orders[1]
      const full = await apiOk('GET', `/orders/${o.id}`, undefined, token)
      const line = full.lines[0]
      await apiOk('DELETE', `/channel-skus/${line.channel_sku_id}/link`, undefined, token, 204)
      await loginByToken(page, token, `/orders/${o.id}`)
      // its first slip was cancelled above: the next one is added ("Bổ sung")
      await page.getByRole('button', { name: 'Bổ sung phiếu xuất' }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Bổ sung phiếu xuất' }))
      await dialog.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      await visible(dialog.getByText('Các sản phẩm sau chưa được liên kết với sản phẩm của cửa hàng:'))
      await visible(dialog.getByText(line.product_name, { exact: false }).first())
      await dialog.getByRole('button', { name: 'Liên kết sản phẩm' }).click()
      await visible(page.getByRole('dialog', { name: 'Liên kết sản phẩm' }))
      assert.equal((await apiOk('GET', `/export-slips?q=${o.external_id}&status=awaiting_export`, undefined, token)).total, 0)
    })
  })
})
