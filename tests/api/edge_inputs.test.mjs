// Inputs a hostile or unlucky client sends: a receipt racing the deletion of its product, a seller SKU of multi-byte
// characters turned into a product, a warehouse named twice in the stock push settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually, holdSession } from './lib/db.mjs';
import { stockSetup, call, stockOf } from './lib/stock.mjs';

// Statements of the api workers running now whose text starts like `prefix` (the process list is read live; the
// InnoDB transaction table is a cache that a poll faster than its refresh never sees change).
const running = (prefix) =>
  Number(sql(`SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '${prefix}%'`)[0][0]);

test('a receipt racing the deletion of its product: the receipt holds it (the deletion is refused), never a 500', async () => {
  const m = await newMerchant('receipt-race');
  const wh = (await call(m, 'GET', '/api/v1/warehouses')).items[0];
  const p = (await call(m, 'POST', '/api/v1/products', { name: 'Hàng sắp xóa', sku: `DEL-${Date.now()}`, unit: 'cái' })).id;
  // The receipt's stock_receipts row needs a share lock on its warehouse: held here, the receipt stops inside its
  // transaction, after the product check the request makes before it, while the deletion comes.
  const release = await holdSession(`BEGIN; SELECT id FROM warehouses WHERE id = ${wh.id} FOR UPDATE;`, 'ROLLBACK;');
  let receipt;
  let removal;
  try {
    receipt = api('POST', '/api/v1/stock-receipts', { token: m.token, body: { warehouse_id: wh.id, lines: [{ product_id: p, quantity: 3 }] } });
    await eventually(() => running('INSERT INTO stock_receipts') >= 1, 'the receipt to wait for its warehouse', { everyMs: 20 });
    removal = api('DELETE', `/api/v1/products/${p}`, { token: m.token });
    // either the deletion waits for the receipt (the product is held) or it is done
    let settled = false;
    removal.then(() => { settled = true; });
    await eventually(() => settled || running('SELECT id FROM products WHERE id = ') >= 1, 'the deletion to wait or end',
      { everyMs: 20 });
  } finally {
    await release();
  }
  const [r, d] = await Promise.all([receipt, removal]);
  assert.notEqual(r.status, 500, r.text);
  assert.equal(r.status, 201, `the receipt keeps its product: ${r.text}`);
  assert.equal(d.status, 409, d.text);
  assert.equal(d.json.error.code, 'product_has_stock');
  assert.equal((await stockOf(m, wh.id, p)).on_hand, 3);
});

test('a receipt naming a product deleted before it answers 422 for that line', async () => {
  const m = await newMerchant('receipt-gone');
  const wh = (await call(m, 'GET', '/api/v1/warehouses')).items[0];
  const p = (await call(m, 'POST', '/api/v1/products', { name: 'Đã xóa', sku: `GONE-${Date.now()}`, unit: 'cái' })).id;
  assert.equal((await api('DELETE', `/api/v1/products/${p}`, { token: m.token })).status, 204);
  const res = await api('POST', '/api/v1/stock-receipts', { token: m.token, body: { warehouse_id: wh.id, lines: [{ product_id: p, quantity: 1 }] } });
  assert.equal(res.status, 422, res.text);
  assert.ok(JSON.stringify(res.json.error).includes('lines[0].product_id'));
});

test('auto-link makes a product of a 44-character seller SKU of multi-byte letters, as POST /products accepts it', async () => {
  const code = `${'Đ'.repeat(40)}-${String(Date.now() % 1000).padStart(3, '0')}`; // 44 characters, 84 bytes
  assert.equal([...code].length, 44);
  const m = await newMerchant('multibyte-sku');
  const seller = await newSeller(1, 'multibyte-sku');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 1, skus_per_product: 1, seller_skus: [code] });
  const [conn] = await connectSeller(api, m, seller);
  await makeOrders(shop.id, { count: 3, days_back: 2, status: 'AWAITING_SHIPMENT' });
  const sync = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(sync.status, 202, sync.text);
  await eventually(async () => (await call(m, 'GET', '/api/v1/channel-skus')).items.some((c) => c.seller_sku === code),
    'the SKU to be seen in a synced order', { timeoutMs: 60000 });
  const run = await call(m, 'POST', '/api/v1/channel-skus/auto-link', { connection_id: conn.id, create_missing: true }, 200);
  assert.equal(run.created, 1, JSON.stringify(run));
  assert.equal(run.unmatched, 0, JSON.stringify(run));
  const made = (await call(m, 'GET', '/api/v1/products')).items.find((p) => p.sku === code);
  assert.ok(made, 'the product carries the code');
  // the same limit counts characters for a product made by hand: 64 pass, 65 do not
  const other = await newMerchant('multibyte-sku-form');
  const ok = await api('POST', '/api/v1/products', { token: other.token, body: { name: 'x', sku: 'Đ'.repeat(64) } });
  assert.equal(ok.status, 201, ok.text);
  const long = await api('POST', '/api/v1/products', { token: other.token, body: { name: 'x', sku: 'Đ'.repeat(65) } });
  assert.equal(long.status, 422, long.text);
});

test('stock push settings take a warehouse named twice once', async () => {
  const { m, conn, wh } = await stockSetup('sp-twice');
  const saved = await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: false, warehouse_ids: [wh.id, wh.id], buffer: 0 });
  assert.deepEqual(saved.warehouse_ids, [wh.id]);
});
