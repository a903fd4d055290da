// API test of the overview above the orders list's cap of 10,000 (ORDER_TOTAL_CAP, past which a list's total is a
// lower bound shown as "10.000+"): every tile reads a counter that its list's total reads too, so a tile of more than
// 10,000 orders and its list are both exact, and no tile is ever marked estimated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';
import { control, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { stockSetup, call } from './lib/stock.mjs';

const CAP = 10000;
const MANY = CAP + 37;

test(`a shop of ${MANY} orders to arrange: each tile above the list cap equals its list's exact total, none estimated`, async () => {
  const { m, shop, conn } = await stockSetup('overview-scale');
  await call(m, 'PUT', '/api/v1/overview/settings', { no_slip_days: 30 });
  for (let made = 0; made < MANY; made += 1000)
    await makeOrders(shop.id, { count: Math.min(1000, MANY - made), days_back: 20, status: 'AWAITING_SHIPMENT' });
  const sync = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(sync.status, 202, sync.text);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${sync.json.job.id}`)).state === 'done',
    `Sync all of ${MANY} orders`, { timeoutMs: 400000, intervalMs: 500 });
  // a status change on TikTok after the sync: one order moves out of "to arrange", through the webhook and its job
  const [moved] = (await call(m, 'GET', '/api/v1/orders?per_page=1')).items;
  await control('POST', `/sandbox/orders/${moved.external_id}/status`, { status: 'AWAITING_COLLECTION' });
  await eventually(async () => (await call(m, 'GET', `/api/v1/orders/${moved.id}`)).channel_status === 'AWAITING_COLLECTION',
    'the status change to be stored');

  const ov = await call(m, 'GET', '/api/v1/overview');
  const mid = m.merchant.id;
  const fresh = (q) => Number(sql(q)[0][0]);
  const want = {
    'orders_without_slip processing': fresh(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${mid} AND status = 'processing' AND has_live_slip = 0`),
    orders_to_arrange: fresh(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${mid} AND channel_status = 'AWAITING_SHIPMENT'`),
    orders_unlinked: fresh(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${mid}`), // nothing linked yet
  };
  assert.equal(want.orders_to_arrange, MANY - 1);
  const above = [];
  for (const t of ov.tiles) {
    const key = t.status ? `${t.code} ${t.status}` : t.code;
    assert.equal(t.estimated, false, `${key} is exact`);
    const list = await call(m, 'GET', `${t.link}${t.link.includes('?') ? '&' : '?'}per_page=1`);
    assert.equal(t.count, list.total, `${key} equals its list ${t.link}`);
    if ('total_is_estimate' in list) assert.equal(list.total_is_estimate, false, `${t.link} is exact`);
    if (key in want) assert.equal(t.count, want[key], `${key} equals a fresh count`);
    if (t.count > CAP) above.push(key);
  }
  assert.deepEqual(above.sort(), Object.keys(want).sort(), 'the tiles past the cap');
  const processing = ov.orders_by_status.find((t) => t.status === 'processing');
  const list = await call(m, 'GET', `${processing.link}&per_page=1`);
  assert.deepEqual([processing.count, processing.estimated, list.total, list.total_is_estimate], [MANY - 1, false, MANY - 1, false]);
  // the chart holds every one of them (the last 30 days), and the soonest deadlines are the soonest of them all
  assert.equal(ov.orders_by_day.reduce((n, d) => n + d.orders, 0), MANY);
  const soonest = sql(`SELECT id FROM orders WHERE merchant_id = ${mid} AND channel_status = 'AWAITING_SHIPMENT'
    AND ship_by_time > 0 ORDER BY ship_by_time, id LIMIT 5`).map(([id]) => Number(id));
  assert.deepEqual(ov.ship_by_soonest.map((o) => o.id), soonest);
});
