// The orders list's link filters ("every item linked", "some item unlinked") against the orders' own lines: synced
// orders, SKUs linked and unlinked again through the API, each filter's pages, totals and export the same as picking
// the orders by hand, order_unlinked's create times those of the orders, and "some item unlinked" read from
// order_unlinked alone (no order line or channel SKU read to filter or count).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';

const fresh = { 'cache-control': 'no-cache' }; // past the api workers' read cache
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const vnDay = (ms) => Math.floor((ms + 7 * 3600000) / 86400000) * 86400000 - 7 * 3600000; // midnight in Vietnam

let m;
let shop;
let conn;
let skus; // the shop's channel SKUs as the app knows them
let logWas;

async function call(method, path, body) {
  const res = await api(method, path, { token: m.token, body, headers: fresh });
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
  return res.json;
}
const list = (query) => call('GET', `/api/v1/orders?${query}`);

async function sync() {
  const job = (await call('POST', `/api/v1/connections/${conn.id}/sync`)).job;
  await eventually(async () => (await call('GET', `/api/v1/sync-jobs/${job.id}`)).state === 'done', 'the sync', { timeoutMs: 60000 });
}

// Every page of a query by cursor, `per` at a time (small: the cursors go deep).
async function walk(query, per = 7) {
  const items = [];
  let r = await list(`per_page=${per}${query}`);
  items.push(...r.items);
  while (r.next_cursor) {
    r = await list(`per_page=${per}${query}&cursor=${encodeURIComponent(r.next_cursor)}`);
    items.push(...r.items);
  }
  return items;
}

// The order numbers of the orders export under query (its first column), in its order.
async function exported(query) {
  const res = await fetch(`${process.env.BASE_URL}/api/v1/orders/export.xlsx?${query.slice(1)}`,
    { headers: { authorization: `Bearer ${m.token}` } });
  assert.equal(res.status, 200, query);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  const rows = [];
  wb.worksheets[0].eachRow((row) => rows.push(String(row.values[1])));
  return rows.slice(1);
}

// The truth: every order newest first, each with whether every line is linked, from the order's own lines.
async function truth() {
  const all = await walk('', 200);
  const full = await Promise.all(all.map((o) => call('GET', `/api/v1/orders/${o.id}`)));
  return all.map((o, i) => ({ ...o, linked: full[i].lines.length > 0 && full[i].lines.every((l) => l.product !== null) }));
}

