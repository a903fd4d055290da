// API tests of after-sales: cancellation, return and refund requests raised on the sandbox (TikTok's Return and Refund
// API) reach the app through webhooks and the sync worker, are answered from the app through jobs, and the stock
// follows one rule (an approved cancellation cancels the slip awaiting export; a return's goods come back once).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import {
  stockSetup, call, syncedOrders, order, newProduct, linkLines, receive, stockOf, checkInvariants,
} from './lib/stock.mjs';

let ctx;
let product;
before(async () => {
  ctx = await stockSetup('after-sales');
  product = await newProduct(ctx.m, 'Áo trả');
  await receive(ctx.m, ctx.wh.id, [{ product_id: product, quantity: 500 }]);
});

// A synced order (status on TikTok) with every line linked to the test's product.
async function linkedOrder(status = 'AWAITING_SHIPMENT') {
  const [o] = await syncedOrders(ctx.m, ctx.shop, ctx.conn, { status });
  return linkLines(ctx.m, o, () => product);
}

const units = (o) => o.lines.reduce((n, l) => n + l.quantity, 0);

// The app's request for TikTok's id, once synced (and, when given, once `ready` holds of it).
async function synced(externalId, ready = () => true, what = 'the request') {
  return eventually(async () => {
    const list = await call(ctx.m, 'GET', '/api/v1/after-sales?per_page=200');
    const item = list.items.find((x) => x.external_id === externalId);
    if (!item) return null;
    const full = await call(ctx.m, 'GET', `/api/v1/after-sales/${item.id}`);
    return ready(full) ? full : null;
  }, `${what} ${externalId} in the app`, { timeoutMs: 30000 });
}

async function raiseCancellation(o) {
  const res = await control('POST', `/sandbox/orders/${o.external_id}/cancellations`, { cancel_reason: 'ecom_order_to_ship_canceled_reason_change_payment_method' });
  assert.ok(res.cancel_id, JSON.stringify(res));
  return res;
}

async function raiseReturn(o, returnType) {
  const res = await control('POST', `/sandbox/orders/${o.external_id}/returns`, { return_type: returnType });
  assert.ok(res.return_id, JSON.stringify(res));
  return res;
}

const jobDone = async (job, state = 'done') => eventually(async () => {
  const j = await call(ctx.m, 'GET', `/api/v1/sync-jobs/${job.id}`);
  return ['done', 'failed'].includes(j.state) && j;
}, `job ${job.id}`, { timeoutMs: 30000 }).then((j) => {
  assert.equal(j.state, state, JSON.stringify(j));
  return j;
});

test('a cancellation with a slip awaiting export: synced with its deadline, approved from the app, the slip is cancelled by the rule', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const before = await stockOf(m, wh.id, product);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id, (r) => r.reject_reasons.length > 0);
  assert.equal(req.kind, 'cancellation');
  assert.equal(req.status, 'waiting');
  assert.equal(req.order_id, o.id);
  assert.ok(req.deadline, 'TikTok\'s deadline is kept');
  assert.equal(req.can_answer, true);
  assert.equal(req.stock.state, 'pending');
  assert.ok(req.lines.length > 0 && req.lines.every((l) => l.product && l.product.id === product));
  // the order detail carries it, the overview counts it
  const od = await order(m, o.id);
  assert.deepEqual(od.after_sales.map((x) => x.id), [req.id]);
  const ov = await call(m, 'GET', '/api/v1/overview');
  assert.ok(ov.after_sales_waiting.count >= 1);
  assert.ok(ov.after_sales_waiting.nearest_deadline <= req.deadline);

  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  await jobDone(job);
  const done = await synced(made.cancel_id, (r) => r.stock.state !== 'pending', 'the approved cancellation');
  assert.ok(['approved', 'completed'].includes(done.status), done.status);
  assert.equal(done.stock.state, 'slip_cancelled');
  assert.equal(done.stock.export_slip_id, slip.id);
  const s = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
  assert.equal(s.status, 'cancelled');
  assert.deepEqual(await stockOf(m, wh.id, product), before, 'the awaiting-export quantity is released');
  const tagged = sql(`SELECT COUNT(*) FROM stock_movements WHERE doc_type = 'slip_cancel' AND doc_id = ${slip.id} AND after_sales_id = ${req.id}`);
  assert.ok(Number(tagged[0][0]) >= 1, 'the ledger rows carry the request');
  checkInvariants(m);
});

