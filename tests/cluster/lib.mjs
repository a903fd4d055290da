// Helpers of the cluster tests (the API tests' client and sandbox helpers are reused): SQL on either MariaDB server of
// the cluster, and scripts/cluster.sh's actions (a host stopped or started, the failover).
import { execFile, execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { api, newMerchant } from '../api/lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from '../api/lib/tiktok.mjs';
import { eventually } from '../api/lib/db.mjs';

export const PRIMARY_PORT = process.env.TTS_DB_PORT;
export const REPLICA_PORT = process.env.TTS_CLUSTER_REPLICA_PORT;
const ROOT = new URL('../../', import.meta.url).pathname;

// sql(port, query): rows of text cells, through the mariadb client on the server at 127.0.0.1:port.
export function sql(port, query) {
  const out = execFileSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${port}`, '-uroot', '-N', '-B', '--database=tts', '-e', query],
    { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// cluster(...args): scripts/cluster.sh with args (start or stop a host, failover).
export function cluster(...args) {
  return execFileSync('bash', [`${ROOT}scripts/cluster.sh`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// An API call that must succeed; returns the JSON.
export async function ok(method, path, opts = {}) {
  const res = await api(method, path, opts);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
  return res.json;
}

// clusterAsync(...args): the same, without blocking the event loop (the traffic goes on while a host restarts).
export function clusterAsync(...args) {
  return new Promise((resolve, reject) => {
    execFile('bash', [`${ROOT}scripts/cluster.sh`, ...args], { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`cluster.sh ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

// The backfill job of merchant m ends done within timeoutMs, with the connection's orders stored exactly once each
// (`orders` of them), no job of the connection run to its end twice and none failed.
export async function backfillExact(m, jobId, connId, orders, timeoutMs) {
  const job = await eventually(async () => {
    const j = await ok('GET', `/api/v1/sync-jobs/${jobId}`, { token: m.token });
    return j.state === 'done' && j;
  }, 'the backfill to finish', { timeoutMs });
  assert.equal(job.state, 'done');
  const [[count, distinct]] = sql(PRIMARY_PORT, `SELECT COUNT(*), COUNT(DISTINCT external_id) FROM orders WHERE connection_id = ${connId}`);
  assert.equal(count, String(orders), 'every order stored');
  assert.equal(distinct, String(orders), 'no order doubled');
  const runs = sql(PRIMARY_PORT, `SELECT r.job_id, SUM(r.outcome = 'done') FROM sync_job_runs r JOIN sync_jobs j ON j.id = r.job_id
                                  WHERE j.connection_id = ${connId} GROUP BY r.job_id HAVING SUM(r.outcome = 'done') > 1`);
  assert.deepEqual(runs, [], 'no job ran to its end twice');
  assert.deepEqual(sql(PRIMARY_PORT, `SELECT COUNT(*) FROM sync_jobs WHERE connection_id = ${connId} AND state = 'failed'`), [['0']]);
}

// A merchant with a connected sandbox shop whose TikTok side holds `orders` orders (3 products, 2 SKUs each), not
// synced yet.
export async function shopWithOrders(tag, orders) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  for (let i = 0; i < orders / 1000; i++) await makeOrders(shop.id, { count: 1000, days_back: 30 });
  const [conn] = await connectSeller(api, m, seller);
  return { m, shop, conn };
}

// `clients` readers of merchant m's orders list through nginx's upstream of both pools, again and again until
// stop(): `done` counts the answers, `failures` keeps each one that was not a 200 (or no answer at all).
export function listReaders(m, clients) {
  const traffic = { done: 0, failures: [] };
  let running = true;
  const client = async () => {
    while (running) {
      try {
        const res = await api('GET', '/api/v1/orders?per_page=20', { token: m.token });
        if (res.status !== 200) traffic.failures.push(`${res.status} ${res.text.slice(0, 200)}`);
      } catch (e) {
        traffic.failures.push(`${e.message} ${e.cause ? e.cause.message || e.cause.code : ''}`);
      }
      traffic.done++;
    }
  };
  const all = Array.from({ length: clients }, client);
  traffic.stop = async () => {
    running = false;
    await Promise.all(all);
  };
  return traffic;
}
