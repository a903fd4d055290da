// The sync worker killed with SIGKILL at random moments of a 20,000-order backfill and restarted each time:
// the backfill ends with every order exactly once, and its stored cursor never ran ahead of the stored orders.
import { test } from 'node:test';
import { hostname } from 'node:os';
import assert from 'node:assert/strict';
import { api, newMerchant } from '../api/lib/client.mjs';
import { sql, eventually } from '../api/lib/db.mjs';
import { control, newSeller, connectSeller } from '../api/lib/tiktok.mjs';
import { pidOf, alive, killHard, startSync } from './lib/procs.mjs';

const ORDERS = 20000;
const KILLS = 5;

// The create time a sandbox page token resumes after ("v1:tag:create_time:id:total", base64).
const tokenTime = (tok) => Number(Buffer.from(tok, 'base64').toString('utf8').split(':')[2]);

test('SIGKILLs during a backfill of 20,000 orders: every order exactly once, the cursor intact', async () => {
  const m = await newMerchant('synckill');
  const seller = await newSeller(1, 'synckill');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const t0 = Date.now();
  const made = [];
  const batches = Array.from({ length: ORDERS / 1000 }, (_, i) => i);
  for (let i = 0; i < batches.length; i += 4) {
    const got = await Promise.all(batches.slice(i, i + 4).map((b) =>
      control('POST', `/sandbox/shops/${shop.id}/orders`, { count: 1000, days_back: 50, seed: 7919 * (b + 1) })));
    for (const g of got) made.push(...g.orders);
  }
  assert.equal(new Set(made.map((o) => o.id)).size, ORDERS);
  const [conn] = await connectSeller(api, m, seller);
  const started = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(started.status, 202, started.text);
  const jobId = started.json.job.id;
  const stored = () => Number(sql(`SELECT COUNT(*) FROM orders WHERE connection_id = ${conn.id}`)[0][0]);
  const job = () => sql(`SELECT state, page_cursor FROM sync_jobs WHERE id = ${jobId}`)[0];

  console.log(`orders made in the sandbox: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  const owner = () => sql(`SELECT lease_owner FROM sync_jobs WHERE id = ${jobId} AND state = 'running'`).map((r) => r[0])[0];
  let lastCursorTime = 0;
  let kills = 0;
  while (kills < KILLS) {
    // A random moment of the backfill: between 0.1 s and 1.5 s after the (restarted) worker stored more of it.
    const pid = pidOf('tts-sync');
    const before = stored();
    await eventually(() => (stored() > before && owner() === `${hostname()}:${pid}`) || job()[0] === 'done',
      'the backfill to make progress', { timeoutMs: 60000, everyMs: 50 });
    assert.notEqual(job()[0], 'done', `the backfill ended after ${kills} kills: too fast for this test`);
    await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 1400))); // the random kill moment
    await killHard(pid, 'tts-sync');
    const [state, cursor] = job();
    assert.equal(state, 'running', 'killed during the backfill');
    kills += 1;
    // What is stored is what the cursor says, or more (a page stored whose cursor was not yet written).
    if (cursor) {
      const at = tokenTime(cursor);
      assert.ok(at >= lastCursorTime, 'the cursor never moves back');
      lastCursorTime = at;
      const have = new Set(sql(`SELECT external_id FROM orders WHERE connection_id = ${conn.id}`).map((r) => r[0]));
      const missing = made.filter((o) => o.create_time < at && !have.has(o.id));
      assert.equal(missing.length, 0, `kill ${kills}: every order before the cursor is stored`);
    }
    await startSync();
    assert.ok(alive(pidOf('tts-sync')), 'tts-sync restarted');
  }

  await eventually(() => job()[0] === 'done', 'the backfill to finish', { timeoutMs: 240000, everyMs: 250 });
  const ids = sql(`SELECT external_id FROM orders WHERE connection_id = ${conn.id}`).map((r) => r[0]);
  assert.equal(ids.length, ORDERS, 'every order stored once');
  const have = new Set(ids);
  assert.equal(made.filter((o) => !have.has(o.id)).length, 0, 'no order missing');
  const [[counted]] = sql(`SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE connection_id = ${conn.id}`);
  assert.equal(Number(counted), ORDERS, 'the order totals counted each order once');
  const [[lineless]] = sql(`SELECT COUNT(*) FROM orders o WHERE o.connection_id = ${conn.id}
    AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`);
  assert.equal(Number(lineless), 0, 'no order without its lines');
  const [state, cursor] = job();
  assert.equal(state, 'done');
  assert.equal(cursor, null, 'the finished job holds no cursor');
  const [[runs]] = sql(`SELECT COUNT(*) FROM sync_job_runs WHERE job_id = ${jobId}`);
  assert.ok(Number(runs) >= KILLS + 1, `the job ran again after each kill (${runs} runs)`);
  console.log(`backfill with ${KILLS} kills: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  const list = await api('GET', `/api/v1/orders?connection_id=${conn.id}&per_page=1`, { token: m.token });
  assert.equal(list.json.total, ORDERS, 'the API counts every order once');
});
