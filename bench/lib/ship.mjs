// Bench phase `ship`: shipping from the app for one shop's morning. 500 orders awaiting shipment are arranged in one
// bulk run (TikTok's batch ship, paced per shop); the sync worker then keeps every label (one shipping-document call
// per package, within the shop's pacing of 40 calls a second); then 200 stored labels are printed as one PDF.
import { must } from './app.mjs';
import { sleep, fmt } from './stats.mjs';

export const TARGET_MERGE_S = 3;       // one merged PDF of 200 stored labels
export const PACED_CALLS_PER_S = 40;   // the client's pacing per shop (tiktok/client.c), under TikTok's 50

async function waitFor(probe, what, timeoutS) {
  const deadline = performance.now() + timeoutS * 1000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function runOf(app, token, started) {
  const id = started.batch.id;
  return waitFor(async () => {
    const b = must(await app('GET', `/api/v1/fulfillment-batches/${id}`, { token }), 200, 'bulk run');
    return b.state === 'done' && b;
  }, `bulk run ${id}`, 600);
}

export async function shipBench({ app, ctl, token, shop, conn, log, orders = 500, print = 200 }) {
  must(await ctl('POST', `/sandbox/shops/${shop.id}/orders`, { count: orders, days_back: 0, status: 'AWAITING_SHIPMENT', shipping_type: 'TIKTOK' }), [200, 201], 'orders');
  await sleep(1100); // Sync all reads up to the second of its click: orders made in that second come with the next
  const sync = must(await app('POST', `/api/v1/connections/${conn.id}/sync`, { token }), 202, 'Sync all').job;
  await waitFor(async () => must(await app('GET', `/api/v1/sync-jobs/${sync.id}`, { token }), 200, 'sync job').state === 'done', 'Sync all', 300);
  const ids = [];
  for (let page = 1; ids.length < orders; page++) {
    const l = must(await app('GET', `/api/v1/orders?connection_id=${conn.id}&shipping=to_arrange&per_page=200&page=${page}`, { token }), 200, 'orders');
    ids.push(...l.items.map((o) => o.id));
    if (l.items.length < 200) break;
  }
  log(`  ${ids.length} orders awaiting shipment synced (not measured)`);

  const t0 = performance.now();
  const arranged = await runOf(app, token, must(await app('POST', '/api/v1/fulfillment/arrange', { token, body: { order_ids: ids.slice(0, orders), handover_method: 'DROP_OFF' } }), 202, 'arrange'));
  const arrangeS = (performance.now() - t0) / 1000;
  log(`  arranged: ${arranged.counts.done} done, ${arranged.counts.failed} refused in ${fmt(arrangeS, 2)} s`);

  // every label kept by the sync worker: the fetch_labels job of the shop done, none left to fetch
  const t1 = performance.now();
  await waitFor(async () => {
    // the job queued when the run ended works until no label is due, so once done every label is kept; the sync log
    // lists it behind the order_fetch jobs of the 500 status webhooks, newest first
    for (let page = 1; page <= 10; page++) {
      const jobs = must(await app('GET', `/api/v1/sync-jobs?connection_id=${conn.id}&per_page=200&page=${page}`, { token }), 200, 'sync jobs').items;
      const fetch = jobs.find((j) => j.kind === 'fetch_labels');
      if (fetch) return fetch.state === 'done';
      if (jobs.length < 200) return false;
    }
    return false;
  }, 'every label kept', 600);
  const labelsS = (performance.now() - t1) / 1000;
  const calls = must(await ctl('GET', `/sandbox/shops/${shop.id}/calls`), 200, 'shop calls');
  const docs = (calls.paths || []).find((p) => p.path.includes('shipping_documents')) || { calls: 0, max_per_second: 0, throttled: 0 };
  log(`  labels kept: ${docs.calls} document calls in ${fmt(labelsS, 1)} s, busiest second ${docs.max_per_second} calls, ${calls.throttled} throttled`);

  const t2 = performance.now();
  const printed = await runOf(app, token, must(await app('POST', '/api/v1/fulfillment/labels', { token, body: { order_ids: ids.slice(0, print) } }), 202, 'labels'));
  const pdf = await app('GET', printed.document.url, { token });
  const mergeS = (performance.now() - t2) / 1000;
  if (pdf.status !== 200) throw new Error(`the merged PDF: HTTP ${pdf.status}`);
  log(`  ${print} stored labels printed as one PDF of ${printed.document.pages} pages in ${fmt(mergeS, 2)} s`);
  return {
    orders: ids.length, arranged: arranged.counts.done, arrangeS, arrangePerS: arranged.counts.done / arrangeS,
    labelsS, docCalls: docs.calls, docCallsPerS: docs.calls / labelsS, busiest: docs.max_per_second,
    throttled: calls.throttled, mergeS, pages: printed.document.pages, print,
  };
}

export function shipSummary(r) {
  if (!r) return ['  shipping                  : not measured                                   FAIL'];
  const mergeOk = r.mergeS <= TARGET_MERGE_S && r.pages === r.print;
  const paceOk = r.throttled === 0 && r.busiest <= PACED_CALLS_PER_S + 1;
  return [
    `  arrange shipment          : ${fmt(r.arranged)} of ${fmt(r.orders)} orders in ${fmt(r.arrangeS, 2)} s (${fmt(r.arrangePerS, 0)} orders/s, batch ship)`,
    `  labels kept               : ${fmt(r.docCalls)} calls in ${fmt(r.labelsS, 1)} s = ${fmt(r.docCallsPerS, 1)} calls/s, busiest second ${r.busiest} ` +
      `(pacing ${PACED_CALLS_PER_S}/s per shop), ${r.throttled} throttled   ${paceOk ? 'PASS' : 'FAIL'}`,
    `  merged label PDF          : ${r.pages} pages in ${fmt(r.mergeS, 2)} s   target <= ${TARGET_MERGE_S} s   ${mergeOk ? 'PASS' : 'FAIL'}`,
  ];
}
