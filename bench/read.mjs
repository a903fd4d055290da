// `make bench`, the read path: N orders for each of two merchants seeded through SQL, then every
// orders list and search of the Orders screen measured with wrk (32 clients) beside the stack's floor (a minimal
// libfcgi program answering the same bytes through the same nginx) and a static file of those bytes, four ways:
// repeat (the same URL: the read cache), fresh (no-cache: the database), varied (400 URLs of the same kind drawn at
// random) and live (varied while orders stream in through the sandbox's webhooks and the sync worker, with the cache's
// hit rate and the api workers' memory); single-call latency of each; a fairness probe (another merchant's list and
// /api/v1/health while one merchant hammers the slowest search); the overview like the list requests, and the time of
// the 100,000-row orders export; the first-load size of the orders screen when bench/first_load.mjs exists.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { must, app, ctl, connectShop } from './lib/app.mjs';
import { closeAgents } from './lib/http.mjs';
import { seedOrders, sampleOrder, sampleOrders, NAME_PARTS } from './lib/seed.mjs';
import { wrk } from './lib/wrk.mjs';
import { cpuSnapshot, cpuDelta, workersRss } from './lib/procstat.mjs';
import { TARGETS, grade } from './lib/grade.mjs';
import { summary, fmt, sleep, dbQuery } from './lib/stats.mjs';

const env = process.env;
const num = (name, def) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : def);
const BASE_URL = env.BASE_URL || 'http://127.0.0.1:28080';
const SANDBOX_URL = env.SANDBOX_URL || 'http://127.0.0.1:28090';
const CFG = {
  orders: num('TTS_BENCH_READ_ORDERS', 1000000),   // per merchant; the table holds twice as many
  days: num('TTS_BENCH_READ_DAYS', 90),
  lines: env.TTS_BENCH_READ_LINES === '1',          // also order_lines and the first status history
  seconds: num('TTS_BENCH_READ_SECONDS', 10),       // wrk's duration per request
  connections: num('TTS_BENCH_READ_CONNECTIONS', 32),
  single: num('TTS_BENCH_READ_SINGLE', 5),          // sequential calls for the single-call latency
  perPage: 20,                                      // the Orders screen's default page size
  varied: 400,                                      // different URLs of one kind in the varied and live figures
  liveRate: num('TTS_BENCH_LIVE_RATE', 50),         // orders a second streamed in during the live figures
  only: env.TTS_BENCH_READ_ONLY ? new RegExp(env.TTS_BENCH_READ_ONLY, 'i') : null, // rows whose name matches
};
const TARGET_P99_MS = 100;       // the fairness probe's bound
const RSS_MAX_KIB = 16 * 1024;   // each api worker's memory over the live run (the shared read cache once among them)
const RSS_GROWTH_KIB = 1024;     // "flat": grown by less than this from the live run's first sample to its last
const FLOOR_PATH = '/api/bench-floor';      // scripts/bench.sh renders these two locations into nginx
const STATIC_PATH = '/bench/orders-page.json';

