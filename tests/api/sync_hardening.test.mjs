// Sync tests of the hardening: a disconnect stops a running backfill, and sync failures travel as stable codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';

async function setup(tag) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  return { m, shop, conn };
}

const storedOrders = (conn) => Number(sql(`SELECT COUNT(*) FROM orders WHERE connection_id = ${conn.id}`)[0][0]);

async function jobOf(m, id) {
  const res = await api('GET', `/api/v1/sync-jobs/${id}`, { token: m.token });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test('a disconnect stops a running backfill: no order is stored after it', async () => {
  const { m, shop, conn } = await setup('stop-backfill');
  await makeOrders(shop.id, { count: 1000, days_back: 50 });
  await control('POST', '/sandbox/faults', { latency_ms: 150 }); // ten pages: the run takes a while
  try {
    const start = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
    assert.equal(start.status, 202, start.text);
    const jobId = start.json.job.id;
    await eventually(() => storedOrders(conn) >= 100, 'the first page to be stored', { everyMs: 20 });
    const del = await api('DELETE', `/api/v1/connections/${conn.id}`, { token: m.token });
    assert.equal(del.status, 204, del.text);
    const atDisconnect = storedOrders(conn);
    assert.ok(atDisconnect < 1000, `the backfill was still running (${atDisconnect} stored)`);
    const job = await eventually(async () => {
      const j = await jobOf(m, jobId);
      return (j.state === 'done' || j.state === 'failed') && j;
    }, 'the backfill to stop', { timeoutMs: 60000 });
    assert.equal(job.state, 'failed');
    assert.equal(job.error_code, 'shop_disconnected');
    assert.equal(typeof job.error, 'string');
    assert.equal(storedOrders(conn), atDisconnect, 'orders were stored after the disconnect');
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
});

test('sync failures travel as stable codes on the job and the connection', async () => {
  const { m, shop, conn } = await setup('codes');
  await makeOrders(shop.id, { count: 5, days_back: 3 });
  await control('POST', '/sandbox/faults', { throttle_rate: 1 });
  let jobId;
  try {
    const start = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
    jobId = start.json.job.id;
    const c = await eventually(async () => {
      const list = (await api('GET', '/api/v1/connections', { token: m.token })).json;
      const mine = list.items.find((x) => x.id === conn.id);
      return mine.last_error_code && mine;
    }, 'the failure to be recorded on the connection', { timeoutMs: 60000 });
    assert.equal(c.last_error_code, 'rate_limited');
    assert.ok(c.last_error.length > 0, 'the English sentence stays as a detail');
    const j = await eventually(async () => {
      const x = await jobOf(m, jobId);
      return x.error_code && x;
    }, 'the failure to be recorded on the job');
    assert.equal(j.error_code, 'rate_limited');
    assert.ok(['queued', 'running'].includes(j.state), 'a throttled job is retried');
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const done = await eventually(async () => {
    const x = await jobOf(m, jobId);
    return x.state === 'done' && x;
  }, 'the retried job to finish', { timeoutMs: 90000 });
  assert.equal(done.error_code, null);
  const after = (await api('GET', '/api/v1/connections', { token: m.token })).json.items.find((x) => x.id === conn.id);
  assert.equal(after.last_error_code, null);
  assert.equal(after.last_error, null);
});

test('queued jobs of a disconnected shop end with a code', async () => {
  const { m, conn } = await setup('cancel-code');
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, run_after) VALUES (${m.merchant.id}, ${conn.id}, 'shop_check', UTC_TIMESTAMP() + INTERVAL 1 HOUR)`);
  const del = await api('DELETE', `/api/v1/connections/${conn.id}`, { token: m.token });
  assert.equal(del.status, 204);
  const log = (await api('GET', `/api/v1/sync-jobs?connection_id=${conn.id}`, { token: m.token })).json;
  const check = log.items.find((j) => j.kind === 'shop_check');
  assert.equal(check.state, 'failed');
  assert.equal(check.error_code, 'shop_disconnected');
});

test("the orders screen's shop filter can list disconnected shops: their orders stay", async () => {
  const { m, conn } = await setup('filter-gone');
  const del = await api('DELETE', `/api/v1/connections/${conn.id}`, { token: m.token });
  assert.equal(del.status, 204);
  const active = (await api('GET', '/api/v1/connections', { token: m.token })).json;
  assert.equal(active.total, 0);
  const all = (await api('GET', '/api/v1/connections?include_disconnected=true', { token: m.token })).json;
  assert.equal(all.total, 1);
  assert.equal(all.items[0].id, conn.id);
  assert.equal(all.items[0].status, 'disconnected');
  const bad = await api('GET', '/api/v1/connections?include_disconnected=maybe', { token: m.token });
  assert.equal(bad.status, 422);
  // Another merchant never sees them.
  const other = await newMerchant('filter-other');
  assert.equal((await api('GET', '/api/v1/connections?include_disconnected=true', { token: other.token })).json.total, 0);
});
