// Small HTTP client for the API tests: JSON in and out through nginx, plus account helpers.
import { randomBytes, createHmac } from 'node:crypto';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:18080';

// Sends a request; `body` objects are JSON-encoded, strings/Buffers are sent as they are.
export async function api(method, path, { body, token, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    h['content-type'] = h['content-type'] || 'application/json';
  }
  const res = await fetch(BASE_URL + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

// The "name=value" of each Set-Cookie of a response, joined for a Cookie header.
export function cookiesOf(res) {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export function uniqueEmail(tag = 'user') {
  return `${tag}-${Date.now()}-${randomBytes(4).toString('hex')}@example.com`;
}

// Registers a fresh merchant with its owner; returns {token, user, merchant, email, password}.
export async function newMerchant(tag = 'm') {
  const email = uniqueEmail(tag);
  const password = 'secret-' + randomBytes(6).toString('hex');
  const res = await api('POST', '/api/v1/auth/register', {
    body: { merchant_name: `Cửa hàng ${tag}`, name: `Chủ ${tag}`, email, password },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { ...res.json, email, password };
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// A JWT signed HS256 with `secret` (or unsigned with alg "none") for the token tests.
export function makeJwt(claims, { secret, alg = 'HS256' } = {}) {
  const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  if (alg === 'none') return `${head}.${body}.`;
  const algo = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  const sig = createHmac(algo, secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function expectError(assert, res, status, code) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.ok(res.json && res.json.error, `error envelope expected: ${res.text}`);
  if (code) assert.equal(res.json.error.code, code);
  assert.equal(typeof res.json.error.message, 'string');
  assert.ok(res.json.error.message.length > 0);
  assert.equal(typeof res.json.error.details, 'object');
}
