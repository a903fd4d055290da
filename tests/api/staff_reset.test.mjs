// "Quên mật khẩu": a reset link through the stack's real mail catcher (1 hour, used once, stored hashed), every
// session of the person ended by the new password, the same answer for an address without an account, and the limit
// per client. Each test asks from a loopback address of its own (127.x.y.z), so the per-client count is its alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { api, newMerchant, uniqueEmail, expectError } from './lib/client.mjs';
import { sql } from './lib/db.mjs';
import { readMail, tokenOf } from './lib/mail.mjs';
import { sha256, pastIssueSecond, staffOf } from './lib/staff.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:18080';
const ownAddress = () => `127.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`;

// POSTs a reset request from `localAddress`; {status, headers, text, ms}.
function askFrom(localAddress, body) {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const u = new URL('/api/v1/auth/password-reset', BASE);
    const started = process.hrtime.bigint();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      let out = '';
      res.on('data', (d) => { out += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: out,
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const confirm = (token, password) => api('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password } });
const login = (email, password) => api('POST', '/api/v1/auth/login', { body: { email, password } });

test('a reset link by e-mail sets a new password once and ends every session of the person', async () => {
  const m = await newMerchant('reset');
  const second = await login(m.email, m.password);
  assert.equal(second.status, 200);
  const script = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'script' } });
  await pastIssueSecond(second.json.token);

  const after = Date.now();
  const asked = await askFrom(ownAddress(), { email: m.email.toUpperCase() });
  assert.equal(asked.status, 202, asked.text);
  assert.equal(asked.text, '');
  const mail = await readMail({ to: m.email, after });
  assert.equal(mail.language, 'vi');
  assert.equal(mail.links.length, 1);
  assert.ok(mail.links[0].startsWith(`${BASE}/reset-password?token=`), mail.links[0]);
  const token = tokenOf(mail.links[0]);
  assert.equal(sql(`SELECT COUNT(*) FROM password_resets WHERE token_hash = '${sha256(token)}' ` +
    'AND expires_at BETWEEN UTC_TIMESTAMP() + INTERVAL 59 MINUTE AND UTC_TIMESTAMP() + INTERVAL 1 HOUR')[0][0], '1',
  'stored as its hash, valid for an hour');

  // the password rules of register
  const short = await confirm(token, 'short');
  expectError(assert, short, 422, 'validation_failed');
  assert.deepEqual(short.json.error.details.errors.map((e) => [e.field, e.code]), [['password', 'too_short']]);
  // the sessions still work until the reset is done
  assert.equal((await api('GET', '/api/v1/auth/me', { token: m.token })).status, 200);

  const done = await confirm(token, 'brand-new-password');
  assert.equal(done.status, 204, done.text);
  for (const t of [m.token, second.json.token]) expectError(assert, await api('GET', '/api/v1/auth/me', { token: t }), 401, 'session_ended');
  // API tokens are not sessions: they stay until revoked (the OpenAPI description says so)
  assert.equal((await api('GET', '/api/v1/auth/me', { token: script.json.token })).status, 200);
  expectError(assert, await login(m.email, m.password), 401, 'invalid_credentials');
  const fresh = await login(m.email, 'brand-new-password');
  assert.equal(fresh.status, 200, fresh.text);
  assert.equal((await api('GET', '/api/v1/auth/me', { token: fresh.json.token })).status, 200, 'a session signed after the reset works');
  // used once
  expectError(assert, await confirm(token, 'yet-another-password'), 409, 'reset_used');
  expectError(assert, await confirm('0'.repeat(64), 'yet-another-password'), 404, 'reset_not_found');
});

test('an expired link is refused, and using one link closes the other open links of the person', async () => {
  const m = await newMerchant('reset-expiry');
  const from = ownAddress();
  const tokens = [];
  for (let i = 0; i < 3; i++) {
    const after = Date.now();
    assert.equal((await askFrom(from, { email: m.email, lang: 'en' })).status, 202);
    const mail = await readMail({ to: m.email, after, match: (x) => !tokens.includes(tokenOf(x.links[0])) });
    assert.equal(mail.language, 'en');
    tokens.push(tokenOf(mail.links[0]));
  }
  sql(`UPDATE password_resets SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE token_hash = '${sha256(tokens[0])}'`);
  expectError(assert, await confirm(tokens[0], 'brand-new-password'), 410, 'reset_expired');
  assert.equal((await confirm(tokens[1], 'brand-new-password')).status, 204);
  expectError(assert, await confirm(tokens[2], 'other-new-password'), 409, 'reset_used');
  assert.equal((await login(m.email, 'brand-new-password')).status, 200);
});

test('the answer is the same whether or not the address has an account, and takes about as long', async () => {
  const m = await newMerchant('reset-same');
  const from = ownAddress();
  const unknown = uniqueEmail('nobody');
  const known = await askFrom(from, { email: m.email });
  const none = await askFrom(from, { email: unknown });
  for (const h of ['content-type', 'content-length', 'retry-after']) assert.equal(none.headers[h], known.headers[h], h);
  assert.deepEqual([none.status, none.text], [known.status, known.text]);
  assert.deepEqual([none.status, none.text], [202, '']);
  assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE recipient = '${unknown}'`)[0][0], '0', 'nothing is sent');
  // timing: the median of a few requests each way (both commit one transaction; a known address adds two inserts)
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const k = [];
  const u = [];
  for (let i = 0; i < 4; i++) {
    k.push((await askFrom(ownAddress(), { email: m.email })).ms);
    u.push((await askFrom(ownAddress(), { email: uniqueEmail('nobody') })).ms);
  }
  assert.ok(Math.abs(median(k) - median(u)) < 50, `known ${k.map(Math.round)} ms, unknown ${u.map(Math.round)} ms`);
  // a malformed address is refused the same way for everyone
  expectError(assert, await api('POST', '/api/v1/auth/password-reset', { body: { email: 'not-an-address' } }), 422, 'validation_failed');
});

test('a person is sent at most 3 links an hour, and one client at most 10 requests a window', async () => {
  const m = await newMerchant('reset-limit');
  const from = ownAddress();
  for (let i = 0; i < 5; i++) assert.equal((await askFrom(from, { email: m.email })).status, 202);
  assert.equal(sql(`SELECT COUNT(*) FROM password_resets WHERE user_id = ${m.user.id}`)[0][0], '3');
  for (let i = 0; i < 5; i++) assert.equal((await askFrom(from, { email: uniqueEmail('nobody') })).status, 202);
  const over = await askFrom(from, { email: m.email });
  assert.equal(over.status, 429, over.text);
  assert.equal(JSON.parse(over.text).error.code, 'too_many_attempts');
  assert.ok(Number(over.headers['retry-after']) > 0);
  // another client is not affected
  assert.equal((await askFrom(ownAddress(), { email: uniqueEmail('nobody') })).status, 202);
});

test('a person invited as staff resets their password the same way', async () => {
  const m = await newMerchant('reset-staff');
  const s = await staffOf(m, 'warehouse');
  await pastIssueSecond(s.token);
  const after = Date.now();
  assert.equal((await askFrom(ownAddress(), { email: s.email })).status, 202);
  const mail = await readMail({ to: s.email, after });
  assert.equal((await confirm(tokenOf(mail.links[0]), 'keeper-new-password')).status, 204);
  expectError(assert, await api('GET', '/api/v1/auth/me', { token: s.token }), 401, 'session_ended');
  const again = await login(s.email, 'keeper-new-password');
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.user.role, 'warehouse');
  assert.equal(again.json.merchant.id, m.merchant.id);
});
