// API tests of the overview's counters (sql/0030): after every one of a shuffled series of writes (orders new and
// changed on TikTok and pulled by the sync worker, cancellations, slips made, exported and cancelled, links made
// and removed, stock across the threshold, the threshold and the no-slip window changed, an after-sales request, an
// order deleted by hand), each tile equals the total of the list its link names and a fresh count of the rows, each
// order's kept number of unlinked lines its lines' own, and the rest of the answer (orders by status, the chart, the
// soonest ship-by deadlines, the requests waiting, each shop's sync health) what the rows say; the no-slip window's
// first Vietnam day is counted to the second.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';
import { control, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, receive } from './lib/stock.mjs';

const DAY = 86400;
const vietnamDay = (t) => Math.floor((t + 25200) / DAY);

// A fresh count of each tile's rows, straight from the tables (the lists' own definitions).
function freshCounts(mid) {
  const [[days, threshold]] = sql(`SELECT no_slip_days, low_stock_threshold FROM merchants WHERE id = ${mid}`);
  const since = Number(days) === 0 ? 0 : (vietnamDay(Date.now() / 1000) - (Number(days) - 1)) * DAY - 25200;
  const one = (q) => Number(sql(q)[0][0]);
  const out = {};
  for (const [status, n] of sql(`SELECT status, COUNT(*) FROM orders WHERE merchant_id = ${mid} AND has_live_slip = 0
      AND create_time >= ${since} GROUP BY status`)) out[`orders_without_slip ${status}`] = Number(n);
  out['cancelled_with_slip cancelled'] = one(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${mid} AND status = 'cancelled' AND has_live_slip = 1`);
  out.orders_unlinked = one(`SELECT COUNT(*) FROM orders o WHERE o.merchant_id = ${mid} AND EXISTS (SELECT 1 FROM order_lines ol
      LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id WHERE ol.order_id = o.id AND cs.product_id IS NULL)`);
  out.orders_to_arrange = one(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${mid} AND channel_status = 'AWAITING_SHIPMENT'`);
  out.unlinked_skus = one(`SELECT COUNT(*) FROM channel_skus WHERE merchant_id = ${mid} AND product_id IS NULL`);
  out.slips_awaiting_export = one(`SELECT COUNT(*) FROM export_slips WHERE merchant_id = ${mid} AND status = 'awaiting_export'`);
  out.low_stock = one(`SELECT COUNT(*) FROM stock WHERE merchant_id = ${mid} AND available <= ${Number(threshold)}`);
  out.after_sales_waiting = one(`SELECT COUNT(*) FROM after_sales_requests WHERE merchant_id = ${mid} AND status = 'waiting'`);
  return out;
}

async function totalOf(m, link) {
  const r = await call(m, 'GET', `${link}${link.includes('?') ? '&' : '?'}per_page=100`);
  return r;
}

