// TikTok as the app's tests play it: the sandbox control API, and sellers made through it.
import { randomBytes } from 'node:crypto';
import { cookiesOf } from './client.mjs';

export const SANDBOX_URL = process.env.SANDBOX_URL || 'http://127.0.0.1:18090';

export async function control(method, path, body) {
  const res = await fetch(SANDBOX_URL + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// A new sandbox seller with `shops` shops; returns {email, password, seller_id, shops}.
export async function newSeller(shops = 2, tag = 'seller') {
  const email = `${tag}-${Date.now()}-${randomBytes(3).toString('hex')}@seller.vn`;
  const password = 'seller-pass-1';
  const made = await control('POST', '/sandbox/sellers', {
    seller_name: `Người bán ${tag}`, email, password, region: 'VN', shops,
  });
  return { email, password, ...made };
}

// Connects `seller`'s shops to merchant `m` the way the browser would, without one; returns the connections.
export async function connectSeller(api, m, seller) {
  const start = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'VN' } });
  const state = new URL(start.json.authorize_url).searchParams.get('state');
  const { redirect_url } = await control('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state });
  const u = new URL(redirect_url);
  const back = await api('GET', u.pathname + u.search, { headers: { cookie: cookiesOf(start) } });
  const result = new URL(back.headers.get('location')).searchParams.get('result');
  if (result !== 'connected') throw new Error(`connecting failed: ${back.headers.get('location')}`);
  return (await api('GET', '/api/v1/connections', { token: m.token })).json.items;
}

// Orders in the sandbox shop: {count, days_back, status, create_time, same_sku_ratio} → [{id, create_time, update_time, status}].
export async function makeOrders(shopId, body) {
  return (await control('POST', `/sandbox/shops/${shopId}/orders`, body)).orders;
}
