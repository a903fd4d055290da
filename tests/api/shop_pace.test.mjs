// TikTok's per-shop rate limit holds across sync workers: three workers hammering one shop stay under it as the sandbox
// counts calls, and the sandbox's throttling answer is never hit (the sandbox enforces TikTok's 50 calls a second).
// A burst of order webhooks is fetched together: one Get Order Detail call for up to 50 of a shop's due notices.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { api, newMerchant } from './lib/client.mjs';
import { sql, eventually } from './lib/db.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';

const TIKTOK_LIMIT = 50;   // calls a second per API path and shop (tiktok-shop-api.md)
const JOBS = 300;
const TOGETHER = 50;       // order ids a Get Order Detail call takes
const extra = [];

after(async () => {
  for (const p of extra) {
    if (p.exitCode === null) {
      p.kill('SIGTERM');
      await once(p, 'exit');
    }
  }
});

test('the sandbox answers 429 past the per-shop limit and reports the calls', async () => {
  const limit = await control('GET', '/sandbox/rate-limit');
  assert.equal(limit.per_second, TIKTOK_LIMIT, 'the sandbox enforces TikTok\'s limit by default');
  const bad = await fetch(`${process.env.SANDBOX_URL}/sandbox/rate-limit`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ per_second: -1 }),
  });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).error.code, 'validation_failed');
});

test('three sync workers fetching one shop together stay under its rate limit', async () => {
  const m = await newMerchant('pace');
  const seller = await newSeller(1, 'pace');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 2, skus_per_product: 2 });
  await makeOrders(shop.id, { count: 30, days_back: 1, status: 'AWAITING_SHIPMENT' });
  const [conn] = await connectSeller(api, m, seller);
  assert.equal((await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token })).status, 202);
  await eventually(async () => (await api('GET', `/api/v1/orders?connection_id=${conn.id}&per_page=1`, { token: m.token })).json.total === 30,
    'the first sync of 30 orders', { timeoutMs: 60000 });

  // What a burst of return webhooks leaves: one after_sales_fetch job per notice (a TikTok call each), all due now,
  // for one shop (order notices are fetched together, far fewer calls: the next test)
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, payload)
       SELECT ${m.merchant.id}, ${conn.id}, 'after_sales_fetch', CONCAT('return:', 4100000000 + seq) FROM seq_0_to_${JOBS - 1}`);
  const bin = `${process.env.TTS_BIN_DIR}/tts-sync`;
  for (let i = 0; i < 2; i++) extra.push(spawn(bin, [], { env: process.env, stdio: 'ignore' }));

  await eventually(() => sql(`SELECT COUNT(*) FROM sync_jobs WHERE connection_id = ${conn.id} AND kind = 'after_sales_fetch' AND state = 'done'`)[0][0] === String(JOBS),
    `all ${JOBS} fetches to be done`, { timeoutMs: 90000 });
  const owners = sql(`SELECT COUNT(DISTINCT r.worker) FROM sync_job_runs r JOIN sync_jobs j ON j.id = r.job_id
                      WHERE j.connection_id = ${conn.id} AND j.kind = 'after_sales_fetch'`)[0][0];
  assert.ok(Number(owners) >= 2, `the fetches were shared by several workers (${owners})`);

  const calls = await control('GET', `/sandbox/shops/${shop.id}/calls`);
  const fetches = calls.paths.find((p) => p.path === '/return_refund/202309/returns/search');
  assert.ok(fetches && fetches.calls >= JOBS, `the sandbox saw the ${JOBS} fetches: ${JSON.stringify(calls)}`);
  assert.equal(calls.throttled, 0, `no call was throttled: ${JSON.stringify(calls)}`);
  assert.ok(calls.max_per_second <= TIKTOK_LIMIT, `at most ${TIKTOK_LIMIT} calls in any second: ${JSON.stringify(calls)}`);
});

test('a burst of order notices is fetched together: one call for up to 50 of a shop\'s, each notice done and its order stored', async () => {
  const m = await newMerchant('together');
  const seller = await newSeller(1, 'together');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 2, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const sync = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(sync.status, 202);
  await eventually(async () => (await api('GET', `/api/v1/sync-jobs/${sync.json.job.id}`, { token: m.token })).json.state === 'done',
    'the first Sync all', { timeoutMs: 60000 });
  const before = (await control('GET', `/sandbox/shops/${shop.id}/calls`)).paths.find((p) => p.path === '/order/202309/orders')?.calls ?? 0;

  // 120 new orders TikTok announced (their notices queued as the webhook endpoint queues them), one twice
  const made = await makeOrders(shop.id, { count: 120, days_back: 0 });
  const notices = [...made.map((o) => o.id), made[0].id];
  sql(`INSERT INTO sync_jobs (merchant_id, connection_id, kind, payload) VALUES ${
    notices.map((id) => `(${m.merchant.id}, ${conn.id}, 'order_fetch', '${id}')`).join(', ')}`);
  await eventually(() => sql(`SELECT COUNT(*) FROM sync_jobs WHERE connection_id = ${conn.id} AND kind = 'order_fetch' AND state = 'done'`)[0][0] === String(notices.length),
    'every notice done', { timeoutMs: 60000 });

  const listed = (await api('GET', `/api/v1/orders?connection_id=${conn.id}&per_page=200`, { token: m.token })).json;
  assert.deepEqual(listed.items.map((o) => o.external_id).sort(), made.map((o) => o.id).sort(), 'every announced order stored once');
  const after = (await control('GET', `/sandbox/shops/${shop.id}/calls`)).paths.find((p) => p.path === '/order/202309/orders').calls;
  assert.ok(after - before >= Math.ceil(made.length / TOGETHER) && after - before <= 12,
    `${notices.length} notices fetched in ${after - before} calls`);
  const runs = sql(`SELECT COUNT(*), COUNT(DISTINCT r.job_id), SUM(r.outcome = 'done') FROM sync_job_runs r JOIN sync_jobs j ON j.id = r.job_id
                    WHERE j.connection_id = ${conn.id} AND j.kind = 'order_fetch'`)[0];
  assert.deepEqual(runs.map(Number), [notices.length, notices.length, notices.length], 'one run recorded for each notice, done');
});
