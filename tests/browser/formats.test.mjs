// Dates and date filters read the Vietnamese way in both languages: the orders list's dates are dd/MM/yyyy HH:mm, its
// date filter is Element Plus's picker showing dd/MM/yyyy (not the browser's own input, which an English browser
// shows as mm/dd/yyyy), with shortcuts on a desktop and two day pickers that fit a 390 px phone; a price is typed
// as merchants write it (408.000), the form says what it read, and an ambiguous one (1.50) is refused.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addSandboxOrders,
  addSandboxProducts,
  api,
  assertFitsWidth,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  loginByToken,
  PHONE,
  registerByApi,
  startBrowser,
  visible,
  withPage,
} from './helpers.mjs'

const pad = (n) => String(n).padStart(2, '0')
const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const dmy = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

describe('formats', () => {
  let token

  before(async () => {
    ;({ token } = await registerByApi())
    const seller = await createSandboxSeller({ shops: 1 })
    await addSandboxProducts(seller.shops[0].id, { count: 1, skus_per_product: 1 })
    await addSandboxOrders(seller.shops[0].id, { count: 2, days_back: 1 })
    const [conn] = await connectSellerByApi(token, seller)
    assert.equal((await api('POST', `/connections/${conn.id}/sync`, undefined, token)).status, 202)
    await eventually(async () => (await api('GET', '/orders?per_page=1', undefined, token)).data.total === 2, 'the orders to sync')
  })

  describe('desktop', () => {
    let browser
    before(async () => {
      browser = await startBrowser()
    })
    after(async () => browser?.close())

    for (const [locale, shortcut, from] of [['vi', '7 ngày qua', 'Từ ngày'], ['en', 'Last 7 days', 'From']]) {
      test(`${locale}: order dates dd/MM/yyyy HH:mm; the range picker's shortcut filters the last 7 days, shown dd/MM/yyyy`, async () => {
        await withPage(browser, `formats-${locale}`, async (page) => {
          await page.addInitScript((l) => localStorage.setItem('locale', l), locale)
          await loginByToken(page, token, '/orders')
          await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
          await visible(page.getByText(DATE_TIME).first())

          await page.getByPlaceholder(from, { exact: true }).click()
          await page.getByText(shortcut, { exact: true }).click()
          const today = new Date()
          const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6)
          await page.waitForURL((url) => url.searchParams.get('from') === ymd(start) && url.searchParams.get('to') === ymd(today))
          assert.equal(await page.getByPlaceholder(from, { exact: true }).inputValue(), dmy(start))
          await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
          await visible(page.getByText(DATE_TIME).first())
        })
      })
    }
  })

  test('a price typed 408.000 is read as 408.000 ₫ and saved as 408000; 1.50 is refused, not taken as 1,5 ₫', async () => {
    const browser = await startBrowser()
    try {
      await withPage(browser, 'formats-price', async (page) => {
        await loginByToken(page, token, '/products')
        await page.getByRole('button', { name: 'Thêm sản phẩm' }).click()
        const form = await visible(page.getByRole('dialog', { name: 'Thêm mới sản phẩm' }))
        await form.getByLabel('Tên sản phẩm').fill('Áo thun')
        await form.getByLabel('Mã SKU').fill(`PRICE-${Date.now()}`)
        const price = form.getByLabel('Giá bán')
        await price.fill('1.50')
        await form.getByRole('button', { name: 'Thêm mới' }).click()
        await visible(form.getByText(/^Giá bán không hợp lệ/))
        await price.fill('408.000')
        await visible(form.getByText('Hiểu là 408.000\u00a0₫'))
        await form.getByRole('button', { name: 'Thêm mới' }).click()
        await visible(page.getByText('Đã thêm sản phẩm'))
        const list = await api('GET', '/products?q=PRICE-', undefined, token)
        assert.equal(list.data.items.length, 1)
        assert.equal(Number(list.data.items[0].price), 408000)
      })
    } finally {
      await browser.close()
    }
  })

  test('phone: two day pickers that fit the width; a day picked shows dd/MM/yyyy and filters', async () => {
    const browser = await startBrowser(PHONE)
    try {
      await withPage(browser, 'formats-phone', async (page) => {
        await loginByToken(page, token, '/orders')
        await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
        const filters = page.getByRole('button', { name: 'Bộ lọc' })
        if (await filters.count()) await filters.tap()
        const fromDay = await visible(page.getByPlaceholder('Từ ngày', { exact: true }))
        await visible(page.getByPlaceholder('Đến ngày', { exact: true }))
        await assertFitsWidth(page, 'the orders list with its date filter')
        await fromDay.tap()
        const panel = await visible(page.locator('.el-picker-panel').filter({ visible: true }).first())
        const box = await panel.boundingBox()
        assert.ok(box.x >= 0 && box.x + box.width <= 390, `the day picker fits the phone (${Math.round(box.x)}–${Math.round(box.x + box.width)})`)
        const today = new Date()
        await panel.locator('td.today').tap()
        await page.waitForURL((url) => url.searchParams.get('from') === ymd(today))
        assert.equal(await page.getByPlaceholder('Từ ngày', { exact: true }).inputValue(), dmy(today))
      })
    } finally {
      await browser.close()
    }
  })
})
