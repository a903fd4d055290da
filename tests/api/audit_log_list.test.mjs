// GET /api/v1/audit-log and its Excel export: filters (person, entity, action, dates), cursor paging, one merchant's
// rows only; the retention setting and the sync worker's deletion of older rows; TikTok's deauthorization as TikTok.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { call, stockSetup, newProduct, linkLines, receive } from './lib/stock.mjs';

const tag = randomBytes(3).toString('hex');
let A;
let B;

// A merchant with a few logged changes: 5 suppliers made, 2 of them renamed, a warehouse made.
async function seed(name) {
  const m = await newMerchant(`audit-list-${name}-${tag}`);
  const sup = [];
  for (let i = 0; i < 5; i++) sup.push(await call(m, 'POST', '/api/v1/suppliers', { name: `NCC ${name} ${i} ${tag}` }));
  for (const s of sup.slice(0, 2)) await call(m, 'PATCH', `/api/v1/suppliers/${s.id}`, { note: `đổi ${name}` });
  const wh = await call(m, 'POST', '/api/v1/warehouses', { name: `Kho ${name}`, code: `KL-${name}-${tag}` });
  return { m, sup, wh };
}

const list = async (m, query = '') => call(m, 'GET', `/api/v1/audit-log${query}`);

before(async () => {
  A = await seed('a');
  B = await seed('b');
});

