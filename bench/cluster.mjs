// `make cluster-bench`: capacity of the multi-host layout (make cluster) with one and two api pools and sync workers:
// the orders list through nginx's upstream (wrk, 32 connections) and the ingestion of two shops' backfills.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { app, ctl, must, connectShop } from './lib/app.mjs';
import { closeAgents } from './lib/http.mjs';
import { wrk } from './lib/wrk.mjs';
import { fmt, sleep } from './lib/stats.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const BASE_URL = process.env.BASE_URL;
const ORDERS_PER_SHOP = Number(process.env.TTS_BENCH_CLUSTER_ORDERS || 25000);
const SECONDS = Number(process.env.TTS_BENCH_READ_SECONDS || 10);
const log = (s) => console.log(s);
const cluster = (...args) => execFileSync('bash', [`${ROOT}scripts/cluster.sh`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });

async function merchant(tag) {
  const email = `${tag}-${Date.now()}@bench.test`;
  return must(await app('POST', '/api/v1/auth/register', {
    body: { merchant_name: `Bench ${tag}`, name: tag, email, password: 'bench-pass-1' },
  }), 201, 'register');
}

// A sandbox seller with `shops` shops, each with products and `orders` orders, connected to merchant m.
async function shopsWithOrders(m, shops, orders) {
  const seller = { email: `seller-${Date.now()}@bench.test`, password: 'bench-seller-1' };
  const made = must(await ctl('POST', '/sandbox/sellers', { seller_name: 'Bench', ...seller, region: 'VN', shops }), 201, 'seller');
  const conns = [];
  for (const shop of made.shops) {
    must(await ctl('POST', `/sandbox/shops/${shop.id}/products`, { count: 20, skus_per_product: 3 }), 201, 'products');
    for (let n = 0; n < orders; n += 1000) {
      must(await ctl('POST', `/sandbox/shops/${shop.id}/orders`, { count: Math.min(1000, orders - n), days_back: 59 }), 201, 'orders');
    }
    conns.push(await connectShop({ merchant: m, seller: { ...seller, ...made }, shop }));
  }
  return conns;
}

// Clicks Sync all on every connection at once; orders per second from the click to the last job done.
async function ingest(m, conns, orders) {
  const t0 = performance.now();
  const jobs = [];
  for (const c of conns) jobs.push(must(await app('POST', `/api/v1/connections/${c.id}/sync`, { token: m.token }), 202, 'sync').job.id);
  for (;;) {
    const states = await Promise.all(jobs.map(async (id) => must(await app('GET', `/api/v1/sync-jobs/${id}`, { token: m.token }), 200, 'job').state));
    if (states.every((s) => s === 'done')) break;
    if (states.some((s) => s === 'failed')) throw new Error('a backfill failed');
    await sleep(100);
  }
  return (orders * conns.length) / ((performance.now() - t0) / 1000);
}

async function listRate(m) {
  return wrk({ url: `${BASE_URL}/api/v1/orders?per_page=20`, token: m.token, connections: 32, seconds: SECONDS });
}

async function main() {
  log(`cluster bench: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const m1 = await merchant('two-workers');
  const m2 = await merchant('one-worker');
  const two = await shopsWithOrders(m1, 2, ORDERS_PER_SHOP);
  const one = await shopsWithOrders(m2, 2, ORDERS_PER_SHOP);

  log(`ingestion: two shops × ${ORDERS_PER_SHOP} orders`);
  const ingestTwo = await ingest(m1, two, ORDERS_PER_SHOP);
  log(`  two sync workers: ${fmt(ingestTwo)} orders/s`);
  cluster('stop', 'sync-2');
  const ingestOne = await ingest(m2, one, ORDERS_PER_SHOP);
  cluster('start', 'sync-2');
  log(`  one sync worker : ${fmt(ingestOne)} orders/s`);

  log(`orders list (newest first, per_page 20), 32 connections, ${SECONDS} s`);
  const listTwo = await listRate(m1);
  log(`  two api pools: ${fmt(listTwo.rps)} req/s, p50 ${fmt(listTwo.p50, 1)} ms, p99 ${fmt(listTwo.p99, 1)} ms, ${listTwo.errors} errors`);
  cluster('stop', 'api-2');
  const listOne = await listRate(m1);
  cluster('start', 'api-2');
  log(`  one api pool : ${fmt(listOne.rps)} req/s, p50 ${fmt(listOne.p50, 1)} ms, p99 ${fmt(listOne.p99, 1)} ms, ${listOne.errors} errors`);

  log('SUMMARY');
  log(`  ingestion (2 shops)   one sync worker ${fmt(ingestOne).padStart(6)} orders/s   two ${fmt(ingestTwo).padStart(6)} orders/s`);
  log(`  orders list           one api pool    ${fmt(listOne.rps).padStart(6)} req/s      two ${fmt(listTwo.rps).padStart(6)} req/s`);
  closeAgents();
}

main().catch((e) => {
  console.error(e);
  closeAgents();
  process.exit(1);
});
