// API tests of the photos TikTok requires to reject a return whose package the seller received: the app keeps them with
// the answer, its sync worker uploads each to TikTok (the sandbox's image upload) once, then rejects naming TikTok's
// ids; limits refused with codes before any TikTok call; a job that gives up leaves the request waiting again; a
// cancelled return receipt no longer blocks a new one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { sql, eventually } from './lib/db.mjs';
import { png, base64 } from './lib/images.mjs';
import { stockSetup, call, syncedOrders, linkLines, newProduct, receive, stockOf, checkInvariants } from './lib/stock.mjs';

let ctx;
let product;
before(async () => {
  ctx = await stockSetup('as-images');
  product = await newProduct(ctx.m, 'Giày trả');
  await receive(ctx.m, ctx.wh.id, [{ product_id: product, quantity: 200 }]);
});

const photo = (rgb) => ({ data: base64(png(320, 240, rgb)) });

async function requestOf(externalId, ready = () => true, what = 'the request') {
  return eventually(async () => {
    const list = await call(ctx.m, 'GET', '/api/v1/after-sales?per_page=200');
    const item = list.items.find((x) => x.external_id === externalId);
    if (!item) return null;
    const full = await call(ctx.m, 'GET', `/api/v1/after-sales/${item.id}`);
    return ready(full) ? full : null;
  }, `${what} ${externalId}`, { timeoutMs: 30000 });
}

async function jobEnd(job) {
  return eventually(async () => {
    const j = await call(ctx.m, 'GET', `/api/v1/sync-jobs/${job.id}`);
    return ['done', 'failed'].includes(j.state) && j;
  }, `job ${job.id}`, { timeoutMs: 60000 });
}

// A delivered order exported from the warehouse whose buyer returned its goods, approved by the app, and shipped back:
// the return waits for the seller to accept or reject the package received (TikTok's BUYER_SHIPPED_ITEM).
async function receivedReturn() {
  const { m, wh } = ctx;
  const [made] = await syncedOrders(m, ctx.shop, ctx.conn, { status: 'DELIVERED' });
  const o = await linkLines(m, made, () => product);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const ret = await control('POST', `/sandbox/orders/${o.external_id}/returns`, { return_type: 'RETURN_AND_REFUND' });
  assert.ok(ret.return_id, JSON.stringify(ret));
  const req = await requestOf(ret.return_id);
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  assert.equal((await jobEnd(job)).state, 'done');
  await control('POST', `/sandbox/returns/${ret.return_id}/ship`, {});
  // the reasons TikTok gives for refusing a received package (read again once the status changed)
  const shipped = await requestOf(ret.return_id, (r) => r.tiktok_status === 'BUYER_SHIPPED_ITEM' && r.can_answer
    && r.reject_reasons.length > 0 && r.reject_reasons.every((x) => x.name.startsWith('reverse_reject_return_parcel_reason_')),
  'the shipped return');
  return { o, slip, ret, req: shipped };
}

const uploaded = async () => (await control('GET', `/sandbox/shops/${ctx.shop.id}/images`)).images;
const answerJobs = (id) => Number(sql(`SELECT COUNT(*) FROM sync_jobs WHERE kind = 'after_sales_answer' AND payload = '${id}'`)[0][0]);

