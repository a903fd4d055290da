// API tests of the stock push preview and its confirmation: the dry run of the settings and of push now equals what
// the sandbox then receives; SKUs whose product never received stock in the chosen warehouses are left alone (rule on)
// or pushed (rule off, or included one by one); SKUs going to 0 need confirm_zero equal to their number (refused
// without it and when stale); a dry run writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectError, newMerchant } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';
import { call, stockSetup, newProduct, receive } from './lib/stock.mjs';
import { pulled, sandboxQty, updates } from './lib/stock_push.mjs';

const TIKTOK_QTY = 5;

// A shop whose 6 SKUs TikTok holds at TIKTOK_QTY each, pulled; 4 linked: a (product received 10), b (received 2),
// c (never received), d (never received; received only in a warehouse the push does not sum).
async function shop(tag) {
  const s = await stockSetup(tag);
  const { products } = await control('GET', `/sandbox/shops/${s.shop.id}/products`);
  for (const p of products) for (const k of p.skus) await control('PUT', `/sandbox/shops/${s.shop.id}/skus/${k.id}`, { quantity: TIKTOK_QTY });
  const skus = await pulled(s.m, s.conn);
  const [a, b, c, d] = skus;
  const pa = await newProduct(s.m, 'Có tồn');
  const pb = await newProduct(s.m, 'Ít tồn');
  const pc = await newProduct(s.m, 'Chưa nhập');
  const pd = await newProduct(s.m, 'Kho khác');
  for (const [sku, p] of [[a, pa], [b, pb], [c, pc], [d, pd]]) await call(s.m, 'PUT', `/api/v1/channel-skus/${sku.id}/link`, { product_id: p });
  await receive(s.m, s.wh.id, [{ product_id: pa, quantity: 10 }, { product_id: pb, quantity: 2 }]);
  const other = await call(s.m, 'POST', '/api/v1/warehouses', { name: 'Kho ngoài', code: `KN-${tag}` });
  await receive(s.m, other.id, [{ product_id: pd, quantity: 9 }]);
  return { ...s, a, b, c, d, pc };
}

const settingsPath = (conn) => `/api/v1/connections/${conn.id}/stock-settings`;
const byId = (preview) => Object.fromEntries(preview.items.map((i) => [i.channel_sku_id, i]));

// The quantities the sandbox received after `from` updates: sku id → the last quantity.
async function receivedSince(shop, from) {
  const out = {};
  for (const u of (await updates(shop)).slice(from)) out[u.sku_id] = u.quantity;
  return out;
}