test('the log lists the merchant\'s changes newest first, each with its person, entity, action and fields', async () => {
  const all = await list(A.m);
  assert.equal(all.items.length, 8);
  assert.equal(all.next_cursor, null);
  const ids = all.items.map((x) => x.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  const [newest] = all.items;
  assert.equal(newest.entity, 'warehouse');
  assert.equal(newest.action, 'create');
  assert.equal(newest.entity_id, A.wh.id);
  assert.equal(newest.actor, 'user');
  assert.equal(newest.user.id, A.m.user.id);
  assert.equal(newest.api_token, null);
  assert.equal(newest.before, null);
  assert.equal(newest.after.code, `KL-a-${tag}`);
  assert.match(newest.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('filters: person, entity, action and a date range', async () => {
  assert.equal((await list(A.m, '?entity=supplier')).items.length, 7);
  const renamed = await list(A.m, '?entity=supplier&action=update');
  assert.deepEqual(renamed.items.map((x) => x.entity_id).sort(), A.sup.slice(0, 2).map((s) => s.id).sort());
  assert.equal((await list(A.m, `?user_id=${A.m.user.id}`)).items.length, 8);
  assert.equal((await list(A.m, `?user_id=${A.m.user.id + 1000000}`)).items.length, 0);
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  assert.equal((await list(A.m, `?from=${iso(now - 3600e3)}&to=${iso(now + 3600e3)}`)).items.length, 8);
  assert.equal((await list(A.m, `?from=${iso(now + 3600e3)}`)).items.length, 0);
  assert.equal((await list(A.m, `?to=${iso(now - 3600e3)}`)).items.length, 0);
  // a Vietnamese day as the SPA sends it: today in UTC+7
  const vnToday = new Date(now + 7 * 3600e3).toISOString().slice(0, 10);
  assert.equal((await list(A.m, `?from=${vnToday}T00:00:00%2B07:00&to=${vnToday}T23:59:59%2B07:00`)).items.length, 8);
  for (const bad of ['?entity=nothing', '?user_id=abc', '?from=yesterday', '?cursor=x1', '?per_page=0',
    `?from=${iso(now)}&to=${iso(now - 1000)}`]) {
    expectError(assert, await api('GET', `/api/v1/audit-log${bad}`, { token: A.m.token }), 422, 'validation_failed');
  }
});

test('cursor paging walks every row once', async () => {
  const all = (await list(A.m)).items.map((x) => x.id);
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await list(A.m, `?per_page=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.items.length <= 3);
    seen.push(...page.items.map((x) => x.id));
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor);
  assert.equal(pages, 3);
  assert.deepEqual(seen, all);
  const filtered = await list(A.m, '?entity=supplier&per_page=4');
  const rest = await list(A.m, `?entity=supplier&per_page=4&cursor=${filtered.next_cursor}`);
  assert.deepEqual([...filtered.items, ...rest.items].map((x) => x.entity), Array(7).fill('supplier'));
  assert.equal(rest.next_cursor, null);
});

test('another merchant\'s rows are never visible, whatever the filter', async () => {
  const aIds = new Set((await list(A.m)).items.map((x) => x.id));
  for (const q of ['', '?entity=supplier', `?user_id=${A.m.user.id}`, '?action=create', '?per_page=200',
    `?cursor=${Math.max(...aIds) + 1}`]) {
    const page = await list(B.m, q);
    for (const x of page.items) assert.ok(!aIds.has(x.id), `B sees A's row ${x.id} with ${q}`);
  }
  assert.equal((await list(B.m, `?user_id=${A.m.user.id}`)).items.length, 0);
  const res = await api('GET', `/api/v1/audit-log/export.xlsx?user_id=${A.m.user.id}`, { token: B.m.token });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-export-rows'), '0');
});

test('the Excel export holds the filtered rows with Vietnamese headers', async () => {
  const res = await fetch(`${process.env.BASE_URL || 'http://127.0.0.1:18080'}/api/v1/audit-log/export.xlsx?entity=supplier`,
    { headers: { authorization: `Bearer ${A.m.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  const ws = wb.worksheets[0];
  assert.deepEqual(ws.getRow(1).values.slice(1, 6), ['Thời gian', 'Người thực hiện', 'Đối tượng', 'ID', 'Hành động']);
  assert.equal(ws.rowCount, 1 + 7);
  assert.equal(ws.getRow(2).getCell(3).value, 'supplier');
  assert.ok(ws.getRow(2).getCell(1).value instanceof Date);
  assert.equal(ws.getRow(2).getCell(2).value, A.m.user.name);
  expectError(assert, await api('GET', '/api/v1/audit-log/export.xlsx?entity=nothing', { token: A.m.token }), 422, 'validation_failed');
});

test('retention: a setting per merchant (default 365 days); the sync worker deletes older rows', async () => {
  const s = await call(A.m, 'GET', '/api/v1/audit-log/settings');
  assert.equal(s.retention_days, 365);
  assert.ok(s.entities.includes('export_slip'));
  expectError(assert, await api('PUT', '/api/v1/audit-log/settings', { token: A.m.token, body: { retention_days: 5 } }), 422, 'validation_failed');
  assert.equal((await call(A.m, 'PUT', '/api/v1/audit-log/settings', { retention_days: 30 })).retention_days, 30);
  // rows dated back as if made long ago: A's 40-day-old rows go, its 20-day-old one stays; B keeps a year
  const old = (m, days, n) => sql(`INSERT INTO audit_log (merchant_id, at, actor, entity, action)
    SELECT ${m.merchant.id}, UTC_TIMESTAMP() - INTERVAL ${days} DAY, 'system', 'product', 'old-${days}'
    FROM seq_1_to_${n}`);
  old(A.m, 40, 3);
  old(A.m, 20, 1);
  old(B.m, 40, 2);
  await eventually(() => sql(`SELECT COUNT(*) FROM audit_log WHERE merchant_id = ${A.m.merchant.id} AND action = 'old-40'`)[0][0] === '0',
    "A's rows past 30 days to be deleted");
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE merchant_id = ${A.m.merchant.id} AND action = 'old-20'`)[0][0], '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE merchant_id = ${B.m.merchant.id} AND action = 'old-40'`)[0][0], '2');
  const setting = (await list(A.m, '?action=audit_retention_update')).items[0];
  assert.equal(setting.before.audit_retention_days, 365);
  assert.equal(setting.after.audit_retention_days, 30);
});

test('a deauthorization from TikTok is logged with TikTok as the actor', async () => {
  const m = await newMerchant(`audit-tt-${tag}`);
  const seller = await newSeller(1, `audit-tt-${tag}`);
  const [conn] = await connectSeller(api, m, seller);
  const body = JSON.stringify({ type: 6, tts_notification_id: `n-${tag}`, shop_id: seller.shops[0].id, timestamp: Math.floor(Date.now() / 1000), data: {} });
  const app = await control('GET', '/sandbox/app');
  const sig = createHmac('sha256', app.app_secret).update(app.app_key + body).digest('hex');
  const res = await api('POST', '/api/v1/webhooks/tiktok', { body, headers: { authorization: sig } });
  assert.equal(res.status, 200, res.text);
  const row = (await list(m, '?entity=connection&action=reauth_required')).items[0];
  assert.equal(row.actor, 'tiktok');
  assert.equal(row.user, null);
  assert.equal(row.entity_id, conn.id);
  assert.deepEqual([row.before.status, row.after.status], ['active', 'reauth_required']);
});

test('a slip the automatic rules make when shipment is arranged is logged with TikTok as the actor', async () => {
  const { m, shop, conn, wh } = await stockSetup(`audit-rules-${tag}`);
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/fulfillment-settings`, { slip_on_arrange: true, export_on_transit: false, warehouse_id: wh.id }, 200);
  const [made] = await makeOrders(shop.id, { count: 1, days_back: 0, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' });
  await call(m, 'POST', `/api/v1/connections/${conn.id}/sync`, undefined, 202);
  const row = await eventually(async () => (await call(m, 'GET', `/api/v1/orders?q=${made.id}`)).items[0], 'the order to sync', { timeoutMs: 60000 });
  const p = await newProduct(m, 'Theo quy tắc');
  const o = await linkLines(m, await call(m, 'GET', `/api/v1/orders/${row.id}`), () => p);
  await receive(m, wh.id, [{ product_id: p, quantity: 100 }]);
  const run = await call(m, 'POST', '/api/v1/fulfillment/arrange', { order_ids: [o.id], handover_method: 'DROP_OFF' }, 202);
  const slip = await eventually(async () => (await call(m, 'GET', `/api/v1/orders/${o.id}`)).export_slip, 'the rule to make the slip', { timeoutMs: 60000 });
  const logged = (await list(m, '?entity=export_slip&action=create')).items;
  assert.deepEqual(logged.map((x) => [x.entity_id, x.actor, x.request_id]), [[slip.id, 'tiktok', null]]);
  const started = (await list(m, '?entity=fulfillment_batch')).items;
  assert.deepEqual(started.map((x) => [x.entity_id, x.action, x.actor]), [[run.batch.id, 'arrange', 'user']]);
});
