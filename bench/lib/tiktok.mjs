// The bench's own TikTok Shop client for the sandbox: signs every call by the spec with node:crypto
// (secret + path + sorted key/value pairs, no sign/access_token, + body + secret; HMAC-SHA256 hex).
import { createHmac } from 'node:crypto';
import { request } from './http.mjs';

export function sign(secret, path, query, body = '') {
  const keys = Object.keys(query).filter((k) => k !== 'sign' && k !== 'access_token').sort();
  let s = secret + path;
  for (const k of keys) s += k + String(query[k]);
  s += body + secret;
  return createHmac('sha256', secret).update(s).digest('hex');
}

export class TikTokClient {
  // app: {app_key, app_secret}; token: access token; shopCipher: the shop's cipher
  constructor(base, app, token, shopCipher) {
    this.base = base;
    this.app = app;
    this.token = token;
    this.shopCipher = shopCipher;
  }

  async call(method, path, { query = {}, body } = {}) {
    const q = { app_key: this.app.app_key, timestamp: Math.floor(Date.now() / 1000), ...query };
    if (this.shopCipher) q.shop_cipher = this.shopCipher;
    const raw = body === undefined ? '' : JSON.stringify(body);
    q.sign = sign(this.app.app_secret, path, q, raw === '{}' ? '' : raw);
    const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
    const res = await request(this.base, method, `${path}?${qs}`, {
      body: method === 'GET' ? undefined : raw,
      headers: { 'content-type': 'application/json', 'x-tts-access-token': this.token },
    });
    if (res.status !== 200 || !res.json || res.json.code !== 0) {
      throw new Error(`TikTok ${method} ${path}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    }
    return res;
  }

  // One page of the order search (the sync worker's own call: sort by create_time ASC in a window).
  searchOrders({ pageSize = 100, pageToken, createGe, createLt } = {}) {
    const query = { page_size: pageSize, sort_field: 'create_time', sort_order: 'ASC' };
    if (pageToken) query.page_token = pageToken;
    const body = {};
    if (createGe) body.create_time_ge = createGe;
    if (createLt) body.create_time_lt = createLt;
    return this.call('POST', '/order/202309/orders/search', { query, body });
  }
}
