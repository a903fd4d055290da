// The stock push phase of `make bench`: from a stock change in the app (a receipt through the API)
// to the new quantity in the sandbox, over 300 changes; then a burst of 1,000 changes on 50 products until every
// SKU shows the right quantity, with the inventory update calls made beside the figures.
import { randomBytes } from 'node:crypto';
import { must, app, ctl, connectShop } from './lib/app.mjs';
import { summary, fmt, ms, sleep, logEvents } from './lib/stats.mjs';

const env = process.env;
const num = (name, def) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : def);
const CFG = {
  products: num('TTS_BENCH_PUSH_PRODUCTS', 50),   // TikTok products, 2 SKUs each, both fed by one app product
  changes: num('TTS_BENCH_PUSH_CHANGES', 300),    // latency: one receipt of +1 each
  rate: num('TTS_BENCH_PUSH_RATE', 10),           // latency changes per second
  burst: num('TTS_BENCH_PUSH_BURST', 1000),       // burst changes, as fast as 8 clients make them
  settleS: num('TTS_BENCH_PUSH_TIMEOUT', 120),
};
export const TARGET_PUSH_P99_MS = 2000;
const START = 1000;
const log = (...a) => console.log(...a);

async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// The sandbox's quantity per SKU id (summed over its warehouses).
async function sandboxQuantities(shopId) {
  const { products } = must(await ctl('GET', `/sandbox/shops/${shopId}/products`), 200, 'sandbox products');
  const out = new Map();
  for (const p of products) for (const s of p.skus) out.set(s.id, s.inventory.reduce((a, i) => a + i.quantity, 0));
  return out;
}

async function updates(shopId) {
  return must(await ctl('GET', `/sandbox/shops/${shopId}/inventory-updates?limit=5000`), 200, 'inventory updates').updates;
}

// Waits until every SKU of `want` (SKU id → quantity) shows its quantity; the time it took, or null at the deadline.
async function settle(shopId, want, t0) {
  const deadline = Date.now() + CFG.settleS * 1000;
  for (;;) {
    const have = await sandboxQuantities(shopId);
    if ([...want].every(([sku, q]) => have.get(sku) === q)) return Date.now() - t0;
    if (Date.now() > deadline) return null;
    await sleep(50);
  }
}

