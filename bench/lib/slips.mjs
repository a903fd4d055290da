// Bench phase 4: export slips. Every SKU linked (auto-link, missing products created), stock received, then
// 16 clients each create and export slips on distinct orders; pairs per second, then the stock invariants.
import { dbQuery, dbStatus } from './stats.mjs';
import { cpuSnapshot, cpuDelta, machineCpu } from './procstat.mjs';

export const TARGET_SLIP_PAIRS = 500; // create+export pairs per second

const ALLOWED = new Set(['processing', 'packing', 'shipping', 'delivered', 'completed']);

function must(res, want, what) {
  if (res.status !== want) throw new Error(`${what}: HTTP ${res.status} ${String(res.text).slice(0, 300)}`);
  return res.json;
}

// Pages of a list until `want` items pass `keep` (or the list ends).
async function collect(app, token, path, keep, want) {
  const out = [];
  for (let page = 1; out.length < want; page++) {
    const res = must(await app('GET', `${path}${path.includes('?') ? '&' : '?'}per_page=200&page=${page}`, { token }), 200, path);
    out.push(...res.items.filter(keep));
    if (res.items.length < 200) break;
  }
  return out.slice(0, want);
}

// The invariants over the whole stock table: balanced, none negative, each quantity the sum of its ledger rows.
function invariants(socket, database) {
  const out = dbQuery(socket, database, `SELECT
      SUM(s.on_hand <> s.available + s.awaiting_export OR s.on_hand < 0 OR s.available < 0 OR s.awaiting_export < 0),
      SUM(s.on_hand <> l.on_hand OR s.available <> l.available OR s.awaiting_export <> l.awaiting), COUNT(*)
    FROM stock s JOIN (SELECT warehouse_id, product_id, SUM(d_on_hand) on_hand, SUM(d_available) available,
      SUM(d_awaiting) awaiting FROM stock_movements GROUP BY warehouse_id, product_id) l
      ON l.warehouse_id = s.warehouse_id AND l.product_id = s.product_id`).trim().split('\t').map(Number);
  return { unbalanced: out[0] || 0, offLedger: out[1] || 0, rows: out[2] || 0 };
}

export async function slipBench({ app, token, connectionId, log, socket, database, runDir, pairs = 4000, clients = 16 }) {
  const linked = must(await app('POST', '/api/v1/channel-skus/auto-link', { token, body: { connection_id: connectionId, create_missing: true } }), 200, 'auto-link');
  const products = await collect(app, token, '/api/v1/products', () => true, 100000);
  const wh = must(await app('GET', '/api/v1/warehouses', { token }), 200, 'warehouses').items[0];
  for (let i = 0; i < products.length; i += 200) {
    const lines = products.slice(i, i + 200).map((p) => ({ product_id: p.id, quantity: 100000000 }));
    must(await app('POST', '/api/v1/stock-receipts', { token, body: { warehouse_id: wh.id, note: 'bench', lines } }), 201, 'receipt');
  }
  const orders = await collect(app, token, `/api/v1/orders?connection_id=${connectionId}&all_linked=true`, (o) => ALLOWED.has(o.status), pairs);
  log(`  ${linked.linked} SKUs linked (${linked.created} products created), ${products.length} products received into ${wh.name}; ` +
    `${orders.length} orders in a status that may get a slip`);

  // The floor of this run: the same 16 clients making two authenticated one-read requests (GET /api/v1/auth/me)
  // per "pair", through the same nginx and api workers: what the machine allows a pair of requests now.
  const floorN = Math.min(orders.length, 2000);
  let fnext = 0;
  const f0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (fnext < floorN) {
      fnext++;
      must(await app('GET', '/api/v1/auth/me', { token }), 200, 'floor');
      must(await app('GET', '/api/v1/auth/me', { token }), 200, 'floor');
    }
  }));
  const floorPerS = floorN / ((performance.now() - f0) / 1000);
  log(`  floor: ${floorN} pairs of GET /api/v1/auth/me on ${clients} clients: ${floorPerS.toFixed(0)} pairs/s`);

  let next = 0;
  let errors = 0;
  let firstError = '';
  const cpu0 = runDir ? cpuSnapshot(runDir) : null;
  const mc0 = machineCpu();
  const db0 = dbStatus(socket);
  const lat = { create: [], export: [] };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < orders.length) {
      const o = orders[next++];
      const s0 = performance.now();
      const c = await app('POST', `/api/v1/orders/${o.id}/export-slips`, { token, body: { warehouse_id: wh.id } });
      const s1 = performance.now();
      const e = c.status === 201 ? await app('POST', `/api/v1/export-slips/${c.json.id}/export`, { token }) : c;
      lat.create.push(s1 - s0);
      lat.export.push(performance.now() - s1);
      if (e.status !== 200) {
        errors++;
        firstError = firstError || `${e.status} ${String(e.text).slice(0, 200)}`;
      }
    }
  }));
  const wallS = (performance.now() - t0) / 1000;
  const cpu = cpu0 ? cpuDelta(cpu0, cpuSnapshot(runDir)) : {};
  const mc1 = machineCpu();
  const db1 = dbStatus(socket);
  const done = orders.length - errors;
  const inv = invariants(socket, database);
  const perS = done / wallS;
  log(`  ${done} create+export pairs in ${wallS.toFixed(1)} s on ${clients} clients: ${perS.toFixed(0)} pairs/s ` +
    `(${(perS / floorPerS).toFixed(2)} of the floor); ${errors} failed${firstError ? ` (first: ${firstError})` : ''}`);
  const p = (a, q) => a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))] || 0;
  log(`  latency: create p50 ${p(lat.create, 0.5).toFixed(0)} ms, p99 ${p(lat.create, 0.99).toFixed(0)} ms; ` +
    `export p50 ${p(lat.export, 0.5).toFixed(0)} ms, p99 ${p(lat.export, 0.99).toFixed(0)} ms`);
  const d = (k) => (db1[k] ?? NaN) - (db0[k] ?? NaN);
  const per = (k) => (d(k) / Math.max(1, orders.length)).toFixed(1);
  if (Object.keys(db1).length) {
    log(`  MariaDB per pair: ${per('Questions')} statements (${per('Com_stmt_execute')} prepared executions, ${per('Com_select')} SELECT, ` +
      `${per('Com_insert')} INSERT, ${per('Com_update')} UPDATE, ${per('Com_commit')} COMMIT, ${per('Com_rollback')} ROLLBACK), ` +
      `${per('Handler_write')} rows written, ${per('Handler_update')} updated, ${per('Handler_read_key')} key reads, ` +
      `${per('Handler_read_next')} index-next and ${per('Handler_read_rnd_next')} scan-next reads, ` +
      `${per('Innodb_data_fsyncs')} fsyncs; ${d('Innodb_row_lock_waits')} row-lock waits ` +
      `(${d('Innodb_row_lock_time')} ms in all), ${d('Innodb_deadlocks')} deadlocks`);
  }
  const busy = Object.entries(cpu).filter(([, v]) => v > 0.05).sort((a, b) => b[1] - a[1]);
  log(`  CPU: ${busy.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}; the whole machine (every process on it) was ${(100 * (mc1.busy - mc0.busy) / (mc1.total - mc0.total)).toFixed(0)}% busy`);
  log(`  invariants over ${inv.rows} stock rows: ${inv.unbalanced} unbalanced or negative, ${inv.offLedger} not equal to their ledger sums`);
  return { perS, floorPerS, clients, done, errors, wallS, invariantsOk: inv.unbalanced === 0 && inv.offLedger === 0 && inv.rows > 0 };
}
