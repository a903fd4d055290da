// API tests of connecting TikTok shops through the sandbox: state checks, one connection per shop,
// reconnecting updates, shops of another merchant, disconnect, deauthorization, token refresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { api, newMerchant, expectError, cookiesOf } from './lib/client.mjs';
import { control, newSeller } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';

// The browser-binding cookie each started authorization set, by its state's nonce: callback() sends it
// like the browser that started the authorization would.
const cookies = new Map();
const nonceOf = (url) => (new URL(url).searchParams.get('state') || '').split('.')[0];

// Starts an authorization as merchant `m` and lets `seller` consent without a browser;
// returns the app's callback URL that TikTok redirects to.
async function consent(m, seller) {
  const start = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'VN' } });
  assert.equal(start.status, 200, start.text);
  const state = new URL(start.json.authorize_url).searchParams.get('state');
  assert.ok(state);
  cookies.set(state.split('.')[0], cookiesOf(start));
  const { redirect_url } = await control('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state });
  return redirect_url;
}

// Follows the callback like the browser does; returns the query of the SPA page it lands on.
async function callback(url, { cookie = cookies.get(nonceOf(url)) } = {}) {
  const u = new URL(url);
  const res = await api('GET', u.pathname + u.search, { headers: cookie ? { cookie } : {} });
  assert.equal(res.status, 302, res.text);
  const to = new URL(res.headers.get('location'));
  assert.equal(to.pathname, '/settings/ecommerce');
  return Object.fromEntries(to.searchParams);
}

async function connections(m) {
  const res = await api('GET', '/api/v1/connections', { token: m.token });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test('authorize validates the region and answers TikTok\'s authorization URL', async () => {
  const m = await newMerchant('conn-url');
  const bad = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'XX' } });
  expectError(assert, bad, 422, 'validation_failed');
  assert.ok(bad.json.error.details.fields.region);
  const ok = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'VN' } });
  const u = new URL(ok.json.authorize_url);
  assert.equal(u.pathname, '/open/authorize');
  assert.ok(u.searchParams.get('service_id'));
  assert.match(u.searchParams.get('state'), /^[0-9a-f]{32}\.\d+\.[0-9a-f]{64}$/);
  expectError(assert, await api('POST', '/api/v1/connections/tiktok/authorize', { body: { region: 'VN' } }), 401);
});

test('one authorization connects every shop, once, with tokens never shown', async () => {
  const m = await newMerchant('conn-two');
  const seller = await newSeller(2, 'two');
  const url = await consent(m, seller);
  assert.deepEqual(await callback(url), { result: 'connected', shops: '2' });
  const list = await connections(m);
  assert.equal(list.total, 2);
  const names = list.items.map((c) => c.shop_name).sort();
  assert.deepEqual(names, seller.shops.map((s) => s.name).sort());
  for (const c of list.items) {
    assert.equal(c.channel, 'tiktok');
    assert.equal(c.status, 'active');
    assert.equal(c.region, 'VN');
    assert.ok(c.seller_name);
    assert.ok(Date.parse(c.token_expires_at) > Date.now());
    assert.equal(c.last_synced_at, null);
    assert.ok(!Object.keys(c).some((k) => /token$|secret/.test(k)), 'no token fields');
  }
  const stored = sql(`SELECT access_token_enc FROM connections WHERE merchant_id = ${m.merchant.id}`);
  for (const [enc] of stored) assert.match(enc, /^v1\./, 'tokens are sealed at rest');

  // The same callback again: the state is single-use.
  assert.deepEqual(await callback(url), { result: 'error', reason: 'state_used' });
  // Connecting again updates the same rows instead of adding new ones.
  assert.deepEqual(await callback(await consent(m, seller)), { result: 'connected', shops: '2' });
  const again = await connections(m);
  assert.deepEqual(again.items.map((c) => c.id).sort(), list.items.map((c) => c.id).sort());
});

test('merchants connecting at the same moment each get all their shops', async () => {
  // Each connection first checks, under a lock, that no other merchant holds the shop: at the same moment those
  // locks deadlock now and then, and the losing transaction is run again.
  for (let round = 0; round < 2; round++) {
    const pairs = await Promise.all(Array.from({ length: 10 }, async (_, i) =>
      [await newMerchant(`conn-many-${i}`), await newSeller(2, `many${i}`)]));
    const urls = await Promise.all(pairs.map(([m, seller]) => consent(m, seller)));
    const results = await Promise.all(urls.map((url) => callback(url)));
    assert.deepEqual(results, pairs.map(() => ({ result: 'connected', shops: '2' })));
    for (const [m, seller] of pairs)
      assert.deepEqual((await connections(m)).items.map((c) => c.shop_name).sort(), seller.shops.map((x) => x.name).sort());
  }
});

