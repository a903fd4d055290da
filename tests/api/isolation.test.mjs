// Merchant isolation and role permissions on every endpoint: the test walks the route table
// (backend/src/api/routes.c) itself, so a new route cannot be forgotten. Merchant A owns one of everything; merchant B calls every route with A's ids (404),
// lists, searches, filters, exports, counts and the overview with A's ids and words (none of A's rows), sends
// bodies naming A's objects (refused), and webhooks for A's shop touch nothing of B's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { call, receive } from './lib/stock.mjs';
import { addPerson } from './lib/staff.mjs';

// The route table as the api binary has it.
const ROUTES = [...readFileSync(new URL('../../backend/src/api/routes.c', import.meta.url), 'utf8')
  .matchAll(/\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*(\w+),\s*(ROUTE_\w+)(?:,\s*(PERM_\w+))?\s*\}/g)]
  .map(([, method, path, handler, auth, perm]) => ({ method, path, handler, auth, perm, key: `${method} ${path}` }));
// The permission ids of backend/src/accounts/roles.c with their names ("PERM_ORDERS_READ" → "orders.read").
const PERM_NAMES = Object.fromEntries([...readFileSync(new URL('../../backend/src/accounts/roles.c', import.meta.url), 'utf8')
  .matchAll(/\[(PERM_\w+)\]\s*=\s*\{\s*"([^"]+)"/g)].map(([, id, name]) => [id, name]));
// The permission a route needs: a line without one is for the owner only (PERM_OWNERSHIP is 0).
const permOf = (r) => (r.auth === 'ROUTE_PUBLIC' ? undefined : PERM_NAMES[r.perm || 'PERM_OWNERSHIP']);

// Public routes carry no merchant's data, or are checked on their own below (callback, webhooks).
const PUBLIC_CASES = {
  'GET /api/v1/health': 'no merchant data',
  'GET /api/v1/openapi.json': 'no merchant data',
  'POST /api/v1/auth/register': 'creates a new merchant',
  'POST /api/v1/auth/login': 'answers only the account whose password is given',
  'GET /api/v1/connections/tiktok/callback': "the test 'the OAuth callback binds a shop to the merchant who started it'",
  'POST /api/v1/webhooks/tiktok': "the test 'webhooks for one merchant's shop never touch another merchant's data'",
  'POST /api/v1/auth/invitations/lookup': 'answers only the holder of the link (a random token e-mailed to the invitee)',
  'POST /api/v1/auth/invitations/accept': 'joins the merchant whose invitation link is given (tests/api/staff.test.mjs)',
  'POST /api/v1/auth/password-reset': 'answers the same for every address; the link goes to the address only',
  'POST /api/v1/auth/password-reset/confirm': 'changes only the password of the holder of the e-mailed link',
};

const tag = randomBytes(3).toString('hex');
let A;
let B;

// One of every object for a merchant: a shop connected through the OAuth flow with orders synced and products
// pulled, a product, links, a warehouse, a receipt, a slip awaiting export, an exported slip with a return,
// stock push settings and an API token. Returns the ids and the ASCII words only this merchant's rows hold.
async function seed(name) {
  const m = await newMerchant(`iso-${name}-${tag}`);
  const seller = await newSeller(1, `iso-${name}-${tag}`);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 2, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const made = await makeOrders(shop.id, { count: 3, days_back: 1, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' });
  const sync = await call(m, 'POST', `/api/v1/connections/${conn.id}/sync`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', '/api/v1/orders')).total === made.length, `${name}'s orders to sync`, { timeoutMs: 60000 });
  const pull = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', `${name}'s product pull`, { timeoutMs: 60000 });
  const orders = [];
  for (const o of (await call(m, 'GET', '/api/v1/orders')).items) orders.push(await call(m, 'GET', `/api/v1/orders/${o.id}`));
  const skus = (await call(m, 'GET', '/api/v1/channel-skus?per_page=200')).items;

  const product = await call(m, 'POST', '/api/v1/products', { name: `Iso ${name} ${tag}`, sku: `ISO-${name}-${tag}`, unit: 'cai' });
  // every line of every order linked to the product through the order's "Sync product" popup
  for (const o of orders) {
    const links = [...new Set(o.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: product.id }));
    await call(m, 'POST', `/api/v1/orders/${o.id}/links`, { links }, 200);
  }
  const wh = await call(m, 'POST', '/api/v1/warehouses', { name: `Kho iso ${name}`, code: `WH-${name}-${tag}` });
  const supplier = await call(m, 'POST', '/api/v1/suppliers', { name: `Supplier ${name} ${tag}` });
  const receipt = await call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, supplier_id: supplier.id,
    note: `note-${name}-${tag}`, lines: [{ product_id: product.id, quantity: 100, unit_cost: 1000 }] });
  const awaiting = await call(m, 'POST', `/api/v1/orders/${orders[0].id}/export-slips`, { warehouse_id: wh.id });
  const exported = await call(m, 'POST', `/api/v1/orders/${orders[1].id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${exported.id}/export`);
  const ret = await call(m, 'POST', `/api/v1/export-slips/${exported.id}/returns`, { warehouse_id: wh.id, lines: [{ product_id: product.id, quantity: 1 }] });
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 1 });
  const token = await call(m, 'POST', '/api/v1/api-tokens', { name: `token-${name}-${tag}`, expires_in_days: 30 });
  const movements = (await call(m, 'GET', '/api/v1/stock-movements?per_page=200')).items;
  // a buyer's cancellation request of the order whose slip awaits export, synced through its webhook
  const cancel = await control('POST', `/sandbox/orders/${orders[0].external_id}/cancellations`, {});
  const request = await eventually(async () => (await call(m, 'GET', '/api/v1/after-sales')).items
    .find((x) => x.external_id === cancel.cancel_id), `${name}'s cancellation request`, { timeoutMs: 60000 });
  const invitation = await call(m, 'POST', '/api/v1/staff/invitations', { email: `invitee-${name}-${tag}@example.com`, role: 'warehouse' });
  // the third order shipped and its label printed: a bulk run with its merged PDF
  const settled = async (res) => eventually(async () => {
    const b = await call(m, 'GET', `/api/v1/fulfillment-batches/${res.batch.id}`);
    return b.state === 'done' && b;
  }, `${name}'s bulk run`, { timeoutMs: 60000 });
  await settled(await call(m, 'POST', '/api/v1/fulfillment/arrange', { order_ids: [orders[2].id], handover_method: 'DROP_OFF' }, 202));
  const batch = await settled(await call(m, 'POST', '/api/v1/fulfillment/labels', { order_ids: [orders[2].id] }, 202));
  assert.ok(batch.document, `${name}'s label printed: ${JSON.stringify(batch)}`);

  const words = [m.email, invitation.email, product.sku, wh.code, `note-${name}-${tag}`, `token-${name}-${tag}`, shop.id, supplier.name,
    awaiting.code, exported.code, cancel.cancel_id, ...made.map((o) => o.id), ...skus.map((s) => s.sku_id)];
  return {
    m, seller, shop, conn, orders, skus, product, wh, supplier, receipt, ret, awaiting, exported, token, words, batch, request, invitation,
    jobs: [sync.job.id, pull.job.id],
    // the ids each list returns, to tell whose rows a list holds
    ids: {
      '/api/v1/orders': orders.map((o) => o.id),
      '/api/v1/products': [product.id],
      '/api/v1/channel-skus': skus.map((s) => s.id),
      '/api/v1/warehouses': [wh.id],
      '/api/v1/export-slips': [awaiting.id, exported.id],
      '/api/v1/connections': [conn.id],
      '/api/v1/sync-jobs': [sync.job.id, pull.job.id],
      '/api/v1/api-tokens': [token.id],
      '/api/v1/stock-movements': movements.map((x) => x.id),
      '/api/v1/suppliers': [supplier.id],
      '/api/v1/stock-receipts': [receipt.id, ret.id],
      '/api/v1/after-sales': [request.id],
    },
  };
}

