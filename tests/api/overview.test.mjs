// API tests of the overview: each tile's number equals the total of the list its link names, on orders of
// every status, with slips awaiting export, exported and on a cancelled order; the Excel exports read back with exceljs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createHmac, randomBytes } from 'node:crypto';
import { api, newMerchant, BASE_URL, expectError } from './lib/client.mjs';
import { control, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

let ctx;
before(async () => {
  ctx = await stockSetup('overview');
  const { m, shop, conn, wh } = ctx;
  const statuses = ['AWAITING_SHIPMENT', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'UNPAID'];
  const made = {};
  for (const s of statuses) made[s] = await syncedOrders(m, shop, conn, { count: s === 'AWAITING_SHIPMENT' ? 4 : 1, status: s });
  const p = await newProduct(m, 'Áo tổng quan');
  await receive(m, wh.id, [{ product_id: p, quantity: 1000 }]);
  const [a, b, c] = made.AWAITING_SHIPMENT;
  const linked = [];
  for (const o of [a, b, c]) linked.push(await linkLines(m, o, () => p));
  // a: slip awaiting export; b: slip exported; c: slip exported, then the order cancelled on TikTok
  await call(m, 'POST', `/api/v1/orders/${a.id}/export-slips`, { warehouse_id: wh.id });
  for (const o of [b, c]) {
    const s = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
    await call(m, 'POST', `/api/v1/export-slips/${s.id}/export`);
  }
  await control('POST', `/sandbox/orders/${c.external_id}/status`, { status: 'CANCELLED' });
  await eventually(async () => (await call(m, 'GET', `/api/v1/orders/${c.id}`)).status === 'cancelled', 'the cancellation to arrive');
  // one channel SKU unlinked again, so there is something to link (the orders' SKUs may all have been linked above)
  const res = await api('DELETE', `/api/v1/channel-skus/${linked[0].lines[0].channel_sku_id}/link`, { token: m.token });
  assert.equal(res.status, 204, res.text);
  ctx.made = made;
});

async function totalOf(m, link) {
  const sep = link.includes('?') ? '&' : '?';
  return (await call(m, 'GET', `${link}${sep}per_page=1`)).total;
}

test('every overview number equals the total of the list it links to', async () => {
  const { m } = ctx;
  const ov = await call(m, 'GET', '/api/v1/overview');
  const codes = new Set(ov.tiles.map((t) => t.code));
  for (const code of ['orders_without_slip', 'cancelled_with_slip', 'orders_unlinked', 'unlinked_skus', 'slips_awaiting_export'])
    assert.ok(codes.has(code), `tile ${code}`);
  for (const t of [...ov.tiles, ...ov.orders_by_status]) {
    assert.match(t.link, /^\/api\/v1\//);
    assert.equal(t.count, await totalOf(m, t.link), `${t.code} ${t.status ?? ''}: ${t.link}`);
    if (t.link.startsWith('/api/v1/orders?')) // the totals counted from counters, less the other side: the rows listed
      assert.equal((await call(m, 'GET', `${t.link}&per_page=100`)).items.length, t.count, `rows of ${t.link}`);
  }
  const tile = (code, status) => ov.tiles.find((t) => t.code === code && t.status === status);
  // the data above, seen in the numbers (orders that are not this test's do not exist: a fresh merchant)
  assert.equal(tile('orders_without_slip', 'processing').count, 1, 'four processing orders, three of them with slips, one cancelled');
  assert.equal(tile('orders_without_slip', 'packing').count, 1);
  assert.equal(tile('cancelled_with_slip', 'cancelled').count, 1);
  assert.equal(tile('slips_awaiting_export', null).count, 1);
  assert.ok(tile('unlinked_skus', null).count > 0);
  const byStatus = Object.fromEntries(ov.orders_by_status.map((t) => [t.status, t.count]));
  assert.deepEqual(byStatus, { processing: 3, packing: 1, shipping: 1, delivered: 1, completed: 1, cancelled: 2, awaiting_payment: 1 });
  // the chart: ten orders in the last days, one shop
  assert.equal(ov.days, 30);
  assert.equal(ov.orders_by_day.reduce((n, d) => n + d.orders, 0), 10);
  assert.ok(ov.orders_by_day.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day) && d.connection_id === ctx.conn.id && d.currency));
  // revenue: the orders not cancelled (one of them cancelled after it was stored: the day counter followed)
  const orders = (await call(m, 'GET', '/api/v1/orders?per_page=100')).items;
  const want = orders.filter((o) => o.status !== 'cancelled').reduce((n, o) => n + Number(o.total_amount), 0);
  assert.equal(ov.orders_by_day.reduce((n, d) => n + Number(d.revenue), 0).toFixed(2), want.toFixed(2));
  assert.equal(ov.connections.length, 1);
  assert.equal(ov.connections[0].id, ctx.conn.id);
  assert.ok(ov.connections[0].last_synced_at, 'the last successful sync');
  assert.ok(ov.connections[0].access_expires_at, 'the token expiry');
});

