// `make bench`: the TikTok Shop order sync and the orders read path measured
// end to end on a fresh stack. TTS_BENCH_PHASES picks them (sync, push, read; all by default):
//   1. the sandbox's own page-serving rate (signed order searches, page_size 100, straight at the sandbox);
//   2. backfill ingestion of 100,000 sandbox orders: Sync all through the API until the job is done;
//   3. status-change latency: a sandbox status change until GET /api/v1/orders/{id} shows it;
//   4. the read path (read.mjs): every orders list and search at 1M orders beside the FastCGI floor.
//   5. export slips: create+export pairs per second on 16 clients, then the stock invariants (lib/slips.mjs).
//   6. stock push (push.mjs, phase `push`): a stock change to the sandbox's quantity over 300 changes; a burst.
// Run by scripts/bench.sh, which builds, brings the stack up and tears it down. Loopback only, bounded.
// Exit status: 0 when the figures were measured (whether they pass or not), 1 when it could not run.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { spawn, execFileSync } from 'node:child_process';
import { closeAgents } from './lib/http.mjs';
import { must, app, ctl, connectShop } from './lib/app.mjs';
import { readPath, readSummary } from './read.mjs';
import { pushPhase, pushSummary } from './push.mjs';
import { TikTokClient } from './lib/tiktok.mjs';
import { cpuSnapshot, cpuDelta, machineCpu, deadProcesses } from './lib/procstat.mjs';
import { summary, fmt, ms, sleep, logEvents, dbStatus } from './lib/stats.mjs';
import { slipBench, TARGET_SLIP_PAIRS } from './lib/slips.mjs';
import { shipBench, shipSummary } from './lib/ship.mjs';
import { IngestProbe, TARGET_SLOPE, dbSettings, settingsText, tableSizes } from './lib/ingest.mjs';

const env = process.env;
const num = (name, def) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : def);
const BASE_URL = env.BASE_URL || 'http://127.0.0.1:28080';
const SANDBOX_URL = env.SANDBOX_URL || 'http://127.0.0.1:28090';
const RUN_DIR = env.TTS_RUN_DIR;
const LOG_DIR = env.TTS_LOG_DIR;
const DB_SOCKET = env.TTS_DB_SOCKET;

const CFG = {
  orders: num('TTS_BENCH_ORDERS', 100000),             // backfill size
  daysBack: num('TTS_BENCH_DAYS_BACK', 59),            // all inside Sync all's 60-day window
  createBatch: 1000,                                   // the control API's cap per call
  createParallel: num('TTS_BENCH_CREATE_PARALLEL', 4),
  products: num('TTS_BENCH_PRODUCTS', 40),
  pagingBudgetS: num('TTS_BENCH_PAGING_SECONDS', 60),   // phase 1 stops paging after this long
  backfillTimeoutS: num('TTS_BENCH_BACKFILL_TIMEOUT', Math.max(300, Math.ceil(num('TTS_BENCH_ORDERS', 100000) / 400))),
  statusN: num('TTS_BENCH_STATUS_N', 300),
  statusRate: num('TTS_BENCH_STATUS_RATE', 20),        // changes per second
  pollMs: num('TTS_BENCH_POLL_MS', 20),                // how often each change is looked for in the app
  statusTimeoutS: num('TTS_BENCH_STATUS_TIMEOUT', 15), // per change
  perf: env.TTS_BENCH_PERF === '1',                    // perf record the stack during the backfill
};
const TARGET_INGEST = 3000; // orders/s
const TARGET_P99_MS = 2000;

const log = (...a) => console.log(...a);
const section = (t) => log(`\n=== ${t} ${'='.repeat(Math.max(0, 70 - t.length))}`);

// Runs tasks with at most `limit` at a time; returns their results in order.
async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function cpuTable(d, wallS) {
  const rows = Object.entries(d).filter(([, v]) => v > 0.005).sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows) log(`    ${k.padEnd(14)} ${fmt(v, 1).padStart(7)} s CPU  (${fmt((100 * v) / wallS, 0).padStart(3)}% of one core)`);
}

// Each phase ends by checking that the whole stack is still there.
function checkStack(phase) {
  const dead = RUN_DIR ? deadProcesses(RUN_DIR) : [];
  if (dead.length) {
    throw new Error(`${dead.map(([n, p]) => `${n} (pid ${p})`).join(', ')} exited during ${phase}: ` +
      `see ${LOG_DIR}/ (stopped from outside by someone's pkill/killall?); the figures would be meaningless`);
  }
}

