// API tests of accounts: register, login, me, throttling, and the bad-input answers of the auth endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, uniqueEmail, expectError } from './lib/client.mjs';

test('register creates a merchant and its owner and signs in', async () => {
  const email = uniqueEmail('reg');
  const res = await api('POST', '/api/v1/auth/register', {
    body: { merchant_name: '  Shop Hà Nội ', name: 'Nguyễn Văn A', email, password: 'matkhau123' },
  });
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.match(res.json.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(res.json.user.email, email);
  assert.equal(res.json.user.name, 'Nguyễn Văn A');
  assert.equal(res.json.user.role, 'owner');
  assert.equal(res.json.merchant.name, 'Shop Hà Nội');
  assert.match(res.headers.get('x-request-id'), /^[0-9a-f]{32}$/);

  const me = await api('GET', '/api/v1/auth/me', { token: res.json.token });
  assert.equal(me.status, 200);
  assert.deepEqual(me.json.user, res.json.user);
  assert.deepEqual(me.json.merchant, res.json.merchant);
});

test('an e-mail registers once, whatever its case', async () => {
  const m = await newMerchant('dup');
  const res = await api('POST', '/api/v1/auth/register', {
    body: { merchant_name: 'Other', name: 'Other', email: m.email.toUpperCase(), password: 'matkhau123' },
  });
  expectError(assert, res, 409, 'email_taken');
});

test('login answers a session for the right password only', async () => {
  const m = await newMerchant('login');
  const ok = await api('POST', '/api/v1/auth/login', { body: { email: m.email.toUpperCase(), password: m.password } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.user.id, m.user.id);
  assert.equal(ok.json.merchant.id, m.merchant.id);
  const me = await api('GET', '/api/v1/auth/me', { token: ok.json.token });
  assert.equal(me.status, 200);

  const bad = await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: 'wrong-password' } });
  expectError(assert, bad, 401, 'invalid_credentials');
  const unknown = await api('POST', '/api/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: 'whatever1' } });
  expectError(assert, unknown, 401, 'invalid_credentials');
});

test('repeated failed logins for one e-mail are throttled, others are not', async () => {
  const m = await newMerchant('throttle');
  const other = await newMerchant('throttle-other');
  for (let i = 0; i < 5; i++) {
    const res = await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: 'wrong-' + i } });
    expectError(assert, res, 401, 'invalid_credentials');
  }
  const blocked = await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: m.password } });
  expectError(assert, blocked, 429, 'too_many_attempts');
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  const fine = await api('POST', '/api/v1/auth/login', { body: { email: other.email, password: other.password } });
  assert.equal(fine.status, 200);
});

test('missing and mistyped fields get 422 naming each field', async () => {
  const res = await api('POST', '/api/v1/auth/register', {
    body: { merchant_name: '', name: 42, email: 'not-an-email', password: 'short' },
  });
  expectError(assert, res, 422, 'validation_failed');
  const f = res.json.error.details.fields;
  assert.deepEqual(Object.keys(f).sort(), ['email', 'merchant_name', 'name', 'password']);
  assert.equal(f.name, 'must be a string');
  assert.equal(f.password, 'must be at least 8 characters');

  const login = await api('POST', '/api/v1/auth/login', { body: {} });
  expectError(assert, login, 422, 'validation_failed');
  assert.deepEqual(Object.keys(login.json.error.details.fields).sort(), ['email', 'password']);
});

test('malformed JSON gets 400 and stores nothing', async () => {
  const email = uniqueEmail('malformed');
  const bodies = [
    `{"merchant_name":"x","name":"x","email":"${email}","password":"matkhau123"`,
    '',
    '[1,2,3]',
    'null',
    `{"merchant_name":"x","name":"x","email":"${email}","password":"matkhau123","deep":${'['.repeat(64)}${']'.repeat(64)}}`,
  ];
  for (const body of bodies) {
    const res = await api('POST', '/api/v1/auth/register', { body });
    expectError(assert, res, 400, 'malformed_json');
  }
  const login = await api('POST', '/api/v1/auth/login', { body: { email, password: 'matkhau123' } });
  expectError(assert, login, 401, 'invalid_credentials');
});

test('a body over 1 MiB gets 413', async () => {
  const big = JSON.stringify({ merchant_name: 'x'.repeat(1024 * 1024 + 10) });
  const res = await api('POST', '/api/v1/auth/register', { body: big });
  expectError(assert, res, 413, 'payload_too_large');
});

test("a person's language: Vietnamese at first, set by PATCH /auth/me to a language the app has, kept at sign-in", async () => {
  const m = await newMerchant('lang');
  assert.equal(m.user.language, 'vi');
  const set = await api('PATCH', '/api/v1/auth/me', { token: m.token, body: { language: 'en' } });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.user.language, 'en');
  assert.equal(set.json.merchant.id, m.merchant.id);
  assert.equal((await api('GET', '/api/v1/auth/me', { token: m.token })).json.user.language, 'en');
  for (const body of [{ language: 'fr' }, { language: 'EN' }, {}, { language: 1 }]) {
    const bad = await api('PATCH', '/api/v1/auth/me', { token: m.token, body });
    expectError(assert, bad, 422, 'validation_failed');
    assert.ok(bad.json.error.details.fields.language, JSON.stringify(bad.json));
  }
  const again = await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: m.password } });
  assert.equal(again.json.user.language, 'en', 'a refused change left it as it was');
  expectError(assert, await api('PATCH', '/api/v1/auth/me', { body: { language: 'vi' } }), 401, 'unauthorized');
});

test('unknown paths get 404 and wrong methods 405 with Allow', async () => {
  expectError(assert, await api('GET', '/api/v1/no-such-thing'), 404, 'not_found');
  expectError(assert, await api('GET', '/api/v1/auth/me/extra'), 404, 'not_found');
  const res = await api('GET', '/api/v1/auth/register');
  expectError(assert, res, 405, 'method_not_allowed');
  assert.equal(res.headers.get('allow'), 'POST');
});
