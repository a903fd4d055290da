// Every length rule of the API counts characters, not bytes: text of multi-byte letters at each limit is stored and
// read back whole, one character more is a 422 naming the field, with the code too_long and the limit.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, uniqueEmail, expectError } from './lib/client.mjs';

// Three bytes each in UTF-8 (Vietnamese letters with two marks, like "ệ"), so a byte count would refuse early.
const text = (n) => 'ệ'.repeat(n);

let m;
let wh;
let product;
before(async () => {
  m = await newMerchant('lengths');
  wh = (await api('GET', '/api/v1/warehouses', { token: m.token })).json.items[0];
  product = (await api('POST', '/api/v1/products', { token: m.token, body: { name: 'x', sku: `LEN-${Date.now()}` } })).json;
});

// [what, limit, send(value) → response, read(response) → the stored value, field named by a refusal]
const rules = () => [
  ['product name', 255, (v) => api('POST', '/api/v1/products', { token: m.token, body: { name: v, sku: `N-${Math.random()}` } }), (r) => r.json.name, 'name'],
  ['product SKU code', 64, (v) => api('POST', '/api/v1/products', { token: m.token, body: { name: 'x', sku: v } }), (r) => r.json.sku, 'sku'],
  ['product unit', 32, (v) => api('PATCH', `/api/v1/products/${product.id}`, { token: m.token, body: { unit: v } }), (r) => r.json.unit, 'unit'],
  ['warehouse name', 200, (v) => api('POST', '/api/v1/warehouses', { token: m.token, body: { name: v, code: `W${Math.random().toString(36).slice(2, 9)}` } }), (r) => r.json.name, 'name'],
  ['warehouse code', 32, (v) => api('POST', '/api/v1/warehouses', { token: m.token, body: { name: 'Kho', code: v } }), (r) => r.json.code, 'code'],
  ['warehouse address', 500, (v) => api('PATCH', `/api/v1/warehouses/${wh.id}`, { token: m.token, body: { address: v } }), (r) => r.json.address, 'address'],
  ['receipt note', 1000, (v) => api('POST', '/api/v1/stock-receipts', { token: m.token, body: { warehouse_id: wh.id, note: v, lines: [{ product_id: product.id, quantity: 1 }] } }), (r) => r.json.note, 'note'],
  ['API token name', 100, (v) => api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: v, expires_in_days: 1 } }), (r) => r.json.name, 'name'],
  ['merchant name', 200, (v) => api('POST', '/api/v1/auth/register', { body: { merchant_name: v, name: 'Chủ', email: uniqueEmail('len'), password: 'secret-12345' } }), (r) => r.json.merchant.name, 'merchant_name'],
  ['owner name', 200, (v) => api('POST', '/api/v1/auth/register', { body: { merchant_name: 'Cửa hàng', name: v, email: uniqueEmail('len'), password: 'secret-12345' } }), (r) => r.json.user.name, 'name'],
];

for (const [what, limit, send, read, field] of rules()) {
  test(`${what}: ${limit} multi-byte characters are kept whole, ${limit + 1} are refused`, async () => {
    const ok = await send(text(limit));
    assert.ok(ok.status === 200 || ok.status === 201, `${what}: ${ok.status} ${ok.text}`);
    assert.equal(read(ok), text(limit));
    const long = await send(text(limit + 1));
    expectError(assert, long, 422, 'validation_failed');
    assert.ok(JSON.stringify(long.json.error).includes(field), `${what}: ${long.text}`);
    assert.deepEqual(long.json.error.details.errors, [{ field, code: 'too_long', max: limit }], `${what}: the reason as a code with its limit`);
  });
}