test('Hủy phiếu names a cancellation request only of its own order: another id is refused and the slip stays', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const other = await linkedOrder();
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const made = await raiseCancellation(other);
  const req = await synced(made.cancel_id);
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/cancel`, { token: m.token, body: { after_sales_id: 987654321 } }), 404, 'not_found');
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/cancel`, { token: m.token, body: { after_sales_id: req.id } }),
    409, 'not_a_cancellation_of_this_slip');
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/cancel`, { token: m.token, body: { after_sales_id: 'x' } }), 422, 'validation_failed');
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status, 'awaiting_export', 'nothing was cancelled');
  const untagged = sql(`SELECT COUNT(*) FROM stock_movements WHERE doc_type = 'slip_cancel' AND doc_id = ${slip.id}`);
  assert.equal(Number(untagged[0][0]), 0, 'no ledger row was left behind');
});

test('a cancellation without a slip touches no stock; concurrent approvals send one answer', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const before = await stockOf(m, wh.id, product);
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id);
  const answers = await Promise.all([1, 2, 3].map(() => api('POST', `/api/v1/after-sales/${req.id}/approve`, { token: m.token, body: {} })));
  assert.deepEqual(answers.map((a) => a.status).sort(), [202, 409, 409], answers.map((a) => a.text).join('\n'));
  for (const a of answers.filter((x) => x.status === 409)) assert.ok(['after_sales_answer_sending', 'after_sales_not_waiting'].includes(a.json.error.code));
  await jobDone(answers.find((a) => a.status === 202).json.job);
  const done = await synced(made.cancel_id, (r) => r.stock.state !== 'pending');
  assert.equal(done.stock.state, 'none');
  assert.deepEqual(await stockOf(m, wh.id, product), before);
  expectError(assert, await api('POST', `/api/v1/after-sales/${req.id}/approve`, { token: m.token, body: {} }), 409, 'after_sales_not_waiting');
});

test('rejecting takes only one of TikTok\'s reasons for the request; the rejected cancellation keeps the slip', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id, (r) => r.reject_reasons.length > 0);
  const bad = await api('POST', `/api/v1/after-sales/${req.id}/reject`, { token: m.token, body: { reason: 'not_a_reason_of_tiktok' } });
  expectError(assert, bad, 422, 'validation_failed');
  const reason = req.reject_reasons[0].name;
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`, { reason, note: 'Hàng đã đóng gói' }, 202);
  await jobDone(job);
  const done = await synced(made.cancel_id, (r) => r.status !== 'waiting');
  assert.equal(done.status, 'rejected');
  assert.equal(done.answer.reason, reason);
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status, 'awaiting_export');
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
});

test('a return of delivered goods: approved, received once into the warehouse with its lines, tied to TikTok\'s return', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder('DELIVERED');
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const made = await raiseReturn(o, 'RETURN_AND_REFUND');
  const req = await synced(made.return_id);
  assert.equal(req.kind, 'return');
  assert.equal(req.status, 'waiting');
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  await jobDone(job);
  const offered = await synced(made.return_id, (r) => r.stock.state !== 'pending', 'the approved return');
  assert.equal(offered.stock.state, 'return_offered');
  assert.equal(offered.stock.can_receive, true);
  assert.equal(offered.stock.export_slip_id, slip.id);
  assert.deepEqual(offered.return_lines, [{ product_id: product, quantity: units(o) }]);

  const before = await stockOf(m, wh.id, product);
  const body = { after_sales_id: req.id, lines: offered.return_lines };
  const [first, second] = await Promise.all([
    api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body }),
    api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body }),
  ]);
  const statuses = [first.status, second.status].sort();
  assert.deepEqual(statuses, [201, 409], `${first.text}\n${second.text}`);
  const refused = first.status === 409 ? first : second;
  assert.ok(['return_already_received', 'nothing_to_return'].includes(refused.json.error.code), refused.text);
  const receipt = (first.status === 201 ? first : second).json;
  const after = await stockOf(m, wh.id, product);
  assert.equal(after.on_hand, before.on_hand + units(o));
  assert.equal(after.available, before.available + units(o));
  const got = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(got.stock.state, 'received');
  assert.equal(got.stock.return_receipt_id, receipt.id);
  assert.equal(got.stock.return_receipt_code, receipt.code);
  const ledger = sql(`SELECT COUNT(*) FROM stock_movements WHERE doc_type = 'return' AND doc_id = ${receipt.id} AND after_sales_id = ${req.id}`);
  assert.ok(Number(ledger[0][0]) >= 1, 'the return\'s ledger rows carry the request');
  // the TikTok return shows on the receipt, on the slip's returns and on the ledger rows
  assert.deepEqual(receipt.after_sales, { id: req.id, external_id: made.return_id });
  const slipNow = await call(m, 'GET', `/api/v1/export-slips/${slip.id}`);
  assert.deepEqual(slipNow.returns.map((r) => r.after_sales && r.after_sales.external_id), [made.return_id]);
  const rows = (await call(m, 'GET', `/api/v1/stock-movements?product_id=${product}&per_page=200`)).items
    .filter((x) => x.document.type === 'return' && x.document.id === receipt.id);
  assert.ok(rows.length >= 1 && rows.every((x) => x.document.after_sales.external_id === made.return_id));
  // a second receipt later is refused by the unique key, however it is asked
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body: { after_sales_id: req.id, lines: [{ product_id: product, quantity: 1 }] } }), 409);
  checkInvariants(m);
});

