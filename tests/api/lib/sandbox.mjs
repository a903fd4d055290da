// Helpers of the sandbox tests: the control API, a TikTok client that signs by the spec (node:crypto), polling
import { createHmac, randomBytes } from 'node:crypto'

export const SANDBOX_URL = (process.env.SANDBOX_URL || 'http://127.0.0.1:18090').replace(/\/+$/, '')

// Calls the control API (or any sandbox path) and returns {status, data, text, headers}.
export async function ctl(method, path, body) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  })
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  return { status: res.status, data, text, headers: res.headers }
}

// Like ctl() but throws unless the status is the expected one; returns the parsed body.
export async function ctlOk(method, path, body, expected = [200, 201]) {
  const res = await ctl(method, path, body)
  const want = Array.isArray(expected) ? expected : [expected]
  if (!want.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`)
  return res.data
}

export function hmacHex(key, message) {
  return createHmac('sha256', key).update(message).digest('hex')
}

// TikTok's string to sign: secret + path + sorted key/value pairs (no sign, no access_token) + body + secret.
export function stringToSign(secret, path, query, body = '') {
  const keys = Object.keys(query).filter((k) => k !== 'sign' && k !== 'access_token').sort()
  let s = secret + path
  for (const k of keys) s += k + String(query[k])
  return s + body + secret
}

export function sign(secret, path, query, body = '') {
  return hmacHex(secret, stringToSign(secret, path, query, body))
}

export function unique(prefix = 'sbx') {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

// A fresh seller with shops (and optionally products and orders in the first shop).
export async function newSeller({ shops = 1, products = 0, skus = 3, orders = 0, daysBack = 30, region = 'VN' } = {}) {
  const email = `${unique('seller')}@example.test`
  const password = 'sandbox-pass-1'
  const seller = await ctlOk('POST', '/sandbox/sellers', { seller_name: 'Shop Kiểm Thử', email, password, region, shops })
  if (products > 0) {
    await ctlOk('POST', `/sandbox/shops/${seller.shops[0].id}/products`, { count: products, skus_per_product: skus })
  }
  if (orders > 0) {
    await ctlOk('POST', `/sandbox/shops/${seller.shops[0].id}/orders`, { count: orders, days_back: daysBack })
  }
  return { ...seller, email, password }
}

// Authorizes the app for the seller through the control API and exchanges the code for tokens.
export async function connect(seller, app) {
  const auth = await ctlOk('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state: 's1' })
  const code = new URL(auth.redirect_url).searchParams.get('code')
  const q = new URLSearchParams({ app_key: app.app_key, app_secret: app.app_secret, auth_code: code, grant_type: 'authorized_code' })
  const res = await ctl('GET', `/api/v2/token/get?${q}`)
  if (res.status !== 200 || res.data.code !== 0) throw new Error(`token/get failed: ${res.text}`)
  return res.data.data
}

// The sandbox clock (Unix seconds), which includes the clock offset.
export async function sandboxNow() {
  return (await ctlOk('GET', '/sandbox/clock')).now
}

// A TikTok API client that signs every call itself, the way the official SDKs do.
export class TikTokClient {
  constructor(app, token, { shopCipher = null, now = null } = {}) {
    this.app = app
    this.token = token
    this.shopCipher = shopCipher
    this.now = now
  }

  // Calls a signed path; opts: {query, body, sign (override), omit: [keys], timestamp, token, rawBody}
  async call(method, path, opts = {}) {
    const query = { app_key: this.app.app_key, timestamp: opts.timestamp ?? (this.now ?? Math.floor(Date.now() / 1000)) }
    if (this.shopCipher && !opts.noCipher) query.shop_cipher = this.shopCipher
    Object.assign(query, opts.query || {})
    for (const k of opts.omit || []) delete query[k]
    const body = opts.rawBody !== undefined ? opts.rawBody : opts.body !== undefined ? JSON.stringify(opts.body) : ''
    const signed = body === '{}' ? '' : body
    if (!('sign' in (opts.query || {}))) query.sign = opts.sign ?? sign(this.app.app_secret, path, query, signed)
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
    const headers = { 'content-type': 'application/json' }
    const token = opts.token !== undefined ? opts.token : this.token
    if (token) headers['x-tts-access-token'] = token
    const res = await fetch(`${SANDBOX_URL}${path}?${qs}`, { method, headers, body: method === 'GET' ? undefined : body })
    const text = await res.text()
    let data = null
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
    return { status: res.status, data, text }
  }

  // POST /product/202309/images/upload as multipart/form-data (`data`, `use_case`): signed without its body, as
  // TikTok signs form bodies. opts: {type, filename, useCase (null: left out), fields: extra text parts, sign}
  async upload(bytes, opts = {}) {
    const path = '/product/202309/images/upload'
    const query = { app_key: this.app.app_key, timestamp: this.now ?? Math.floor(Date.now() / 1000) }
    if (this.shopCipher) query.shop_cipher = this.shopCipher
    query.sign = opts.sign ?? sign(this.app.app_secret, path, query, '')
    const form = new FormData()
    if (bytes) form.append('data', new Blob([bytes], { type: opts.type ?? 'image/png' }), opts.filename ?? 'photo.png')
    if (opts.useCase !== null) form.append('use_case', opts.useCase ?? 'MAIN_IMAGE')
    for (const [k, v] of Object.entries(opts.fields || {})) form.append(k, v)
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
    const res = await fetch(`${SANDBOX_URL}${path}?${qs}`, { method: 'POST', headers: { 'x-tts-access-token': this.token }, body: form })
    const text = await res.text()
    let data = null
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
    return { status: res.status, data, text }
  }
}

// Polls fn() until it returns a truthy value or the deadline passes (no fixed sleeps).
export async function waitFor(fn, { timeoutMs = 10000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await fn()
    if (last) return last
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
