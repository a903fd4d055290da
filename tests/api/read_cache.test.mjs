// API tests of the read cache (sql/0017, api/read_cache.c): a repeated orders list or overview is answered from an
// api worker's memory, and every change either shows (made through the API, stored by the sync worker, or written
// into the database by hand) is in the very next read, whichever worker answers it; another merchant's same view is
// its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { staffOf, pastIssueSecond } from './lib/staff.mjs';
import { control } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

// More reads than the stack has api workers (3 in tests, 4 in `make run`): some worker answers the same view again (pigeonhole).
const READS = 12;
const LIST = '/api/v1/orders?per_page=50';

let ctx;
before(async () => {
  ctx = await stockSetup('readcache');
  const { m, shop, conn, wh } = ctx;
  ctx.orders = await syncedOrders(m, shop, conn, { count: 3 });
  ctx.product = await newProduct(m, 'Áo bộ nhớ đệm');
  await receive(m, wh.id, [{ product_id: ctx.product, quantity: 100 }]);
});

// READS answers of path, each a 200; the bodies and whether each came from memory.
async function reads(m, path, headers = {}) {
  const out = [];
  for (let i = 0; i < READS; i++) {
    const res = await api('GET', path, { token: m.token, headers });
    assert.equal(res.status, 200, res.text);
    out.push({ json: res.json, text: res.text, hit: res.headers.get('x-read-cache') === 'hit' });
  }
  return out;
}

const itemOf = (list, id) => list.items.find((o) => o.id === id);
const tile = (ov, code) => ov.tiles.find((t) => t.code === code);

test('a repeated view is answered from memory with the same bytes; Cache-Control: no-cache reads the database', async () => {
  const { m } = ctx;
  const cached = await reads(m, LIST);
  assert.ok(cached.some((r) => r.hit), 'some worker answered the list again from memory');
  assert.ok(cached.every((r) => r.text === cached[0].text), 'the same answer every time');
  const fresh = await reads(m, LIST, { 'cache-control': 'no-cache' });
  assert.ok(fresh.every((r) => !r.hit && r.text === cached[0].text), 'read from the database: the same answer');
  const ov = await reads(m, '/api/v1/overview');
  assert.ok(ov.some((r) => r.hit), 'some worker answered the overview again from memory');
  assert.ok(ov.every((r) => r.text === ov[0].text));
  const ovFresh = await reads(m, '/api/v1/overview', { 'cache-control': 'no-cache' });
  assert.ok(ovFresh.every((r) => !r.hit && r.text === ov[0].text), 'the overview read from the database: the same');
});

test('changes made through the API show in the next read of every worker: slip, export, link, threshold', async () => {
  const { m, wh } = ctx;
  const [a] = ctx.orders;
  await linkLines(m, a, () => ctx.product);
  await reads(m, LIST); // every worker keeps the list as it is now
  await reads(m, '/api/v1/overview');
  const slip = await call(m, 'POST', `/api/v1/orders/${a.id}/export-slips`, { warehouse_id: wh.id });
  for (const r of await reads(m, LIST)) {
    assert.equal(itemOf(r.json, a.id).export_slip?.id, slip.id);
    assert.equal(itemOf(r.json, a.id).export_slip.status, 'awaiting_export');
  }
  for (const r of await reads(m, '/api/v1/overview')) assert.equal(tile(r.json, 'slips_awaiting_export').count, 1);
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  for (const r of await reads(m, LIST)) assert.equal(itemOf(r.json, a.id).export_slip.status, 'exported');
  for (const r of await reads(m, '/api/v1/overview')) assert.equal(tile(r.json, 'slips_awaiting_export').count, 0);
  // an unlinked SKU: the order's all_linked and the overview's unlinked SKUs follow
  const before = tile((await call(m, 'GET', '/api/v1/overview')), 'unlinked_skus').count;
  const res = await api('DELETE', `/api/v1/channel-skus/${a.lines[0].channel_sku_id}/link`, { token: m.token });
  assert.equal(res.status, 204, res.text);
  for (const r of await reads(m, LIST)) assert.equal(itemOf(r.json, a.id).all_linked, false);
  for (const r of await reads(m, '/api/v1/overview')) assert.equal(tile(r.json, 'unlinked_skus').count, before + 1);
  // the low-stock threshold: 100 received, 1 or so exported; at 1000 the product is low
  await call(m, 'PUT', '/api/v1/stock/low-stock', { threshold: 1000 });
  for (const r of await reads(m, '/api/v1/overview')) {
    assert.equal(r.json.low_stock_threshold, 1000);
    assert.ok(tile(r.json, 'low_stock').count >= 1);
  }
});