const log = (...a) => console.log(...a);
const section = (t) => log(`\n=== ${t} ${'='.repeat(Math.max(0, 70 - t.length))}`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

// A merchant with a connected sandbox shop (the real flow, so the connection row is what the app writes).
async function merchantWithShop(label) {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const merchant = must(await app('POST', '/api/v1/auth/register', {
    body: { merchant_name: `Read bench ${label}`, name: label, email: `read-${tag}@example.com`, password: `bench-${randomBytes(6).toString('hex')}` },
  }), 201, 'register');
  const seller = { email: `read-${tag}@seller.vn`, password: 'bench-seller-1' };
  Object.assign(seller, must(await ctl('POST', '/sandbox/sellers', {
    seller_name: `Cửa hàng ${label}`, email: seller.email, password: seller.password, region: 'VN', shops: 1,
  }), [200, 201], 'POST /sandbox/sellers'));
  const conn = await connectShop({ merchant, seller, shop: seller.shops[0] });
  // products, so the live run can make new orders in the shop, and a Sync all of its (no) orders: from then on the
  // app takes the shop's order webhooks, as after any merchant's first Sync all
  must(await ctl('POST', `/sandbox/shops/${seller.shops[0].id}/products`, { count: 5, skus_per_product: 2 }), [200, 201], 'sandbox products');
  const job = must(await app('POST', `/api/v1/connections/${conn.id}/sync`, { token: merchant.token }), 202, 'Sync all').job;
  for (const t0 = performance.now(); ; await sleep(100)) {
    const j = must(await app('GET', `/api/v1/sync-jobs/${job.id}`, { token: merchant.token }), 200, 'sync job');
    if (j.state === 'done') break;
    if (j.state === 'failed' || performance.now() - t0 > 60000) throw new Error(`Sync all of the empty shop: ${j.state}`);
  }
  return { token: merchant.token, merchantId: merchant.merchant.id, conn, shopId: seller.shops[0].id };
}

const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
const unique = (xs) => [...new Set(xs)];
// Folded words of the buyers' names and their prefixes of two and three letters, as buyers' names are typed.
const NAME_WORDS = (() => {
  const w = unique(Object.values(NAME_PARTS).flat().map(fold));
  return unique([...w, ...w.map((x) => x.slice(0, 3)), ...w.map((x) => x.slice(0, 2))].filter((x) => x.length >= 2));
})();
const FULL_NAMES = (() => {
  const { FAMILY, MIDDLE_M, MIDDLE_F, GIVEN_M, GIVEN_F } = NAME_PARTS;
  const out = [];
  for (const [mid, giv] of [[MIDDLE_M, GIVEN_M], [MIDDLE_F, GIVEN_F]])
    for (const f of FAMILY) for (const m of mid) for (const g of giv) out.push(fold(`${f} ${m} ${g}`));
  return out;
})();
const STATUSES = ['awaiting_payment', 'awaiting_confirmation', 'processing', 'packing', 'shipping', 'delivered', 'completed', 'cancelled'];

// The requests of the Orders screen, as the SPA sends them (per_page 20, sort given): each with the path its repeat
// and fresh figures ask, and CFG.varied paths of the same kind (other pages, names, weeks, statuses) for the varied
// and live figures (null: one URL only). samples: orders of merchant A (order numbers, phones).
function requests(s, samples, total, connId) {
  const iso = (t) => new Date((t + 7 * 3600) * 1000).toISOString().slice(0, 19) + '+07:00'; // Vietnam's local time
  const day = 86400;
  const today = Math.floor(Date.now() / 1000 / day) * day - 7 * 3600; // midnight in Vietnam
  const weekOf = (endDaysAgo) => {
    const end = today - endDaysAgo * day;
    return `created_from=${encodeURIComponent(iso(end - 7 * day))}&created_to=${encodeURIComponent(iso(end))}`;
  };
  const week = weekOf(30);
  const weeks = CFG.days - 7; // the weeks within the seeded span, by their last day
  const base = `sort=-created_at&per_page=${CFG.perPage}`;
  const last = Math.max(1, Math.ceil(total / CFG.perPage));
  const e = encodeURIComponent;
  const n = CFG.varied;
  const vary = (f) => Array.from({ length: n }, (_, i) => f(i));
  const W = NAME_WORDS.length;
  const prefixes = unique(samples.map((x) => x.phoneLocal.slice(0, 2)));
  return [
    ['list, newest first (screen default)', `${base}&page=1`, vary((i) => `${base}&page=${1 + i}`)],
    ['list, oldest first', `sort=created_at&per_page=${CFG.perPage}&page=1`,
      vary((i) => `sort=created_at&per_page=${CFG.perPage}&page=${1 + i}`)],
    ['list, page 200', `${base}&page=200`, vary((i) => `${base}&page=${101 + i}`)],
    // the last 100 pages: the live run adds up to 8,000 orders before their start is more than ORDER_OFFSET_MAX
    // (10,000) orders from the list's end, past which a page is asked by cursor (a number answers 422)
    [`list, last page (${last})`, `${base}&page=${last}`, vary((i) => `${base}&page=${Math.max(1, last - (i % 100))}`)],
    ['search buyer name, one word (khanh)', `${base}&page=1&q=khanh`,
      vary((i) => `${base}&page=${1 + (Math.floor(i / W) % 3)}&q=${NAME_WORDS[i % W]}`)],
    ['search buyer name (nguyen van an)', `${base}&page=1&q=${e('nguyen van an')}`,
      vary((i) => `${base}&page=1&q=${e(FULL_NAMES[(i * 37) % FULL_NAMES.length])}`)],
    [`search phone (0${s.phoneLocal})`, `${base}&page=1&q=0${s.phoneLocal}`,
      vary((i) => `${base}&page=1&q=0${samples[i % samples.length].phoneLocal}`)],
    ['search order number', `${base}&page=1&q=${s.externalId}`,
      vary((i) => `${base}&page=1&q=${samples[i % samples.length].externalId}`)],
    ['status filter (processing)', `${base}&page=1&status=processing`,
      vary((i) => `${base}&page=${1 + Math.floor(i / STATUSES.length)}&status=${STATUSES[i % STATUSES.length]}`)],
    ['status filter (completed)', `${base}&page=1&status=completed`, vary((i) => `${base}&page=${1 + i}&status=completed`)],
    ['one week of dates', `${base}&page=1&${week}`, vary((i) => `${base}&page=${1 + Math.floor(i / weeks)}&${weekOf(i % weeks)}`)],
    ['shop + status + week + name', `${base}&page=1&connection_id=${connId}&status=completed&${week}&q=nguyen`,
      vary((i) => `${base}&page=1&connection_id=${connId}&status=${STATUSES[i % STATUSES.length]}&${weekOf((i * 7) % weeks)}` +
        `&q=${NAME_WORDS[(i * 13) % W]}`)],
    ['e-commerce tab + status + phone prefix', `${base}&page=1&channel=tiktok&status=delivered&q=091`,
      vary((i) => `${base}&page=${1 + (Math.floor(i / (STATUSES.length * prefixes.length)) % 2)}&channel=tiktok` +
        `&status=${STATUSES[i % STATUSES.length]}&q=0${prefixes[Math.floor(i / STATUSES.length) % prefixes.length]}`)],
    ['with an export slip (no status)', `${base}&page=1&has_export_slip=true`, vary((i) => `${base}&page=${1 + i}&has_export_slip=true`)],
    ['without an export slip (no status)', `${base}&page=1&has_export_slip=false`, vary((i) => `${base}&page=${1 + i}&has_export_slip=false`)],
    ['every item linked', `${base}&page=1&all_linked=true`, vary((i) => `${base}&page=${1 + i}&all_linked=true`)],
    ['some item unlinked', `${base}&page=1&all_linked=false`, vary((i) => `${base}&page=${1 + i}&all_linked=false`)],
  ].map(([name, query, varied]) => ({
    name, path: `/api/v1/orders?${query}`, paths: varied.map((v) => `/api/v1/orders?${v}`), list: true,
  }));
}

// The orders export of the screen's default list (capped at 100,000 rows by the backend): seconds per call,
// sequential calls after one warm-up, with the file's size and its rows (X-Export-Rows).
async function exportTime(token, n = 3) {
  const path = '/api/v1/orders/export.xlsx?sort=-created_at';
  const lat = [];
  let last = null;
  for (let i = 0; i <= n; i++) {
    const t = performance.now();
    last = await app('GET', path, { token, timeoutMs: 300000 });
    if (i > 0) lat.push(performance.now() - t);
  }
  return { ...summary(lat), status: last.status, bytes: Number(last.headers['content-length']) || last.bytes,
    rows: Number(last.headers['x-export-rows']) || 0 };
}

// Sequential calls: the latency of one request on a quiet stack (after one warm-up call), each reading the database
// (Cache-Control: no-cache: past the api workers' read cache).
async function single(path, token, n) {
  const lat = [];
  let status = 0;
  let bytes = 0;
  let total = null;
  for (let i = 0; i <= n; i++) {
    const t = performance.now();
    const r = await app('GET', path, { token, timeoutMs: 120000, headers: { 'cache-control': 'no-cache' } });
    if (i > 0) lat.push(performance.now() - t);
    status = r.status;
    bytes = r.bytes;
    if (r.json && typeof r.json.total === 'number') total = r.json.total;
  }
  return { ...summary(lat), status, bytes, total };
}

// The stack is quiet again: no statement of the app's database running (requests that wrk gave up on
// still run to their end in the api workers) for half a second in a row. Bounded.
async function drain(socket, boundS = 180) {
  const deadline = performance.now() + boundS * 1000;
  let quietSince = null;
  while (performance.now() < deadline) {
    const busy = Number(dbQuery(socket, 'information_schema', "SELECT COUNT(*) FROM PROCESSLIST WHERE DB = 'tts' " +
      "AND COMMAND IN ('Query', 'Execute') AND ID <> CONNECTION_ID()").trim());
    if (busy === 0) {
      quietSince = quietSince ?? performance.now();
      if (performance.now() - quietSince >= 500) return true;
    } else {
      quietSince = null;
    }
    await sleep(100);
  }
  return false;
}

function cpuLine(d, wallS) {
  return Object.entries(d).filter(([, v]) => v / wallS > 0.02).sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt((100 * v) / wallS, 0)}%`).join(', ');
}

async function measure(label, url, token, ctx, fresh = false, paths = null) {
  const cpu0 = cpuSnapshot(ctx.runDir);
  const w = await wrk({ url, paths, token, connections: CFG.connections, seconds: CFG.seconds, fresh });
  const cpu = cpuDelta(cpu0, cpuSnapshot(ctx.runDir));
  w.cpu = cpuLine(cpu, w.seconds);
  // while orders stream in, the sync worker's statements never let the database go quiet: a short wait then
  if (!(await drain(ctx.socket, ctx.live ? 3 : 180)) && !ctx.live) log(`  WARNING: the database was still busy 180 s after ${label}`);
  return w;
}

// The machine's load average (1, 5, 15 min): the machine is shared, and this says how far a figure can be compared.
const load = () => loadavg().map((x) => fmt(x, 2)).join(' ');

const figures = (x) => `${lpad(fmt(x.rps, 1), 7)} 2xx/s, p50 ${lpad(fmt(x.p50, 0), 5)} ms, p99 ${lpad(fmt(x.p99, 0), 5)} ms, ` +
  `${x.refused429 || x.refused503 ? `${x.refused429} refused 429, ${x.refused503} refused 503, ` : ''}` +
  `${x.errors ? `${x.errors} ERRORS (${x.statusErrors} non-2xx, ${x.timeouts} timeouts, ${x.socketErrors} socket), ` : ''}` +
  `cache hits ${lpad(fmt(100 * x.hitRate, 0), 3)} %, ratio ${fmt(x.ratio, 3)}  ${x.pass ? 'PASS' : 'FAIL'}`;

// New orders in merchant A's sandbox shop at CFG.liveRate a second (a batch every 100 ms, made up when late), each
// announced by a webhook as TikTok does; the app stores them through its webhook endpoint and the sync worker.
// started: resolves after 3 s of streaming (the pipeline is running); stop() ends it and waits (bounded) until the
// app has stored every order made.
function streamOrders(a, seedOpts) {
  const count = () => Number(dbQuery(seedOpts.socket, seedOpts.database,
    `SELECT COUNT(*) FROM orders WHERE connection_id = ${a.conn.id}`).trim());
  const before = count();
  const t0 = performance.now();
  let made = 0;
  let running = true;
  let failure = null;
  const loop = (async () => {
    while (running) {
      const due = Math.floor(((performance.now() - t0) / 1000) * CFG.liveRate);
      const n = Math.min(due - made, 50);
      if (n > 0) {
        const r = await ctl('POST', `/sandbox/shops/${a.shopId}/orders`, { count: n, days_back: 0, notify: true });
        if (r.status !== 201) {
          failure = `POST /sandbox/shops/{id}/orders answered ${r.status}`;
          return;
        }
        made += n;
      }
      await sleep(100);
    }
  })();
  let mark = before;
  return {
    started: sleep(3000),
    arrivedSince() {
      const now = count();
      const d = now - mark;
      mark = now;
      return d;
    },
    async stop() {
      running = false;
      await loop;
      if (failure) throw new Error(`the live run's orders could not be made: ${failure}`);
      const seconds = (performance.now() - t0) / 1000;
      const arrived = count() - before;
      const t1 = performance.now();
      let settled = false;
      while (performance.now() - t1 < 60000) {
        if (count() - before >= made) {
          settled = true;
          break;
        }
        await sleep(200);
      }
      return { made, seconds, arrived, settled, settleSeconds: (performance.now() - t1) / 1000 };
    },
  };
}

