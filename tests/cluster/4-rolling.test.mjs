// A rolling restart under traffic (docs/rolling-upgrade.md): with 16 clients reading the orders list through nginx
// and a backfill running, every api pool and every sync worker is restarted twice (`cluster.sh restart`, each two
// seconds after the previous one came back): no request fails, every order is stored exactly once, no job is lost
// or run to its end twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, newMerchant } from '../api/lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from '../api/lib/tiktok.mjs';
import { sql, ok, backfillExact, clusterAsync, PRIMARY_PORT } from './lib.mjs';

const ORDERS = 20000;
const CLIENTS = 16;
const ROUNDS = 2;
const VAR = process.env.TTS_VAR || new URL('../../var/cluster', import.meta.url).pathname;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pidOf = (host) => {
  try {
    return readFileSync(`${VAR}/${host}/run/${host.startsWith('api') ? 'tts-api' : 'tts-sync'}.pid`, 'utf8').trim();
  } catch {
    return null;
  }
};

test('every api pool and sync worker restarted twice under 16 readers and a backfill: no failed request, no lost job', async (t) => {
  const m = await newMerchant('rolling');
  const seller = await newSeller(1, 'rolling');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  for (let i = 0; i < ORDERS / 1000; i++) await makeOrders(shop.id, { count: 1000, days_back: 30 });
  const [conn] = await connectSeller(api, m, seller);

  // The traffic: each client reads the orders list, again and again, through nginx's upstream of both pools.
  let running = true;
  let done = 0;
  const failures = [];
  const client = async () => {
    while (running) {
      try {
        const res = await api('GET', '/api/v1/orders?per_page=20', { token: m.token });
        if (res.status !== 200) failures.push(`${res.status} ${res.text.slice(0, 200)}`);
      } catch (e) {
        failures.push(`${e.message} ${e.cause ? e.cause.message || e.cause.code : ''}`);
      }
      done++;
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);

  const sync = await ok('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  await sleep(2000);
  const hosts = ['api-1', 'api-2', 'sync-1', 'sync-2'];
  const restarts = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const host of hosts) {
      const before = pidOf(host);
      const t0 = Date.now();
      await clusterAsync('restart', host);
      const after = pidOf(host);
      assert.ok(after && after !== before, `${host} runs a new process (${before} → ${after})`);
      restarts.push(`${host} ${Date.now() - t0} ms`);
      await sleep(2000);
    }
  }
  running = false;
  await Promise.all(clients);
  t.diagnostic(`${done} requests, ${failures.length} failed; restarts: ${restarts.join(', ')}`);

  assert.deepEqual(failures.slice(0, 20), [], `every request succeeded (${failures.length} of ${done} failed)`);
  assert.ok(done > 1000, `the traffic ran throughout (${done} requests)`);
  await backfillExact(m, sync.job.id, conn.id, ORDERS, 180000);
  // No job lost: every job still running is held by a sync worker that is alive (the stopped ones handed theirs back).
  const live = ['sync-1', 'sync-2'].map(pidOf);
  const orphans = sql(PRIMARY_PORT, `SELECT id, kind, lease_owner FROM sync_jobs WHERE state = 'running'`)
    .filter(([, , owner]) => !live.includes(owner.split(':').pop()));
  assert.deepEqual(orphans, [], 'no job left under the lease of a stopped worker');
  const handedBack = sql(PRIMARY_PORT, `SELECT COUNT(*) FROM sync_job_runs r JOIN sync_jobs j ON j.id = r.job_id
                                        WHERE j.id = ${sync.job.id} AND r.outcome = 'retry'`)[0][0];
  t.diagnostic(`the backfill was handed back ${handedBack} time(s) by a stopping sync worker`);
});
