// Browser tests on a phone (Chromium emulating a 390 × 844 touch screen): sign in and the menu drawer / user menu,
// the orders list as cards with its folded filters and paging, the order detail in one column, and the TikTok
// connect flow through the sandbox's pages with Sync all and a full-screen disconnect confirmation. Every screen is
// checked to fit the phone's width and to have thumb-sized (44 px) buttons.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE_URL,
  PHONE,
  addSandboxOrders,
  addSandboxProducts,
  api,
  assertFitsWidth,
  assertTouchSized,
  authorizeOnTiktok,
  connectSellerByApi,
  createSandboxSeller,
  eventually,
  gone,
  logInOnTiktok,
  loginByToken,
  registerByApi,
  startBrowser,
  uniqueUser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

const APP_ORIGIN = new URL(BASE_URL).origin
const SYNC_TIMEOUT_MS = 60000
const HELP = 'Bảng chuyển đổi trạng thái'

// The screen fits the phone and its buttons are thumb-sized.
async function phoneFriendly(page, where) {
  await assertFitsWidth(page, where)
  await assertTouchSized(page, where)
}

// Waits until the dialog covers the whole 390 × 844 screen (after its opening animation).
async function fullScreen(dialog, what) {
  await eventually(async () => {
    const b = await dialog.boundingBox()
    return [b.x, b.y, b.width, b.height].map(Math.round).join() === '0,0,390,844'
  }, `${what} to cover the screen`)
}

// Starts 'Đồng bộ tất cả' of a connection through the API and waits until the run is done.
async function syncByApi(token, connectionId) {
  const start = await api('POST', `/connections/${connectionId}/sync`, {}, token)
  assert.ok([200, 201, 202].includes(start.status), `sync: ${start.status} ${JSON.stringify(start.data)}`)
  const jobId = start.data.job.id
  const job = await eventually(async () => {
    const res = await api('GET', `/sync-jobs/${jobId}`, undefined, token)
    return ['done', 'failed'].includes(res.data?.state) && res.data
  }, `sync job ${jobId} to end`, { timeoutMs: SYNC_TIMEOUT_MS })
  assert.equal(job.state, 'done', `sync job ${jobId}: ${JSON.stringify(job)}`)
}

// The phone's menu: 'Mở menu' opens the drawer with the main navigation; a choice navigates and closes it.
async function openMenuAndGo(page, item, path) {
  await page.getByRole('button', { name: 'Mở menu' }).tap()
  const drawer = await visible(page.getByRole('dialog', { name: 'Điều hướng chính' }))
  await drawer.getByRole('menuitem', { name: item }).tap()
  await waitForPath(page, path)
  await gone(drawer)
}

function orderCards(page) {
  return page.getByRole('list', { name: 'Đơn hàng' }).getByRole('listitem')
}

async function shownTotal(page) {
  await page.locator('[data-testid="orders-total"][aria-busy="false"]').waitFor()
  const m = /^Tổng: ([\d.]+) đơn hàng$/.exec((await page.getByTestId('orders-total').innerText()).trim())
  assert.ok(m, 'the orders count reads "Tổng: N đơn hàng"')
  return Number(m[1].replace(/\./g, ''))
}

