// API tests of the webhook endpoint: signatures, duplicates, unknown shops, expiry warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { api, expectError } from './lib/client.mjs';
import { control } from './lib/tiktok.mjs';
import { sql } from './lib/db.mjs';

const app = await control('GET', '/sandbox/app');

function signed(body, secret = app.app_secret) {
  const raw = JSON.stringify(body);
  const sig = createHmac('sha256', secret).update(app.app_key + raw).digest('hex');
  return { body: raw, headers: { authorization: sig } };
}

const nid = () => String(BigInt('0x' + randomBytes(7).toString('hex')));

test('a wrongly signed or unsigned push is refused and stores nothing', async () => {
  const id = nid();
  const body = { type: 6, tts_notification_id: id, shop_id: '1', timestamp: 1, data: { message: 'x' } };
  expectError(assert, await api('POST', '/api/v1/webhooks/tiktok', signed(body, 'wrong-secret')), 401, 'invalid_signature');
  expectError(assert, await api('POST', '/api/v1/webhooks/tiktok', { body }), 401, 'invalid_signature');
  assert.equal(sql(`SELECT COUNT(*) FROM webhook_receipts WHERE notification_id = '${id}'`)[0][0], '0');
});

test('a push for a shop nobody connected is acknowledged and ignored; a duplicate is stored once', async () => {
  const id = nid();
  const body = { type: 1, tts_notification_id: id, shop_id: '999000111', timestamp: 1718305585,
    data: { order_id: '1', order_status: 'UNPAID', update_time: 1718305585 } };
  const first = await api('POST', '/api/v1/webhooks/tiktok', signed(body));
  assert.equal(first.status, 200);
  assert.equal(first.text, '');
  const again = await api('POST', '/api/v1/webhooks/tiktok', signed(body));
  assert.equal(again.status, 200);
  assert.deepEqual(sql(`SELECT COUNT(*), MIN(outcome) FROM webhook_receipts WHERE notification_id = '${id}'`), [['1', 'ignored']]);
});

test('a signed push with bad JSON or missing fields gets 400 or 422', async () => {
  const raw = '{"type":1,';
  const sig = createHmac('sha256', app.app_secret).update(app.app_key + raw).digest('hex');
  expectError(assert, await api('POST', '/api/v1/webhooks/tiktok', { body: raw, headers: { authorization: sig } }), 400);
  expectError(assert, await api('POST', '/api/v1/webhooks/tiktok', signed({ type: 1 })), 422, 'validation_failed');
});
