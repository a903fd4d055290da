// New orders announce themselves: with the orders list open, an order that arrives from TikTok shows "Có 1 đơn mới"
// without a reload and without moving the rows; a click shows it and the offer goes away.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
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
  withPage,
} from './helpers.mjs'

let browser
let token
let shopId

before(async () => {
  browser = await startBrowser()
  ;({ token } = await registerByApi())
  const seller = await createSandboxSeller({ shops: 1 })
  shopId = seller.shops[0].id
  await addSandboxProducts(shopId, { count: 1, skus_per_product: 1 })
  await addSandboxOrders(shopId, { count: 2, days_back: 1 })
  const [conn] = await connectSellerByApi(token, seller)
  assert.equal((await api('POST', `/connections/${conn.id}/sync`, undefined, token)).status, 202)
  await eventually(async () => (await api('GET', '/orders/count', undefined, token)).data.total === 2, 'the two orders to sync')
})

after(async () => browser?.close())

test('an order arriving while the list is open is offered as "Có 1 đơn mới", shown on a click', async () => {
  await withPage(browser, 'new-orders', async (page) => {
    await loginByToken(page, token, '/orders')
    const total = page.locator('[data-testid="orders-total"][aria-busy="false"]')
    await total.waitFor()
    assert.equal((await total.innerText()).trim(), 'Tổng: 2 đơn hàng')
    const offer = page.getByRole('button', { name: 'Có 1 đơn mới: bấm để xem' })
    assert.equal(await offer.count(), 0)

    await addSandboxOrders(shopId, { count: 1, days_back: 0 })
    await eventually(async () => (await api('GET', '/orders/count', undefined, token)).data.total === 3, 'the new order to reach the app')
    // the screen checks every 15 s and whenever the window gets the focus back: the focus, as a merchant returning
    await eventually(async () => {
      await page.evaluate(() => window.dispatchEvent(new Event('focus')))
      return (await offer.count()) > 0
    }, 'the offer of the new order', { timeoutMs: 20000 })
    assert.equal((await total.innerText()).trim(), 'Tổng: 2 đơn hàng', 'the rows stay until the merchant asks')
    await offer.click()
    await eventually(async () => (await page.getByTestId('orders-total').innerText()).trim() === 'Tổng: 3 đơn hàng', 'the list with the new order')
    await eventually(async () => (await offer.count()) === 0, 'the offer to go away')
  })
})