before(async () => {
  A = await seed('a');
  B = await seed('b');
  // the words that tell A's rows: only those B's rows do not hold too
  A.words = A.words.filter((w) => w && String(w).length >= 6 && !B.words.some((b) => String(b).includes(String(w))));
  assert.ok(A.words.length >= 12, `words that tell A's rows: ${A.words.join(', ')}`);
});

// The id of A's object a route with {id} names, by the collection before {id}; export and cancel need a slip
// awaiting export, returns an exported one. A collection without a sample fails the test.
function sampleId(route) {
  const special = {
    'POST /api/v1/export-slips/{id}/returns': A.exported.id,
  };
  if (special[route.key]) return special[route.key];
  const collection = route.path.split('/{id}')[0].split('/').pop();
  const samples = {
    'api-tokens': A.token.id,
    connections: A.conn.id,
    'sync-jobs': A.jobs[0],
    orders: A.orders[2].id,
    products: A.product.id,
    'channel-skus': A.skus[0].id,
    warehouses: A.wh.id,
    'stock-receipts': A.receipt.id,
    suppliers: A.supplier.id,
    'export-slips': A.awaiting.id,
    'fulfillment-batches': A.batch.id,
    'after-sales': A.request.id,
    staff: A.m.user.id,
    invitations: A.invitation.id,
  };
  assert.ok(samples[collection], `${route.key}: the isolation test has no sample id of "${collection}"; add one`);
  return samples[collection];
}

