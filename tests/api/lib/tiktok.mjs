// TikTok as the app's tests play it: the sandbox control API, and sellers made through it.
import { randomBytes } from 'node:crypto';

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
