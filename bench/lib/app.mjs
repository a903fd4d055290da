// The bench's calls to the app and to the sandbox's control API, and connecting a sandbox shop as a merchant would.
import { request } from './http.mjs';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:28080';
const SANDBOX_URL = process.env.SANDBOX_URL || 'http://127.0.0.1:28090';

export function must(res, want, what) {
  const ok = Array.isArray(want) ? want.includes(res.status) : res.status === want;
  if (!ok) throw new Error(`${what}: HTTP ${res.status} ${String(res.text).slice(0, 300)}`);
  return res.json;
}

export const app = (method, path, opts = {}) =>
  request(BASE_URL, method, path, { ...opts, headers: { ...(opts.headers || {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) } });
export const ctl = (method, path, body) => request(SANDBOX_URL, method, path, { body, timeoutMs: 120000 });

// Authorize → sandbox consent → callback for `merchant` ({token}) and the sandbox `seller`'s `shop`; the connection.
export async function connectShop({ merchant, seller, shop }) {
  const started = await app('POST', '/api/v1/connections/tiktok/authorize', { token: merchant.token, body: { region: 'VN' } });
  const start = must(started, 200, 'authorize');
  const cookie = (started.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; '); // binds the state to this client
  const state = new URL(start.authorize_url).searchParams.get('state');
  const { redirect_url } = must(await ctl('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state }), 200, 'sandbox authorize');
  const u = new URL(redirect_url);
  const back = await app('GET', u.pathname + u.search, { headers: { cookie } });
  const loc = back.headers.location || '';
  if (!loc.includes('result=connected')) throw new Error(`connecting failed: HTTP ${back.status} location=${loc}`);
  const conns = must(await app('GET', '/api/v1/connections', { token: merchant.token }), 200, 'connections');
  const conn = conns.items.find((c) => String(c.shop_id) === String(shop.id));
  if (!conn) throw new Error('the connection is not listed');
  return conn;
}