test('bad, forged and expired states connect nothing', async () => {
  const m = await newMerchant('conn-state');
  const seller = await newSeller(1, 'state');
  const url = new URL(await consent(m, seller));
  const code = url.searchParams.get('code');
  const go = (state) => callback(`${url.origin}${url.pathname}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`);
  assert.equal((await go('nonsense')).reason, 'invalid_state');
  const [nonce, exp] = url.searchParams.get('state').split('.');
  assert.equal((await go(`${nonce}.${exp}.${'0'.repeat(64)}`)).reason, 'invalid_state');

  // A state whose ten minutes are over, correctly signed.
  const old = randomBytes(16).toString('hex');
  const past = Math.floor(Date.now() / 1000) - 60;
  sql(`INSERT INTO oauth_states (nonce, merchant_id, user_id, region, expires_at) VALUES ('${old}', ${m.merchant.id}, ${m.user.id}, 'VN', FROM_UNIXTIME(${past}))`);
  const sig = createHmac('sha256', process.env.TTS_JWT_SECRET).update(`tts-oauth-state|${old}|${m.merchant.id}|${m.user.id}|${past}`).digest('hex');
  assert.equal((await go(`${old}.${past}.${sig}`)).reason, 'state_expired');
  assert.equal((await connections(m)).total, 0);

  // The seller said no.
  const denied = await callback(`${url.origin}${url.pathname}?code=null&error=auth_denied&state=${encodeURIComponent(url.searchParams.get('state'))}`);
  assert.deepEqual(denied, { result: 'error', reason: 'auth_denied' });
  assert.equal((await connections(m)).total, 0);
});

test('the state is bound to the browser that started it', async () => {
  const m = await newMerchant('conn-browser');
  const seller = await newSeller(1, 'browser');
  const start = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'VN' } });
  const nonce = new URL(start.json.authorize_url).searchParams.get('state').split('.')[0];
  const setCookie = start.headers.getSetCookie().find((c) => c.startsWith(`tts_oauth_${nonce}=`));
  assert.ok(setCookie, 'authorize sets the browser cookie');
  assert.match(setCookie, /; HttpOnly/);
  assert.match(setCookie, /; SameSite=Lax/);
  assert.match(setCookie, /; Path=\/api\/v1\/connections\/tiktok\/callback/);
  const url = await consent(m, seller);
  // Someone else's browser opens the callback: no cookie, or the cookie of another authorization.
  assert.deepEqual(await callback(url, { cookie: '' }), { result: 'error', reason: 'other_browser' });
  const other = await newMerchant('conn-browser-other');
  await consent(other, seller);
  const othersCookie = [...cookies.values()].at(-1);
  assert.deepEqual(await callback(url, { cookie: othersCookie }), { result: 'error', reason: 'other_browser' });
  const forged = `tts_oauth_${nonceOf(url)}=${'0'.repeat(64)}`;
  assert.deepEqual(await callback(url, { cookie: forged }), { result: 'error', reason: 'other_browser' });
  assert.equal((await connections(m)).total, 0);
  assert.equal((await connections(other)).total, 0);
  // The browser that started it still finishes it.
  assert.deepEqual(await callback(url), { result: 'connected', shops: '1' });
  assert.equal((await connections(m)).total, 1);
});

test("a shop connected to another merchant is refused with its name", async () => {
  const a = await newMerchant('conn-a');
  const b = await newMerchant('conn-b');
  const seller = await newSeller(1, 'shared');
  await callback(await consent(a, seller));
  const res = await callback(await consent(b, seller));
  assert.equal(res.result, 'error');
  assert.equal(res.reason, 'shop_taken');
  assert.equal(res.shop, seller.shops[0].name);
  assert.equal((await connections(b)).total, 0);
  assert.equal((await connections(a)).total, 1);
});