// The api workers' memory every second until stop(): each worker's first and largest sample, PASS when each
// stayed under RSS_MAX_KIB and grew by less than RSS_GROWTH_KIB from its first sample to its last.
function sampleRss(runDir) {
  const seen = {};
  let samples = 0;
  const take = () => {
    samples++;
    for (const [pid, { rss, own }] of Object.entries(workersRss(runDir, 'tts-api'))) {
      const w = (seen[pid] ??= { first: own, max: own, last: own, rssMax: rss });
      w.max = Math.max(w.max, own);
      w.last = own;
      w.rssMax = Math.max(w.rssMax, rss);
    }
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    stop() {
      clearInterval(timer);
      take();
      const ws = Object.values(seen);
      // graded on each worker's resident memory with the one read cache they map together counted once among them;
      // the resident size counting it whole in every worker is printed beside
      const pass = ws.length > 0 && ws.every((w) => w.max < RSS_MAX_KIB && w.last - w.first < RSS_GROWTH_KIB);
      const mib = (k) => fmt(k / 1024, 1);
      const text = ws.map((w) => `${mib(w.first)}→${mib(w.last)} (max ${mib(w.max)})`).join(', ') +
        ` MiB, the shared read cache counted once among them (resident, counting it whole in each: at most ${ws.map((w) => mib(w.rssMax)).join(', ')} MiB)`;
      return { samples, workers: ws, pass, text };
    },
  };
}

