// Browser test of the SPA by role: a warehouse keeper sees the screens of their work without prices, cannot open
// Cài đặt → Kết nối (a friendly forbidden page), a manager sees that page without the owner's actions, and the owner
// sees all of it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiOk, gone, loginByToken, registerByApi, startBrowser, visible, waitForPath, withPage } from './helpers.mjs'
import { addPerson } from '../api/lib/staff.mjs'

describe('roles in the SPA', () => {
  let browser
  let owner
  let keeper
  let manager

  before(async () => {
    browser = await startBrowser()
    const reg = await registerByApi()
    const me = await apiOk('GET', '/auth/me', undefined, reg.token)
    owner = { token: reg.token, user: me.user, password: reg.user.password }
    await apiOk('POST', '/products', { name: 'Áo thun', sku: `ROLE-${Date.now()}`, unit: 'cai', price: '150000' }, owner.token, 201)
    keeper = await addPerson(owner, 'warehouse')
    manager = await addPerson(owner, 'manager')
  })

  after(async () => {
    await browser?.close()
  })

  test('a warehouse keeper sees no prices, no settings and cannot open the connections page', async () => {
    await withPage(browser, 'roles-warehouse', async (page) => {
      await loginByToken(page, keeper.token, '/products')
      await visible(page.getByText('Áo thun', { exact: true }).first())
      for (const label of ['Tổng quan', 'Đơn hàng', 'Sản phẩm', 'Tồn kho', 'Phiếu xuất']) {
        await visible(page.getByRole('menuitem', { name: label }))
      }
      await gone(page.getByRole('menuitem', { name: 'Cài đặt' }))
      await gone(page.getByRole('columnheader', { name: 'Giá bán' }))
      await gone(page.getByRole('button', { name: 'Thêm sản phẩm' }))
      assert.equal(await page.getByText('150.000').count(), 0, 'no price on the page')

      await page.goto(`${BASE_URL}/settings/ecommerce`)
      await waitForPath(page, /^\/forbidden$/)
      await visible(page.getByText('Bạn không có quyền mở trang này'))
      await gone(page.getByRole('button', { name: 'Thêm kết nối' }))
    })
  })

  test('a manager opens the connections page without the owner-only actions', async () => {
    await withPage(browser, 'roles-manager', async (page) => {
      await loginByToken(page, manager.token, '/settings/ecommerce')
      await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))
      assert.equal(await page.getByRole('button', { name: 'Thêm kết nối' }).count(), 0, 'connecting a shop is the owner\'s')
    })
  })

  test('the owner sees the prices, the settings and the connections page', async () => {
    await withPage(browser, 'roles-owner', async (page) => {
      await loginByToken(page, owner.token, '/products')
      await visible(page.getByRole('columnheader', { name: 'Giá bán' }))
      await visible(page.getByRole('button', { name: 'Thêm sản phẩm' }))
      await visible(page.getByRole('menuitem', { name: 'Cài đặt' }))
      await page.goto(`${BASE_URL}/settings/ecommerce`)
      await visible(page.getByRole('button', { name: 'Thêm kết nối' }))
    })
  })
})
