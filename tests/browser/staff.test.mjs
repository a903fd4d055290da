// Browser test of staff accounts: the owner invites a warehouse keeper from Cài đặt → Nhân viên; the keeper opens the
// link of the mail the stack's catcher got, sets a name and password, creates and exports an order's slip, and cannot
// open Cài đặt → Kết nối; the owner then disables them. And "Quên mật khẩu" through the mail, on a phone (390 px).
// Seeding through the APIs: a sandbox shop with one order, synced; a product linked to its SKUs; a stock receipt.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE_URL,
  PHONE,
  addSandboxOrders,
  addSandboxProducts,
  apiOk,
  assertFitsWidth,
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
import { readMail } from '../api/lib/mail.mjs'

async function confirmBox(page, text) {
  const box = await visible(page.getByRole('dialog').filter({ hasText: text }))
  await box.getByRole('button', { name: 'Xác nhận', exact: true }).click()
}

describe('staff accounts in the SPA', () => {
  let browser
  let owner
  let order
  const keeperEmail = `thukho-${Date.now()}@example.com`
  const keeperPassword = `Kho-${Date.now()}`

  before(async () => {
    browser = await startBrowser()
    owner = await registerByApi()
    const seller = await createSandboxSeller({ shops: 1 })
    const shop = seller.shops[0]
    await addSandboxProducts(shop.id, { count: 1, skus_per_product: 2 })
    await addSandboxOrders(shop.id, { count: 1, days_back: 1, status: 'AWAITING_SHIPMENT' })
    const [conn] = await connectSellerByApi(owner.token, seller)
    await apiOk('POST', `/connections/${conn.id}/sync`, undefined, owner.token, 202)
    ;[order] = await eventually(async () => {
      const l = await apiOk('GET', '/orders', undefined, owner.token)
      return l.items.length === 1 && l.items
    }, 'the order to be synced', { timeoutMs: 60000 })
    const product = await apiOk('POST', '/products', { name: `Áo thun ${Date.now()}`, sku: `ST-${Date.now()}`, unit: 'cái' }, owner.token, 201)
    const full = await apiOk('GET', `/orders/${order.id}`, undefined, owner.token)
    const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }))
    await apiOk('POST', `/orders/${order.id}/links`, { links }, owner.token)
    const [wh] = (await apiOk('GET', '/warehouses', undefined, owner.token)).items
    await apiOk('POST', '/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 50 }] }, owner.token, 201)
  })

  after(async () => {
    await browser?.close()
  })

  test('the owner invites a warehouse keeper, who signs up from the mail, exports a slip and cannot open Kết nối', async () => {
    const invitedAt = Date.now()
    await withPage(browser, 'staff-invite', async (page) => {
      await loginByToken(page, owner.token, '/settings')
      await page.getByRole('link', { name: /Nhân viên/ }).click()
      await waitForPath(page, /^\/settings\/staff$/)
      await visible(page.getByRole('cell', { name: owner.user.email }))
      await visible(page.getByText('Không có lời mời nào đang chờ'))

      await page.getByRole('button', { name: 'Mời nhân viên' }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Mời nhân viên qua email' }))
      await dialog.getByRole('textbox', { name: 'Email' }).fill(keeperEmail)
      await dialog.getByRole('radio', { name: 'Thủ kho' }).check()
      // what the role may do, from GET /roles
      await visible(dialog.getByText(/^Thủ kho: đơn hàng \(không có số tiền\)/))
      await visible(dialog.getByRole('listitem').filter({ hasText: 'Lập và xuất phiếu xuất kho' }))
      assert.equal(await dialog.getByRole('listitem').filter({ hasText: 'Xem số tiền' }).count(), 0, 'no money for the keeper')
      await dialog.getByRole('button', { name: 'Gửi lời mời' }).click()
      await visible(page.getByText(`Đã gửi lời mời tới ${keeperEmail}`))
      await gone(dialog)
      const pending = await visible(page.getByRole('list', { name: 'Lời mời đang chờ' }))
      await visible(pending.getByText(keeperEmail))
      await visible(pending.getByText(/Thủ kho · hiệu lực đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/))
    })

    const mail = await readMail({ to: keeperEmail, after: invitedAt })
    const link = mail.links[0]
    assert.ok(link.startsWith(`${BASE_URL}/invite?token=`), link)

    await withPage(browser, 'staff-keeper', async (page) => {
      await page.goto(link)
      await visible(page.getByRole('heading', { name: 'Lời mời làm nhân viên' }))
      await visible(page.getByText(/Bạn được mời với vai trò Thủ kho/))
      assert.equal(await page.getByRole('textbox', { name: 'Email' }).inputValue(), keeperEmail)
      await page.getByRole('textbox', { name: 'Họ và tên' }).fill('Lan Thủ Kho')
      await page.getByLabel('Mật khẩu').fill(keeperPassword)
      await page.getByRole('button', { name: 'Nhận lời mời và đăng nhập' }).click()
      await waitForPath(page, /^\/$/)
      await gone(page.getByRole('menuitem', { name: 'Cài đặt' }))

      // the day's work: the order's slip, made and exported
      await page.getByRole('menuitem', { name: 'Đơn hàng' }).click()
      await waitForPath(page, /^\/orders$/)
      await page.getByRole('tab', { name: 'Sàn TMĐT' }).click()
      await page.getByRole('link', { name: order.external_id }).click()
      await waitForPath(page, new RegExp(`/orders/${order.id}$`))
      await page.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      const dialog = await visible(page.getByRole('dialog', { name: 'Tạo phiếu xuất' }))
      await dialog.getByRole('button', { name: 'Tạo phiếu xuất' }).click()
      await visible(page.getByText('Tạo phiếu xuất thành công'))
      await waitForPath(page, /\/export-slips\/\d+$/)
      await page.getByRole('button', { name: 'Xuất kho', exact: true }).click()
      await confirmBox(page, 'Không thể hoàn tác')
      await gone(page.getByRole('button', { name: 'Xuất kho', exact: true }))
      await visible(page.getByRole('heading', { level: 1 }).locator('..').getByText('Đã xuất kho', { exact: true }))

      // Cài đặt → Kết nối is not the keeper's
      await page.goto(`${BASE_URL}/settings/ecommerce`)
      await waitForPath(page, /^\/forbidden$/)
      await visible(page.getByText('Bạn không có quyền mở trang này'))
      await page.goto(`${BASE_URL}/settings/staff`)
      await waitForPath(page, /^\/forbidden$/)
    })

    await withPage(browser, 'staff-disable', async (page) => {
      await loginByToken(page, owner.token, '/settings/staff')
      const row = page.locator('.el-table__body tr').filter({ hasText: keeperEmail })
      await visible(row.getByText('Lan Thủ Kho'))
      await visible(row.getByText('Đang hoạt động'))
      assert.equal(await row.getByRole('combobox', { name: 'Vai trò của Lan Thủ Kho' }).count(), 1)
      await visible(page.getByText('Không có lời mời nào đang chờ'))
      await row.getByRole('button', { name: 'Tạm khóa' }).click()
      await confirmBox(page, 'đăng xuất ngay trên mọi thiết bị')
      await visible(page.getByText('Đã tạm khóa Lan Thủ Kho'))
      await visible(row.getByText('Đã khóa'))
      await visible(row.getByRole('button', { name: 'Mở khóa' }))
    })
    const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: keeperEmail, password: keeperPassword }),
    })
    assert.equal(login.status, 401, 'the disabled keeper cannot sign in')
  })

  test('Quên mật khẩu on a phone: the mail\'s link sets a new password, which then signs in', async () => {
    const phone = await startBrowser(PHONE)
    try {
      await withPage(phone, 'staff-reset-phone', async (page) => {
        await page.goto(`${BASE_URL}/login`)
        await page.getByRole('link', { name: 'Quên mật khẩu?' }).click()
        await waitForPath(page, /^\/forgot-password$/)
        await assertFitsWidth(page, 'Quên mật khẩu')
        const askedAt = Date.now()
        await page.getByRole('textbox', { name: 'Email' }).fill(owner.user.email)
        await page.getByRole('button', { name: 'Gửi liên kết' }).click()
        await visible(page.getByText('Hãy kiểm tra hộp thư'))
        const mail = await readMail({ to: owner.user.email, after: askedAt })
        assert.ok(mail.links[0].startsWith(`${BASE_URL}/reset-password?token=`), mail.links[0])

        await page.goto(mail.links[0])
        await visible(page.getByRole('heading', { name: 'Đặt lại mật khẩu' }))
        await assertFitsWidth(page, 'Đặt lại mật khẩu')
        await page.getByLabel('Mật khẩu mới').fill('short')
        await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click()
        await visible(page.getByText('Mật khẩu phải có ít nhất 8 ký tự'))
        await page.getByLabel('Mật khẩu mới').fill('Mat-khau-moi-2026')
        await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click()
        await visible(page.getByText('Đã đổi mật khẩu. Hãy đăng nhập bằng mật khẩu mới.'))
        await waitForPath(page, /^\/login$/)

        // the link is used: opening it again says so
        await page.goto(mail.links[0])
        await page.getByLabel('Mật khẩu mới').fill('Mat-khau-khac-2026')
        await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click()
        await visible(page.getByText('Liên kết đặt lại mật khẩu đã được dùng'))

        await page.goto(`${BASE_URL}/login`)
        await page.getByRole('textbox', { name: 'Email' }).fill(owner.user.email)
        await page.getByLabel('Mật khẩu').fill('Mat-khau-moi-2026')
        await page.getByRole('button', { name: 'Đăng nhập' }).click()
        await waitForPath(page, /^\/$/)

        // the staff screen at 390 px: people as cards, the pending invitations below
        await page.goto(`${BASE_URL}/settings/staff`)
        await visible(page.getByRole('list', { name: 'Nhân viên' }).getByText('Lan Thủ Kho'))
        await assertFitsWidth(page, 'Cài đặt → Nhân viên')
      })
    } finally {
      await phone.close()
    }
  })
})