// Each link filter with and without a status and dates, both sorts, by cursor and by a deep page: the orders picked
// by hand, in order, with their exact totals; the overview's tile the unlinked orders' count.
async function check(label) {
  const all = await truth();
  assert.ok(all.some((o) => o.linked) && all.some((o) => !o.linked), `${label}: both kinds of orders`);
  const statuses = [...new Set(all.map((o) => o.status))];
  const status = statuses.sort((a, b) => all.filter((o) => o.status === b).length - all.filter((o) => o.status === a).length)[0];
  const newest = Date.parse(all[0].created_at);
  const from = vnDay(newest - 8 * 86400000), to = vnDay(newest - 2 * 86400000);
  const hour = newest - 5 * 86400000 - 3 * 3600000; // not on a day's bound
  const at = (o) => Date.parse(o.created_at);
  const filters = [
    ['', () => true],
    [`&status=${status}`, (o) => o.status === status],
    [`&created_from=${iso(from)}&created_to=${iso(to)}`, (o) => at(o) >= from && at(o) < to],
    [`&created_from=${iso(hour)}`, (o) => at(o) >= hour],
    [`&status=${status}&created_from=${iso(from)}`, (o) => o.status === status && at(o) >= from],
    [`&connection_id=${conn.id}&channel=tiktok`, () => true],
    [`&status=${status}&has_export_slip=false`, (o) => o.status === status],
  ];
  for (const [filter, keep] of filters) {
    for (const linked of [true, false]) {
      const want = all.filter((o) => keep(o) && o.linked === linked);
      for (const sort of ['-created_at', 'created_at']) {
        const order = sort === 'created_at' ? [...want].reverse() : want;
        const query = `&all_linked=${linked}${filter}&sort=${sort}`;
        assert.deepEqual((await walk(query)).map((o) => o.id), order.map((o) => o.id), `${label}: ${query}`);
        const page = await list(`per_page=4&page=3${query}`);
        assert.deepEqual(page.items.map((o) => o.id), order.slice(8, 12).map((o) => o.id), `${label}: ${query} page 3`);
        assert.deepEqual([page.total, page.total_is_estimate], [want.length, false], `${label}: ${query} total`);
        assert.ok(page.items.every((o) => o.all_linked === linked), `${label}: ${query} rows' all_linked`);
        if (filter === '' || filter === `&status=${status}`) // the export: the same filter, read in batches
          assert.deepEqual(await exported(query), order.map((o) => o.external_id), `${label}: export ${query}`);
      }
    }
  }
  const tile = (await call('GET', '/api/v1/overview')).tiles.find((t) => t.code === 'orders_unlinked');
  assert.equal(tile.count, all.filter((o) => !o.linked).length, `${label}: the tile`);
  // order_unlinked: a row for each unlinked order exactly, with its order's create time
  const rows = sql(`SELECT u.order_id, u.create_time, o.create_time FROM order_unlinked u JOIN orders o ON o.id = u.order_id
    WHERE u.merchant_id = ${m.merchant.id} ORDER BY u.order_id`);
  assert.deepEqual(rows.map((r) => Number(r[0])), all.filter((o) => !o.linked).map((o) => o.id).sort((a, b) => a - b), `${label}: rows`);
  assert.deepEqual(rows.filter((r) => r[1] !== r[2]), [], `${label}: order_unlinked.create_time is the order's`);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM order_unlinked WHERE merchant_id = ${m.merchant.id}`)[0][0]), rows.length);
  return all;
}

const products = new Map(); // channel SKU id → the product made for it on its first link
async function link(cs, k) {
  const body = products.has(cs.id) ? { product_id: products.get(cs.id) }
    : { new_product: { name: `Sản phẩm ${k}`, sku: `LF-${k}`, unit: 'cái', price: '1000' } };
  const linked = await call('PUT', `/api/v1/channel-skus/${cs.id}/link`, body);
  products.set(cs.id, linked.product.id);
}
const unlink = async (cs) => {
  const res = await api('DELETE', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token });
  assert.equal(res.status, 204, res.text);
};

before(async () => {
  m = await newMerchant('links-filter');
  const seller = await newSeller(1, 'links-filter');
  shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 1 });
  await makeOrders(shop.id, { count: 60, days_back: 20 });
  [conn] = await connectSeller(api, m, seller);
  await sync();
  skus = (await call('GET', `/api/v1/channel-skus?connection_id=${conn.id}&per_page=100`)).items;
  assert.equal(skus.length, 4);
});

test('both link filters list and count the orders their lines say, as SKUs are linked, unlinked and orders arrive', async () => {
  // two SKUs linked: the orders with only those are every-item-linked
  await link(skus[0], 0);
  await link(skus[1], 1);
  await check('two SKUs linked');
  // new orders stored with linked and unlinked SKUs (the order store's rows)
  await makeOrders(shop.id, { count: 15, days_back: 3 });
  await sync();
  const stored = await check('orders stored after the links');
  // a SKU unlinked again: its orders' rows come back from the link trigger, with their create times
  await unlink(skus[0]);
  const back = await check('a SKU unlinked again');
  assert.ok(back.filter((o) => !o.linked).length > stored.filter((o) => !o.linked).length, 'more orders unlinked');
  // the third SKU linked and the first again: fewer rows, then every SKU
  await link(skus[2], 2);
  await link(skus[0], 0);
  await check('three SKUs linked');
  await unlink(skus[1]);
  await link(skus[3], 3);
  await check('the second unlinked, the fourth linked');
});

// One value as the server wrote it (a statement's text, a JSON document).
const raw = (query) => execFileSync('mariadb', ['--socket', process.env.TTS_DB_SOCKET, '--user', 'root', '-N', '-B', '--raw',
  process.env.TTS_DB_NAME || 'tts', '-e', query], { encoding: 'utf8', maxBuffer: 16 << 20 }).replace(/\n$/, '');

// The statement with its values in place of its markers (the general log may write a statement with its markers).
function bind(statement, values) {
  if (!statement.includes('?')) return statement;
  let i = 0;
  const text = statement.replace(/\?/g, () => {
    const v = values[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
  assert.equal(i, values.length, `${values.length} values for ${i} markers: ${statement}`);
  return text;
}

test('"some item unlinked" reads order_unlinked\'s key and the orders, never an order line or channel SKU to filter', async () => {
  const all = await truth();
  [[logWas]] = sql('SELECT @@GLOBAL.log_output');
  sql("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1");
  try {
    const status = all.find((o) => !o.linked).status;
    const id = m.merchant.id;
    // "every item linked" skips the hours without a linked order: its page reads from the end of the newest hour with
    // one, down to the start of the hour its fifth is in (when it has five)
    const hours = sql(`SELECT h.hour, h.n - COALESCE(u.n, 0) FROM (SELECT hour, SUM(n) AS n FROM order_status_hours
      WHERE merchant_id = ${id} GROUP BY hour HAVING n <> 0) h LEFT JOIN order_unlinked_hours u
      ON u.merchant_id = ${id} AND u.hour = h.hour ORDER BY h.hour DESC`)
      .map(([h, n]) => [Number(h), Number(n)]);
    const from = (hours.find(([, n]) => n > 0)[0] + 1) * 3600;
    let need = 5;
    const fifth = hours.find(([, n]) => (need -= n) <= 0);
    // each query with the values of its page's statement: the total's first (the counter; the capped count of the
    // status's unlinked orders; both counters), then the page's
    for (const [query, values] of [
      ['per_page=5&all_linked=false', [id, 'orders_unlinked', id, 5, 0]],
      [`per_page=5&all_linked=false&status=${status}`, [id, status, id, status, 5, 0]],
      ['per_page=5&all_linked=false&sort=created_at', [id, 'orders_unlinked', id, 5, 0]],
      ['per_page=5&all_linked=true', [id, id, id, ...(fifth ? [fifth[0] * 3600] : []), from, from, 0, 5, 0]],
    ]) {
      const [[t0]] = sql('SELECT NOW(6)');
      const json = await list(query);
      const [[t1]] = sql('SELECT NOW(6)');
      assert.ok(json.items.length > 0, query);
      const within = `event_time BETWEEN '${t0}' AND '${t1}' AND command_type IN ('Execute', 'Query')`;
      const threads = sql(`SELECT DISTINCT thread_id FROM mysql.general_log WHERE ${within} AND argument LIKE '%AS k_id%'`);
      assert.equal(threads.length, 1, `${query}: one session ran the page`);
      const ran = raw(`SELECT GROUP_CONCAT(argument SEPARATOR '\\n;;\\n') FROM mysql.general_log WHERE ${within} ` +
        `AND thread_id = ${threads[0][0]}`).split('\n;;\n');
      assert.ok(ran.some((a) => a.includes('order_unlinked')), `${query}: ${ran.join('\n')}`);
      for (const a of ran) {
        assert.ok(!a.includes('channel_skus'), `${query}: no channel SKU read: ${a}`);
        // the only lines read are the shown orders' product names (a column of the page)
        assert.ok((a.match(/order_lines/g) || []).length <= 1 && (!a.includes('order_lines') || a.includes('GROUP_CONCAT(ol.product_name')),
          `${query}: ${a}`);
      }
      // the page's statement as MariaDB runs it: the lines table once per shown order, for its names only
      const page = ran.find((a) => a.includes('AS k_id'));
      const found = [];
      const visit = (o) => {
        if (!o || typeof o !== 'object') return;
        if (o.table) found.push([o.table.table_name, o.table.r_loops, o.table.r_rows]);
        for (const v of Object.values(o)) visit(v);
      };
      visit(JSON.parse(raw(`ANALYZE FORMAT=JSON ${bind(page, values)}`)));
      for (const [, loops] of found.filter(([n]) => n === 'ol'))
        assert.ok(loops <= json.items.length, `${query}: ol read ${loops} times for ${json.items.length} rows`);
      if (query.includes('all_linked=false'))
        assert.ok(found.some(([n]) => n === 'u'), `${query}: read from order_unlinked: ${JSON.stringify(found)}`);
      else // the anti-join: one probe of order_unlinked's primary key for each order walked, at most every order
        assert.ok(found.some(([n, loops]) => n === 'ou' && loops >= json.items.length && loops <= all.length),
          `${query}: order_unlinked probed once an order: ${JSON.stringify(found)}`);
    }
  } finally {
    sql(`SET GLOBAL general_log = 0; SET GLOBAL log_output = '${logWas}'; TRUNCATE mysql.general_log`);
  }
});