// ---------------------------------------------------------------------------------------------
async function setup(orders = CFG.orders) {
  section('setup (not measured)');
  const appReg = must(await ctl('GET', '/sandbox/app'), 200, 'GET /sandbox/app');
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const password = `bench-${randomBytes(6).toString('hex')}`;
  const reg = must(
    await app('POST', '/api/v1/auth/register', {
      body: { merchant_name: 'Bench shop', name: 'Bench', email: `bench-${tag}@example.com`, password },
    }),
    201,
    'register',
  );
  const seller = { email: `bench-${tag}@seller.vn`, password: 'bench-seller-1' };
  Object.assign(
    seller,
    must(
      await ctl('POST', '/sandbox/sellers', { seller_name: 'Người bán Bench', email: seller.email, password: seller.password, region: 'VN', shops: 1 }),
      [200, 201],
      'POST /sandbox/sellers',
    ),
  );
  const shop = seller.shops[0];
  must(await ctl('POST', `/sandbox/shops/${shop.id}/products`, { count: CFG.products, skus_per_product: 3 }), [200, 201], 'products');

  const batches = [];
  for (let left = orders; left > 0; left -= CFG.createBatch) batches.push(Math.min(CFG.createBatch, left));
  const t0 = performance.now();
  let made = 0;
  await pool(batches, CFG.createParallel, async (count, i) => {
    for (let attempt = 1; ; attempt++) {
      const res = await ctl('POST', `/sandbox/shops/${shop.id}/orders`, { count, days_back: CFG.daysBack, seed: 1000003 * (i + 1) });
      if (res.status === 201) {
        made += res.json.orders.length;
        return;
      }
      if (attempt >= 3) throw new Error(`creating orders: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      await sleep(200);
    }
  });
  const createS = (performance.now() - t0) / 1000;
  if (made !== orders) throw new Error(`the sandbox made ${made} orders, not ${orders}`);
  log(`  sandbox shop ${shop.id}: ${CFG.products} products x 3 SKUs, ${made} orders over ${CFG.daysBack} days`);
  log(`  created in ${fmt(createS, 1)} s (${fmt(made / createS)} orders/s, ${CFG.createParallel} calls in parallel)`);
  // An order made "now" must lie before the click: let the second turn.
  await sleep(1100);
  return { appReg, merchant: reg, seller, shop, createS };
}

// ---------------------------------------------------------------------------------------------
async function sandboxPaging(ctx) {
  section('1. sandbox page-serving rate');
  const { appReg, seller, shop } = ctx;
  const auth = must(await ctl('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state: 'bench' }), 200, 'authorize');
  const code = new URL(auth.redirect_url).searchParams.get('code');
  const q = new URLSearchParams({ app_key: appReg.app_key, app_secret: appReg.app_secret, auth_code: code, grant_type: 'authorized_code' });
  const tok = must(await ctl('GET', `/api/v2/token/get?${q}`), 200, 'token/get');
  const tt = new TikTokClient(SANDBOX_URL, appReg, tok.data.access_token, shop.cipher);
  const end = Math.floor(Date.now() / 1000);
  const window = { createGe: end - 60 * 86400, createLt: end };

  // This client measures the sandbox itself, unpaced: TikTok's per-shop limit (enforced by the sandbox) is lifted while it runs.
  must(await ctl('POST', '/sandbox/rate-limit', { per_second: 0 }), 200, 'rate limit off');
  await tt.searchOrders({ pageSize: 100, ...window }); // warm-up (connection, caches)
  const cpu0 = cpuSnapshot(RUN_DIR);
  const wall0 = Date.now();
  const t0 = performance.now();
  const lat = [];
  let orders = 0;
  let pages = 0;
  let bytes = 0;
  let token = '';
  let total = 0;
  const maxPages = Math.ceil(CFG.orders / 100) + 5;
  const budgetEnd = t0 + CFG.pagingBudgetS * 1000;
  do {
    const s = performance.now();
    const res = await tt.searchOrders({ pageSize: 100, pageToken: token, ...window });
    lat.push(performance.now() - s);
    const d = res.json.data;
    orders += d.orders.length;
    bytes += res.bytes;
    total = d.total_count;
    token = d.next_page_token;
    pages++;
  } while (token && pages < maxPages && performance.now() < budgetEnd);
  const cut = Boolean(token) && pages < maxPages;
  const wallS = (performance.now() - t0) / 1000;
  must(await ctl('POST', '/sandbox/rate-limit', { per_second: 50 }), 200, 'rate limit back on');
  const cpu = cpuDelta(cpu0, cpuSnapshot(RUN_DIR));
  const l = summary(lat);
  const r = { orders, pages, wallS, ordersPerS: orders / wallS, pagesPerS: pages / wallS, p50: l.p50, p99: l.p99 };
  log(`  ${orders} orders in ${pages} pages (total_count ${total}) in ${fmt(wallS, 2)} s, one client, sequential` +
    (cut ? ` (stopped at the ${CFG.pagingBudgetS} s budget)` : ''));
  log(`  => ${fmt(r.ordersPerS)} orders/s, ${fmt(r.pagesPerS, 1)} pages/s`);
  log(`  page latency: p50 ${fmt(l.p50, 1)} ms, p95 ${fmt(l.p95, 1)} ms, p99 ${fmt(l.p99, 1)} ms, max ${fmt(l.max, 1)} ms; ${fmt(bytes / pages / 1024, 0)} KiB per page`);
  const served = logEvents(`${LOG_DIR}/tts-sandbox.log`, 'request', wall0, Date.now() + 1000)
    .filter((e) => e.path === '/order/202309/orders/search').map((e) => Number(e.ms));
  if (served.length) {
    const s = summary(served);
    log(`  inside the sandbox (its request log): p50 ${fmt(s.p50, 1)} ms, p99 ${fmt(s.p99, 1)} ms per page; the rest is nginx + HTTP + the client`);
  }
  log('  CPU during the paging:');
  cpuTable(cpu, wallS);
  if (!cut && orders !== CFG.orders) log(`  WARNING: paged ${orders} orders, expected ${CFG.orders}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
async function connectApp(ctx) {
  return connectShop(ctx);
}

function startPerf() {
  if (!CFG.perf) return null;
  const pids = [];
  for (const n of ['mariadbd', 'tts-sandbox', 'tts-api', 'tts-sync']) {
    try {
      const pgid = execFileSync('cat', [`${RUN_DIR}/${n}.pid`], { encoding: 'utf8' }).trim();
      pids.push(...execFileSync('pgrep', ['-g', pgid], { encoding: 'utf8' }).trim().split('\n'));
    } catch {
      /* not running */
    }
  }
  const out = `${LOG_DIR}/perf-backfill.data`;
  const p = spawn('perf', ['record', '-F', '999', '-g', '-o', out, '-p', pids.join(',')], { stdio: ['ignore', 'ignore', 'ignore'] });
  p.on('error', () => {});
  return { p, out };
}

async function stopPerf(perf) {
  if (!perf) return;
  perf.p.kill('SIGINT');
  await new Promise((r) => perf.p.on('exit', r));
  log(`  perf data: ${perf.out} (perf report -i ${perf.out} --no-children --sort comm,dso,sym)`);
  try {
    const rep = execFileSync('perf', ['report', '-i', perf.out, '--no-children', '--sort', 'comm,dso', '--stdio', '-g', 'none'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000, maxBuffer: 64 << 20,
    });
    const rows = rep.split('\n').filter((l) => /^\s+\d/.test(l)).slice(0, 12);
    log('  perf (on-CPU samples by process and library):');
    for (const r of rows) log(`    ${r.trim()}`);
  } catch {
    log('  (perf report failed)');
  }
}

async function backfill(ctx) {
  section(`2. backfill ingestion of ${CFG.orders} orders (Sync all, end to end)`);
  const conn = await connectApp(ctx);
  ctx.conn = conn;
  const token = ctx.merchant.token;
  log(`  connection ${conn.id} (shop ${conn.shop_id}) connected`);
  await sleep(500);
  const settings = dbSettings(DB_SOCKET);
  log(`  MariaDB: ${settingsText(settings)} (make bench's own stack; make run's is sized by scripts/db.sh)`);
  log(`  load average before the backfill: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  const cpu0 = cpuSnapshot(RUN_DIR);
  const mc0 = machineCpu();
  const db0 = dbStatus(DB_SOCKET);
  const perf = startPerf();
  const probe = new IngestProbe({ runDir: RUN_DIR, socket: DB_SOCKET, orders: CFG.orders });
  const wall0 = Date.now();
  const t0 = performance.now();
  const started = must(await app('POST', `/api/v1/connections/${conn.id}/sync`, { token }), 202, 'Sync all');
  const jobId = started.job.id;
  let job = started.job;
  const samples = [];
  const deadline = t0 + CFG.backfillTimeoutS * 1000;
  let lastPrint = t0;
  while (performance.now() < deadline) {
    job = must(await app('GET', `/api/v1/sync-jobs/${jobId}`, { token }), 200, 'sync job');
    const now = performance.now();
    samples.push({ t: now - t0, done: job.progress ? job.progress.done : 0 });
    probe.sample(now - t0, job.state === 'done' ? CFG.orders : samples[samples.length - 1].done);
    if (job.state === 'done' || job.state === 'failed') break;
    if (now - lastPrint >= 5000) {
      lastPrint = now;
      log(`  … ${fmt((now - t0) / 1000, 0)} s: ${job.state}, ${job.progress ? `${job.progress.done}/${job.progress.total}` : ''}`);
    }
    await sleep(50);
  }
  const wallS = (performance.now() - t0) / 1000;
  const wall1 = Date.now();
  await stopPerf(perf);
  const cpu = cpuDelta(cpu0, cpuSnapshot(RUN_DIR));
  const mc1 = machineCpu();
  const db1 = dbStatus(DB_SOCKET);
  const finished = job.state === 'done';
  const totalRes = must(await app('GET', `/api/v1/orders?connection_id=${conn.id}&per_page=1`, { token }), 200, 'orders total');
  const stored = totalRes.total;
  const r = { state: job.state, wallS, stored, ordersPerS: stored / wallS, exact: stored === CFG.orders, error: job.error, settings };
  if (!finished) {
    log(`  the job did not finish within ${CFG.backfillTimeoutS} s: state ${job.state} ${job.error || ''}`);
    log(`  (so far ${stored} orders: ${fmt(r.ordersPerS)} orders/s; TTS_BENCH_BACKFILL_TIMEOUT raises the bound)`);
  }
  log(`  job ${jobId}: ${job.state} in ${fmt(wallS, 2)} s (from the click to state done, polled every 50 ms)`);
  log(`  the app holds ${stored} orders for the connection: ${r.exact ? 'exactly' : 'NOT'} ${CFG.orders}`);
  if (finished) log(`  => ${fmt(r.ordersPerS)} orders/s end to end`);

  // Where the time went, from the stack's own logs (tts-sync runs at log level debug under the bench).
  section('   where the backfill time goes');
  const calls = logEvents(`${LOG_DIR}/tts-sync.log`, 'tiktok_call', wall0, wall1 + 1000).filter((e) => e.path === '/order/202309/orders/search');
  const served = logEvents(`${LOG_DIR}/tts-sandbox.log`, 'request', wall0, wall1 + 1000).filter((e) => e.path === '/order/202309/orders/search');
  const jobs = logEvents(`${LOG_DIR}/tts-sync.log`, 'job', wall0, wall1 + 1000).filter((e) => e.kind === 'sync_orders');
  if (calls.length) {
    const httpS = calls.reduce((s, e) => s + Number(e.ms), 0) / 1000;
    const sandboxS = served.reduce((s, e) => s + Number(e.ms), 0) / 1000;
    const jobS = jobs.length ? jobs.reduce((s, e) => s + Number(e.ms), 0) / 1000 : NaN;
    const retries = logEvents(`${LOG_DIR}/tts-sync.log`, 'tiktok_retry', wall0, wall1 + 1000).length;
    const pages = calls.length;
    log(`  ${pages} order-search calls by tts-sync (${retries} retried); sync_orders job ran ${fmt(jobS, 2)} s of the ${fmt(wallS, 2)} s`);
    log(`    claim + start (click -> job running, poll granularity): ${fmt((wallS - jobS) * 1000, 0)} ms`);
    log(`    TikTok calls as tts-sync saw them:   ${fmt(httpS, 2)} s  (${fmt((1000 * httpS) / pages, 1)} ms/page)`);
    log(`      of which inside the sandbox:       ${fmt(sandboxS, 2)} s  (${fmt((1000 * sandboxS) / pages, 1)} ms/page; nginx + HTTP + curl: ${fmt((1000 * (httpS - sandboxS)) / pages, 1)} ms/page)`);
    log(`    between calls (the store's time beyond the next page's call, made meanwhile; pacing): ${fmt(jobS - httpS, 2)} s  (${fmt((1000 * (jobS - httpS)) / pages, 1)} ms/page)`);
    // the job's own thread: waiting for a page's call (what the previous page's store did not hide), then its store
    const stores = logEvents(`${LOG_DIR}/tts-sync.log`, 'orders_page', wall0, wall1 + 1000);
    if (stores.length) {
      const waitS = stores.reduce((s, e) => s + Number(e.wait_ms), 0) / 1000;
      const storeS = stores.reduce((s, e) => s + Number(e.store_ms), 0) / 1000;
      log(`    the job's thread: waiting for TikTok ${fmt(waitS, 2)} s (${fmt((1000 * waitS) / stores.length, 1)} ms/page), ` +
        `storing ${fmt(storeS, 2)} s (${fmt((1000 * storeS) / stores.length, 1)} ms/page: parse done, DB writes + commit)`);
    }
    const gaps = [];
    for (let i = 1; i < calls.length; i++) gaps.push(calls[i].ts - calls[i - 1].ts - Number(calls[i].ms));
    if (gaps.length) {
      const g = summary(gaps);
      log(`      per page between calls: p50 ${fmt(g.p50, 0)} ms, p95 ${fmt(g.p95, 0)} ms, max ${fmt(g.max, 0)} ms (log timestamps, 1 ms resolution)`);
    }
  } else {
    log('  (no tiktok_call lines in tts-sync.log: is TTS_LOG_LEVEL=debug?)');
  }
  const dq = (k) => (db1[k] !== undefined && db0[k] !== undefined ? db1[k] - db0[k] : NaN);
  if (Object.keys(db1).length) {
    const n = stored || 1;
    log(`  MariaDB during the backfill: ${dq('Questions')} statements (${fmt(dq('Questions') / n, 1)} per order): ` +
      `${dq('Com_stmt_execute')} prepared executions, ${dq('Com_insert')} INSERT, ${dq('Com_select')} SELECT, ${dq('Com_update')} UPDATE, ${dq('Com_commit')} COMMIT`);
    log(`    ${dq('Handler_write')} rows written (${fmt(dq('Handler_write') / n, 1)} per order), ` +
      `${dq('Innodb_data_fsyncs')} fsyncs, ${dq('Innodb_log_writes')} redo-log writes (${fmt(dq('Innodb_os_log_written') / 1048576, 0)} MiB), ` +
      `${fmt(dq('Innodb_data_written') / 1048576, 0)} MiB data written, ${dq('Slow_queries')} slow queries`);
  }
  log('  CPU during the backfill (per component, children included):');
  cpuTable(cpu, wallS);
  const busy = mc1.busy - mc0.busy;
  const cores = (mc1.total - mc0.total) / wallS;
  log(`    whole machine: ${fmt(busy, 1)} s busy of ${fmt(mc1.total - mc0.total, 1)} s (${fmt(cores, 0)} cores) = ${fmt((100 * busy) / (mc1.total - mc0.total), 0)}% ` +
    `(other stacks on this machine included), ${fmt((100 * (mc1.iowait - mc0.iowait)) / (mc1.total - mc0.total), 0)}% waiting for I/O`);
  section('   the backfill as the tables grow');
  r.slope = probe.report(log, calls, served);
  tableSizes(DB_SOCKET, log);
  return r;
}

// ---------------------------------------------------------------------------------------------
const NEXT = {
  UNPAID: 'AWAITING_SHIPMENT', ON_HOLD: 'AWAITING_SHIPMENT', AWAITING_SHIPMENT: 'AWAITING_COLLECTION',
  PARTIALLY_SHIPPING: 'AWAITING_COLLECTION', AWAITING_COLLECTION: 'IN_TRANSIT', IN_TRANSIT: 'DELIVERED',
  DELIVERED: 'COMPLETED', COMPLETED: 'CANCELLED', CANCELLED: 'COMPLETED', CANCEL: 'COMPLETED',
};

async function statusLatency(ctx) {
  section(`3. status-change latency (${CFG.statusN} changes at ${CFG.statusRate}/s, each looked for every ${CFG.pollMs} ms)`);
  const token = ctx.merchant.token;
  const picked = [];
  for (let page = 1; picked.length < CFG.statusN && page <= 50; page++) {
    const res = must(await app('GET', `/api/v1/orders?connection_id=${ctx.conn.id}&per_page=200&page=${page}`, { token }), 200, 'orders');
    if (res.items.length === 0) break;
    for (const o of res.items) if (picked.length < CFG.statusN) picked.push(o);
  }
  if (picked.length === 0) throw new Error('no orders to change');
  // A quiet start: the first incremental poll after Sync all (scheduled within 5 s) re-reads the orders
  // updated in its overlap window; wait for it (bounded) so that it does not land inside the measurement.
  const pollDeadline = performance.now() + 20000;
  while (performance.now() < pollDeadline) {
    const jobs = await app('GET', `/api/v1/sync-jobs?connection_id=${ctx.conn.id}&per_page=20`, { token });
    if (jobs.status === 200 && jobs.json.items.some((j) => j.kind === 'poll_orders' && j.state !== 'queued' && j.state !== 'running')) break;
    await sleep(200);
  }
  await sleep(200);
  const newest = await ctl('GET', '/sandbox/webhooks?limit=1');
  const hooksBefore = newest.status === 200 && newest.json && newest.json.webhooks.length ? newest.json.webhooks[0].id : 0;

  const cpu0 = cpuSnapshot(RUN_DIR);
  const results = [];
  const interval = 1000 / CFG.statusRate;
  const t0 = performance.now();
  const wall0 = Date.now();
  await Promise.all(picked.map(async (o, i) => {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const want = NEXT[o.channel_status] || 'CANCELLED';
    const r = { id: o.id, ext: o.external_id, want, sentWall: Date.now() };
    const s = performance.now();
    const c = await ctl('POST', `/sandbox/orders/${o.external_id}/status`, { status: want });
    r.ctlMs = performance.now() - s;
    if (c.status !== 200) {
      r.error = `control call HTTP ${c.status}`;
      results.push(r);
      return;
    }
    const limit = s + CFG.statusTimeoutS * 1000;
    for (;;) {
      const g = await app('GET', `/api/v1/orders/${o.id}`, { token });
      const now = performance.now();
      if (g.status === 200 && g.json && g.json.channel_status === want) {
        r.latency = now - s;
        r.seenWall = Date.now();
        break;
      }
      if (now > limit) {
        r.timeout = true;
        break;
      }
      await sleep(CFG.pollMs);
    }
    results.push(r);
  }));
  const wallS = (performance.now() - t0) / 1000;
  const cpu = cpuDelta(cpu0, cpuSnapshot(RUN_DIR));
  const seen = results.filter((r) => r.latency !== undefined);
  const timeouts = results.filter((r) => r.timeout).length;
  const errors = results.filter((r) => r.error).length;
  // Timeouts count as the bound itself (a lower bound on their latency) so that they weigh on p99.
  const lat = summary(results.filter((r) => !r.error).map((r) => (r.latency !== undefined ? r.latency : CFG.statusTimeoutS * 1000)));
  log(`  ${seen.length}/${results.length} changes seen in the app, ${timeouts} not within ${CFG.statusTimeoutS} s, ${errors} control calls failed`);
  log(`  => latency p50 ${ms(lat.p50)}, p95 ${ms(lat.p95)}, p99 ${ms(lat.p99)}, max ${ms(lat.max)} (mean ${ms(lat.mean)})`);
  const ctlL = summary(results.map((r) => r.ctlMs));
  log(`  control call itself: p50 ${fmt(ctlL.p50, 1)} ms, p99 ${fmt(ctlL.p99, 1)} ms`);

  // Where the time goes: the sandbox's webhook deliveries (sent at, duration) for these orders.
  // (newest first, at most 500: the breakdown covers the last 500 changes)
  const hooks = new Map();
  {
    const res = await ctl('GET', `/sandbox/webhooks?type=1&shop_id=${ctx.shop.id}${hooksBefore ? `&after_id=${hooksBefore}` : ''}&limit=500`);
    for (const h of res.status === 200 && res.json ? res.json.webhooks : []) {
      let body;
      try {
        body = JSON.parse(h.body);
      } catch {
        continue;
      }
      const d = h.deliveries && h.deliveries[0];
      if (body.data && d) hooks.set(`${body.data.order_id}/${body.data.order_status}`, d);
    }
  }
  const toSend = [];
  const deliver = [];
  const after2 = [];
  for (const r of seen) {
    const d = hooks.get(`${r.ext}/${r.want}`);
    if (!d) continue;
    toSend.push(d.sent_at_ms - r.sentWall);
    deliver.push(d.duration_ms);
    after2.push(r.seenWall - (d.sent_at_ms + d.duration_ms));
  }
  if (toSend.length) {
    const a = summary(toSend);
    const b = summary(deliver);
    const c = summary(after2);
    log(`  breakdown over ${toSend.length} changes (wall clock; p50 / p95 / p99 / max):`);
    log(`    control call -> webhook sent (sandbox ticker):   ${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.p99)} / ${ms(a.max)}`);
    log(`    webhook POST answered by the app:                ${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)} / ${ms(b.max)}`);
    log(`    answered -> visible (job wait + fetch + store + ${CFG.pollMs} ms look-up): ${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.p99)} / ${ms(c.max)}`);
  }
  const fetches = logEvents(`${LOG_DIR}/tts-sync.log`, 'job', wall0, Date.now()).filter((e) => e.kind === 'order_fetch');
  if (fetches.length) {
    const f = summary(fetches.map((e) => Number(e.ms)));
    log(`    order_fetch jobs in tts-sync: ${fetches.length}, each p50 ${fmt(f.p50, 1)} ms, p99 ${fmt(f.p99, 1)} ms`);
  }
  log('  CPU during the status changes (the look-ups included):');
  cpuTable(cpu, wallS);
  return { n: results.length, seen: seen.length, timeouts, errors, ...lat };
}

// ---------------------------------------------------------------------------------------------
function slipSummary(slips) {
  if (!slips) return `  export slips              : not measured                                   FAIL`;
  const ok = slips.errors === 0 && slips.invariantsOk && slips.perS >= TARGET_SLIP_PAIRS;
  return `  export slips              : ${fmt(slips.perS).padStart(7)} create+export pairs/s (floor ${fmt(slips.floorPerS)}; ${slips.done} pairs, 16 clients, ` +
    `${slips.errors} failed, invariants ${slips.invariantsOk ? 'hold' : 'BROKEN'})   target >= ${TARGET_SLIP_PAIRS}   ${ok ? 'PASS' : 'FAIL'}`;
}

// The backfill's slope and the sync worker's memory, under the server settings they were measured with.
function ingestSummary(ingest) {
  const g = ingest.slope;
  if (!g || !g.first) return [];
  const out = [];
  const okSlope = g.segs.length > 1 && g.drop <= TARGET_SLOPE;
  out.push(`    per ${fmt(g.seg / 1000)}k orders        : first ${fmt(g.first.rate)}, last ${fmt(g.last.rate)} orders/s ` +
    `(${g.segs.length} segments; last ${g.drop >= 0 ? `${fmt(100 * g.drop, 0)} % slower` : `${fmt(-100 * g.drop, 0)} % faster`})` +
    `   target last within ${fmt(100 * TARGET_SLOPE, 0)} % of first   ${okSlope ? 'PASS' : 'FAIL'}`);
  if (g.mem) {
    out.push(`    tts-sync memory         : start ${fmt(g.mem.start / 1024, 1)} MiB, middle ${fmt(g.mem.middle / 1024, 1)} MiB, ` +
      `end ${fmt(g.mem.end / 1024, 1)} MiB, most ${fmt(g.mem.max / 1024, 1)} MiB   target flat   ${g.mem.flat ? 'PASS' : 'FAIL'}`);
  }
  out.push(`    (load average before the backfill ${g.load.map((x) => x.toFixed(2)).join(' ')}; MariaDB ${settingsText(ingest.settings)})`);
  return out;
}

// The sync phases (1-3) as before; their summary lines.
async function syncPhases() {
  const ctx = await setup();
  checkStack('the set-up');
  const paging = await sandboxPaging(ctx);
  checkStack('the sandbox paging');
  const ingest = await backfill(ctx);
  checkStack('the backfill');
  let status = null;
  if (ingest.state === 'done' && CFG.statusN > 0) {
    status = await statusLatency(ctx);
    checkStack('the status changes');
  } else {
    log(`\n(status-change latency skipped: ${CFG.statusN > 0 ? 'the backfill did not finish' : 'TTS_BENCH_STATUS_N=0'})`);
  }
  let slips = null;
  const slipPairs = num('TTS_BENCH_SLIPS', 4000);
  if (ingest.state === 'done' && slipPairs > 0) {
    section('export slips: create+export on 16 clients');
    slips = await slipBench({ app, token: ctx.merchant.token, connectionId: ctx.conn.id, log, socket: DB_SOCKET,
      database: env.TTS_DB_NAME || 'tts', runDir: RUN_DIR, pairs: slipPairs });
    checkStack('the export slips');
  }

  const okIngest = ingest.state === 'done' && ingest.exact && ingest.ordersPerS >= TARGET_INGEST;
  const okStatus = status && status.errors === 0 && status.p99 <= TARGET_P99_MS;
  const out = [];
  out.push(`  sandbox page-serving rate : ${fmt(paging.ordersPerS).padStart(7)} orders/s, ${fmt(paging.pagesPerS, 1)} pages/s (page_size 100, one sequential client)`);
  const how = ingest.state !== 'done' ? `job ${ingest.state}, not done` : ingest.exact ? 'exact' : 'COUNT MISMATCH';
  out.push(`  backfill ingestion        : ${fmt(ingest.ordersPerS).padStart(7)} orders/s  (${ingest.stored} orders in ${fmt(ingest.wallS, 1)} s, ` +
    `${how})   target >= ${TARGET_INGEST}   ${okIngest ? 'PASS' : 'FAIL'}`);
  out.push(...ingestSummary(ingest));
  if (status) {
    out.push(`  status-change latency     : p50 ${ms(status.p50)}, p95 ${ms(status.p95)}, p99 ${ms(status.p99)}, max ${ms(status.max)} ` +
      `(${status.seen}/${status.n} seen)   target p99 <= ${TARGET_P99_MS} ms   ${okStatus ? 'PASS' : 'FAIL'}`);
  } else if (CFG.statusN > 0) {
    out.push(`  status-change latency     : not measured                                   FAIL`);
  }
  if (slipPairs > 0) out.push(slipSummary(slips));
  out.push(`  (order creation for the sync phases: ${fmt(ctx.createS, 0)} s, not measured)`);
  return out;
}

// One merchant's shop with `orders` sandbox orders, synced with one Sync all (not measured).
async function syncedShop(orders) {
  const ctx = await setup(orders);
  checkStack('the set-up');
  ctx.conn = await connectShop(ctx);
  const token = ctx.merchant.token;
  const job = must(await app('POST', `/api/v1/connections/${ctx.conn.id}/sync`, { token }), 202, 'Sync all').job;
  const deadline = performance.now() + CFG.backfillTimeoutS * 1000;
  let state = job.state;
  while (state !== 'done' && performance.now() < deadline) {
    if (state === 'failed') throw new Error('Sync all failed');
    await sleep(100);
    state = must(await app('GET', `/api/v1/sync-jobs/${job.id}`, { token }), 200, 'sync job').state;
  }
  if (state !== 'done') throw new Error(`Sync all not done within ${CFG.backfillTimeoutS} s`);
  log(`  synced with one Sync all (not measured)`);
  return ctx;
}

// The export slips alone (TTS_BENCH_PHASES=slips): a few thousand sandbox orders synced with one Sync all, then phase 5.
// TTS_BENCH_SLIP_MERCHANTS=k splits the pairs and the clients over k merchants working at once: each merchant's slips
// take numbers from its own counter row, so k shows what that row's serialization costs one merchant.
async function slipsPhase() {
  const pairs = num('TTS_BENCH_SLIPS', 4000);
  const merchants = num('TTS_BENCH_SLIP_MERCHANTS', 1);
  const clients = num('TTS_BENCH_SLIP_CLIENTS', 16);
  // About 1 order in 8 is cancelled, unpaid or on hold: make enough for `pairs` in a status that may get a slip.
  const each = Math.ceil(pairs / merchants);
  const ctxs = [];
  for (let i = 0; i < merchants; i++) ctxs.push(await syncedShop(Math.ceil((each * 1.3) / CFG.createBatch) * CFG.createBatch));
  section(`5. export slips: create+export on ${clients} clients, ${merchants} merchant(s)`);
  const runs = await Promise.all(ctxs.map((ctx) => slipBench({ app, token: ctx.merchant.token, connectionId: ctx.conn.id, log,
    socket: DB_SOCKET, database: env.TTS_DB_NAME || 'tts', runDir: RUN_DIR, pairs: each, clients: Math.max(1, Math.round(clients / merchants)) })));
  checkStack('the export slips');
  if (runs.length === 1) return [slipSummary(runs[0])];
  const done = runs.reduce((n, r) => n + r.done, 0);
  const total = { done, errors: runs.reduce((n, r) => n + r.errors, 0), perS: done / Math.max(...runs.map((r) => r.wallS)),
    floorPerS: runs.reduce((n, r) => n + r.floorPerS, 0), invariantsOk: runs.every((r) => r.invariantsOk) };
  log(`  ${merchants} merchants together: ${total.perS.toFixed(0)} pairs/s`);
  return [slipSummary(total)];
}

// Shipping from the app (TTS_BENCH_PHASES=ship): a shop of its own, 500 orders arranged, their labels kept, 200 printed.
async function shipPhase() {
  const ctx = await setup(0);
  ctx.conn = await connectShop(ctx);
  section('shipping: arrange 500 orders, keep their labels, print 200 as one PDF');
  const r = await shipBench({ app, ctl, token: ctx.merchant.token, shop: ctx.shop, conn: ctx.conn, log });
  checkStack('the shipping');
  return shipSummary(r);
}

async function main() {
  const phases = (env.TTS_BENCH_PHASES || 'sync,push,read').split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = phases.filter((p) => !['sync', 'read', 'push', 'slips', 'ship'].includes(p));
  if (unknown.length || phases.length === 0) throw new Error(`TTS_BENCH_PHASES: some of sync, push, read, slips, ship (comma separated), not '${env.TTS_BENCH_PHASES}'`);
  log(`bench: app ${BASE_URL}, sandbox ${SANDBOX_URL}, phases ${phases.join(' + ')}; logs in ${LOG_DIR}`);
  log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} ` +
    '(other stacks running here share the CPUs and skew the figures)');
  const t0 = performance.now();
  checkStack('start-up');
  const lines = [];
  if (phases.includes('sync')) lines.push(...(await syncPhases()));
  else if (phases.includes('slips')) lines.push(...(await slipsPhase()));
  if (phases.includes('push')) {
    section('stock push: a change in the app to the quantity on TikTok');
    const r = await pushPhase({ logDir: LOG_DIR });
    checkStack('the stock push');
    lines.push(...pushSummary(r));
  }
  if (phases.includes('ship')) lines.push(...(await shipPhase()));
  if (phases.includes('read')) {
    const r = await readPath({ runDir: RUN_DIR, logDir: LOG_DIR, socket: DB_SOCKET });
    checkStack('the read path');
    lines.push(...readSummary(r));
  }
  section('SUMMARY');
  for (const l of lines) log(l);
  log(`  bench time ${fmt((performance.now() - t0) / 1000, 0)} s`);
}

main()
  .then(() => {
    closeAgents();
    process.exit(0);
  })
  .catch((e) => {
    console.error(`bench: could not run: ${e && e.stack ? e.stack : e}`);
    closeAgents();
    process.exit(1);
  });