// B's body for a write to A's object: valid with B's own ids, so only ownership can refuse it.
function bodyFor(route) {
  const bodies = {
    'PATCH /api/v1/products/{id}': { name: 'Đổi tên', sku: `HIJACK-${tag}`, unit: 'cai' },
    'PUT /api/v1/channel-skus/{id}/link': { product_id: B.product.id },
    'POST /api/v1/orders/{id}/links': { links: [{ channel_sku_id: B.skus[0].id, product_id: B.product.id }] },
    'PATCH /api/v1/warehouses/{id}': { name: 'Đổi tên' },
    'PATCH /api/v1/suppliers/{id}': { name: `Đổi tên ${tag}` },
    'POST /api/v1/orders/{id}/export-slips': { warehouse_id: B.wh.id },
    'POST /api/v1/export-slips/{id}/returns': { warehouse_id: B.wh.id, lines: [{ product_id: B.product.id, quantity: 1 }] },
    'PUT /api/v1/connections/{id}/stock-settings': { enabled: false, warehouse_ids: [B.wh.id], buffer: 0 },
    'PUT /api/v1/connections/{id}/fulfillment-settings': { slip_on_arrange: true, export_on_transit: true, warehouse_id: B.wh.id },
    'POST /api/v1/after-sales/{id}/reject': { reason: 'seller_reject_reason' },
    'PATCH /api/v1/staff/{id}': { role: 'manager', disabled: true },
    'POST /api/v1/staff/{id}/transfer-ownership': { password: B.m.password },
  };
  if (bodies[route.key]) return bodies[route.key];
  return ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
}

// What of A's can be seen from outside, to prove B's calls changed none of it.
async function stateOf(x) {
  const get = async (path) => call(x.m, 'GET', path);
  const slip = async (id) => { const s = await get(`/api/v1/export-slips/${id}`); return [s.status, s.lines]; };
  return {
    conns: (await get('/api/v1/connections')).items.map((c) => [c.id, c.status]),
    tokens: (await get('/api/v1/api-tokens')).items.map((t) => [t.id, t.revoked_at]),
    products: (await get('/api/v1/products')).items.map((p) => [p.id, p.name, p.sku, p.unit]),
    links: (await get('/api/v1/channel-skus?per_page=200')).items.map((s) => [s.id, s.product && s.product.id]),
    warehouses: (await get('/api/v1/warehouses')).items.map((w) => [w.id, w.name, w.code]),
    stock: (await get('/api/v1/stock')).items.map((s) => [s.warehouse_id, s.product_id, s.on_hand, s.available, s.awaiting_export]),
    ledger: (await get('/api/v1/stock-movements')).total,
    slips: [await slip(x.awaiting.id), await slip(x.exported.id)],
    orders: (await get('/api/v1/orders')).items.map((o) => [o.id, o.external_id, o.channel_status, o.all_linked, o.export_slip]),
    settings: await get(`/api/v1/connections/${x.conn.id}/stock-settings`),
    receipts: (await get(`/api/v1/export-slips/${x.exported.id}`)).returns,
    receipt: await get(`/api/v1/stock-receipts/${x.receipt.id}`),
    suppliers: (await get('/api/v1/suppliers')).items,
    numbering: await get('/api/v1/document-numbering'),
    staff: (await get('/api/v1/staff')).items.map((p) => [p.id, p.role, p.disabled]),
    invitations: (await get('/api/v1/staff')).invitations.map((i) => [i.id, i.role, i.expires_at]),
  };
}

// The text of a response: JSON as sent, an .xlsx as the text of its cells.
async function textOf(res) {
  if (!(res.headers.get('content-type') || '').includes('spreadsheetml')) return res.text;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.buf);
  const cells = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
  return cells.join('\n');
}