test('cancellations per day equal a fresh count of the orders cancelled that day (an order first seen cancelled too)', async () => {
  const { m } = ctx;
  const ov = await call(m, 'GET', '/api/v1/overview');
  const shown = {};
  for (const r of ov.orders_by_day) if (r.cancelled) shown[r.day] = (shown[r.day] || 0) + r.cancelled;
  const [[merchant]] = sql(`SELECT merchant_id FROM users WHERE email = '${m.email}'`);
  const fresh = {};
  for (const [day, n] of sql(`SELECT FLOOR((t + 25200) / 86400) AS d, COUNT(*) FROM (
      SELECT (SELECT MIN(h.update_time) FROM order_status_history h WHERE h.order_id = o.id AND h.status = 'cancelled') AS t
      FROM orders o WHERE o.merchant_id = ${Number(merchant)} AND o.status = 'cancelled') x GROUP BY d`)) {
    const today = Math.floor((Date.now() / 1000 + 25200) / 86400);
    if (Number(day) > today - ov.days) fresh[new Date(Number(day) * 86400000).toISOString().slice(0, 10)] = Number(n);
  }
  assert.ok(Object.values(fresh).reduce((a, b) => a + b, 0) >= 1, 'the order cancelled during the set-up counts today');
  assert.deepEqual(shown, fresh);
});

test('orders by status come in the order work flows, the order GET /order-statuses lists them', async () => {
  const { m } = ctx;
  const ov = await call(m, 'GET', '/api/v1/overview');
  const table = (await call(m, 'GET', '/api/v1/order-statuses')).items.map((s) => s.code);
  const shown = ov.orders_by_status.map((t) => t.status);
  assert.deepEqual(shown, table.filter((c) => shown.includes(c)));
  assert.deepEqual(shown.slice(0, 2), ['awaiting_payment', 'processing'], 'payment, then packing: not alphabetical');
});

test('"no slip yet" counts the last no_slip_days days of orders (30 by default, 0 for all), and its link lists as many', async () => {
  const w = await stockSetup('overview-window');
  await makeOrders(w.shop.id, { count: 30, days_back: 59, status: 'AWAITING_SHIPMENT' });
  assert.equal((await api('POST', `/api/v1/connections/${w.conn.id}/sync`, { token: w.m.token })).status, 202);
  await eventually(async () => (await call(w.m, 'GET', '/api/v1/orders?per_page=1')).total === 30, 'the 30 orders to sync', { timeoutMs: 60000 });
  const created = (await call(w.m, 'GET', '/api/v1/orders?per_page=100')).items.map((o) => Date.parse(o.created_at));
  // the window's first day in Vietnam time (UTC+7), today included
  const day = 86400000;
  const firstDay = (n) => (Math.floor((Date.now() + 7 * 3600000) / day) - (n - 1)) * day - 7 * 3600000;
  const tileOf = (ov) => ov.tiles.find((t) => t.code === 'orders_without_slip' && t.status === 'processing');

  assert.deepEqual(await call(w.m, 'GET', '/api/v1/overview/settings'), { no_slip_days: 30 });
  let ov = await call(w.m, 'GET', '/api/v1/overview');
  assert.equal(ov.no_slip_days, 30);
  const recent = created.filter((t) => t >= firstDay(30)).length;
  assert.ok(recent > 0 && recent < 30, `orders on both sides of the window (${recent} of 30 inside)`);
  assert.deepEqual([tileOf(ov).count, tileOf(ov).estimated], [recent, false]);
  assert.match(tileOf(ov).link, /created_from=\d{4}-\d{2}-\d{2}T00:00:00%2B07:00/);
  assert.equal(await totalOf(w.m, tileOf(ov).link), recent, 'the list behind the tile shows the same orders');

  for (const [days, want] of [[7, created.filter((t) => t >= firstDay(7)).length], [0, 30]]) {
    assert.deepEqual(await call(w.m, 'PUT', '/api/v1/overview/settings', { no_slip_days: days }), { no_slip_days: days });
    ov = await call(w.m, 'GET', '/api/v1/overview');
    assert.equal(tileOf(ov).count, want, `no_slip_days=${days}`);
    assert.equal(await totalOf(w.m, tileOf(ov).link), want);
    if (days === 0) assert.doesNotMatch(tileOf(ov).link, /created_from/);
  }
  const bad = await api('PUT', '/api/v1/overview/settings', { token: w.m.token, body: { no_slip_days: 366 } });
  expectError(assert, bad, 422, 'validation_failed');
  assert.deepEqual(bad.json.error.details.errors, [{ field: 'no_slip_days', code: 'out_of_range', min: 0, max: 365 }]);
  // another merchant's setting is its own
  assert.deepEqual(await call(ctx.m, 'GET', '/api/v1/overview/settings'), { no_slip_days: 30 });
});

