// The sandbox's seller authorization pages walked in Chromium: connect (Vietnamese), cancel, English, errors.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBrowser } from './helpers.mjs'
import { SANDBOX_URL, ctl, ctlOk, newSeller } from '../api/lib/sandbox.mjs'
import { startReceiver } from '../api/lib/sandbox_receiver.mjs'

let browser, app, receiver

before(async () => {
  app = await ctlOk('GET', '/sandbox/app')
  receiver = await startReceiver((req) => ({ status: 200, body: `received ${req.url}` }))
  await ctlOk('PUT', '/sandbox/app', { redirect_url: `${receiver.url}/callback` })
  browser = await startBrowser()
})

after(async () => {
  await ctlOk('PUT', '/sandbox/app', { redirect_url: app.redirect_url })
  await browser?.close()
  await receiver?.close()
})

// Runs body(page) in a fresh tab; on failure saves a screenshot under /tmp.
async function withTab(name, body) {
  const page = await browser.context.newPage()
  try {
    await body(page)
  } catch (err) {
    const file = `/tmp/browser-sandbox-${name}-${Date.now()}.png`
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    err.message += `\n  screenshot: ${file}\n  url: ${page.url()}`
    throw err
  } finally {
    await page.close().catch(() => {})
  }
}

function startUrl(state, lang) {
  const q = new URLSearchParams({ service_id: app.service_id, state })
  if (lang) q.set('lang', lang)
  return `${SANDBOX_URL}/open/authorize?${q}`
}

// Region → log in → verification code; leaves the page on the consent step.
async function logIn(page, seller, state) {
  await page.goto(startUrl(state))
  await page.getByLabel('Quốc gia/Khu vực').selectOption('VN')
  await page.getByRole('button', { name: 'Tiếp tục' }).click()
  await page.getByLabel('Email').fill(seller.email)
  await page.getByLabel('Mật khẩu').fill(seller.password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  const code = (await page.getByTestId('verification-code').textContent()).trim()
  assert.match(code, /^\d{6}$/)
  await page.getByLabel('Mã xác minh').fill(code)
  await page.getByRole('button', { name: 'Xác minh' }).click()
  await page.getByRole('button', { name: 'Kết nối' }).waitFor()
}

test('a seller connects: region, log in, code, Kết nối, popup, Xác nhận ủy quyền, redirect with code and state', async () => {
  const seller = await newSeller({ shops: 2 })
  const state = `st-${Date.now()}`
  await withTab('connect', async (page) => {
    await logIn(page, seller, state)
    for (const shop of seller.shops) assert.ok(await page.getByText(shop.name).isVisible())
    await page.getByRole('button', { name: 'Kết nối' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    // the terms must be accepted
    await dialog.getByLabel('Email nhận thông báo').fill('ops@example.test')
    await dialog.getByRole('button', { name: 'Xác nhận ủy quyền' }).click()
    assert.ok(await page.getByRole('dialog').isVisible(), 'the form is not sent without the terms checkbox')
    await dialog.getByLabel(/Tôi đã đọc và đồng ý/).check()
    await dialog.getByRole('button', { name: 'Xác nhận ủy quyền' }).click()
    await page.getByText('Ủy quyền thành công!').waitFor()
    await page.waitForURL((u) => u.toString().startsWith(`${receiver.url}/callback`))
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('state'), state)
    const code = url.searchParams.get('code')
    assert.ok(code)
    // the code works once
    const q = new URLSearchParams({ app_key: app.app_key, app_secret: app.app_secret, auth_code: code, grant_type: 'authorized_code' })
    const first = await ctl('GET', `/api/v2/token/get?${q}`)
    assert.equal(first.data.code, 0, first.text)
    assert.equal(first.data.data.seller_name, 'Shop Kiểm Thử')
    const again = await ctl('GET', `/api/v2/token/get?${q}`)
    assert.equal(again.data.code, 36004004)
  })
})

test('cancel on the consent step redirects with error=auth_denied and the state', async () => {
  const seller = await newSeller()
  const state = `cancel-${Date.now()}`
  await withTab('cancel', async (page) => {
    await logIn(page, seller, state)
    await page.getByRole('button', { name: 'Hủy' }).click()
    await page.waitForURL((u) => u.toString().startsWith(`${receiver.url}/callback`))
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('error'), 'auth_denied')
    assert.equal(url.searchParams.get('state'), state)
    assert.equal(url.searchParams.get('code'), null)
  })
})

test('English pages through the language switch, and wrong credentials or codes are refused', async () => {
  const seller = await newSeller()
  await withTab('english', async (page) => {
    await page.goto(startUrl('en-1'))
    await page.getByRole('link', { name: 'English' }).click()
    await page.getByLabel('Country/Region').selectOption('VN')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Email').fill(seller.email)
    await page.getByLabel('Password').fill('wrong-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').getByText('The email or password is incorrect.').waitFor()
    await page.getByLabel('Password').fill(seller.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByLabel('Verification code').fill('000000')
    const shown = (await page.getByTestId('verification-code').textContent()).trim()
    if (shown === '000000') await page.getByLabel('Verification code').fill('111111')
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('alert').getByText('The verification code is incorrect.').waitFor()
    await page.getByLabel('Verification code').fill(shown)
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByRole('dialog').getByLabel('Email for notifications').fill('en@example.test')
    await page.getByRole('dialog').getByLabel(/I have read and agree/).check()
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm authorization' }).click()
    await page.getByText('Authorization successful!').waitFor()
    await page.waitForURL((u) => u.toString().startsWith(`${receiver.url}/callback`))
    assert.equal(new URL(page.url()).searchParams.get('state'), 'en-1')
  })
})

test('an unknown service_id is refused and a seller of another region cannot log in there', async () => {
  const seller = await newSeller()
  await withTab('errors', async (page) => {
    const res = await page.goto(`${SANDBOX_URL}/open/authorize?service_id=nope&state=x`)
    assert.equal(res.status(), 400)
    assert.ok(await page.getByText('Ứng dụng không hợp lệ').isVisible())
    await page.goto(startUrl('th'))
    await page.getByLabel('Quốc gia/Khu vực').selectOption('TH')
    await page.getByRole('button', { name: 'Tiếp tục' }).click()
    await page.getByLabel('Email').fill(seller.email)
    await page.getByLabel('Mật khẩu').fill(seller.password)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.getByRole('alert').getByText('Tài khoản này không thuộc quốc gia/khu vực đã chọn.').waitFor()
  })
})
