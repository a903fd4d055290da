// The soak (`make soak`): mixed traffic of the whole app at a steady rate with injected TikTok faults, then
// errors, workers' memory and descriptors, and data consistency checked; prints a summary, exits 1 on failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const BASE = process.env.BASE_URL;
const SANDBOX = process.env.SANDBOX_URL;
const SECONDS = Number(process.env.TTS_SOAK_SECONDS || 600);
const RATE = Number(process.env.TTS_SOAK_RATE || 8);          // operations per second, all kinds together
const RUN_DIR = process.env.TTS_RUN_DIR;
const FAULTS = { error_rate: 0.3, throttle_rate: 0.1, latency_ms: 50, malformed_rate: 0.05 };
// Resident memory may grow by this much from the middle to the end (after warm-up) and still count as flat:
// a worker's per-request memory is an arena reset after each request and a bounded statement cache, so
// what remains is malloc's own fragmentation and the MariaDB client's buffers growing to the largest result.
const RSS_SLACK_KB = 2048;
const RSS_SLACK_RATIO = 0.10;
const FD_SLACK = 2;  // curl keeps up to a couple of keep-alive connections to the sandbox open

const log = (s) => console.log(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const failures = [];
const fail = (what) => { failures.push(what); log(`  FAIL ${what}`); };

async function http(base, method, path, { body, token } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = undefined; }
  return { status: res.status, json, text, ms: performance.now() - t0, headers: res.headers };
}
const ctl = async (method, path, body) => {
  const r = await http(SANDBOX, method, path, { body });
  if (r.status >= 300) throw new Error(`sandbox ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
};
const must = (r, want, what) => {
  if (!(Array.isArray(want) ? want : [want]).includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
};
function sql(query, db = process.env.TTS_DB_NAME) {
  const out = execFileSync('mariadb', ['--socket', process.env.TTS_DB_SOCKET, '--user', 'root', '-N', '-B', db, '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
async function until(probe, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// ---- the workers' resident memory and descriptors, from /proc ----
const pidFile = (name) => Number(readFileSync(`${RUN_DIR}/${name}.pid`, 'utf8').trim());
function procInfo(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return { pid, rss, fds: readdirSync(`/proc/${pid}/fd`).length };
}
function children(parent) {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
      return Number(rest[1]) === parent && rest[0] !== 'Z';
    } catch { return false; }
  }).sort((a, b) => a - b);
}
function snapshot(label) {
  const api = pidFile('tts-api');
  const procs = { 'tts-api parent': procInfo(api), 'tts-sync': procInfo(pidFile('tts-sync')) };
  children(api).forEach((pid, i) => { procs[`api worker ${i + 1}`] = procInfo(pid); });
  log(`  memory at ${label}: ` + Object.entries(procs).map(([n, p]) => `${n} ${(p.rss / 1024).toFixed(1)} MB ${p.fds} fds`).join('; '));
  return procs;
}

// ---- setup: the OAuth flow as a browser walks it (the callback needs the authorize answer's state cookie) ----
async function connect(ctx) {
  const res = await http(BASE, 'POST', '/api/v1/connections/tiktok/authorize', { token: ctx.token, body: { region: 'VN' } });
  const state = new URL(res.json.authorize_url).searchParams.get('state');
  const { redirect_url: redirect } = await ctl('POST', '/sandbox/authorize', { email: ctx.seller.email, password: 'seller-pass-1', state });
  const u = new URL(redirect);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const back = await fetch(BASE + u.pathname + u.search, { headers: { cookie }, redirect: 'manual' });
  await back.text();
  if (!/result=connected/.test(back.headers.get('location') || '')) throw new Error(`connecting failed: ${back.headers.get('location')}`);
  return must(await ctx.app('GET', '/api/v1/connections'), 200, 'connections').items;
}

async function main() {
  log(`soak: ${SECONDS} s at ${RATE} operations/s against ${BASE} (sandbox ${SANDBOX})`);
  const email = `soak-${Date.now()}@example.com`;
  const reg = must(await http(BASE, 'POST', '/api/v1/auth/register', { body: { merchant_name: 'Cửa hàng soak', name: 'Chủ soak', email, password: 'soak-pass-123' } }), 201, 'register');
  const ctx = { token: reg.token, merchantId: Number(reg.merchant.id) };
  ctx.app = (method, path, body) => http(BASE, method, path, { token: ctx.token, body });
  ctx.seller = await ctl('POST', '/sandbox/sellers', { seller_name: 'Người bán soak', email: `s-${randomBytes(4).toString('hex')}@seller.vn`, password: 'seller-pass-1', region: 'VN', shops: 2, live: true });
  for (const shop of ctx.seller.shops) {
    await ctl('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
    await ctl('POST', `/sandbox/shops/${shop.id}/orders`, { count: 300, days_back: 30, status: 'AWAITING_SHIPMENT' });
  }
  const conns = await connect(ctx);
  const { app } = ctx;
  const wh = must(await app('GET', '/api/v1/warehouses'), 200, 'warehouses').items[0];
  // Sync all and pull products for each shop; link every SKU to one of six products; stock; pushes on.
  for (const c of conns) {
    const s = must(await app('POST', `/api/v1/connections/${c.id}/sync`), 202, 'sync');
    const p = must(await app('POST', `/api/v1/connections/${c.id}/pull-products`), 202, 'pull');
    for (const job of [s.job, p.job]) {
      await until(async () => must(await app('GET', `/api/v1/sync-jobs/${job.id}`), 200, 'job').state === 'done', `job ${job.id}`, 120000);
    }
  }
  const products = [];
  for (let i = 0; i < 6; i++) {
    products.push(must(await app('POST', '/api/v1/products', { name: `Hàng soak ${i}`, sku: `SOAK-${Date.now().toString(36)}-${i}`, unit: 'cái' }), 201, 'product').id);
  }
  const skus = must(await app('GET', '/api/v1/channel-skus?per_page=200'), 200, 'channel skus').items;
  for (const [i, s] of skus.entries()) must(await app('PUT', `/api/v1/channel-skus/${s.id}/link`, { product_id: products[i % products.length] }), 200, 'link');
  must(await app('POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, note: 'soak start', lines: products.map((id) => ({ product_id: id, quantity: 100000 })) }), 201, 'receipt');
  for (const c of conns) must(await app('PUT', `/api/v1/connections/${c.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 0 }), 200, 'stock settings');
  const orderIds = () => sql(`SELECT id FROM orders WHERE merchant_id = ${ctx.merchantId} ORDER BY RAND() LIMIT 50`).map((r) => Number(r[0]));
  let pool = orderIds();
  log(`  setup: ${conns.length} shops, ${sql(`SELECT COUNT(*) FROM orders WHERE merchant_id = ${ctx.merchantId}`)[0][0]} orders, ${skus.length} SKUs linked, pushes on`);

  // ---- the traffic ----
  const slips = [];
  const stats = {};
  const unexpected = [];
  const count = (op, status) => { const k = `${op} ${status}`; stats[k] = (stats[k] || 0) + 1; };
  const pick = (a) => a[Math.floor(Math.random() * a.length)];
  const words = ['nguyen', 'tran', 'le', 'an', 'minh', 'thi', '09', 'ha'];
  const ops = [
    // [weight, name, fn, statuses that are not errors]
    [5, 'list orders', () => app('GET', `/api/v1/orders?per_page=20&page=${1 + Math.floor(Math.random() * 5)}`), [200]],
    [3, 'search orders', () => app('GET', `/api/v1/orders?q=${pick(words)}`), [200]],
    [2, 'filter orders', () => app('GET', `/api/v1/orders?status=${pick(['processing', 'shipping', 'completed', 'cancelled'])}&connection_id=${pick(conns).id}`), [200]],
    [3, 'order detail', () => app('GET', `/api/v1/orders/${pick(pool)}`), [200]],
    [2, 'stock', () => app('GET', `/api/v1/stock?warehouse_id=${wh.id}`), [200]],
    [1, 'ledger', () => app('GET', '/api/v1/stock-movements?per_page=50'), [200]],
    [1, 'overview', () => app('GET', '/api/v1/overview'), [200]],
    [1, 'products', () => app('GET', '/api/v1/products?per_page=50'), [200]],
    [1, 'channel skus', () => app('GET', '/api/v1/channel-skus?per_page=50'), [200]],
    [1, 'slips list', () => app('GET', '/api/v1/export-slips?per_page=50'), [200]],
    [1, 'sync jobs', () => app('GET', '/api/v1/sync-jobs?per_page=20'), [200]],
    [2, 'receipt', () => app('POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, note: 'soak', lines: [{ product_id: pick(products), quantity: 1 + Math.floor(Math.random() * 5) }] }), [201]],
    [3, 'slip create', async () => {
      const r = await app('POST', `/api/v1/orders/${pick(pool)}/export-slips`, { warehouse_id: wh.id });
      if (r.status === 201) slips.push(r.json.id);
      return r;
    }, [201, 409, 422]],
    [2, 'slip export', () => (slips.length ? app('POST', `/api/v1/export-slips/${pick(slips)}/export`) : null), [200, 409]],
    [1, 'slip cancel', () => (slips.length ? app('POST', `/api/v1/export-slips/${pick(slips)}/cancel`) : null), [200, 409]],
    [1, 'link', () => app('PUT', `/api/v1/channel-skus/${pick(skus).id}/link`, { product_id: pick(products) }), [200]],
    [1, 'push now', () => app('POST', `/api/v1/connections/${pick(conns).id}/push-stock`), [200, 202, 409]],
  ];
  const total = ops.reduce((n, o) => n + o[0], 0);
  const choose = () => { let r = Math.random() * total; for (const o of ops) { r -= o[0]; if (r < 0) return o; } return ops[0]; };

  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  const snaps = { start: snapshot('start') };
  let midTaken = false;
  let faultsOn = false;
  let nextLive = t0;
  let nextSync = t0 + 60000;
  let inFlight = 0;
  let done = 0;
  const lat = [];
  let lastReport = t0;
  const background = [];
  for (let tick = 0; Date.now() < end; tick++) {
    const now = Date.now();
    const phase = (now - t0) / (SECONDS * 1000);
    // Faults: on for the second fifth and the fourth fifth of the run.
    const wantFaults = (phase >= 0.2 && phase < 0.4) || (phase >= 0.6 && phase < 0.8);
    if (wantFaults !== faultsOn) {
      await ctl('POST', '/sandbox/faults', wantFaults ? FAULTS : {});
      faultsOn = wantFaults;
      log(`  ${((now - t0) / 1000).toFixed(0)} s: TikTok faults ${faultsOn ? `on ${JSON.stringify(FAULTS)}` : 'off'}`);
    }
    if (!midTaken && phase >= 0.5) { snaps.middle = snapshot('middle'); midTaken = true; }
    if (now >= nextLive) {         // the live sandbox: new orders and status moves, announced by webhooks
      nextLive = now + 15000;
      background.push(ctl('POST', '/sandbox/live/step').catch((e) => unexpected.push(`live step: ${e.message}`)));
      pool = orderIds();
    }
    if (now >= nextSync) {         // a merchant clicking Sync all now and then
      nextSync = now + 90000;
      background.push(app('POST', `/api/v1/connections/${pick(conns).id}/sync`).then((r) => { count('sync all', r.status); if (r.status !== 202) unexpected.push(`sync all ${r.status} ${r.text.slice(0, 200)}`); }));
    }
    const [, name, fn, ok] = choose();
    if (inFlight < 32) {
      inFlight++;
      const started = performance.now();
      Promise.resolve().then(fn).then((r) => {
        if (!r) return;
        count(name, r.status);
        lat.push(performance.now() - started);
        if (!ok.includes(r.status)) unexpected.push(`${name}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      }, (e) => unexpected.push(`${name}: ${e.message}`)).finally(() => { inFlight--; done++; });
    }
    if (now - lastReport >= 30000) {
      lastReport = now;
      log(`  ${((now - t0) / 1000).toFixed(0)} s: ${done} operations, ${unexpected.length} unexpected answers`);
    }
    const next = t0 + ((tick + 1) * 1000) / RATE;   // a steady rate, whatever the answers' speed
    if (next > Date.now()) await sleep(next - Date.now());
  }
  await until(() => inFlight === 0, 'the last operations', 60000);
  await Promise.all(background);
  await ctl('POST', '/sandbox/faults', {});
  snaps.end = snapshot('end');

  // ---- afterwards: errors ----
  log('');
  log(`operations: ${done} in ${((Date.now() - t0) / 1000).toFixed(0)} s (${(done / SECONDS).toFixed(1)}/s)`);
  lat.sort((a, b) => a - b);
  const q = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(0) : '-');
  log(`latency: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  log(`answers: ${Object.entries(stats).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  if (unexpected.length) fail(`${unexpected.length} unexpected answers, e.g. ${unexpected.slice(0, 5).join(' | ')}`);

  // The sync settles once the faults are off: every job of ours ends done (a failed one is an error unless
  // TikTok's injected faults caused it, which the retries should have absorbed).
  await until(() => Number(sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${ctx.merchantId} AND state IN ('queued', 'running') AND kind NOT IN ('poll_orders', 'shop_check')`)[0][0]) === 0, 'the queued sync jobs', 180000);
  const failedJobs = sql(`SELECT kind, error_code, COUNT(*) FROM sync_jobs WHERE merchant_id = ${ctx.merchantId} AND state = 'failed' GROUP BY kind, error_code`);
  log(`sync jobs failed: ${failedJobs.length ? failedJobs.map((r) => `${r[0]} ${r[1]} x${r[2]}`).join(', ') : 'none'}`);
  const faultCodes = new Set(['tiktok_unavailable', 'tiktok_throttled', 'tiktok_bad_response', 'tiktok_error', 'tiktok_timeout']);
  for (const [kind, code, n] of failedJobs) if (!faultCodes.has(code)) fail(`${n} ${kind} job(s) failed with ${code}`);
  const crashes = ['tts-api', 'tts-sync', 'tts-sandbox'].map((s) => [s, readFileSync(`${process.env.TTS_LOG_DIR}/${s}.log`, 'utf8').split('\n').filter((l) => /event=worker_exit|level=fatal/.test(l)).length]);
  for (const [s, n] of crashes) if (n) fail(`${s}: ${n} worker exit(s) in its log`);

  // ---- memory and descriptors ----
  log('memory (resident, MB) and open descriptors at start / middle / end:');
  for (const name of Object.keys(snaps.end)) {
    const [a, b, c] = ['start', 'middle', 'end'].map((k) => snaps[k][name]);
    if (!a || !b) { fail(`${name}: not present for the whole run (a worker was replaced)`); continue; }
    if (a.pid !== c.pid || b.pid !== c.pid) fail(`${name}: its pid changed (${a.pid} -> ${c.pid}): a worker was replaced`);
    const bound = b.rss + Math.max(RSS_SLACK_KB, b.rss * RSS_SLACK_RATIO);
    const flat = c.rss <= bound;
    const fdsOk = c.fds <= a.fds + FD_SLACK;
    log(`  ${name.padEnd(15)} ${(a.rss / 1024).toFixed(1).padStart(6)} ${(b.rss / 1024).toFixed(1).padStart(6)} ${(c.rss / 1024).toFixed(1).padStart(6)}` +
      `   fds ${a.fds} / ${b.fds} / ${c.fds}   ${flat && fdsOk ? 'flat' : 'GROWING'}`);
    if (!flat) fail(`${name}: resident memory grew from ${b.rss} kB (middle) to ${c.rss} kB (end), over the bound ${Math.round(bound)} kB`);
    if (!fdsOk) fail(`${name}: descriptors grew from ${a.fds} to ${c.fds}`);
  }

  // ---- data: orders exactly once vs the sandbox, stock invariants ----
  for (const c of conns) must(await app('POST', `/api/v1/connections/${c.id}/sync`), 202, 'final sync');
  await until(() => Number(sql(`SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ${ctx.merchantId} AND state IN ('queued', 'running') AND kind NOT IN ('poll_orders', 'shop_check')`)[0][0]) === 0, 'the final sync', 180000);
  // The sandbox's external ids are its row ids plus a fixed base per kind (backend/sandbox/sb.h).
  const shopIds = ctx.seller.shops.map((s) => (BigInt(s.id) - 7495540735365000000n).toString()).join(',');
  const sandboxOrders = new Set(sql(`SELECT CAST(576653688135000000 + id AS CHAR) FROM orders WHERE shop_id IN (${shopIds})`,
    process.env.TTS_SANDBOX_DB_NAME).map((r) => r[0]));
  const ours = sql(`SELECT external_id FROM orders WHERE merchant_id = ${ctx.merchantId}`).map((r) => r[0]);
  const dupes = ours.length - new Set(ours).size;
  const oursSet = new Set(ours);
  const missing = [...sandboxOrders].filter((id) => !oursSet.has(id)).length;
  const extra = ours.filter((id) => !sandboxOrders.has(id)).length;
  log(`orders: sandbox ${sandboxOrders.size}, app ${ours.length} (${dupes} twice, ${missing} missing, ${extra} unknown)`);
  if (dupes || missing || extra) fail('the app\'s orders differ from the sandbox\'s');
  const hooks = sql(`SELECT outcome, COUNT(*) FROM webhook_receipts WHERE shop_id IN (${ctx.seller.shops.map((x) => `'${x.id}'`).join(',')}) GROUP BY outcome`);
  log(`webhooks received: ${hooks.length ? hooks.map((r) => `${r[0]} ${r[1]}`).join(', ') : 'none'}`);
  if (!hooks.length) fail('no webhook of the live sandbox reached the app');
  const [[counted]] = sql(`SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE merchant_id = ${ctx.merchantId}`);
  if (Number(counted) !== ours.length) fail(`order_counts says ${counted}, the table holds ${ours.length}`);
  const stock = sql(`SELECT s.warehouse_id, s.product_id, s.on_hand, s.available, s.awaiting_export,
      COALESCE(SUM(l.d_on_hand), 0), COALESCE(SUM(l.d_available), 0), COALESCE(SUM(l.d_awaiting), 0)
    FROM stock s LEFT JOIN stock_movements l ON l.warehouse_id = s.warehouse_id AND l.product_id = s.product_id
    WHERE s.merchant_id = ${ctx.merchantId} GROUP BY s.warehouse_id, s.product_id`).map((r) => r.map(Number));
  let bad = 0;
  for (const [, , onHand, avail, awaiting, sOn, sAv, sAw] of stock) {
    if (onHand !== avail + awaiting || onHand < 0 || avail < 0 || awaiting < 0 || sOn !== onHand || sAv !== avail || sAw !== awaiting) bad++;
  }
  log(`stock: ${stock.length} rows, ${bad} breaking an invariant or its ledger sums; ${slips.length} slips made`);
  if (bad) fail(`${bad} stock rows break the invariants`);
  // Pushes: once the queue drains, TikTok holds each linked SKU's product's available quantity (buffer 0).
  const avail = new Map(stock.map((r) => [r[1], r[3]]));
  const pushItems = async () => (await Promise.all(conns.map(async (c) =>
    must(await app('GET', `/api/v1/connections/${c.id}/stock-push?per_page=200`), 200, 'stock push').items))).flat();
  await until(async () => (await pushItems()).every((it) => !it.pending), 'the stock pushes to drain', 120000);
  const tiktok = new Map();
  for (const shop of ctx.seller.shops) {
    for (const p of (await ctl('GET', `/sandbox/shops/${shop.id}/products`)).products) {
      for (const sk of p.skus) tiktok.set(sk.id, sk.inventory.reduce((n, i) => n + i.quantity, 0));
    }
  }
  const linkedNow = must(await app('GET', '/api/v1/channel-skus?per_page=200'), 200, 'channel skus').items.filter((x) => x.product);
  const wrong = linkedNow.filter((x) => tiktok.get(x.sku_id) !== avail.get(x.product.id));
  log(`stock on TikTok: ${linkedNow.length} linked SKUs, ${wrong.length} not equal to their product's available quantity`);
  if (wrong.length) fail(`TikTok's quantities differ for ${wrong.map((x) => `${x.sku_id} (${tiktok.get(x.sku_id)} vs ${avail.get(x.product.id)})`).join(', ')}`);
  const [[slipBad]] = sql(`SELECT COUNT(*) FROM export_slips e WHERE e.merchant_id = ${ctx.merchantId} AND
    (SELECT COUNT(*) FROM stock_movements s WHERE s.doc_id = e.id AND s.doc_type IN ('slip_export', 'slip_cancel'))
    <> IF(e.status = 'awaiting_export', 0, (SELECT COUNT(*) FROM export_slip_lines l WHERE l.slip_id = e.id))`);
  if (Number(slipBad)) fail(`${slipBad} slips whose ledger rows do not match their state`);

  log('');
  log(failures.length ? `SOAK FAILED: ${failures.length} problem(s)` : 'SOAK PASSED');
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.log(`SOAK FAILED: ${e.stack || e}`);
  process.exit(1);
});
