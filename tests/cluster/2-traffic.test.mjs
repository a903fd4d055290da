// Hosts going away under traffic: with API traffic and a backfill running, one api pool and then one sync worker are
// stopped and started again: no request fails (nginx passes them to the other pool), no job is lost or run twice, no
// order is doubled, and the stock ends equal to the receipts recorded.
import { test } from 'node:test';
import { eventually } from '../api/lib/db.mjs';
import assert from 'node:assert/strict';
import { api, newMerchant } from '../api/lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from '../api/lib/tiktok.mjs';
import { sql, ok, backfillExact, cluster, PRIMARY_PORT } from './lib.mjs';

const ORDERS = 5000;
const CLIENTS = 4;

test('an api pool and a sync worker stop and come back under traffic without a failed request or a lost job', async () => {
  const m = await newMerchant('traffic');
  const seller = await newSeller(1, 'traffic');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  for (let i = 0; i < ORDERS / 1000; i++) await makeOrders(shop.id, { count: 1000, days_back: 30 });
  const [conn] = await connectSeller(api, m, seller);
  const wh = (await ok('GET', '/api/v1/warehouses', { token: m.token })).items[0];
  const product = await ok('POST', '/api/v1/products', { token: m.token, body: { name: 'Quần jean', sku: 'QJ-1' } });

  // The traffic: each client lists orders, records a receipt of one unit, lists products, again and again.
  let running = true;
  let done = 0;
  let receipts = 0;
  const failures = [];
  const step = async (method, path, body) => {
    try {
      const res = await api(method, path, { token: m.token, body });
      if (res.status >= 300) failures.push(`${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
      return res.status;
    } catch (e) {
      failures.push(`${method} ${path}: ${e.message}`);
      return 0;
    } finally {
      done++;
    }
  };
  const client = async () => {
    while (running) {
      await step('GET', '/api/v1/orders?per_page=20');
      if (await step('POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 1 }] }) === 201) receipts++;
      await step('GET', '/api/v1/products');
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  // Lets `n` more requests of the traffic pass (the disruption lasts while they run).
  const trafficFor = (n) => { const until = done + n; return eventually(() => done >= until, `${n} more requests`, { timeoutMs: 60000, everyMs: 20 }); };

  const sync = await ok('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  await trafficFor(30);
  cluster('stop', 'api-1');
  await trafficFor(60);
  cluster('start', 'api-1');
  await trafficFor(30);
  cluster('stop', 'sync-1');
  await trafficFor(60);
  cluster('start', 'sync-1');
  await trafficFor(30);
  running = false;
  await Promise.all(clients);

  assert.deepEqual(failures, [], 'every request of the traffic succeeded');
  await backfillExact(m, sync.job.id, conn.id, ORDERS, 120000);
  const [[onHand, available]] = sql(PRIMARY_PORT, `SELECT on_hand, available FROM stock WHERE product_id = ${product.id} AND warehouse_id = ${wh.id}`);
  assert.equal(onHand, String(receipts), 'the stock equals the receipts recorded');
  assert.equal(available, String(receipts));
});
