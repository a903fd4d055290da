// A refused field carries why as a code (details.errors: field, code and the code's limits), for clients to say it in
// their user's language; details.fields keeps an English sentence per field for clients that know no code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, uniqueEmail, expectError } from './lib/client.mjs';

let m;
before(async () => {
  m = await newMerchant('codes');
});

// The answer's errors, and each error's field also named in details.fields.
function errorsOf(res) {
  expectError(assert, res, 422, 'validation_failed');
  const { fields, errors } = res.json.error.details;
  assert.ok(Array.isArray(errors), res.text);
  for (const e of errors) assert.equal(typeof fields[e.field], 'string', `details.fields names ${e.field} too`);
  return errors;
}

test('register: required, empty and not an e-mail, one code per field', async () => {
  const res = await api('POST', '/api/v1/auth/register', { body: { merchant_name: '   ', email: 'not-an-address', password: 'secret-12345' } });
  const errors = errorsOf(res);
  const by = Object.fromEntries(errors.map((e) => [e.field, e]));
  assert.deepEqual(by.merchant_name, { field: 'merchant_name', code: 'empty' });
  assert.deepEqual(by.name, { field: 'name', code: 'required' });
  assert.deepEqual(by.email, { field: 'email', code: 'not_an_email' });
});

test('a short password names its minimum', async () => {
  const res = await api('POST', '/api/v1/auth/register', { body: { merchant_name: 'Cửa hàng', name: 'Chủ', email: uniqueEmail('codes'), password: 'short' } });
  const [e] = errorsOf(res).filter((x) => x.field === 'password');
  assert.equal(e.code, 'too_short');
  assert.ok(Number.isInteger(e.min) && e.min > 5, JSON.stringify(e));
  assert.equal(e.max, undefined, 'too_short carries min only');
});

test('a query number out of range names both limits; a bad date and a bad boolean their codes', async () => {
  const page = errorsOf(await api('GET', '/api/v1/orders?per_page=100000', { token: m.token }));
  assert.deepEqual(page.map((e) => [e.field, e.code]), [['per_page', 'out_of_range']]);
  assert.ok(page[0].min >= 1 && page[0].max >= page[0].min, JSON.stringify(page[0]));
  const date = errorsOf(await api('GET', '/api/v1/orders?created_from=28/11/2026', { token: m.token }));
  assert.deepEqual(date, [{ field: 'created_from', code: 'not_a_date' }]);
  const flag = errorsOf(await api('GET', '/api/v1/connections?include_disconnected=yes', { token: m.token }));
  assert.deepEqual(flag, [{ field: 'include_disconnected', code: 'not_a_boolean' }]);
});

test('a value outside a list names what is allowed', async () => {
  const res = await api('POST', '/api/v1/connections/tiktok/authorize', { token: m.token, body: { region: 'XX' } });
  const [e] = errorsOf(res);
  assert.equal(e.field, 'region');
  assert.equal(e.code, 'not_one_of');
  assert.ok(e.allowed.split(', ').includes('VN'), e.allowed);
});

test('a product body of wrong types: not_a_string, not_an_amount', async () => {
  const bad = errorsOf(await api('POST', '/api/v1/products', { token: m.token, body: { name: 5, sku: 'CODES-1', price: '1.5.0' } }));
  const by = Object.fromEntries(bad.map((e) => [e.field, e.code]));
  assert.equal(by.name, 'not_a_string');
  assert.equal(by.price, 'not_an_amount');
});

test('a filter outside its values names them; an unknown warehouse is not_found; a yes/no filter not_a_boolean', async () => {
  const shipping = errorsOf(await api('GET', '/api/v1/orders?shipping=soon', { token: m.token }));
  assert.deepEqual(shipping, [{ field: 'shipping', code: 'not_one_of', allowed: 'to_arrange,awaiting_collection' }]);
  const slips = errorsOf(await api('GET', '/api/v1/export-slips?status=lost', { token: m.token }));
  assert.deepEqual(slips, [{ field: 'status', code: 'not_one_of', allowed: 'awaiting_export,exported,cancelled' }]);
  const stock = errorsOf(await api('GET', '/api/v1/stock?no_stock=maybe', { token: m.token }));
  assert.deepEqual(stock.map((e) => [e.field, e.code]), [['no_stock', 'not_a_boolean']]);
  const receipt = errorsOf(await api('POST', '/api/v1/stock-receipts', {
    token: m.token,
    body: { warehouse_id: 987654321, lines: [{ product_id: 987654321, quantity: 1 }] },
  }));
  assert.ok(receipt.some((e) => e.field === 'warehouse_id' && e.code === 'not_found'), JSON.stringify(receipt));
});
