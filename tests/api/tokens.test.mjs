// API tests of bearer tokens: JWT checks (expiry, signature, algorithm) and revocable API tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, makeJwt, expectError } from './lib/client.mjs';

const SECRET = process.env.TTS_JWT_SECRET;
const now = () => Math.floor(Date.now() / 1000);

test('the tests know the server secret', () => {
  assert.ok(SECRET && SECRET.length >= 32, 'TTS_JWT_SECRET must be passed to the API tests');
});

test('a request without a token gets 401', async () => {
  expectError(assert, await api('GET', '/api/v1/auth/me'), 401, 'unauthorized');
  expectError(assert, await api('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } }), 401, 'unauthorized');
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: 'garbage' }), 401, 'unauthorized');
});

test('a correctly signed token is accepted until exp', async () => {
  const m = await newMerchant('jwt');
  const claims = { sub: String(m.user.id), mid: String(m.merchant.id) };
  const good = makeJwt({ ...claims, exp: now() + 60 }, { secret: SECRET });
  assert.equal((await api('GET', '/api/v1/auth/me', { token: good })).status, 200);
  const expired = makeJwt({ ...claims, exp: now() - 5 }, { secret: SECRET });
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: expired }), 401, 'unauthorized');
  const noExp = makeJwt(claims, { secret: SECRET });
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: noExp }), 401, 'unauthorized');
});

test('tampered, wrongly signed and alg-none tokens get 401', async () => {
  const m = await newMerchant('jwt-bad');
  const claims = { sub: String(m.user.id), mid: String(m.merchant.id), exp: now() + 600 };
  const [h, , s] = m.token.split('.');
  const forgedBody = Buffer.from(JSON.stringify({ ...claims, mid: '1' })).toString('base64url');
  const tampered = `${h}.${forgedBody}.${s}`;
  const wrongKey = makeJwt(claims, { secret: 'some-other-secret-that-is-32-bytes-long' });
  const none = makeJwt(claims, { alg: 'none' });
  const hs512 = makeJwt(claims, { secret: SECRET, alg: 'HS512' });
  for (const token of [tampered, wrongKey, none, hs512]) {
    expectError(assert, await api('GET', '/api/v1/auth/me', { token }), 401, 'unauthorized');
  }
});

test('API tokens are created, shown once, listed and refused at once after revocation', async () => {
  const m = await newMerchant('apitok');
  const created = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'ERP', expires_in_days: 30 } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.name, 'ERP');
  const days = (Date.parse(created.json.expires_at) - Date.now()) / 86400e3;
  assert.ok(days > 29.9 && days < 30.1, `expires in ${days} days`);

  const me = await api('GET', '/api/v1/auth/me', { token: created.json.token });
  assert.equal(me.status, 200);
  assert.equal(me.json.merchant.id, m.merchant.id);

  const list = await api('GET', '/api/v1/api-tokens', { token: m.token });
  assert.equal(list.status, 200);
  assert.equal(list.json.total, 1);
  assert.equal(list.json.items[0].id, created.json.id);
  assert.equal(list.json.items[0].revoked_at, null);
  assert.ok(!('token' in list.json.items[0]), 'the token itself is never listed');

  const del = await api('DELETE', `/api/v1/api-tokens/${created.json.id}`, { token: m.token });
  assert.equal(del.status, 204);
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: created.json.token }), 401, 'unauthorized');
  const again = await api('DELETE', `/api/v1/api-tokens/${created.json.id}`, { token: m.token });
  expectError(assert, again, 404, 'not_found');
  const after = await api('GET', '/api/v1/api-tokens', { token: m.token });
  assert.ok(after.json.items[0].revoked_at);
});

test('API tokens are validated and paginated', async () => {
  const m = await newMerchant('apitok-valid');
  const bad = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: '', expires_in_days: 0 } });
  expectError(assert, bad, 422, 'validation_failed');
  assert.deepEqual(Object.keys(bad.json.error.details.fields).sort(), ['expires_in_days', 'name']);
  for (let i = 0; i < 3; i++) {
    const c = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: `t${i}` } });
    assert.equal(c.status, 201);
  }
  const p = await api('GET', '/api/v1/api-tokens?page=2&per_page=2', { token: m.token });
  assert.equal(p.status, 200);
  assert.equal(p.json.total, 3);
  assert.equal(p.json.page, 2);
  assert.equal(p.json.per_page, 2);
  assert.deepEqual(p.json.items.map((t) => t.name), ['t0']);
  expectError(assert, await api('GET', '/api/v1/api-tokens?per_page=500', { token: m.token }), 422, 'validation_failed');
  expectError(assert, await api('GET', '/api/v1/api-tokens?page=abc', { token: m.token }), 422, 'validation_failed');
});

test("another merchant's API token is a 404, and lists are per merchant", async () => {
  const a = await newMerchant('iso-a');
  const b = await newMerchant('iso-b');
  const t = await api('POST', '/api/v1/api-tokens', { token: a.token, body: { name: 'mine' } });
  expectError(assert, await api('DELETE', `/api/v1/api-tokens/${t.json.id}`, { token: b.token }), 404, 'not_found');
  const listB = await api('GET', '/api/v1/api-tokens', { token: b.token });
  assert.equal(listB.json.total, 0);
  assert.equal((await api('GET', '/api/v1/auth/me', { token: t.json.token })).status, 200);
  expectError(assert, await api('DELETE', '/api/v1/api-tokens/abc', { token: a.token }), 404, 'not_found');
});