test('a refund without return touches no stock', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder('DELIVERED');
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const before = await stockOf(m, wh.id, product);
  const made = await raiseReturn(o, 'REFUND');
  const req = await synced(made.return_id);
  assert.equal(req.kind, 'refund');
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  await jobDone(job);
  const done = await synced(made.return_id, (r) => r.stock.state !== 'pending');
  assert.equal(done.stock.state, 'none');
  assert.equal(done.stock.can_receive, false);
  assert.deepEqual(await stockOf(m, wh.id, product), before);
});

test('when the deadline passes TikTok approves by itself, and the rule still cancels the slip', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id);
  // the deadline passes now on TikTok's side (the sandbox's clock, that the app signs against, stays)
  await control('POST', `/sandbox/cancellations/${made.cancel_id}/expire`);
  const done = await synced(made.cancel_id, (r) => r.stock.state !== 'pending', 'the cancellation TikTok approved');
  assert.ok(['approved', 'completed'].includes(done.status));
  assert.equal(done.can_answer, false);
  assert.equal(done.stock.state, 'slip_cancelled');
  assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status, 'cancelled');
  checkInvariants(m);
});

const app = await control('GET', '/sandbox/app');
function signed(body) {
  const raw = JSON.stringify(body);
  return { body: raw, headers: { authorization: createHmac('sha256', app.app_secret).update(app.app_key + raw).digest('hex') } };
}
const nid = () => String(BigInt('0x' + randomBytes(7).toString('hex')));

test('webhooks replayed and out of order never move a request back', async () => {
  const { m } = ctx;
  const o = await linkedOrder();
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id);
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  await jobDone(job);
  const done = await synced(made.cancel_id, (r) => r.status !== 'waiting');
  // the creation notification again, late (a new notification id), and the same one twice
  const late = { type: 11, tts_notification_id: nid(), shop_id: ctx.shop.id, timestamp: 1,
    data: { order_id: o.external_id, cancellations_role: 'BUYER', cancel_status: 'CANCELLATION_REQUEST_PENDING', cancel_id: made.cancel_id, create_time: 1, update_time: 1 } };
  for (let i = 0; i < 2; i++) assert.equal((await api('POST', '/api/v1/webhooks/tiktok', signed(late))).status, 200);
  assert.equal(sql(`SELECT COUNT(*) FROM webhook_receipts WHERE notification_id = '${late.tts_notification_id}'`)[0][0], '1');
  await eventually(async () => Number(sql(`SELECT COUNT(*) FROM sync_jobs WHERE kind = 'after_sales_fetch' AND payload = 'cancellation:${made.cancel_id}' AND state IN ('queued', 'running')`)[0][0]) === 0,
    'the late notification\'s fetch', { timeoutMs: 30000 });
  const again = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(again.status, done.status);
  assert.equal(again.tiktok_status === 'CANCELLATION_REQUEST_PENDING', false);
  // one row per TikTok request however often it was synced
  assert.equal(sql(`SELECT COUNT(*) FROM after_sales_requests WHERE external_id = '${made.cancel_id}'`)[0][0], '1');
});

