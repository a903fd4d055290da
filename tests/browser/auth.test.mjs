// Browser tests of the SPA shell: register, logout/login, language switch, settings screens, API tokens
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE_URL,
  api,
  apiOk,
  gone,
  loginByToken,
  registerByApi,
  startBrowser,
  uniqueUser,
  visible,
  waitForPath,
  withPage,
} from './helpers.mjs'

describe('SPA shell', () => {
  let browser

  before(async () => {
    browser = await startBrowser()
  })

  after(async () => {
    await browser?.close()
  })

  test('register, logout, login, switch language, open E-commerce sync', async () => {
    await withPage(browser, 'register-login', async (page) => {
      const user = uniqueUser('reg')

      await page.goto(`${BASE_URL}/register`)
      await page.getByLabel('Tên cửa hàng', { exact: true }).fill(user.merchant_name)
      await page.getByLabel('Họ và tên', { exact: true }).fill(user.name)
      await page.getByLabel('Email', { exact: true }).fill(user.email)
      await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password)
      await page.getByRole('button', { name: 'Đăng ký', exact: true }).click()

      // the home screen is Tổng quan (the overview)
      await waitForPath(page, /^\/$/)
      await visible(page.getByRole('heading', { name: 'Tổng quan', level: 1 }))
      await visible(page.getByText(user.name, { exact: true }))
      await visible(page.getByText(user.merchant_name, { exact: true }))
      for (const label of ['Tổng quan', 'Đơn hàng', 'Sản phẩm', 'Tồn kho', 'Cài đặt']) {
        await visible(page.getByRole('menuitem', { name: label }))
      }

      await page.getByRole('button', { name: 'Đăng xuất' }).click()
      await waitForPath(page, /^\/login$/)
      assert.equal(await page.evaluate(() => localStorage.getItem('auth_token')), null)

      await page.getByLabel('Email', { exact: true }).fill(user.email)
      await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password)
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
      await waitForPath(page, /^\/$/)
      await visible(page.getByText(user.name, { exact: true }))

      // the server keeps the language chosen (the mails the app sends on its own are written in it)
      const token = await page.evaluate(() => localStorage.getItem('auth_token'))
      const languageSaved = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') &&
        r.request().method() === 'PATCH' && r.status() === 200)
      const toEnglish = languageSaved()
      await page.getByRole('button', { name: 'English', exact: true }).click()
      await visible(page.getByRole('menuitem', { name: 'Settings' }))
      await visible(page.getByRole('menuitem', { name: 'Orders' }))
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
      await toEnglish
      assert.equal((await apiOk('GET', '/auth/me', undefined, token)).user.language, 'en')

      await page.reload()
      await visible(page.getByRole('menuitem', { name: 'Inventory' }))

      const toVietnamese = languageSaved()
      await page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click()
      await visible(page.getByRole('menuitem', { name: 'Cài đặt' }))
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi')
      await toVietnamese
      assert.equal((await apiOk('GET', '/auth/me', undefined, token)).user.language, 'vi')

      await page.getByRole('menuitem', { name: 'Cài đặt' }).click()
      await waitForPath(page, /^\/settings$/)
      await page.getByRole('link', { name: 'Đồng bộ sàn TMĐT' }).click()
      await waitForPath(page, /^\/settings\/ecommerce$/)
      await visible(page.getByRole('tab', { name: 'TikTok' }))
      await visible(page.getByRole('button', { name: 'Thêm kết nối' }))
      await visible(page.getByText('Chưa có tài khoản TikTok nào được kết nối'))
    })
  })

  test('a wrong password shows an error toast and stays on the login page', async () => {
    await withPage(browser, 'wrong-password', async (page) => {
      const { user } = await registerByApi()

      await page.goto(`${BASE_URL}/login`)
      await page.getByLabel('Email', { exact: true }).fill(user.email)
      await page.getByLabel('Mật khẩu', { exact: true }).fill(`${user.password}-wrong`)
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()

      const toast = await visible(page.getByRole('alert').filter({ has: page.locator('.el-message__content') }))
      assert.match(await toast.getAttribute('class'), /el-message--error/)
      assert.notEqual((await toast.innerText()).trim(), '')
      assert.match(new URL(page.url()).pathname, /^\/login$/)
      assert.equal(await page.evaluate(() => localStorage.getItem('auth_token')), null)
      await visible(page.getByRole('button', { name: 'Đăng nhập', exact: true }))
    })
  })

  test('an API token is shown once and can be revoked after confirmation', async () => {
    await withPage(browser, 'api-tokens', async (page) => {
      const { token: sessionToken } = await registerByApi()
      await loginByToken(page, sessionToken, '/settings')

      await page.getByRole('link', { name: 'API token' }).click()
      await waitForPath(page, /^\/settings\/api-tokens$/)
      await visible(page.getByText('Chưa có API token nào'))

      const name = `ERP ${Date.now()}`
      await page.getByRole('button', { name: 'Tạo token' }).click()
      const form = await visible(page.getByRole('dialog', { name: 'Tạo API token' }))
      await form.getByLabel('Tên token', { exact: true }).fill(name)
      await form.getByLabel('Hiệu lực (ngày)', { exact: true }).fill('30')
      await form.getByRole('button', { name: 'Tạo token' }).click()

      const shown = await visible(page.getByRole('dialog', { name: 'Token đã được tạo' }))
      const secret = await shown.getByLabel('Token', { exact: true }).inputValue()
      assert.ok(secret.length > 10, 'the new token is displayed')
      await visible(shown.getByRole('button', { name: 'Sao chép', exact: true }))
      const me = await api('GET', '/auth/me', undefined, secret)
      assert.equal(me.status, 200, 'the displayed token works against the API')

      await shown.getByRole('button', { name: 'Tôi đã sao chép' }).click()
      await gone(shown)
      const row = await visible(page.getByRole('row').filter({ hasText: name }))
      await visible(row.getByText('Đang hoạt động'))
      assert.ok(!(await page.content()).includes(secret), 'the token is not shown again')

      await row.getByRole('button', { name: 'Thu hồi' }).click()
      const confirm = await visible(page.getByRole('dialog', { name: 'Thu hồi token' }))
      await confirm.getByRole('button', { name: 'Xác nhận' }).click()
      await gone(row.getByRole('button', { name: 'Thu hồi' }))
      if ((await row.count()) > 0) await visible(row.getByText('Đã thu hồi'))

      const after = await api('GET', '/auth/me', undefined, secret)
      assert.equal(after.status, 401, 'a revoked token answers 401')
    })
  })
})
