// API tests of what a hostile client tries at the door: text that is not UTF-8 or holds NUL, JSON comments,
// errors nginx makes itself, HEAD, login throttling under concurrency and across accounts, e-mail rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { api, newMerchant, uniqueEmail, expectError, BASE_URL } from './lib/client.mjs';
import { sql } from './lib/db.mjs';

const SANDBOX_URL = process.env.SANDBOX_URL || 'http://127.0.0.1:18090';

// A JSON body with raw bytes spliced in where the text says @BAD@.
const withBytes = (text, bytes) => Buffer.concat(text.split('@BAD@').flatMap((p, i) => (i ? [Buffer.from(bytes), Buffer.from(p)] : [Buffer.from(p)])));

const BAD_UTF8 = {
  overlong: [0xc0, 0xaf],
  above_max: [0xf4, 0x90, 0x80, 0x80],
  surrogate: [0xed, 0xa0, 0x80],
  truncated: [0xe1, 0xba],
  stray_continuation: [0x80],
};

test('invalid UTF-8 in a JSON body is refused with 400 and stores nothing', async () => {
  for (const [what, bytes] of Object.entries(BAD_UTF8)) {
    const email = uniqueEmail('utf8');
    const body = withBytes(`{"merchant_name":"Shop @BAD@","name":"A","email":"${email}","password":"matkhau123"}`, bytes);
    const res = await api('POST', '/api/v1/auth/register', { body });
    expectError(assert, res, 400, 'invalid_text');
    assert.deepEqual(sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), [['0']], what);
  }
  const m = await newMerchant('utf8-token');
  const res = await api('POST', '/api/v1/api-tokens', { token: m.token, body: withBytes('{"name":"k@BAD@","expires_in_days":30}', BAD_UTF8.surrogate) });
  expectError(assert, res, 400, 'invalid_text');
  // Valid multi-byte text still passes, up to U+10FFFF.
  const ok = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'Khóa 🔑 \u{10FFFF}', expires_in_days: 30 } });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.name, 'Khóa 🔑 \u{10FFFF}');
});

test('a lone surrogate escape is refused, a pair is accepted', async () => {
  const m = await newMerchant('surrogate');
  const lone = await api('POST', '/api/v1/api-tokens', { token: m.token, body: '{"name":"a\\ud800b","expires_in_days":30}' });
  expectError(assert, lone, 400, 'invalid_text');
  const pair = await api('POST', '/api/v1/api-tokens', { token: m.token, body: '{"name":"a\\ud83d\\udd11","expires_in_days":30}' });
  assert.equal(pair.status, 201, pair.text);
  assert.equal(pair.json.name, 'a🔑');
});

test('an escaped NUL is refused in every text field instead of cutting the string', async () => {
  const email = uniqueEmail('nul');
  const res = await api('POST', '/api/v1/auth/register', {
    body: `{"merchant_name":"Shop","name":"A","email":"${email}","password":"abcdefgh\\u0000tail"}`,
  });
  expectError(assert, res, 400, 'invalid_text');
  assert.deepEqual(sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), [['0']]);
  const inKey = await api('POST', '/api/v1/auth/login', { body: '{"email\\u0000x":"a@b.vn","password":"x"}' });
  expectError(assert, inKey, 400, 'invalid_text');
  // An escaped backslash followed by "u0000" is plain text, not NUL.
  const m = await newMerchant('nul-ok');
  const ok = await api('POST', '/api/v1/api-tokens', { token: m.token, body: '{"name":"a\\\\u0000b","expires_in_days":30}' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.name, 'a\\u0000b');
});

test('query strings are checked as UTF-8 once, before any handler', async () => {
  const m = await newMerchant('query-utf8');
  for (const q of ['q=%C0%AF', 'q=%F4%90%80%80', 'q=%ED%A0%80', 'q=a%00b', 'status=%FF']) {
    expectError(assert, await api('GET', `/api/v1/orders?${q}`, { token: m.token }), 400, 'invalid_text');
  }
  expectError(assert, await api('GET', '/api/v1/orders?q=%zz', { token: m.token }), 400, 'malformed_query');
  // A public route too, without a token.
  expectError(assert, await api('GET', '/api/v1/health?x=%C0%AF'), 400, 'invalid_text');
  const fine = await api('GET', `/api/v1/orders?q=${encodeURIComponent('Nguyễn')}`, { token: m.token });
  assert.equal(fine.status, 200, fine.text);
});

