// Read replicas: lists read the replica, yet a merchant always sees their own writes; the health endpoint reports the lag.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { newMerchant } from '../api/lib/client.mjs';
import { eventually } from '../api/lib/db.mjs';
import { sql, ok, PRIMARY_PORT, REPLICA_PORT } from './lib.mjs';

after(() => sql(REPLICA_PORT, 'START SLAVE SQL_THREAD'));

test('lists read the replica, a merchant\'s own change shows at once, and the lag is reported', async () => {
  const m = await newMerchant('replica');
  const made = await ok('POST', '/api/v1/products', { token: m.token, body: { name: 'Áo thun', sku: 'AT-1' } });
  await eventually(() => sql(REPLICA_PORT, `SELECT COUNT(*) FROM products WHERE id = ${made.id}`)[0][0] === '1',
    'the replica to apply the new product');

  sql(REPLICA_PORT, 'STOP SLAVE SQL_THREAD');
  // A change that is not this merchant's own request (as a sync worker's would be): the replica has not applied it.
  sql(PRIMARY_PORT, `UPDATE products SET name = 'Áo đổi ngầm' WHERE id = ${made.id}`);
  const fromReplica = await ok('GET', `/api/v1/products?q=ao`, { token: m.token });
  assert.equal(fromReplica.items[0].name, 'Áo thun', 'the list was read on the replica');
  const fromPrimary = await ok('GET', `/api/v1/products/${made.id}`, { token: m.token });
  assert.equal(fromPrimary.name, 'Áo đổi ngầm', 'a single object is read on the primary');

  // The merchant's own write: the replica has not applied it, so the list is read on the primary.
  await ok('PATCH', `/api/v1/products/${made.id}`, { token: m.token, body: { name: 'Áo của tôi' } });
  const mine = await ok('GET', '/api/v1/products?q=ao', { token: m.token });
  assert.equal(mine.items[0].name, 'Áo của tôi');

  const lagging = await eventually(async () => {
    const h = await ok('GET', '/api/v1/health');
    return h.replica === 'ok' && h.replica_lag_ms >= 1000 && h;
  }, 'the health endpoint to report the lag');
  assert.equal(lagging.db, 'ok');

  sql(REPLICA_PORT, 'START SLAVE SQL_THREAD');
  await eventually(async () => (await ok('GET', '/api/v1/health')).replica_lag_ms < 1000, 'the replica to catch up');
  const caughtUp = await ok('GET', '/api/v1/products?q=ao', { token: m.token });
  assert.equal(caughtUp.items[0].name, 'Áo của tôi');
});
