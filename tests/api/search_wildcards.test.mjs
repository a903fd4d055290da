// Searches through LIKE match % and _ as the characters they are: the stock list, the export slips, the channel SKUs
// and the product catalog (a search for "%" used to match every row).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

let ctx;
before(async () => {
  ctx = await stockSetup('wildcards');
  const { m, shop, conn, wh } = ctx;
  ctx.plain = await newProduct(m, 'Áo thun trơn');
  ctx.percent = (await call(m, 'POST', '/api/v1/products', { name: 'Giảm 50% hè', sku: `PCT-${Date.now()}`, unit: 'cái' })).id;
  ctx.under = (await call(m, 'POST', '/api/v1/products', { name: 'Mã nội_bộ', sku: `UND-${Date.now()}`, unit: 'cái' })).id;
  await receive(m, wh.id, [ctx.plain, ctx.percent, ctx.under].map((product_id) => ({ product_id, quantity: 5 })));
  const [o] = await syncedOrders(m, shop, conn);
  const linked = await linkLines(m, o, () => ctx.plain);
  await receive(m, wh.id, [{ product_id: ctx.plain, quantity: 50 }]);
  ctx.slip = await call(m, 'POST', `/api/v1/orders/${linked.id}/export-slips`, { warehouse_id: wh.id });
  ctx.buyer = linked.buyer_name;
});

const q = (s) => encodeURIComponent(s);

test('the stock list matches % and _ literally', async () => {
  const { m } = ctx;
  const ids = async (s) => (await call(m, 'GET', `/api/v1/stock?q=${q(s)}`)).items.map((i) => i.product_id);
  assert.deepEqual(await ids('%'), [ctx.percent]);
  assert.deepEqual(await ids('_'), [ctx.under]);
  assert.deepEqual(await ids('50%'), [ctx.percent]);
  assert.ok((await ids('trơn')).includes(ctx.plain));
  assert.equal((await call(m, 'GET', `/api/v1/stock?q=${q('%')}`)).total, 1);
  const xlsx = await api('GET', `/api/v1/stock/export.xlsx?q=${q('%')}`, { token: m.token });
  assert.equal(xlsx.status, 200);
});

test('the export slips list matches % and _ literally and still finds a buyer', async () => {
  const { m } = ctx;
  assert.equal((await call(m, 'GET', `/api/v1/export-slips?q=${q('%')}`)).total, 0);
  assert.equal((await call(m, 'GET', `/api/v1/export-slips?q=${q('_')}`)).total, 0);
  const found = await call(m, 'GET', `/api/v1/export-slips?q=${q(ctx.buyer.slice(0, 4))}`);
  assert.ok(found.items.some((s) => s.id === ctx.slip.id));
});

test('the channel SKUs and the catalog match % literally', async () => {
  const { m } = ctx;
  assert.equal((await call(m, 'GET', `/api/v1/channel-skus?q=${q('%')}`)).total, 0);
  assert.ok((await call(m, 'GET', '/api/v1/channel-skus')).total > 0);
  const products = await call(m, 'GET', `/api/v1/products?q=${q('%')}`);
  assert.deepEqual(products.items.map((p) => p.id), [ctx.percent]);
});
