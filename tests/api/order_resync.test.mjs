// API test of a Sync all run again over orders already stored: every derived row (per-status totals, the overview's
// days, the name-search words, lines, history) stays equal to a fresh count, and each page's progress commits with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually, sql } from './lib/db.mjs';
import { snapshot, assertExact } from './lib/order_sums.mjs';

async function syncAll(m, conn) {
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const job = await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${res.json.job.id}`, { token: m.token })).json;
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'Sync all to finish', { timeoutMs: 90000 });
  assert.equal(job.state, 'done', job.error);
  return job;
}

test('Sync all over stored orders: totals, days, words, lines and history stay exact; pages commit with their progress', async () => {
  const m = await newMerchant('resync');
  const seller = await newSeller(1, 'resync');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 4, skus_per_product: 2 });
  const [conn] = await connectSeller(api, m, seller);
  const made = await makeOrders(shop.id, { count: 260, days_back: 40 }); // three pages of 100
  const n = made.length;

  const first = await syncAll(m, conn);
  assert.equal(first.progress.done, n);
  assert.equal(first.progress.total, n);
  const [[cursor, done]] = sql(`SELECT page_cursor, progress_done FROM sync_jobs WHERE id = ${Number(first.id)}`);
  assert.equal(cursor, null, 'the last page leaves no cursor behind');
  assert.equal(Number(done), n);
  const a = snapshot(conn.id);
  assertExact(a, n, 'first Sync all');
  assert.ok(a.words > n && a.lines > 0 && a.history >= n, 'words, lines and history were written');

  // Nothing changed at TikTok: the second run rewrites nothing.
  await syncAll(m, conn);
  const b = snapshot(conn.id);
  assert.deepEqual(b, a, 'a second Sync all over unchanged orders changes no row');

  // Some orders change at TikTok; the third run (and the webhooks racing it) moves each one once.
  const moved = made.filter((o) => o.status !== 'CANCELLED').slice(0, 6);
  for (const o of moved) await control('POST', `/sandbox/orders/${o.id}/status`, { status: 'CANCELLED' });
  await syncAll(m, conn);
  const c = await eventually(() => {
    const s = snapshot(conn.id);
    return s.cancelled === a.cancelled + moved.length && s;
  }, 'the cancellations to be stored');
  assertExact(c, n, 'after the changes');
  assert.equal(c.history, a.history + moved.length, 'one history row per change, however many times it was read');
  assert.equal(c.lines, a.lines, 'the lines are replaced, not added to');
  assert.equal(c.words, a.words, 'the name words are kept once');
  assert.equal(c.items, a.items);

  await syncAll(m, conn);
  assert.deepEqual(snapshot(conn.id), c, 'and once more: nothing moves');
});
