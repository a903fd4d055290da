// API tests of order sync: the 60-day window, new orders, status changes by webhook and by polling,
// duplicate and out-of-order webhooks, faults, Sync all while running, the order API and isolation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';

const DAY = 86400;
const now = () => Math.floor(Date.now() / 1000);

// A merchant with one connected shop that has products; returns {m, seller, shop, conn}.
async function setup(tag) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  return { m, seller, shop, conn };
}

async function syncAll(m, conn) {
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const job = await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${res.json.job.id}`, { token: m.token })).json;
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'Sync all to finish', { timeoutMs: 60000 });
  assert.equal(job.state, 'done', job.error);
  return job;
}

async function allOrders(m, query = '') {
  const items = [];
  for (let page = 1; ; page++) {
    const res = await api('GET', `/api/v1/orders?per_page=200&page=${page}${query}`, { token: m.token });
    assert.equal(res.status, 200, res.text);
    items.push(...res.json.items);
    if (items.length >= res.json.total || res.json.items.length === 0) return items;
  }
}

async function orderByExternal(m, externalId) {
  const res = await api('GET', `/api/v1/orders?q=${externalId}`, { token: m.token });
  return res.json.items.find((o) => o.external_id === externalId);
}

test('Sync all pulls exactly the orders created in the 60 days before the click', async () => {
  const { m, shop, conn } = await setup('window');
  const t = now();
  const [inside] = await makeOrders(shop.id, { count: 1, create_time: t - 60 * DAY + 3600 });      // 59 d 23 h before
  const [outside] = await makeOrders(shop.id, { count: 1, create_time: t - 60 * DAY - 3600 });     // 60 d 1 h before
  const recent = await makeOrders(shop.id, { count: 12, days_back: 30 });
  const job = await syncAll(m, conn);
  const got = new Set((await allOrders(m)).map((o) => o.external_id));
  assert.ok(got.has(inside.id), '59 days 23 hours before the click is in');
  assert.ok(!got.has(outside.id), '60 days 1 hour before the click is out');
  for (const o of recent) assert.ok(got.has(o.id));
  assert.equal(got.size, 13);
  assert.equal(job.progress.done, job.progress.total);
  const [c] = (await api('GET', '/api/v1/connections', { token: m.token })).json.items;
  assert.ok(c.last_synced_at, 'the connection shows its last successful sync');
  assert.equal(c.sync.state, 'done');
});

test('orders created after the click arrive, and status changes follow by webhook', async () => {
  const { m, shop, conn } = await setup('live');
  await makeOrders(shop.id, { count: 3, days_back: 5, status: 'AWAITING_SHIPMENT' });
  await syncAll(m, conn);
  const [fresh] = await makeOrders(shop.id, { count: 1, days_back: 0, status: 'UNPAID' });
  const arrived = await eventually(() => orderByExternal(m, fresh.id), 'the new order to arrive');
  assert.equal(arrived.status, 'awaiting_payment');

  await control('POST', `/sandbox/orders/${fresh.id}/status`, { status: 'AWAITING_SHIPMENT' });
  const moved = await eventually(async () => {
    const o = await orderByExternal(m, fresh.id);
    return o.status === 'processing' && o;
  }, 'the status change to arrive');
  assert.equal(moved.channel_status, 'AWAITING_SHIPMENT');
  const detail = (await api('GET', `/api/v1/orders/${moved.id}`, { token: m.token })).json;
  assert.deepEqual(detail.history.map((h) => h.channel_status), ['UNPAID', 'AWAITING_SHIPMENT']);
});

test('a status change whose webhook is lost arrives by polling', async () => {
  const { m, shop, conn } = await setup('lost');
  const [o] = await makeOrders(shop.id, { count: 1, days_back: 2, status: 'AWAITING_COLLECTION' });
  await syncAll(m, conn);
  const app = await control('GET', '/sandbox/app');
  await control('PUT', '/sandbox/app', { webhook_url: 'http://127.0.0.1:9/lost' });
  try {
    await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'IN_TRANSIT' });
    const got = await eventually(async () => {
      const x = await orderByExternal(m, o.id);
      return x.status === 'shipping' && x;
    }, 'polling to bring the change', { timeoutMs: 30000 });
    assert.equal(got.channel_status, 'IN_TRANSIT');
  } finally {
    await control('PUT', '/sandbox/app', { webhook_url: app.webhook_url });
  }
});

test('duplicate and out-of-order webhooks change nothing twice and never go back', async () => {
  const { m, shop, conn } = await setup('dupes');
  const [o] = await makeOrders(shop.id, { count: 1, days_back: 1, status: 'AWAITING_SHIPMENT' });
  await syncAll(m, conn);
  const app = await control('GET', '/sandbox/app');
  const push = (type, data, id) => {
    const body = JSON.stringify({ type, tts_notification_id: id, shop_id: shop.id, timestamp: now(), data });
    const sig = createHmac('sha256', app.app_secret).update(app.app_key + body).digest('hex');
    return api('POST', '/api/v1/webhooks/tiktok', { body, headers: { authorization: sig } });
  };
  await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'IN_TRANSIT' });
  await eventually(async () => (await orderByExternal(m, o.id)).status === 'shipping', 'the change to arrive');
  // An old notification arriving late, twice.
  const late = String(BigInt('0x' + randomBytes(7).toString('hex')));
  const old = { order_id: o.id, order_status: 'AWAITING_SHIPMENT', is_on_hold_order: false, update_time: o.update_time };
  assert.equal((await push(1, old, late)).status, 200);
  assert.equal((await push(1, old, late)).status, 200);
  // Another change after it proves the late one has been handled in order.
  await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'DELIVERED' });
  const x = await eventually(async () => {
    const y = await orderByExternal(m, o.id);
    return y.status === 'delivered' && y;
  }, 'the later change to arrive');
  const detail = (await api('GET', `/api/v1/orders/${x.id}`, { token: m.token })).json;
  assert.deepEqual(detail.history.map((h) => h.channel_status), ['AWAITING_SHIPMENT', 'IN_TRANSIT', 'DELIVERED']);
});

test('a sync through errors, throttling, latency and malformed pages ends with every order once', async () => {
  const { m, shop, conn } = await setup('faults');
  const made = await makeOrders(shop.id, { count: 250, days_back: 50 });
  await control('POST', '/sandbox/faults', { error_rate: 0.15, throttle_rate: 0.15, latency_ms: 20, malformed_rate: 0.1 });
  try {
    await syncAll(m, conn);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const got = await allOrders(m);
  assert.equal(got.length, made.length);
  assert.deepEqual(got.map((o) => o.external_id).sort(), made.map((o) => o.id).sort());
});

test('Sync all while a run is going starts no second run', async () => {
  const { m, shop, conn } = await setup('twice');
  await makeOrders(shop.id, { count: 150, days_back: 20 });
  await control('POST', '/sandbox/faults', { latency_ms: 100 });
  try {
    const a = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
    const b = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.equal(b.json.job.id, a.json.job.id);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const log = (await api('GET', `/api/v1/sync-jobs?connection_id=${conn.id}`, { token: m.token })).json;
  assert.equal(log.items.filter((j) => j.kind === 'sync_orders').length, 1);
});

test('orders list filters, searches and pages; detail groups lines per SKU; other merchants see nothing', async () => {
  const { m, seller, shop, conn } = await setup('list');
  const made = await makeOrders(shop.id, { count: 30, days_back: 20, same_sku_ratio: 0.8 });
  await syncAll(m, conn);
  const all = await allOrders(m);
  assert.equal(all.length, 30);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].created_at >= all[i].created_at, 'newest first');
  const oldest = (await api('GET', '/api/v1/orders?sort=created_at&per_page=1', { token: m.token })).json.items[0];
  assert.equal(oldest.id, all[all.length - 1].id);

  const page2 = (await api('GET', '/api/v1/orders?page=2&per_page=7', { token: m.token })).json;
  assert.deepEqual(page2.items.map((o) => o.id), all.slice(7, 14).map((o) => o.id));
  assert.equal(page2.total, 30);

  const status = all[0].status;
  const byStatus = (await api('GET', `/api/v1/orders?status=${status}&per_page=200`, { token: m.token })).json;
  assert.equal(byStatus.total, all.filter((o) => o.status === status).length);
  assert.equal((await api('GET', `/api/v1/orders?channel=tiktok&connection_id=${conn.id}`, { token: m.token })).json.total, 30);

  const target = all[5];
  const byId = (await api('GET', `/api/v1/orders?q=${target.external_id}`, { token: m.token })).json;
  assert.deepEqual(byId.items.map((o) => o.id), [target.id]);
  const byPhone = (await api('GET', `/api/v1/orders?q=${encodeURIComponent(target.buyer_phone.slice(0, 6))}`, { token: m.token })).json;
  assert.ok(byPhone.items.some((o) => o.id === target.id));
  const byName = (await api('GET', `/api/v1/orders?q=${encodeURIComponent(target.buyer_name.split(' ').pop())}`, { token: m.token })).json;
  assert.ok(byName.items.some((o) => o.id === target.id));

  const from = new Date(Date.parse(target.created_at)).toISOString();
  const to = new Date(Date.parse(target.created_at) + 1000).toISOString();
  const byDate = (await api('GET', `/api/v1/orders?created_from=${from}&created_to=${to}`, { token: m.token })).json;
  assert.ok(byDate.items.some((o) => o.id === target.id));
  assert.ok(byDate.items.every((o) => o.created_at === target.created_at));

  for (const o of all.slice(0, 10)) {
    const d = (await api('GET', `/api/v1/orders/${o.id}`, { token: m.token })).json;
    assert.equal(d.external_id, o.external_id);
    for (const k of ['buyer_name', 'buyer_phone', 'status', 'channel_status', 'created_at', 'total_amount', 'shop_name']) {
      assert.equal(d[k], o[k], `${k} agrees between list and detail`);
    }
    assert.equal(d.lines.reduce((s, l) => s + l.quantity, 0), d.item_count, 'one TikTok line item per unit, grouped');
    assert.equal(new Set(d.lines.map((l) => l.sku_id)).size, d.lines.length);
    assert.deepEqual(o.item_names, d.lines.slice(0, 3).map((l) => l.product_name), 'the list names the first lines\' products');
    assert.ok(d.recipient.name && d.recipient.phone && d.recipient.full_address);
    assert.equal(d.payment.currency, 'VND');
    assert.ok(d.history.length >= 1);
  }
  assert.ok(made.length === 30 && seller.email);
  // the names are the order row's own; sql/0049 gives a row stored before the store wrote them the same, from its
  // lines (run here again on such rows: the file as it stands)
  const named = all.filter((o) => o.item_names.length > 1).slice(0, 3);
  assert.ok(named.length > 0);
  const ids = named.map((o) => o.id).join(', ');
  const stored = sql(`SELECT id, HEX(item_names) FROM orders WHERE id IN (${ids}) ORDER BY id`);
  for (const [id, hex] of stored)
    assert.equal(Buffer.from(hex, 'hex').toString('utf8'), named.find((o) => String(o.id) === id).item_names.join('\x1f'));
  sql(`UPDATE orders SET item_names = NULL WHERE id IN (${ids})`);
  sql(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../sql/0049_order_item_names_fill.sql'), 'utf8'));
  assert.deepEqual(sql(`SELECT id, HEX(item_names) FROM orders WHERE id IN (${ids}) ORDER BY id`), stored);

  const other = await newMerchant('list-other');
  expectError(assert, await api('GET', `/api/v1/orders/${target.id}`, { token: other.token }), 404, 'not_found');
  assert.equal((await api('GET', '/api/v1/orders', { token: other.token })).json.total, 0);
  expectError(assert, await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', '/api/v1/orders?status=nope&created_from=yesterday&per_page=0', { token: m.token }), 422, 'validation_failed');
});

test('the status mapping is served as a table with both languages', async () => {
  const m = await newMerchant('statuses');
  const res = await api('GET', '/api/v1/order-statuses', { token: m.token });
  assert.equal(res.status, 200);
  const by = Object.fromEntries(res.json.items.map((s) => [s.code, s]));
  assert.deepEqual(by.processing.tiktok_statuses, ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
  assert.deepEqual(by.cancelled.tiktok_statuses, ['CANCELLED', 'CANCEL']);
  assert.equal(by.packing.vi, 'Chờ lấy hàng');
  assert.equal(by.unknown.en, 'Unknown');
});

test('each status says whether its orders may get an export slip, as slip creation decides', async () => {
  const m = await newMerchant('slip-statuses');
  const res = await api('GET', '/api/v1/order-statuses', { token: m.token });
  assert.equal(res.status, 200);
  const allowed = res.json.items.filter((s) => s.allows_export_slip).map((s) => s.code).sort();
  assert.deepEqual(allowed, ['completed', 'delivered', 'packing', 'processing', 'shipping']);
  assert.ok(res.json.items.every((s) => typeof s.allows_export_slip === 'boolean'));
});

test('a disconnected shop stops updating; connecting it again resumes on the same orders', async () => {
  const { m, seller, shop, conn } = await setup('paused');
  const [o] = await makeOrders(shop.id, { count: 1, days_back: 1, status: 'AWAITING_SHIPMENT' });
  await syncAll(m, conn);
  const before = await orderByExternal(m, o.id);
  assert.equal((await api('DELETE', `/api/v1/connections/${conn.id}`, { token: m.token })).status, 204);
  const lastJob = (await api('GET', `/api/v1/sync-jobs?connection_id=${conn.id}&per_page=1`, { token: m.token })).json.items[0].id;

  await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'IN_TRANSIT' });
  // The webhook is acknowledged and ignored.
  const delivery = await eventually(async () => {
    const { webhooks } = await control('GET', '/sandbox/webhooks');
    return webhooks.find((h) => h.body.includes(o.id) && h.body.includes('IN_TRANSIT') &&
      h.deliveries.some((d) => d.http_status === 200));
  }, 'the webhook to be acknowledged');
  assert.equal(delivery.type, 1);
  // A live shop of another merchant gets polled meanwhile; the disconnected one does not.
  const live = await setup('paused-live');
  await syncAll(live.m, live.conn);
  const polls = async () => (await api('GET', `/api/v1/sync-jobs?connection_id=${live.conn.id}`, { token: live.m.token })).json.items
    .filter((j) => j.kind === 'poll_orders' && j.state === 'done');
  const livePolls = await eventually(async () => { const p = await polls(); return p.length >= 2 && p; }, 'two polls of the live shop');
  // A scheduler pass that read the shop as active just before its disconnect may still queue one job, which then finds
  // it disconnected and does nothing (the order below stays as it was); a pass that starts after the disconnect queues
  // none, and the live shop's polls were queued by such passes.
  const firstLivePoll = Math.min(...livePolls.map((j) => j.id));
  const jobs = (await api('GET', `/api/v1/sync-jobs?connection_id=${conn.id}`, { token: m.token })).json.items;
  assert.deepEqual(jobs.filter((j) => j.id > lastJob && j.id > firstLivePoll), [], 'no job queued for the disconnected shop');
  assert.deepEqual(jobs.filter((j) => j.id > lastJob && j.kind === 'order_fetch'), [], 'its webhook queued no fetch');
  assert.equal((await orderByExternal(m, o.id)).status, before.status);

  const [back] = await connectSeller(api, m, seller);
  assert.equal(back.id, conn.id);
  const resumed = await eventually(async () => {
    const x = await orderByExternal(m, o.id);
    return x.status === 'shipping' && x;
  }, 'updates to resume');
  assert.equal(resumed.id, before.id, 'the same order row');
});
