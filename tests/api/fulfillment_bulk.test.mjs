// API tests of the orders' bulk actions that stay in the app (create export slips, export them): 202 with a run to
// poll, each order's result in the slip button's own words, the same stock math, the 500-id cap on 500 real orders,
// validation, and another merchant's ids and runs refused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive, stockOf } from './lib/stock.mjs';

let ctx;
before(async () => {
  ctx = await stockSetup('ffbulk');
});

// Starts a bulk run (202) and waits until every order has its result; returns the run.
async function run(m, path, body) {
  const res = await api('POST', path, { token: m.token, body });
  assert.equal(res.status, 202, res.text);
  const { batch } = res.json;
  assert.equal(batch.state, 'running');
  assert.equal(batch.progress.total, body.order_ids.length);
  return eventually(async () => {
    const b = await call(m, 'GET', `/api/v1/fulfillment-batches/${batch.id}`);
    return b.state === 'done' ? b : null;
  }, `bulk run ${batch.id} to finish`, { timeoutMs: 120000 });
}

const units = (o) => o.lines.reduce((n, l) => n + l.quantity, 0);

test('create slips for many orders from one warehouse, then export them: per order what happened, stock as by hand', async () => {
  const { m, shop, conn, wh } = ctx;
  const p = await newProduct(m, 'Áo thun');
  const orders = [];
  for (const o of await syncedOrders(m, shop, conn, { count: 4 })) orders.push(await linkLines(m, o, () => p));
  const need = orders.slice(0, 3).reduce((n, o) => n + units(o), 0);
  await receive(m, wh.id, [{ product_id: p, quantity: need }]);
  // the third order already has its slip (made by hand): the bulk run reports the button's refusal for it; the stock
  // is enough for the first three orders only, so the fourth is refused as its button would refuse it
  await call(m, 'POST', `/api/v1/orders/${orders[2].id}/export-slips`, { warehouse_id: wh.id });

  const ids = orders.map((o) => o.id);
  const made = await run(m, '/api/v1/fulfillment/export-slips', { order_ids: ids, warehouse_id: wh.id });
  assert.equal(made.action, 'create_slips');
  assert.deepEqual(made.items.map((i) => i.order_id), ids, 'results in the order the ids were given');
  assert.deepEqual(made.items.map((i) => i.state), ['done', 'done', 'failed', 'failed']);
  assert.equal(made.items[2].code, 'export_slip_exists');
  assert.equal(made.items[3].code, 'insufficient_stock');
  assert.ok(made.items[3].message.length > 0);
  assert.deepEqual(made.counts, { done: 2, failed: 2 });
  assert.deepEqual(made.progress, { done: 4, total: 4 });
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: need, available: 0, awaiting_export: need });

  const exported = await run(m, '/api/v1/fulfillment/export-slips/export', { order_ids: ids });
  assert.deepEqual(exported.items.map((i) => i.state), ['done', 'done', 'done', 'failed']);
  assert.equal(exported.items[3].code, 'no_slip_awaiting_export');
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: 0, available: 0, awaiting_export: 0 });
  for (const o of orders.slice(0, 3)) assert.equal((await call(m, 'GET', `/api/v1/orders/${o.id}`)).export_slip.status, 'exported');

  // the same run again changes nothing: every slip is final, each order says so
  const again = await run(m, '/api/v1/fulfillment/export-slips/export', { order_ids: ids });
  assert.deepEqual(again.counts, { done: 0, failed: 4 });
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: 0, available: 0, awaiting_export: 0 });
});

