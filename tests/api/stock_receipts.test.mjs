// Receipts as documents: suppliers, cost prices and notes, the receipts list, cancelling a receipt while its goods are
// still available (the ledger takes them out) and every refusal; returns keep their note on the slip and the ledger;
// every product in the stock list, and units of measure set for many products at once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { eventually } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive, stockOf, checkInvariants } from './lib/stock.mjs';

let ctx;
before(async () => {
  ctx = await stockSetup('receipts');
});

test('suppliers: add, find, edit, refuse a taken name, delete only one no receipt names', async () => {
  const m = await newMerchant('suppliers');
  const s = await call(m, 'POST', '/api/v1/suppliers', { name: 'Công ty Vải Sài Gòn', phone: '0901234567', tax_code: '0312345678' });
  assert.deepEqual([s.name, s.phone, s.tax_code, s.address], ['Công ty Vải Sài Gòn', '0901234567', '0312345678', '']);
  expectError(assert, await api('POST', '/api/v1/suppliers', { token: m.token, body: { name: 'Công ty Vải Sài Gòn' } }), 409, 'supplier_name_taken');
  expectError(assert, await api('POST', '/api/v1/suppliers', { token: m.token, body: { phone: '1' } }), 422, 'validation_failed');
  const t = await call(m, 'POST', '/api/v1/suppliers', { name: 'Xưởng May Hà Nội' });
  assert.deepEqual((await call(m, 'GET', '/api/v1/suppliers?q=Vải')).items.map((x) => x.id), [s.id]);
  assert.equal((await call(m, 'GET', `/api/v1/suppliers?q=0901`)).total, 1);
  const edited = await call(m, 'PATCH', `/api/v1/suppliers/${t.id}`, { address: '12 Láng Hạ' });
  assert.deepEqual([edited.name, edited.address], ['Xưởng May Hà Nội', '12 Láng Hạ']);
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const p = await newProduct(m);
  await call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, supplier_id: s.id, lines: [{ product_id: p, quantity: 1 }] });
  expectError(assert, await api('DELETE', `/api/v1/suppliers/${s.id}`, { token: m.token }), 409, 'supplier_in_use');
  assert.equal((await api('DELETE', `/api/v1/suppliers/${t.id}`, { token: m.token })).status, 204);
  expectError(assert, await api('DELETE', `/api/v1/suppliers/${t.id}`, { token: m.token }), 404, 'not_found');
  const other = await newMerchant('suppliers-b');
  expectError(assert, await api('PATCH', `/api/v1/suppliers/${s.id}`, { token: other.token, body: { name: 'x' } }), 404, 'not_found');
  assert.equal((await call(other, 'GET', '/api/v1/suppliers')).total, 0);
});

test('a receipt with a supplier, cost prices and a note reads back whole and is listed with its totals', async () => {
  const m = await newMerchant('receipt-doc');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const sup = await call(m, 'POST', '/api/v1/suppliers', { name: 'NCC Một' });
  const [a, b] = [await newProduct(m, 'Áo thun'), await newProduct(m, 'Quần jean')];
  const r = await call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, supplier_id: sup.id, note: 'Lô tháng 12',
    lines: [{ product_id: a, quantity: 10, unit_cost: 85000 }, { product_id: b, quantity: 4, unit_cost: '150000.50' }] });
  assert.deepEqual([r.code, r.status, r.kind, r.note, r.supplier.name, r.warehouse.id], ['PNK000001', 'posted', 'receipt', 'Lô tháng 12', 'NCC Một', wh.id]);
  assert.deepEqual(r.lines.map((l) => [l.product_id, l.quantity, l.unit_cost, l.unit]), [[a, 10, '85000.00', 'cái'], [b, 4, '150000.50', 'cái']]);
  const list = await call(m, 'GET', '/api/v1/stock-receipts?kind=receipt');
  assert.deepEqual(list.items.map((x) => [x.code, x.line_count, x.quantity, x.amount, x.supplier.name]), [['PNK000001', 2, 14, '1450002.00', 'NCC Một']]);
  assert.equal((await call(m, 'GET', `/api/v1/stock-receipts?supplier_id=${sup.id}`)).total, 1);
  assert.equal((await call(m, 'GET', '/api/v1/stock-receipts?q=PNK000001')).total, 1);
  assert.equal((await call(m, 'GET', '/api/v1/stock-receipts?q=tháng 12')).total, 1);
  assert.equal((await call(m, 'GET', '/api/v1/stock-receipts?kind=return')).total, 0);
  for (const bad of [{ unit_cost: -1 }, { unit_cost: 'abc' }, { unit_cost: 1.234 }]) {
    const res = await api('POST', '/api/v1/stock-receipts', { token: m.token, body: { warehouse_id: wh.id, lines: [{ product_id: a, quantity: 1, ...bad }] } });
    expectError(assert, res, 422, 'validation_failed');
    assert.ok(res.json.error.details.fields['lines[0].unit_cost'], res.text);
  }
  expectError(assert, await api('GET', '/api/v1/stock-receipts?kind=slip', { token: m.token }), 422, 'validation_failed');
});

