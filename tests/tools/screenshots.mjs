// Regenerates the README's screenshots (docs/screenshots/*.png) from a running `make run` stack.
//
//   make run                              # in another terminal: the app on :8080, the sandbox on :8090
//   (cd tests && npm ci)                  # once, if tests/node_modules is missing
//   node tests/tools/screenshots.mjs      # from the repository root
//
// It signs in as the demo merchant (demo@example.com / demo12345), connects the sandbox's demo TikTok seller
// (seller@demo.vn / demo12345) through the API when the merchant has no connection yet, runs Sync all on every
// connection and waits for it, then drives Debian's Chromium through playwright-core (as tests/browser/ does) and
// saves: overview.png and orders.png (desktop, 1440 × 900), order-phone.png (an order's detail on a 390-px phone).
// Environment: BASE_URL, SANDBOX_URL, DEMO_EMAIL, DEMO_PASSWORD, SELLER_EMAIL, SELLER_PASSWORD, SELLER_REGION,
// CHROME_BIN (default /usr/bin/chromium), OUT_DIR (default docs/screenshots of this checkout).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const SANDBOX_URL = (process.env.SANDBOX_URL || 'http://127.0.0.1:8090').replace(/\/+$/, '')
const DEMO = { email: process.env.DEMO_EMAIL || 'demo@example.com', password: process.env.DEMO_PASSWORD || 'demo12345' }
const SELLER = {
  email: process.env.SELLER_EMAIL || 'seller@demo.vn',
  password: process.env.SELLER_PASSWORD || 'demo12345',
  region: process.env.SELLER_REGION || 'VN',
}
const CHROMIUM = process.env.CHROME_BIN || process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const OUT_DIR = resolve(process.env.OUT_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots'))
const SIZE_WARN_BYTES = 250 * 1024

const log = (msg) => process.stdout.write(`screenshots: ${msg}\n`)

async function request(url, { method = 'GET', body, token, headers = {}, redirect = 'follow' } = {}) {
  const h = { Accept: 'application/json', ...headers }
  if (body !== undefined) h['Content-Type'] = 'application/json'
  if (token) h.Authorization = `Bearer ${token}`
  let res
  try {
    res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect })
  } catch (err) {
    throw new Error(`${method} ${url}: not reachable (${err.cause?.message || err.message}); is \`make run\` running?`)
  }
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  return { status: res.status, data, res }
}

async function api(method, path, body, token, expect = [200]) {
  const out = await request(`${BASE_URL}/api/v1${path}`, { method, body, token })
  if (!expect.includes(out.status)) throw new Error(`${method} ${path} answered ${out.status}: ${JSON.stringify(out.data)}`)
  return out
}

async function until(check, what, timeoutMs = 180000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

// Authorize → the sandbox's consent (its control API stands for the seller's clicks) → the app's callback.
async function connectDemoSeller(token) {
  const start = await api('POST', '/connections/tiktok/authorize', { region: SELLER.region }, token)
  const state = new URL(start.data.authorize_url).searchParams.get('state')
  const consent = await request(`${SANDBOX_URL}/sandbox/authorize`, {
    method: 'POST',
    body: { email: SELLER.email, password: SELLER.password, state },
  })
  if (consent.status !== 200 || !consent.data?.redirect_url) {
    throw new Error(`the sandbox refused the demo seller ${SELLER.email}: ${consent.status} ${JSON.stringify(consent.data)}`)
  }
  const cookie = start.res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const back = await fetch(consent.data.redirect_url, { redirect: 'manual', headers: { cookie } })
  const location = back.headers.get('location') || ''
  if (new URL(location, BASE_URL).searchParams.get('result') !== 'connected') {
    throw new Error(`the TikTok callback answered ${back.status} ${location}`)
  }
}

async function connections(token) {
  return (await api('GET', '/connections?page=1&per_page=50', undefined, token)).data.items
}

async function prepareData() {
  const token = (await api('POST', '/auth/login', DEMO)).data.token
  let conns = await connections(token)
  if (conns.length === 0) {
    log(`connecting the demo TikTok seller ${SELLER.email}`)
    await connectDemoSeller(token)
    conns = await connections(token)
  }
  for (const c of conns) {
    const sync = await api('POST', `/connections/${c.id}/sync`, undefined, token, [200, 202, 409])
    if (sync.status === 409) {
      log(`connection ${c.id} needs reconnecting: skipped`)
      continue
    }
    const job = sync.data.job
    log(`Sync all on ${c.shop_name || c.id}: job ${job.id}`)
    const done = await until(async () => {
      const j = (await api('GET', `/sync-jobs/${job.id}`, undefined, token)).data
      return j.state === 'done' || j.state === 'failed' ? j : null
    }, `sync job ${job.id}`)
    if (done.state !== 'done') throw new Error(`sync job ${job.id} failed: ${done.error}`)
  }
  const orders = (await api('GET', '/orders?page=1&per_page=20', undefined, token)).data.items
  if (!orders.length) throw new Error('the demo merchant has no orders after Sync all')
  // An order with several lines shows the detail best; else the newest.
  const order = orders.find((o) => (o.item_count || 0) > 1) || orders[0]
  return { token, orderId: order.id }
}

// A fresh profile per viewport, Vietnamese locale, signed in by putting the token where the SPA keeps it.
async function withBrowser(device, body) {
  const profile = mkdtempSync(join(tmpdir(), 'screenshots-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...device,
  })
  context.setDefaultTimeout(30000)
  try {
    const page = await context.newPage()
    await body(page)
  } finally {
    await context.close().catch(() => {})
    rmSync(profile, { recursive: true, force: true })
  }
}

async function signIn(page, token) {
  await page.goto(`${BASE_URL}/login`)
  await page.evaluate((t) => localStorage.setItem('auth_token', t), token)
}

async function settle(page) {
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts?.ready)
  await page.waitForTimeout(800) // the charts' entry animation
}

async function shoot(page, name) {
  const file = join(OUT_DIR, name)
  await page.screenshot({ path: file })
  const size = statSync(file).size
  log(`${file} (${Math.round(size / 1024)} KB)${size > SIZE_WARN_BYTES ? '  over 250 KB' : ''}`)
}

const { token, orderId } = await prepareData()
mkdirSync(OUT_DIR, { recursive: true })

await withBrowser({ viewport: { width: 1440, height: 900 } }, async (page) => {
  await signIn(page, token)
  await page.goto(`${BASE_URL}/`)
  await page.locator('canvas').first().waitFor()
  await settle(page)
  await shoot(page, 'overview.png')

  await page.goto(`${BASE_URL}/orders`)
  await page.locator('tbody tr').first().waitFor()
  await settle(page)
  await shoot(page, 'orders.png')
})

await withBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, async (page) => {
  await signIn(page, token)
  await page.goto(`${BASE_URL}/orders/${orderId}`)
  await page.getByText(/TikTok/).first().waitFor()
  await settle(page)
  await shoot(page, 'order-phone.png')
})