test('disconnect removes the connection for its merchant only; connecting again restores it', async () => {
  const m = await newMerchant('conn-del');
  const other = await newMerchant('conn-del-other');
  const seller = await newSeller(2, 'del');
  await callback(await consent(m, seller));
  const [first, second] = (await connections(m)).items;
  expectError(assert, await api('DELETE', `/api/v1/connections/${first.id}`, { token: other.token }), 404, 'not_found');
  assert.equal((await api('DELETE', `/api/v1/connections/${first.id}`, { token: m.token })).status, 204);
  const left = await connections(m);
  assert.deepEqual(left.items.map((c) => c.id), [second.id]);
  expectError(assert, await api('DELETE', `/api/v1/connections/${first.id}`, { token: m.token }), 404, 'not_found');
  const [[enc]] = sql(`SELECT access_token_enc FROM connections WHERE id = ${first.id}`);
  assert.equal(enc, '', 'tokens are erased on disconnect');
  await callback(await consent(m, seller));
  const back = await connections(m);
  assert.deepEqual(back.items.map((c) => c.id).sort(), [first.id, second.id].sort(), 'the same connection row comes back');
});

test('a deauthorization webhook marks the connection "reconnect needed"', async () => {
  const m = await newMerchant('conn-deauth');
  const seller = await newSeller(1, 'deauth');
  await callback(await consent(m, seller));
  await control('POST', `/sandbox/shops/${seller.shops[0].id}/deauthorize`, {});
  // A shop check may meet the revoked token first (reason refresh_failed); TikTok's notice then says why.
  const c = await eventually(async () => {
    const item = (await connections(m)).items[0];
    return item.status === 'reauth_required' && item.status_reason === 'deauthorized' && item;
  }, 'the connection to need reconnecting because TikTok deauthorized it');
  assert.equal(c.status, 'reauth_required');
});

test('the access token is refreshed by itself when TikTok\'s clock says it expires within a day', async () => {
  const m = await newMerchant('conn-refresh');
  const seller = await newSeller(1, 'refresh');
  await callback(await consent(m, seller));
  const [before] = (await connections(m)).items;
  await control('POST', '/sandbox/clock', { offset_seconds: 6 * 86400 });
  try {
    const after = await eventually(async () => {
      const [c] = (await connections(m)).items;
      return Date.parse(c.token_expires_at) > Date.parse(before.token_expires_at) + 5 * 86400e3 && c;
    }, 'the token to be refreshed', { timeoutMs: 45000 });
    assert.equal(after.status, 'active');
  } finally {
    await control('POST', '/sandbox/clock', { offset_seconds: 0 });
  }
});

test('an upcoming-expiration webhook shows a warning on the connection', async () => {
  const m = await newMerchant('conn-expiring');
  const seller = await newSeller(1, 'expiring');
  await callback(await consent(m, seller));
  const app = await control('GET', '/sandbox/app');
  const when = Math.floor(Date.now() / 1000) + 3 * 86400;
  const body = JSON.stringify({ type: 7, tts_notification_id: randomBytes(8).toString('hex'), shop_id: seller.shops[0].id,
    timestamp: Math.floor(Date.now() / 1000), data: { message: 'expires soon', expiration_time: when } });
  const sig = createHmac('sha256', app.app_secret).update(app.app_key + body).digest('hex');
  assert.equal((await api('POST', '/api/v1/webhooks/tiktok', { body, headers: { authorization: sig } })).status, 200);
  const [c] = (await connections(m)).items;
  assert.equal(Date.parse(c.expiry_warning_at), when * 1000);
  assert.equal(c.status, 'active');
});

test('a refresh TikTok refuses marks the connection "reconnect needed", even when the webhook is lost', async () => {
  const m = await newMerchant('conn-refuse');
  const seller = await newSeller(1, 'refuse');
  await callback(await consent(m, seller));
  const app = await control('GET', '/sandbox/app');
  await control('PUT', '/sandbox/app', { webhook_url: 'http://127.0.0.1:9/lost' });
  try {
    await control('POST', `/sandbox/shops/${seller.shops[0].id}/deauthorize`, {});
    const c = await eventually(async () => {
      const item = (await connections(m)).items[0];
      return item.status === 'reauth_required' && item;
    }, 'the failed refresh to need reconnecting', { timeoutMs: 30000 });
    assert.equal(c.status_reason, 'refresh_failed');
    assert.ok(c.last_error);
  } finally {
    await control('PUT', '/sandbox/app', { webhook_url: app.webhook_url });
  }
});