// Every number of the overview against its list and the fresh count; `what` names the write just made.
async function check(m, what) {
  const ov = await call(m, 'GET', '/api/v1/overview');
  const fresh = freshCounts(m.merchant.id);
  // the same numbers read from the database (the answer above may be the read cache's)
  const stored = await api('GET', '/api/v1/overview', { token: m.token, headers: { 'cache-control': 'no-cache' } });
  assert.equal(stored.status, 200, stored.text);
  for (const k of ['tiles', 'orders_by_status', 'orders_by_day', 'ship_by_soonest', 'after_sales_waiting', 'no_slip_days', 'low_stock_threshold'])
    assert.deepEqual(stored.json[k], ov[k], `${what}: ${k} as the database has them`);
  for (const t of ov.tiles) {
    const key = t.status ? `${t.code} ${t.status}` : t.code;
    const list = await totalOf(m, t.link);
    assert.equal(t.estimated, false, `${what}: ${key} exact`);
    assert.equal(t.count, list.total, `${what}: ${key} equals its list ${t.link}`);
    if (t.link.startsWith('/api/v1/orders?')) {
      assert.equal(list.total_is_estimate, false, `${what}: ${t.link} exact`);
      assert.equal(list.items.length, Math.min(t.count, 100), `${what}: the rows of ${t.link}`);
    }
    assert.equal(t.count, fresh[key] ?? 0, `${what}: ${key} equals a fresh count`);
  }
  for (const t of ov.orders_by_status) assert.equal(t.count, (await totalOf(m, t.link)).total, `${what}: ${t.link}`);
  const waiting = (await totalOf(m, ov.after_sales_waiting.link)).total;
  assert.deepEqual([ov.after_sales_waiting.count, waiting], [fresh.after_sales_waiting, fresh.after_sales_waiting],
    `${what}: requests waiting`);
  const mid = m.merchant.id;
  assert.deepEqual(Object.fromEntries(ov.orders_by_status.map((t) => [t.status, t.count])),
    Object.fromEntries(sql(`SELECT status, COUNT(*) FROM orders WHERE merchant_id = ${mid} GROUP BY status`).map(([s, n]) => [s, Number(n)])),
    `${what}: orders by status`);
  // the chart: orders and revenue (cancelled orders left out) per Vietnam day of the last 30, shop and currency (a day
  // with cancellations only has no orders)
  const today = vietnamDay(Date.now() / 1000);
  const days = sql(`SELECT FLOOR((create_time + 25200) / 86400) AS d, connection_id, currency, COUNT(*),
      SUM(IF(status <> 'cancelled', total_amount, 0)) FROM orders WHERE merchant_id = ${mid}
    GROUP BY d, connection_id, currency HAVING d > ${today - ov.days} ORDER BY d, connection_id, currency`)
    .map(([d, c, cur, n, rev]) => [new Date(Number(d) * DAY * 1000).toISOString().slice(0, 10), Number(c), cur, Number(n), Number(rev).toFixed(2)]);
  assert.deepEqual(ov.orders_by_day.filter((d) => d.orders > 0).map((d) => [d.day, d.connection_id, d.currency, d.orders, Number(d.revenue).toFixed(2)]), days,
    `${what}: the chart`);
  const soonest = sql(`SELECT id, ship_by_time FROM orders WHERE merchant_id = ${mid} AND channel_status = 'AWAITING_SHIPMENT'
    AND ship_by_time > 0 ORDER BY ship_by_time, id LIMIT 5`);
  assert.deepEqual(ov.ship_by_soonest.map((o) => [o.id, Date.parse(o.ship_by) / 1000]), soonest.map(([id, t]) => [Number(id), Number(t)]),
    `${what}: the soonest ship-by deadlines`);
  const [[nearest]] = sql(`SELECT MIN(deadline) FROM after_sales_requests WHERE merchant_id = ${mid} AND status = 'waiting'`);
  assert.equal(ov.after_sales_waiting.nearest_deadline && Date.parse(ov.after_sales_waiting.nearest_deadline) / 1000,
    nearest === null ? null : Number(nearest), `${what}: the nearest deadline`);
  // each shop's health as the rows say, and the ring of its last 20 webhook lags: counting every notification
  // processed, showing the slowest it holds (the sync worker may move a job meanwhile: compared when it did not)
  const health = () => sql(`SELECT c.id, (SELECT j.state FROM sync_jobs j WHERE j.connection_id = c.id AND j.kind = 'sync_orders'
      ORDER BY j.id DESC LIMIT 1), (SELECT COUNT(*) FROM sync_jobs j WHERE j.connection_id = c.id AND j.kind = 'order_fetch'
      AND j.state IN ('queued', 'running')), (SELECT COUNT(*) FROM channel_skus cs JOIN stock_push sp ON sp.channel_sku_id = cs.id
      WHERE cs.connection_id = c.id AND sp.error_code IS NOT NULL),
      (SELECT MAX(seconds) FROM webhook_lags WHERE connection_id = c.id),
      (SELECT COUNT(*) FROM sync_jobs j WHERE j.connection_id = c.id AND j.kind = 'order_fetch' AND j.state = 'done'),
      (SELECT n + 1 FROM webhook_lag_count WHERE connection_id = c.id)
    FROM connections c WHERE c.merchant_id = ${mid} AND c.status <> 'disconnected' ORDER BY c.id`)
    .map(([id, state, pending, failed, slowest, done, kept]) => [Number(id), state, Number(pending), Number(failed),
      slowest === null ? null : Number(slowest), Number(done), Number(kept ?? 0)]);
  const before = health();
  const shown = (await call(m, 'GET', '/api/v1/overview')).connections;
  if (JSON.stringify(before) === JSON.stringify(health())) {
    assert.deepEqual(shown.map((c) => [c.id, c.job_state, c.webhooks.pending, c.stock_push_failed.count, c.webhooks.recent_max_seconds]),
      before.map((h) => h.slice(0, 5)), `${what}: the shops' health`);
    for (const h of before) assert.equal(h[6], h[5], `${what}: notifications processed, shop ${h[0]}`);
  }
  // each order's kept count of unlinked lines is its lines' own (no row: none)
  const wrong = sql(`SELECT * FROM (SELECT o.id, COALESCE(u.n, 0) AS kept, (SELECT COUNT(*) FROM order_lines ol
      LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id WHERE ol.order_id = o.id AND cs.product_id IS NULL) AS n
    FROM orders o LEFT JOIN order_unlinked u ON u.order_id = o.id WHERE o.merchant_id = ${m.merchant.id}) x WHERE n <> kept`);
  assert.deepEqual(wrong, [], `${what}: order_unlinked`);
  return ov;
}

