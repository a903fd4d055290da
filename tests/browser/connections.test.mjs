// Browser tests of Settings → 'Đồng bộ sàn TMĐT' → 'TikTok': connect a seller account through the sandbox's
// authorization pages, disconnect a shop, and refuse the authorization (auth_denied).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE_URL,
  api,
  authorizeOnTiktok,
  createSandboxSeller,
  gone,
  logInOnTiktok,
  loginByToken,
  registerByApi,
  startBrowser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

const APP_ORIGIN = new URL(BASE_URL).origin

// Settings → 'Đồng bộ sàn TMĐT' → 'TikTok' → 'Thêm kết nối' → 'Kết nối': ends on TikTok's (the sandbox's)
// first authorization page.
async function startConnecting(page, token) {
  await loginByToken(page, token, '/settings')
  await page.getByRole('link', { name: 'Đồng bộ sàn TMĐT' }).click()
  await waitForPath(page, /^\/settings\/ecommerce$/)
  await page.getByRole('tab', { name: 'TikTok' }).click()
  await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))

  await page.getByRole('button', { name: 'Thêm kết nối' }).click()
  const dialog = await visible(page.getByRole('dialog', { name: 'Kết nối tài khoản TikTok' }))
  assert.equal(await dialog.getByLabel('Quốc gia/Khu vực').count(), 0, 'the region is asked on TikTok\'s page only')
  await dialog.getByRole('button', { name: 'Kết nối', exact: true }).click()
  await page.waitForURL((url) => url.origin !== APP_ORIGIN && url.pathname === '/open/authorize')
}

async function backOnConnections(page) {
  await page.waitForURL((url) => url.origin === APP_ORIGIN && url.pathname === '/settings/ecommerce')
}

// Data rows of the connections table (each has its own disconnect button).
function connectionRows(page) {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Hủy kết nối', exact: true }) })
}

async function listConnections(token) {
  const res = await api('GET', '/connections?page=1&per_page=50', undefined, token)
  assert.equal(res.status, 200, `GET /connections: ${res.status} ${JSON.stringify(res.data)}`)
  return res.data
}

describe('TikTok connections (Đồng bộ sàn TMĐT → Tiktok)', () => {
  let browser

  before(async () => {
    browser = await startBrowser()
  })

  after(async () => {
    await browser?.close()
  })

  test('connect a seller with two shops through TikTok, then disconnect one shop', async () => {
    await withPage(browser, 'tiktok-connect', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 2, region: 'VN' })
      const [kept, dropped] = seller.shops

      await startConnecting(page, token)
      await logInOnTiktok(page, seller)
      await authorizeOnTiktok(page, seller)
      await backOnConnections(page)

      await visible(page.getByRole('alert').filter({ hasText: 'Kết nối thành công 2 gian hàng' }))
      await page.waitForURL((url) => url.pathname === '/settings/ecommerce' && !url.searchParams.has('result'))

      for (const shop of seller.shops) {
        const row = await visible(page.getByRole('row').filter({ hasText: shop.name }))
        await visible(row.getByText('Đang hoạt động'))
        await visible(row.getByText('Việt Nam'))
        await visible(row.getByText(seller.seller_name, { exact: true }))
        if (shop.code) await visible(row.getByText(shop.code))
      }
      assert.equal(await connectionRows(page).count(), 2)
      for (const header of ['Gian hàng', 'Khu vực', 'Nhà bán hàng', 'Ngày kết nối', 'Trạng thái', 'Đồng bộ lần cuối']) {
        await visible(page.getByRole('columnheader', { name: header }))
      }

      const droppedRow = page.getByRole('row').filter({ hasText: dropped.name })
      await droppedRow.getByRole('button', { name: 'Hủy kết nối', exact: true }).click()
      const confirm = await visible(page.getByRole('dialog', { name: 'Hủy kết nối' }))
      await visible(confirm.getByText(dropped.name, { exact: false }))
      await confirm.getByRole('button', { name: 'Xác nhận', exact: true }).click()

      await visible(page.getByRole('alert').filter({ hasText: 'Hủy kết nối thành công' }))
      await gone(droppedRow)
      await visible(page.getByRole('row').filter({ hasText: kept.name }))
      assert.equal(await connectionRows(page).count(), 1)

      const list = await listConnections(token)
      assert.equal(list.total, 1)
      assert.deepEqual(
        list.items.map((c) => [c.shop_id, c.shop_name, c.status]),
        [[kept.id, kept.name, 'active']],
      )

      await page.reload()
      await visible(page.getByRole('row').filter({ hasText: kept.name }))
      assert.equal(await connectionRows(page).count(), 1)
      assert.equal(await page.getByText(/^Kết nối thành công/).count(), 0, 'a reload does not repeat the result')
    })
  })

  test('cancelling on TikTok comes back with the auth_denied message and no connection', async () => {
    await withPage(browser, 'tiktok-cancel', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 1, region: 'VN' })

      await startConnecting(page, token)
      await logInOnTiktok(page, seller)
      await page.getByRole('button', { name: 'Hủy', exact: true }).click()
      await backOnConnections(page)

      const alert = await visible(page.getByRole('alert').filter({ hasText: 'Kết nối TikTok không thành công' }))
      await visible(alert.getByText('Bạn đã hủy ủy quyền trên trang của TikTok', { exact: false }))
      await page.waitForURL((url) => url.pathname === '/settings/ecommerce' && !url.searchParams.has('result'))
      await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))
      assert.equal(await connectionRows(page).count(), 0)

      const list = await listConnections(token)
      assert.equal(list.total, 0)
      assert.deepEqual(list.items, [])
    })
  })
})
