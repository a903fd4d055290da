// API tests of stock push through the sandbox: each slip action, a return, a link changed and a settings change reach
// the SKU's quantity; transient failures are retried; a SKU TikTok refuses shows its error in plain words; two sync
// workers never push a SKU's quantities out of order.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { call, stockSetup, syncedOrders, linkLines, newProduct, receive } from './lib/stock.mjs';
import { pulled, sandboxQty, updates, settle } from './lib/stock_push.mjs';

const workers = [];
after(async () => {
  await control('POST', '/sandbox/faults', {});
  for (const p of workers) {
    if (p.exitCode === null) {
      p.kill('SIGTERM');
      await once(p, 'exit');
    }
  }
});

test('slip created, cancelled, exported, a return, a link changed and a buffer change each reach TikTok', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-kinds');
  const p = await newProduct(m, 'Tồn theo phiếu');
  const [o0] = await syncedOrders(m, shop, conn);
  const o = await linkLines(m, o0, () => p);
  const sku = o.lines[0].sku_id;
  const q = o.lines.reduce((n, l) => n + l.quantity, 0);
  await receive(m, wh.id, [{ product_id: p, quantity: q + 10 }]);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
  await settle(shop, sku, q + 10, 'turning push on');

  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await settle(shop, sku, 10, 'a slip created');
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  await settle(shop, sku, q + 10, 'a slip cancelled');
  const again = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await settle(shop, sku, 10, 'a slip created again');
  const n = (await updates(shop)).length;
  await call(m, 'POST', `/api/v1/export-slips/${again.id}/export`);
  // exporting moves awaiting-export out, available stays: the shop keeps 10 and nothing is due
  await eventually(async () => (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.every((x) => !x.pending),
    'no push due after the export');
  assert.equal(await sandboxQty(shop, sku), 10);
  assert.equal((await updates(shop)).length, n, 'an export that leaves available alone pushes nothing');

  await control('POST', `/sandbox/orders/${o.external_id}/status`, { status: 'CANCELLED' });
  await eventually(async () => (await call(m, 'GET', `/api/v1/export-slips/${again.id}`)).order.status === 'cancelled',
    'the cancellation to arrive');
  await call(m, 'POST', `/api/v1/export-slips/${again.id}/returns`, {});
  await settle(shop, sku, q + 10, 'a return');

  const p2 = await newProduct(m, 'Tồn khác');
  await receive(m, wh.id, [{ product_id: p2, quantity: 3 }]);
  const cs = o.lines[0].channel_sku_id;
  await call(m, 'PUT', `/api/v1/channel-skus/${cs}/link`, { product_id: p2 });
  await settle(shop, sku, 3, 'a link changed');

  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 1 });
  await settle(shop, sku, 2, 'the buffer changed');
  // the SKU goes to 0 on TikTok: the save says so (confirm_zero, tested in stock_push_preview)
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 5, confirm_zero: 1 });
  await settle(shop, sku, 0, 'a buffer above the stock (never below 0)');
});

