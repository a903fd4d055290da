// A rolling restart under traffic (docs/rolling-upgrade.md): with 16 clients reading the orders list through nginx
// and a backfill running, every api pool and every sync worker is restarted twice (`cluster.sh restart`, each two
// seconds after the previous one came back): no request fails, every order is stored exactly once, no job is lost
// or run to its end twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql, ok, backfillExact, clusterAsync, shopWithOrders, listReaders, PRIMARY_PORT } from './lib.mjs';

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
  const { m, conn } = await shopWithOrders('rolling', ORDERS);

  const traffic = listReaders(m, CLIENTS);

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
  await traffic.stop();
  const { done, failures } = traffic;
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