test('a bulk request is validated: ids 1..500, a known warehouse, another merchant\'s orders and runs are 404', async () => {
  const { m, shop, conn, wh } = ctx;
  const [o] = await syncedOrders(m, shop, conn, { count: 1 });
  const bad = async (path, body, status, code) => expectError(assert, await api('POST', path, { token: m.token, body }), status, code);
  await bad('/api/v1/fulfillment/export-slips', { order_ids: [], warehouse_id: wh.id }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/export-slips', { order_ids: Array.from({ length: 501 }, (_, i) => i + 1), warehouse_id: wh.id }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/export-slips', { order_ids: ['1'], warehouse_id: wh.id }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/export-slips', { order_ids: [o.id] }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/arrange', { order_ids: [o.id], handover_method: 'COURIER' }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/arrange', { order_ids: [o.id], handover_method: 'DROP_OFF', pickup_slot: { start_time: 2, end_time: 3 } }, 422, 'validation_failed');
  await bad('/api/v1/fulfillment/labels', '{"order_ids": [', 400);

  const other = await newMerchant('ffother');
  const otherWh = (await call(other, 'GET', '/api/v1/warehouses')).items[0];
  const res = await api('POST', '/api/v1/fulfillment/export-slips', { token: other.token, body: { order_ids: [o.id], warehouse_id: otherWh.id } });
  expectError(assert, res, 404, 'not_found');
  assert.deepEqual(res.json.error.details.order_ids, [o.id], 'the refused ids are named');
  await bad('/api/v1/fulfillment/export-slips', { order_ids: [o.id], warehouse_id: otherWh.id }, 422, 'validation_failed');
  for (const path of ['/api/v1/fulfillment/labels', '/api/v1/fulfillment/export-slips/export']) {
    expectError(assert, await api('POST', path, { token: other.token, body: { order_ids: [o.id] } }), 404, 'not_found');
  }
  expectError(assert, await api('POST', `/api/v1/orders/${o.id}/handover-slots`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/connections/${conn.id}/fulfillment-settings`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('PUT', `/api/v1/connections/${conn.id}/fulfillment-settings`,
    { token: other.token, body: { slip_on_arrange: true, export_on_transit: true } }), 404, 'not_found');

  const mine = await run(m, '/api/v1/fulfillment/export-slips/export', { order_ids: [o.id] });
  expectError(assert, await api('GET', `/api/v1/fulfillment-batches/${mine.id}`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/fulfillment-batches/${mine.id}/document`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/fulfillment-batches/${mine.id}/document`, { token: m.token }), 409, 'document_not_ready');
});

test('the shop\'s automatic slip rules are off until set, and a foreign warehouse is refused', async () => {
  const { m, conn, wh } = ctx;
  const path = `/api/v1/connections/${conn.id}/fulfillment-settings`;
  assert.deepEqual(await call(m, 'GET', path), { connection_id: conn.id, slip_on_arrange: false, export_on_transit: false, warehouse_id: null });
  const set = await call(m, 'PUT', path, { slip_on_arrange: true, export_on_transit: false, warehouse_id: wh.id }, 200);
  assert.deepEqual(set, { connection_id: conn.id, slip_on_arrange: true, export_on_transit: false, warehouse_id: wh.id });
  const other = await newMerchant('ffwh');
  const otherWh = (await call(other, 'GET', '/api/v1/warehouses')).items[0];
  expectError(assert, await api('PUT', path, { token: m.token, body: { slip_on_arrange: true, export_on_transit: true, warehouse_id: otherWh.id } }), 422, 'validation_failed');
  expectError(assert, await api('PUT', path, { token: m.token, body: { slip_on_arrange: 'yes', export_on_transit: true } }), 422, 'validation_failed');
  assert.deepEqual(await call(m, 'PUT', path, { slip_on_arrange: false, export_on_transit: false }, 200),
    { connection_id: conn.id, slip_on_arrange: false, export_on_transit: false, warehouse_id: null });
});

test('bulk on 500 orders: one run, every order settled once, counted in the list and stock', async () => {
  const { m: owner, shop, conn, wh } = await stockSetup('ff500');
  const made = await control('POST', `/sandbox/shops/${shop.id}/orders`, { count: 500, days_back: 1, status: 'AWAITING_SHIPMENT' });
  assert.equal(made.orders.length, 500);
  const sync = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: owner.token });
  assert.equal(sync.status, 202, sync.text);
  const list = await eventually(async () => {
    const l = await call(owner, 'GET', `/api/v1/orders?connection_id=${conn.id}&status=processing&per_page=200`);
    return l.total >= 500 ? l : null;
  }, '500 orders to be synced', { timeoutMs: 180000 });
  const ids = [];
  for (let page = 1; ids.length < 500; page += 1) {
    const l = page === 1 ? list : await call(owner, 'GET', `/api/v1/orders?connection_id=${conn.id}&status=processing&per_page=200&page=${page}`);
    ids.push(...l.items.map((o) => o.id));
  }
  // link every SKU of the shop to one product and stock enough of it
  const p = await newProduct(owner, 'Hàng loạt');
  const skus = await call(owner, 'GET', `/api/v1/channel-skus?connection_id=${conn.id}&per_page=200`);
  for (const s of skus.items) await call(owner, 'PUT', `/api/v1/channel-skus/${s.id}/link`, { product_id: p }, 200);
  await receive(owner, wh.id, [{ product_id: p, quantity: 100000 }]);

  const res = await run(owner, '/api/v1/fulfillment/export-slips', { order_ids: ids.slice(0, 500), warehouse_id: wh.id });
  assert.equal(res.items.length, 500);
  assert.deepEqual(res.counts, { done: 500, failed: 0 });
  const withSlip = await call(owner, 'GET', `/api/v1/orders?connection_id=${conn.id}&has_export_slip=true&per_page=1`);
  assert.equal(withSlip.total, 500);
  const s = await stockOf(owner, wh.id, p);
  assert.equal(s.on_hand, 100000);
  assert.equal(s.available + s.awaiting_export, 100000);
  assert.ok(s.awaiting_export >= 500, 'every order reserved its units once');
});
