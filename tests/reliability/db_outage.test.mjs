// The database goes away for 10 s under API and sync traffic: quick 503 envelopes while it is down, recovery
// without a restart, the interrupted backfill finishes, nothing half-written, the stock invariants hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../api/lib/client.mjs';
import { sql, eventually } from '../api/lib/db.mjs';
import { makeOrders } from '../api/lib/tiktok.mjs';
import { stockSetup, call, newProduct, receive, checkInvariants } from '../api/lib/stock.mjs';
import { stopDb, startDb, healthy, pidOf, alive } from './lib/procs.mjs';

const DOWN_MS = 10000;

test('MariaDB stopped for 10 s and started again: 503s within a second, then recovery by itself', async () => {
  const { m, shop, conn, wh } = await stockSetup('dbdown');
  const products = [await newProduct(m, 'Áo'), await newProduct(m, 'Quần')];
  await receive(m, wh.id, products.map((id) => ({ product_id: id, quantity: 100 })));
  const made = [];
  for (let i = 0; i < 3; i++) made.push(...await makeOrders(shop.id, { count: 1000, days_back: 20 }));

  // Traffic: 4 clients browsing and receiving goods, the whole time; every answer recorded.
  const log = [];
  let phase = 'before';
  let running = true;
  const requests = [
    () => api('GET', '/api/v1/orders?per_page=10', { token: m.token }),
    () => api('GET', '/api/v1/auth/me', { token: m.token }),
    () => api('GET', `/api/v1/stock?warehouse_id=${wh.id}`, { token: m.token }),
    () => api('POST', '/api/v1/stock-receipts', { token: m.token,
      body: { warehouse_id: wh.id, note: 'outage', lines: products.map((id) => ({ product_id: id, quantity: 1 })) } }),
    () => api('GET', '/api/v1/health'),
  ];
  const client = async (k) => {
    for (let i = k; running; i++) {
      const t0 = Date.now();
      const at = phase;
      let res;
      try {
        res = await requests[i % requests.length]();
      } catch (e) {
        res = { status: 0, text: String(e), json: null };
      }
      log.push({ at, kind: i % requests.length, status: res.status, ms: Date.now() - t0, json: res.json, text: res.text });
    }
  };
  const clients = [0, 1, 2, 3].map(client);

  // Sync traffic: a backfill of 3,000 orders in flight when the database stops.
  const sync = await call(m, 'POST', `/api/v1/connections/${conn.id}/sync`, undefined, 202);
  await eventually(() => Number(sql(`SELECT COUNT(*) FROM orders WHERE connection_id = ${conn.id}`)[0][0]) > 0,
    'the backfill to store its first page', { timeoutMs: 30000, everyMs: 50 });
  const syncPid = pidOf('tts-sync');
  const apiPid = pidOf('tts-api');

  await stopDb();
  phase = 'down';
  const downAt = Date.now();
  while (Date.now() - downAt < DOWN_MS) await new Promise((r) => setTimeout(r, 100)); // the outage's length itself
  phase = 'starting';
  await startDb();
  phase = 'after';
  await healthy(60000);
  running = false;
  await Promise.all(clients);

  // While the database was down: every answer a 503 with the error envelope, within a second.
  const down = log.filter((e) => e.at === 'down');
  assert.ok(down.length >= 20, `traffic while the database was down (${down.length} requests)`);
  const slow = [...down].sort((a, b) => b.ms - a.ms).slice(0, 5).map((e) => `${e.kind}:${e.status}:${e.ms}ms`);
  console.log(`# while down: ${down.length} requests, slowest ${slow.join(' ')}`);
  for (const e of down) {
    assert.equal(e.status, 503, `while down: ${e.status} ${e.text}`);
    assert.ok(e.ms < 1000, `answered within a second while down (took ${e.ms} ms)`);
    if (e.kind === 4) assert.deepEqual(e.json, { status: 'degraded', db: 'unavailable' }, 'health says the db is down');
    else {
      assert.equal(e.json.error.code, 'database_unavailable', e.text);
      assert.equal(typeof e.json.error.message, 'string');
      assert.equal(typeof e.json.error.details, 'object');
    }
  }
  // No 502/504 at any time: the workers never crashed or hung.
  const bad = log.filter((e) => ![200, 201, 503].includes(e.status));
  assert.deepEqual(bad.map((e) => `${e.at} ${e.status} ${e.text.slice(0, 120)}`), [], 'only 200/201/503 answers');
  assert.ok(alive(syncPid) && alive(apiPid), 'tts-sync and tts-api were not restarted');
  assert.equal(pidOf('tts-sync'), syncPid);

  // Recovered by itself: every worker answers (more calls than workers).
  for (let i = 0; i < 12; i++) await call(m, 'GET', '/api/v1/orders?per_page=5');
  await receive(m, wh.id, [{ product_id: products[0], quantity: 1 }], 'after');

  // The backfill resumes and ends with every order exactly once.
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${sync.job.id}`)).state === 'done',
    'the interrupted backfill to finish', { timeoutMs: 90000, everyMs: 250 });
  const ids = new Set(sql(`SELECT external_id FROM orders WHERE connection_id = ${conn.id}`).map((r) => r[0]));
  assert.equal(ids.size, made.length);
  for (const o of made) assert.ok(ids.has(o.id), `order ${o.id} stored`);
  const [[counted]] = sql(`SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE connection_id = ${conn.id}`);
  assert.equal(Number(counted), made.length, 'the order totals match the rows');
  const [[lineless]] = sql(`SELECT COUNT(*) FROM orders o WHERE o.connection_id = ${conn.id}
    AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`);
  assert.equal(Number(lineless), 0, 'no order without its lines');
  // New orders still arrive afterwards (the polls run again).
  const late = await makeOrders(shop.id, { count: 3, days_back: 0 });
  await eventually(() => Number(sql(`SELECT COUNT(*) FROM orders WHERE connection_id = ${conn.id}
    AND external_id IN (${late.map((o) => `'${o.id}'`).join(',')})`)[0][0]) === 3, 'new orders to be polled', { timeoutMs: 60000 });

  // Nothing half-written: every receipt has its lines and its ledger rows; ledger sums equal the stock.
  const mid = Number(m.merchant.id);
  const [[partial]] = sql(`SELECT COUNT(*) FROM stock_receipts r WHERE r.merchant_id = ${mid} AND (
      (SELECT COUNT(*) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) <> 2 AND r.note <> 'after'
      OR (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_type = 'receipt' AND s.doc_id = r.id)
         <> (SELECT COUNT(*) FROM stock_receipt_lines l WHERE l.receipt_id = r.id))`);
  assert.equal(Number(partial), 0, 'every receipt whole');
  checkInvariants(m);
  const created = log.filter((e) => e.kind === 3 && e.status === 201).length;
  const [[stored]] = sql(`SELECT COUNT(*) FROM stock_receipts WHERE merchant_id = ${mid} AND note = 'outage'`);
  assert.ok(Number(stored) >= created, `each acknowledged receipt is stored (${stored} stored, ${created} acknowledged)`);
});