// The floor: tts-floor (built by scripts/bench.sh) answering `body` on its socket, 4 workers like tts-api.
async function startFloor(body, ctx) {
  const dir = env.TTS_BENCH_FLOOR_DIR;
  const bin = env.TTS_BENCH_FLOOR_BIN;
  const sock = env.TTS_BENCH_FLOOR_SOCKET;
  if (!dir || !bin || !sock || !existsSync(bin)) throw new Error('the floor is not built: run the bench through scripts/bench.sh');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/orders-page.json`, body);
  const logFd = `${ctx.logDir}/tts-floor.log`;
  const p = spawn('sh', ['-c', `exec "$0" "$@" >>"${logFd}" 2>&1`, bin, sock, `${dir}/orders-page.json`, '4'],
    { detached: true, stdio: 'ignore' });
  writeFileSync(`${ctx.runDir}/tts-floor.pid`, `${p.pid}\n`);
  p.unref();
  const deadline = performance.now() + 10000;
  for (;;) {
    const r = await app('GET', FLOOR_PATH).catch(() => ({ status: 0 }));
    if (r.status === 200 && r.text === body) return;
    if (performance.now() > deadline) throw new Error(`the floor does not answer through nginx (last HTTP ${r.status}); see ${logFd}`);
    await sleep(50);
  }
}

function firstLoad() {
  const script = fileURLToPath(new URL('./first_load.mjs', import.meta.url));
  if (!existsSync(script)) return { skipped: 'bench/first_load.mjs is not on this branch' };
  const r = spawnSync('node', [script], { encoding: 'utf8', timeout: 120000 });
  return r.status === 0 ? { output: r.stdout.trim() } : { failed: (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' / ') };
}

export async function readPath({ runDir, logDir, socket }) {
  const ctx = { runDir, logDir, socket };
  section(`4. read path: ${CFG.orders} orders for each of two merchants, ${CFG.connections} clients, ${CFG.seconds} s per request`);
  const a = await merchantWithShop('A');
  const b = await merchantWithShop('B');
  const ids = { merchantA: a.merchantId, merchantB: b.merchantId };
  log(`  merchants ${ids.merchantA} (connection ${a.conn.id}) and ${ids.merchantB} (connection ${b.conn.id}), shops connected through the API`);

  const seedOpts = {
    socket, database: env.TTS_DB_NAME || 'tts', ...ids, connA: a.conn.id, connB: b.conn.id, perMerchant: CFG.orders,
    days: CFG.days, details: CFG.lines, sandboxUrl: SANDBOX_URL,
  };
  let lastPrint = performance.now();
  const seeded = seedOrders(seedOpts, (done, total) => {
    if (performance.now() - lastPrint > 10000 || done === total) {
      lastPrint = performance.now();
      log(`  … seeded ${done}/${total} orders`);
    }
  });
  log(`  seeded ${2 * CFG.orders} orders through SQL in ${fmt(seeded.seconds, 1)} s (orders ${fmt(seeded.ordersSeconds, 1)} s` +
    `${CFG.lines ? `, lines + history ${fmt(seeded.linesSeconds, 1)} s` : ', no lines (TTS_BENCH_READ_LINES=1 adds them)'}, ` +
    `buyer-name words ${fmt(seeded.wordsSeconds, 1)} s, ` +
    `${seeded.keys} secondary keys rebuilt in ${fmt(seeded.indexSeconds, 1)} s, totals ${fmt(seeded.countsSeconds, 1)} s, ANALYZE ${fmt(seeded.analyzeSeconds, 1)} s)`);
  log(`  the table holds ${seeded.ordersInTable} orders (${fmt(seeded.ordersBytes / 1048576, 0)} MiB with its indexes), ${seeded.linesInTable} lines`);
  const sample = sampleOrder(seedOpts);
  closeAgents(); // nginx closed the keep-alive connections that stayed idle during the seed


  // The floor and the static file answer the bytes of the screen's default page.
  const first = await app('GET', `/api/v1/orders?sort=-created_at&per_page=${CFG.perPage}&page=1`, { token: a.token, timeoutMs: 120000 });
  must(first, 200, 'orders list');
  const total = first.json.total;
  await startFloor(first.text, ctx);
  const stat = await app('GET', STATIC_PATH);
  if (stat.status !== 200 || stat.text !== first.text) throw new Error(`the static file is not served (HTTP ${stat.status})`);
  log(`  the orders page is ${Buffer.byteLength(first.text)} bytes (per_page ${CFG.perPage}, total ${total}); the floor (${FLOOR_PATH}) and the static file (${STATIC_PATH}) answer the same bytes`);
  if (!(await drain(socket))) throw new Error('the database does not go quiet');

  // the machine is shared: its load says how far these figures can be compared with another run's
  log(`  machine load before the floor: ${load()}`);
  const floor = await measure('the floor', `${BASE_URL}${FLOOR_PATH}`, a.token, ctx);
  const stFig = await measure('the static file', `${BASE_URL}${STATIC_PATH}`, a.token, ctx);
  log(`  floor (libfcgi, same nginx):  ${fmt(floor.rps)} req/s, p50 ${fmt(floor.p50, 1)} ms, p99 ${fmt(floor.p99, 1)} ms, ${floor.errors} errors  [cpu ${floor.cpu}]`);
  log(`  static file (nginx):          ${fmt(stFig.rps)} req/s, p50 ${fmt(stFig.p50, 1)} ms, p99 ${fmt(stFig.p99, 1)} ms, ${stFig.errors} errors  [cpu ${stFig.cpu}]`);

  const ex = await exportTime(a.token);
  const exPass = ex.status === 200 && ex.rows === Math.min(total, 100000) && ex.p50 <= 5000;
  log(`  orders export (.xlsx, ${ex.rows} rows, ${fmt(ex.bytes / 1048576, 1)} MiB): p50 ${fmt(ex.p50 / 1000, 2)} s, ` +
    `max ${fmt(ex.max / 1000, 2)} s (${ex.n} calls, HTTP ${ex.status})   target <= 5 s   ${exPass ? 'PASS' : 'FAIL'}`);
  if (!(await drain(socket))) log('  WARNING: the database was still busy 180 s after the export');

  // The overview first: every tile, the chart and the sync health in one request.
  const overview = { name: 'overview (Tổng quan, every tile)', path: '/api/v1/overview', paths: null };
  // What every open orders list and overview asks every 15 s to offer "N new orders" (useNewOrders.js).
  const poll = { name: 'new-orders poll (GET /orders/count)', path: '/api/v1/orders/count', paths: null };
  const rows = [];
  const screen = [overview, poll, ...requests(sample, sampleOrders(seedOpts, CFG.varied), total, a.conn.id)]
    .filter((rq) => !CFG.only || rq === poll || CFG.only.test(rq.name));
  for (const rq of screen) {
    const row = { ...rq, load: load() };
    row.s = await single(rq.path, a.token, CFG.single);
    // repeat: the view seen before (one second of the same clients first, not counted: every api worker has read it
    // once, and the heavy searches refused meanwhile by the merchant's share have run since)
    await wrk({ url: `${BASE_URL}${rq.path}`, token: a.token, connections: CFG.connections, seconds: 1 });
    if (!(await drain(ctx.socket))) log(`  WARNING: the database was still busy 180 s after warming ${rq.name}`);
    row.repeat = await measure(rq.name, `${BASE_URL}${rq.path}`, a.token, ctx);
    row.fresh = await measure(rq.name, `${BASE_URL}${rq.path}`, a.token, ctx, true);
    if (rq.paths) row.varied = await measure(rq.name, BASE_URL, a.token, ctx, false, rq.paths);
    for (const k of ['repeat', 'fresh', 'varied']) if (row[k]) Object.assign(row[k], grade(k, row[k], floor.rps));
    if (row.s.status !== 200) row.repeat.pass = false;
    rows.push(row);
    log(`  ${pad(rq.name, 42)} load ${row.load} | single p50 ${lpad(fmt(row.s.p50, 1), 7)} ms (max ${fmt(row.s.max, 0)}, ` +
      `${row.s.total ?? '?'} found)` + ['repeat', 'fresh', 'varied'].filter((k) => row[k])
      .map((k) => `\n      ${pad(TARGETS[k].label, 20)} ${figures(row[k])}  [cpu ${row[k].cpu}]`).join(''));
  }

  // Live: the varied reads again while orders stream in through the sandbox's webhooks and the sync worker, as a
  // busy shop's do; every new order is a new data version of the merchant, so the read cache answers less.
  section(`   live: the same reads while ${CFG.liveRate} orders/s arrive through webhooks`);
  log(`  machine load before the live run: ${load()}`);
  const stream = streamOrders(a, seedOpts);
  const rss = sampleRss(ctx.runDir);
  await stream.started;
  ctx.live = true;
  for (const row of rows) {
    row.live = await measure(row.name, row.paths ? BASE_URL : `${BASE_URL}${row.path}`, a.token, ctx, false, row.paths);
    Object.assign(row.live, grade('live', row.live, floor.rps));
    log(`  ${pad(row.name, 42)} ${figures(row.live)}, ${stream.arrivedSince()} orders stored meanwhile  [cpu ${row.live.cpu}]`);
  }
  ctx.live = false;
  const memory = rss.stop();
  const ingest = await stream.stop();
  log(`  orders made in the sandbox: ${ingest.made} in ${fmt(ingest.seconds, 0)} s (${fmt(ingest.made / ingest.seconds, 1)}/s); ` +
    `stored by the app during the run: ${ingest.arrived} (${fmt(ingest.arrived / ingest.seconds, 1)}/s), every one within ` +
    `${fmt(ingest.settleSeconds, 1)} s after the last was made${ingest.settled ? '' : ' (NOT all: bounded wait)'}`);
  log(`  api workers' memory over the live run (${memory.samples} samples): ${memory.text}   target each < ` +
    `${RSS_MAX_KIB / 1024} MiB, grown < ${RSS_GROWTH_KIB / 1024} MiB   ${memory.pass ? 'PASS' : 'FAIL'}`);

  // 1,000 open screens polling every 15 s ask 67 requests a second: the share of the poll's fresh capacity they take.
  const polled = rows.find((r) => r.path === poll.path);
  log(`  1,000 open screens polling for new orders (67 req/s) take ${fmt((100 * 1000) / 15 / polled.fresh.rps, 1)} % of what ` +
    `the poll answers fresh (${fmt(polled.fresh.rps, 0)} req/s); Server-Sent Events would hold an api worker per open screen`);

  // Fairness: merchant A hammers the slowest search; B's list and /api/v1/health, one call at a time.
  // the search with the fewest fresh answers a second: the heaviest, the one a merchant's share of the workers bounds
  const slowest = rows.filter((r) => r.list && /search|prefix/.test(r.name)).sort((x, y) => x.fresh.rps - y.fresh.rps)[0]
    ?? rows[rows.length - 1];
  const bList = `/api/v1/orders?sort=-created_at&per_page=${CFG.perPage}&page=1`;
  const quietB = await single(bList, b.token, 10);
  const quietH = await single('/api/v1/health', null, 10);
  // Two independent callers, one request at a time each: B's list, and health (no token).
  const probes = { list: [], health: [], bad: 0 };
  let hammering = true;
  const probe = async (k, path, token) => {
    while (hammering) {
      const t = performance.now();
      const r = await app('GET', path, { token, timeoutMs: 60000 }).catch(() => ({ status: 0 }));
      probes[k].push(performance.now() - t);
      if (r.status !== 200) probes.bad++;
    }
  };
  log(`  machine load before the fairness probe: ${load()}`);
  const probing = Promise.all([probe('list', bList, b.token), probe('health', '/api/v1/health', null)]);
  const hammer = await wrk({ url: `${BASE_URL}${slowest.path}`, token: a.token, connections: CFG.connections, seconds: CFG.seconds,
    fresh: true });
  hammering = false;
  await probing;
  await drain(socket);
  const lb = summary(probes.list);
  const hb = summary(probes.health);
  const fair = probes.bad === 0 && lb.p99 <= TARGET_P99_MS && hb.p99 <= TARGET_P99_MS;
  log(`  fairness: merchant A hammers "${slowest.name}" (${fmt(hammer.rps, 1)} req/s, ${hammer.errors} errors) while one client calls:`);
  log(`    merchant B's list: quiet p50 ${fmt(quietB.p50, 1)} ms / p99 ${fmt(quietB.p99, 1)} ms -> under load p50 ${fmt(lb.p50, 1)} ms, p99 ${fmt(lb.p99, 1)} ms, max ${fmt(lb.max, 0)} ms (${lb.n} calls)`);
  log(`    /api/v1/health:    quiet p50 ${fmt(quietH.p50, 1)} ms / p99 ${fmt(quietH.p99, 1)} ms -> under load p50 ${fmt(hb.p50, 1)} ms, p99 ${fmt(hb.p99, 1)} ms, max ${fmt(hb.max, 0)} ms (${hb.n} calls)`);
  log(`    ${probes.bad} answers other than 200   target: all 200, p99 <= ${TARGET_P99_MS} ms   ${fair ? 'PASS' : 'FAIL'}`);

  const fl = firstLoad();
  section('   first load of the orders screen');
  log(fl.output ? fl.output.split('\n').map((l) => `  ${l}`).join('\n') : `  not measured: ${fl.skipped || fl.failed}`);
  return { floor, static: stFig, rows, memory, ingest, export: { ...ex, pass: exPass }, fairness: { slowest: slowest.name, lb, hb, quietB, quietH, bad: probes.bad, pass: fair }, firstLoad: fl, seeded };
}

