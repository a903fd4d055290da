// API tests of export slips (guide 1.9.3.3): the guide's flow with every quantity checked, each refusal,
// returns after TikTok cancels, the order API's slip fields, and isolation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';
import {
  stockSetup, call, syncedOrders, order, newProduct, linkLines, receive, stockOf, checkInvariants,
} from './lib/stock.mjs';

let ctx;
before(async () => {
  ctx = await stockSetup('slips');
});

// An order (status on TikTok) with at least two distinct SKUs, each line linked by pick.
async function linkedOrder(pick, status = 'AWAITING_SHIPMENT') {
  const { m, shop, conn } = ctx;
  for (;;) {
    const [o] = await syncedOrders(m, shop, conn, { status });
    const skus = new Set(o.lines.map((l) => l.sku_id));
    if (skus.size >= 2) return linkLines(m, o, pick);
  }
}

const need = (o, skus) => o.lines.filter((l) => skus.includes(l.sku_id)).reduce((n, l) => n + l.quantity, 0);

test('the guide\'s flow: create (available − qty, awaiting + qty), export (on hand − qty, awaiting − qty)', async () => {
  const { m, wh } = ctx;
  const p1 = await newProduct(m, 'Áo');
  const p2 = await newProduct(m, 'Mũ');
  // the first two SKUs go to p1 (two SKUs, one product: they add up), the rest to p2
  let skus;
  const o = await linkedOrder((l) => {
    skus = skus || [];
    if (!skus.includes(l.sku_id) && skus.length < 2) skus.push(l.sku_id);
    return skus.includes(l.sku_id) ? p1 : p2;
  });
  const q1 = need(o, skus);
  const q2 = o.lines.reduce((n, l) => n + l.quantity, 0) - q1;
  assert.equal(o.can_create_export_slip, true);
  assert.equal(o.export_slip, null);
  await receive(m, wh.id, [{ product_id: p1, quantity: q1 + 5 }, { product_id: p2, quantity: q2 + 1 }]);

  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  assert.equal(slip.status, 'awaiting_export');
  assert.equal(slip.order_id, o.id);
  assert.equal(slip.warehouse_id, wh.id);
  assert.match(slip.code, /^PXK\d{6}$/);
  const byProduct = Object.fromEntries(slip.lines.map((l) => [l.product_id, l.quantity]));
  assert.deepEqual(byProduct, q2 > 0 ? { [p1]: q1, [p2]: q2 } : { [p1]: q1 });
  assert.deepEqual(await stockOf(m, wh.id, p1), { on_hand: q1 + 5, available: 5, awaiting_export: q1 });
  if (q2 > 0) assert.deepEqual(await stockOf(m, wh.id, p2), { on_hand: q2 + 1, available: 1, awaiting_export: q2 });

  const after = await order(m, o.id);
  assert.equal(after.status, 'processing', 'a slip never changes the order\'s status');
  assert.equal(after.export_slip.id, slip.id);
  assert.equal(after.export_slip.status, 'awaiting_export');
  assert.equal(after.export_slips.length, 1);
  assert.equal(after.can_create_export_slip, false);
  const listed = (await call(m, 'GET', `/api/v1/orders?q=${o.external_id}`)).items[0];
  assert.deepEqual(listed.export_slip, { id: slip.id, code: slip.code, status: 'awaiting_export' });

  const exported = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  assert.equal(exported.status, 'exported');
  assert.ok(exported.exported_at);
  assert.deepEqual(await stockOf(m, wh.id, p1), { on_hand: 5, available: 5, awaiting_export: 0 });
  if (q2 > 0) assert.deepEqual(await stockOf(m, wh.id, p2), { on_hand: 1, available: 1, awaiting_export: 0 });
  assert.equal((await order(m, o.id)).status, 'processing');
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/export`, { token: m.token }), 409, 'export_slip_not_awaiting_export');
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/cancel`, { token: m.token }), 409, 'export_slip_not_awaiting_export');
  expectError(assert, await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } }), 409, 'export_slip_exists');

  const ledger = await call(m, 'GET', `/api/v1/stock-movements?warehouse_id=${wh.id}&product_id=${p1}`);
  assert.deepEqual(ledger.items.map((r) => [r.document.type, r.d_on_hand, r.d_available, r.d_awaiting_export]),
    [['slip_export', -q1, 0, -q1], ['slip_create', 0, -q1, q1], ['receipt', q1 + 5, q1 + 5, 0]]);
  assert.equal(ledger.items[0].document.code, slip.code);
  checkInvariants(m);
});