test('the settings preview is what the push then sends; zeros need confirm_zero; never-received SKUs are left alone', async () => {
  const { m, shop: sh, conn, wh, a, b, c, d } = await shop('pv-set');
  const body = { enabled: true, warehouse_ids: [wh.id], buffer: 2 };
  const before = (await updates(sh)).length;

  const pv = await call(m, 'PUT', settingsPath(conn), { ...body, dry_run: true });
  assert.deepEqual(pv.counts, { linked: 4, up: 1, down: 0, same: 0, zero: 1, unknown: 0, unmanaged: 2 });
  const it = byId(pv);
  assert.deepEqual([it[a.id].action, it[a.id].change, it[a.id].quantity, it[a.id].tiktok_quantity], ['send', 'up', 8, TIKTOK_QTY]);
  assert.deepEqual([it[b.id].change, it[b.id].quantity], ['zero', 0]);
  assert.deepEqual([it[c.id].action, it[c.id].quantity, it[c.id].tiktok_quantity], ['unmanaged', null, TIKTOK_QTY]);
  assert.equal(it[d.id].action, 'unmanaged', 'stock received only in a warehouse not summed does not count');
  assert.equal(pv.items[0].channel_sku_id, b.id, 'the SKUs going to 0 are listed first');
  assert.equal(pv.items_truncated, false);

  // a dry run wrote nothing
  assert.equal((await call(m, 'GET', settingsPath(conn))).enabled, false);
  assert.ok((await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.every((x) => !x.pending));

  // turning push on with a SKU going to 0: refused without the count, with a stale one; accepted with it
  const no = await api('PUT', settingsPath(conn), { token: m.token, body });
  expectError(assert, no, 409, 'confirm_zero_required');
  assert.deepEqual(no.json.error.details, { zero_count: 1, confirm_zero: null });
  const stale = await api('PUT', settingsPath(conn), { token: m.token, body: { ...body, confirm_zero: 2 } });
  expectError(assert, stale, 409, 'confirm_zero_required');
  assert.equal(stale.json.error.details.confirm_zero, 2);
  assert.equal((await call(m, 'GET', settingsPath(conn))).enabled, false, 'a refused save saved nothing');
  await call(m, 'PUT', settingsPath(conn), { ...body, confirm_zero: 1 });

  // what the sandbox received is the preview: the sent SKUs with their quantities, nothing for the others
  const want = Object.fromEntries(pv.items.filter((i) => i.action === 'send').map((i) => [i.sku_id, i.quantity]));
  await eventually(async () => (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.every((x) => !x.pending),
    'the push to finish');
  assert.deepEqual(await receivedSince(sh, before), want);
  assert.equal(await sandboxQty(sh, c.sku_id), TIKTOK_QTY, 'TikTok keeps its quantity of a never-received SKU');
  assert.equal(await sandboxQty(sh, d.sku_id), TIKTOK_QTY);

  // the push list reads what TikTok has now and what the app sends
  const list = Object.fromEntries((await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.map((x) => [x.channel_sku_id, x]));
  assert.deepEqual([list[a.id].tiktok_quantity, list[a.id].quantity, list[a.id].pushed_quantity, list[a.id].action], [8, 8, 8, 'send']);
  assert.deepEqual([list[c.id].tiktok_quantity, list[c.id].quantity, list[c.id].action], [TIKTOK_QTY, null, 'unmanaged']);

  // once TikTok has 0, keeping it 0 needs no confirmation
  const again = await call(m, 'PUT', settingsPath(conn), { ...body, dry_run: true });
  assert.deepEqual([again.counts.zero, again.counts.same], [0, 2]);
  await call(m, 'PUT', settingsPath(conn), body);
});

test('the never-received rule off, and one SKU included, push those SKUs too (their zeros confirmed)', async () => {
  const { m, shop: sh, conn, wh, c, d, pc } = await shop('pv-rule');
  const on = { enabled: true, warehouse_ids: [wh.id], buffer: 0 };
  await call(m, 'PUT', settingsPath(conn), on);   // a 10, b 2; c and d left alone: no zero
  await eventually(async () => (await sandboxQty(sh, c.sku_id)) === TIKTOK_QTY && (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.every((x) => !x.pending), 'the first push');

  // one SKU included: c alone goes to 0
  const one = { ...on, included_channel_sku_ids: [c.id, c.id] };
  const pv1 = await call(m, 'PUT', settingsPath(conn), { ...one, dry_run: true });
  assert.deepEqual([pv1.counts.zero, pv1.counts.unmanaged], [1, 1]);
  assert.deepEqual(byId(pv1)[c.id].change, 'zero');
  const saved = await call(m, 'PUT', settingsPath(conn), { ...one, confirm_zero: 1 });
  assert.deepEqual([saved.skip_unreceived, saved.included_channel_sku_ids], [true, [c.id]]);
  await eventually(async () => (await sandboxQty(sh, c.sku_id)) === 0, 'the included SKU pushed');
  assert.equal(await sandboxQty(sh, d.sku_id), TIKTOK_QTY);

  // the rule off: d goes to 0 too (c is at 0 on TikTok already)
  const off = { ...on, skip_unreceived: false };
  const pv2 = await call(m, 'PUT', settingsPath(conn), { ...off, dry_run: true });
  assert.deepEqual([pv2.counts.zero, pv2.counts.unmanaged, pv2.counts.same], [1, 0, 3]);
  expectError(assert, await api('PUT', settingsPath(conn), { token: m.token, body: off }), 409, 'confirm_zero_required');
  await call(m, 'PUT', settingsPath(conn), { ...off, confirm_zero: 1 });
  await eventually(async () => (await sandboxQty(sh, d.sku_id)) === 0, 'the rule off pushes the never-received SKU');

  // a first receipt makes a SKU managed under the rule: it is pushed by the receipt itself
  await call(m, 'PUT', settingsPath(conn), on);
  await receive(m, wh.id, [{ product_id: pc, quantity: 4 }]);
  await eventually(async () => (await sandboxQty(sh, c.sku_id)) === 4, 'the received product pushed');
});

test('push now: a dry run, then refused while a zero is unconfirmed or stale, accepted with its count', async () => {
  const { m, shop: sh, conn, wh, a, b } = await shop('pv-now');
  await call(m, 'PUT', settingsPath(conn), { enabled: true, warehouse_ids: [wh.id], buffer: 2, confirm_zero: 1 });
  await eventually(async () => (await sandboxQty(sh, b.sku_id)) === 0 && (await sandboxQty(sh, a.sku_id)) === 8, 'the first push');
  const path = `/api/v1/connections/${conn.id}/push-stock`;
  assert.equal((await call(m, 'POST', path, { dry_run: true }, 200)).counts.zero, 0);

  // TikTok's side changed and a pull saw it: b would go from 7 back to 0
  await control('PUT', `/sandbox/shops/${sh.id}/skus/${b.sku_id}`, { quantity: 7 });
  await pulled(m, conn);
  const pv = await call(m, 'POST', path, { dry_run: true }, 200);
  assert.deepEqual([pv.counts.zero, pv.counts.same, pv.items[0].channel_sku_id, pv.items[0].tiktok_quantity], [1, 1, b.id, 7]);
  const n = (await updates(sh)).length;
  const no = await api('POST', path, { token: m.token });
  expectError(assert, no, 409, 'confirm_zero_required');
  assert.equal(no.json.error.details.zero_count, 1);
  expectError(assert, await api('POST', path, { token: m.token, body: { confirm_zero: 3 } }), 409, 'confirm_zero_required');
  assert.equal((await updates(sh)).length, n, 'a refused push sent nothing');
  await call(m, 'POST', path, { confirm_zero: 1 }, 202);
  await eventually(async () => (await sandboxQty(sh, b.sku_id)) === 0, 'the confirmed push');
  const sent = await receivedSince(sh, n);
  for (const i of pv.items.filter((x) => x.action === 'send')) assert.equal(sent[i.sku_id], i.quantity, `${i.sku_id} as previewed`);
});

test('dry run and confirm_zero are validated; includes are the shop\'s own SKUs', async () => {
  const { m, conn, wh, c } = await shop('pv-bad');
  const other = await stockSetup('pv-bad-o');
  const [foreign] = await pulled(other.m, other.conn);
  const base = { enabled: false, warehouse_ids: [wh.id] };
  const bad = await api('PUT', settingsPath(conn), { token: m.token, body: { ...base, dry_run: 'yes', confirm_zero: -1, included_channel_sku_ids: ['x'] } });
  expectError(assert, bad, 422, 'validation_failed');
  assert.deepEqual(Object.keys(bad.json.error.details.fields).sort(), ['confirm_zero', 'dry_run', 'included_channel_sku_ids']);
  expectError(assert, await api('PUT', settingsPath(conn), { token: m.token, body: { ...base, included_channel_sku_ids: [foreign.id] } }), 422, 'unknown_channel_sku');
  expectError(assert, await api('PUT', settingsPath(conn), { token: other.m.token, body: { ...base, dry_run: true } }), 404, 'not_found');
  const path = `/api/v1/connections/${conn.id}/push-stock`;
  expectError(assert, await api('POST', path, { token: m.token, body: { dry_run: true } }), 409, 'stock_push_off');
  await call(m, 'PUT', settingsPath(conn), { ...base, included_channel_sku_ids: [c.id] });
  await call(m, 'PUT', settingsPath(conn), { ...base, enabled: true, included_channel_sku_ids: [c.id], confirm_zero: 1 });
  expectError(assert, await api('POST', path, { token: m.token, body: { confirm_zero: 'all' } }), 422, 'validation_failed');
  expectError(assert, await api('POST', path, { token: other.m.token, body: { dry_run: true } }), 404, 'not_found');
  const stranger = await newMerchant('pv-bad-s');
  expectError(assert, await api('POST', path, { token: stranger.token, body: { dry_run: true } }), 404, 'not_found');
});
