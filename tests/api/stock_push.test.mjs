// API tests of stock push: settings, every stock change reaching the sandbox's SKU quantity, coalescing, buffer,
// multi-warehouse sums, settings off, per-SKU state, merchant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { call, stockSetup, newProduct, receive } from './lib/stock.mjs';
import { eventually } from './lib/db.mjs';
import { pulled, sandboxQty, updates, settle } from './lib/stock_push.mjs';

test('stock settings: defaults, validation, isolation', async () => {
  const { m, conn, wh } = await stockSetup('sp-set');
  const s = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-settings`);
  assert.deepEqual(s, { connection_id: conn.id, enabled: false, warehouse_ids: [wh.id], buffer: 0, tiktok_warehouse_id: '',
    skip_unreceived: true, included_channel_sku_ids: [] });
  const saved = await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 3 });
  assert.deepEqual([saved.enabled, saved.buffer, saved.warehouse_ids], [true, 3, [wh.id]]);
  const bad = await api('PUT', `/api/v1/connections/${conn.id}/stock-settings`, { token: m.token, body: { enabled: 'yes', warehouse_ids: [], buffer: -1 } });
  expectError(assert, bad, 422, 'validation_failed');
  const other = await newMerchant('sp-other');
  const otherWh = (await call(other, 'GET', '/api/v1/warehouses')).items[0];
  expectError(assert, await api('PUT', `/api/v1/connections/${conn.id}/stock-settings`, { token: m.token, body: { enabled: true, warehouse_ids: [otherWh.id] } }), 422, 'unknown_warehouse');
  expectError(assert, await api('GET', `/api/v1/connections/${conn.id}/stock-settings`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('PUT', `/api/v1/connections/${conn.id}/stock-settings`, { token: other.token, body: { enabled: false, warehouse_ids: [otherWh.id] } }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/connections/${conn.id}/stock-push`, { token: other.token }), 404, 'not_found');
  assert.equal((await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-settings`)).buffer, 3, 'the refused changes changed nothing');
});

test('receipts, links, buffer and warehouse sums reach TikTok; a burst is coalesced; off means no pushes', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-flow');
  const skus = await pulled(m, conn);
  const [a, b] = skus;
  const p = await newProduct(m, 'Đẩy tồn');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await receive(m, wh.id, [{ product_id: p, quantity: 10 }]);
  expectError(assert, await api('POST', `/api/v1/connections/${conn.id}/push-stock`, { token: m.token }), 409, 'stock_push_off');

  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 2 });
  await settle(shop, a.sku_id, 8, 'turning push on');
  await receive(m, wh.id, [{ product_id: p, quantity: 5 }]);
  await settle(shop, a.sku_id, 13, 'a receipt');

  // a link added: the new SKU gets the product's quantity
  await call(m, 'PUT', `/api/v1/channel-skus/${b.id}/link`, { product_id: p });
  await settle(shop, b.sku_id, 13, 'a link added');

  // a burst of 20 receipts: the right quantity with fewer calls than changes
  const before = (await updates(shop)).filter((u) => u.sku_id === a.sku_id).length;
  for (let i = 0; i < 20; i++) await receive(m, wh.id, [{ product_id: p, quantity: 1 }]);
  await settle(shop, a.sku_id, 33, 'a burst');
  const calls = (await updates(shop)).filter((u) => u.sku_id === a.sku_id).length - before;
  assert.ok(calls >= 1 && calls < 20, `20 changes made ${calls} pushes`);

  // a second warehouse summed in
  const wh2 = await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho 2', code: 'K2' });
  await receive(m, wh2.id, [{ product_id: p, quantity: 7 }]);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id, wh2.id], buffer: 0 });
  await settle(shop, a.sku_id, 42, 'two warehouses');

  // per SKU: what was pushed and when
  const state = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`);
  const row = state.items.find((x) => x.channel_sku_id === a.id);
  assert.equal(row.pushed_quantity, 42);
  assert.ok(row.pushed_at && row.error_code === null);
  assert.equal((await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?failed=true`)).total, 0);

  // off: a change marks nothing and nothing is pushed
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: false, warehouse_ids: [wh.id] });
  await receive(m, wh.id, [{ product_id: p, quantity: 100 }]);
  const off = (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.find((x) => x.channel_sku_id === a.id);
  assert.deepEqual([off.pending, off.pushed_quantity], [false, 42]);
  assert.equal(await sandboxQty(shop, a.sku_id), 42);
});

test('push now re-pushes a quantity changed on the TikTok side', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-now');
  const [a] = await pulled(m, conn);
  const p = await newProduct(m, 'Đẩy ngay');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await receive(m, wh.id, [{ product_id: p, quantity: 4 }]);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
  await settle(shop, a.sku_id, 4, 'turning push on');
  const n = (await updates(shop)).length;
  await call(m, 'POST', `/api/v1/connections/${conn.id}/push-stock`, undefined, 202);
  await eventually(async () => (await updates(shop)).length > n, 'push now to call TikTok again');
  assert.equal(await sandboxQty(shop, a.sku_id), 4);
});
