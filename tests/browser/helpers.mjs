// Shared helpers of the browser tests: Debian's Chromium through playwright-core, API seeding, failure screenshots
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
export const CHROMIUM = process.env.CHROMIUM_PATH || process.env.CHROME_BIN || '/usr/bin/chromium'
const TIMEOUT_MS = Number(process.env.BROWSER_TIMEOUT_MS || 15000)

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// A phone as Chromium emulates it (a 390 × 844 touch screen with a mobile viewport).
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

// One browser per test file, in a fresh temporary profile; close() removes the profile.
// device: Playwright context options that emulate a device (e.g. PHONE); a 1280 × 800 desktop by default.
export async function startBrowser(device = { viewport: { width: 1280, height: 800 } }) {
  const profile = mkdtempSync(join(tmpdir(), 'browser-test-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...device,
    locale: 'vi-VN',
  })
  context.setDefaultTimeout(TIMEOUT_MS)
  context.setDefaultNavigationTimeout(TIMEOUT_MS)
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// Runs body(page) in a new tab with empty storage; on failure saves a screenshot in /tmp and rethrows.
export async function withPage(browser, name, body) {
  const page = await browser.context.newPage()
  const pageErrors = []
  page.on('pageerror', (err) => pageErrors.push(err.message))
  try {
    await page.goto(`${BASE_URL}/login`)
    await page.evaluate(() => localStorage.clear())
    await body(page)
  } catch (err) {
    const file = join('/tmp', `browser-${name.replace(/[^a-z0-9]+/gi, '-')}-${Date.now()}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    err.message += `\n  screenshot: ${file}\n  url: ${page.url()}`
    if (pageErrors.length) err.message += `\n  page errors: ${pageErrors.join(' | ')}`
    throw err
  } finally {
    await page.close().catch(() => {})
  }
}

export function uniqueUser(prefix = 'ui') {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  return {
    merchant_name: `Cửa hàng ${id}`,
    name: `Người bán ${id}`,
    email: `${prefix}-${id}@example.com`,
    password: `Secret-${id}`,
  }
}

// Calls the REST API directly (seeding and checks the UI is not there for).
export async function api(method, path, body, token) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  return { status: res.status, data, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') }
}

// An API call that must answer `status` (200 by default); returns its body.
export async function apiOk(method, path, body, token, status = 200) {
  const res = await api(method, path, body, token)
  assert.equal(res.status, status, `${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`)
  return res.data
}

export async function registerByApi(user = uniqueUser('api')) {
  const res = await api('POST', '/auth/register', user)
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.data)}`)
  return { user, token: res.data.token }
}

// Signs a tab in without the form: the SPA keeps its bearer token in localStorage under auth_token.
export async function loginByToken(page, token, path = '/') {
  await page.goto(`${BASE_URL}/login`)
  await page.evaluate((t) => localStorage.setItem('auth_token', t), token)
  await page.goto(`${BASE_URL}${path}`)
}

export async function visible(locator) {
  await locator.waitFor({ state: 'visible' })
  return locator
}

export async function gone(locator) {
  await locator.waitFor({ state: 'hidden' })
}

// Waits until the page's path matches (the SPA navigates without reloads).
export async function waitForPath(page, re) {
  await page.waitForURL((url) => re.test(new URL(url).pathname))
}

// The local TikTok Shop sandbox (its control API lives under /sandbox/, see the API spec).
export const SANDBOX_URL = (process.env.SANDBOX_URL || 'http://127.0.0.1:8090').replace(/\/+$/, '')

// Calls the sandbox's control API; throws with the answer on a non-2xx status.
export async function sandboxApi(method, path, body) {
  let res
  try {
    res = await fetch(`${SANDBOX_URL}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    throw new Error(`the TikTok sandbox at ${SANDBOX_URL} is not reachable: ${err.cause?.message || err.message}`)
  }
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  if (!res.ok) throw new Error(`sandbox ${method} ${path} failed: ${res.status} ${text}`)
  return data
}

// A TikTok seller account with `shops` shops in the sandbox; returns {seller_id, shops, email, password, ...}.
export async function createSandboxSeller({ shops = 1, region = 'VN' } = {}) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const seller = {
    seller_name: `Nhà bán ${id}`,
    email: `seller-${id}@example.com`,
    password: `Seller-${id}`,
    region,
    shops,
  }
  const created = await sandboxApi('POST', '/sandbox/sellers', seller)
  if (!created || !Array.isArray(created.shops) || created.shops.length !== shops) {
    throw new Error(`sandbox seller creation answered ${JSON.stringify(created)}`)
  }
  return { ...seller, ...created }
}

// Polls check() until it returns a truthy value (bounded, no fixed sleep in the caller); throws with `what`.
export async function eventually(check, what, { timeoutMs = 30000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

// Picks `option` in the select labelled `label` (Element Plus draws the shown value over the combobox input). The list
// is opened only while closed (a click on a list still opening closes it again), and the pick is tried again when a
// reload beside the select closed the list before the click landed.
export async function pickOption(page, label, option) {
  const box = page.getByRole('combobox', { name: label, exact: true })
  const item = page.getByRole('option', { name: option, exact: true })
  await eventually(async () => {
    if ((await box.getAttribute('aria-expanded')) !== 'true') await box.click({ force: true })
    await item.click({ timeout: 2000 })
    return true
  }, `the option ${option} of ${label}`)
}

// Products in a sandbox shop (orders are made of them): {count, skus_per_product} → {products:[…]}.
export async function addSandboxProducts(shopId, { count = 3, skus_per_product = 2 } = {}) {
  return sandboxApi('POST', `/sandbox/shops/${encodeURIComponent(shopId)}/products`, { count, skus_per_product })
}

// Orders in a sandbox shop: {count, days_back, status?, same_sku_ratio?} → [{id, create_time, update_time, status}].
export async function addSandboxOrders(shopId, body) {
  const res = await sandboxApi('POST', `/sandbox/shops/${encodeURIComponent(shopId)}/orders`, body)
  if (!res || !Array.isArray(res.orders) || res.orders.length !== body.count) {
    throw new Error(`sandbox order creation answered ${JSON.stringify(res)}`)
  }
  return res.orders
}

// Connects every shop of a sandbox seller to the merchant of `token` without a browser: authorize → the
// sandbox's consent result → the app's callback. Returns the merchant's connections.
export async function connectSellerByApi(token, seller, region = seller.region || 'VN') {
  const start = await api('POST', '/connections/tiktok/authorize', { region }, token)
  if (start.status !== 200 || !start.data?.authorize_url) {
    throw new Error(`authorize failed: ${start.status} ${JSON.stringify(start.data)}`)
  }
  const state = new URL(start.data.authorize_url).searchParams.get('state')
  const { redirect_url: redirectUrl } = await sandboxApi('POST', '/sandbox/authorize', {
    email: seller.email,
    password: seller.password,
    state,
  })
  const back = await fetch(redirectUrl, { redirect: 'manual', headers: { cookie: start.cookie } })
  const location = back.headers.get('location') || ''
  const result = new URL(location, BASE_URL).searchParams.get('result')
  if (back.status < 300 || back.status >= 400 || result !== 'connected') {
    throw new Error(`the TikTok callback answered ${back.status} ${location}`)
  }
  const list = await api('GET', '/connections?page=1&per_page=50', undefined, token)
  if (list.status !== 200) throw new Error(`GET /connections: ${list.status} ${JSON.stringify(list.data)}`)
  return list.data.items
}

// Throws unless the page fits the viewport's width: the document does not scroll sideways, and no other
// element does either except inside a table (Element Plus tables scroll within themselves). A mobile browser
// zooms out to show a too-wide page (innerWidth then grows past the device's width), so both are compared
// with the layout viewport's width (clientWidth, the device's width under width=device-width).
export async function assertFitsWidth(page, where) {
  const found = await page.evaluate(() => {
    const doc = document.documentElement
    const width = doc.clientWidth
    const bad = []
    if (doc.scrollWidth > width) bad.push(`the document is ${doc.scrollWidth} px wide`)
    if (window.innerWidth > width) bad.push(`the browser zoomed out to ${window.innerWidth} px to show it all`)
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.el-table, .el-select-dropdown, .el-picker-panel')) continue
      const style = getComputedStyle(el)
      if (!['auto', 'scroll'].includes(style.overflowX)) continue
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        bad.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`)
      }
    }
    return { width, bad }
  })
  if (found.bad.length) throw new Error(`${where}: wider than the ${found.width} px viewport: ${found.bad.join('; ')}`)
}

