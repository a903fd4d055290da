// API tests of warehouses, stock receipts, the stock list and its ledger, with merchant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { call, newProduct, receive, stockOf, checkInvariants } from './lib/stock.mjs';

test('a new merchant has a default warehouse and can add and edit others', async () => {
  const m = await newMerchant('wh');
  const list = await call(m, 'GET', '/api/v1/warehouses');
  assert.equal(list.total, 1);
  assert.equal(list.items[0].is_default, true);
  assert.equal(list.items[0].code, 'KHO-01');

  const created = await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho Hà Nội', code: 'HN', address: '1 Tràng Tiền' });
  assert.deepEqual([created.name, created.code, created.address, created.is_default], ['Kho Hà Nội', 'HN', '1 Tràng Tiền', false]);
  const edited = await call(m, 'PATCH', `/api/v1/warehouses/${created.id}`, { address: '2 Tràng Tiền' });
  assert.deepEqual([edited.name, edited.address], ['Kho Hà Nội', '2 Tràng Tiền']);
  assert.equal((await call(m, 'GET', '/api/v1/warehouses')).total, 2);

  expectError(assert, await api('POST', '/api/v1/warehouses', { token: m.token, body: { name: 'Again', code: 'HN' } }), 409, 'warehouse_code_taken');
  expectError(assert, await api('PATCH', `/api/v1/warehouses/${created.id}`, { token: m.token, body: { code: 'KHO-01' } }), 409, 'warehouse_code_taken');
  const bad = await api('POST', '/api/v1/warehouses', { token: m.token, body: { name: '', code: 'x'.repeat(40) } });
  expectError(assert, bad, 422, 'validation_failed');
  assert.ok(bad.json.error.details.fields.name && bad.json.error.details.fields.code);

  const other = await newMerchant('wh-other');
  expectError(assert, await api('PATCH', `/api/v1/warehouses/${created.id}`, { token: other.token, body: { name: 'Mine' } }), 404, 'not_found');
  assert.equal((await call(other, 'GET', '/api/v1/warehouses')).total, 1, 'the other merchant sees only its own');
});

test('a stock receipt adds on hand and available, with one ledger row per line', async () => {
  const m = await newMerchant('rcpt');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const a = await newProduct(m, 'Áo thun');
  const b = await newProduct(m, 'Quần jean');
  const r1 = await receive(m, wh.id, [{ product_id: b, quantity: 4 }, { product_id: a, quantity: 10 }], 'Nhập đầu kỳ');
  assert.match(r1.code, /^PNK\d{6}$/);
  assert.equal(r1.kind, 'receipt');
  assert.equal(r1.note, 'Nhập đầu kỳ');
  assert.deepEqual(r1.lines.map((l) => [l.product_id, l.quantity]), [[a, 10], [b, 4]].sort((x, y) => x[0] - y[0]));
  await receive(m, wh.id, [{ product_id: a, quantity: 5 }]);
  assert.deepEqual(await stockOf(m, wh.id, a), { on_hand: 15, available: 15, awaiting_export: 0 });
  assert.deepEqual(await stockOf(m, wh.id, b), { on_hand: 4, available: 4, awaiting_export: 0 });
  assert.deepEqual(await call(m, 'GET', `/api/v1/stock-receipts/${r1.id}`), r1);

  const ledger = await call(m, 'GET', `/api/v1/stock-movements?warehouse_id=${wh.id}&product_id=${a}`);
  assert.equal(ledger.total, 2);
  const [last, first] = ledger.items;
  assert.deepEqual([first.d_on_hand, first.d_available, first.d_awaiting_export, first.on_hand], [10, 10, 0, 10]);
  assert.deepEqual([last.d_on_hand, last.on_hand, last.available], [5, 15, 15]);
  assert.equal(first.document.type, 'receipt');
  assert.equal(first.document.code, r1.code);
  assert.equal(first.user_name, `Chủ rcpt`);
  assert.equal(checkInvariants(m), 2);

  const search = await call(m, 'GET', '/api/v1/stock?q=jean');
  assert.deepEqual(search.items.map((s) => s.product_id), [b]);
});

test('a bad receipt is refused whole, naming each bad line, and changes nothing', async () => {
  const m = await newMerchant('rcpt-bad');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const a = await newProduct(m);
  const other = await newMerchant('rcpt-other');
  const theirs = await newProduct(other);
  const [theirWh] = (await call(other, 'GET', '/api/v1/warehouses')).items;
  const cases = [
    [{ warehouse_id: wh.id, lines: [{ product_id: a, quantity: 3 }, { product_id: theirs, quantity: 1 }] }, 'lines[1].product_id'],
    [{ warehouse_id: wh.id, lines: [{ product_id: a, quantity: 0 }] }, 'lines[0].quantity'],
    [{ warehouse_id: wh.id, lines: [{ product_id: a, quantity: 1 }, { product_id: a, quantity: 2 }] }, 'lines[1].product_id'],
    [{ warehouse_id: wh.id, lines: [] }, 'lines'],
    [{ warehouse_id: theirWh.id, lines: [{ product_id: a, quantity: 1 }] }, 'warehouse_id'],
    [{ lines: [{ product_id: a, quantity: 1 }] }, 'warehouse_id'],
  ];
  for (const [body, field] of cases) {
    const res = await api('POST', '/api/v1/stock-receipts', { token: m.token, body });
    expectError(assert, res, 422, 'validation_failed');
    assert.ok(res.json.error.details.fields[field], `${field} named in ${res.text}`);
  }
  expectError(assert, await api('POST', '/api/v1/stock-receipts', { token: m.token, body: '{"warehouse_id":' }), 400);
  // the product is listed with nothing on hand and no warehouse: no stock row was made
  const listed = await call(m, 'GET', '/api/v1/stock');
  assert.deepEqual(listed.items.map((s) => [s.product_id, s.warehouse_id, s.on_hand, s.available]), [[a, null, 0, 0]]);
  assert.equal((await call(m, 'GET', '/api/v1/stock-movements')).total, 0);
  expectError(assert, await api('GET', '/api/v1/stock?warehouse_id=abc', { token: m.token }), 422, 'validation_failed');
});

test('stock, ledger and receipts are the merchant\'s own', async () => {
  const m = await newMerchant('iso-a');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const a = await newProduct(m);
  const r = await receive(m, wh.id, [{ product_id: a, quantity: 2 }]);
  const other = await newMerchant('iso-b');
  assert.equal((await call(other, 'GET', `/api/v1/stock?warehouse_id=${wh.id}`)).total, 0);
  assert.equal((await call(other, 'GET', `/api/v1/stock-movements?product_id=${a}`)).total, 0);
  expectError(assert, await api('GET', `/api/v1/stock-receipts/${r.id}`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', '/api/v1/stock', {}), 401);
});

test('a product with stock cannot be deleted: 409 and it stays', async () => {
  const m = await newMerchant('del');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const a = await newProduct(m);
  await receive(m, wh.id, [{ product_id: a, quantity: 1 }]);
  expectError(assert, await api('DELETE', `/api/v1/products/${a}`, { token: m.token }), 409, 'product_has_stock');
  assert.equal((await call(m, 'GET', `/api/v1/products/${a}`)).id, a);
  assert.deepEqual(await stockOf(m, wh.id, a), { on_hand: 1, available: 1, awaiting_export: 0 });
});
