// API test of the order's payment block: its lines add up to the total on every order of a sandbox shop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';

// A decimal string as an integer number of 1/10000 units (exact, unlike floats).
function units(s) {
  assert.match(String(s), /^-?\d+(\.\d{1,4})?$/, `a money amount: ${s}`);
  const [whole, frac = ''] = String(s).replace('-', '').split('.');
  const v = BigInt(whole) * 10000n + BigInt((frac + '0000').slice(0, 4));
  return String(s).startsWith('-') ? -v : v;
}

test('the payment block adds up: original prices, each discount and tax make the total', async () => {
  const m = await newMerchant('payment');
  const seller = await newSeller(1, 'payment');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 6, skus_per_product: 3 });
  const [conn] = await connectSeller(api, m, seller);
  const made = await makeOrders(shop.id, { count: 80, days_back: 40 });
  const start = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(start.status, 202, start.text);
  await eventually(async () => (await api('GET', `/api/v1/sync-jobs/${start.json.job.id}`, { token: m.token })).json.state === 'done',
    'the sync to finish', { timeoutMs: 60000 });
  const list = (await api('GET', '/api/v1/orders?per_page=200', { token: m.token })).json;
  assert.equal(list.total, made.length);
  let discounted = 0;
  for (const item of list.items) {
    const { json: o } = await api('GET', `/api/v1/orders/${item.id}`, { token: m.token });
    const p = o.payment;
    const sum = units(p.original_total_product_price) - units(p.seller_discount) - units(p.platform_discount)
      + units(p.original_shipping_fee) - units(p.shipping_discount) + units(p.tax);
    assert.equal(sum, units(p.total_amount), `order ${o.external_id}: ${JSON.stringify(p)}`);
    assert.ok(units(p.shipping_discount) >= 0n);
    assert.equal(units(p.original_shipping_fee) - units(p.shipping_discount), units(p.shipping_fee));
    if (units(p.seller_discount) + units(p.platform_discount) > 0n) discounted++;
  }
  assert.ok(discounted > 0, 'some orders have discounts, so the test can tell the old block from the new');
});