test('the sandbox refuses invalid UTF-8 and NUL the same way', async () => {
  const body = withBytes('{"seller_name":"Bán @BAD@","email":"s@example.com","password":"abcdefgh","region":"VN","shops":1}', BAD_UTF8.above_max);
  const res = await fetch(`${SANDBOX_URL}/sandbox/sellers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'invalid_text');
  const nul = await fetch(`${SANDBOX_URL}/sandbox/sellers`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: '{"seller_name":"a\\u0000b","email":"s@example.com","password":"abcdefgh","region":"VN","shops":1}',
  });
  assert.equal(nul.status, 400);
  assert.equal((await nul.json()).error.code, 'invalid_text');
});

test('JSON comments are refused', async () => {
  const res = await api('POST', '/api/v1/auth/login', { body: '{/*x*/"email":"a@b.vn","password":"secret"}' });
  expectError(assert, res, 400, 'malformed_json');
  const line = await api('POST', '/api/v1/auth/login', { body: '{"email":"a@b.vn", // x\n"password":"secret"}' });
  expectError(assert, line, 400, 'malformed_json');
  // A slash inside a string is text.
  const inString = await api('POST', '/api/v1/auth/login', { body: '{"email":"a/*b*/@b.vn","password":"secret"}' });
  expectError(assert, inString, 401, 'invalid_credentials');
});

// Sends raw bytes to 127.0.0.1:port and reads one response: {status, type, body}.
function raw(port, text) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(text));
    let data = Buffer.alloc(0);
    const done = () => {
      const s = data.toString('latin1');
      const end = s.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const head = s.slice(0, end);
      const length = Number((/\r\ncontent-length: *(\d+)/i.exec(head) || [])[1]);
      const body = data.subarray(end + 4);
      if (!(body.length >= length)) return false;
      sock.destroy();
      resolve({ status: Number(head.split(' ')[1]), type: (/\r\ncontent-type: *([^\r]*)/i.exec(head) || [])[1],
        body: body.subarray(0, length).toString('utf8') });
      return true;
    };
    sock.on('data', (d) => { data = Buffer.concat([data, d]); done(); });
    sock.on('error', reject);
    sock.on('close', () => done() || reject(new Error(`no complete response: ${data}`)));
  });
}

test('errors nginx makes itself carry the JSON envelope', async () => {
  const port = Number(new URL(BASE_URL).port);
  const sandboxPort = Number(new URL(SANDBOX_URL).port);
  const cases = [
    [port, 'TRACE /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 405, 'method_not_allowed'],
    [port, `GET /api/v1/${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
    [port, 'GET /api/v1/health HTTP/1.1\r\n\r\n', 400, 'bad_request'],
    [port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', 501, 'not_implemented'],
    [port, 'GET /api/v1/health HTTP/3.0\r\nHost: x\r\n\r\n', 505, 'http_version_not_supported'],
    [port, `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n`, 413, 'payload_too_large'],
    [sandboxPort, `POST /sandbox/sellers HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n`, 413, 'payload_too_large'],
    [sandboxPort, 'TRACE /sandbox/sellers HTTP/1.1\r\nHost: x\r\n\r\n', 405, 'method_not_allowed'],
  ];
  for (const [p, req, status, code] of cases) {
    const res = await raw(p, req);
    assert.equal(res.status, status, `${req.slice(0, 40)}: ${res.body}`);
    assert.match(res.type, /^application\/json/, `${req.slice(0, 40)}: ${res.body}`);
    const j = JSON.parse(res.body);
    assert.equal(j.error.code, code);
    assert.equal(typeof j.error.message, 'string');
    assert.deepEqual(j.error.details, {});
  }
});

test('HEAD answers on GET routes without a body', async () => {
  const res = await fetch(`${BASE_URL}/api/v1/health`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.equal(await res.text(), '');
  const m = await newMerchant('head');
  const me = await fetch(`${BASE_URL}/api/v1/auth/me`, { method: 'HEAD', headers: { authorization: `Bearer ${m.token}` } });
  assert.equal(me.status, 200);
  const post = await api('PUT', '/api/v1/orders');
  expectError(assert, post, 405, 'method_not_allowed');
  assert.match(post.headers.get('allow'), /HEAD/);
});

// POSTs a login from its own loopback address (127.x.y.z), so the per-client counter is this test's alone.
function loginFrom(localAddress, email, password) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const u = new URL('/api/v1/auth/login', BASE_URL);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const ownAddress = () => `127.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`;

test('concurrent wrong passwords: no more than the limit are checked', async () => {
  const m = await newMerchant('throttle-race');
  const from = ownAddress();
  const all = await Promise.all(Array.from({ length: 60 }, (_, i) => loginFrom(from, m.email, `wrong-${i}`)));
  const checked = all.filter((r) => r.status === 401).length;
  const throttled = all.filter((r) => r.status === 429).length;
  assert.equal(checked + throttled, 60, JSON.stringify(all.map((r) => r.status)));
  assert.ok(checked <= 5, `${checked} wrong passwords were checked against a limit of 5`);
  assert.ok(checked >= 1);
  for (const r of all.filter((x) => x.status === 429)) {
    assert.equal(r.json.error.code, 'too_many_attempts');
    assert.ok(Number(r.headers['retry-after']) > 0);
  }
  // The right password is throttled too for now.
  assert.equal((await loginFrom(from, m.email, m.password)).status, 429);
});

test('one client cannot try passwords across many accounts', async () => {
  const from = ownAddress();
  const limit = Number(process.env.TTS_LOGIN_CLIENT_MAX_FAILURES || 50);
  assert.ok(limit > 5, 'the per-client limit is well above the per-account one');
  const m = await newMerchant('client-limit');
  // The right password does not use up the client's allowance.
  assert.equal((await loginFrom(from, m.email, m.password)).status, 200);
  let tried = 0;
  while (tried < limit) {
    const batch = Array.from({ length: Math.min(10, limit - tried) }, (_, i) => loginFrom(from, uniqueEmail(`guess${tried + i}`), 'guess-123'));
    for (const r of await Promise.all(batch)) assert.equal(r.status, 401);
    tried += batch.length;
  }
  const next = await loginFrom(from, uniqueEmail('one-more'), 'guess-123');
  assert.equal(next.status, 429);
  assert.equal(next.json.error.code, 'too_many_attempts');
  assert.equal((await loginFrom(from, m.email, m.password)).status, 429, 'even a right password, from this client');
  // Another client is not affected.
  assert.equal((await loginFrom(ownAddress(), m.email, m.password)).status, 200);
});

test('e-mail addresses are checked by a stricter rule', async () => {
  const bad = ['a@b', 'a@b.c', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a@-b.com', 'a@b-.com',
    'a@b..com', 'a b@example.com', 'a@exa_mple.com', 'a@example.c0m', 'ấ@example.com', `${'a'.repeat(65)}@example.com`];
  for (const email of bad) {
    const res = await api('POST', '/api/v1/auth/register', { body: { merchant_name: 'S', name: 'A', email, password: 'matkhau123' } });
    expectError(assert, res, 422, 'validation_failed');
    assert.equal(res.json.error.details.fields.email, 'must be a valid e-mail address', email);
  }
  const good = `first.last+tag-${Date.now()}@mail.example-shop.vn`;
  const ok = await api('POST', '/api/v1/auth/register', { body: { merchant_name: 'S', name: 'A', email: good, password: 'matkhau123' } });
  assert.equal(ok.status, 201, ok.text);
});

test('the q length limit counts characters, not bytes', async () => {
  const m = await newMerchant('q-chars');
  const vi = 'ễ'.repeat(100); // 100 characters, 300 bytes
  const res = await api('GET', `/api/v1/orders?q=${encodeURIComponent(vi)}`, { token: m.token });
  assert.equal(res.status, 200, res.text);
  const tooLong = await api('GET', `/api/v1/orders?q=${encodeURIComponent('ễ'.repeat(101))}`, { token: m.token });
  expectError(assert, tooLong, 422, 'validation_failed');
});

// The sandbox's control API: POST/GET answering {status, json}.
async function sandbox(method, path, body) {
  const res = await fetch(`${SANDBOX_URL}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

test("the sandbox's control API validates every input before using it", async () => {
  const base = { seller_name: 'Kiểm tra', password: 'abcdefgh', region: 'VN', shops: 1 };
  for (const seed of [-1, 'x', 1.5]) {
    const res = await sandbox('POST', '/sandbox/sellers', { ...base, email: uniqueEmail('seed'), seed });
    assert.equal(res.status, 422, `seed ${JSON.stringify(seed)}: ${JSON.stringify(res.json)}`);
    assert.ok(res.json.error.details.fields.seed);
  }
  for (const q of ['limit=5abc', 'limit=0', 'limit=-5', 'type=1abc', 'type=', 'after_id=2x']) {
    const res = await sandbox('GET', `/sandbox/webhooks?${q}`);
    if (q === 'type=') { assert.equal(res.status, 200); continue; } // empty means no filter
    assert.equal(res.status, 400, `${q}: ${JSON.stringify(res.json)}`);
    assert.equal(res.json.error.code, 'bad_filter');
  }
  assert.equal((await sandbox('GET', '/sandbox/webhooks?limit=5&type=1')).status, 200);
});

test("TikTok's order times are range-checked: the sandbox refuses absurd ones with 422", async () => {
  const seller = await sandbox('POST', '/sandbox/sellers', { seller_name: 'Thời gian', email: uniqueEmail('time'), password: 'abcdefgh', region: 'VN', shops: 1 });
  const shop = seller.json.shops[0];
  await sandbox('POST', `/sandbox/shops/${shop.id}/products`, { count: 1 });
  for (const t of ['9223372036854775807', '4102444801', '1000']) {
    const res = await fetch(`${SANDBOX_URL}/sandbox/shops/${shop.id}/orders`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"count":1,"create_time":${t}}`,
    });
    assert.equal(res.status, 422, `create_time ${t}`);
    assert.ok((await res.json()).error.details.fields.create_time);
  }
  const ok = await sandbox('POST', `/sandbox/shops/${shop.id}/orders`, { count: 1, create_time: Math.floor(Date.now() / 1000) - 3600 });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
});
