// Backups that restore (scripts/backup-test.sh runs it on two stacks of its own): a hot backup taken while orders sync
// and slips, receipts and images are made, restored into another stack, checked against the source at the backup's
// GTID; then the binary logs replayed up to a chosen second and the result compared with the source at that second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { api, newMerchant } from '../api/lib/client.mjs';
import { newSeller, connectSeller, makeOrders, control } from '../api/lib/tiktok.mjs';
import { eventually } from '../api/lib/db.mjs';

const ROOT = process.env.TTS_ROOT;
const stackOf = (tag) => {
  const [app, sandbox, db] = process.env[`BT_${tag}_PORTS`].split(' ');
  const v = process.env[`BT_${tag}_VAR`];
  return {
    v, url: `http://127.0.0.1:${app}`, socket: `${v}/run/mariadb.sock`, datadir: `${v}/mariadb`,
    env: { TTS_TEST_VAR: v, TTS_TEST_APP_PORT: app, TTS_TEST_SANDBOX_PORT: sandbox, TTS_TEST_DB_PORT: db },
  };
};
const SRC = stackOf('SRC');
const DST = stackOf('DST');
if (!ROOT || !SRC.v || !DST.v) throw new Error('run through scripts/backup-test.sh (make backup-test)');

// SQL on one stack's server; rows as arrays of strings.
function sqlOn(stack, query, db = 'tts') {
  const out = execFileSync('mariadb', ['--socket', stack.socket, '--user', 'root', '-N', '-B', db, '-e', query],
    { encoding: 'utf8', maxBuffer: 256 << 20 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
const seqOf = (gtid) => Number(String(gtid).split(',').find((g) => g.startsWith('0-')).split('-')[2]);
const gtidSeq = (stack) => seqOf(sqlOn(stack, 'SELECT @@gtid_binlog_pos')[0][0]);

// One of the repository's scripts in a stack's environment (TTS_TEST_VAR and its ports).
function script(stack, args, extraEnv = {}) {
  return new Promise((resolve) => {
    execFile('bash', args, { cwd: ROOT, env: { ...process.env, ...stack.env, ...extraEnv }, timeout: 300000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, out: stdout + stderr }));
  });
}

// An API call on a stack (the source through lib/client.mjs's BASE_URL, the restored stack by its URL).
async function on(stack, method, path, token, body, headers = {}) {
  if (stack === SRC) return api(method, path, { token, body, headers });
  const res = await fetch(stack.url + path, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}
async function ok(stack, method, path, token, body, headers) {
  const res = await on(stack, method, path, token, body, headers);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path} on ${stack.url}: ${res.status} ${res.text}`);
  return res.json;
}
// Every item of a paged list.
async function all(stack, path, token) {
  const items = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const got = await ok(stack, 'GET', `${path}${sep}per_page=200&page=${page}`, token);
    items.push(...got.items);
    if (got.items.length < 200) return items;
  }
}

// The tables that hold what a merchant sees: compared row for row (sync bookkeeping such as jobs, leases and cursors
// moves by itself between two reads, so it is not compared).
const TABLES = ['merchants', 'users', 'warehouses', 'products', 'orders', 'order_lines', 'order_status_history',
  'order_counts', 'stock', 'stock_movements', 'stock_receipts', 'stock_receipt_lines', 'export_slips',
  'export_slip_lines'];
function tableDigests(stack) {
  const out = {};
  for (const t of TABLES) {
    const rows = sqlOn(stack, `SELECT * FROM ${t} ORDER BY 1, 2`);
    out[t] = { rows: rows.length, sha: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  }
  return out;
}
// What the API serves each merchant: orders, stock, ledger, slips, products, and each product image's bytes.
async function served(stack, merchants) {
  const out = {};
  for (const m of merchants) {
    const products = await all(stack, '/api/v1/products', m.token);
    const images = {};
    for (const p of products.filter((x) => x.image_url && x.image_url.startsWith('/media/'))) {
      const res = await fetch(stack.url + p.image_url);
      assert.equal(res.status, 200, `${p.image_url} served by ${stack.url}`);
      images[p.image_url] = createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
    }
    out[m.email] = {
      orders: (await all(stack, '/api/v1/orders', m.token)).sort((a, b) => a.id - b.id),
      stock: await all(stack, '/api/v1/stock', m.token),
      ledger: await all(stack, '/api/v1/stock-movements', m.token),
      slips: await all(stack, '/api/v1/export-slips', m.token),
      products, images,
    };
  }
  return out;
}
// Stock equals its ledger on a stack (the invariant a torn copy would break first).
function checkLedger(stack) {
  const bad = sqlOn(stack, `SELECT COUNT(*) FROM stock s LEFT JOIN (SELECT warehouse_id, product_id, SUM(d_on_hand) o,
      SUM(d_available) a, SUM(d_awaiting) w FROM stock_movements GROUP BY warehouse_id, product_id) l
      ON l.warehouse_id = s.warehouse_id AND l.product_id = s.product_id
    WHERE s.on_hand <> COALESCE(l.o, 0) OR s.available <> COALESCE(l.a, 0) OR s.awaiting_export <> COALESCE(l.w, 0)
      OR s.on_hand <> s.available + s.awaiting_export`)[0][0];
  assert.equal(Number(bad), 0, `stock rows equal their ledger on ${stack.url}`);
}

const png = () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(512)]);
const utc = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A merchant with a connected shop (3 products × 2 SKUs), orders synced, every SKU linked, stock received.
async function shopSetup(tag) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const wh = (await ok(SRC, 'GET', '/api/v1/warehouses', m.token)).items[0];
  const ctx = { m, shop, conn, wh, made: 0, products: [], writes: [], slipless: [] };
  for (let i = 0; i < 3; i++) {
    const img = await ok(SRC, 'POST', '/api/v1/product-images', m.token, png(), { 'content-type': 'image/png' });
    ctx.products.push((await ok(SRC, 'POST', '/api/v1/products', m.token,
      { name: `Hàng ${tag} ${i}`, sku: `${tag}-${i}`, unit: 'cái', image_url: img.url })).id);
  }
  await ok(SRC, 'POST', '/api/v1/stock-receipts', m.token,
    { warehouse_id: wh.id, note: 'đầu kỳ', lines: ctx.products.map((id) => ({ product_id: id, quantity: 100000 })) });
  await newOrders(ctx, 8);
  await synced(ctx);
  const skus = await all(SRC, `/api/v1/channel-skus?connection_id=${conn.id}`, m.token);
  for (const [i, cs] of skus.entries()) {
    await ok(SRC, 'PUT', `/api/v1/channel-skus/${cs.id}/link`, m.token, { product_id: ctx.products[i % 3] });
  }
  return ctx;
}
async function newOrders(ctx, count) {
  await makeOrders(ctx.shop.id, { count, days_back: 1, status: 'AWAITING_SHIPMENT' });
  ctx.made += count;
  await ok(SRC, 'POST', `/api/v1/connections/${ctx.conn.id}/sync`, ctx.m.token);
}
// Waits until every order made on TikTok is in the app.
async function synced(ctx) {
  await eventually(async () => {
    const got = await ok(SRC, 'GET', '/api/v1/orders?per_page=1', ctx.m.token);
    return got.total === ctx.made;
  }, `${ctx.made} orders synced`, { timeoutMs: 60000 });
}
// A write through the API between two reads of the source's GTID: its transaction committed after the first
// and before the second, so a backup at GTID G holds it when after <= G and lacks it when before >= G.
async function bracketed(ctx, kind, fn) {
  const before = gtidSeq(SRC);
  const id = await fn();
  ctx.writes.push({ kind, id, before, after: gtidSeq(SRC) });
  return id;
}
// One round of traffic: new orders to sync, a receipt, a slip created and exported or cancelled, a product with an image.
async function round(ctx, n) {
  const { m, wh } = ctx;
  await newOrders(ctx, 2);
  await bracketed(ctx, 'receipt', async () => (await ok(SRC, 'POST', '/api/v1/stock-receipts', m.token,
    { warehouse_id: wh.id, note: `vòng ${n}`, lines: [{ product_id: ctx.products[n % 3], quantity: 5 + n }] })).id);
  if (!ctx.slipless.length) {
    const open = (await ok(SRC, 'GET', '/api/v1/orders?per_page=50', m.token)).items;
    ctx.slipless = open.filter((o) => !o.export_slip).map((o) => o.id);
  }
  const orderId = ctx.slipless.shift();
  if (orderId) {
    const res = await on(SRC, 'POST', `/api/v1/orders/${orderId}/export-slips`, m.token, { warehouse_id: wh.id });
    if (res.status === 201) {
      ctx.writes.push({ kind: 'slip', id: res.json.id, before: 0, after: gtidSeq(SRC) });
      const action = n % 2 ? 'export' : 'cancel';
      await bracketed(ctx, `slip_${action}`, async () => {
        await ok(SRC, 'POST', `/api/v1/export-slips/${res.json.id}/${action}`, m.token);
        return res.json.id;
      });
    } else {
      assert.ok([409, 422].includes(res.status), `slip: ${res.status} ${res.text}`);
    }
  }
  await bracketed(ctx, 'product', async () => {
    const img = await ok(SRC, 'POST', '/api/v1/product-images', m.token, png(), { 'content-type': 'image/png' });
    return (await ok(SRC, 'POST', '/api/v1/products', m.token,
      { name: `Mới ${n}`, sku: `N-${Date.now().toString(36)}-${n}`, unit: 'cái', image_url: img.url })).id;
  });
}

let contexts = [];   // both stacks are stopped by scripts/backup-test.sh

test('a hot backup under traffic restores into a new stack as the source was at its GTID, and the binary logs replay it to a chosen second', async () => {
  const t0 = Date.now();
  contexts = [await shopSetup('bka'), await shopSetup('bkb')];
  const merchants = contexts.map((c) => c.m);

  // traffic on both merchants while the backup runs
  let stop = false;
  let rounds = 0;
  const loops = contexts.map(async (ctx) => {
    for (let n = 0; !stop; n++) {
      await round(ctx, n);
      rounds++;
    }
  });
  await sleep(1500);
  const tBackup = Date.now();
  const backup = await script(SRC, ['scripts/backup.sh', 'test']);
  const backupMs = Date.now() - tBackup;
  assert.equal(backup.code, 0, backup.out);
  const roundsDuringBackup = rounds;
  await sleep(1500);
  stop = true;
  await Promise.all(loops);
  assert.ok(roundsDuringBackup > 0, 'traffic ran while the backup was taken');
  for (const ctx of contexts) await synced(ctx);

  const dir = `${SRC.v}/backups`;
  const from = `${dir}/${readdirSync(dir).filter((d) => /^\d{8}T\d{6}Z$/.test(d)).sort().pop()}`;
  const manifest = JSON.parse(readFileSync(`${from}/manifest.json`, 'utf8'));
  const G = seqOf(manifest.gtid);
  assert.ok(manifest.binlog_file && manifest.binlog_position > 0, 'the manifest has the binary log position');
  const writes = contexts.flatMap((c) => c.writes.map((w) => ({ ...w, m: c.m })));
  const inside = writes.filter((w) => w.after <= G);
  const outside = writes.filter((w) => w.before >= G);
  assert.ok(inside.length > 0 && outside.length > 0, `writes on both sides of the backup's GTID ${G}`);

  // The state at the chosen second T: the source after the traffic (nothing but sync bookkeeping writes any more).
  const expected = { tables: tableDigests(SRC), api: await served(SRC, merchants) };
  await sleep(1100);
  const T = utc(Date.now());          // events of second T and later are not replayed
  await sleep(1100);
  const later = await bracketed(contexts[0], 'after_T', async () => (await ok(SRC, 'POST', '/api/v1/stock-receipts',
    contexts[0].m.token, { warehouse_id: contexts[0].wh.id, note: 'sau T', lines: [{ product_id: contexts[0].products[0], quantity: 1 }] })).id);
  await newOrders(contexts[0], 3);
  await synced(contexts[0]);

  // 1. restore into the other stack: the source as it was at G
  const tRestore = Date.now();
  const restore = await script(DST, ['scripts/restore.sh', 'test', from]);
  const restoreMs = Date.now() - tRestore;
  assert.equal(restore.code, 0, restore.out);
  assert.equal(sqlOn(DST, 'SELECT @@gtid_binlog_pos')[0][0].split(',').some((g) => seqOf(g) >= G), true);
  for (const w of inside) {
    const table = { receipt: 'stock_receipts', slip: 'export_slips', slip_export: 'export_slips', slip_cancel: 'export_slips', product: 'products' }[w.kind];
    assert.equal(sqlOn(DST, `SELECT COUNT(*) FROM ${table} WHERE id = ${Number(w.id)}`)[0][0], '1', `${w.kind} ${w.id} (committed by GTID ${w.after} <= ${G}) is restored`);
    if (w.kind === 'slip_export' || w.kind === 'slip_cancel') {
      const want = w.kind === 'slip_export' ? 'exported' : 'cancelled';
      assert.equal((await ok(DST, 'GET', `/api/v1/export-slips/${w.id}`, w.m.token)).status, want);
    }
  }
  for (const w of outside) {
    if (w.kind === 'slip_export' || w.kind === 'slip_cancel') {
      const st = sqlOn(DST, `SELECT status FROM export_slips WHERE id = ${Number(w.id)}`).map((r) => r[0]);
      assert.ok(st.length === 0 || st[0] === 'awaiting_export', `slip ${w.id} changed after G is not (${st})`);
    } else if (w.kind !== 'after_T') {
      const table = { receipt: 'stock_receipts', product: 'products' }[w.kind];
      assert.equal(sqlOn(DST, `SELECT COUNT(*) FROM ${table} WHERE id = ${Number(w.id)}`)[0][0], '0', `${w.kind} ${w.id} (after GTID ${G}) is not restored`);
    }
  }
  checkLedger(DST);
  const atG = await served(DST, merchants);   // the same JWT key: the merchants' tokens work on the restored stack
  for (const m of merchants) {
    const s = atG[m.email];
    // the restored stack's sync worker goes on from there (orders made on TikTok before G but synced after it come in)
    const srcOrders = new Set(expected.api[m.email].orders.map((o) => o.external_id));
    assert.ok(s.orders.length > 0 && s.orders.every((o) => srcOrders.has(o.external_id)), 'restored orders are the source\'s');
    await eventually(async () => (await ok(DST, 'GET', '/api/v1/orders?per_page=1', m.token)).total ===
      Number(sqlOn(DST, `SELECT COUNT(*) FROM orders WHERE merchant_id = ${m.merchant.id}`)[0][0]), 'the orders list to count the table');
    assert.ok(Object.keys(s.images).length >= 3, 'product images are served by the restored stack');
    for (const [url, sha] of Object.entries(s.images)) {
      if (expected.api[m.email].images[url]) assert.equal(sha, expected.api[m.email].images[url], `${url} has the same bytes`);
    }
  }

  // 2. a restore while the target stack runs is refused and changes nothing
  const gtidBefore = sqlOn(DST, 'SELECT @@gtid_binlog_pos')[0][0];
  const refused = await script(DST, ['scripts/restore.sh', 'test', from]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.out, /is running: stop it first/);
  assert.equal((await fetch(`${DST.url}/api/v1/health`)).status, 200);
  assert.equal(sqlOn(DST, 'SELECT @@gtid_binlog_pos')[0][0], gtidBefore);

  // 3. point-in-time recovery: the backup, then the source's binary logs up to T, into the stopped stack
  assert.equal((await script(DST, ['scripts/stack.sh', 'test', 'down'])).code, 0);
  const tPitr = Date.now();
  const pitr = await script(DST, ['scripts/restore.sh', 'test', from, T], { TTS_RESTORE_BINLOG_DIR: SRC.datadir, TTS_RESTORE_MEDIA_DIR: `${SRC.v}/media` });
  const pitrMs = Date.now() - tPitr;
  assert.equal(pitr.code, 0, pitr.out);
  assert.match(pitr.out, /point-in-time recovery: replaying/);
  const got = tableDigests(DST);
  assert.deepEqual(got, expected.tables, `every compared table equals the source at ${T}`);
  checkLedger(DST);
  assert.deepEqual(await served(DST, merchants), expected.api, 'the API serves the same orders, stock, ledger, slips, products and images');
  assert.equal(sqlOn(DST, `SELECT COUNT(*) FROM stock_receipts WHERE id = ${Number(later)}`)[0][0], '0', 'a write after T is not replayed');

  console.log(`# backup ${backupMs} ms under ${roundsDuringBackup} rounds of traffic (manifest: ${JSON.stringify(manifest.seconds)}, ` +
    `db ${manifest.bytes.db} bytes); restore ${restoreMs} ms; restore + replay to T ${pitrMs} ms; ` +
    `${inside.length} writes before G, ${outside.length} after; whole test ${Date.now() - t0} ms`);
});
