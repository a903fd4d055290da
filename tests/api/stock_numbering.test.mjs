// Document numbers per merchant: 20 slips of one merchant created at once take 1..n with no gap and no duplicate
// (a refused one gives its number back), another merchant's slips count on their own, receipts and returns have their
// own counters, and the prefixes and the year part are the merchant's choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

const code = (prefix, n) => `${prefix}${String(n).padStart(6, '0')}`;
const qty = (o) => o.lines.reduce((n, l) => n + l.quantity, 0);

// A merchant with `count` synced orders whose lines are all linked to one product.
async function ordersOfOneProduct(tag, count) {
  const { m, shop, conn, wh } = await stockSetup(tag);
  const p = await newProduct(m, 'Đánh số');
  const orders = [];
  for (const o of await syncedOrders(m, shop, conn, { count })) orders.push(await linkLines(m, o, () => p));
  return { m, wh, p, orders };
}

test('20 slips of one merchant at once: numbers 1..n with no gap and no duplicate; another merchant counts on its own', async () => {
  const [a, b] = await Promise.all([ordersOfOneProduct('num-a', 20), ordersOfOneProduct('num-b', 5)]);
  const need = a.orders.reduce((n, o) => n + qty(o), 0);
  // one unit short: exactly one of A's 20 slips is refused, and its number must not be lost
  await receive(a.m, a.wh.id, [{ product_id: a.p, quantity: need - 1 }]);
  await receive(b.m, b.wh.id, [{ product_id: b.p, quantity: 1000 }]);
  const fire = (x) => x.orders.map((o) => api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: x.m.token, body: { warehouse_id: x.wh.id } }));
  const [ra, rb] = await Promise.all([Promise.all(fire(a)), Promise.all(fire(b))]);
  const made = ra.filter((r) => r.status === 201);
  const refused = ra.filter((r) => r.status !== 201);
  assert.equal(refused.length, 1, ra.map((r) => r.status).join(','));
  expectError(assert, refused[0], 409, 'insufficient_stock');
  assert.deepEqual(made.map((r) => r.json.code).sort(), Array.from({ length: 19 }, (_, i) => code('PXK', i + 1)));
  assert.ok(rb.every((r) => r.status === 201), rb.map((r) => r.text).join('\n'));
  assert.deepEqual(rb.map((r) => r.json.code).sort(), [1, 2, 3, 4, 5].map((n) => code('PXK', n)));
  // the codes are what the lists, the slip and its ledger rows show
  const slip = made[0].json;
  assert.equal((await call(a.m, 'GET', `/api/v1/export-slips/${slip.id}`)).code, slip.code);
  assert.deepEqual((await call(a.m, 'GET', `/api/v1/export-slips?q=${slip.code}`)).items.map((s) => s.id), [slip.id]);
  const ledger = (await call(a.m, 'GET', `/api/v1/stock-movements?product_id=${a.p}&per_page=200`)).items;
  const rows = ledger.filter((l) => l.document.type === 'slip_create' && l.document.id === slip.id);
  assert.deepEqual(rows.map((l) => l.document.code), [slip.code]);
  // a cancelled slip keeps its number; the next one follows
  await call(a.m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  const again = await call(a.m, 'POST', `/api/v1/orders/${slip.order_id}/export-slips`, { warehouse_id: a.wh.id });
  assert.equal(again.code, code('PXK', 20));
  assert.equal((await call(a.m, 'GET', `/api/v1/export-slips/${slip.id}`)).code, slip.code);
  // the order list shows the slip's code
  const listed = (await call(a.m, 'GET', '/api/v1/orders?per_page=200')).items.find((o) => o.id === slip.order_id);
  assert.deepEqual([listed.export_slip.id, listed.export_slip.code, listed.export_slip.status], [again.id, again.code, 'awaiting_export']);
});

test('receipts and returns: a new merchant starts at PNK000001 and PNT000001, each kind on its own counter', async () => {
  const { m, wh, p, orders } = await ordersOfOneProduct('num-rcpt', 1);
  const r1 = await receive(m, wh.id, [{ product_id: p, quantity: 50 }]);
  const r2 = await receive(m, wh.id, [{ product_id: p, quantity: 1 }]);
  assert.deepEqual([r1.code, r2.code], [code('PNK', 1), code('PNK', 2)]);
  const slip = await call(m, 'POST', `/api/v1/orders/${orders[0].id}/export-slips`, { warehouse_id: wh.id });
  assert.equal(slip.code, code('PXK', 1));
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const ret = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, { lines: [{ product_id: p, quantity: 1 }] });
  assert.equal(ret.code, code('PNT', 1));
  assert.equal(ret.export_slip_code, slip.code);
  // a refused receipt takes no number
  expectError(assert, await api('POST', '/api/v1/stock-receipts', { token: m.token, body: { warehouse_id: wh.id, lines: [{ product_id: p + 100000, quantity: 1 }] } }), 422, 'validation_failed');
  assert.equal((await receive(m, wh.id, [{ product_id: p, quantity: 1 }])).code, code('PNK', 3));
});

test('the merchant chooses prefixes and a year part; documents made keep their codes', async () => {
  const m = await newMerchant('num-prefix');
  const [wh] = (await call(m, 'GET', '/api/v1/warehouses')).items;
  const p = await newProduct(m);
  const defaults = await call(m, 'GET', '/api/v1/document-numbering');
  assert.deepEqual([defaults.slip.prefix, defaults.receipt.prefix, defaults.return.prefix], ['PXK', 'PNK', 'PNT']);
  assert.equal(defaults.receipt.example, 'PNK000001');
  const first = await receive(m, wh.id, [{ product_id: p, quantity: 1 }]);
  const year = new Date(Date.now() + 7 * 3600 * 1000).getUTCFullYear(); // Vietnam's calendar
  const set = await call(m, 'PUT', '/api/v1/document-numbering', { receipt: { prefix: 'NK', with_year: true } });
  assert.deepEqual([set.receipt.prefix, set.receipt.with_year, set.receipt.example], ['NK', true, `NK${year}-000001`]);
  assert.equal(set.slip.prefix, 'PXK');
  const second = await receive(m, wh.id, [{ product_id: p, quantity: 1 }]);
  assert.equal(second.code, `NK${year}-000001`);
  assert.equal((await call(m, 'GET', `/api/v1/stock-receipts/${first.id}`)).code, 'PNK000001');
  // back without the year: the counter without a year goes on from where it was
  await call(m, 'PUT', '/api/v1/document-numbering', { receipt: { with_year: false } });
  assert.equal((await receive(m, wh.id, [{ product_id: p, quantity: 1 }])).code, 'NK000002');
  for (const body of [{ slip: { prefix: 'px k' } }, { slip: { prefix: '' } }, { slip: { prefix: 'ABCDEFGHIJK' } },
    { return: { prefix: 'NK' } }, { receipt: { with_year: 'yes' } }]) {
    const res = await api('PUT', '/api/v1/document-numbering', { token: m.token, body });
    expectError(assert, res, 422, 'validation_failed');
  }
  // another merchant's numbering is its own
  const other = await newMerchant('num-prefix-b');
  assert.equal((await call(other, 'GET', '/api/v1/document-numbering')).receipt.prefix, 'PNK');
});
