// The failover runbook (README, Scaling out), performed: the primary dies, the replica is promoted, the hosts are pointed
// at it and restarted; everything written before is there and the app takes writes again. Runs last: it ends the pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newMerchant } from '../api/lib/client.mjs';
import { eventually } from '../api/lib/db.mjs';
import { sql, ok, cluster, REPLICA_PORT } from './lib.mjs';

test('after the primary dies, the promoted replica serves every read and write', async () => {
  const m = await newMerchant('failover');
  const before = await ok('POST', '/api/v1/products', { token: m.token, body: { name: 'Váy hoa', sku: 'VH-1' } });
  await eventually(() => sql(REPLICA_PORT, `SELECT COUNT(*) FROM products WHERE id = ${before.id}`)[0][0] === '1',
    'the replica to apply the product');

  // The primary dies without a clean shutdown.
  const pid = readFileSync(`${process.env.TTS_RUN_DIR}/mariadbd.pid`, 'utf8').trim();
  process.kill(Number(pid), 'SIGKILL');
  await eventually(async () => {
    const h = await fetch(`${process.env.BASE_URL}/api/v1/health`);
    return h.status === 503;
  }, 'the app to notice the primary is gone');

  cluster('failover');

  const health = await ok('GET', '/api/v1/health');
  assert.equal(health.db, 'ok');
  assert.equal(health.replica, undefined, 'no replica any more');
  const kept = await ok('GET', `/api/v1/products/${before.id}`, { token: m.token });
  assert.equal(kept.name, 'Váy hoa');
  const after = await ok('POST', '/api/v1/products', { token: m.token, body: { name: 'Váy mới', sku: 'VH-2' } });
  assert.equal(sql(REPLICA_PORT, `SELECT name FROM products WHERE id = ${after.id}`)[0][0], 'Váy mới', 'written on the promoted server');
  const list = await ok('GET', '/api/v1/products?q=vay', { token: m.token });
  assert.equal(list.total, 2);
});
