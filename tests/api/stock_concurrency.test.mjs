// Export slips under concurrency: 20 simultaneous Xuất kho give one success, slips racing for the last units
// never drive available below zero, and a random mix of receipts, slips, exports, cancels and returns on
// several warehouses keeps every invariant and ledger sum.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './lib/client.mjs';
import {
  stockSetup, call, syncedOrders, newProduct, linkLines, receive, stockOf, checkInvariants,
} from './lib/stock.mjs';

let ctx;
let orders;
before(async () => {
  ctx = await stockSetup('race');
  orders = await syncedOrders(ctx.m, ctx.shop, ctx.conn, { count: 40, status: 'AWAITING_SHIPMENT' });
});

const qty = (o) => o.lines.reduce((n, l) => n + l.quantity, 0);
let next = 0;
const take = () => orders[next++];

test('20 simultaneous Xuất kho on one slip: exactly one succeeds, the rest answer 409', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkLines(m, take(), () => p);
  await receive(m, wh.id, [{ product_id: p, quantity: qty(o) }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const answers = await Promise.all(Array.from({ length: 20 }, () =>
    api('POST', `/api/v1/export-slips/${slip.id}/export`, { token: m.token })));
  const codes = answers.map((a) => a.status).sort();
  assert.deepEqual(codes, [200, ...Array(19).fill(409)], codes.join(','));
  for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.json.error.code, 'export_slip_not_awaiting_export');
  assert.deepEqual(await stockOf(m, wh.id, p), { on_hand: 0, available: 0, awaiting_export: 0 });
  const ledger = await call(m, 'GET', `/api/v1/stock-movements?product_id=${p}`);
  assert.equal(ledger.items.filter((r) => r.document.type === 'slip_export').length, 1);
  checkInvariants(m);
});

test('export and cancel racing on one slip: one wins, the stock matches the winner', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkLines(m, take(), () => p);
  const q = qty(o);
  await receive(m, wh.id, [{ product_id: p, quantity: q }]);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    api('POST', `/api/v1/export-slips/${slip.id}/${i % 2 ? 'cancel' : 'export'}`, { token: m.token })));
  const won = answers.filter((a) => a.status === 200);
  assert.equal(won.length, 1);
  assert.equal(answers.filter((a) => a.status === 409).length, 9);
  const final = (await call(m, 'GET', `/api/v1/export-slips/${slip.id}`)).status;
  assert.equal(won[0].json.status, final);
  assert.deepEqual(await stockOf(m, wh.id, p),
    final === 'exported' ? { on_hand: 0, available: 0, awaiting_export: 0 } : { on_hand: q, available: q, awaiting_export: 0 });
  checkInvariants(m);
});

test('slips of many orders racing for the last units never drive available below zero', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const racers = [];
  for (let i = 0; i < 8; i++) racers.push(await linkLines(m, take(), () => p));
  const needs = racers.map(qty);
  // enough for about half of them
  const stock = needs.slice(0, 4).reduce((a, b) => a + b, 0);
  await receive(m, wh.id, [{ product_id: p, quantity: stock }]);
  const answers = await Promise.all(racers.map((o) =>
    api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } })));
  let taken = 0;
  answers.forEach((a, i) => {
    if (a.status === 201) taken += needs[i];
    else {
      assert.equal(a.status, 409, a.text);
      assert.equal(a.json.error.code, 'insufficient_stock');
    }
  });
  assert.ok(answers.some((a) => a.status === 201));
  assert.ok(taken <= stock);
  const s = await stockOf(m, wh.id, p);
  assert.deepEqual(s, { on_hand: stock, available: stock - taken, awaiting_export: taken });
  // and every refused one was refused for a real shortage at its turn: what is left is less than it needed
  answers.forEach((a, i) => { if (a.status === 409) assert.ok(needs[i] > s.available); });
  checkInvariants(m);
});

test('two slips for one order at once: one is created, the other answers 409', async () => {
  const { m, wh } = ctx;
  const p = await newProduct(m);
  const o = await linkLines(m, take(), () => p);
  await receive(m, wh.id, [{ product_id: p, quantity: qty(o) * 10 }]);
  const answers = await Promise.all(Array.from({ length: 10 }, () =>
    api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } })));
  assert.equal(answers.filter((a) => a.status === 201).length, 1);
  for (const a of answers.filter((x) => x.status !== 201)) {
    assert.equal(a.status, 409);
    assert.equal(a.json.error.code, 'export_slip_exists');
  }
  assert.equal((await stockOf(m, wh.id, p)).awaiting_export, qty(o));
  checkInvariants(m);
});