test('the slip filter without a status: the orders with a live slip and the others, exact, by shop too', async () => {
  const { m, conn } = ctx;
  const all = (await call(m, 'GET', '/api/v1/orders?per_page=100')).items;
  const live = (o) => o.export_slip !== null && o.export_slip.status !== 'cancelled';
  assert.equal(all.filter(live).length, 3, 'a slip awaiting export, one exported, one exported on an order cancelled since');
  for (const shop of ['', `&connection_id=${conn.id}`]) {
    for (const [flag, want] of [['true', all.filter(live)], ['false', all.filter((o) => !live(o))]]) {
      const r = await call(m, 'GET', `/api/v1/orders?has_export_slip=${flag}${shop}&per_page=100`);
      assert.deepEqual([r.total, r.total_is_estimate], [want.length, false], `has_export_slip=${flag}${shop}`);
      assert.deepEqual(r.items.map((o) => o.id), want.map((o) => o.id), `has_export_slip=${flag}${shop}`);
    }
  }
});

test('GET /orders/count is the merchant\'s number of orders, as the unfiltered list counts them; another merchant has 0', async () => {
  const { m } = ctx;
  const list = await call(m, 'GET', '/api/v1/orders?per_page=1');
  assert.deepEqual(await call(m, 'GET', '/api/v1/orders/count'), { total: list.total });
  assert.ok(list.total >= 10);
  const other = await newMerchant('count-other');
  assert.deepEqual(await call(other, 'GET', '/api/v1/orders/count'), { total: 0 });
  assert.equal((await api('GET', '/api/v1/orders/count')).status, 401);
});

test('the overview is the caller\'s own: another merchant sees zeros and no shop', async () => {
  const other = await newMerchant('overview-other');
  const ov = await call(other, 'GET', '/api/v1/overview');
  assert.ok(ov.tiles.every((t) => t.count === 0));
  assert.deepEqual(ov.orders_by_status, []);
  assert.deepEqual(ov.orders_by_day, []);
  assert.deepEqual(ov.connections, []);
  assert.equal((await api('GET', '/api/v1/overview')).status, 401);
});