async function raw(method, path, token) {
  const res = await fetch(process.env.BASE_URL + path, { method, headers: { authorization: `Bearer ${token}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, text: buf.toString('utf8') };
}

test('the route table is the one the API serves in openapi.json', async () => {
  assert.ok(ROUTES.length >= 50, `routes.c parsed: ${ROUTES.length} routes`);
  const doc = (await api('GET', '/api/v1/openapi.json')).json;
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops)
    .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((k) => `${k.toUpperCase()} ${p}`));
  assert.deepEqual(documented.sort(), ROUTES.map((r) => r.key).sort());
  // each operation's x-permission is the route's permission (none for public routes)
  for (const r of ROUTES) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    assert.equal(op['x-permission'], permOf(r), `${r.key}: openapi.json's x-permission and routes.c's permission`);
  }
  for (const r of ROUTES.filter((x) => x.auth === 'ROUTE_PUBLIC')) {
    assert.ok(PUBLIC_CASES[r.key], `${r.key} is public: say in PUBLIC_CASES how it keeps merchants apart`);
  }
});

test("every route with an {id}, called by another merchant with the owner's id, answers 404 and changes nothing", async () => {
  const before = await stateOf(A);
  const walked = [];
  for (const route of ROUTES.filter((r) => r.path.includes('{id}'))) {
    assert.notEqual(route.auth, 'ROUTE_PUBLIC', `${route.key} takes an id: it must need a signed-in merchant`);
    const path = route.path.replace('{id}', String(sampleId(route)));
    const res = await api(route.method, path, { token: B.m.token, body: bodyFor(route) });
    expectError(assert, res, 404, 'not_found');
    assert.ok(!A.words.some((w) => res.text.includes(w)), `${route.key}: the 404 names nothing of the owner's`);
    walked.push(route.key);
  }
  assert.ok(walked.length >= 20, `walked ${walked.length} routes with ids`);
  assert.deepEqual(await stateOf(A), before, "the owner's data is unchanged");
  // and the samples were real: the owner reads each of them
  for (const route of ROUTES.filter((r) => r.method === 'GET' && r.path.includes('{id}'))) {
    const res = await api('GET', route.path.replace('{id}', String(sampleId(route))), { token: A.m.token });
    assert.equal(res.status, 200, `${route.key} answers its owner: ${res.text}`);
  }
  // and an API token of B (not only its session) is refused the same way
  const viaToken = await api('GET', `/api/v1/orders/${A.orders[0].id}`, { token: B.token.token });
  expectError(assert, viaToken, 404, 'not_found');
});

// The query parameters of a GET route (openapi.json, $refs resolved) with the owner's values.
function filtersOf(doc, route) {
  const op = doc.paths[route.path][route.method.toLowerCase()];
  const params = (op.parameters || []).map((p) => (p.$ref ? p.$ref.split('/').reduce((o, k) => (k === '#' ? doc : o[k]), null) : p));
  const out = [];
  for (const p of params.filter((x) => x.in === 'query')) {
    const values = {
      connection_id: [A.conn.id], warehouse_id: [A.wh.id], product_id: [A.product.id], supplier_id: [A.supplier.id],
      user_id: [A.m.user.id],
      q: [A.orders[0].external_id, A.product.sku, A.skus[0].sku_id, A.awaiting.code, String(A.awaiting.id), 'iso'],
    }[p.name];
    if (values) for (const v of values) out.push(`${p.name}=${encodeURIComponent(v)}`);
    else assert.ok(!/_id$/.test(p.name), `${route.key}: no value of the owner's for the filter ${p.name}; add one`);
  }
  const ids = ['connection_id', 'warehouse_id', 'product_id'].filter((n) => out.some((x) => x.startsWith(`${n}=`)));
  if (ids.length > 1) out.push(ids.map((n) => out.find((x) => x.startsWith(`${n}=`))).join('&'));
  return out;
}

test("no list, search, filter, export, count or the overview of another merchant holds the owner's rows", async () => {
  const doc = (await api('GET', '/api/v1/openapi.json')).json;
  let calls = 0;
  for (const route of ROUTES.filter((r) => r.method === 'GET' && !r.path.includes('{') && r.auth !== 'ROUTE_PUBLIC')) {
    for (const query of ['', ...filtersOf(doc, route)]) {
      const path = route.path + (query ? `?${query}` : '');
      const res = await raw('GET', path, B.m.token);
      assert.ok(res.status === 200 || res.status === 404 || res.status === 422, `${path}: ${res.status} ${res.text}`);
      const text = await textOf(res);
      const seen = A.words.filter((w) => text.includes(w));
      assert.deepEqual(seen, [], `${path} as the other merchant shows the owner's ${seen.join(', ')}`);
      if (res.status === 200 && A.ids[route.path]) {
        const json = JSON.parse(res.text);
        const leaked = json.items.filter((it) => A.ids[route.path].includes(it.id));
        assert.deepEqual(leaked, [], `${path} lists the owner's rows`);
        if (!query) assert.ok(json.items.some((it) => B.ids[route.path].includes(it.id)), `${path} lists the caller's own rows`);
      }
      if (res.status === 200 && query && /(^|&)(connection|warehouse|product)_id=/.test(query) && !route.path.endsWith('.xlsx')) {
        const json = JSON.parse(res.text);
        if (Array.isArray(json.items)) assert.equal(json.items.length, 0, `${path}: a filter on the owner's id finds nothing`);
      }
      calls += 1;
    }
  }
  assert.ok(calls >= 40, `${calls} list calls`);
  // the counts: the overview's tiles and charts are the caller's own
  const ov = await call(B.m, 'GET', '/api/v1/overview');
  const own = await call(B.m, 'GET', '/api/v1/orders');
  const byStatus = (ov.orders_by_status || []).reduce((n, s) => n + s.count, 0);
  if (ov.orders_by_status) assert.equal(byStatus, own.total, 'orders by status count only the caller\'s orders');
});

test("bodies that name another merchant's objects are refused and no row of one merchant points at another's", async () => {
  const before = await stateOf(A);
  const refused = [
    ['POST', '/api/v1/stock-receipts', { warehouse_id: A.wh.id, lines: [{ product_id: B.product.id, quantity: 1 }] }],
    ['POST', '/api/v1/stock-receipts', { warehouse_id: B.wh.id, lines: [{ product_id: A.product.id, quantity: 1 }] }],
    ['PUT', `/api/v1/channel-skus/${B.skus[0].id}/link`, { product_id: A.product.id }],
    ['POST', `/api/v1/orders/${B.orders[2].id}/links`, { links: [{ channel_sku_id: A.skus[0].id, product_id: B.product.id }] }],
    ['POST', `/api/v1/orders/${B.orders[2].id}/links`, { links: [{ channel_sku_id: B.orders[2].lines[0].channel_sku_id, product_id: A.product.id }] }],
    ['POST', `/api/v1/orders/${B.orders[2].id}/export-slips`, { warehouse_id: A.wh.id }],
    ['POST', `/api/v1/export-slips/${B.exported.id}/returns`, { warehouse_id: A.wh.id, lines: [{ product_id: B.product.id, quantity: 1 }] }],
    ['POST', `/api/v1/export-slips/${B.exported.id}/returns`, { warehouse_id: B.wh.id, lines: [{ product_id: A.product.id, quantity: 1 }] }],
    ['PUT', `/api/v1/connections/${B.conn.id}/stock-settings`, { enabled: true, warehouse_ids: [A.wh.id] }],
    ['POST', '/api/v1/stock-receipts', { warehouse_id: B.wh.id, supplier_id: A.supplier.id, lines: [{ product_id: B.product.id, quantity: 1 }] }],
    ['POST', '/api/v1/stock-receipts/import', { supplier_id: A.supplier.id, rows: [{ sku: B.product.sku, quantity: 1 }] }],
    ['POST', '/api/v1/stock-receipts/import', { rows: [{ sku: A.product.sku, quantity: 1 }, { sku: B.product.sku, quantity: 1, warehouse: A.wh.code }] }],
    ['POST', '/api/v1/product-units', { product_ids: [A.product.id], unit: 'hộp' }],
  ];
  for (const [method, path, body] of refused) {
    const res = await api(method, path, { token: B.m.token, body });
    assert.ok(res.status === 404 || res.status === 422, `${method} ${path} ${JSON.stringify(body)}: ${res.status} ${res.text}`);
    assert.ok(res.json && res.json.error, res.text);
  }
  // auto-link on A's connection links nothing of A's
  const auto = await api('POST', '/api/v1/channel-skus/auto-link', { token: B.m.token, body: { connection_id: A.conn.id, create_missing: true } });
  assert.ok([200, 404, 422].includes(auto.status), auto.text);
  if (auto.status === 200) assert.deepEqual([auto.json.linked, auto.json.created], [0, 0]);
  assert.deepEqual(await stateOf(A), before, "the owner's data is unchanged");

  // Every id column of a merchant's row that names a row of another table names one of the same merchant.
  const cols = sql(`SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    AND DATA_TYPE IN ('bigint', 'int') AND (COLUMN_NAME LIKE '%\\_id' OR COLUMN_NAME = 'created_by')
    AND COLUMN_NAME <> 'merchant_id'`);
  const owned = new Set(sql(`SELECT TABLE_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'merchant_id'`).map((r) => r[0]));
  const target = { user: 'users', created_by: 'users', active_order: 'orders', slip: 'export_slips', export_slip: 'export_slips',
    receipt: 'stock_receipts', job: 'sync_jobs', channel_sku: 'channel_skus', doc: null };
  const mids = `${A.m.merchant.id}, ${B.m.merchant.id}`;
  let checked = 0;
  for (const [table, col] of cols) {
    const stem = col === 'created_by' ? col : col.replace(/_id$/, '');
    const to = stem in target ? target[stem] : `${stem}s`;
    if (to === null || !owned.has(to)) continue; // polymorphic (doc_id), or a table no merchant owns
    // the row's merchant: its own column, or (for link tables without one) every referenced row must agree
    const mine = owned.has(table) ? 't.merchant_id' : null;
    if (mine) {
      const bad = sql(`SELECT COUNT(*) FROM \`${table}\` t JOIN \`${to}\` x ON x.id = t.\`${col}\`
        WHERE t.merchant_id IN (${mids}) AND x.merchant_id <> t.merchant_id`);
      assert.equal(bad[0][0], '0', `${table}.${col} names a ${to} row of another merchant`);
      checked += 1;
    } else {
      for (const [t2, col2] of cols.filter(([t, c]) => t === table && c !== col)) {
        const to2 = `${col2.replace(/_id$/, '')}s`;
        if (t2 !== table || !owned.has(to2)) continue;
        const bad = sql(`SELECT COUNT(*) FROM \`${table}\` t JOIN \`${to}\` x ON x.id = t.\`${col}\`
          JOIN \`${to2}\` y ON y.id = t.\`${col2}\` WHERE x.merchant_id IN (${mids}) AND y.merchant_id <> x.merchant_id`);
        assert.equal(bad[0][0], '0', `${table}: ${col} and ${col2} belong to different merchants`);
        checked += 1;
      }
    }
  }
  assert.ok(checked >= 15, `${checked} references checked`);
});

test('the OAuth callback binds a shop to the merchant who started it', async () => {
  // B starts an authorization, A's seller finishes it in B's browser: the shop is A's already, so it is refused.
  const start = await api('POST', '/api/v1/connections/tiktok/authorize', { token: B.m.token, body: { region: 'VN' } });
  const state = new URL(start.json.authorize_url).searchParams.get('state');
  const { redirect_url } = await control('POST', '/sandbox/authorize', { email: A.seller.email, password: A.seller.password, state });
  const u = new URL(redirect_url);
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const back = await api('GET', u.pathname + u.search, { headers: { cookie } });
  const result = new URL(back.headers.get('location')).searchParams;
  assert.deepEqual([result.get('result'), result.get('reason')], ['error', 'shop_taken']);
  assert.deepEqual((await call(B.m, 'GET', '/api/v1/connections')).items.map((c) => c.id), [B.conn.id]);
  // A's own state, replayed without A's browser cookie, connects nothing
  const startA = await api('POST', '/api/v1/connections/tiktok/authorize', { token: A.m.token, body: { region: 'VN' } });
  const stateA = new URL(startA.json.authorize_url).searchParams.get('state');
  const redirA = new URL((await control('POST', '/sandbox/authorize', { email: B.seller.email, password: B.seller.password, state: stateA })).redirect_url);
  const replay = await api('GET', redirA.pathname + redirA.search, { headers: { cookie } });
  assert.notEqual(new URL(replay.headers.get('location')).searchParams.get('result'), 'connected');
  assert.deepEqual((await call(A.m, 'GET', '/api/v1/connections')).items.map((c) => c.id), [A.conn.id]);
});

test("webhooks for one merchant's shop never touch another merchant's data", async () => {
  const app = await control('GET', '/sandbox/app');
  const signed = (body) => {
    const text = JSON.stringify(body);
    return { body: text, headers: { authorization: createHmac('sha256', app.app_secret).update(app.app_key + text).digest('hex') } };
  };
  const nid = () => String(BigInt('0x' + randomBytes(7).toString('hex')));
  const bBefore = await stateOf(B);
  const bJobs = (await call(B.m, 'GET', '/api/v1/sync-jobs?per_page=200')).items.filter((j) => j.kind === 'order_fetch').length;

  // a real status change on TikTok for A's order reaches A
  const target = A.orders[2];
  await control('POST', `/sandbox/orders/${target.external_id}/status`, { status: 'IN_TRANSIT' });
  await eventually(async () => (await call(A.m, 'GET', `/api/v1/orders/${target.id}`)).channel_status === 'IN_TRANSIT', "A's order to follow TikTok");

  // a push for A's shop naming B's order: fetched with A's shop and token, it finds nothing and changes nothing of B's
  const bOrder = B.orders[2];
  const sent = nid();
  const res = await api('POST', '/api/v1/webhooks/tiktok', signed({ type: 1, tts_notification_id: sent, shop_id: A.shop.id,
    timestamp: Math.floor(Date.now() / 1000), data: { order_id: bOrder.external_id, order_status: 'CANCELLED', update_time: Math.floor(Date.now() / 1000) } }));
  assert.equal(res.status, 200, res.text);
  assert.equal(sql(`SELECT outcome FROM webhook_receipts WHERE notification_id = '${sent}'`)[0][0], 'queued');
  await eventually(() => sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${A.m.merchant.id} AND kind = 'order_fetch'
    AND state IN ('done', 'failed') AND finished_at IS NOT NULL AND payload LIKE '%${bOrder.external_id}%'`)[0][0] !== '0'
    || sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${A.m.merchant.id} AND kind = 'order_fetch' AND state IN ('queued', 'running')`)[0][0] === '0',
  "A's follow-up of the push to end", { timeoutMs: 60000 });
  assert.equal((await call(A.m, 'GET', `/api/v1/orders?q=${bOrder.external_id}`)).total, 0, "B's order did not become A's");

  // A's shop deauthorized: A's connection needs a reconnect, B's stays active
  const deauth = await api('POST', '/api/v1/webhooks/tiktok', signed({ type: 6, tts_notification_id: nid(), shop_id: A.shop.id,
    timestamp: Math.floor(Date.now() / 1000), data: { reason: 'seller revoked' } }));
  assert.equal(deauth.status, 200, deauth.text);
  assert.equal((await call(A.m, 'GET', '/api/v1/connections')).items[0].status, 'reauth_required');

  assert.deepEqual(await stateOf(B), bBefore, "B's data is unchanged");
  assert.equal((await call(B.m, 'GET', '/api/v1/sync-jobs?per_page=200')).items.filter((j) => j.kind === 'order_fetch').length, bJobs,
    'no job was started for B');
});