test('a status change stored by the sync worker shows in the next read of every worker', async () => {
  const { m } = ctx;
  const b = ctx.orders[1];
  await reads(m, LIST);
  await control('POST', `/sandbox/orders/${b.external_id}/status`, { status: 'IN_TRANSIT' });
  // the order's own page is never kept: it tells when the sync worker has stored the change
  await eventually(async () => (await call(m, 'GET', `/api/v1/orders/${b.id}`)).status === 'shipping', 'the change to arrive');
  for (const r of await reads(m, LIST)) assert.equal(itemOf(r.json, b.id).status, 'shipping');
  for (const r of await reads(m, '/api/v1/overview'))
    assert.equal(r.json.orders_by_status.find((s) => s.status === 'shipping')?.count, 1);
});

test('a change written into the database by hand shows too (the triggers, not the code paths, keep the version)', async () => {
  const { m } = ctx;
  const c = ctx.orders[2];
  await reads(m, LIST);
  sql(`UPDATE orders SET buyer_name = 'Trần Bộ Nhớ' WHERE id = ${Number(c.id)}`);
  for (const r of await reads(m, LIST)) assert.equal(itemOf(r.json, c.id).buyer_name, 'Trần Bộ Nhớ');
  sql(`UPDATE connections SET shop_name = 'Cửa hàng đổi tên' WHERE id = ${Number(ctx.conn.id)}`);
  for (const r of await reads(m, LIST)) assert.ok(r.json.items.every((o) => o.shop_name === 'Cửa hàng đổi tên'));
});

// The requests waiting are kept with the shops' health: their triggers raise its version (sql/0033) when one starts or
// stops waiting or a waiting one's deadline moves, so a repeated overview runs no statement of its own.
test('an after-sales request waiting, its deadline moved and its end show in the next overview of every worker', async () => {
  const { m } = ctx;
  const mid = Number(m.merchant.id);
  const waiting = async () => (await reads(m, '/api/v1/overview'))
    .map((r) => [r.hit, r.json.after_sales_waiting.count, r.json.after_sales_waiting.nearest_deadline]);
  // the health is not kept while a webhook waits (its age counts from now)
  await eventually(async () => (await call(m, 'GET', '/api/v1/overview')).connections
    .every((c) => c.webhooks.oldest_pending_seconds === null), 'no webhook waiting');
  const at = (t) => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const seen = await waiting();
  assert.ok(seen.some(([hit]) => hit), 'the overview kept with the requests waiting in it');
  const [, n, nearest] = seen[0];
  // by hand, as the triggers must follow any writer: its reject reasons read, so the sync worker's poll leaves it be
  const deadline = Math.floor(Date.now() / 1000) + 3600;
  sql(`INSERT INTO after_sales_requests (merchant_id, connection_id, source, external_id, external_order_id, kind, status,
      tiktok_status, deadline, reasons_read_at) VALUES (${mid}, ${Number(ctx.conn.id)}, 'cancellation', 'readcache-1',
      '${ctx.orders[2].external_id}', 'cancellation', 'waiting', 'CANCELLATION_REQUEST_PENDING', ${deadline}, UTC_TIMESTAMP())`);
  const [[id]] = sql(`SELECT id FROM after_sales_requests WHERE merchant_id = ${mid} AND external_id = 'readcache-1'`);
  const soonest = (t) => (nearest === null || Date.parse(nearest) / 1000 > t ? at(t) : nearest);
  for (const [, count, shown] of await waiting()) assert.deepEqual([count, shown], [n + 1, soonest(deadline)], 'a request waiting');
  sql(`UPDATE after_sales_requests SET deadline = ${deadline - 1800} WHERE id = ${id}`);
  for (const [, count, shown] of await waiting()) assert.deepEqual([count, shown], [n + 1, soonest(deadline - 1800)], 'its deadline moved');
  // a change the overview does not show keeps what was kept
  sql(`UPDATE after_sales_requests SET tiktok_status = 'CANCELLATION_REQUEST_PENDING_2' WHERE id = ${id}`);
  assert.ok((await waiting()).some(([hit]) => hit), 'still answered from memory');
  sql(`UPDATE after_sales_requests SET status = 'approved', deadline = NULL WHERE id = ${id}`);
  for (const [, count, shown] of await waiting()) assert.deepEqual([count, shown], [n, nearest], 'no longer waiting');
  sql(`DELETE FROM after_sales_requests WHERE id = ${id}`);
});

