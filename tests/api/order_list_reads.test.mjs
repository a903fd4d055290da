// The orders list's reads from the database: a page and its total are one statement beside the caller's check
// (counted in MariaDB's general log), with the same answers as paging the whole list; pages without rows, late pages
// and a single-word search counted with its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { newSeller, connectSeller, makeOrders, control } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { execFileSync } from 'node:child_process';
import { listOrders, allOrders } from './lib/orders.mjs';

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
const words = (s) => fold(s).split(/[^a-z0-9\u0080-\uffff]+/).filter(Boolean);
const fresh = { 'cache-control': 'no-cache' }; // past the api workers' read cache: the database every time

let m;
let all;
let conn;
let logWas;

const list = (query) => listOrders(m.token, query, { fresh: true });
const everything = (query = '') => allOrders(m.token, query, { fresh: true });

// The statements the api worker ran for one request: those of the database session that ran the page's statement,
// between the request's start and its answer. The caller's "last seen" touch (once a minute) is not counted.
async function statementsOf(query) {
  const [[t0]] = sql('SELECT NOW(6)');
  const json = await list(query);
  const [[t1]] = sql('SELECT NOW(6)');
  const within = `event_time BETWEEN '${t0}' AND '${t1}' AND command_type IN ('Execute', 'Query')`;
  const threads = sql(`SELECT DISTINCT thread_id FROM mysql.general_log WHERE ${within} AND argument LIKE '%AS k_id%'`);
  assert.equal(threads.length, 1, `${query}: one session ran the page`);
  const ran = sql(`SELECT argument FROM mysql.general_log WHERE ${within} AND thread_id = ${threads[0][0]}`)
    .map(([a]) => a).filter((a) => !/^UPDATE (users|api_tokens) SET last_/.test(a));
  return { json, ran };
}

before(async () => {
  m = await newMerchant('reads');
  const seller = await newSeller(1, 'reads');
  await control('POST', `/sandbox/shops/${seller.shops[0].id}/products`, { count: 2, skus_per_product: 2 });
  await makeOrders(seller.shops[0].id, { count: 45, days_back: 20 });
  [conn] = await connectSeller(api, m, seller);
  const sync = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(sync.status, 202, sync.text);
  await eventually(async () => (await api('GET', `/api/v1/sync-jobs/${sync.json.job.id}`, { token: m.token })).json.state === 'done',
    'Sync all to finish', { timeoutMs: 60000 });
  all = await everything();
  assert.equal(all.length, 45);
  [[logWas]] = sql('SELECT @@GLOBAL.log_output');
  sql("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1");
});

after(() => {
  sql(`SET GLOBAL general_log = 0; SET GLOBAL log_output = '${logWas}'; TRUNCATE mysql.general_log`);
});

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
// midnight in Vietnam (UTC+7) at or before ms: a bound on whole days, counted from order_days
const vnDay = (ms) => Math.floor((ms + 7 * 3600000) / 86400000) * 86400000 - 7 * 3600000;