// A reproducible shuffle (mulberry32): the seed is printed, so a failing order of writes can be run again.
const SEED = Number(process.env.TTS_TEST_SEED || Date.now() % 100000);
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(SEED);
const pick = (list) => list[Math.floor(rnd() * list.length)];

let ctx;
before(async () => {
  ctx = await stockSetup('counters');
  ctx.products = [await newProduct(ctx.m, 'Đếm A'), await newProduct(ctx.m, 'Đếm B')];
  await receive(ctx.m, ctx.wh.id, [{ product_id: ctx.products[0], quantity: 500 }, { product_id: ctx.products[1], quantity: 3 }]);
  await syncedOrders(ctx.m, ctx.shop, ctx.conn, { count: 4, status: 'AWAITING_SHIPMENT' });
  await syncedOrders(ctx.m, ctx.shop, ctx.conn, { count: 2, status: 'IN_TRANSIT' });
});

const orders = async () => (await call(ctx.m, 'GET', '/api/v1/orders?per_page=100')).items;
const slips = async (status) => (await call(ctx.m, 'GET', `/api/v1/export-slips?status=${status}&per_page=100`)).items;
const SLIP_STATUSES = ['processing', 'packing', 'shipping', 'delivered', 'completed'];

// TikTok moves an order; the webhook's fetch (a sync worker job) stores it.
async function tiktokStatus(o, status) {
  await control('POST', `/sandbox/orders/${o.external_id}/status`, { status });
  await eventually(async () => (await call(ctx.m, 'GET', `/api/v1/orders/${o.id}`)).channel_status === status,
    `order ${o.id} to become ${status}`);
}

const requested = new Set();

