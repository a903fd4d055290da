// A flaky TikTok: with the sandbox answering 30% errors, throttling, added latency and malformed pages, a Sync all,
// a product pull and a burst of stock pushes each end complete and correct; every failure the sync log, the shop
// or a SKU shows is a code the SPA words in Vietnamese and English; no process of the stack crashed or was replaced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vi from '../../frontend/src/i18n/vi.js';
import en from '../../frontend/src/i18n/en.js';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { call, newProduct } from './lib/stock.mjs';

const FLAKY = { error_rate: 0.3, throttle_rate: 0.1, latency_ms: 20, malformed_rate: 0.1 };

// The stack's processes (pid files of scripts/services.sh) and the api prefork parent's workers.
function processes() {
  const dir = process.env.TTS_RUN_DIR;
  assert.ok(dir, 'TTS_RUN_DIR is set by the test stack');
  const pid = (name) => Number(readFileSync(`${dir}/${name}.pid`, 'utf8').trim());
  const api = pid('tts-api');
  return {
    sync: pid('tts-sync'),
    sandbox: pid('tts-sandbox'),
    api,
    apiWorkers: readFileSync(`/proc/${api}/task/${api}/children`, 'utf8').trim().split(/\s+/).map(Number).sort(),
  };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let m;
let shop;
let conn;
let made;
let procs;
let skus;
// Every failure code seen anywhere the merchant looks: the sync log, the shop, the SKUs' push state.
const codes = new Map();
const see = (code, where) => { if (code) codes.set(code, where); };

async function watch() {
  for (const j of (await call(m, 'GET', `/api/v1/sync-jobs?connection_id=${conn.id}&per_page=200`)).items) see(j.error_code, `job ${j.id} (${j.kind})`);
  const c = (await call(m, 'GET', '/api/v1/connections')).items.find((x) => x.id === conn.id);
  see(c.last_error_code, 'the shop');
  for (const s of (await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?per_page=200`)).items) see(s.error_code, `SKU ${s.sku_id}`);
}

async function finished(jobId, what) {
  return eventually(async () => {
    await watch();
    const j = await call(m, 'GET', `/api/v1/sync-jobs/${jobId}`);
    return (j.state === 'done' || j.state === 'failed') && j;
  }, what, { timeoutMs: 150000, everyMs: 250 });
}

before(async () => {
  m = await newMerchant('flaky');
  const seller = await newSeller(1, 'flaky');
  shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  made = await makeOrders(shop.id, { count: 250, days_back: 30 });
  [conn] = await connectSeller(api, m, seller);
  procs = processes();
  await control('POST', '/sandbox/faults', FLAKY);
});

after(async () => {
  await control('POST', '/sandbox/faults', {});
});

test('Sync all against a flaky TikTok stores every order exactly once with its status', async () => {
  const sync = await call(m, 'POST', `/api/v1/connections/${conn.id}/sync`, undefined, 202);
  const job = await finished(sync.job.id, 'Sync all under faults');
  assert.equal(job.state, 'done', `Sync all ended ${job.state}: ${job.error_code} ${job.error}`);
  const stored = sql(`SELECT external_id, channel_status FROM orders WHERE connection_id = ${conn.id}`);
  assert.equal(stored.length, made.length, 'every order stored once');
  assert.deepEqual(new Map(stored), new Map(made.map((o) => [o.id, o.status])), "each order with TikTok's status");
  assert.equal((await call(m, 'GET', `/api/v1/orders?connection_id=${conn.id}`)).total, made.length, 'the list counts each once');
});

test('a product pull against a flaky TikTok brings every SKU of the shop', async () => {
  const pull = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  const job = await finished(pull.job.id, 'the product pull under faults');
  assert.equal(job.state, 'done', `the pull ended ${job.state}: ${job.error_code}`);
  const onTikTok = (await control('GET', `/sandbox/shops/${shop.id}/products`)).products.flatMap((p) => p.skus.map((s) => s.id)).sort();
  skus = (await call(m, 'GET', `/api/v1/channel-skus?connection_id=${conn.id}&per_page=200`)).items;
  assert.deepEqual(skus.map((s) => s.sku_id).sort(), onTikTok);
});

test('unreadable answers show in the sync log while they last; the job then ends done', async () => {
  await control('POST', '/sandbox/faults', { malformed_rate: 1 });
  const again = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  try {
    await eventually(async () => {
      const j = (await call(m, 'GET', `/api/v1/sync-jobs?connection_id=${conn.id}`)).items.find((x) => x.id === again.job.id);
      see(j.error_code, `job ${j.id} (${j.kind})`);
      return j.error_code === 'tiktok_malformed' && typeof j.error === 'string' && j.state === 'queued';
    }, 'the sync log to show the unreadable answers, the job waiting to retry', { timeoutMs: 60000 });
  } finally {
    await control('POST', '/sandbox/faults', FLAKY);
  }
  const job = await finished(again.job.id, 'the pull after the outage');
  assert.equal(job.state, 'done');
  assert.equal(job.error_code, null, 'a job that ended done shows no error');
});

test('a burst of stock changes against a flaky TikTok ends with each SKU at its available stock', async () => {
  const wh = (await call(m, 'GET', '/api/v1/warehouses')).items[0];
  const products = [await newProduct(m, 'Chập chờn'), await newProduct(m, 'Chập chờn')];
  for (const [i, s] of skus.entries()) await call(m, 'PUT', `/api/v1/channel-skus/${s.id}/link`, { product_id: products[i % 2] });
  await call(m, 'PUT', `/api/v1/connections/${conn.id}/stock-settings`, { enabled: true, warehouse_ids: [wh.id], buffer: 0 });
  await Promise.all(Array.from({ length: 30 }, (_, i) =>
    call(m, 'POST', '/api/v1/stock-receipts', { warehouse_id: wh.id, lines: [{ product_id: products[i % 2], quantity: 1 + i }] })));
  const want = {};
  for (const [i, s] of skus.entries()) want[s.sku_id] = Array.from({ length: 30 }, (_, k) => k).filter((k) => k % 2 === i % 2).reduce((n, k) => n + 1 + k, 0);
  // TikTok may show the last quantity before the worker has recorded that push (or while a later change of the
  // same quantity waits for its own push): wait for both.
  let last;
  let unsettled;
  await eventually(async () => {
    await watch();
    last = {};
    for (const p of (await control('GET', `/sandbox/shops/${shop.id}/products`)).products) {
      for (const s of p.skus) if (s.id in want) last[s.id] = s.inventory.reduce((n, x) => n + x.quantity, 0);
    }
    const state = await call(m, 'GET', `/api/v1/connections/${conn.id}/stock-push?per_page=200`);
    unsettled = state.items.filter((s) => s.pending || s.error_code);
    return JSON.stringify(last) === JSON.stringify(Object.fromEntries(Object.keys(last).map((k) => [k, want[k]])))
      && Object.keys(last).length === Object.keys(want).length && unsettled.length === 0;
  }, 'the pushes to reach TikTok and be recorded', { timeoutMs: 90000, everyMs: 250 }).catch((e) => {
    assert.deepEqual(last, want, e.message);
    assert.deepEqual(unsettled, [], 'every SKU pushed, none left failing');
  });
});

test('every failure shown in the sync log, on the shop or on a SKU is worded in Vietnamese and English', () => {
  assert.ok(codes.has('tiktok_malformed'), 'the faults showed in the sync log');
  for (const [code, where] of codes) {
    assert.ok(vi.ecommerce.reasons[code], `${where}: "${code}" has no Vietnamese words (ecommerce.reasons)`);
    assert.ok(en.ecommerce.reasons[code], `${where}: "${code}" has no English words (ecommerce.reasons)`);
  }
});

test('no process crashed under the faults: the same sync worker, sandbox, api parent and api workers, all alive', () => {
  const now = processes();
  assert.deepEqual(now, procs, 'the stack runs the same processes as before the faults');
  for (const pid of [now.sync, now.sandbox, now.api, ...now.apiWorkers]) assert.ok(alive(pid), `process ${pid} is alive`);
});
