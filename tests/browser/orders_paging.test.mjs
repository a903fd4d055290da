// The orders screen past 10,000 orders: an exact total pages by number to its last page; a filter the
// counters cannot count shows "10.000+" (vi) / "10,000+" (en) with no last page, and beyond the page range the pager
// goes on with next/previous by the API's cursors, showing the same rows the API answers.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  api,
  startBrowser,
  withPage,
  registerByApi,
  loginByToken,
  visible,
  eventually,
  createSandboxSeller,
  addSandboxProducts,
  addSandboxOrders,
  connectSellerByApi,
} from './helpers.mjs'

const ORDERS = 11000 // past the API's 10,000 cap and its deepest page by number
const PER_PAGE = 20
const SYNC_TIMEOUT_MS = 240000
// A date filter covering every order: not countable by the counters, so its total is an estimate.
const DATES = { ui: 'from=2000-01-01&to=2099-12-31', api: 'created_from=2000-01-01T00:00:00Z&created_to=2100-01-01T00:00:00Z' }

let browser
let token

async function listOrders(query) {
  const res = await api('GET', `/orders?per_page=${PER_PAGE}&${query}`, undefined, token)
  assert.equal(res.status, 200, JSON.stringify(res.data))
  return res.data
}

async function shownTotalText(page) {
  await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
  return (await page.getByTestId('orders-total').innerText()).trim()
}

// The order numbers shown, once they are the expected ones (the list reloads after each move).
async function expectRows(page, items, what) {
  const want = items.map((o) => o.external_id)
  const links = page.locator('.orders__table tbody tr a')
  await eventually(async () => {
    if (await page.locator('[data-testid="orders-total"][aria-busy="true"]').count()) return false
    const got = (await links.allInnerTexts()).map((s) => s.trim())
    return JSON.stringify(got) === JSON.stringify(want)
  }, `${what}: the rows the API answers`)
}

// The page numbers the pager offers, in order.
async function pageNumbers(page) {
  const labels = await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('button', { name: /^trang \d+$/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
  return labels.map((l) => Number(l.replace(/\D/g, '')))
}

function currentUrl(page) {
  return new URL(page.url())
}

before(async () => {
  browser = await startBrowser()
  ;({ token } = await registerByApi())
  const seller = await createSandboxSeller({ shops: 1, region: 'VN' })
  const shop = seller.shops[0]
  await addSandboxProducts(shop.id, { count: 2, skus_per_product: 1 })
  for (let made = 0; made < ORDERS; made += 1000) await addSandboxOrders(shop.id, { count: 1000, days_back: 60 })
  const [conn] = await connectSellerByApi(token, seller)
  const start = await api('POST', `/connections/${conn.id}/sync`, {}, token)
  assert.ok([200, 201, 202].includes(start.status), JSON.stringify(start.data))
  const job = await eventually(async () => {
    const res = await api('GET', `/sync-jobs/${start.data.job.id}`, undefined, token)
    return ['done', 'failed'].includes(res.data?.state) && res.data
  }, `Sync all of ${ORDERS} orders`, { timeoutMs: SYNC_TIMEOUT_MS, intervalMs: 1000 })
  assert.equal(job.state, 'done', JSON.stringify(job))
})

after(async () => {
  await browser?.close()
})

describe('Orders past 10,000', () => {
  test('an exact total pages by number to its last page', async () => {
    await withPage(browser, 'orders-exact-last', async (page) => {
      const first = await listOrders('')
      assert.equal(first.total, ORDERS)
      assert.equal(first.total_is_estimate, false)
      await loginByToken(page, token, '/orders')
      assert.equal(await shownTotalText(page), 'Tổng: 11.000 đơn hàng')
      const last = Math.ceil(ORDERS / PER_PAGE)
      assert.deepEqual(await pageNumbers(page), [1, 2, 3, last])
      await page.getByRole('button', { name: `trang ${last}`, exact: true }).click()
      await page.waitForURL((url) => url.searchParams.get('page') === String(last))
      await expectRows(page, (await listOrders(`page=${last}`)).items, 'the last page')
      assert.deepEqual(await pageNumbers(page), [1, last - 2, last - 1, last])
      assert.equal(await page.getByRole('button', { name: 'Trang sau' }).isDisabled(), true)
    })
  })

  test('an estimated total shows 10.000+ and pages on by cursor beyond the page range', async () => {
    await withPage(browser, 'orders-estimate-cursor', async (page) => {
      const first = await listOrders(DATES.api)
      assert.equal(first.total_is_estimate, true)
      assert.equal(first.total, 10000)
      await loginByToken(page, token, `/orders?${DATES.ui}`)
      assert.equal(await shownTotalText(page), 'Tổng: 10.000+ đơn hàng')
      await expectRows(page, first.items, 'page 1')
      assert.deepEqual(await pageNumbers(page), [1, 2, 3], 'no last page number for an estimate')

      // The deepest page by number (offset 10,000), then on by cursor.
      const deepest = 10000 / PER_PAGE + 1
      const byNumber = await listOrders(`${DATES.api}&page=${deepest}`)
      assert.ok(byNumber.next_cursor, 'the API offers a next cursor there')
      await page.goto(`${currentUrl(page).origin}/orders?${DATES.ui}&page=${deepest}`)
      await expectRows(page, byNumber.items, `page ${deepest}`)
      assert.deepEqual(await pageNumbers(page), [1, deepest - 2, deepest - 1, deepest], 'no number past the page range')

      await page.getByRole('button', { name: 'Trang sau' }).click()
      await page.waitForURL((url) => url.searchParams.get('cursor') === byNumber.next_cursor)
      assert.equal(currentUrl(page).searchParams.get('page'), String(deepest + 1))
      const next1 = await listOrders(`${DATES.api}&cursor=${byNumber.next_cursor}`)
      await expectRows(page, next1.items, 'the first page by cursor')
      assert.equal(await shownTotalText(page), 'Tổng: 10.000+ đơn hàng')
      const shown = await pageNumbers(page)
      assert.equal(Math.max(...shown), deepest + 1, 'the page reached counts on, nothing beyond it')

      await page.getByRole('button', { name: 'Trang sau' }).click()
      await page.waitForURL((url) => url.searchParams.get('cursor') === next1.next_cursor)
      const next2 = await listOrders(`${DATES.api}&cursor=${next1.next_cursor}`)
      await expectRows(page, next2.items, 'the second page by cursor')

      // Back by the previous cursors: the same rows as on the way there.
      await page.getByRole('button', { name: 'Trang trước' }).click()
      await page.waitForURL((url) => url.searchParams.get('cursor') === next2.prev_cursor)
      await expectRows(page, next1.items, 'back one page')
      await page.getByRole('button', { name: 'Trang trước' }).click()
      await page.waitForURL((url) => url.searchParams.get('page') === String(deepest))
      await expectRows(page, byNumber.items, `back on page ${deepest}`)

      // Page 1 by its number leaves the cursor behind.
      await page.getByRole('button', { name: 'trang 1', exact: true }).click()
      await page.waitForURL((url) => !url.searchParams.has('cursor') && !url.searchParams.has('page'))
      await expectRows(page, first.items, 'page 1 again')

      // In English the estimate reads 10,000+.
      await page.evaluate(() => localStorage.setItem('locale', 'en'))
      await page.reload()
      assert.equal(await shownTotalText(page), '10,000+ orders')
      await visible(page.getByRole('button', { name: 'Next page' }))
    })
  })
})