test("another merchant's same view is its own", async () => {
  const other = await newMerchant('readcache-other');
  await reads(ctx.m, LIST);
  for (const r of await reads(other, LIST)) {
    assert.equal(r.json.total, 0);
    assert.deepEqual(r.json.items, []);
  }
  for (const r of await reads(other, '/api/v1/overview')) assert.deepEqual(r.json.connections, []);
});

test("a role without money never gets the owner's kept view, nor the reverse, from any worker", async () => {
  const { m } = ctx;
  const wh = await staffOf(m, 'warehouse');
  const owner = await reads(m, LIST);
  assert.ok(owner.every((r) => r.json.items.length > 0 && r.json.items.every((o) => o.total_amount != null)));
  for (const r of await reads(wh, LIST)) {
    assert.equal(r.json.total, owner[0].json.total);
    assert.ok(r.json.items.every((o) => o.total_amount == null), 'no money for the warehouse role');
  }
  for (const r of await reads(m, LIST)) assert.equal(r.text, owner[0].text, 'the owner still gets the money');
});

// The caller's row is read with the data version in one statement on every request, the cached ones too.
test('a disabled person and an ended session are refused at once by every worker, even for a view the cache holds', async () => {
  const p = await newMerchant('readcache-off');
  const apiToken = (await api('POST', '/api/v1/api-tokens', { token: p.token, body: { name: 'ERP' } })).json.token;
  for (const token of [p.token, apiToken]) assert.ok((await reads({ token }, LIST)).some((r) => r.hit));
  sql(`UPDATE users SET disabled_at = UTC_TIMESTAMP() WHERE id = ${Number(p.user.id)}`);
  for (const token of [p.token, apiToken]) {
    for (let i = 0; i < READS; i++) expectError(assert, await api('GET', LIST, { token }), 401, 'account_disabled');
  }
  sql(`UPDATE users SET disabled_at = NULL WHERE id = ${Number(p.user.id)}`);
  assert.ok((await reads({ token: p.token }, LIST)).some((r) => r.hit));
  await pastIssueSecond(p.token);
  sql(`UPDATE users SET sessions_since = UTC_TIMESTAMP() WHERE id = ${Number(p.user.id)}`);
  for (let i = 0; i < READS; i++) expectError(assert, await api('GET', LIST, { token: p.token }), 401, 'session_ended');
  assert.ok((await reads({ token: apiToken }, LIST)).some((r) => r.hit), 'an API token is not a session');
  sql(`UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() WHERE user_id = ${Number(p.user.id)}`);
  for (let i = 0; i < READS; i++) expectError(assert, await api('GET', LIST, { token: apiToken }), 401, 'unauthorized');
});

// "Last seen" (the staff list) and an API token's "last used": written when a request finds them a minute old, not
// at every request, whichever worker answers.
test('last seen and last used are written once they are a minute old, and not before', async () => {
  const p = await newMerchant('readcache-seen');
  const apiToken = (await api('POST', '/api/v1/api-tokens', { token: p.token, body: { name: 'ERP' } })).json;
  const uid = Number(p.user.id);
  const ageOf = () => sql(`SELECT TIMESTAMPDIFF(SECOND, u.last_seen_at, UTC_TIMESTAMP()), ` +
    `TIMESTAMPDIFF(SECOND, t.last_used_at, UTC_TIMESTAMP()) FROM users u JOIN api_tokens t ON t.user_id = u.id ` +
    `WHERE u.id = ${uid} AND t.id = ${Number(apiToken.id)}`)[0].map(Number);
  sql(`UPDATE users SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 50 SECOND WHERE id = ${uid}`);
  sql(`UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() - INTERVAL 50 SECOND WHERE id = ${Number(apiToken.id)}`);
  await reads({ token: p.token }, LIST);
  await reads({ token: apiToken.token }, LIST);
  let [seen, used] = ageOf();
  assert.ok(seen >= 50 && used >= 50, `under a minute old: not written again (seen ${seen} s, used ${used} s ago)`);
  sql(`UPDATE users SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 61 SECOND WHERE id = ${uid}`);
  sql(`UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() - INTERVAL 61 SECOND WHERE id = ${Number(apiToken.id)}`);
  const r = await api('GET', LIST, { token: apiToken.token });
  assert.equal(r.status, 200);
  [seen, used] = ageOf();
  assert.ok(seen <= 2 && used <= 2, `a minute old: written by the next request (seen ${seen} s, used ${used} s ago)`);
  const staff = (await api('GET', '/api/v1/staff', { token: p.token })).json.items.find((x) => Number(x.id) === uid);
  assert.ok(Math.abs(Date.parse(staff.last_seen_at) - Date.now()) < 5000, `the staff list shows it: ${staff.last_seen_at}`);
});