describe('On a phone (390 × 844)', () => {
  let browser

  before(async () => {
    browser = await startBrowser(PHONE)
  })

  after(async () => {
    await browser?.close()
  })

  test('sign in, the menu drawer, the user menu with language switch and logout', async () => {
    await withPage(browser, 'phone-login', async (page) => {
      const user = uniqueUser('phone')
      const reg = await api('POST', '/auth/register', user)
      assert.equal(reg.status, 201)

      await page.goto(`${BASE_URL}/register`)
      await visible(page.getByRole('button', { name: 'Đăng ký', exact: true }))
      await phoneFriendly(page, 'register')
      await page.goto(`${BASE_URL}/login`)
      await page.getByLabel('Email', { exact: true }).fill(user.email)
      await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password)
      await phoneFriendly(page, 'login')
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).tap()
      await waitForPath(page, /^\/$/)
      await visible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }))
      await visible(page.getByRole('heading', { name: 'Tình trạng đồng bộ' }))
      await phoneFriendly(page, 'overview')

      // No side bar on a phone: the header has the menu button, the shop name and the user menu.
      await visible(page.getByText(user.merchant_name, { exact: true }))
      assert.equal(await page.getByRole('menuitem', { name: 'Cài đặt' }).count(), 0, 'the menu is folded away')
      await page.goto(`${BASE_URL}/orders`)
      await visible(page.getByText('Chưa có đơn hàng.', { exact: false }))
      await phoneFriendly(page, 'empty orders')
      const menuButton = await page.getByRole('button', { name: 'Mở menu' }).boundingBox()
      const accountButton = await page.getByRole('button', { name: 'Tài khoản' }).boundingBox()
      const main = await page.getByRole('main').boundingBox()
      assert.equal(Math.round(main.width), 390, 'the content uses the full width')
      assert.equal(Math.round(menuButton.y), Math.round(accountButton.y), 'the header stays one line')
      assert.ok(menuButton.x < 16 && accountButton.x + accountButton.width > 390 - 16, 'menu left, user menu right')
      assert.ok(main.y >= menuButton.y + menuButton.height, 'the content starts below the header')

      await openMenuAndGo(page, 'Cài đặt', /^\/settings$/)
      await visible(page.getByRole('heading', { name: 'Cài đặt', level: 1 }))
      await phoneFriendly(page, 'settings')
      await page.getByRole('link', { name: 'API token' }).tap()
      await waitForPath(page, /^\/settings\/api-tokens$/)
      await visible(page.getByText('Chưa có API token nào'))
      await phoneFriendly(page, 'API tokens')

      // An API token: the create and secret dialogs cover the screen; the token shows as a card; revoking it asks first.
      const tokenName = `ERP ${Date.now()}`
      await page.getByRole('button', { name: 'Tạo token' }).tap()
      const form = await visible(page.getByRole('dialog', { name: 'Tạo API token' }))
      await fullScreen(form, 'the create token dialog')
      await phoneFriendly(page, 'create token dialog')
      await form.getByLabel('Tên token', { exact: true }).fill(tokenName)
      await form.getByRole('button', { name: 'Tạo token' }).tap()
      const shown = await visible(page.getByRole('dialog', { name: 'Token đã được tạo' }))
      await fullScreen(shown, 'the new token dialog')
      await phoneFriendly(page, 'new token dialog')
      await shown.getByRole('button', { name: 'Tôi đã sao chép' }).tap()
      await gone(shown)
      const tokenCard = page.getByRole('list', { name: 'API token' }).getByRole('listitem').filter({ hasText: tokenName })
      await visible(tokenCard.getByText('Đang hoạt động'))
      await tokenCard.getByRole('button', { name: 'Thu hồi' }).tap()
      const revoke = await visible(page.getByRole('dialog', { name: 'Thu hồi token' }))
      await fullScreen(revoke, 'the revoke confirmation')
      await revoke.getByRole('button', { name: 'Xác nhận' }).tap()
      await visible(tokenCard.getByText('Đã thu hồi'))
      await phoneFriendly(page, 'API tokens with a revoked token')

      // The user menu: user and shop names, the language switch, logout.
      await page.getByRole('button', { name: 'Tài khoản' }).tap()
      let account = await visible(page.getByRole('dialog', { name: 'Tài khoản' }))
      await visible(account.getByText(user.name, { exact: true }))
      await visible(account.getByText(user.merchant_name, { exact: true }))
      await phoneFriendly(page, 'user menu')
      await account.getByRole('button', { name: 'English', exact: true }).tap()
      account = await visible(page.getByRole('dialog', { name: 'Account' }))
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
      await account.getByRole('button', { name: 'Tiếng Việt', exact: true }).tap()
      account = await visible(page.getByRole('dialog', { name: 'Tài khoản' }))
      await account.getByRole('button', { name: 'Đăng xuất' }).tap()
      await waitForPath(page, /^\/login$/)
      assert.equal(await page.evaluate(() => localStorage.getItem('auth_token')), null)
    })
  })

  test('orders as cards with folded filters and paging; a tap opens the order, its blocks in one column', async () => {
    await withPage(browser, 'phone-orders', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 2, region: 'VN' })
      const [shopA, shopB] = seller.shops
      await addSandboxProducts(shopA.id, { count: 3, skus_per_product: 2 })
      await addSandboxProducts(shopB.id, { count: 2, skus_per_product: 1 })
      await addSandboxOrders(shopA.id, { count: 21, days_back: 30, same_sku_ratio: 0.5 })
      await addSandboxOrders(shopB.id, { count: 3, days_back: 5, status: 'AWAITING_SHIPMENT' })
      for (const c of await connectSellerByApi(token, seller)) await syncByApi(token, c.id)
      const all = await api('GET', '/orders?per_page=50', undefined, token)
      assert.equal(all.data.total, 24)
      const newest = all.data.items[0]

      await loginByToken(page, token, '/orders')
      assert.equal(await shownTotal(page), 24)
      const cards = orderCards(page)
      await eventually(async () => (await cards.count()) === 20, '20 order cards on page 1')
      assert.equal(await page.locator('.orders__table').count(), 0, 'no table on a phone')
      await phoneFriendly(page, 'orders list')

      // The first card has the newest order's key fields.
      const first = cards.first()
      await visible(first.getByRole('link', { name: newest.external_id }))
      await visible(first.getByText(newest.shop_name, { exact: true }))
      if (newest.buyer_name) await visible(first.getByText(newest.buyer_name, { exact: true }))
      for (const label of ['Gian hàng', 'Ngày tạo', 'Người mua', 'Tổng tiền', 'Phiếu xuất']) {
        await visible(first.getByText(label, { exact: true }))
      }

      // The card names the order's products, what a packer recognises it by.
      assert.ok(newest.item_names.length > 0, 'the list answer names the products')
      await visible(first.getByRole('group', { name: 'Sản phẩm trong đơn' }).getByText(newest.item_names[0], { exact: true }))

      // The search stays in sight; the other filters are folded behind 'Bộ lọc', whose button counts a search.
      const search = page.getByLabel('Tìm đơn hàng', { exact: true })
      await visible(search)
      assert.equal(await page.getByRole('combobox', { name: 'Gian hàng', exact: true }).isVisible(), false, 'the filters start folded')
      const toggle = page.getByRole('button', { name: /^Bộ lọc/ })
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
      await toggle.tap()
      await visible(search)
      await visible(page.getByRole('combobox', { name: 'Gian hàng', exact: true }))
      await phoneFriendly(page, 'orders filters open')
      const help = page.getByRole('button', { name: HELP })
      await help.tap()
      await visible(page.getByRole('region', { name: HELP }).getByRole('table'))
      await phoneFriendly(page, 'status mapping help')
      await help.tap()
      await gone(page.getByRole('region', { name: HELP }))
      await search.fill(newest.external_id)
      await search.press('Enter')
      await visible(page.locator('[data-testid="orders-total"][aria-busy="false"]', { hasText: /^Tổng: 1 đơn hàng$/ }))
      await eventually(async () => (await cards.count()) === 1, 'one card for the searched order')
      await visible(page.getByRole('button', { name: 'Bộ lọc (1)' }))
      await page.getByRole('button', { name: 'Xóa bộ lọc' }).first().tap()
      await eventually(async () => (await shownTotal(page)) === 24 && (await cards.count()) === 20, 'the full list back')

      // Same paging: page 2 has the other 4 orders.
      await page.getByLabel('trang 2', { exact: true }).tap()
      await page.waitForURL((url) => url.searchParams.get('page') === '2')
      await eventually(async () => (await cards.count()) === 4, '4 order cards on page 2')
      await phoneFriendly(page, 'orders page 2')

      // Tapping a card (not only its number) opens the order.
      const card = cards.first()
      const id = (await card.getByRole('link').innerText()).trim()
      const order = all.data.items.find((o) => o.external_id === id)
      const cardBox = await card.boundingBox()
      await card.tap({ position: { x: cardBox.width / 2, y: cardBox.height - 12 } })
      await waitForPath(page, new RegExp(`^/orders/${order.id}$`))
      await visible(page.getByRole('heading', { name: `Đơn hàng ${id}`, level: 1 }))
      await visible(page.getByRole('heading', { name: 'Lịch sử trạng thái' }))
      await phoneFriendly(page, 'order detail')

      // Packing from the phone: the products come first, one card per line with its name and a big quantity.
      const detail = (await api('GET', `/orders/${order.id}`, undefined, token)).data
      const lineCards = page.getByRole('list', { name: 'Sản phẩm' }).getByRole('listitem')
      await visible(lineCards.first())
      await visible(lineCards.filter({ hasText: detail.lines[0].product_name }).first())
      assert.match(await lineCards.first().innerText(), /×\d+/, 'the quantity is on the card')

      // The blocks stack in one column at the content's full width, the products first.
      const boxes = []
      for (const title of ['Sản phẩm', 'Thông tin đơn hàng', 'Người mua', 'Người nhận', 'Vận chuyển', 'Thanh toán', 'Lịch sử trạng thái']) {
        const block = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: title, exact: true }) })
        boxes.push({ title, box: await block.boundingBox() })
      }
      for (let i = 0; i < boxes.length; i++) {
        const { title, box } = boxes[i]
        assert.ok(box.width >= 390 - 2 * 16, `${title} takes the full width (${box.width} px)`)
        if (i) assert.ok(box.y >= boxes[i - 1].box.y + boxes[i - 1].box.height, `${title} is below ${boxes[i - 1].title}`)
      }

      await page.getByRole('link', { name: 'Quay lại danh sách đơn hàng' }).tap()
      await page.waitForURL((url) => url.pathname === '/orders' && url.searchParams.get('page') === '2')
      await eventually(async () => (await cards.count()) === 4, 'back on page 2')
    })
  })

  test('connect a TikTok seller through the sandbox pages, Sync all, disconnect with a full-screen confirmation', async () => {
    await withPage(browser, 'phone-connect', async (page) => {
      const { token } = await registerByApi()
      const seller = await createSandboxSeller({ shops: 2, region: 'VN' })
      const [kept, dropped] = seller.shops
      await addSandboxProducts(kept.id, { count: 2, skus_per_product: 1 })
      await addSandboxOrders(kept.id, { count: 3, days_back: 10 })

      await loginByToken(page, token, '/orders')
      await openMenuAndGo(page, 'Cài đặt', /^\/settings$/)
      await page.getByRole('link', { name: 'Đồng bộ sàn TMĐT' }).tap()
      await waitForPath(page, /^\/settings\/ecommerce$/)
      await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))
      await phoneFriendly(page, 'connections, empty')

      await page.getByRole('button', { name: 'Thêm kết nối' }).tap()
      const dialog = await visible(page.getByRole('dialog', { name: 'Kết nối tài khoản TikTok' }))
      await fullScreen(dialog, 'the connect dialog')
      await phoneFriendly(page, 'connect dialog')
      await dialog.getByRole('button', { name: 'Kết nối', exact: true }).tap()
      await page.waitForURL((url) => url.origin !== APP_ORIGIN && url.pathname === '/open/authorize')
      await assertFitsWidth(page, "TikTok's authorization page")
      await logInOnTiktok(page, seller)
      await authorizeOnTiktok(page, seller)
      await page.waitForURL((url) => url.origin === APP_ORIGIN && url.pathname === '/settings/ecommerce')
      await visible(page.getByRole('alert').filter({ hasText: 'Kết nối thành công 2 gian hàng' }))

      // One card per shop.
      const cards = page.getByRole('list', { name: 'Tài khoản nhà bán hàng đã kết nối' }).getByRole('listitem')
      await eventually(async () => (await cards.count()) === 2, 'two connection cards')
      for (const shop of seller.shops) {
        const card = cards.filter({ hasText: shop.name })
        await visible(card.getByText('Đang hoạt động'))
        await visible(card.getByText(seller.seller_name, { exact: true }))
        await visible(card.getByText('Việt Nam'))
      }
      assert.equal(await page.getByRole('row').count(), 0, 'no table on a phone')
      await phoneFriendly(page, 'connections')

      // Sync all on a card: its progress bar fills and the result names the orders pulled.
      const keptCard = cards.filter({ hasText: kept.name })
      await keptCard.getByRole('button', { name: 'Đồng bộ tất cả' }).tap()
      const bar = await visible(keptCard.getByRole('progressbar', { name: `Tiến độ đồng bộ gian hàng ${kept.name}` }))
      await page
        .getByRole('alert')
        .filter({ hasText: 'Đồng bộ hoàn tất: 3 đơn hàng' })
        .waitFor({ state: 'visible', timeout: SYNC_TIMEOUT_MS })
      await eventually(async () => (await bar.getAttribute('aria-valuenow')) === '100', 'the progress bar to fill')
      await phoneFriendly(page, 'connections after sync')

      // The sync log covers the screen and lists the run.
      await keptCard.getByRole('button', { name: 'Nhật ký đồng bộ' }).tap()
      const log = await visible(page.getByRole('dialog', { name: new RegExp(`Nhật ký đồng bộ.*${kept.name}`) }))
      await fullScreen(log, 'the sync log')
      await visible(log.getByText('Hoàn tất', { exact: true }).first())
      await phoneFriendly(page, 'sync log')
      await log.getByRole('button', { name: 'Đóng hộp thoại này' }).tap()
      await gone(log)

      // Disconnect: the confirmation covers the screen.
      const droppedCard = cards.filter({ hasText: dropped.name })
      await droppedCard.getByRole('button', { name: 'Hủy kết nối' }).tap()
      const confirm = await visible(page.getByRole('dialog', { name: 'Hủy kết nối' }))
      await fullScreen(confirm, 'the disconnect confirmation')
      await phoneFriendly(page, 'disconnect confirmation')
      await confirm.getByRole('button', { name: 'Xác nhận', exact: true }).tap()
      await visible(page.getByRole('alert').filter({ hasText: 'Hủy kết nối thành công' }))
      await gone(droppedCard)
      await eventually(async () => (await cards.count()) === 1, 'one connection card left')

      const list = await api('GET', '/connections?page=1&per_page=50', undefined, token)
      assert.deepEqual(list.data.items.map((c) => c.shop_id), [kept.id])
    })
  })
})
