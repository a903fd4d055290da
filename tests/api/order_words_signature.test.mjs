// The name signature of order_words (sql/0035) and its pairs of word beginnings (sql/0047): multi-word name searches,
// with and without status, shop and dates, list exactly the orders whose names match after names change through a
// sync, and the migrations' backfills give every row the signature and every order the pairs the order store writes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { listOrders, allOrders } from './lib/orders.mjs';

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
const words = (s) => fold(s).split(/[^a-z0-9\u0080-\uffff]+/).filter(Boolean);
const matches = (name, q) => words(q).every((w) => words(name).some((n) => n.startsWith(w)));
const sandboxDb = process.env.TTS_SANDBOX_DB_NAME || 'tts_sandbox';
const SANDBOX_ORDER_BASE = 576653688135000000n; // the sandbox's order ids: this plus its row's id
const migration = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../sql/0035_order_words_signature.sql'), 'utf8');
// The migration's backfill statement as it stands in the file (one UPDATE of order_words).
const backfill = migration.match(/^UPDATE order_words w[\s\S]*?;/m)[0].replace(/;$/, '');

let m;
let conns;
let all;
// Read past the read cache: some checks change rows under the API.
const fresh = { 'cache-control': 'no-cache' };

const list = (query) => listOrders(m.token, query, { fresh: true });
const everything = (query = '') => allOrders(m.token, query, { fresh: true });

before(async () => {
  m = await newMerchant('namesig');
  const seller = await newSeller(2, 'namesig');
  for (const shop of seller.shops) {
    await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 2, skus_per_product: 1 });
    await makeOrders(shop.id, { count: 30, days_back: 20, status: 'AWAITING_SHIPMENT' });
    await makeOrders(shop.id, { count: 15, days_back: 20, status: 'DELIVERED' });
  }
  conns = await connectSeller(api, m, seller);
  for (const c of conns) {
    const sync = await api('POST', `/api/v1/connections/${c.id}/sync`, { token: m.token });
    assert.equal(sync.status, 202, sync.text);
    await eventually(async () => {
      const j = (await api('GET', `/api/v1/sync-jobs/${sync.json.job.id}`, { token: m.token })).json;
      return j.state === 'done';
    }, 'Sync all to finish', { timeoutMs: 60000 });
  }
  all = await everything();
  assert.equal(all.length, 90);
});

// Every multi-word query of these names' words, alone and with each filter, against the brute-force matches.
async function checkSearches(queries) {
  const t0 = Date.parse(all[all.length - 1].created_at), t1 = Date.parse(all[0].created_at);
  const mid = new Date((t0 + t1) / 2).toISOString().replace(/\.\d+Z$/, 'Z');
  const statuses = [...new Set(all.map((o) => o.status))];
  const filters = [
    ['', () => true],
    ...statuses.map((s) => [`&status=${s}`, (o) => o.status === s]),
    [`&connection_id=${conns[0].id}`, (o) => o.connection_id === conns[0].id],
    [`&created_from=${mid}`, (o) => Date.parse(o.created_at) >= Date.parse(mid)],
    [`&created_to=${mid}&status=${statuses[0]}&connection_id=${conns[1].id}`,
      (o) => Date.parse(o.created_at) < Date.parse(mid) && o.status === statuses[0] && o.connection_id === conns[1].id],
  ];
  let found = 0;
  for (const q of queries)
    for (const [f, keep] of filters) {
      const query = `&q=${encodeURIComponent(q)}${f}`;
      const want = all.filter((o) => keep(o) && matches(o.buyer_name, q)).map((o) => o.id);
      const first = await list(`per_page=5${query}`);
      assert.deepEqual(first.items.map((o) => o.id), want.slice(0, 5), `${query}: first page`);
      assert.equal(first.total, want.length, `${query}: total`);
      assert.deepEqual((await everything(query)).map((o) => o.id), want, `${query}: every page`);
      found += want.length;
    }
  return found;
}