test('rejecting a received package: refused without photos before any TikTok call, then sent with photos uploaded by the sync worker', async () => {
  const { m } = ctx;
  const { ret, req } = await receivedReturn();
  assert.equal(req.images_required, true, 'the request says TikTok requires photos');
  const reason = req.reject_reasons[0].name;
  const imagesBefore = (await uploaded()).length;
  const jobsBefore = answerJobs(req.id);

  const none = await api('POST', `/api/v1/after-sales/${req.id}/reject`, { token: m.token, body: { reason } });
  expectError(assert, none, 422, 'validation_failed');
  assert.deepEqual(none.json.error.details.errors.map((e) => [e.field, e.code]), [['images', 'required']]);
  assert.equal(answerJobs(req.id), jobsBefore, 'no job was queued');
  assert.equal((await uploaded()).length, imagesBefore, 'nothing reached TikTok');

  const photos = [photo([10, 120, 200]), photo([250, 200, 0])];
  const sent = await api('POST', `/api/v1/after-sales/${req.id}/reject`,
    { token: m.token, body: { reason, note: 'Hàng trả về bị hỏng', images: photos } });
  assert.equal(sent.status, 202, sent.text);
  const job = await jobEnd(sent.json.job);
  assert.equal(job.state, 'done', JSON.stringify(job));

  const done = await requestOf(ret.return_id, (r) => r.status !== 'waiting', 'the rejected return');
  assert.equal(done.status, 'rejected');
  assert.deepEqual(done.answer_images.map((i) => [i.position, i.content_type, i.uploaded]),
    [[0, 'image/png', true], [1, 'image/png', true]]);
  const mine = (await uploaded()).slice(imagesBefore);
  assert.equal(mine.length, 2, 'each photo uploaded once');
  assert.ok(mine.every((i) => i.width === 320 && i.height === 240 && i.mime_type === 'image/png'));
  // TikTok's record of the rejection names the ids its upload issued, in the merchant's order
  const named = sql(`SELECT images FROM ${process.env.TTS_SANDBOX_DB_NAME || 'tts_sandbox'}.after_sale_records `
    + `WHERE images LIKE '%${mine[0].uri}%'`)[0][0].split('\\n');
  assert.deepEqual(named, mine.map((i) => i.uri));
  // the photos are private to the merchant; the audit row names them by type, size and hash, never their bytes
  const keys = sql(`SELECT media_key FROM after_sales_images WHERE request_id = ${req.id} ORDER BY position`).map((r) => r[0]);
  assert.equal(keys.length, 2);
  assert.ok(keys.every((k) => /^private\/after-sales\/\d+\/[0-9a-f]{64}\.png$/.test(k)), keys.join());
  const audit = sql(`SELECT after_json FROM audit_log WHERE entity = 'after_sales_request' AND entity_id = ${req.id} AND action = 'reject'`);
  assert.equal(audit.length, 1);
  const after = JSON.parse(audit[0][0]);
  assert.equal(after.images.length, 2);
  assert.ok(after.images.every((i) => /^[0-9a-f]{64}$/.test(i.sha256) && i.content_type === 'image/png' && i.size > 0));
  assert.ok(!audit[0][0].includes(photos[0].data.slice(0, 40)), 'no photo bytes in the audit row');
});

test('photos of the wrong type, too large, too many or not base64 are refused with their codes', async () => {
  const { m } = ctx;
  const { req } = await receivedReturn();
  const reason = req.reject_reasons[0].name;
  const jobsBefore = answerJobs(req.id);
  const bad = async (images) => {
    const res = await api('POST', `/api/v1/after-sales/${req.id}/reject`, { token: m.token, body: { reason, images } });
    expectError(assert, res, 422, 'validation_failed');
    return res.json.error.details.errors.map((e) => [e.field, e.code]);
  };
  assert.deepEqual(await bad([{ data: base64(Buffer.from('GIF89a just a gif, not taken')) }]), [['images[0].data', 'not_an_image']]);
  assert.deepEqual(await bad([{ data: base64(png(200, 200, [1, 2, 3], 2 * 1024 * 1024)) }]), [['images[0].data', 'image_too_large']]);
  assert.deepEqual(await bad([{ data: '%%% not base64 %%%' }]), [['images[0].data', 'not_base64']]);
  assert.deepEqual(await bad([photo(), photo(), photo(), photo()]), [['images', 'item_count']]);
  assert.deepEqual(await bad(['just a string']), [['images[0]', 'not_an_object']]);
  // a data: URL is read as its base64 payload
  const url = await api('POST', `/api/v1/after-sales/${req.id}/reject`,
    { token: m.token, body: { reason, images: [{ data: `data:image/png;base64,${photo().data}` }] } });
  assert.equal(url.status, 202, url.text);
  assert.equal((await jobEnd(url.json.job)).state, 'done');
  assert.equal(answerJobs(req.id), jobsBefore + 1, 'only the accepted answer queued a job');
});

