// Helpers of the stock and export slip tests: a shop with synced orders, products and links, stock, invariants.
import assert from 'node:assert/strict';
import { api, newMerchant } from './client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './tiktok.mjs';
import { sql, eventually } from './db.mjs';

// A merchant with one connected shop that has products (2 SKUs each); returns {m, shop, conn, wh}.
export async function stockSetup(tag) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const wh = (await call(m, 'GET', '/api/v1/warehouses')).items[0];
  return { m, shop, conn, wh };
}

// An API call that must answer `status`; returns the JSON.
export async function call(m, method, path, body, status = method === 'POST' && !/\/(export|cancel)$/.test(path) ? 201 : 200) {
  const res = await api(method, path, { token: m.token, body });
  assert.equal(res.status, status, `${method} ${path}: ${res.text}`);
  return res.json;
}

// Orders made on TikTok and synced; returns the app's orders (full) in the order made.
export async function syncedOrders(m, shop, conn, { count = 1, status = 'AWAITING_SHIPMENT', same_sku_ratio } = {}) {
  const made = await makeOrders(shop.id, { count, days_back: 1, status, same_sku_ratio });
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const out = [];
  for (const o of made) {
    const found = await eventually(async () => {
      const list = await call(m, 'GET', `/api/v1/orders?q=${o.id}`);
      return list.items.find((x) => x.external_id === o.id);
    }, `order ${o.id} to be synced`, { timeoutMs: 60000 });
    out.push(await call(m, 'GET', `/api/v1/orders/${found.id}`));
  }
  return out;
}

export async function order(m, id) {
  return call(m, 'GET', `/api/v1/orders/${id}`);
}

let seq = 0;
// A product of the merchant's catalog; returns its id.
export async function newProduct(m, name = 'Sản phẩm') {
  seq += 1;
  const sku = `P-${Date.now().toString(36)}-${seq}`;
  return (await call(m, 'POST', '/api/v1/products', { name: `${name} ${seq}`, sku, unit: 'cái' })).id;
}

// Links the order's lines to products through the "Sync product" popup's endpoint: pick(line) gives the
// product id of each line; null unlinks its channel SKU. Returns the order again.
export async function linkLines(m, o, pick) {
  const links = [];
  for (const l of o.lines) {
    const pid = pick(l);
    if (pid != null) {
      if (!links.some((x) => x.channel_sku_id === l.channel_sku_id)) links.push({ channel_sku_id: l.channel_sku_id, product_id: pid });
    } else if (l.product) {
      const res = await api('DELETE', `/api/v1/channel-skus/${l.channel_sku_id}/link`, { token: m.token });
      assert.equal(res.status, 204, res.text);
    }
  }
  if (links.length) await call(m, 'POST', `/api/v1/orders/${o.id}/links`, { links }, 200);
  return order(m, o.id);
}

export async function receive(m, warehouseId, lines, note = '') {
  return call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: warehouseId, note, lines });
}

// {on_hand, available, awaiting_export} of one product in one warehouse (zeros when it has no row).
export async function stockOf(m, warehouseId, productId) {
  const res = await call(m, 'GET', `/api/v1/stock?warehouse_id=${warehouseId}&product_id=${productId}`);
  const s = res.items[0] || { on_hand: 0, available: 0, awaiting_export: 0 };
  return { on_hand: s.on_hand, available: s.available, awaiting_export: s.awaiting_export };
}

// The invariants of every stock row of the merchant: on_hand = available + awaiting_export, none negative,
// and each quantity equals the sum of its ledger rows (also the ledger's running balances end where the row is).
export function checkInvariants(m) {
  const mid = Number(m.merchant.id);
  const rows = sql(`SELECT s.warehouse_id, s.product_id, s.on_hand, s.available, s.awaiting_export,
      COALESCE(SUM(l.d_on_hand), 0), COALESCE(SUM(l.d_available), 0), COALESCE(SUM(l.d_awaiting), 0), COUNT(l.id)
    FROM stock s LEFT JOIN stock_movements l ON l.warehouse_id = s.warehouse_id AND l.product_id = s.product_id
    WHERE s.merchant_id = ${mid} GROUP BY s.warehouse_id, s.product_id`);
  for (const r of rows) {
    const [wh, p, onHand, avail, awaiting, sOn, sAv, sAw] = r.map(Number);
    const where = `warehouse ${wh} product ${p}`;
    assert.equal(onHand, avail + awaiting, `on_hand = available + awaiting_export at ${where}`);
    assert.ok(onHand >= 0 && avail >= 0 && awaiting >= 0, `no negative quantity at ${where}`);
    assert.deepEqual([sOn, sAv, sAw], [onHand, avail, awaiting], `ledger sums equal the stock at ${where}`);
  }
  const orphans = sql(`SELECT COUNT(*) FROM stock_movements l LEFT JOIN stock s ON s.warehouse_id = l.warehouse_id
    AND s.product_id = l.product_id WHERE l.merchant_id = ${mid} AND s.product_id IS NULL`);
  assert.equal(Number(orphans[0][0]), 0, 'every ledger row belongs to a stock row');
  const bad = sql(`SELECT COUNT(*) FROM stock_movements WHERE merchant_id = ${mid} AND
    (on_hand <> available + awaiting_export OR on_hand < 0 OR available < 0 OR awaiting_export < 0)`);
  assert.equal(Number(bad[0][0]), 0, 'every ledger balance is consistent');
  return rows.length;
}