// The summary block's lines for the read path.
export function readSummary(r) {
  const out = [];
  const t = TARGETS;
  out.push(`  read path (${CFG.orders} orders per merchant, ${CFG.connections} clients): floor ${fmt(r.floor.rps)} req/s ` +
    `(p99 ${fmt(r.floor.p99, 1)} ms), static file ${fmt(r.static.rps)} req/s; only 2xx answers count, a 429/503 is a refusal`);
  out.push(`    targets (share of the floor, p99): ${Object.entries(t).map(([k, v]) => `${k} >= ${v.ratio}, <= ${v.p99} ms`).join('; ')}`);
  out.push('    single: one call reading the database; repeat: the same URL again (after 1 s of warm-up: the api workers\' read');
  out.push(`    cache); fresh: no-cache, every call reading the database; varied: ${CFG.varied} URLs of the same kind at random;`);
  out.push(`    live: varied while ${CFG.liveRate} orders/s arrive through webhooks (hits: answered by the read cache); load: 1-min load before the row`);
  const cell = (x) => (x ? `${lpad(fmt(x.rps, 0), 6)} ${lpad(fmt(x.p99, 0), 4)} ${lpad(fmt(x.ratio, 3), 5)} ${x.pass ? 'PASS' : 'FAIL'}` : pad('   —', 21));
  out.push(`    ${pad('request', 40)} ${lpad('single', 6)} ${pad('| repeat/s p99 ratio', 22)}${pad('| fresh/s p99 ratio', 22)}` +
    `${pad('| varied/s p99 ratio', 22)}${pad('| live/s p99 ratio', 22)}| hits load`);
  for (const x of r.rows) {
    const refused = ['repeat', 'fresh', 'varied', 'live'].reduce((n, k) => n + (x[k] ? x[k].refused429 + x[k].refused503 : 0), 0);
    out.push(`    ${pad(x.name.slice(0, 40), 40)} ${lpad(fmt(x.s.p50, 0), 4)}ms | ${cell(x.repeat)} | ${cell(x.fresh)} | ${cell(x.varied)} | ` +
      `${cell(x.live)} | ${lpad(fmt(100 * x.live.hitRate, 0), 3)}% ${x.load.split(' ')[0]}${refused ? `  ${refused} refused (429/503)` : ''}`);
  }
  const graded = r.rows.filter((x) => x.list);
  const verdict = (k) => `${graded.filter((x) => x[k]?.pass).length}/${graded.filter((x) => x[k]).length} PASS`;
  out.push(`    list and search rows: fresh ${verdict('fresh')}, varied ${verdict('varied')}, live ${verdict('live')}, repeat ${verdict('repeat')}`);
  out.push(`    live run: ${r.ingest.made} orders made (${fmt(r.ingest.made / r.ingest.seconds, 1)}/s), ${fmt(r.ingest.arrived / r.ingest.seconds, 1)}/s ` +
    `stored meanwhile; api workers' memory ${r.memory.text}   ${r.memory.pass ? 'PASS' : 'FAIL'}`);
  const e = r.export;
  out.push(`    orders export, ${e.rows} rows: p50 ${fmt(e.p50 / 1000, 2)} s (${fmt(e.bytes / 1048576, 1)} MiB)   target <= 5 s   ${e.pass ? 'PASS' : 'FAIL'}`);
  const f = r.fairness;
  out.push(`    fairness (A hammers "${f.slowest}"): B's list p99 ${fmt(f.lb.p99, 0)} ms, health p99 ${fmt(f.hb.p99, 0)} ms, ${f.bad} non-200   ${f.pass ? 'PASS' : 'FAIL'}`);
  const fl = r.firstLoad;
  out.push(`    first load of the orders screen: ${fl.output ? fl.output.split('\n').filter((l) => /gzip|total/i.test(l)).slice(-1)[0] || 'see above' : `not measured (${fl.skipped || fl.failed})`}`);
  return out;
}
