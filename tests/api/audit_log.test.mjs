// The audit log's coverage: every non-GET route of openapi.json either writes an audit row in its request (found by
// the request's X-Request-Id) or is named below as not a change, so a new route without one fails here; the actor is
// the person or their API token; a refused change and a change whose audit row cannot be written leave no row.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { api, expectError } from './lib/client.mjs';
import { control, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually, holdSession } from './lib/db.mjs';
import { readMail, tokenOf } from './lib/mail.mjs';
import { inviteByMail } from './lib/staff.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive } from './lib/stock.mjs';

const OPENAPI = JSON.parse(readFileSync(new URL('../../backend/openapi.json', import.meta.url), 'utf8'));
const WRITES = Object.entries(OPENAPI.paths).flatMap(([path, ops]) =>
  Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${path}`));

// Routes that change nothing of a merchant's data, or nothing a person did through them.
const NOT_CHANGES = {
  'POST /api/v1/auth/register': 'creates a new merchant and its owner: there is no log before it',
  'POST /api/v1/auth/login': 'a sign-in is not a change',
  'PATCH /api/v1/auth/me': "the person's own language for the app's mails: a preference, not the merchant's data",
  'POST /api/v1/webhooks/tiktok': "TikTok's notifications: a deauthorization is logged as TikTok (its own test below)",
  'POST /api/v1/connections/tiktok/authorize': "starts TikTok's consent; the connection is logged when the callback stores it",
  'POST /api/v1/product-images': 'stores an image file; the product changes (and is logged) when its image_url is saved',
  'POST /api/v1/orders/{id}/handover-slots': "reads TikTok's pickup slots into the app",
  'POST /api/v1/auth/invitations/lookup': 'reads what an invitation link is for',
  'POST /api/v1/auth/password-reset': 'mails a reset link; the password change is logged when the link is used',
};

const tag = randomBytes(3).toString('hex');
let S;            // the scenario's merchant and objects
const calls = []; // {key, res, entity, action}

// Calls a route as the scenario's owner (or `token`, or without one: null), expecting `status`; remembers the request
// for the check with the person its row names (the owner unless `userId`).
async function change(key, path, body, status, entity, action, token = S.m.token, userId = S.m.user.id) {
  const method = key.split(' ')[0];
  const res = await api(method, path, { token: token || undefined, body });
  assert.equal(res.status, status, `${key}: ${res.text}`);
  calls.push({ key, res, entity, action, userId });
  return res.json;
}

const rowsOf = (res) => sql(`SELECT entity, action, actor, user_id, api_token_id, entity_id FROM audit_log
  WHERE request_id = '${res.headers.get('x-request-id')}'`);

before(async () => {
  const { m, shop, conn, wh } = await stockSetup(`audit-${tag}`);
  S = { m, shop, conn, wh };
  const [o1, o2, o3] = await syncedOrders(m, shop, conn, { count: 3 });
  const orders = await makeOrders(shop.id, { count: 2, days_back: 1, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' });
  const asking = await makeOrders(shop.id, { count: 3, days_back: 1, status: 'AWAITING_SHIPMENT' });
  const c = `/api/v1/connections/${conn.id}`;
  const sync = await change('POST /api/v1/connections/{id}/sync', `${c}/sync`, undefined, 202, 'connection', 'sync');
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${sync.job.id}`)).state === 'done', 'the sync', { timeoutMs: 60000 });
  const shipping = [];
  for (const t of orders) shipping.push((await call(m, 'GET', `/api/v1/orders?q=${t.id}`)).items[0]);
  const pull = await change('POST /api/v1/connections/{id}/pull-products', `${c}/pull-products`, undefined, 202, 'connection', 'pull_products');
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', 'the pull', { timeoutMs: 60000 });

  // the catalog
  const p = await change('POST /api/v1/products', '/api/v1/products', { name: `Áo ${tag}`, sku: `AU-${tag}`, unit: 'cái', price: '120000' }, 201, 'product', 'create');
  await change('PATCH /api/v1/products/{id}', `/api/v1/products/${p.id}`, { price: '150000' }, 200, 'product', 'update');
  await change('POST /api/v1/product-units', '/api/v1/product-units', { product_ids: [p.id], unit: 'hộp' }, 200, 'product', 'unit_update');
  const gone = await newProduct(m, 'Xóa');
  await change('DELETE /api/v1/products/{id}', `/api/v1/products/${gone}`, undefined, 204, 'product', 'delete');

  // links: by hand, unlinked, by SKU code (a product named by one SKU's seller code), from an order's popup
  const skus = (await call(m, 'GET', '/api/v1/channel-skus?per_page=200')).items;
  await change('PUT /api/v1/channel-skus/{id}/link', `/api/v1/channel-skus/${skus[0].id}/link`, { product_id: p.id }, 200, 'channel_sku', 'link');
  await change('DELETE /api/v1/channel-skus/{id}/link', `/api/v1/channel-skus/${skus[0].id}/link`, undefined, 204, 'channel_sku', 'unlink');
  const coded = skus.find((s) => s.seller_sku && !s.linked);
  await call(m, 'POST', '/api/v1/products', { name: `Theo mã ${tag}`, sku: coded.seller_sku, unit: 'cái' });
  await change('POST /api/v1/channel-skus/auto-link', '/api/v1/channel-skus/auto-link', { connection_id: conn.id }, 200, 'channel_sku', 'link');
  const line = o1.lines[0];
  await change('POST /api/v1/orders/{id}/links', `/api/v1/orders/${o1.id}/links`,
    { links: [{ channel_sku_id: line.channel_sku_id, product_id: p.id }] }, 200, 'order', 'links');
  for (const o of [o2, o3, ...shipping]) await linkLines(m, await call(m, 'GET', `/api/v1/orders/${o.id}`), () => p.id);

  // warehouses, suppliers, receipts
  const wh2 = await change('POST /api/v1/warehouses', '/api/v1/warehouses', { name: `Kho ${tag}`, code: `K-${tag}` }, 201, 'warehouse', 'create');
  await change('PATCH /api/v1/warehouses/{id}', `/api/v1/warehouses/${wh2.id}`, { address: 'Hà Nội' }, 200, 'warehouse', 'update');
  const sup = await change('POST /api/v1/suppliers', '/api/v1/suppliers', { name: `NCC ${tag}` }, 201, 'supplier', 'create');
  await change('PATCH /api/v1/suppliers/{id}', `/api/v1/suppliers/${sup.id}`, { phone: '0901234567' }, 200, 'supplier', 'update');
  const sup2 = await call(m, 'POST', '/api/v1/suppliers', { name: `NCC xóa ${tag}` });
  await change('DELETE /api/v1/suppliers/{id}', `/api/v1/suppliers/${sup2.id}`, undefined, 204, 'supplier', 'delete');
  await change('POST /api/v1/stock-receipts', '/api/v1/stock-receipts',
    { warehouse_id: wh.id, supplier_id: sup.id, lines: [{ product_id: p.id, quantity: 50, unit_cost: 90000 }] }, 201, 'stock_receipt', 'create');
  await change('POST /api/v1/stock-receipts/import', '/api/v1/stock-receipts/import', { rows: [{ sku: `AU-${tag}`, quantity: 2 }] }, 201, 'stock_receipt', 'create');
  const small = await receive(m, wh2.id, [{ product_id: p.id, quantity: 1 }]);
  await change('POST /api/v1/stock-receipts/{id}/cancel', `/api/v1/stock-receipts/${small.id}/cancel`, undefined, 200, 'stock_receipt', 'cancel');

  // export slips: made, exported with goods back, another cancelled
  const s1 = await change('POST /api/v1/orders/{id}/export-slips', `/api/v1/orders/${o2.id}/export-slips`, { warehouse_id: wh.id }, 201, 'export_slip', 'create');
  await change('POST /api/v1/export-slips/{id}/export', `/api/v1/export-slips/${s1.id}/export`, undefined, 200, 'export_slip', 'export');
  await change('POST /api/v1/export-slips/{id}/returns', `/api/v1/export-slips/${s1.id}/returns`, {}, 201, 'export_slip', 'return');
  const s2 = await call(m, 'POST', `/api/v1/orders/${o3.id}/export-slips`, { warehouse_id: wh.id });
  await change('POST /api/v1/export-slips/{id}/cancel', `/api/v1/export-slips/${s2.id}/cancel`, undefined, 200, 'export_slip', 'cancel');

  // the merchant's settings
  await change('PUT /api/v1/stock/low-stock', '/api/v1/stock/low-stock', { threshold: 3 }, 200, 'merchant_settings', 'low_stock_update');
  await change('PUT /api/v1/overview/settings', '/api/v1/overview/settings', { no_slip_days: 14 }, 200, 'merchant_settings', 'overview_update');
  await change('PUT /api/v1/document-numbering', '/api/v1/document-numbering', { slip: { prefix: 'PXK' } }, 200, 'doc_numbering', 'update');
  await change('PUT /api/v1/audit-log/settings', '/api/v1/audit-log/settings', { retention_days: 400 }, 200, 'merchant_settings', 'audit_retention_update');

  // the shop: stock push, reconciliation, its warehouses, shipping rules, bulk runs, and at last its disconnection
  await change('PUT /api/v1/connections/{id}/stock-settings', `${c}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 1 }, 200, 'stock_settings', 'update');
  await change('POST /api/v1/connections/{id}/push-stock', `${c}/push-stock`, undefined, 202, 'connection', 'push_stock');
  await change('POST /api/v1/connections/{id}/stock-reconcile', `${c}/stock-reconcile`, undefined, 202, 'connection', 'stock_reconcile');
  await change('POST /api/v1/connections/{id}/tiktok-warehouses/pull', `${c}/tiktok-warehouses/pull`, undefined, 202, 'connection', 'pull_warehouses');
  await change('PUT /api/v1/connections/{id}/fulfillment-settings', `${c}/fulfillment-settings`, { slip_on_arrange: false, export_on_transit: false }, 200, 'fulfillment_settings', 'update');
  const ids = shipping.map((o) => o.id);
  await change('POST /api/v1/fulfillment/arrange', '/api/v1/fulfillment/arrange', { order_ids: ids, handover_method: 'DROP_OFF' }, 202, 'fulfillment_batch', 'arrange');
  await change('POST /api/v1/fulfillment/labels', '/api/v1/fulfillment/labels', { order_ids: ids }, 202, 'fulfillment_batch', 'labels');
  await change('POST /api/v1/fulfillment/export-slips', '/api/v1/fulfillment/export-slips', { order_ids: ids, warehouse_id: wh.id }, 202, 'fulfillment_batch', 'create_slips');
  await change('POST /api/v1/fulfillment/export-slips/export', '/api/v1/fulfillment/export-slips/export', { order_ids: ids }, 202, 'fulfillment_batch', 'export_slips');

  // API tokens: made and revoked by the owner; a change through one names the token
  const t = await change('POST /api/v1/api-tokens', '/api/v1/api-tokens', { name: `Script ${tag}` }, 201, 'api_token', 'create');
  S.token = t;
  S.viaToken = await api('POST', '/api/v1/suppliers', { token: t.token, body: { name: `Qua token ${tag}` } });
  assert.equal(S.viaToken.status, 201, S.viaToken.text);
  await change('DELETE /api/v1/api-tokens/{id}', `/api/v1/api-tokens/${t.id}`, undefined, 204, 'api_token', 'revoke');
  // buyers' cancellation requests: one approved, one rejected with one of TikTok's reasons, one approved in bulk
  const requests = [];
  for (const t of asking) {
    const made = await control('POST', `/sandbox/orders/${t.id}/cancellations`, { cancel_reason: 'ecom_order_to_ship_canceled_reason_change_payment_method' });
    requests.push(await eventually(async () => {
      const item = (await call(m, 'GET', '/api/v1/after-sales?per_page=200')).items.find((x) => x.external_id === made.cancel_id);
      const full = item && await call(m, 'GET', `/api/v1/after-sales/${item.id}`);
      return full && full.reject_reasons.length > 0 ? full : null;
    }, 'the cancellation request in the app', { timeoutMs: 30000 }));
  }
  await change('POST /api/v1/after-sales/{id}/approve', `/api/v1/after-sales/${requests[0].id}/approve`, {}, 202, 'after_sales_request', 'approve');
  await change('POST /api/v1/after-sales/{id}/reject', `/api/v1/after-sales/${requests[1].id}/reject`,
    { reason: requests[1].reject_reasons[0].name }, 202, 'after_sales_request', 'reject');
  await change('POST /api/v1/after-sales/approve', '/api/v1/after-sales/approve', { ids: [requests[2].id] }, 202, 'after_sales_request', 'approve');
  await change('DELETE /api/v1/connections/{id}', c, undefined, 204, 'connection', 'disconnect');

  // staff: invited by mail, the invitation sent again, another one withdrawn; the invitee joins (the actor of their own
  // joining), gets a new role, resets a forgotten password, and at last receives the ownership
  const inv = await inviteByMail(m, 'warehouse');
  const invite = calls.length;
  calls.push({ key: 'POST /api/v1/staff/invitations', res: null, entity: 'invitation', action: 'create', userId: m.user.id });
  S.inviteId = inv.invitation.id;
  const sentAgain = Date.now();
  await change('POST /api/v1/staff/invitations/{id}/resend', `/api/v1/staff/invitations/${inv.invitation.id}/resend`, {}, 200, 'invitation', 'resend');
  const again = tokenOf((await readMail({ to: inv.email, after: sentAgain })).links[0]);
  const other = await call(m, 'POST', '/api/v1/staff/invitations', { email: `khac-${tag}@example.com`, role: 'accountant' });
  await change('DELETE /api/v1/staff/invitations/{id}', `/api/v1/staff/invitations/${other.id}`, undefined, 204, 'invitation', 'revoke');
  const password = `pw-${tag}-1234`;
  const res = await api('POST', '/api/v1/auth/invitations/accept', { body: { token: again, name: 'Thủ kho', password } });
  assert.equal(res.status, 201, res.text);
  const staff = res.json.user;
  calls.push({ key: 'POST /api/v1/auth/invitations/accept', res, entity: 'user', action: 'join', userId: staff.id });
  await change('PATCH /api/v1/staff/{id}', `/api/v1/staff/${staff.id}`, { role: 'manager' }, 200, 'user', 'update');
  const asked = Date.now();
  await api('POST', '/api/v1/auth/password-reset', { body: { email: inv.email } });
  const reset = tokenOf((await readMail({ to: inv.email, after: asked })).links[0]);
  await change('POST /api/v1/auth/password-reset/confirm', '/api/v1/auth/password-reset/confirm', { token: reset, password: `${password}-2` },
    204, 'user', 'password_reset', null, staff.id);
  await change('POST /api/v1/staff/{id}/transfer-ownership', `/api/v1/staff/${staff.id}/transfer-ownership`, { password: m.password },
    200, 'user', 'ownership_transfer');
  // the invitation's request: its X-Request-Id is the one of the row the owner's call wrote
  calls[invite].rowsOf = () => sql(`SELECT entity, action, actor, user_id FROM audit_log WHERE merchant_id = ${m.merchant.id}
    AND entity = 'invitation' AND entity_id = ${inv.invitation.id} AND action = 'create'`);
});

test('every non-GET route writes an audit row in its request, or is named as not a change', () => {
  const called = new Set(calls.map((x) => x.key));
  for (const key of WRITES) {
    if (NOT_CHANGES[key]) continue;
    assert.ok(called.has(key), `${key} is neither exercised by this test nor named as not a change: log its changes (audit_record) and add it here`);
  }
  for (const key of Object.keys(NOT_CHANGES)) assert.ok(WRITES.includes(key), `${key} is no longer a route`);
  for (const x of calls) {
    const rows = x.rowsOf ? x.rowsOf() : rowsOf(x.res);
    assert.ok(rows.some(([e, a]) => e === x.entity && a === x.action),
      `${x.key} wrote no ${x.entity}/${x.action} row: ${JSON.stringify(rows)}`);
    for (const [, , actor, user] of rows) {
      assert.equal(actor, 'user', `${x.key}: the actor is the person`);
      assert.equal(user, String(x.userId), `${x.key}: the person who made the change`);
    }
  }
});

test('the connection made through TikTok\'s consent is logged as the person who started it', () => {
  const rows = sql(`SELECT actor, user_id FROM audit_log WHERE merchant_id = ${S.m.merchant.id}
    AND entity = 'connection' AND entity_id = ${S.conn.id} AND action = 'connect'`);
  assert.deepEqual(rows, [['user', String(S.m.user.id)]]);
});

test('a change through an API token names the token and its person; the token itself is never logged', () => {
  const rows = rowsOf(S.viaToken);
  assert.deepEqual(rows, [['supplier', 'create', 'api_token', String(S.m.user.id), String(S.token.id), String(S.viaToken.json.id)]]);
  const leaked = sql(`SELECT COUNT(*) FROM audit_log WHERE merchant_id = ${S.m.merchant.id}
    AND (LOCATE('${S.token.token}', CONCAT(COALESCE(before_json, ''), COALESCE(after_json, ''))) > 0
      OR LOCATE('${S.m.password}', CONCAT(COALESCE(before_json, ''), COALESCE(after_json, ''))) > 0)`);
  assert.equal(leaked[0][0], '0');
  const made = sql(`SELECT after_json FROM audit_log WHERE request_id = '${calls.find((x) => x.key === 'POST /api/v1/api-tokens').res.headers.get('x-request-id')}'`);
  assert.equal(JSON.parse(made[0][0]).name, `Script ${tag}`);
});

test('before and after hold the fields of the change', async () => {
  const res = calls.find((x) => x.key === 'PATCH /api/v1/products/{id}').res;
  const list = await call(S.m, 'GET', '/api/v1/audit-log?entity=product&action=update');
  const row = list.items.find((x) => x.request_id === res.headers.get('x-request-id'));
  assert.equal(row.before.price, '120000.00');
  assert.equal(row.after.price, '150000.00');
  assert.equal(row.after.name, `Áo ${tag}`);
  assert.deepEqual(row.user, { id: S.m.user.id, name: row.user.name });
});

test('a refused change leaves no audit row', async () => {
  const dup = await api('POST', '/api/v1/suppliers', { token: S.m.token, body: { name: `NCC ${tag}` } });
  expectError(assert, dup, 409, 'supplier_name_taken');
  assert.deepEqual(rowsOf(dup), []);
  const slip = calls.find((x) => x.key === 'POST /api/v1/export-slips/{id}/cancel').res.json;
  const again = await api('POST', `/api/v1/export-slips/${slip.id}/cancel`, { token: S.m.token });
  expectError(assert, again, 409, 'export_slip_not_awaiting_export');
  assert.deepEqual(rowsOf(again), []);
});

test('a change whose audit row cannot be written is rolled back', async () => {
  const mid = S.m.merchant.id;
  // another session holds the merchant's end of the log: the audit insert waits until the time limit stops it
  const release = await holdSession(`BEGIN; SELECT id FROM audit_log WHERE merchant_id = ${mid} FOR UPDATE;`, 'ROLLBACK;');
  let res;
  try {
    res = await api('POST', '/api/v1/suppliers', { token: S.m.token, body: { name: `Không lưu ${tag}` } });
  } finally {
    await release();
  }
  expectError(assert, res, 503, 'query_timeout');
  assert.deepEqual(sql(`SELECT id FROM suppliers WHERE merchant_id = ${mid} AND name = 'Không lưu ${tag}'`), []);
  const ok = await api('POST', '/api/v1/suppliers', { token: S.m.token, body: { name: `Không lưu ${tag}` } });
  assert.equal(ok.status, 201, 'the same change goes through once the log is free');
  assert.equal(rowsOf(ok).length, 1);
});
