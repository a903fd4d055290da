// An upgrade from the previous release while serving (docs/rolling-upgrade.md): make cluster-test starts the cluster
// on the previous release (its binaries built by scripts/release-build.sh, its sql/), so this file runs first. With
// 16 clients reading the orders list and a backfill writing orders, this checkout's expand migrations are applied
// while the old binaries serve, every api pool and sync worker is rolled to this checkout's binaries, then the rest of
// the migrations: no request fails, every order is stored once, and the cluster ends as a fresh one of this checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { sql, ok, backfillExact, clusterAsync, shopWithOrders, listReaders, PRIMARY_PORT, REPLICA_PORT } from './lib.mjs';
import { eventually } from '../api/lib/db.mjs';

const ORDERS = 20000;
const CLIENTS = 16;
const ROOT = new URL('../../', import.meta.url).pathname;
const VAR = process.env.TTS_VAR || `${ROOT}var/cluster`;
const RELEASE = process.env.TTS_UPGRADE_RELEASE_DIR;   // the previous release's source and build (cluster-test.sh)
const NEW_BIN = process.env.TTS_BIN_DIR || `${ROOT}backend/build/bin`;
const HOSTS = ['api-1', 'api-2', 'sync-1', 'sync-2'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The binary a host runs now (its pid file, then /proc/PID/exe).
function binaryOf(host) {
  const name = host.startsWith('api') ? 'tts-api' : 'tts-sync';
  const pid = readFileSync(`${VAR}/${host}/run/${name}.pid`, 'utf8').trim();
  return readlinkSync(`/proc/${pid}/exe`);
}

const migrations = (dir) => readdirSync(dir).filter((f) => /^\d{4}_[A-Za-z0-9_-]+\.sql$/.test(f)).map((f) => f.slice(0, -4)).sort();
const applied = (port) => sql(port, "SELECT version FROM schema_migrations WHERE state = 'applied' ORDER BY version").map(([v]) => v);
const phaseOf = (version) => /^--\s*phase:\s*(\S+)/.exec(readFileSync(`${ROOT}sql/${version}.sql`, 'utf8'))?.[1] ?? 'expand';

// scripts/migrate.sh on the primary as in production (TCP), without blocking the event loop.
function migrate(...args) {
  const env = { ...process.env, TTS_DB_SOCKET: '', TTS_DB_HOST: '127.0.0.1', TTS_DB_PORT: PRIMARY_PORT, TTS_DB_USER: 'root', TTS_DB_PASSWORD: '' };
  return new Promise((resolve) => {
    execFile('bash', [`${ROOT}scripts/migrate.sh`, 'tts', `${ROOT}sql`, ...args], { encoding: 'utf8', env }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code ?? 1 : 0, out: stdout, err: stderr }));
  });
}

test('the previous release upgraded to this checkout under 16 readers and a backfill: no failed request, no lost order', async (t) => {
  assert.ok(RELEASE, 'TTS_UPGRADE_RELEASE_DIR names the release the cluster started on (make cluster-test sets it)');
  // The cluster runs the release: its binaries on every host, its migrations and no newer one.
  for (const host of HOSTS) assert.ok(binaryOf(host).startsWith(`${RELEASE}/`), `${host} runs the release (${binaryOf(host)})`);
  const releaseVersions = migrations(`${RELEASE}/sql`);
  const ours = migrations(`${ROOT}sql`);
  assert.deepEqual(applied(PRIMARY_PORT), releaseVersions, 'the release schema');
  const added = ours.filter((v) => !releaseVersions.includes(v));
  assert.ok(added.length > 0, 'this checkout has migrations the release does not');
  const firstContract = added.findIndex((v) => phaseOf(v) === 'contract');
  const expandOnes = firstContract < 0 ? added : added.slice(0, firstContract);
  t.diagnostic(`from ${process.env.TTS_UPGRADE_RELEASE}: ${added.length} new migration(s), ${expandOnes.length} before the first contract one`);

  const { m, conn } = await shopWithOrders('release', ORDERS);
  const traffic = listReaders(m, CLIENTS);
  const sync = await ok('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  await sleep(2000);

  // 1. Expand, while the release's binaries serve and its sync workers write orders.
  const before = traffic.done;
  let t0 = Date.now();
  const expand = await migrate('--phase', 'expand');
  assert.equal(expand.code, 0, expand.err);
  assert.deepEqual(applied(PRIMARY_PORT), [...releaseVersions, ...expandOnes].sort(), 'the expand migrations applied, nothing after them');
  t.diagnostic(`expand: ${Date.now() - t0} ms, ${traffic.done - before} requests answered meanwhile`);
  assert.ok(traffic.done > before, 'requests were answered while the expand ran');
  await eventually(() => applied(REPLICA_PORT).length === releaseVersions.length + expandOnes.length, 'the replica to follow the expand');

  // 2. This checkout's binaries, host by host, each two seconds after the previous one came back.
  for (const host of HOSTS) {
    t0 = Date.now();
    await clusterAsync('restart', host);
    assert.equal(binaryOf(host), `${NEW_BIN}/${host.startsWith('api') ? 'tts-api' : 'tts-sync'}`, `${host} runs this checkout`);
    t.diagnostic(`${host} rolled in ${Date.now() - t0} ms`);
    await sleep(2000);
  }

  // 3. Contract, once every binary is new: the schema is this checkout's.
  const contract = await migrate();
  assert.equal(contract.code, 0, contract.err);
  assert.deepEqual(applied(PRIMARY_PORT), ours, 'every migration of this checkout applied');
  await eventually(() => applied(REPLICA_PORT).length === ours.length, 'the replica to follow');

  await sleep(1000);
  await traffic.stop();
  t.diagnostic(`${traffic.done} requests, ${traffic.failures.length} failed`);
  assert.deepEqual(traffic.failures.slice(0, 20), [], `every request succeeded (${traffic.failures.length} of ${traffic.done} failed)`);
  await backfillExact(m, sync.job.id, conn.id, ORDERS, 180000);
});