test('a retried answer job does not upload its photos again', async () => {
  const { m } = ctx;
  const { ret, req } = await receivedReturn();
  const imagesBefore = (await uploaded()).length;
  // the rejection fails at TikTok for the whole first run (every try of the call); the upload before it succeeds
  await control('POST', '/sandbox/faults', { fail_path: `/return_refund/202309/returns/${ret.return_id}/reject`, fail_count: 4 });
  try {
    const sent = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`,
      { reason: req.reject_reasons[0].name, images: [photo([0, 90, 0])] }, 202);
    const job = await jobEnd(sent.job);
    assert.equal(job.state, 'done', JSON.stringify(job));
    const attempts = Number(sql(`SELECT attempts FROM sync_jobs WHERE id = ${sent.job.id}`)[0][0]);
    assert.ok(attempts >= 2, `the job ran again (attempts ${attempts})`);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  assert.equal((await uploaded()).length, imagesBefore + 1, 'the photo was uploaded once');
  assert.equal((await requestOf(ret.return_id, (r) => r.status !== 'waiting')).status, 'rejected');
});

test('an answer job that gives up leaves the request waiting for an answer, with its failure\'s code', async () => {
  const { m } = ctx;
  const { ret, req } = await receivedReturn();
  await control('POST', '/sandbox/faults', { fail_path: `/return_refund/202309/returns/${ret.return_id}/reject`, fail_count: 100000 });
  try {
    const sent = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`,
      { reason: req.reject_reasons[0].name, images: [photo()] }, 202);
    const sending = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
    assert.equal(sending.answer.state, 'sending');
    assert.equal(sending.can_answer, false);
    // after its first run failed, the job's next run is its last (as if every retry before it had failed)
    await eventually(() => {
      const [row] = sql(`SELECT state, attempts FROM sync_jobs WHERE id = ${sent.job.id}`);
      return row[0] === 'queued' && Number(row[1]) >= 1;
    }, 'the job waiting to retry');
    sql(`UPDATE sync_jobs SET attempts = 7, run_after = UTC_TIMESTAMP() WHERE id = ${sent.job.id} AND state = 'queued'`);
    const job = await jobEnd(sent.job);
    assert.equal(job.state, 'failed');
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const back = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(back.status, 'waiting');
  assert.equal(back.answer.state, 'failed');
  assert.equal(back.answer.error_code, 'tiktok_server_error');
  assert.equal(back.can_answer, true);
  // the merchant answers again; this time TikTok takes it (the photo kept its TikTok id: not uploaded again)
  const before = (await uploaded()).length;
  const again = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`,
    { reason: req.reject_reasons[0].name, images: [photo([5, 5, 5])] }, 202);
  assert.equal((await jobEnd(again.job)).state, 'done');
  assert.equal((await uploaded()).length, before + 1);
  assert.equal((await requestOf(ret.return_id, (r) => r.status !== 'waiting')).status, 'rejected');
});

test('a job ended by the shop\'s disconnection leaves the request answerable again', async () => {
  const { m } = ctx;
  const { ret, req } = await receivedReturn();
  // the job waits to retry (TikTok failing) when the shop is disconnected: its queued jobs end as failed
  await control('POST', '/sandbox/faults', { fail_path: `/return_refund/202309/returns/${ret.return_id}/reject`, fail_count: 100000 });
  try {
    const sent = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`,
      { reason: req.reject_reasons[0].name, images: [photo()] }, 202);
    await eventually(() => {
      const [row] = sql(`SELECT state, attempts FROM sync_jobs WHERE id = ${sent.job.id}`);
      return row[0] === 'queued' && Number(row[1]) >= 1;
    }, 'the job waiting to retry');
    sql(`UPDATE sync_jobs SET state = 'failed', error = 'The shop was disconnected.', error_code = 'shop_disconnected', `
      + `dedupe_key = NULL, finished_at = UTC_TIMESTAMP() WHERE id = ${sent.job.id} AND state = 'queued'`);
  } finally {
    await control('POST', '/sandbox/faults', {});
  }
  const back = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(back.answer.state, 'failed');
  assert.equal(back.answer.error_code, 'shop_disconnected');
  assert.equal(back.can_answer, true);
  const again = await call(m, 'POST', `/api/v1/after-sales/${req.id}/reject`,
    { reason: req.reject_reasons[0].name, images: [photo()] }, 202);
  assert.equal((await jobEnd(again.job)).state, 'done');
});

