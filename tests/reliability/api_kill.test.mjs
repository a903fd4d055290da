// api workers killed with SIGKILL in the middle of order links, slip transitions and receipts: no half-written
// link, slip or ledger row, and the prefork parent puts a new worker in the dead one's place at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../api/lib/client.mjs';
import { sql, eventually } from '../api/lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive, checkInvariants } from '../api/lib/stock.mjs';
import { pidOf, childrenOf, killHard, healthy } from './lib/procs.mjs';

const KILLS = 12;
const CLIENTS = 8;
const WORKERS = Number(process.env.TTS_API_WORKERS || 3);

test('SIGKILLed api workers mid-request: links, slips and receipts whole, the worker replaced at once', async () => {
  const { m, shop, conn, wh } = await stockSetup('apikill');
  const mid = Number(m.merchant.id);
  const orders = await syncedOrders(m, shop, conn, { count: 16 });
  const base = await newProduct(m, 'Gốc');
  for (const o of orders) await linkLines(m, o, () => base);
  // The order whose links the clients keep rewriting: all its SKUs to one "generation" of products per request.
  const target = orders.find((o) => new Set(o.lines.map((l) => l.channel_sku_id)).size >= 2);
  assert.ok(target, 'an order with two different SKUs');
  const skus = [...new Set(target.lines.map((l) => l.channel_sku_id))];
  const generations = [];
  for (let g = 0; g < 3; g++) {
    const gen = [];
    for (const _ of skus) gen.push(await newProduct(m, `Thế hệ ${g}`));
    generations.push(gen);
  }
  const all = [base, ...generations.flat()];
  await receive(m, wh.id, all.map((p) => ({ product_id: p, quantity: 5000 })), 'start');

  const slips = [];
  const answers = [];
  const ops = {
    receipt: () => api('POST', '/api/v1/stock-receipts', { token: m.token,
      body: { warehouse_id: wh.id, note: 'kill', lines: [{ product_id: base, quantity: 2 }, { product_id: all[1], quantity: 3 }] } }),
    create: async () => {
      const o = orders[Math.floor(Math.random() * orders.length)];
      const res = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
      if (res.status === 201) slips.push(res.json.id);
      return res;
    },
    export: () => slips.length ? api('POST', `/api/v1/export-slips/${slips[Math.floor(Math.random() * slips.length)]}/export`, { token: m.token }) : null,
    cancel: () => slips.length ? api('POST', `/api/v1/export-slips/${slips[Math.floor(Math.random() * slips.length)]}/cancel`, { token: m.token }) : null,
    link: () => {
      const gen = generations[Math.floor(Math.random() * generations.length)];
      return api('POST', `/api/v1/orders/${target.id}/links`, { token: m.token,
        body: { links: skus.map((cs, i) => ({ channel_sku_id: cs, product_id: gen[i] })) } });
    },
  };
  const names = Object.keys(ops);
  let running = true;
  const client = async () => {
    while (running) {
      const op = names[Math.floor(Math.random() * names.length)];
      let res;
      try {
        res = await ops[op]();
      } catch (e) {
        res = { status: 0, text: String(e) };
      }
      if (res) answers.push({ op, status: res.status, text: res.text });
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);

  const parent = pidOf('tts-api');
  const replaced = [];
  try {
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 350))); // a random moment of the traffic
      const workers = childrenOf(parent);
      assert.equal(workers.length, WORKERS, `${WORKERS} workers before kill ${k + 1}`);
      const victim = workers[Math.floor(Math.random() * workers.length)];
      const t0 = Date.now();
      await killHard(victim, `api worker ${victim}`);
      await eventually(() => {
        const now = childrenOf(parent);
        return now.length === WORKERS && !now.includes(victim);
      }, 'the parent to replace the worker', { timeoutMs: 5000, everyMs: 10 });
      replaced.push(Date.now() - t0);
    }
  } finally {
    running = false;
    await Promise.all(clients);
  }
  console.log(`replacement times (kill to a new worker): ${replaced.join(' ')} ms; ` +
    `answers: ${JSON.stringify(answers.reduce((c, a) => ({ ...c, [a.status]: (c[a.status] || 0) + 1 }), {}))}`);
  for (const ms of replaced) assert.ok(ms < 1000, `a killed worker is replaced within a second (took ${ms} ms)`);
  const unexpected = answers.filter((a) => ![200, 201, 409, 502].includes(a.status));
  assert.deepEqual(unexpected.map((a) => `${a.op} ${a.status} ${a.text.slice(0, 160)}`), [], 'only successes, conflicts and the killed requests');
  const killedMid = answers.filter((a) => a.status === 502);
  assert.ok(killedMid.length >= 3, `requests were killed mid-way (${killedMid.length})`);
  assert.equal(pidOf('tts-api'), parent, 'the prefork parent itself kept running');
  await healthy();
  for (let i = 0; i < 3 * WORKERS; i++) await call(m, 'GET', '/api/v1/auth/me');

  // Links: the target's SKUs all point into one generation (a request's links are all or nothing).
  const linked = sql(`SELECT id, product_id FROM channel_skus WHERE id IN (${skus.join(',')})`);
  const byId = new Map(linked.map(([id, p]) => [Number(id), Number(p)]));
  const now = skus.map((cs) => byId.get(cs));
  assert.ok(generations.some((gen) => gen.every((p, i) => p === now[i])) || now.every((p) => p === base),
    `the order's links come from one request: ${now.join(',')}`);
  // Receipts: each has both its lines and one ledger row per line.
  const [[badReceipts]] = sql(`SELECT COUNT(*) FROM stock_receipts r WHERE r.merchant_id = ${mid} AND r.note = 'kill' AND (
    (SELECT COUNT(*) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) <> 2
    OR (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_type = 'receipt' AND s.doc_id = r.id) <> 2)`);
  assert.equal(Number(badReceipts), 0, 'no half-written receipt');
  // Slips: lines, and ledger rows matching the state: created once, then exported or cancelled once at most.
  const rows = sql(`SELECT e.id, e.status, (SELECT COUNT(*) FROM export_slip_lines l WHERE l.slip_id = e.id),
      (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_id = e.id AND s.doc_type = 'slip_create'),
      (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_id = e.id AND s.doc_type = 'slip_export'),
      (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_id = e.id AND s.doc_type = 'slip_cancel')
    FROM export_slips e WHERE e.merchant_id = ${mid}`);
  assert.ok(rows.length > 0, 'slips were made');
  for (const [id, status, lines, created, exported, cancelled] of rows) {
    const n = Number(lines);
    assert.ok(n > 0, `slip ${id} has lines`);
    assert.equal(Number(created), n, `slip ${id}: one creation row per line`);
    assert.equal(Number(exported), status === 'exported' ? n : 0, `slip ${id} (${status}): export rows`);
    assert.equal(Number(cancelled), status === 'cancelled' ? n : 0, `slip ${id} (${status}): cancel rows`);
  }
  checkInvariants(m);
});
