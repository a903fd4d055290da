// API tests of stock reconciliation: a quantity changed on TikTok's side is found and corrected on demand and by the
// daily run; the result lists what was corrected; refusals and merchant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { call, stockSetup, newProduct, receive } from './lib/stock.mjs';
import { pulled, sandboxQty, settle } from './lib/stock_push.mjs';

// A shop with push on and two linked SKUs settled at 7; returns the setup and the SKUs.
async function pushing(tag) {
  const s = await stockSetup(tag);
  const [a, b] = await pulled(s.m, s.conn);
  const p = await newProduct(s.m, 'Đối soát');
  await call(s.m, 'PUT', `/api/v1/channel-skus/${a.id}/link`, { product_id: p });
  await call(s.m, 'PUT', `/api/v1/channel-skus/${b.id}/link`, { product_id: p });
  await receive(s.m, s.wh.id, [{ product_id: p, quantity: 7 }]);
  await call(s.m, 'PUT', `/api/v1/connections/${s.conn.id}/stock-settings`, { enabled: true, warehouse_ids: [s.wh.id] });
  await settle(s.shop, a.sku_id, 7, 'turning push on');
  await settle(s.shop, b.sku_id, 7, 'turning push on');
  return { ...s, a, b };
}

test('reconcile now finds a quantity changed on TikTok, reports it and pushes the right one back', async () => {
  const { m, shop, conn, wh, a, b } = await pushing('rc-now');
  assert.deepEqual(await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-reconcile`), { reconcile: null });
  await control('PUT', `/sandbox/shops/${shop.id}/skus/${a.sku_id}`, { quantity: 99 });
  assert.equal(await sandboxQty(shop, a.sku_id), 99);

  const started = await call(m, 'POST', `/api/v1/connections/${conn.id}/stock-reconcile`, undefined, 202);
  assert.equal(started.job.kind, 'stock_reconcile');
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${started.job.id}`)).state === 'done', 'the reconciliation');
  const { reconcile } = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-reconcile`);
  assert.equal(reconcile.job_id, started.job.id);
  assert.equal(reconcile.state, 'done');
  assert.equal(reconcile.checked, 2, 'both linked SKUs checked');
  assert.equal(reconcile.corrected, 1);
  assert.deepEqual(reconcile.items.map((i) => [i.channel_sku_id, i.sku_id, i.tiktok_quantity, i.quantity]), [[a.id, a.sku_id, 99, 7]]);
  assert.ok(reconcile.finished_at);
  await settle(shop, a.sku_id, 7, 'the correction');
  assert.equal(await sandboxQty(shop, b.sku_id), 7);

  // nothing differs now: a second run corrects nothing
  const again = await call(m, 'POST', `/api/v1/connections/${conn.id}/stock-reconcile`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${again.job.id}`)).state === 'done', 'the second run');
  const second = (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-reconcile`)).reconcile;
  assert.deepEqual([second.job_id, second.checked, second.corrected, second.items], [again.job.id, 2, 0, []]);

  const other = await newMerchant('rc-other');
  expectError(assert, await api('POST', `/api/v1/connections/${conn.id}/stock-reconcile`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/connections/${conn.id}/stock-reconcile`, { token: other.token }), 404, 'not_found');
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: false, warehouse_ids: [wh.id] });
  expectError(assert, await api('POST', `/api/v1/connections/${conn.id}/stock-reconcile`, { token: m.token }), 409, 'stock_push_off');
});

test('the daily run reconciles a shop whose push has been on for a day', async () => {
  const { m, shop, conn, a } = await pushing('rc-daily');
  await control('PUT', `/sandbox/shops/${shop.id}/skus/${a.sku_id}`, { quantity: 0 });
  // what a day of push being on looks like to the scheduler
  sql(`UPDATE stock_settings SET updated_at = UTC_TIMESTAMP() - INTERVAL 25 HOUR WHERE connection_id = ${conn.id}`);
  const { reconcile } = await eventually(async () => {
    const r = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-reconcile`);
    return r.reconcile && r.reconcile.state === 'done' && r;
  }, 'the daily reconciliation', { timeoutMs: 30000 });
  assert.deepEqual(reconcile.items.map((i) => [i.sku_id, i.tiktok_quantity, i.quantity]), [[a.sku_id, 0, 7]]);
  await settle(shop, a.sku_id, 7, 'the daily correction');
  const runs = sql(`SELECT COUNT(*) FROM sync_jobs WHERE connection_id = ${conn.id} AND kind = 'stock_reconcile'`);
  assert.equal(runs[0][0], '1', 'once a day: the scheduler does not queue another');
});
