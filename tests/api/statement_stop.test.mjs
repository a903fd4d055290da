// A statement stopped by the time limit while its rows are coming (a locking read of a stock row another session
// holds, inside the slip's transaction): 503 query_timeout for that request, nothing half-written, every api worker
// answers the next requests on a fresh connection, and the same slip goes through once the row is free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectError } from './lib/client.mjs';
import { holdSession } from './lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive, stockOf } from './lib/stock.mjs';

test('a locking read stopped by the time limit answers 503 and leaves every api worker answering', async () => {
  const { m, shop, conn, wh } = await stockSetup('stmt-stop');
  const [synced] = await syncedOrders(m, shop, conn);
  const p = await newProduct(m, 'Khóa hàng');
  const o = await linkLines(m, synced, () => p);
  // enough for the order whatever the sandbox drew (its lines all take the one product)
  await receive(m, wh.id, [{ product_id: p, quantity: o.lines.reduce((n, l) => n + l.quantity, 0) }]);
  const before = await stockOf(m, wh.id, p);

  const release = await holdSession(`BEGIN; SELECT on_hand FROM stock WHERE warehouse_id = ${wh.id} AND product_id = ${p} FOR UPDATE;`,
    'ROLLBACK;');
  try {
    const res = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
    expectError(assert, res, 503, 'query_timeout');
  } finally {
    await release();
  }
  // More requests than the test stack has workers, each answered (a worker stuck on its connection would leave
  // one of them to nginx's 504 after a minute).
  for (let i = 0; i < 9; i++) {
    const res = await api('GET', `/api/v1/orders/${o.id}`, { token: m.token });
    assert.equal(res.status, 200, `request ${i}: ${res.text}`);
    assert.equal(res.json.export_slips?.length ?? 0, 0, 'the stopped slip left nothing behind');
  }
  assert.deepEqual(await stockOf(m, wh.id, p), before);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  assert.equal(slip.status, 'awaiting_export', 'the same slip goes through once the row is free');
});