// The writes, each returning what it did (or null when the data gave it nothing to do).
const writes = {
  async newOrders() {
    const status = pick(['AWAITING_SHIPMENT', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'UNPAID', 'CANCELLED']);
    const n = (await call(ctx.m, 'GET', '/api/v1/orders?per_page=1')).total;
    const count = 1 + Math.floor(rnd() * 3);
    const made = await makeOrders(ctx.shop.id, { count, days_back: 20, status });
    const sync = await api('POST', `/api/v1/connections/${ctx.conn.id}/sync`, { token: ctx.m.token });
    assert.equal(sync.status, 202, sync.text);
    // Sync all also brings back the orders deleted by hand: waited for by its job, then the new ones are there
    await eventually(async () => (await call(ctx.m, 'GET', `/api/v1/sync-jobs/${sync.json.job.id}`)).state === 'done',
      'the new orders to sync', { timeoutMs: 60000 });
    const ids = new Set(made.map((o) => String(o.id)));
    const got = sql(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${ctx.m.merchant.id} AND external_id IN (${[...ids].map((i) => `'${i}'`).join(',')})`);
    assert.equal(Number(got[0][0]), count, 'the new orders stored');
    assert.ok((await call(ctx.m, 'GET', '/api/v1/orders?per_page=1')).total >= n + count);
    return `${count} new ${status} orders (Sync all)`;
  },
  async statusChange() {
    const moves = { AWAITING_SHIPMENT: 'AWAITING_COLLECTION', AWAITING_COLLECTION: 'IN_TRANSIT', IN_TRANSIT: 'DELIVERED', DELIVERED: 'COMPLETED', UNPAID: 'AWAITING_SHIPMENT' };
    const o = pick((await orders()).filter((x) => moves[x.channel_status]));
    if (!o) return null;
    await tiktokStatus(o, moves[o.channel_status]);
    return `order ${o.id} ${o.channel_status} -> ${moves[o.channel_status]} (webhook)`;
  },
  async cancel() {
    const all = (await orders()).filter((x) => x.status !== 'cancelled');
    const o = pick(all.filter((x) => x.export_slip && x.export_slip.status !== 'cancelled')) || pick(all);
    if (!o) return null;
    await tiktokStatus(o, 'CANCELLED');
    return `order ${o.id} cancelled on TikTok`;
  },
  async slipCreate() {
    const o = pick((await orders()).filter((x) => SLIP_STATUSES.includes(x.status) && !(x.export_slip && x.export_slip.status !== 'cancelled')));
    if (!o) return null;
    const full = await call(ctx.m, 'GET', `/api/v1/orders/${o.id}`);
    const links = [...new Set(full.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: ctx.products[0] }));
    await call(ctx.m, 'POST', `/api/v1/orders/${o.id}/links`, { links }, 200);
    await call(ctx.m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: ctx.wh.id });
    return `a slip for order ${o.id} (its SKUs linked first)`;
  },
  async slipExport() {
    const s = pick(await slips('awaiting_export'));
    if (!s) return null;
    await call(ctx.m, 'POST', `/api/v1/export-slips/${s.id}/export`);
    return `slip ${s.id} exported`;
  },
  async slipCancel() {
    const s = pick(await slips('awaiting_export')); // an exported slip is final
    if (!s) return null;
    await call(ctx.m, 'POST', `/api/v1/export-slips/${s.id}/cancel`);
    return `slip ${s.id} cancelled`;
  },
  async link() {
    const sku = pick((await call(ctx.m, 'GET', '/api/v1/channel-skus?linked=false&per_page=100')).items);
    if (!sku) return null;
    await call(ctx.m, 'PUT', `/api/v1/channel-skus/${sku.id}/link`, { product_id: pick(ctx.products) });
    return `SKU ${sku.id} linked`;
  },
  async unlink() {
    const sku = pick((await call(ctx.m, 'GET', '/api/v1/channel-skus?linked=true&per_page=100')).items);
    if (!sku) return null;
    const res = await api('DELETE', `/api/v1/channel-skus/${sku.id}/link`, { token: ctx.m.token });
    assert.equal(res.status, 204, res.text);
    return `SKU ${sku.id} unlinked`;
  },
  async stock() {
    const quantity = 1 + Math.floor(rnd() * 4);
    await receive(ctx.m, ctx.wh.id, [{ product_id: ctx.products[1], quantity }]);
    return `${quantity} received of the low product`;
  },
  async threshold() {
    const threshold = pick([0, 2, 5, 8, 100]);
    await call(ctx.m, 'PUT', '/api/v1/stock/low-stock', { threshold });
    return `threshold ${threshold}`;
  },
  async window() {
    const days = pick([0, 1, 7, 30]);
    await call(ctx.m, 'PUT', '/api/v1/overview/settings', { no_slip_days: days });
    return `no_slip_days ${days}`;
  },
  // by hand, as an operator would (the app never deletes orders): one without a slip (its slips hold it), not changed
  // on TikTok for a quarter of an hour and without an after-sales request (the sync worker's poll of recent changes,
  // or of the requests, would store it again meanwhile)
  async deleteOrder() {
    const old = new Set(sql(`SELECT id FROM orders o WHERE merchant_id = ${ctx.m.merchant.id}
      AND update_time < UNIX_TIMESTAMP() - 900 AND NOT EXISTS (SELECT 1 FROM after_sales_requests r
        WHERE r.connection_id = o.connection_id AND r.external_order_id = o.external_id)`).map(([id]) => Number(id)));
    const o = pick((await orders()).filter((x) => x.export_slip === null && old.has(x.id)));
    if (!o) return null;
    sql(`START TRANSACTION; DELETE FROM order_lines WHERE order_id = ${o.id}; DELETE FROM orders WHERE id = ${o.id}; COMMIT`);
    return `order ${o.id} (${o.status}) deleted by hand`;
  },
  async afterSales() {
    const o = pick((await orders()).filter((x) => x.channel_status === 'AWAITING_SHIPMENT' && !requested.has(x.id)));
    if (!o) return null;
    requested.add(o.id); // one open request per order
    const made = await control('POST', `/sandbox/orders/${o.external_id}/cancellations`, { cancel_reason: 'ecom_order_to_ship_canceled_reason_change_payment_method' });
    await eventually(async () => (await call(ctx.m, 'GET', '/api/v1/after-sales?per_page=200')).items
      .some((x) => x.external_id === made.cancel_id), 'the cancellation request in the app');
    return `a cancellation requested for order ${o.id}`;
  },
};

test(`every overview number equals its list and a fresh count after each of a shuffled series of writes (seed ${SEED})`, async (t) => {
  await check(ctx.m, 'set-up');
  const names = Object.keys(writes);
  const series = [...names, ...names].map((n) => [rnd(), n]).sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  const done = [];
  for (const name of series) {
    const what = await writes[name]();
    if (!what) continue;
    done.push(name);
    await check(ctx.m, `${what} (seed ${SEED})`);
  }
  t.diagnostic(`writes: ${done.join(', ')}`);
  assert.ok(new Set(done).size >= names.length - 3, `most kinds of write happened: ${done.join(', ')}`);
});

test('a link change moves the unlinked count of every order with that SKU at once', async () => {
  const { m } = ctx;
  const sku = (await call(m, 'GET', '/api/v1/channel-skus?per_page=100')).items.find((s) => s.product_id === null)
    ?? (await call(m, 'GET', '/api/v1/channel-skus?per_page=100')).items[0];
  if (sku.product_id !== null) assert.equal((await api('DELETE', `/api/v1/channel-skus/${sku.id}/link`, { token: m.token })).status, 204);
  await check(m, `SKU ${sku.id} unlinked`);
  await call(m, 'PUT', `/api/v1/channel-skus/${sku.id}/link`, { product_id: ctx.products[0] });
  await check(m, `SKU ${sku.id} linked`);
  assert.equal((await api('DELETE', `/api/v1/channel-skus/${sku.id}/link`, { token: m.token })).status, 204);
  await check(m, `SKU ${sku.id} unlinked again`);
});

test('the no-slip window starts at 00:00 Vietnam time of its first day: an order created then counts, one a second earlier not', async () => {
  const w = await stockSetup('counters-window');
  await call(w.m, 'PUT', '/api/v1/overview/settings', { no_slip_days: 7 });
  const first = (vietnamDay(Date.now() / 1000) - 6) * DAY - 25200; // 00:00 in Vietnam, six days before today
  await makeOrders(w.shop.id, { count: 1, create_time: first, status: 'AWAITING_SHIPMENT' });
  await makeOrders(w.shop.id, { count: 1, create_time: first - 1, status: 'AWAITING_SHIPMENT' });
  assert.equal((await api('POST', `/api/v1/connections/${w.conn.id}/sync`, { token: w.m.token })).status, 202);
  await eventually(async () => (await call(w.m, 'GET', '/api/v1/orders?per_page=1')).total === 2, 'the two orders to sync', { timeoutMs: 60000 });
  const tile = async () => (await check(w.m, 'the window')).tiles.find((t) => t.code === 'orders_without_slip' && t.status === 'processing');
  let t = await tile();
  const day = new Date((first + 25200) * 1000).toISOString().slice(0, 10);
  assert.match(t.link, new RegExp(`created_from=${day}T00:00:00%2B07:00`));
  assert.equal(t.count, 1, 'the order at 00:00 of the first day only');
  await call(w.m, 'PUT', '/api/v1/overview/settings', { no_slip_days: 8 });
  t = await tile();
  assert.equal(t.count, 2, 'one day more: the order a second before it too');
});