test('Hủy phiếu gives the stock back, and the order may then get a new slip', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkedOrder(() => p);
  const q = need(o, o.lines.map((l) => l.sku_id));
  await receive(m, wh.id, [{ product_id: p, quantity: q }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: q, available: 0, awaiting_export: q });
  const cancelled = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(cancelled.cancelled_at);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: q, available: q, awaiting_export: 0 });
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/export`, { token: m.token }), 409, 'export_slip_not_awaiting_export');
  const o2 = await order(m, o.id);
  assert.equal(o2.can_create_export_slip, true);
  assert.equal(o2.export_slip.status, 'cancelled');
  const listed2 = (await call(m, 'GET', `/api/v1/orders?q=${o.external_id}`)).items[0];
  assert.deepEqual(listed2.export_slip, { id: slip.id, code: slip.code, status: 'cancelled' },
    'the list shows an order\'s cancelled slip while it has no other');

  const again = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  assert.notEqual(again.id, slip.id);
  const o3 = await order(m, o.id);
  assert.equal(o3.export_slip.id, again.id, 'the live slip is the order\'s slip');
  assert.deepEqual(o3.export_slips.map((s) => s.status), ['awaiting_export', 'cancelled']);
  const live = await call(m, 'GET', `/api/v1/orders?has_export_slip=true&q=${o.external_id}`);
  assert.equal(live.total, 1);
  assert.deepEqual(live.items[0].export_slip, { id: again.id, code: again.code, status: 'awaiting_export' },
    'the list shows the live slip, not the cancelled one');
  assert.equal((await call(m, 'GET', `/api/v1/orders?has_export_slip=false&q=${o.external_id}`)).total, 0);
  expectError(assert, await api('GET', '/api/v1/orders?has_export_slip=maybe', { token: m.token }), 422);
  const slips = await call(m, 'GET', `/api/v1/export-slips?status=cancelled&q=${o.external_id}`);
  assert.deepEqual(slips.items.map((s) => s.id), [slip.id]);
  assert.deepEqual((await call(m, 'GET', `/api/v1/export-slips?q=${again.code}`)).items.map((s) => s.id), [again.id]);
  checkInvariants(m);
});

test('refusals name what is wrong and change nothing', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  // an order in a status that may not get a slip
  const [unpaid] = await syncedOrders(m, ctx.shop, ctx.conn, { status: 'UNPAID' });
  await linkLines(m, unpaid, () => p);
  assert.equal((await order(m, unpaid.id)).can_create_export_slip, false);
  const st = await api('POST', `/api/v1/orders/${unpaid.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
  expectError(assert, st, 409, 'order_status_not_allowed');
  assert.equal(st.json.error.details.status, 'awaiting_payment');
  assert.deepEqual(st.json.error.details.allowed_statuses, ['processing', 'packing', 'shipping', 'delivered', 'completed']);

  // an unlinked item
  let first;
  const o = await linkedOrder((l) => { first = first || l.sku_id; return l.sku_id === first ? null : p; });
  assert.equal(o.can_create_export_slip, false);
  const un = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
  expectError(assert, un, 422, 'order_items_unlinked');
  assert.deepEqual([...new Set(un.json.error.details.items.map((i) => i.sku_id))], [first]);

  // not enough stock: every short product listed
  const p2 = await newProduct(m);
  const o2 = await linkedOrder(() => p2);
  const q = need(o2, o2.lines.map((l) => l.sku_id));
  await receive(m, wh.id, [{ product_id: p2, quantity: q - 1 }]);
  const sh = await api('POST', `/api/v1/orders/${o2.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
  expectError(assert, sh, 409, 'insufficient_stock');
  assert.deepEqual(sh.json.error.details.shortages.map((s) => [s.product_id, s.required, s.available, s.missing]), [[p2, q, q - 1, 1]]);
  assert.deepEqual(await stockOf(m, wh.id, p2), { on_hand: q - 1, available: q - 1, awaiting_export: 0 });
  // another warehouse has none at all
  const wh2 = await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho trống', code: `E-${Date.now()}` });
  const none = await api('POST', `/api/v1/orders/${o2.id}/export-slips`, { token: m.token, body: { warehouse_id: wh2.id } });
  expectError(assert, none, 409, 'insufficient_stock');
  assert.equal(none.json.error.details.shortages[0].available, 0);

  // bad input
  expectError(assert, await api('POST', `/api/v1/orders/${o2.id}/export-slips`, { token: m.token, body: {} }), 422, 'validation_failed');
  expectError(assert, await api('POST', `/api/v1/orders/${o2.id}/export-slips`, { token: m.token, body: { warehouse_id: 99999999 } }), 422, 'validation_failed');
  expectError(assert, await api('POST', `/api/v1/orders/99999999/export-slips`, { token: m.token, body: { warehouse_id: wh.id } }), 404, 'not_found');
  expectError(assert, await api('GET', '/api/v1/export-slips?status=lost', { token: m.token }), 422, 'validation_failed');
  assert.equal((await call(m, 'GET', `/api/v1/export-slips?q=${o2.external_id}`)).total, 0);
  checkInvariants(m);
});

test('another merchant\'s orders, slips and warehouses are 404 or refused', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkedOrder(() => p);
  await receive(m, wh.id, [{ product_id: p, quantity: 100 }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const other = await newMerchant('slip-other');
  const [theirWh] = (await call(other, 'GET', '/api/v1/warehouses')).items;
  expectError(assert, await api('GET', `/api/v1/export-slips/${slip.id}`, { token: other.token }), 404);
  for (const action of ['export', 'cancel', 'returns'])
    expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/${action}`, { token: other.token, body: {} }), 404);
  expectError(assert, await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: other.token, body: { warehouse_id: theirWh.id } }), 404);
  const ownWh = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: theirWh.id } });
  expectError(assert, ownWh, 422);
  assert.equal((await call(other, 'GET', '/api/v1/export-slips')).total, 0);
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status, 'awaiting_export');
});