test('cancelling a receipt: the ledger takes it out while its goods are available; refused once they are not, twice, or for a return', async () => {
  const { m, shop, conn, wh } = ctx;
  const p = await newProduct(m, 'Hủy nhập');
  const [o] = await syncedOrders(m, shop, conn);
  const linked = await linkLines(m, o, () => p);
  const need = linked.lines.reduce((n, l) => n + l.quantity, 0);
  const r = await receive(m, wh.id, [{ product_id: p, quantity: need }]);
  // a slip reserves the goods: the receipt cannot be cancelled, and the answer names what is missing
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const used = await api('POST', `/api/v1/stock-receipts/${r.id}/cancel`, { token: m.token });
  expectError(assert, used, 409, 'receipt_stock_used');
  assert.deepEqual(used.json.error.details.lines.map((l) => [l.product_id, l.quantity, l.available]), [[p, need, 0]]);
  assert.equal((await call(m, 'GET', `/api/v1/stock-receipts/${r.id}`)).status, 'posted');
  // the slip cancelled, the goods are available again: five clicks at once cancel it once
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  const clicks = await Promise.all(Array.from({ length: 5 }, () => api('POST', `/api/v1/stock-receipts/${r.id}/cancel`, { token: m.token })));
  assert.deepEqual(clicks.map((c) => c.status).sort(), [200, 409, 409, 409, 409]);
  for (const c of clicks.filter((x) => x.status === 409)) assert.equal(c.json.error.code, 'receipt_cancelled');
  const done = clicks.find((c) => c.status === 200).json;
  assert.equal(done.status, 'cancelled');
  assert.ok(done.cancelled_at);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: 0, available: 0, awaiting_export: 0 });
  const ledger = (await call(m, 'GET', `/api/v1/stock-movements?product_id=${p}`)).items;
  assert.deepEqual(ledger.map((l) => [l.document.type, l.document.id, l.document.code, l.d_on_hand, l.on_hand]), [
    ['receipt_cancel', r.id, r.code, -need, 0], ['slip_cancel', slip.id, slip.code, 0, need],
    ['slip_create', slip.id, slip.code, 0, need], ['receipt', r.id, r.code, need, need]]);
  assert.equal((await call(m, 'GET', '/api/v1/stock-receipts?status=cancelled')).items.some((x) => x.id === r.id), true);
  checkInvariants(m);
  // a return receipt is not cancelled; another merchant's receipt is not found
  const r2 = await receive(m, wh.id, [{ product_id: p, quantity: need }]);
  const s2 = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${s2.id}/export`);
  const ret = await call(m, 'POST', `/api/v1/export-slips/${s2.id}/returns`, { lines: [{ product_id: p, quantity: 1 }] });
  expectError(assert, await api('POST', `/api/v1/stock-receipts/${ret.id}/cancel`, { token: m.token }), 409, 'receipt_is_return');
  const other = await newMerchant('cancel-other');
  expectError(assert, await api('POST', `/api/v1/stock-receipts/${r2.id}/cancel`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('POST', '/api/v1/stock-receipts/999999999/cancel', { token: m.token }), 404, 'not_found');
});

test('a return keeps its note on the return, on the slip and in the ledger', async () => {
  const { m, shop, conn, wh } = ctx;
  const p = await newProduct(m, 'Trả hàng');
  const [o] = await syncedOrders(m, shop, conn);
  await linkLines(m, o, () => p);
  await receive(m, wh.id, [{ product_id: p, quantity: 100 }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const note = 'Khách đổi size, trả 1 cái';
  const ret = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, { note, lines: [{ product_id: p, quantity: 1 }] });
  assert.equal(ret.note, note);
  const again = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
  assert.deepEqual(again.returns.map((x) => [x.code, x.note]), [[ret.code, note]]);
  const row = (await call(m, 'GET', `/api/v1/stock-movements?product_id=${p}`)).items[0];
  assert.deepEqual([row.document.type, row.document.code, row.document.note, row.document.export_slip_id], ['return', ret.code, note, slip.id]);
});

test('the stock list holds every product, zeros included, and "no stock" finds those without', async () => {
  const m = await newMerchant('stock-zero');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const [a, b] = [await newProduct(m, 'Có hàng'), await newProduct(m, 'Chưa có hàng')];
  await receive(m, wh.id, [{ product_id: a, quantity: 3 }]);
  const all = await call(m, 'GET', '/api/v1/stock');
  assert.deepEqual(all.items.map((s) => [s.product_id, s.warehouse_id, s.on_hand]).sort(), [[a, wh.id, 3], [b, null, 0]].sort());
  assert.deepEqual((await call(m, 'GET', '/api/v1/stock?no_stock=true')).items.map((s) => s.product_id), [b]);
  // one warehouse: every product with its row there or zeros, named for that warehouse
  const kho = await call(m, 'GET', `/api/v1/stock?warehouse_id=${wh.id}&no_stock=true`);
  assert.deepEqual(kho.items.map((s) => [s.product_id, s.warehouse_id, s.warehouse_name]), [[b, wh.id, wh.name]]);
  expectError(assert, await api('GET', '/api/v1/stock?no_stock=maybe', { token: m.token }), 422, 'validation_failed');
});

test('units of measure: products made without one are "cái"; many set at once, only the merchant\'s', async () => {
  const m = await newMerchant('units');
  const bare = await call(m, 'POST', '/api/v1/products', { name: 'Không đơn vị', sku: `U-${Date.now()}` });
  assert.equal(bare.unit, '');
  const [a, b] = [await newProduct(m), await newProduct(m)];
  assert.deepEqual(await call(m, 'POST', '/api/v1/product-units', { product_ids: [a, b], unit: 'hộp' }, 200), { updated: 2, unit: 'hộp' });
  assert.equal((await call(m, 'GET', `/api/v1/products/${a}`)).unit, 'hộp');
  const other = await newMerchant('units-b');
  const res = await api('POST', '/api/v1/product-units', { token: other.token, body: { product_ids: [a], unit: 'thùng' } });
  expectError(assert, res, 422, 'validation_failed');
  assert.equal((await call(m, 'GET', `/api/v1/products/${a}`)).unit, 'hộp');
  for (const body of [{ product_ids: [], unit: 'x' }, { product_ids: [a] }, { product_ids: ['a'], unit: 'x' }, { product_ids: [a], unit: '' }]) {
    expectError(assert, await api('POST', '/api/v1/product-units', { token: m.token, body }), 422, 'validation_failed');
  }
  // products made in bulk from TikTok's SKUs get "cái"
  const s = await stockSetup('units-bulk');
  const pull = await call(s.m, 'POST', `/api/v1/connections/${s.conn.id}/pull-products`, undefined, 202);
  await eventually(async () => (await call(s.m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', 'the product pull', { timeoutMs: 60000 });
  const made = await call(s.m, 'POST', '/api/v1/channel-skus/auto-link', { connection_id: s.conn.id, create_missing: true }, 200);
  assert.ok(made.created >= 6, JSON.stringify(made));
  const units = (await call(s.m, 'GET', '/api/v1/products?per_page=200')).items.map((x) => x.unit);
  assert.deepEqual([...new Set(units)], ['cái']);
});