// A small deterministic random generator, so a failure can be replayed from its seed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('property: a random mix of receipts, slips, exports, cancels and returns keeps every invariant', async () => {
  const { m, wh } = ctx;
  const seed = Number(process.env.STOCK_SEED || Date.now() % 100000);
  const rand = rng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const whs = [wh, await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho B', code: `B-${seed}-${Date.now()}` }),
    await call(m, 'POST', '/api/v1/warehouses', { name: 'Kho C', code: `C-${seed}-${Date.now()}` })];
  const products = [await newProduct(m), await newProduct(m), await newProduct(m)];
  // the remaining orders, each line linked to one of the three products
  const pool = [];
  while (next < orders.length) {
    const o = take();
    pool.push(await linkLines(m, o, (l) => products[[...l.sku_id].reduce((h, ch) => h + ch.charCodeAt(0), 0) % 3]));
  }
  // what the model expects, per warehouse and product
  const model = new Map();
  const cell = (w, p) => {
    const k = `${w}:${p}`;
    if (!model.has(k)) model.set(k, { on_hand: 0, available: 0, awaiting_export: 0 });
    return model.get(k);
  };
  const slips = [];
  const counts = {};
  const ops = 300;
  for (let i = 0; i < ops; i++) {
    const r = rand();
    let op;
    if (r < 0.25) {
      op = 'receipt';
      const w = pick(whs).id;
      const lines = products.filter(() => rand() < 0.6).map((p) => ({ product_id: p, quantity: 1 + Math.floor(rand() * 6) }));
      if (!lines.length) continue;
      await receive(m, w, lines);
      for (const l of lines) { const c = cell(w, l.product_id); c.on_hand += l.quantity; c.available += l.quantity; }
    } else if (r < 0.55) {
      op = 'create';
      const o = pick(pool);
      const w = pick(whs).id;
      const res = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: w } });
      const live = slips.find((s) => s.order === o.id && s.status === 'awaiting_export' || s.order === o.id && s.status === 'exported');
      const need = new Map();
      for (const l of o.lines) need.set(l.product.id, (need.get(l.product.id) || 0) + l.quantity);
      const enough = [...need].every(([p, q]) => cell(w, p).available >= q);
      if (live) {
        assert.equal(res.status, 409, res.text);
        assert.equal(res.json.error.code, 'export_slip_exists');
      } else if (!enough) {
        assert.equal(res.status, 409, res.text);
        assert.equal(res.json.error.code, 'insufficient_stock');
      } else {
        assert.equal(res.status, 201, res.text);
        for (const [p, q] of need) { const c = cell(w, p); c.available -= q; c.awaiting_export += q; }
        slips.push({ id: res.json.id, order: o.id, w, status: 'awaiting_export', lines: [...need].map(([p, q]) => ({ p, q, back: 0 })) });
      }
    } else if (r < 0.75) {
      op = 'export';
      const s = pick(slips.length ? slips : [null]);
      if (!s) continue;
      const res = await api('POST', `/api/v1/export-slips/${s.id}/export`, { token: m.token });
      if (s.status !== 'awaiting_export') { assert.equal(res.status, 409); continue; }
      assert.equal(res.status, 200, res.text);
      s.status = 'exported';
      for (const l of s.lines) { const c = cell(s.w, l.p); c.on_hand -= l.q; c.awaiting_export -= l.q; }
    } else if (r < 0.88) {
      op = 'cancel';
      const s = pick(slips.length ? slips : [null]);
      if (!s) continue;
      const res = await api('POST', `/api/v1/export-slips/${s.id}/cancel`, { token: m.token });
      if (s.status !== 'awaiting_export') { assert.equal(res.status, 409); continue; }
      assert.equal(res.status, 200, res.text);
      s.status = 'cancelled';
      for (const l of s.lines) { const c = cell(s.w, l.p); c.available += l.q; c.awaiting_export -= l.q; }
    } else {
      op = 'return';
      const s = pick(slips.filter((x) => x.status === 'exported').concat([null]));
      if (!s) continue;
      const open = s.lines.filter((l) => l.back < l.q);
      const w = pick(whs).id;
      const lines = open.map((l) => ({ product_id: l.p, quantity: 1 + Math.floor(rand() * (l.q - l.back)) }));
      const res = await api('POST', `/api/v1/export-slips/${s.id}/returns`, { token: m.token, body: { warehouse_id: w, lines: lines.length ? lines : undefined } });
      if (!open.length) { assert.equal(res.status, 409, res.text); continue; }
      assert.equal(res.status, 201, res.text);
      for (const l of lines) {
        s.lines.find((x) => x.p === l.product_id).back += l.quantity;
        const c = cell(w, l.product_id); c.on_hand += l.quantity; c.available += l.quantity;
      }
    }
    counts[op] = (counts[op] || 0) + 1;
  }
  for (const [k, want] of model) {
    const [w, p] = k.split(':').map(Number);
    assert.deepEqual(await stockOf(m, w, p), want, `seed ${seed}: warehouse ${w} product ${p}`);
  }
  checkInvariants(m);
  assert.ok(counts.receipt > 10 && counts.create > 10, `seed ${seed}: a real mix ran: ${JSON.stringify(counts)}`);
});