test('returns: TikTok cancels after export, the slip warns, goods come back to a warehouse with ledger rows', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m, 'Giày');
  const o = await linkedOrder(() => p);
  const q = need(o, o.lines.map((l) => l.sku_id));
  await receive(m, wh.id, [{ product_id: p, quantity: q }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body: {} }), 409, 'export_slip_not_exported');
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).warning, null);

  await control('POST', `/sandbox/orders/${o.external_id}/status`, { status: 'CANCELLED' });
  const warned = await eventually(async () => {
    const s = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
    return s.order.status === 'cancelled' && s;
  }, 'the cancellation to arrive');
  assert.equal(warned.warning, 'order_cancelled_return_goods');
  assert.equal((await order(m, o.id)).export_slip.warning, 'order_cancelled_return_goods');

  const wh2 = await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho hoàn', code: `R-${Date.now()}` });
  const tooMany = await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body: { lines: [{ product_id: p, quantity: q + 1 }] } });
  expectError(assert, tooMany, 422, 'validation_failed');
  assert.ok(tooMany.json.error.details.fields['lines[0].quantity']);
  const stranger = await newProduct(m);
  const notOnSlip = await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body: { lines: [{ product_id: stranger, quantity: 1 }] } });
  expectError(assert, notOnSlip, 422, 'validation_failed');

  let back = 0;
  if (q > 1) {
    const part = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, { warehouse_id: wh2.id, note: 'Hoàn 1', lines: [{ product_id: p, quantity: 1 }] });
    assert.equal(part.kind, 'return');
    assert.match(part.code, /^PNT\d{6}$/);
    assert.equal(part.export_slip_id, slip.id);
    assert.deepEqual(await stockOf(m, wh2.id, p), { on_hand: 1, available: 1, awaiting_export: 0 });
    back = 1;
  }
  const rest = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, {});
  assert.deepEqual(rest.lines.map((l) => [l.product_id, l.quantity]), [[p, q - back]]);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: q - back, available: q - back, awaiting_export: 0 });
  const full = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
  assert.equal(full.returned, q);
  assert.equal(full.warning, null, 'everything came back: nothing left to do');
  assert.equal(full.returns.length, back + 1);
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body: {} }), 409, 'nothing_to_return');
  const ledger = await call(m, 'GET', `/api/v1/stock-movements?warehouse_id=${wh.id}&product_id=${p}`);
  assert.equal(ledger.items[0].document.type, 'return');
  assert.equal(ledger.items[0].document.code, rest.code);
  checkInvariants(m);
});

test('a slip still awaiting export for an order TikTok cancelled is flagged to cancel', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkedOrder(() => p);
  await receive(m, wh.id, [{ product_id: p, quantity: 100 }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await control('POST', `/sandbox/orders/${o.external_id}/status`, { status: 'CANCELLED' });
  const s = await eventually(async () => {
    const x = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
    return x.warning && x;
  }, 'the slip to be flagged');
  assert.equal(s.warning, 'order_cancelled_cancel_slip');
  assert.equal(s.status, 'awaiting_export', 'the merchant decides: nothing changes by itself');
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).warning, null);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: 100, available: 100, awaiting_export: 0 });
  checkInvariants(m);
});
