// Stock under fire: 1,000 random operations from 16 concurrent clients (receipts, slip create/export/cancel, returns,
// double clicks, link changes) on three warehouses with stock push on. Afterwards: the invariants and ledger sums,
// the stock equals what the successful answers add up to (nothing doubled), each slip changed state at most once,
// and TikTok's quantities (the sandbox) equal the final available stock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';
import { control, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { stockSetup, call, newProduct, checkInvariants } from './lib/stock.mjs';

const OPS = 1000;
const CLIENTS = 16;

// A small deterministic random generator, so a failing run can be replayed from its seed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('1,000 concurrent stock operations from 16 clients: invariants, no double apply, TikTok in step', async () => {
  const seed = Number(process.env.STOCK_SEED || Date.now() % 100000);
  const rand = rng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const { m, shop, conn, wh } = await stockSetup('fire');

  // 80 orders synced, the shop's SKUs pulled and linked to three products
  const made = await makeOrders(shop.id, { count: 80, days_back: 1, status: 'AWAITING_SHIPMENT' });
  await call(m, 'POST', `/api/v1/connections/${conn.id}/sync`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', '/api/v1/orders?per_page=200')).total === made.length, 'the orders to sync', { timeoutMs: 60000 });
  const pull = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', 'the product pull');
  const skus = (await call(m, 'GET', `/api/v1/channel-skus?per_page=200&connection_id=${conn.id}`)).items;
  const products = [await newProduct(m, 'Lửa'), await newProduct(m, 'Lửa'), await newProduct(m, 'Lửa')];
  for (const [i, s] of skus.entries()) await call(m, 'PUT', `/api/v1/channel-skus/${s.id}/link`, { product_id: products[i % 3] });
  const orders = (await call(m, 'GET', '/api/v1/orders?per_page=200')).items.map((o) => o.id);
  const whs = [wh, await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho Lửa B', code: `FB-${seed}` }),
    await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho Lửa C', code: `FC-${seed}` })];
  // push sums the first two warehouses, less a buffer of 1
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [whs[0].id, whs[1].id], buffer: 1 });
  for (const w of whs) await call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: w.id, lines: products.map((p) => ({ product_id: p, quantity: 5 })) });

  // What the successful answers say happened.
  const receipts = [];            // {w, lines:[{product_id, quantity}]}, receipts and returns
  const slips = new Map();        // id → {w, lines, status, returned: Map(product → qty)}
  const counts = {};
  const post = (path, body) => api('POST', path, { token: m.token, body });
  const expectOne = (answers, okStatus, what) => {
    const ok = answers.filter((a) => a.status === okStatus);
    assert.ok(ok.length <= 1, `${what}: a double click applied ${ok.length} times`);
    return ok[0];
  };
  // Each operation returns the answers it got; every answer must be one the API promises (no 5xx).
  const allowed = new Set([200, 201, 204, 409, 422]);
  const ops = {
    async receipt() {
      const w = pick(whs).id;
      const lines = products.filter(() => rand() < 0.6).map((p) => ({ product_id: p, quantity: 1 + Math.floor(rand() * 3) }));
      if (!lines.length) lines.push({ product_id: products[0], quantity: 1 });
      const res = await post('/api/v1/stock-receipts', { warehouse_id: w, lines });
      if (res.status === 201) receipts.push({ w, lines });
      return [res];
    },
    async create(double = false) {
      const o = pick(orders);
      const w = pick(whs).id;
      const answers = await Promise.all(Array.from({ length: double ? 2 : 1 }, () => post(`/api/v1/orders/${o}/export-slips`, { warehouse_id: w })));
      const ok = expectOne(answers, 201, `slip of order ${o}`);
      if (ok) slips.set(ok.json.id, { w, lines: ok.json.lines, status: 'awaiting_export', returned: new Map() });
      for (const a of answers.filter((x) => x.status === 409 || x.status === 422)) {
        assert.ok(['export_slip_exists', 'insufficient_stock', 'order_items_unlinked'].includes(a.json.error.code), a.text);
        counts[a.json.error.code] = (counts[a.json.error.code] || 0) + 1;
      }
      return answers;
    },
    async transition(kind, double = false) {
      const ids = [...slips.keys()];
      if (!ids.length) return [];
      const id = pick(ids);
      const answers = await Promise.all(Array.from({ length: double ? 2 : 1 }, (_, i) =>
        post(`/api/v1/export-slips/${id}/${double === 'race' ? (i ? 'cancel' : 'export') : kind}`)));
      const ok = expectOne(answers, 200, `slip ${id} ${kind}`);
      if (ok) {
        const s = slips.get(id);
        assert.equal(s.status, 'awaiting_export', `slip ${id} moved from ${s.status} to ${ok.json.status}`);
        s.status = ok.json.status;
      }
      return answers;
    },
    async return() {
      const exported = [...slips].filter(([, s]) => s.status === 'exported');
      if (!exported.length) return [];
      const [id, s] = pick(exported);
      const w = pick(whs).id;
      const l = pick(s.lines);
      const res = await post(`/api/v1/export-slips/${id}/returns`, { warehouse_id: w, lines: [{ product_id: l.product_id, quantity: 1 }] });
      if (res.status === 201) {
        receipts.push({ w, lines: [{ product_id: l.product_id, quantity: 1 }] });
        s.returned.set(l.product_id, (s.returned.get(l.product_id) || 0) + 1);
      }
      return [res];
    },
    async link() {
      const s = pick(skus);
      const r = rand();
      if (r < 0.3) { // the order's "Sync product" popup: all its SKUs to one product, in one transaction
        const o = await api('GET', `/api/v1/orders/${pick(orders)}`, { token: m.token });
        const p = pick(products);
        const links = [...new Set(o.json.lines.map((l) => l.channel_sku_id))].map((id) => ({ channel_sku_id: id, product_id: p }));
        return [o, await post(`/api/v1/orders/${o.json.id}/links`, { links })];
      }
      const res = r < 0.4
        ? await api('DELETE', `/api/v1/channel-skus/${s.id}/link`, { token: m.token })
        : await api('PUT', `/api/v1/channel-skus/${s.id}/link`, { token: m.token, body: { product_id: pick(products) } });
      return [res];
    },
  };
  const menu = [
    [0.22, 'receipt', () => ops.receipt()],
    [0.22, 'create', () => ops.create()],
    [0.05, 'create x2', () => ops.create(true)],
    [0.14, 'export', () => ops.transition('export')],
    [0.05, 'export x2', () => ops.transition('export', true)],
    [0.08, 'cancel', () => ops.transition('cancel')],
    [0.04, 'export+cancel', () => ops.transition('export', 'race')],
    [0.10, 'return', () => ops.return()],
    [0.10, 'link', () => ops.link()],
  ];
  let next = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < OPS) {
      next += 1;
      let r = rand();
      const [, name, run] = menu.find(([p]) => (r -= p) < 0) || menu[0];
      for (const a of await run()) {
        assert.ok(allowed.has(a.status), `seed ${seed}: ${name} answered ${a.status} ${a.text}`);
        assert.ok(a.status < 300 || (a.json && a.json.error && a.json.error.code), `seed ${seed}: ${name}: error envelope: ${a.text}`);
      }
      counts[name] = (counts[name] || 0) + 1;
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  assert.ok(counts.receipt > 100 && counts.create > 100 && counts.export > 50 && counts.return > 20 && counts.link > 50,
    `seed ${seed}: a real mix ran: ${JSON.stringify(counts)} in ${seconds} s`);
  assert.ok(slips.size >= 40, `seed ${seed}: ${slips.size} slips made`);

  // the stock is exactly what the successful answers add up to
  const want = new Map();
  const cell = (w, p) => {
    const k = `${w}:${p}`;
    if (!want.has(k)) want.set(k, { on_hand: 0, available: 0, awaiting_export: 0 });
    return want.get(k);
  };
  for (const w of whs) for (const p of products) cell(w.id, p).on_hand += 5;
  for (const r of receipts) for (const l of r.lines) cell(r.w, l.product_id).on_hand += l.quantity;
  for (const s of slips.values()) {
    for (const l of s.lines) {
      if (s.status === 'exported') cell(s.w, l.product_id).on_hand -= l.quantity;
      if (s.status === 'awaiting_export') cell(s.w, l.product_id).awaiting_export += l.quantity;
      assert.ok((s.returned.get(l.product_id) || 0) <= l.quantity, 'never more back than went out');
    }
  }
  for (const c of want.values()) c.available = c.on_hand - c.awaiting_export;
  const stock = (await call(m, 'GET', '/api/v1/stock?per_page=200')).items;
  const got = new Map(stock.map((s) => [`${s.warehouse_id}:${s.product_id}`, { on_hand: s.on_hand, available: s.available, awaiting_export: s.awaiting_export }]));
  assert.deepEqual(Object.fromEntries(got), Object.fromEntries(want), `seed ${seed}: the stock is what the answers add up to`);
  checkInvariants(m);

  // each slip: created once, then at most one of export / cancel, matching its status
  const statuses = new Map();
  for (let page = 1; ; page++) {
    const list = await call(m, 'GET', `/api/v1/export-slips?per_page=200&page=${page}`);
    for (const s of list.items) statuses.set(s.id, s.status);
    if (page * 200 >= list.total) break;
  }
  for (const [id, s] of slips) assert.equal(statuses.get(id), s.status, `slip ${id}`);
  assert.equal(statuses.size, slips.size, 'every slip made was answered 201 once');
  const moves = sql(`SELECT doc_id, doc_type, product_id, COUNT(*) FROM stock_movements WHERE merchant_id = ${m.merchant.id}
    AND doc_type LIKE 'slip\\_%' GROUP BY doc_id, doc_type, product_id`);
  const kinds = new Map();
  for (const [doc, type, , n] of moves) {
    assert.equal(n, '1', `slip ${doc}: ${type} recorded ${n} times for one product`);
    if (type !== 'slip_create') kinds.set(doc, new Set([...(kinds.get(doc) || []), type]));
  }
  for (const [id, s] of slips) {
    const k = [...(kinds.get(String(id)) || [])];
    assert.deepEqual(k, { awaiting_export: [], exported: ['slip_export'], cancelled: ['slip_cancel'] }[s.status], `slip ${id}'s ledger`);
  }

  // TikTok ends with each linked SKU at the available stock of the pushed warehouses, less the buffer
  const links = (await call(m, 'GET', `/api/v1/channel-skus?per_page=200&connection_id=${conn.id}`)).items.filter((s) => s.product);
  assert.ok(links.length > 0, 'some SKUs are linked at the end');
  const expected = Object.fromEntries(links.map((s) => [s.sku_id,
    Math.max(0, stock.filter((x) => x.product_id === s.product.id && (x.warehouse_id === whs[0].id || x.warehouse_id === whs[1].id))
      .reduce((n, x) => n + x.available, 0) - 1)]));
  const onTikTok = async () => {
    const res = await control('GET', `/sandbox/shops/${shop.id}/products`);
    const q = {};
    for (const p of res.products) for (const s of p.skus) if (s.id in expected) q[s.id] = s.inventory.reduce((n, i) => n + i.quantity, 0);
    return q;
  };
  let last;
  await eventually(async () => {
    last = await onTikTok();
    return JSON.stringify(last) === JSON.stringify(Object.fromEntries(Object.keys(last).map((k) => [k, expected[k]])))
      && Object.keys(last).length === links.length;
  }, 'the pushes to settle', { timeoutMs: 30000 }).catch((e) => {
    assert.deepEqual(last, expected, `seed ${seed}: ${e.message}`);
  });
  assert.equal((await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?failed=true`)).total, 0, 'no push failed');
});
