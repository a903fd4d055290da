// api workers killed with SIGKILL in the middle of order links, slip transitions and receipts (inside their
// transaction, and at random moments of traffic): no half-written link, slip or ledger row, and the prefork
// parent puts a new worker in the dead one's place at once.
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { api } from '../api/lib/client.mjs';
import { sql, eventually } from '../api/lib/db.mjs';
import { stockSetup, call, syncedOrders, newProduct, linkLines, receive, checkInvariants } from '../api/lib/stock.mjs';
import { pidOf, childrenOf, killHard, healthy, busy } from './lib/procs.mjs';


// A MariaDB session of the test's own that holds row locks: requests needing those rows wait inside their
// transaction, so a worker can be killed there. lock(sql) takes them; release() rolls back; end() closes it.
function lockSession() {
  const p = spawn('mariadb', ['--socket', process.env.TTS_DB_SOCKET, '--user', 'root', '-N', '-B', '--unbuffered',
    process.env.TTS_DB_NAME || 'tts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  let seq = 0;
  const mark = async () => {
    seq += 1;
    const tag = `done-${seq}`;
    p.stdin.write(`SELECT '${tag}';\n`);
    await eventually(() => out.includes(tag), 'the lock session to answer', { timeoutMs: 10000, everyMs: 5 });
  };
  return {
    lock: async (query) => { p.stdin.write(`BEGIN; ${query};\n`); await mark(); },
    release: async () => { p.stdin.write('ROLLBACK;\n'); await mark(); },
    end: () => { p.stdin.end(); },
  };
}
// Busy in five samples over 20 ms: the worker waits inside a request. Every worker wakes for a new connection and
// all but the one that takes it are back waiting within microseconds, so a single sample can catch one in between.
async function insideRequest(pid) {
  for (let i = 0; i < 5; i++) {
    if (!busy(pid)) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

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

  // Three orders kept out of the traffic for the kills inside a transaction.
  const reserved = orders.filter((o) => o !== target).slice(-3);
  const pool = orders.filter((o) => !reserved.includes(o));
  const slips = [];
  const answers = [];
  const receiptBody = (note) => ({ warehouse_id: wh.id, note, lines: [{ product_id: base, quantity: 2 }, { product_id: all[1], quantity: 3 }] });
  const linkBody = () => {
    const gen = generations[Math.floor(Math.random() * generations.length)];
    return { links: skus.map((cs, i) => ({ channel_sku_id: cs, product_id: gen[i] })) };
  };
  const randomSlip = () => slips[Math.floor(Math.random() * slips.length)];
  const ops = {
    receipt: () => api('POST', '/api/v1/stock-receipts', { token: m.token, body: receiptBody('kill') }),
    create: async () => {
      const o = pool[Math.floor(Math.random() * pool.length)];
      const res = await api('POST', `/api/v1/orders/${o.id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } });
      if (res.status === 201) slips.push(res.json.id);
      return res;
    },
    export: () => (slips.length ? api('POST', `/api/v1/export-slips/${randomSlip()}/export`, { token: m.token }) : null),
    cancel: () => (slips.length ? api('POST', `/api/v1/export-slips/${randomSlip()}/cancel`, { token: m.token }) : null),
    link: () => api('POST', `/api/v1/orders/${target.id}/links`, { token: m.token, body: linkBody() }),
  };
  const names = Object.keys(ops);
  let running = true;
  let paused = false;
  let inFlight = 0;
  const client = async () => {
    while (running) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const op = names[Math.floor(Math.random() * names.length)];
      let res;
      inFlight++;
      try {
        res = await ops[op]();
      } catch (e) {
        res = { status: 0, text: String(e) };
      } finally {
        inFlight--;
      }
      if (res) answers.push({ op, status: res.status, text: res.text });
      else await new Promise((r) => setTimeout(r, 1));
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);

  // One request alone while a session of the test holds the rows it must change: it waits inside its
  // transaction; its worker is killed there. Then nothing of it may be found.
  const held = [`SELECT COUNT(*) FROM stock WHERE merchant_id = ${mid} FOR UPDATE`,
    `SELECT COUNT(*) FROM export_slips WHERE merchant_id = ${mid} FOR UPDATE`,
    `SELECT COUNT(*) FROM channel_skus WHERE merchant_id = ${mid} FOR UPDATE`];
  const locks = lockSession();
  const parent = pidOf('tts-api');
  const replaced = [];
  const killWorker = async (victim) => {
    const t0 = Date.now();
    await killHard(victim, `api worker ${victim}`);
    await eventually(() => {
      const now = childrenOf(parent);
      return now.length === WORKERS && !now.includes(victim);
    }, 'the parent to replace the worker', { timeoutMs: 5000, everyMs: 10 });
    replaced.push(Date.now() - t0);
  };
  const slipOf = (o) => sql(`SELECT id, status FROM export_slips WHERE order_id = ${o.id} AND status <> 'cancelled'`);
  let lockedSlip = null;
  const inside = {
    receipt: {
      send: (k) => api('POST', '/api/v1/stock-receipts', { token: m.token, body: receiptBody(`inside-${k}`) }),
      nothing: (k) => Number(sql(`SELECT COUNT(*) FROM stock_receipts WHERE merchant_id = ${mid} AND note = 'inside-${k}'`)[0][0]) === 0,
    },
    create: {
      send: (k) => api('POST', `/api/v1/orders/${reserved[k % 2].id}/export-slips`, { token: m.token, body: { warehouse_id: wh.id } }),
      nothing: (k) => slipOf(reserved[k % 2]).length === 0,
    },
    export: {
      send: () => api('POST', `/api/v1/export-slips/${lockedSlip}/export`, { token: m.token }),
      nothing: () => sql(`SELECT status FROM export_slips WHERE id = ${lockedSlip}`)[0][0] === 'awaiting_export',
    },
    cancel: {
      send: () => api('POST', `/api/v1/export-slips/${lockedSlip}/cancel`, { token: m.token }),
      nothing: () => sql(`SELECT status FROM export_slips WHERE id = ${lockedSlip}`)[0][0] === 'awaiting_export',
    },
    link: {
      before: null,
      send: () => {
        inside.link.before = sql(`SELECT id, product_id FROM channel_skus WHERE id IN (${skus.join(',')}) ORDER BY id`);
        return api('POST', `/api/v1/orders/${target.id}/links`, { token: m.token, body: linkBody() });
      },
      nothing: () => JSON.stringify(sql(`SELECT id, product_id FROM channel_skus WHERE id IN (${skus.join(',')}) ORDER BY id`)) ===
        JSON.stringify(inside.link.before),
    },
  };
  const kinds = Object.keys(inside);
  try {
    for (let k = 0; k < 2 * kinds.length; k++) {
      const kind = kinds[k % kinds.length];
      paused = true;
      await eventually(() => inFlight === 0 && childrenOf(parent).every((w) => !busy(w)), 'the traffic to pause', { timeoutMs: 20000, everyMs: 5 });
      if ((kind === 'export' || kind === 'cancel') && lockedSlip === null) {
        lockedSlip = (await call(m, 'POST', `/api/v1/orders/${reserved[2].id}/export-slips`, { warehouse_id: wh.id })).id;
      }
      await locks.lock(held.join('; '));
      const pending = inside[kind].send(k);
      const victim = await eventually(async () => {
        for (const w of childrenOf(parent)) if (await insideRequest(w)) return w;
        return null;
      }, `the ${kind} request to wait inside its worker`, { timeoutMs: 10000, everyMs: 5 });
      await killWorker(victim);
      await locks.release();
      const res = await pending;
      answers.push({ op: `${kind} (inside)`, status: res.status, text: res.text });
      assert.equal(res.status, 502, `the ${kind} request was killed mid-way: ${res.text}`);
      assert.ok(inside[kind].nothing(k), `nothing of the killed ${kind} request remains`);
      paused = false;
      // ... and one kill at a random moment of the traffic.
      assert.equal(childrenOf(parent).length, WORKERS, `${WORKERS} workers before the random kill`);
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 400))); // a random moment
      const workers = childrenOf(parent);
      await killWorker(workers[Math.floor(Math.random() * workers.length)]);
    }
  } finally {
    running = false;
    paused = false;
    await locks.release();
    locks.end();
    await Promise.all(clients);
  }
  console.log(`replacement times (kill to a new worker): ${replaced.join(' ')} ms; ` +
    `answers: ${JSON.stringify(answers.reduce((c, a) => ({ ...c, [a.status]: (c[a.status] || 0) + 1 }), {}))}`);
  for (const ms of replaced) assert.ok(ms < 1000, `a killed worker is replaced within a second (took ${ms} ms)`);
  const unexpected = answers.filter((a) => ![200, 201, 409, 502].includes(a.status));
  assert.deepEqual(unexpected.map((a) => `${a.op} ${a.status} ${a.text.slice(0, 160)}`), [], 'only successes, conflicts and the killed requests');
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