test('a fresh page and its total are one statement beside the caller\'s check, with the answers of the whole list', async () => {
  const statuses = [...new Set(all.map((o) => o.status))];
  const status = statuses.sort((a, b) => all.filter((o) => o.status === b).length - all.filter((o) => o.status === a).length)[0];
  const newest = Date.parse(all[0].created_at);
  const from = vnDay(newest - 7 * 86400000);
  const to = vnDay(newest) + 86400000;
  const word = words(all[0].buyer_name).find((w) => w.length > 2) || words(all[0].buyer_name)[0];
  const cases = [
    ['per_page=10&page=1', all],
    ['per_page=10&page=3', all],
    ['per_page=10&page=2&sort=created_at', [...all].reverse()],
    [`per_page=5&page=1&status=${status}`, all.filter((o) => o.status === status)],
    [`per_page=5&page=1&connection_id=${conn.id}&channel=tiktok`, all],
    [`per_page=5&page=1&created_from=${iso(from)}&created_to=${iso(to)}`,
      all.filter((o) => Date.parse(o.created_at) >= from && Date.parse(o.created_at) < to)],
    [`per_page=5&page=1&created_from=${iso(newest - 3 * 3600000)}`, all.filter((o) => Date.parse(o.created_at) >= newest - 3 * 3600000)],
    [`per_page=5&page=1&q=${word}`, all.filter((o) => words(o.buyer_name).some((w) => w.startsWith(word)))],
    [`per_page=5&page=1&q=${word}&connection_id=${conn.id}`, all.filter((o) => words(o.buyer_name).some((w) => w.startsWith(word)))],
    [`per_page=5&page=1&q=${all[7].external_id}`, [all[7]]],
    ['per_page=5&page=2&has_export_slip=false', all],
  ];
  for (const [query, want] of cases) {
    const { json, ran } = await statementsOf(query);
    assert.equal(ran.length, 2, `${query}: ${ran.join('\n')}`);
    const per = Number(/per_page=(\d+)/.exec(query)[1]);
    const page = Number(/page=(\d+)/.exec(query.replace('per_page', ''))[1]);
    assert.deepEqual(json.items.map((o) => o.id), want.slice((page - 1) * per, page * per).map((o) => o.id), query);
    assert.deepEqual([json.total, json.total_is_estimate], [want.length, false], query);
    assert.equal(json.next_cursor !== null, page * per < want.length, query);
  }
  // a cursor's page: the same
  const first = await list('per_page=10&page=1');
  const { json, ran } = await statementsOf(`per_page=10&page=2&cursor=${encodeURIComponent(first.next_cursor)}`);
  assert.equal(ran.length, 2, ran.join('\n'));
  assert.ok(ran.some((a) => /o\.create_time >= (\?|\d+) AND \(o\.create_time < (\?|\d+) OR/.test(a)),
    `the cursor's page is read within a window: ${ran.join('\n')}`);
  assert.deepEqual(json.items.map((o) => o.id), all.slice(10, 20).map((o) => o.id));
  assert.equal(json.total, 45);
});

// One value as the server wrote it (no escaping: a statement's text, a JSON document).
const raw = (query) => execFileSync('mariadb', ['--socket', process.env.TTS_DB_SOCKET, '--user', 'root', '-N', '-B', '--raw',
  process.env.TTS_DB_NAME || 'tts', '-e', query], { encoding: 'utf8', maxBuffer: 16 << 20 }).replace(/\n$/, '');

// Each table of the statement whose name starts with one of `names`, with how often it was read (ANALYZE FORMAT=JSON).
function readsOf(statement, names) {
  const found = [];
  const walk = (o) => {
    if (!o || typeof o !== 'object') return;
    if (o.table && names.some((n) => o.table.table_name.startsWith(n))) found.push([o.table.table_name, o.table.r_loops]);
    for (const v of Object.values(o)) walk(v);
  };
  walk(JSON.parse(raw(`ANALYZE FORMAT=JSON ${statement}`)));
  return found;
}

// The statement with its values in place of its markers (the general log writes a statement's first execution with
// its markers, the later ones with their values).
function bind(statement, values) {
  if (!statement.includes('?')) return statement;
  let i = 0;
  const text = statement.replace(/\?/g, () => {
    const v = values[i++];
    return typeof v === 'number' || typeof v === 'bigint' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
  assert.equal(i, values.length, `${values.length} values for ${i} markers: ${statement}`);
  return text;
}

test('a short phone prefix is one statement beside the caller\'s check; typed digits that are an order\'s number find it too', async () => {
  const localOf = (x) => x.buyer_phone.replace(/\D/g, '').replace(/^84/, '').replace(/^0/, '');
  const prefix = localOf(all[3]).slice(0, 2);
  const phones = all.filter((o) => localOf(o).startsWith(prefix));
  for (const status of [null, all[3].status]) {
    const query = `per_page=50&page=1&q=0${prefix}${status ? `&status=${status}` : ''}`;
    const want = phones.filter((o) => !status || o.status === status);
    const { json, ran } = await statementsOf(query);
    assert.equal(ran.length, 2, `${query}: ${ran.join('\n')}`);
    assert.deepEqual([json.items.map((o) => o.id), json.total], [want.map((o) => o.id), want.length], query);
  }
  // an order numbered with the typed digits (a number TikTok never gives, set here by hand): the list plans again
  const other = all.find((o) => !localOf(o).startsWith(prefix));
  sql(`UPDATE orders SET external_id = '0${prefix}' WHERE id = ${other.id}`);
  try {
    const want = all.filter((o) => o === other || localOf(o).startsWith(prefix));
    const got = await list(`per_page=50&page=1&q=0${prefix}`);
    assert.deepEqual([got.items.map((o) => o.id), got.total], [want.map((o) => o.id), want.length]);
    const second = await list(`per_page=2&page=2&q=0${prefix}`);
    assert.deepEqual(second.items.map((o) => o.id), want.slice(2, 4).map((o) => o.id));
  } finally {
    sql(`UPDATE orders SET external_id = '${other.external_id}' WHERE id = ${other.id}`);
  }
});

test("the total's statements in the page's run once for the whole page, not once for each row", async () => {
  const common = words(all.map((o) => o.buyer_name).join(' ')).filter((w) => w.length > 1)
    .sort((a, b) => all.filter((o) => words(o.buyer_name).includes(b)).length - all.filter((o) => words(o.buyer_name).includes(a)).length)[0];
  const id = m.merchant.id;
  const end = 9223372036854775807n; // a name search without dates: its entries' whole range of times
  for (const [query, values, names] of [
    ['per_page=20&page=1', [id, id, 20, 0], ['order_counts']],
    ['per_page=20&page=2&has_export_slip=false', [id, id, id, 20, 20], ['order_counts', '<derived']],
    [`per_page=20&page=1&q=${common}`, [id, common, 0, end, 201, id, common, 0, end, id, 20, 0], ['order_words']],
  ]) {
    const [[t0]] = sql('SELECT NOW(6)');
    const json = await list(query);
    assert.ok(json.items.length > 1, query);
    const statement = raw(`SELECT argument FROM mysql.general_log WHERE event_time >= '${t0}' AND command_type = 'Execute' ` +
      "AND argument LIKE '%AS k_id%' ORDER BY event_time DESC LIMIT 1");
    const found = readsOf(bind(statement, values), names);
    assert.ok(found.length >= names.length, `${query}: ${JSON.stringify(found)}`);
    for (const [name, loops] of found) assert.ok(loops <= 1, `${query}: ${name} read ${loops} times`);
  }
});

test('a page without rows counts its total with a statement of its own; a late page reads the same rows', async () => {
  // past the end, and a search that finds nothing: no row brings the total, so it is counted alone
  for (const [query, total] of [['per_page=20&page=4', 45], ['per_page=20&page=1&q=999999999999999999', 0]]) {
    const { json, ran } = await statementsOf(query);
    assert.deepEqual([json.items.length, json.total, json.total_is_estimate, json.next_cursor], [0, total, false, null], query);
    assert.equal(ran.length, 3, `${query}: ${ran.join('\n')}`);
  }
  // a late page of a short list (read from its own end, with its total) and the cursors around it
  const late = await list('per_page=20&page=3');
  assert.deepEqual(late.items.map((o) => o.id), all.slice(40).map((o) => o.id));
  assert.deepEqual([late.total, late.next_cursor], [45, null]);
  const back = await list(`per_page=20&cursor=${encodeURIComponent(late.prev_cursor)}`);
  assert.deepEqual(back.items.map((o) => o.id), all.slice(20, 40).map((o) => o.id));
  const second = await list('per_page=30&page=2&sort=created_at');
  assert.deepEqual(second.items.map((o) => o.id), [...all].reverse().slice(30).map((o) => o.id));
  // deeper than the deepest page read by number: still from the other end, after its total
  const deep = await api('GET', '/api/v1/orders?per_page=1&page=10002', { token: m.token, headers: fresh });
  assert.equal(deep.status, 422, deep.text);
});

test("a single word's entries are counted in the page's statement: exact below the walk, the same with other filters", async () => {
  const counts = new Map();
  for (const o of all) for (const w of new Set(words(o.buyer_name).flatMap((x) => [x, x.slice(0, 2)]))) counts.set(w, (counts.get(w) || 0) + 1);
  const some = [...counts.keys()].filter((w) => w.length >= 2).slice(0, 6);
  assert.ok(some.length > 0);
  for (const w of some) {
    const want = all.filter((o) => words(o.buyer_name).some((x) => x.startsWith(w)));
    for (const extra of ['', `&connection_id=${conn.id}`, '&has_export_slip=false', '&sort=created_at']) {
      const got = await everything(`&q=${encodeURIComponent(w)}${extra}`);
      const order = extra === '&sort=created_at' ? [...want].reverse() : want;
      assert.deepEqual(got.map((o) => o.id), order.map((o) => o.id), `${w}${extra}`);
      const page = await list(`per_page=3&page=2&q=${encodeURIComponent(w)}${extra}`);
      assert.deepEqual([page.total, page.total_is_estimate], [want.length, false], `${w}${extra}`);
      assert.deepEqual(page.items.map((o) => o.id), order.slice(3, 6).map((o) => o.id), `${w}${extra}`);
    }
  }
});

test('a status over whole Vietnam days is counted from its days\' counters: exact, in the page\'s statement', async () => {
  const newest = Date.parse(all[0].created_at), oldest = Date.parse(all[all.length - 1].created_at);
  const ranges = [[vnDay(oldest) + 86400000, vnDay(newest)], [vnDay(newest - 5 * 86400000), 0], [0, vnDay(newest - 2 * 86400000)]];
  for (const status of new Set(all.map((o) => o.status))) {
    for (const [from, to] of ranges) {
      for (const shop of ['', `&connection_id=${conn.id}&channel=tiktok`]) {
        const query = `per_page=4&page=1&status=${status}${from ? `&created_from=${iso(from)}` : ''}${to ? `&created_to=${iso(to)}` : ''}${shop}`;
        const want = all.filter((o) => o.status === status && (!from || Date.parse(o.created_at) >= from) &&
          (!to || Date.parse(o.created_at) < to));
        const { json, ran } = await statementsOf(query);
        assert.deepEqual([json.total, json.total_is_estimate], [want.length, false], query);
        assert.deepEqual(json.items.map((o) => o.id), want.slice(0, 4).map((o) => o.id), query);
        assert.equal(ran.length, want.length > 0 ? 2 : 3, `${query}: ${ran.join('\n')}`);
        if (want.length > 0) assert.ok(ran.some((a) => a.includes('order_slip_days')), `${query}: counted from order_slip_days`);
      }
    }
  }
});

test('every item linked: nothing read while every order has an unlinked line; a few linked orders paged by their hours', async () => {
  assert.equal((await list('per_page=1&all_linked=false')).total, all.length, 'no SKU is linked yet');
  const [[t0]] = sql('SELECT NOW(6)');
  const none = await list('all_linked=true');
  const [[t1]] = sql('SELECT NOW(6)');
  assert.deepEqual([none.total, none.total_is_estimate, none.items], [0, false, []]);
  const [[pages]] = sql(`SELECT COUNT(*) FROM mysql.general_log WHERE event_time BETWEEN '${t0}' AND '${t1}'
    AND argument LIKE '%AS k_id%'`);
  assert.equal(Number(pages), 0, 'known from the counters: no page statement ran');

  // one SKU linked whose orders with it alone are a few of the merchant's (fewer than half)
  const lines = new Map(sql(`SELECT order_id, GROUP_CONCAT(sku_id) FROM order_lines WHERE merchant_id = ${m.merchant.id}
    GROUP BY order_id`).map(([id, skus]) => [Number(id), new Set(skus.split(','))]));
  const skus = (await api('GET', `/api/v1/channel-skus?connection_id=${conn.id}&per_page=100`, { token: m.token })).json.items;
  const only = (cs) => all.filter((o) => [...lines.get(o.id)].every((s) => s === cs.sku_id));
  const cs = skus.find((x) => only(x).length > 0 && only(x).length < all.length / 2);
  assert.ok(cs, 'a SKU that some orders have alone');
  const linked = await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, {
    token: m.token, body: { new_product: { name: 'Sản phẩm liên kết', sku: 'LR-1', unit: 'cái', price: '1000' } },
  });
  assert.equal(linked.status, 200, linked.text);
  const want = only(cs);
  assert.deepEqual((await everything('&all_linked=true')).map((o) => o.id), want.map((o) => o.id));
  const { json, ran } = await statementsOf('per_page=1&page=2&all_linked=true');
  assert.deepEqual([json.total, json.total_is_estimate], [want.length, false]);
  assert.deepEqual(json.items.map((o) => o.id), want.slice(1, 2).map((o) => o.id));
  assert.ok(ran.some((a) => a.includes('order_unlinked_hours')), `the hours with a linked order were read: ${ran.join('\n')}`);
});
