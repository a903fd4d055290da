// API tests of shipping from the app through the sync workers and the sandbox's Fulfillment API: pickup slots read,
// shipment arranged, the label kept and printed as one PDF (pages counted), the carrier's collection, and the shop's
// automatic slip rules on and off; a batch of 50 with one order TikTok refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, newMerchant, BASE_URL } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';
import { call, newProduct, linkLines, receive, stockOf } from './lib/stock.mjs';

// A merchant with `shops` connected sandbox shops that have products; {m, seller, conns, wh}.
async function setup(tag, shops = 1) {
  const m = await newMerchant(tag);
  const seller = await newSeller(shops, tag);
  for (const s of seller.shops) await control('POST', `/sandbox/shops/${s.id}/products`, { count: 2, skus_per_product: 2 });
  const conns = await connectSeller(api, m, seller);
  const byShop = seller.shops.map((s) => conns.find((c) => c.shop_id === s.id));
  const wh = (await call(m, 'GET', '/api/v1/warehouses')).items[0];
  return { m, seller, conns: byShop, wh };
}

// `count` orders awaiting shipment, shipped by TikTok's carriers, synced; the app's orders in the order made.
async function shippable(m, shop, conn, count) {
  const made = await makeOrders(shop.id, { count, days_back: 0, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' });
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const ids = new Set(made.map((o) => o.id));
  const found = await eventually(async () => {
    const l = await call(m, 'GET', `/api/v1/orders?connection_id=${conn.id}&per_page=200`);
    const mine = l.items.filter((o) => ids.has(o.external_id));
    return mine.length === count ? mine : null;
  }, `${count} orders to be synced`, { timeoutMs: 60000 });
  return made.map((o) => found.find((x) => x.external_id === o.id));
}

async function job(m, id) {
  return eventually(async () => {
    const j = await call(m, 'GET', `/api/v1/sync-jobs/${id}`);
    assert.notEqual(j.state, 'failed', JSON.stringify(j));
    return j.state === 'done' ? j : null;
  }, `sync job ${id}`);
}

// Starts a bulk run and waits for every order's result.
async function run(m, path, body) {
  const res = await api('POST', path, { token: m.token, body });
  assert.equal(res.status, 202, res.text);
  return eventually(async () => {
    const b = await call(m, 'GET', `/api/v1/fulfillment-batches/${res.json.batch.id}`);
    return b.state === 'done' ? b : null;
  }, `bulk run ${res.json.batch.id}`, { timeoutMs: 120000 });
}

// The PDF of a labels run: its bytes and its page count as poppler reads it.
async function document(m, batch) {
  const res = await fetch(BASE_URL + batch.document.url, { headers: { authorization: `Bearer ${m.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'l.pdf')], { encoding: 'utf8' });
    return { pdf, pages: Number(/^Pages:\s+(\d+)/m.exec(info)[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const detail = (m, id) => call(m, 'GET', `/api/v1/orders/${id}`);
const units = (o) => o.lines.reduce((n, l) => n + l.quantity, 0);

test('arrange → label → collected → slip exported, through the sync workers; the rules on in one shop and off in the other', async () => {
  const { m, seller, conns, wh } = await setup('ffship', 2);
  const [on, off] = conns;
  await call(m, 'PUT', `/api/v1/connections/${on.id}/fulfillment-settings`, { slip_on_arrange: true, export_on_transit: true, warehouse_id: wh.id }, 200);
  const p = await newProduct(m, 'Giày');
  const orders = [];
  for (const [k, c] of conns.entries()) {
    const [row] = await shippable(m, seller.shops[k], c, 1);
    orders.push(await linkLines(m, await detail(m, row.id), () => p));
  }
  const [a, b] = orders;
  await receive(m, wh.id, [{ product_id: p, quantity: units(a) + units(b) }]);

  // synced with its package and TikTok's ship-by deadline, nothing arranged yet
  assert.equal(a.fulfillment.packages.length, 1);
  assert.ok(a.fulfillment.ship_by, 'TikTok\'s rts_sla_time is kept');
  assert.equal(a.fulfillment.packages[0].handover_method, null);
  assert.equal(a.fulfillment.packages[0].label.state, 'none');
  const toArrange = await call(m, 'GET', `/api/v1/orders?shipping=to_arrange&connection_id=${on.id}`);
  assert.deepEqual(toArrange.items.map((o) => o.id), [a.id]);

  // the pickup slots are read by a job, then shown with the order
  const slotsJob = await api('POST', `/api/v1/orders/${a.id}/handover-slots`, { token: m.token });
  assert.equal(slotsJob.status, 202, slotsJob.text);
  await job(m, slotsJob.json.job.id);
  const handover = (await detail(m, a.id)).fulfillment.packages[0].handover;
  assert.equal(handover.can_pickup, true);
  assert.ok(handover.pickup_slots.length > 0);
  const slot = handover.pickup_slots[0];

  const arranged = await run(m, '/api/v1/fulfillment/arrange', {
    order_ids: [a.id, b.id], handover_method: 'PICKUP',
    pickup_slot: { start_time: Date.parse(slot.start_time) / 1000, end_time: Date.parse(slot.end_time) / 1000 },
  });
  assert.deepEqual(arranged.items.map((i) => [i.order_id, i.state, i.code]), [[a.id, 'done', null], [b.id, 'done', null]]);
  assert.deepEqual(arranged.items.map((i) => i.channel_status), ['AWAITING_COLLECTION', 'AWAITING_COLLECTION']);
  const afterA = await detail(m, a.id);
  const pkg = afterA.fulfillment.packages[0];
  assert.equal(pkg.handover_method, 'PICKUP');
  assert.deepEqual(pkg.pickup_slot, { start_time: slot.start_time, end_time: slot.end_time });
  assert.ok(afterA.shipping.tracking_number, 'the tracking number TikTok gave');
  // the rule made the slip in the shop where it is on, through the button's transaction; not in the other shop
  assert.equal(afterA.export_slip.status, 'awaiting_export');
  assert.deepEqual(afterA.fulfillment.rules.map((r) => [r.rule, r.result]), [['slip_on_arrange', 'done']]);
  const afterB = await detail(m, b.id);
  assert.equal(afterB.export_slip, null);
  assert.deepEqual(afterB.fulfillment.rules, []);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: units(a) + units(b), available: units(b), awaiting_export: units(a) });

  // the label is fetched and kept by the sync worker once shipment is arranged
  const ready = await eventually(async () => {
    const o = await detail(m, a.id);
    return o.fulfillment.packages[0].label.state === 'ready' ? o : null;
  }, 'the label to be kept');
  assert.equal(ready.fulfillment.packages[0].label.pages, 1);
  assert.equal(ready.fulfillment.packages[0].tracking_number, afterA.shipping.tracking_number);

  const printed = await run(m, '/api/v1/fulfillment/labels', { order_ids: [a.id] });
  assert.deepEqual(printed.counts, { done: 1, failed: 0 });
  assert.equal(printed.document.pages, 1);
  assert.equal((await document(m, printed)).pages, 1);
  const label = (await detail(m, a.id)).fulfillment;
  assert.equal(label.packages[0].label.state, 'printed');
  assert.equal(label.packages[0].label.printed_by, 'single');
  assert.ok(label.label_printed_at);
  const printedList = await call(m, 'GET', '/api/v1/orders?label=printed');
  assert.deepEqual(printedList.items.map((o) => o.id), [a.id]);
  assert.deepEqual((await call(m, 'GET', '/api/v1/orders?label=not_printed&shipping=awaiting_collection')).items.map((o) => o.id), [b.id]);
  // re-printable, as part of a bulk print now
  const again = await run(m, '/api/v1/fulfillment/labels', { order_ids: [a.id, b.id] });
  assert.equal((await document(m, again)).pages, 2);
  const reprinted = (await detail(m, a.id)).fulfillment.packages[0].label;
  assert.equal(reprinted.printed_by, 'bulk');
  assert.equal(reprinted.print_count, 2);

  // the carrier collects both: B's status arrives first, then A's; the rule exports A's slip, B stays without one
  await control('POST', `/sandbox/packages/${(await detail(m, b.id)).fulfillment.packages[0].package_id}/collect`);
  await eventually(async () => (await detail(m, b.id)).channel_status === 'IN_TRANSIT', 'B in transit in the app');
  const collected = await control('POST', `/sandbox/packages/${pkg.package_id}/collect`);
  const exported = await eventually(async () => {
    const o = await detail(m, a.id);
    return o.export_slip.status === 'exported' ? o : null;
  }, 'the slip of A exported by the rule');
  assert.equal(exported.channel_status, collected.order_status, 'what TikTok shows agrees with the app');
  assert.deepEqual(exported.fulfillment.rules.map((r) => [r.rule, r.result]).sort(),
    [['export_on_transit', 'done'], ['slip_on_arrange', 'done']]);
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: units(b), available: units(b), awaiting_export: 0 });
  const bAfter = await detail(m, b.id);
  assert.equal(bAfter.export_slip, null, 'no rule in the shop where the rules are off');
  assert.deepEqual(bAfter.fulfillment.rules, []);
});

test('a batch of 50 with one order cancelled on TikTok: 49 arranged, one refused in TikTok\'s words; labels merged one page per package', async () => {
  const { m, seller, conns } = await setup('ff50');
  const orders = await shippable(m, seller.shops[0], conns[0], 50);
  const cancelled = orders[17];
  await control('POST', `/sandbox/orders/${cancelled.external_id}/status`, { status: 'CANCELLED' });
  const ids = orders.map((o) => o.id);

  const arranged = await run(m, '/api/v1/fulfillment/arrange', { order_ids: ids, handover_method: 'DROP_OFF' });
  assert.deepEqual(arranged.counts, { done: 49, failed: 1 });
  const refused = arranged.items.filter((i) => i.state === 'failed');
  assert.deepEqual(refused.map((i) => [i.order_id, i.code]), [[cancelled.id, 'tiktok_refused']]);
  assert.ok(refused[0].message.length > 0, 'TikTok\'s own words');
  assert.match(refused[0].message, /cancel/i);
  for (const i of arranged.items.filter((x) => x.state === 'done')) assert.equal(i.channel_status, 'AWAITING_COLLECTION');

  const labels = await run(m, '/api/v1/fulfillment/labels', { order_ids: ids });
  assert.deepEqual(labels.counts, { done: 49, failed: 1 });
  assert.equal(labels.items.find((i) => i.order_id === cancelled.id).state, 'failed');
  const { pages } = await document(m, labels);
  assert.equal(pages, 49, 'one page per package');
  assert.equal(labels.document.pages, 49);
  const list = await call(m, 'GET', `/api/v1/orders?label=printed&connection_id=${conns[0].id}&per_page=1`);
  assert.equal(list.total, 49);
});
