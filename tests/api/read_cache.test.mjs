// API tests of the read cache (sql/0017, api/read_cache.c): a repeated orders list or overview is answered from an
// api worker's memory, and every change either shows (made through the API, stored by the sync worker, or written
// into the database by hand) is in the very next read, whichever worker answers it; another merchant's same view is
// its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

// More reads than the stack has api workers (4): some worker answers the same view again (pigeonhole).
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

test("another merchant's same view is its own", async () => {
  const other = await newMerchant('readcache-other');
  await reads(ctx.m, LIST);
  for (const r of await reads(other, LIST)) {
    assert.equal(r.json.total, 0);
    assert.deepEqual(r.json.items, []);
  }
  for (const r of await reads(other, '/api/v1/overview')) assert.deepEqual(r.json.connections, []);
});