test('transient failures are retried until TikTok takes the quantity', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-retry');
  const [a] = await pulled(m, conn);
  const p = await newProduct(m, 'Thử lại');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await receive(m, wh.id, [{ product_id: p, quantity: 6 }]);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
  await settle(shop, a.sku_id, 6, 'turning push on');

  // every product call fails (the fault aimed at the product paths leaves the worker's other jobs going as usual)
  await control('POST', '/sandbox/faults', { fail_path: '/product/202309/products/', fail_count: 100000 });
  try {
    await receive(m, wh.id, [{ product_id: p, quantity: 4 }]);
    const failed = await eventually(async () => {
      const row = (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.find((x) => x.channel_sku_id === a.id);
      return row.error_code && row;
    }, 'the failed push to be recorded', { timeoutMs: 60000 });
    assert.equal(failed.error_code, 'tiktok_server_error');
    assert.equal(failed.pending, true, 'a transient failure leaves the SKU due');
    assert.equal(await sandboxQty(shop, a.sku_id), 6);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  // the job's retry waits 5 s per failed run (tiktok/policy.c), and a run may have failed twice
  await settle(shop, a.sku_id, 10, 'the retry after TikTok recovered', 45000);
  const row = (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push`)).items.find((x) => x.channel_sku_id === a.id);
  assert.deepEqual([row.pushed_quantity, row.error_code, row.pending], [10, null, false]);
});

test('a SKU TikTok refuses inside a successful answer shows the reason; the others of its product are pushed', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-refuse');
  const skus = await pulled(m, conn);
  const [a, b] = skus.filter((s) => s.product_id === skus[0].product_id);
  assert.ok(b, 'a product with two SKUs');
  const p = await newProduct(m, 'Bị từ chối');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await call(m, 'PUT', `/api/v1/channel-skus/${b.id}/link`, { product_id: p });
  await receive(m, wh.id, [{ product_id: p, quantity: 5 }]);
  const initial = await sandboxQty(shop, a.sku_id);
  const reason = 'Sản phẩm đang bị khóa, không thể cập nhật tồn kho';
  await control('PUT', `/sandbox/shops/${shop.id}/skus/${a.sku_id}`, { refuse_inventory: reason });
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
  await settle(shop, b.sku_id, 5, 'the SKU TikTok takes');
  const failed = await eventually(async () => {
    const list = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?failed=true`);
    return list.total === 1 && list;
  }, 'the refused SKU in the failed list');
  assert.deepEqual([failed.items[0].channel_sku_id, failed.items[0].error_code, failed.items[0].error], [a.id, 'sku_rejected', reason]);
  assert.equal(failed.items[0].pending, false, 'a refusal is final until the next change or push now');
  assert.equal(await sandboxQty(shop, a.sku_id), initial, 'the refused SKU keeps what TikTok had');

  await control('PUT', `/sandbox/shops/${shop.id}/skus/${a.sku_id}`, { refuse_inventory: null });
  await call(m, 'POST', `/api/v1/connections/${conn.id}/push-stock`, undefined, 202);
  await settle(shop, a.sku_id, 5, 'push now after TikTok accepts the SKU again');
  await eventually(async () => (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?failed=true`)).total === 0,
    'the failed list to empty');
});

test('two sync workers never push a SKU\'s quantities out of order', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-order');
  const [a] = await pulled(m, conn);
  const p = await newProduct(m, 'Thứ tự');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id] });
  const w = spawn(`${process.env.TTS_BIN_DIR}/tts-sync`, [], { env: process.env, stdio: ['ignore', 'ignore', 'ignore'] });
  workers.push(w);
  const before = (await updates(shop)).length;
  // receipts only add: every quantity TikTok receives must be at least the one before it
  for (let i = 1; i <= 30; i++) await receive(m, wh.id, [{ product_id: p, quantity: 1 }]);
  await settle(shop, a.sku_id, 30, 'the last receipt');
  const seen = (await updates(shop)).slice(before).filter((u) => u.sku_id === a.sku_id).map((u) => u.quantity);
  assert.ok(seen.length >= 1);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `pushed out of order: ${seen.join(', ')}`);
  const [[version, pushed]] = sql(`SELECT version, pushed_version FROM stock_push WHERE channel_sku_id = ${a.id}`);
  assert.equal(pushed, version, 'the last version is the one recorded');
});

test('the TikTok warehouse picker lists the shop\'s sales warehouses; pushes go to the one chosen', async () => {
  const { m, shop, conn, wh } = await stockSetup('sp-twh');
  const second = await control('POST', `/sandbox/shops/${shop.id}/warehouses`, { name: 'Kho Bình Dương' });
  const path = `/api/v1/connections/${conn.id}/tiktok-warehouses`;
  const never = await call(m, 'GET', path);
  assert.deepEqual([never.items, never.pulled_at, never.job], [[], null, null], 'nothing read from TikTok in the request');
  const { job } = await call(m, 'POST', `${path}/pull`, undefined, 202);
  assert.equal(job.kind, 'pull_warehouses');
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${job.id}`)).state === 'done', 'the pull to end');
  const stored = await call(m, 'GET', path);
  assert.ok(stored.pulled_at !== null);
  assert.equal(stored.job.id, job.id);
  const list = stored.items;
  assert.equal(list.length, 2, 'the return warehouse is left out');
  assert.equal(list.filter((w) => w.is_default).length, 1);
  assert.deepEqual(list.find((w) => w.id === second.id), { id: second.id, name: 'Kho Bình Dương', is_default: false });
  const other = await newMerchant('sp-twh-other');
  expectError(assert, await api('GET', path, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('POST', `${path}/pull`, { token: other.token }), 404, 'not_found');

  const [a] = await pulled(m, conn);
  const p = await newProduct(m, 'Kho TikTok');
  await call(m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await receive(m, wh.id, [{ product_id: p, quantity: 8 }]);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], tiktok_warehouse_id: second.id });
  await eventually(async () => (await updates(shop)).some((u) => u.sku_id === a.sku_id && u.warehouse_id === second.id && u.quantity === 8),
    'the push into the chosen TikTok warehouse');
  assert.ok((await updates(shop)).filter((u) => u.sku_id === a.sku_id).every((u) => u.warehouse_id === second.id));
});
