// Roles in force on every request: a disabled person's sessions and API tokens are refused at once, sessions signed
// before the person's sessions were ended are refused, API tokens act with their maker's role as it is now, and a
// route's missing permission answers 403 forbidden naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, makeJwt, expectError } from './lib/client.mjs';
import { sql } from './lib/db.mjs';
import { addPerson } from './lib/staff.mjs';

const SECRET = process.env.TTS_JWT_SECRET;
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

test('register makes the owner; /auth/me says the role and what it permits, as GET /roles does', async () => {
  const m = await newMerchant('roles-me');
  assert.equal(m.user.role, 'owner');
  const roles = (await api('GET', '/api/v1/roles', { token: m.token })).json;
  const owner = roles.roles.find((r) => r.name === 'owner');
  assert.deepEqual(owner.permissions, roles.permissions, 'the owner has every permission');
  const wh = await addPerson(m, 'warehouse');
  const me = await api('GET', '/api/v1/auth/me', { token: wh.token });
  assert.equal(me.json.user.role, 'warehouse');
  assert.deepEqual(me.json.user.permissions, roles.roles.find((r) => r.name === 'warehouse').permissions);
  assert.ok(!me.json.user.permissions.includes('money.read'));
});

test('a missing permission answers 403 forbidden naming it, for sessions and the same for every role', async () => {
  const m = await newMerchant('roles-403');
  const acc = await addPerson(m, 'accountant');
  const res = await api('POST', '/api/v1/products', { token: acc.token, body: { name: 'X', sku: 'X-1', unit: 'cai' } });
  expectError(assert, res, 403, 'forbidden');
  assert.equal(res.json.error.details.permission, 'products.write');
  const mgr = await addPerson(m, 'manager');
  const tok = await api('POST', '/api/v1/api-tokens', { token: mgr.token, body: { name: 'x' } });
  expectError(assert, tok, 403, 'forbidden');
  assert.equal(tok.json.error.details.permission, 'api_tokens.manage');
  // and nothing was made
  assert.equal((await api('GET', '/api/v1/products', { token: m.token })).json.total, 0);
});

test("a disabled person's session and API token are refused at once, and work again once re-enabled", async () => {
  const m = await newMerchant('roles-off');
  const created = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'ERP' } });
  assert.equal(created.status, 201, created.text);
  const apiToken = created.json.token;
  assert.equal((await api('GET', '/api/v1/orders', { token: apiToken })).status, 200);
  sql(`UPDATE users SET disabled_at = UTC_TIMESTAMP() WHERE id = ${Number(m.user.id)}`);
  for (const token of [m.token, apiToken]) {
    expectError(assert, await api('GET', '/api/v1/orders', { token }), 401, 'account_disabled');
    expectError(assert, await api('GET', '/api/v1/auth/me', { token }), 401, 'account_disabled');
  }
  // nor can they sign in again (said only with the right password)
  expectError(assert, await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: m.password } }), 401, 'account_disabled');
  expectError(assert, await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: 'wrong-password' } }), 401, 'invalid_credentials');
  sql(`UPDATE users SET disabled_at = NULL WHERE id = ${Number(m.user.id)}`);
  for (const token of [m.token, apiToken]) assert.equal((await api('GET', '/api/v1/orders', { token })).status, 200);
});

test('an API token acts with the role its maker has now', async () => {
  const m = await newMerchant('roles-tok');
  const apiToken = (await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'ERP' } })).json.token;
  const body = { name: 'Áo', sku: `ROLE-${Date.now()}`, unit: 'cai' };
  sql(`UPDATE users SET role = 'accountant' WHERE id = ${Number(m.user.id)}`);
  const refused = await api('POST', '/api/v1/products', { token: apiToken, body });
  expectError(assert, refused, 403, 'forbidden');
  assert.equal(refused.json.error.details.permission, 'products.write');
  assert.equal((await api('GET', '/api/v1/orders', { token: apiToken })).status, 200, 'reading stays allowed');
  sql(`UPDATE users SET role = 'owner' WHERE id = ${Number(m.user.id)}`);
  assert.equal((await api('POST', '/api/v1/products', { token: apiToken, body })).status, 201);
});

test('sessions signed before the person\'s sessions were ended are refused; later ones and API tokens are not', async () => {
  assert.ok(SECRET, 'TTS_JWT_SECRET must be passed to the API tests');
  const m = await newMerchant('roles-since');
  const iat = claimsOf(m.token).iat;
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Math.abs(iat - now) <= 5, `the session says when it was signed: iat ${iat}, now ${now}`);
  const apiToken = (await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'ERP' } })).json.token;
  const since = iat + 10;
  sql(`UPDATE users SET sessions_since = FROM_UNIXTIME(${since}) WHERE id = ${Number(m.user.id)}`);
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: m.token }), 401, 'session_ended');
  const claims = { sub: String(m.user.id), mid: String(m.merchant.id), exp: now + 600 };
  const before = makeJwt({ ...claims, iat: since - 1 }, { secret: SECRET });
  const noIat = makeJwt(claims, { secret: SECRET });
  const after = makeJwt({ ...claims, iat: since }, { secret: SECRET });
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: before }), 401, 'session_ended');
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: noIat }), 401, 'session_ended');
  assert.equal((await api('GET', '/api/v1/auth/me', { token: after })).status, 200);
  assert.equal((await api('GET', '/api/v1/auth/me', { token: apiToken })).status, 200, 'API tokens are not sessions');
});