// Throws unless every visible button in `scope` (a locator, default the page) is at least 44 px tall.
export async function assertTouchSized(page, where, scope = page.locator('body')) {
  const small = await scope.evaluate((root) => {
    const out = []
    for (const el of root.querySelectorAll('button, [role="button"]')) {
      const box = el.getBoundingClientRect()
      if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue
      if (box.height < 44) out.push(`"${(el.getAttribute('aria-label') || el.textContent || '').trim()}" ${Math.round(box.height)} px`)
    }
    return out
  })
  if (small.length) throw new Error(`${where}: buttons under 44 px tall: ${small.join('; ')}`)
}

// The sandbox's walk up to its consent page: country/region, email and password ('Đăng nhập'), then the
// verification code the sandbox prints on the page.
export async function logInOnTiktok(page, seller) {
  await page.getByLabel('Quốc gia/Khu vực').selectOption(seller.region)
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click()

  await page.getByLabel('Email', { exact: true }).fill(seller.email)
  await page.getByLabel('Mật khẩu', { exact: true }).fill(seller.password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()

  const code = (await (await visible(page.getByTestId('verification-code'))).innerText()).trim()
  assert.match(code, /^\d{6}$/, 'the sandbox shows a 6-digit verification code')
  await page.getByLabel('Mã xác minh', { exact: true }).fill(code)
  await page.getByRole('button', { name: 'Xác minh', exact: true }).click()

  await visible(page.getByRole('button', { name: 'Kết nối', exact: true }))
  for (const shop of seller.shops) await visible(page.getByText(shop.name, { exact: false }))
}

// 'Kết nối' → the authorization popup (email, terms) → 'Xác nhận ủy quyền' → success, then back to the app.
export async function authorizeOnTiktok(page, seller) {
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click()
  const popup = await visible(page.getByRole('dialog', { name: 'Ủy quyền ứng dụng' }))
  await popup.getByLabel('Email nhận thông báo').fill(seller.email)
  await popup.getByRole('checkbox', { name: /đồng ý/ }).check()
  await popup.getByRole('button', { name: 'Xác nhận ủy quyền' }).click()
  await visible(page.getByRole('status').filter({ hasText: 'Ủy quyền thành công' }))
}