// The money members of answers: none reaches a role without money.read (backend/src/api/money.c).
const MONEY_KEYS = ['total_amount', 'unit_price', 'original_price', 'price', 'amount', 'unit_cost', 'revenue', 'sub_total',
  'shipping_fee', 'seller_discount', 'platform_discount', 'tax', 'original_total_product_price', 'original_shipping_fee',
  'shipping_discount'];
// The Excel headers of money columns.
const MONEY_HEADERS = ['Tổng tiền'];

function moneyKeysIn(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => moneyKeysIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (MONEY_KEYS.includes(k)) found.add(k);
      moneyKeysIn(v, found);
    }
  }
  return found;
}

// Every GET route with the owner's ids, as `who`: [route, response] of those answered 200.
async function readAll(who) {
  const out = [];
  for (const route of ROUTES.filter((r) => r.method === 'GET' && r.auth !== 'ROUTE_PUBLIC')) {
    const path = route.path.includes('{id}') ? route.path.replace('{id}', String(sampleId(route))) : route.path;
    const res = await raw('GET', path, who.token);
    if (res.status === 200) out.push([route, res]);
  }
  return out;
}

test('no answer, export or print view of a role without money.read holds a money field', async () => {
  const warehouse = await addPerson(A.m, 'warehouse');
  const seen = async (who) => {
    const keys = new Set();
    const headers = new Set();
    for (const [route, res] of await readAll(who)) {
      if ((res.headers.get('content-type') || '').includes('spreadsheetml')) {
        for (const h of MONEY_HEADERS) if ((await textOf(res)).split('\n').includes(h)) headers.add(`${route.key} ${h}`);
      } else if ((res.headers.get('content-type') || '').includes('json')) {
        for (const k of moneyKeysIn(JSON.parse(res.text))) keys.add(`${route.key} ${k}`);
      }
    }
    return { keys, headers };
  };
  const owner = await seen(A.m);
  // the owner's answers have them (lists, details, overview, exports), so their absence below means something
  for (const must of ['GET /api/v1/orders total_amount', 'GET /api/v1/orders/{id} unit_price', 'GET /api/v1/orders/{id} sub_total',
    'GET /api/v1/overview revenue', 'GET /api/v1/products price', 'GET /api/v1/channel-skus price',
    'GET /api/v1/export-slips/{id} amount', 'GET /api/v1/stock-receipts/{id} unit_cost', 'GET /api/v1/stock-receipts amount',
    'GET /api/v1/products/{id} price']) {
    assert.ok(owner.keys.has(must), `the owner sees ${must}: ${[...owner.keys].join(', ')}`);
  }
  assert.ok(owner.headers.has('GET /api/v1/orders/export.xlsx Tổng tiền'), [...owner.headers].join(', '));
  const wh = await seen(warehouse);
  assert.deepEqual([...wh.keys], [], 'money members in the warehouse role\'s answers');
  assert.deepEqual([...wh.headers], [], 'money columns in the warehouse role\'s exports');
  // and a slip the warehouse keeper makes answers without its amounts
  const slip = await api('POST', `/api/v1/orders/${A.orders[2].id}/export-slips`, { token: warehouse.token, body: { warehouse_id: A.wh.id } });
  assert.ok([201, 409].includes(slip.status), slip.text);
  if (slip.status === 201) assert.deepEqual([...moneyKeysIn(slip.json)], []);
});

