// API test of Sync all's paging while the next page is fetched ahead of the store: a page fetch that fails mid-way
// leaves the job's cursor on the first page not stored, and the retry stores each remaining page once; a disconnect
// mid-way stores nothing more, and the Sync all after reconnecting stores every order once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { snapshot, assertExact } from './lib/order_sums.mjs';

const SEARCH = '/order/202309/orders/search';
const N = 1000; // ten pages of 100

async function setup(tag) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  await makeOrders(shop.id, { count: N, days_back: 50 });
  return { m, seller, shop, conn };
}

const stored = (conn) => Number(sql(`SELECT COUNT(*) FROM orders WHERE connection_id = ${Number(conn.id)}`)[0][0]);
const jobOf = async (m, id) => (await api('GET', `/api/v1/sync-jobs/${id}`, { token: m.token })).json;

async function startSync(m, conn) {
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  return res.json.job.id;
}

async function ended(m, id) {
  return eventually(async () => {
    const j = await jobOf(m, id);
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'the Sync all to end', { timeoutMs: 90000 });
}

test('a page fetch failing mid-backfill: the retry resumes at the first page not stored and stores each page once', async () => {
  const { m, conn } = await setup('ahead-fail');
  await control('POST', '/sandbox/faults', { latency_ms: 100 }); // the pages come slowly enough to fail one mid-way
  let jobId;
  try {
    jobId = await startSync(m, conn);
    await eventually(() => stored(conn) >= 300, 'three pages to be stored', { everyMs: 20 });
    // every search fails from now on (each call is tried four times by the client, then the job is retried later)
    await control('POST', '/sandbox/faults', { latency_ms: 100, fail_path: SEARCH, fail_count: 100000 });
    const failed = await eventually(async () => {
      const j = await jobOf(m, jobId);
      return j.error_code && j.state === 'queued' && j;
    }, 'the failed page to put the job back in the queue', { timeoutMs: 60000, everyMs: 50 });
    assert.equal(failed.error_code, 'tiktok_server_error');
    const atFailure = stored(conn);
    assert.ok(atFailure >= 300 && atFailure < N, `the backfill stopped mid-way (${atFailure} stored)`);
    assert.equal(atFailure % 100, 0, 'only whole pages were stored');
    const [[cursor, done]] = sql(`SELECT page_cursor, progress_done FROM sync_jobs WHERE id = ${Number(jobId)}`);
    assert.ok(cursor, 'the cursor names the first page not stored');
    assert.equal(Number(done), atFailure, 'the progress counts the pages stored');
    await control('POST', '/sandbox/faults', {});

    const job = await ended(m, jobId);
    assert.equal(job.state, 'done', job.error);
    assert.equal(job.error_code, null);
    // The progress is the orders of each page stored, committed with the cursor and counted on by the retry: N with
    // N orders stored means no page was stored twice (by the run that failed and the retry) and none was skipped.
    assert.equal(job.progress.done, N, 'each page was stored once');
    assert.equal(job.progress.total, N);
    const s = snapshot(conn.id);
    assertExact(s, N, 'after the resumed Sync all');
    assert.equal(s.history, N, 'one first status per order: no page was stored twice');
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
});

test('a disconnect mid-backfill stops it with the page fetched ahead unstored; Sync all after reconnecting stores every order once', async () => {
  const { m, seller, conn } = await setup('ahead-gone');
  await control('POST', '/sandbox/faults', { latency_ms: 100 });
  try {
    const jobId = await startSync(m, conn);
    await eventually(() => stored(conn) >= 200, 'two pages to be stored', { everyMs: 20 });
    const del = await api('DELETE', `/api/v1/connections/${conn.id}`, { token: m.token });
    assert.equal(del.status, 204, del.text);
    const atDisconnect = stored(conn);
    const job = await ended(m, jobId);
    assert.equal(job.state, 'failed');
    assert.equal(job.error_code, 'shop_disconnected');
    assert.equal(stored(conn), atDisconnect, 'no page was stored after the disconnect');
    assert.ok(atDisconnect < N && atDisconnect % 100 === 0, `whole pages, stopped mid-way (${atDisconnect})`);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const again = (await connectSeller(api, m, seller)).find((c) => c.id === conn.id);
  assert.ok(again, 'reconnecting the shop brings back the same connection');
  const job = await ended(m, await startSync(m, again));
  assert.equal(job.state, 'done', job.error);
  assert.equal(job.progress.done, N);
  const s = snapshot(conn.id);
  assertExact(s, N, 'after reconnecting');
  assert.equal(s.history, N, 'one first status per order, none doubled by the second run');
});