test('approving while the buyer withdraws: TikTok\'s refusal is shown in its own words, nothing is cancelled', async () => {
  const { m, wh } = ctx;
  const o = await linkedOrder();
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const made = await raiseCancellation(o);
  const req = await synced(made.cancel_id);
  const [approve] = await Promise.all([
    api('POST', `/api/v1/after-sales/${req.id}/approve`, { token: m.token, body: {} }),
    control('POST', `/sandbox/cancellations/${made.cancel_id}/withdraw`),
  ]);
  if (approve.status === 202) {
    const j = await eventually(async () => {
      const x = await call(m, 'GET', `/api/v1/sync-jobs/${approve.json.job.id}`);
      return ['done', 'failed'].includes(x.state) && x;
    }, 'the answer job', { timeoutMs: 30000 });
    if (j.state === 'failed') {
      const got = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
      assert.equal(got.answer.state, 'refused');
      assert.equal(got.answer.error_code, 'tiktok_refused');
      assert.ok(got.answer.error && got.answer.error.length > 0, 'TikTok\'s words are kept');
    }
  } else {
    expectError(assert, approve, 409, 'after_sales_not_waiting');
  }
  const end = await synced(made.cancel_id, (r) => r.status !== 'waiting');
  if (end.status === 'withdrawn') {
    assert.equal((await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status, 'awaiting_export');
    await call(m, 'POST', `/api/v1/export-slips/${slip.id}/cancel`);
  }
  checkInvariants(m);
});

test('the list: waiting first by deadline, filters, keyset cursor; bulk approval answers each request', async () => {
  const { m } = ctx;
  const a = await raiseCancellation(await linkedOrder());
  const b = await raiseCancellation(await linkedOrder());
  const ra = await synced(a.cancel_id);
  const rb = await synced(b.cancel_id);
  const waiting = await call(m, 'GET', '/api/v1/after-sales?waiting=true&sort=deadline&per_page=1');
  assert.equal(waiting.items.length, 1);
  assert.ok(waiting.total >= 2);
  assert.ok(waiting.next_cursor);
  const seen = [...waiting.items];
  let cursor = waiting.next_cursor;
  while (cursor) {
    const page = await call(m, 'GET', `/api/v1/after-sales?waiting=true&sort=deadline&per_page=1&cursor=${encodeURIComponent(cursor)}`);
    seen.push(...page.items);
    cursor = page.next_cursor;
  }
  assert.equal(seen.length, waiting.total);
  const deadlines = seen.map((x) => Date.parse(x.deadline));
  assert.deepEqual(deadlines, [...deadlines].sort((x, y) => x - y), 'soonest deadline first');
  assert.ok(seen.every((x) => x.status === 'waiting'));
  const kinds = await call(m, 'GET', `/api/v1/after-sales?kind=refund&connection_id=${ctx.conn.id}`);
  assert.ok(kinds.items.every((x) => x.kind === 'refund'));
  expectError(assert, await api('GET', '/api/v1/after-sales?kind=exchange', { token: m.token }), 422, 'validation_failed');
  expectError(assert, await api('GET', '/api/v1/after-sales?sort=deadline&cursor=zzz', { token: m.token }), 422, 'validation_failed');

  const refund = (await call(m, 'GET', '/api/v1/after-sales?kind=refund&per_page=1')).items[0];
  const ids = [ra.id, rb.id, ...(refund ? [refund.id] : []), 999999999];
  const bulk = await call(m, 'POST', '/api/v1/after-sales/approve', { ids }, 202);
  assert.deepEqual(bulk.items.map((x) => x.id), ids);
  assert.equal(bulk.items[0].ok, true);
  assert.equal(bulk.items[1].ok, true);
  assert.equal(bulk.items.at(-1).error.code, 'not_found');
  if (refund) assert.equal(bulk.items[2].ok, false);
  for (const it of bulk.items.filter((x) => x.ok)) await jobDone({ id: it.job_id });
});

test('another merchant\'s requests answer 404 and its ids are refused everywhere', async () => {
  const other = await newMerchant('after-sales-other');
  const mine = (await call(ctx.m, 'GET', '/api/v1/after-sales?per_page=1')).items[0];
  assert.ok(mine);
  const token = other.token;
  expectError(assert, await api('GET', `/api/v1/after-sales/${mine.id}`, { token }), 404, 'not_found');
  expectError(assert, await api('POST', `/api/v1/after-sales/${mine.id}/approve`, { token, body: {} }), 404, 'not_found');
  expectError(assert, await api('POST', `/api/v1/after-sales/${mine.id}/reject`, { token, body: { reason: 'x' } }), 404, 'not_found');
  const bulk = await api('POST', '/api/v1/after-sales/approve', { token, body: { ids: [mine.id] } });
  assert.equal(bulk.status, 202);
  assert.equal(bulk.json.items[0].error.code, 'not_found');
  assert.equal((await api('GET', '/api/v1/after-sales', { token })).json.total, 0);
  // an API token works like a session
  const t = await call(ctx.m, 'POST', '/api/v1/api-tokens', { name: 'after-sales', expires_in_days: 1 });
  assert.equal((await api('GET', `/api/v1/after-sales/${mine.id}`, { token: t.token })).status, 200);
});
