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
// CHROME_BIN (default /usr/bin/chromium), OUT_DIR (default docs/screenshots of this checkout). The API client, the
// browser and the connection flow are tests/browser/helpers.mjs's.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BASE_URL, PHONE, api, apiOk, connectSellerByApi, eventually, loginByToken, startBrowser,
} from '../browser/helpers.mjs'

const DEMO = { email: process.env.DEMO_EMAIL || 'demo@example.com', password: process.env.DEMO_PASSWORD || 'demo12345' }
const SELLER = {
  email: process.env.SELLER_EMAIL || 'seller@demo.vn',
  password: process.env.SELLER_PASSWORD || 'demo12345',
  region: process.env.SELLER_REGION || 'VN',
}
const OUT_DIR = resolve(process.env.OUT_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots'))
const SIZE_WARN_BYTES = 250 * 1024
const VIETNAM = 'Asia/Ho_Chi_Minh' // the merchant's clock, whatever this machine's is

const log = (msg) => process.stdout.write(`screenshots: ${msg}\n`)

async function prepareData() {
  const token = (await apiOk('POST', '/auth/login', DEMO)).token
  let conns = (await apiOk('GET', '/connections?page=1&per_page=50', undefined, token)).items
  if (conns.length === 0) {
    log(`connecting the demo TikTok seller ${SELLER.email}`)
    conns = await connectSellerByApi(token, SELLER)
  }
  for (const c of conns) {
    const sync = await api('POST', `/connections/${c.id}/sync`, undefined, token)
    if (sync.status === 409) {
      log(`connection ${c.id} needs reconnecting: skipped`)
      continue
    }
    if (sync.status !== 200 && sync.status !== 202) throw new Error(`Sync all: ${sync.status} ${JSON.stringify(sync.data)}`)
    const job = sync.data.job
    log(`Sync all on ${c.shop_name || c.id}: job ${job.id}`)
    const done = await eventually(async () => {
      const j = await apiOk('GET', `/sync-jobs/${job.id}`, undefined, token)
      return j.state === 'done' || j.state === 'failed' ? j : null
    }, `sync job ${job.id}`, { timeoutMs: 180000, intervalMs: 500 })
    if (done.state !== 'done') throw new Error(`sync job ${job.id} failed: ${done.error}`)
  }
  const orders = (await apiOk('GET', '/orders?page=1&per_page=20', undefined, token)).items
  if (!orders.length) throw new Error('the demo merchant has no orders after Sync all')
  // An order with several lines shows the detail best; else the newest.
  const order = orders.find((o) => (o.item_count || 0) > 1) || orders[0]
  return { token, orderId: order.id }
}

// A fresh browser profile per viewport (Vietnamese locale), signed in at `path` with the token.
async function withBrowser(device, token, path, body) {
  const browser = await startBrowser(device)
  try {
    const page = await browser.context.newPage()
    await loginByToken(page, token, path)
    await body(page)
  } finally {
    await browser.close()
  }
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

await withBrowser({ viewport: { width: 1440, height: 900 }, timezoneId: VIETNAM }, token, '/', async (page) => {
  await page.locator('canvas').first().waitFor()
  await settle(page)
  await shoot(page, 'overview.png')

  await page.goto(`${BASE_URL}/orders`)
  await page.locator('tbody tr').first().waitFor()
  await settle(page)
  await shoot(page, 'orders.png')
})

await withBrowser({ ...PHONE, timezoneId: VIETNAM }, token, `/orders/${orderId}`, async (page) => {
  await page.getByText(/TikTok/).first().waitFor()
  await settle(page)
  await shoot(page, 'order-phone.png')
})