test('multi-word name searches list exactly the matching orders after buyer names change through a sync', async () => {
  const renamed = [
    [all[3], 'Quách Văn An'], [all[10], 'Nguyễn Thị Zuyên'], [all[20], 'Zuyên Văn Nguyễn'], [all[47], 'Lê Văn Lê Quách'],
  ];
  const before = new Map(renamed.map(([o]) => [o.id, o.buyer_name]));
  for (const [o, name] of renamed) {
    const row = BigInt(o.external_id) - SANDBOX_ORDER_BASE;
    sql(`UPDATE ${sandboxDb}.orders SET recipient_name = '${name}' WHERE id = ${row}`); // the buyer edits the address
    await control('POST', `/sandbox/orders/${o.external_id}/status`, { status: 'CANCELLED' }); // its notice brings it
  }
  for (const [o, name] of renamed)
    await eventually(async () => {
      const d = (await api('GET', `/api/v1/orders/${o.id}`, { token: m.token, headers: fresh })).json;
      return d.buyer_name === name;
    }, `${o.external_id}'s new name to arrive`);
  all = await everything();
  for (const [o, name] of renamed) assert.equal(all.find((x) => x.id === o.id).buyer_name, name);

  // words of one beginning ("nguyen ngo": one word of a name may have both), a pair that says two whole words
  // ("va an"), a word named twice
  const queries = ['quach van', 'van an', 'nguyen zuy', 'zuyen nguyen van', 'le quach', 'qu va an', 'nguyen van',
    'nguyen ngu', 'va an', 'le le', 'le van le'];
  for (const [, was] of before) queries.push(words(was).join(' '), words(was).reverse().slice(0, 2).join(' '));
  const found = await checkSearches(queries); // the old names too: a renamed order no longer matches them
  assert.ok(found > 20, `${found} matches checked`);
});

test("the migrations' backfills give every row the signature and every order the pairs the order store wrote", async () => {
  const mine = `merchant_id = ${m.merchant.id}`;
  const rows = () => sql(`SELECT word, create_time, order_id, sig FROM order_words WHERE ${mine} ORDER BY word, create_time, order_id`);
  const written = rows();
  assert.ok(written.length > 200, `${written.length} rows`);
  // the same signature on every row of an order, and it holds bits
  assert.deepEqual(sql(`SELECT COUNT(*) FROM (SELECT order_id FROM order_words WHERE ${mine} GROUP BY order_id `
    + 'HAVING COUNT(DISTINCT sig) > 1 OR MIN(sig) = 0) t'), [['0']]);

  const q = 'van an';
  const want = all.filter((o) => matches(o.buyer_name, q)).map((o) => o.id);
  assert.ok(want.length > 0);
  sql(`UPDATE order_words SET sig = 0 WHERE ${mine}`);
  // no signature: every entry of the lead is skipped before its words are looked up; one word reads no signature
  assert.deepEqual((await everything(`&q=${encodeURIComponent(q)}`)).map((o) => o.id), []);
  assert.deepEqual((await everything('&q=van')).map((o) => o.id), all.filter((o) => matches(o.buyer_name, 'van')).map((o) => o.id));

  // the orders as sql/0035 found them, without pairs: the signatures back, then sql/0047's pairs
  const pairs = `${mine} AND word LIKE '% %'`;
  assert.ok(Number(sql(`SELECT COUNT(*) FROM order_words WHERE ${pairs}`)[0][0]) >= all.length);
  sql(`DELETE FROM order_words WHERE ${pairs}`);
  sql(`${backfill} WHERE w.${mine}`);
  assert.deepEqual(rows(), written.filter(([word]) => !word.includes(' ')));
  sql('CALL tts_order_word_pairs_fill()');
  assert.deepEqual(rows(), written);
  assert.deepEqual((await everything(`&q=${encodeURIComponent(q)}`)).map((o) => o.id), want);
});
