// API test of a Sync all run again over orders already stored: every derived row (per-status totals, the overview's
// days, the name-search words, lines, history) stays equal to a fresh count, and each page's progress commits with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';

async function syncAll(m, conn) {
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const job = await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${res.json.job.id}`, { token: m.token })).json;
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'Sync all to finish', { timeoutMs: 90000 });
  assert.equal(job.state, 'done', job.error);
  return job;
}

// The shop's stored rows and every figure derived from them, read in one statement (one consistent view).
function snapshot(connId) {
  const c = Number(connId);
  const [row] = sql(`SELECT
      (SELECT COUNT(*) FROM orders WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM order_counts oc WHERE oc.connection_id = ${c}
         AND oc.n <> (SELECT COUNT(*) FROM orders o WHERE o.connection_id = ${c} AND o.status = oc.status)),
      (SELECT COALESCE(SUM(orders), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(revenue), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE connection_id = ${c} AND status <> 'cancelled'),
      (SELECT COALESCE(SUM(cancelled), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM orders WHERE connection_id = ${c} AND status = 'cancelled'),
      (SELECT COUNT(*) FROM order_days d WHERE d.connection_id = ${c} AND d.orders <> (SELECT COUNT(*) FROM orders o
         WHERE o.connection_id = ${c} AND FLOOR((o.create_time + 25200) / 86400) = d.day)),
      (SELECT COUNT(*) FROM order_words w JOIN orders o ON o.id = w.order_id WHERE o.connection_id = ${c}),
      (SELECT COUNT(DISTINCT w.order_id) FROM order_words w JOIN orders o ON o.id = w.order_id WHERE o.connection_id = ${c}),
      (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.connection_id = ${c}),
      (SELECT COALESCE(SUM(item_count), 0) FROM orders WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id WHERE o.connection_id = ${c})`);
  const [orders, counted, countRowsOff, dayOrders, dayRevenue, revenue, dayCancelled, cancelled, dayRowsOff, words,
    ordersWithWords, lines, items, history] = row;
  return { orders: Number(orders), counted: Number(counted), countRowsOff: Number(countRowsOff), dayOrders: Number(dayOrders),
    dayRevenue, revenue, dayCancelled: Number(dayCancelled), cancelled: Number(cancelled), dayRowsOff: Number(dayRowsOff),
    words: Number(words), ordersWithWords: Number(ordersWithWords), lines: Number(lines), items: Number(items), history: Number(history) };
}

function assertExact(s, n, what) {
  assert.equal(s.orders, n, `${what}: every order once`);
  assert.equal(s.counted, n, `${what}: order_counts adds up to the orders`);
  assert.equal(s.countRowsOff, 0, `${what}: each status's counter equals its orders`);
  assert.equal(s.dayOrders, n, `${what}: order_days adds up to the orders`);
  assert.equal(s.dayRowsOff, 0, `${what}: each day's counter equals its orders`);
  assert.equal(s.dayRevenue, s.revenue, `${what}: order_days' revenue equals the orders' (cancelled left out)`);
  assert.equal(s.dayCancelled, s.cancelled, `${what}: the cancellations counted equal the cancelled orders`);
  assert.equal(s.ordersWithWords, n, `${what}: every order has its name words`);
}

test('Sync all over stored orders: totals, days, words, lines and history stay exact; pages commit with their progress', async () => {
  const m = await newMerchant('resync');
  const seller = await newSeller(1, 'resync');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const made = await makeOrders(shop.id, { count: 260, days_back: 40 }); // three pages of 100
  const n = made.length;

  const first = await syncAll(m, conn);
  assert.equal(first.progress.done, n);
  assert.equal(first.progress.total, n);
  const [[cursor, done]] = sql(`SELECT page_cursor, progress_done FROM sync_jobs WHERE id = ${Number(first.id)}`);
  assert.equal(cursor, null, 'the last page leaves no cursor behind');
  assert.equal(Number(done), n);
  const a = snapshot(conn.id);
  assertExact(a, n, 'first Sync all');
  assert.ok(a.words > n && a.lines > 0 && a.history >= n, 'words, lines and history were written');

  // Nothing changed at TikTok: the second run rewrites nothing.
  await syncAll(m, conn);
  const b = snapshot(conn.id);
  assert.deepEqual(b, a, 'a second Sync all over unchanged orders changes no row');

  // Some orders change at TikTok; the third run (and the webhooks racing it) moves each one once.
  const moved = made.filter((o) => o.status !== 'CANCELLED').slice(0, 6);
  for (const o of moved) await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'CANCELLED' });
  await syncAll(m, conn);
  const c = await eventually(() => {
    const s = snapshot(conn.id);
    return s.cancelled === a.cancelled + moved.length && s;
  }, 'the cancellations to be stored');
  assertExact(c, n, 'after the changes');
  assert.equal(c.history, a.history + moved.length, 'one history row per change, however many times it was read');
  assert.equal(c.lines, a.lines, 'the lines are replaced, not added to');
  assert.equal(c.words, a.words, 'the name words are kept once');
  assert.equal(c.items, a.items);

  await syncAll(m, conn);
  assert.deepEqual(snapshot(conn.id), c, 'and once more: nothing moves');
});