// Inventory update calls tts-sync made between two times (its debug log), and the most in any one second.
function calls(logDir, from, to) {
  const ev = logEvents(`${logDir}/tts-sync.log`, 'tiktok_call', from, to).filter((e) => /inventory\/update$/.test(e.path || ''));
  let peak = 0;
  for (let i = 0, j = 0; i < ev.length; i++) {
    while (ev[i].ts - ev[j].ts >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return { n: ev.length, peak };
}

async function setup() {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const merchant = must(await app('POST', '/api/v1/auth/register', {
    body: { merchant_name: 'Bench push', name: 'Bench', email: `push-${tag}@example.com`, password: `bench-${tag}` },
  }), 201, 'register');
  const seller = { email: `push-${tag}@seller.vn`, password: 'bench-seller-1' };
  Object.assign(seller, must(await ctl('POST', '/sandbox/sellers', { seller_name: 'Người bán đẩy tồn', email: seller.email,
    password: seller.password, region: 'VN', shops: 1 }), [200, 201], 'seller'));
  const shop = seller.shops[0];
  must(await ctl('POST', `/sandbox/shops/${shop.id}/products`, { count: CFG.products, skus_per_product: 2 }), [200, 201], 'products');
  const token = merchant.token;
  const conn = await connectShop({ merchant, seller, shop });
  const pull = must(await app('POST', `/api/v1/connections/${conn.id}/pull-products`, { token }), 202, 'pull').job;
  for (let i = 0; ; i++) {
    const j = must(await app('GET', `/api/v1/sync-jobs/${pull.id}`, { token }), 200, 'pull job');
    if (j.state === 'done') break;
    if (j.state === 'failed' || i > 1200) throw new Error(`the product pull did not finish: ${j.state}`);
    await sleep(100);
  }
  const skus = must(await app('GET', `/api/v1/channel-skus?per_page=200&connection_id=${conn.id}`, { token }), 200, 'skus').items;
  const byTt = new Map();
  for (const s of skus) byTt.set(s.product_id, [...(byTt.get(s.product_id) || []), s]);
  const wh = must(await app('GET', '/api/v1/warehouses', { token }), 200, 'warehouses').items[0];
  const products = [];
  let k = 0;
  for (const group of byTt.values()) {
    const p = must(await app('POST', '/api/v1/products', { token, body: { name: `Đẩy tồn ${k}`, sku: `PUSH-${tag}-${k++}`, unit: 'cái' } }), 201, 'product');
    for (const s of group) must(await app('PUT', `/api/v1/channel-skus/${s.id}/link`, { token, body: { product_id: p.id } }), 200, 'link');
    products.push({ id: p.id, skus: group.map((s) => s.sku_id), qty: START });
  }
  must(await app('POST', '/api/v1/stock-receipts', { token, body: { warehouse_id: wh.id, lines: products.map((p) => ({ product_id: p.id, quantity: START })) } }), 201, 'receipt');
  must(await app('PUT', `/api/v1/connections/${conn.id}/stock-settings`, { token, body: { enabled: true, warehouse_ids: [wh.id] } }), 200, 'settings');
  const t0 = Date.now();
  const first = await settle(shop.id, wantOf(products), t0);
  if (first === null) throw new Error('the first push did not reach the sandbox');
  log(`  set-up: ${products.length} products, ${skus.length} SKUs linked, push on; first push of all in ${fmt(first / 1000, 1)} s`);
  return { token, shop, wh, products };
}

function wantOf(products) {
  const want = new Map();
  for (const p of products) for (const s of p.skus) want.set(s, p.qty);
  return want;
}

const receive = (ctx, p, quantity) =>
  app('POST', '/api/v1/stock-receipts', { token: ctx.token, body: { warehouse_id: ctx.wh.id, lines: [{ product_id: p.id, quantity }] } });

// 300 changes at CFG.rate per second; each one's latency from the API call to the first update carrying its quantity.
async function latency(ctx, logDir) {
  const before = (await updates(ctx.shop.id)).length ? (await updates(ctx.shop.id)).at(-1).id : 0;
  const changes = [];
  const t0 = Date.now();
  for (let i = 0; i < CFG.changes; i++) {
    const due = t0 + (i * 1000) / CFG.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const p = ctx.products[i % ctx.products.length];
    const sent = Date.now();
    must(await receive(ctx, p, 1), 201, 'receipt');
    p.qty += 1;
    changes.push({ sku: p.skus[0], qty: p.qty, sent });
  }
  const settled = await settle(ctx.shop.id, wantOf(ctx.products), t0);
  const t1 = Date.now();
  const ups = (await updates(ctx.shop.id)).filter((u) => u.id > before);
  const lat = [];
  let missing = 0;
  for (const c of changes) {
    const u = ups.find((x) => x.sku_id === c.sku && x.quantity >= c.qty && x.received_at_ms >= c.sent - 5);
    if (u) lat.push(u.received_at_ms - c.sent);
    else missing++;
  }
  return { ...summary(lat), missing, settled, calls: calls(logDir, t0, t1), n: changes.length };
}

// 1,000 changes on the products from 8 clients at once, then until every SKU shows the right quantity.
async function burst(ctx, logDir) {
  const t0 = Date.now();
  const items = Array.from({ length: CFG.burst }, (_, i) => ctx.products[i % ctx.products.length]);
  let failed = 0;
  await pool(items, 8, async (p) => {
    const res = await receive(ctx, p, 1);
    if (res.status === 201) p.qty += 1;
    else failed++;
  });
  const madeMs = Date.now() - t0;
  const settled = await settle(ctx.shop.id, wantOf(ctx.products), t0);
  return { madeMs, settled, failed, calls: calls(logDir, t0, Date.now()), n: CFG.burst };
}

export async function pushPhase({ logDir }) {
  const ctx = await setup();
  log(`  latency: ${CFG.changes} changes at ${CFG.rate}/s (a receipt of +1 each, ${ctx.products.length} products in turn)`);
  const lat = await latency(ctx, logDir);
  log(`    change -> quantity in the sandbox: p50 ${ms(lat.p50)}, p95 ${ms(lat.p95)}, p99 ${ms(lat.p99)}, max ${ms(lat.max)}; ` +
    `${lat.missing} not found; inventory update calls ${lat.calls.n} (at most ${lat.calls.peak} in one second)`);
  log(`  burst: ${CFG.burst} changes on ${ctx.products.length} products from 8 clients`);
  const b = await burst(ctx, logDir);
  log(`    made in ${fmt(b.madeMs / 1000, 1)} s (${b.failed} refused); ${b.settled === null ? 'NOT settled' : `settled after ${fmt(b.settled / 1000, 1)} s`}; ` +
    `inventory update calls ${b.calls.n} for ${b.n} changes (at most ${b.calls.peak} in one second, the per-shop pacing allows 40)`);
  return { lat, burst: b };
}

export function pushSummary(r) {
  const okLat = r.lat.missing === 0 && r.lat.p99 <= TARGET_PUSH_P99_MS;
  const okBurst = r.burst.settled !== null && r.burst.failed === 0 && r.burst.calls.n * 4 <= r.burst.n;
  return [
    `  stock push latency        : p50 ${ms(r.lat.p50)}, p95 ${ms(r.lat.p95)}, p99 ${ms(r.lat.p99)}, max ${ms(r.lat.max)} ` +
      `(${r.lat.n - r.lat.missing}/${r.lat.n} seen, ${r.lat.calls.n} calls)   target p99 <= ${TARGET_PUSH_P99_MS} ms   ${okLat ? 'PASS' : 'FAIL'}`,
    `  stock push burst          : ${r.burst.n} changes settled ${r.burst.settled === null ? 'NEVER' : `in ${fmt(r.burst.settled / 1000, 1)} s`} ` +
      `with ${r.burst.calls.n} calls (peak ${r.burst.calls.peak}/s)   target calls <= changes/4, right quantities   ${okBurst ? 'PASS' : 'FAIL'}`,
  ];
}