async function workbook(m, path) {
  const res = await fetch(`${BASE_URL}${path}`, { headers: { authorization: `Bearer ${m.token}` } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition'), /attachment; filename=".+\.xlsx"/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  const ws = wb.worksheets[0];
  const rows = [];
  ws.eachRow((row) => rows.push(row.values.slice(1)));
  return Object.assign(rows, { ws });
}

test('the orders export holds the filtered rows, with Vietnamese headers and typed dates and money', async () => {
  const { m } = ctx;
  const list = await call(m, 'GET', '/api/v1/orders?status=processing');
  const rows = await workbook(m, '/api/v1/orders/export.xlsx?status=processing');
  assert.deepEqual(rows[0], ['Mã đơn hàng', 'Gian hàng', 'Trạng thái', 'Ngày tạo', 'Người mua', 'Số điện thoại', 'Số sản phẩm', 'Tổng tiền', 'Tiền tệ']);
  const body = rows.slice(1);
  assert.equal(body.length, list.total);
  assert.deepEqual(body.map((r) => r[0]), list.items.map((o) => o.external_id), 'the rows of the screen, newest first');
  for (const [i, r] of body.entries()) {
    const o = list.items[i];
    assert.equal(r[2], 'Đang xử lý');
    assert.ok(r[3] instanceof Date, 'a date cell');
    // Vietnam time written as the cell's clock time: 7 hours after UTC
    assert.equal(r[3].getTime(), Date.parse(o.created_at) + 7 * 3600 * 1000);
    assert.equal(typeof r[7], 'number', 'money as a number');
    assert.equal(r[7], Number(o.total_amount));
    assert.equal(r[8], o.currency);
    // a whole amount (every đồng amount) without decimals
    if (Number.isInteger(Number(o.total_amount))) assert.equal(rows.ws.getRow(i + 2).getCell(8).numFmt, '#,##0');
  }
  assert.ok(body.some((r) => Number.isInteger(r[7])), 'whole amounts among the rows');
  const all = await workbook(m, '/api/v1/orders/export.xlsx');
  assert.equal(all.length - 1, (await call(m, 'GET', '/api/v1/orders')).total);
  // the export reads its rows in batches (4 rows each in the test stack: TTS_EXPORT_BATCH_ROWS): none skipped or
  // repeated across them, newest first and oldest first
  for (const sort of ['-created_at', 'created_at']) {
    const rowsOf = (await workbook(m, `/api/v1/orders/export.xlsx?sort=${sort}`)).slice(1).map((r) => r[0]);
    const listed = (await call(m, 'GET', `/api/v1/orders?per_page=100&sort=${sort}`)).items.map((o) => o.external_id);
    assert.ok(listed.length > 8, 'more rows than two batches');
    assert.deepEqual(rowsOf, listed, sort);
  }
  const bad = await api('GET', '/api/v1/orders/export.xlsx?status=nope', { token: m.token });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'validation_failed');
});

test('the stock and ledger exports hold the rows of their lists', async () => {
  const { m, wh } = ctx;
  const stock = await call(m, 'GET', `/api/v1/stock?warehouse_id=${wh.id}`);
  const s = await workbook(m, `/api/v1/stock/export.xlsx?warehouse_id=${wh.id}`);
  // the screen's own words (Tồn kho: Đơn vị tính, Khả dụng)
  assert.deepEqual(s[0], ['Kho', 'Mã SKU', 'Tên sản phẩm', 'Đơn vị tính', 'Tồn kho', 'Chờ xuất', 'Khả dụng', 'Cập nhật']);
  assert.equal(s.length - 1, stock.total);
  assert.equal(s[1][2], stock.items[0].product_name);
  assert.equal(s[1][4], stock.items[0].on_hand);
  const mv = await call(m, 'GET', '/api/v1/stock-movements');
  const l = await workbook(m, '/api/v1/stock-movements/export.xlsx');
  assert.equal(l[0][0], 'Thời gian');
  assert.equal(l.length - 1, mv.total);
  assert.equal(l[1][4], mv.items[0].document.code);
  assert.equal(l[1][6], mv.items[0].d_on_hand);
  assert.ok(l[1][0] instanceof Date);
});

test('low stock: the merchant threshold (5 by default) filters the stock list, its export and the low_stock tile', async () => {
  const { m, wh } = ctx;
  assert.deepEqual(await call(m, 'GET', '/api/v1/stock/low-stock'), { threshold: 5 });
  const [three, five, six] = [await newProduct(m, 'Sắp hết 3'), await newProduct(m, 'Sắp hết 5'), await newProduct(m, 'Còn 6')];
  await receive(m, wh.id, [{ product_id: three, quantity: 3 }, { product_id: five, quantity: 5 }, { product_id: six, quantity: 6 }]);
  const low = await call(m, 'GET', '/api/v1/stock?low_stock=true');
  assert.deepEqual(low.items.map((s) => s.product_id).sort(), [three, five].sort(), 'at or below 5 available');
  assert.ok(low.items.every((s) => s.available <= 5));
  const tile = async () => (await call(m, 'GET', '/api/v1/overview')).tiles.find((t) => t.code === 'low_stock');
  let t = await tile();
  assert.equal(t.link, '/api/v1/stock?low_stock=true');
  assert.equal(t.count, 2);
  assert.equal(t.count, await totalOf(m, t.link));
  // the other filters combine with it; false is every row
  assert.equal((await call(m, 'GET', `/api/v1/stock?low_stock=true&product_id=${three}`)).total, 1);
  assert.equal((await call(m, 'GET', '/api/v1/stock?low_stock=false')).total, (await call(m, 'GET', '/api/v1/stock')).total);
  const rows = await workbook(m, '/api/v1/stock/export.xlsx?low_stock=true');
  assert.equal(rows.length - 1, 2, 'the export holds the low rows only');
  // a new threshold moves the tile and the list together
  assert.deepEqual(await call(m, 'PUT', '/api/v1/stock/low-stock', { threshold: 6 }), { threshold: 6 });
  t = await tile();
  assert.equal(t.count, 3);
  assert.equal(t.count, await totalOf(m, t.link));
  expectError(assert, await api('PUT', '/api/v1/stock/low-stock', { token: m.token, body: { threshold: -1 } }), 422, 'validation_failed');
  expectError(assert, await api('GET', '/api/v1/stock?low_stock=maybe', { token: m.token }), 422, 'validation_failed');
  // the threshold is the merchant's own
  const other = await newMerchant('low-stock-other');
  assert.deepEqual(await call(other, 'GET', '/api/v1/stock/low-stock'), { threshold: 5 });
  await call(m, 'PUT', '/api/v1/stock/low-stock', { threshold: 5 });
});

const app = await control('GET', '/sandbox/app');
function signed(body) {
  const raw = JSON.stringify(body);
  return { body: raw, headers: { authorization: createHmac('sha256', app.app_secret).update(app.app_key + raw).digest('hex') } };
}

test('sync health: webhook lag from receipt to processed, and notifications waiting with the age of the oldest', async () => {
  const { m, shop, conn, made } = ctx;
  const health = async () => (await call(m, 'GET', '/api/v1/overview')).connections.find((c) => c.id === conn.id);
  // a real notification of an order's status: stored, processed by a sync worker, its lag measured
  const o = made.DELIVERED[0];
  const nid = String(BigInt('0x' + randomBytes(7).toString('hex')));
  const body = { type: 1, tts_notification_id: nid, shop_id: shop.id, timestamp: Math.floor(Date.now() / 1000),
    data: { order_id: o.external_id, order_status: 'DELIVERED', update_time: Math.floor(Date.now() / 1000) } };
  assert.equal((await api('POST', '/api/v1/webhooks/tiktok', signed(body))).status, 200);
  const h = await eventually(async () => {
    const c = await health();
    return c.webhooks.pending === 0 && c.webhooks.recent_max_seconds !== null && c;
  }, 'the notification to be processed');
  assert.ok(h.webhooks.recent_max_seconds >= 0 && h.webhooks.recent_max_seconds < 60, JSON.stringify(h.webhooks));
  assert.equal(h.webhooks.oldest_pending_seconds, null);
  // one received ten minutes ago and not processed yet (held back by its run time): counted, with its age
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, state, dedupe_key, payload, run_after, created_at)
       VALUES (${m.merchant.id}, ${conn.id}, 'order_fetch', 'queued', 'overview-lag-${nid}', '"0"',
               UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() - INTERVAL 600 SECOND)`);
  try {
    const w = (await health()).webhooks;
    assert.equal(w.pending, 1);
    assert.ok(w.oldest_pending_seconds >= 600 && w.oldest_pending_seconds < 700, JSON.stringify(w));
  } finally {
    sql(`DELETE FROM sync_jobs WHERE dedupe_key = 'overview-lag-${nid}'`);
  }
  // another merchant's shop health is not in this merchant's overview
  const other = await newMerchant('health-other');
  assert.deepEqual((await call(other, 'GET', '/api/v1/overview')).connections, []);
});

test('sync health: SKUs whose last stock push failed, counted as the failed-only push list counts them', async () => {
  const { m, conn, wh } = ctx;
  const pull = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', 'the product pull');
  const failed = async () => (await call(m, 'GET', '/api/v1/overview')).connections.find((c) => c.id === conn.id).stock_push_failed;
  const before = await failed();
  assert.equal(before.link, `/api/v1/connections/${conn.id}/stock-push?failed=true`);
  assert.equal(before.count, await totalOf(m, before.link));
  // TikTok answers every product call with an error while stock push is turned on: the pushes fail (the fault aimed
  // at the product paths leaves the worker's other jobs, in every test shop, going as usual)
  await control('POST', '/sandbox/faults', { fail_path: '/product/202309/products/', fail_count: 100000 });
  try {
    await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
    const f = await eventually(async () => { const x = await failed(); return x.count > 0 && x; }, 'a failed push', { timeoutMs: 60000 });
    assert.equal(f.count, await totalOf(m, f.link));
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  // TikTok answers again: the next pushes succeed and nothing is left failed
  await eventually(async () => (await failed()).count === 0, 'the pushes to succeed', { timeoutMs: 60000 });
  assert.equal(await totalOf(m, before.link), 0);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: false, warehouse_ids: [wh.id] });
});