// Last: the calls each role may make run for real and change the owner's data.
test('every route, called by every role, answers 403 forbidden exactly when the role lacks its permission', async () => {
  const roles = (await call(A.m, 'GET', '/api/v1/roles')).roles;
  assert.deepEqual(roles.map((r) => r.name), ['owner', 'manager', 'warehouse', 'accountant']);
  const people = { owner: A.m };
  for (const r of roles.filter((x) => x.name !== 'owner')) people[r.name] = await addPerson(A.m, r.name);
  // the owner last, and deletions after everything else: what the sweep changes cannot decide a later answer
  const order = ['manager', 'warehouse', 'accountant', 'owner'];
  const routes = ROUTES.filter((r) => r.auth !== 'ROUTE_PUBLIC')
    .sort((a, b) => (a.method === 'DELETE') - (b.method === 'DELETE'));
  let allowed = 0;
  let refused = 0;
  for (const name of order) {
    const perms = roles.find((r) => r.name === name).permissions;
    const who = people[name];
    for (const route of routes) {
      const path = route.path.includes('{id}') ? route.path.replace('{id}', String(sampleId(route))) : route.path;
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      const res = await api(route.method, path, { token: who.token, body });
      const need = permOf(route);
      if (perms.includes(need)) {
        allowed++;
        assert.notEqual(res.status, 403, `${name} may ${route.key} (${need}): ${res.text}`);
        assert.notEqual(res.status, 401, `${name} ${route.key}: ${res.text}`);
      } else {
        refused++;
        expectError(assert, res, 403, 'forbidden');
        assert.equal(res.json.error.details.permission, need, `${name} ${route.key}`);
      }
    }
  }
  assert.ok(allowed > 100 && refused > 60, `allowed ${allowed}, refused ${refused}`);
  // the roles, as the table has them
  const has = (role, p) => roles.find((r) => r.name === role).permissions.includes(p);
  for (const p of ['staff.manage', 'ownership', 'connections.manage', 'api_tokens.manage']) assert.ok(!has('manager', p), p);
  for (const p of ['money.read', 'products.write', 'settings.write', 'connections.read']) assert.ok(!has('warehouse', p), p);
  for (const p of ['orders.read', 'products.read', 'stock.write', 'receipts.write', 'slips.write', 'returns.write', 'labels',
    'shipping.arrange']) assert.ok(has('warehouse', p), p);
  for (const p of ['money.read', 'exports', 'notes.write', 'settings.read', 'connections.read']) assert.ok(has('accountant', p), p);
  for (const p of ['products.write', 'stock.write', 'slips.write', 'settings.write']) assert.ok(!has('accountant', p), p);
  assert.ok(roles.find((r) => r.name === 'owner').permissions.length === (await call(A.m, 'GET', '/api/v1/roles')).permissions.length);
});