test('another merchant\'s request answers 404 to a rejection with photos, and nothing of it is kept', async () => {
  const other = await newMerchant('as-images-other');
  const mine = (await call(ctx.m, 'GET', '/api/v1/after-sales?per_page=1')).items[0];
  assert.ok(mine);
  const before = Number(sql('SELECT COUNT(*) FROM after_sales_images')[0][0]);
  expectError(assert, await api('POST', `/api/v1/after-sales/${mine.id}/reject`,
    { token: other.token, body: { reason: 'x', images: [photo()] } }), 404, 'not_found');
  expectError(assert, await api('GET', `/api/v1/after-sales/${mine.id}`, { token: other.token }), 404, 'not_found');
  assert.equal(Number(sql('SELECT COUNT(*) FROM after_sales_images')[0][0]), before);
  // an API token answers like a session, photos included
  const { req } = await receivedReturn();
  const t = await call(ctx.m, 'POST', '/api/v1/api-tokens', { name: 'as-images', expires_in_days: 1 });
  const res = await api('POST', `/api/v1/after-sales/${req.id}/reject`,
    { token: t.token, body: { reason: req.reject_reasons[0].name, images: [photo()] } });
  assert.equal(res.status, 202, res.text);
  assert.equal((await jobEnd(res.json.job)).state, 'done');
});

test('a cancelled return receipt no longer blocks receiving the return\'s goods again', async () => {
  const { m, wh } = ctx;
  const [made] = await syncedOrders(m, ctx.shop, ctx.conn, { status: 'DELIVERED' });
  const o = await linkLines(m, made, () => product);
  const slip = await call(m, 'POST', `/api/v1/orders/${o.id}/export-slips`, { warehouse_id: wh.id });
  await call(m, 'POST', `/api/v1/export-slips/${slip.id}/export`);
  const ret = await control('POST', `/sandbox/orders/${o.external_id}/returns`, { return_type: 'RETURN_AND_REFUND' });
  const req = await requestOf(ret.return_id);
  const { job } = await call(m, 'POST', `/api/v1/after-sales/${req.id}/approve`, {}, 202);
  assert.equal((await jobEnd(job)).state, 'done');
  const offered = await requestOf(ret.return_id, (r) => r.stock.can_receive, 'the offered return');
  const body = { after_sales_id: req.id, lines: offered.return_lines };
  const first = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, body);
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body }), 409, 'return_already_received');
  const stock = await stockOf(m, wh.id, product);
  await call(m, 'POST', `/api/v1/stock-receipts/${first.id}/cancel`);
  const after = await stockOf(m, wh.id, product);
  assert.equal(after.on_hand, stock.on_hand - offered.return_lines[0].quantity, 'the cancelled receipt took its goods back out');
  const reopened = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(reopened.stock.state, 'return_offered');
  assert.equal(reopened.stock.can_receive, true);
  assert.equal(reopened.stock.return_receipt_id, null, 'the cancelled receipt is not the return\'s');
  const second = await call(m, 'POST', `/api/v1/export-slips/${slip.id}/returns`, body);
  assert.notEqual(second.id, first.id);
  const got = await call(m, 'GET', `/api/v1/after-sales/${req.id}`);
  assert.equal(got.stock.state, 'received');
  assert.equal(got.stock.return_receipt_id, second.id);
  expectError(assert, await api('POST', `/api/v1/export-slips/${slip.id}/returns`, { token: m.token, body }), 409, 'return_already_received');
  checkInvariants(m);
});
