// API tests of the product catalog and product links: CRUD with diacritic-insensitive search, channel SKUs made
// from synced orders, linking one by one and from an order (propagating to every order), unlinking, delete
// refused while linked, auto-link with its summary, concurrent linking, and merchant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, expectError } from './lib/client.mjs';
import { control, newSeller, connectSeller, makeOrders } from './lib/tiktok.mjs';
import { eventually } from './lib/db.mjs';

// A merchant with a connected shop: `codes` are the seller_sku of its SKUs (one SKU per product), then
// `orders` orders synced. Returns {m, shop, conn, skus: [{id, seller_sku}]}.
async function setup(tag, { codes = ['TS-1', 'TS-2'], orders = 12 } = {}) {
  const m = await newMerchant(tag);
  const seller = await newSeller(1, tag);
  const shop = seller.shops[0];
  const made = await control('POST', `/sandbox/shops/${shop.id}/products`, {
    count: codes.length, skus_per_product: 1, seller_skus: codes,
  });
  const skus = made.products.map((p) => p.skus[0]);
  const [conn] = await connectSeller(api, m, seller);
  if (orders > 0) {
    await makeOrders(shop.id, { count: orders, days_back: 10, status: 'AWAITING_SHIPMENT' });
    await syncAll(m, conn);
  }
  return { m, shop, conn, skus };
}

async function syncAll(m, conn) {
  const res = await api('POST', `/api/v1/connections/${conn.id}/sync`, { token: m.token });
  assert.equal(res.status, 202, res.text);
  const job = await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${res.json.job.id}`, { token: m.token })).json;
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'Sync all to finish', { timeoutMs: 60000 });
  assert.equal(job.state, 'done', job.error);
}

const get = async (m, path) => {
  const res = await api('GET', path, { token: m.token });
  assert.equal(res.status, 200, res.text);
  return res.json;
};
const post = (m, path, body) => api('POST', path, { token: m.token, body });

async function newProduct(m, fields) {
  const res = await post(m, '/api/v1/products', { unit: 'cái', price: '150000', ...fields });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function channelSkus(m, query = '') {
  return (await get(m, `/api/v1/channel-skus?per_page=200${query}`)).items;
}

// Every order of the merchant in full.
async function ordersInFull(m) {
  const list = await get(m, '/api/v1/orders?per_page=200');
  return Promise.all(list.items.map((o) => get(m, `/api/v1/orders/${o.id}`)));
}

test('products: create, read, edit, delete, with validation naming the field', async () => {
  const m = await newMerchant('prod-crud');
  const p = await newProduct(m, { name: 'Áo thun cotton', sku: 'AT-01', image_url: 'https://img.example/a.png' });
  assert.equal(p.name, 'Áo thun cotton');
  assert.equal(p.sku, 'AT-01');
  assert.equal(p.unit, 'cái');
  assert.equal(p.price, '150000.00');
  assert.ok(p.created_at);
  assert.deepEqual(await get(m, `/api/v1/products/${p.id}`), p);

  const bad = await post(m, '/api/v1/products', { name: '', sku: 'x'.repeat(65), price: '-3', image_url: 'javascript:alert(1)' });
  expectError(assert, bad, 422, 'validation_failed');
  assert.deepEqual(Object.keys(bad.json.error.details.fields).sort(), ['image_url', 'name', 'price', 'sku']);
  const missing = await post(m, '/api/v1/products', { unit: 'hộp' });
  expectError(assert, missing, 422, 'validation_failed');
  assert.ok(missing.json.error.details.fields.name && missing.json.error.details.fields.sku);

  const dup = await post(m, '/api/v1/products', { name: 'Khác', sku: ' at-01 ' });
  expectError(assert, dup, 422, 'sku_taken');
  assert.ok(dup.json.error.details.fields.sku, 'the SKU code is unique per merchant, case ignored');

  const edited = await api('PATCH', `/api/v1/products/${p.id}`, { token: m.token, body: { unit: 'hộp', price: 99.5 } });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.json.unit, 'hộp');
  assert.equal(edited.json.price, '99.50');
  assert.equal(edited.json.name, 'Áo thun cotton', 'fields not given stay');
  const q = await newProduct(m, { name: 'Quần', sku: 'Q-01' });
  const clash = await api('PATCH', `/api/v1/products/${q.id}`, { token: m.token, body: { sku: 'AT-01' } });
  expectError(assert, clash, 422, 'sku_taken');

  const other = await newMerchant('prod-crud-other');
  expectError(assert, await api('GET', `/api/v1/products/${p.id}`, { token: other.token }), 404, 'not_found');
  expectError(assert, await api('PATCH', `/api/v1/products/${p.id}`, { token: other.token, body: { name: 'x' } }), 404);
  expectError(assert, await api('DELETE', `/api/v1/products/${p.id}`, { token: other.token }), 404);
  const sameSku = await post(other, '/api/v1/products', { name: 'Áo', sku: 'AT-01' });
  assert.equal(sameSku.status, 201, 'another merchant may use the same code');

  assert.equal((await api('DELETE', `/api/v1/products/${q.id}`, { token: m.token })).status, 204);
  expectError(assert, await api('GET', `/api/v1/products/${q.id}`, { token: m.token }), 404);
});

test('product search ignores case and Vietnamese diacritics, by name or SKU code', async () => {
  const m = await newMerchant('prod-search');
  await newProduct(m, { name: 'Áo Thun Đỏ', sku: 'ATD-1' });
  await newProduct(m, { name: 'Quần jean nữ', sku: 'QJ-ĐEN' });
  await newProduct(m, { name: 'Mũ 100% len', sku: 'MU_1' });
  const names = async (q) => (await get(m, `/api/v1/products?q=${encodeURIComponent(q)}`)).items.map((p) => p.name).sort();
  assert.deepEqual(await names('ao thun'), ['Áo Thun Đỏ']);
  assert.deepEqual(await names('ÁO THUN ĐỎ'), ['Áo Thun Đỏ']);
  assert.deepEqual(await names('do'), ['Áo Thun Đỏ']);
  assert.deepEqual(await names('qj-den'), ['Quần jean nữ']);
  assert.deepEqual(await names('100%'), ['Mũ 100% len']);
  assert.deepEqual(await names('u_'), ['Mũ 100% len'], '_ is not a wildcard');
  assert.deepEqual(await names('%'), ['Mũ 100% len']);
  const all = await get(m, '/api/v1/products');
  assert.equal(all.total, 3);
  assert.deepEqual(all.items.map((p) => p.sku), ['MU_1', 'QJ-ĐEN', 'ATD-1'], 'newest first');
});

test('synced orders make channel SKUs; lines carry them, unlinked, until linked', async () => {
  const { m, conn, skus } = await setup('csku-seen');
  const list = await channelSkus(m);
  const seenIds = new Set(list.map((c) => c.sku_id));
  const orders = await ordersInFull(m);
  assert.ok(orders.length >= 12);
  for (const o of orders) {
    assert.equal(o.all_linked, false);
    for (const l of o.lines) {
      assert.equal(typeof l.channel_sku_id, 'number');
      assert.equal(l.product, null);
      assert.ok(seenIds.has(l.sku_id));
    }
  }
  for (const c of list) {
    assert.equal(c.connection_id, conn.id);
    assert.equal(c.linked, false);
    assert.equal(c.product, null);
    assert.ok(skus.some((s) => s.id === c.sku_id && s.seller_sku === c.seller_sku));
    assert.ok(c.name.length > 0);
  }
  assert.equal((await channelSkus(m, '&linked=true')).length, 0);
  assert.equal((await channelSkus(m, '&linked=false')).length, list.length);
  expectError(assert, await api('GET', '/api/v1/channel-skus?linked=maybe', { token: m.token }), 422);
  const unlinkedOrders = await get(m, '/api/v1/orders?all_linked=false&per_page=200');
  assert.equal(unlinkedOrders.total, orders.length);
  assert.equal((await get(m, '/api/v1/orders?all_linked=true')).total, 0);
});

test('linking a channel SKU shows the product on every order with it; unlinking takes it away', async () => {
  const { m, skus } = await setup('csku-link');
  const [cs] = await channelSkus(m, `&q=${skus[0].seller_sku}`);
  assert.ok(cs, 'the first SKU was seen in an order');
  const p = await newProduct(m, { name: 'Áo thun', sku: 'AO-1', image_url: 'https://img.example/ao.png' });
  const linked = await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: { product_id: p.id } });
  assert.equal(linked.status, 200, linked.text);
  assert.equal(linked.json.linked, true);
  assert.deepEqual(linked.json.product, { id: p.id, name: 'Áo thun', sku: 'AO-1', unit: 'cái', image_url: 'https://img.example/ao.png' });

  const orders = await ordersInFull(m);
  const withSku = orders.filter((o) => o.lines.some((l) => l.channel_sku_id === cs.id));
  assert.ok(withSku.length >= 2, 'several orders hold the SKU');
  for (const o of withSku)
    for (const l of o.lines)
      if (l.channel_sku_id === cs.id) assert.equal(l.product.name, 'Áo thun');
      else assert.equal(l.product, null);

  // the name edited on the product shows at once
  await api('PATCH', `/api/v1/products/${p.id}`, { token: m.token, body: { name: 'Áo thun mới' } });
  const again = await get(m, `/api/v1/orders/${withSku[0].id}`);
  assert.equal(again.lines.find((l) => l.channel_sku_id === cs.id).product.name, 'Áo thun mới');

  // the other SKU linked too: orders with only these two SKUs are all linked
  const [cs2] = await channelSkus(m, `&q=${skus[1].seller_sku}`);
  await api('PUT', `/api/v1/channel-skus/${cs2.id}/link`, { token: m.token, body: { new_product: { name: 'Quần', sku: 'Q-1', unit: 'chiếc' } } });
  const all = await ordersInFull(m);
  assert.ok(all.every((o) => o.all_linked));
  assert.equal((await get(m, '/api/v1/orders?all_linked=false')).total, 0);
  const listAll = await get(m, '/api/v1/orders?per_page=200');
  assert.ok(listAll.items.every((o) => o.all_linked === true));

  const un = await api('DELETE', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token });
  assert.equal(un.status, 204);
  const after = await get(m, `/api/v1/orders/${withSku[0].id}`);
  assert.equal(after.all_linked, false);
  assert.equal(after.lines.find((l) => l.channel_sku_id === cs.id).product, null);
  assert.equal((await get(m, '/api/v1/orders?all_linked=false&per_page=200')).total, withSku.length);

  expectError(assert, await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: {} }), 422);
  expectError(assert, await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: { product_id: 999999999 } }), 422);
  const other = await newMerchant('csku-link-other');
  const theirs = await newProduct(other, { name: 'X', sku: 'X' });
  expectError(assert, await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: other.token, body: { product_id: theirs.id } }), 404);
  expectError(assert, await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: { product_id: theirs.id } }), 422);
  expectError(assert, await api('DELETE', `/api/v1/channel-skus/${cs.id}/link`, { token: other.token }), 404);
  assert.equal((await api('GET', '/api/v1/channel-skus', { token: other.token })).json.total, 0);
});

test('a linked product cannot be deleted until it is unlinked', async () => {
  const { m, skus } = await setup('prod-delete');
  const [cs] = await channelSkus(m, `&q=${skus[0].seller_sku}`);
  const p = await newProduct(m, { name: 'Giày', sku: 'G-1' });
  await api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: { product_id: p.id } });
  assert.equal((await get(m, `/api/v1/products/${p.id}`)).linked_skus, 1);
  const refused = await api('DELETE', `/api/v1/products/${p.id}`, { token: m.token });
  expectError(assert, refused, 409, 'product_linked');
  assert.deepEqual(refused.json.error.details.channel_skus.map((c) => c.id), [cs.id]);
  assert.match(refused.json.error.message, new RegExp(skus[0].seller_sku));
  assert.equal((await api('DELETE', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token })).status, 204);
  assert.equal((await api('DELETE', `/api/v1/products/${p.id}`, { token: m.token })).status, 204);
});

test('the order popup saves every link in one transaction and answers the order', async () => {
  const { m, skus } = await setup('order-links');
  const orders = await ordersInFull(m);
  const both = orders.find((o) => o.lines.length === 2);
  assert.ok(both, 'an order with both SKUs');
  const [l1, l2] = both.lines;
  const existing = await newProduct(m, { name: 'Có sẵn', sku: 'CS-1' });
  // a new product whose SKU code is taken: nothing is saved
  const refused = await post(m, `/api/v1/orders/${both.id}/links`, {
    links: [{ channel_sku_id: l1.channel_sku_id, product_id: existing.id },
            { channel_sku_id: l2.channel_sku_id, new_product: { name: 'Mới', sku: 'cs-1', unit: 'cái' } }],
  });
  expectError(assert, refused, 422, 'sku_taken');
  assert.ok(refused.json.error.details.fields['links[1].new_product.sku']);
  assert.equal((await get(m, `/api/v1/orders/${both.id}`)).lines.every((l) => l.product === null), true, 'rolled back');

  const bad = await post(m, `/api/v1/orders/${both.id}/links`, { links: [{ channel_sku_id: l1.channel_sku_id, new_product: { name: '' } }] });
  expectError(assert, bad, 422, 'validation_failed');
  assert.ok(bad.json.error.details.fields['links[0].new_product.name']);
  assert.ok(bad.json.error.details.fields['links[0].new_product.sku']);

  const ok = await post(m, `/api/v1/orders/${both.id}/links`, {
    links: [{ channel_sku_id: l1.channel_sku_id, product_id: existing.id },
            { channel_sku_id: l2.channel_sku_id, new_product: { name: 'Mới', sku: skus[1].seller_sku, unit: 'hộp', image_url: l2.image_url } }],
  });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.id, both.id);
  assert.equal(ok.json.all_linked, true);
  const byCs = Object.fromEntries(ok.json.lines.map((l) => [l.channel_sku_id, l.product]));
  assert.equal(byCs[l1.channel_sku_id].name, 'Có sẵn');
  assert.equal(byCs[l2.channel_sku_id].name, 'Mới');
  assert.equal(byCs[l2.channel_sku_id].unit, 'hộp');
  assert.equal(byCs[l2.channel_sku_id].image_url, l2.image_url);
  // every other order with those SKUs follows
  for (const o of await ordersInFull(m)) assert.equal(o.all_linked, true);

  // re-pick (Thay đổi) of one item
  const other = await newProduct(m, { name: 'Khác', sku: 'K-1' });
  const changed = await post(m, `/api/v1/orders/${both.id}/links`, { links: [{ channel_sku_id: l1.channel_sku_id, product_id: other.id }] });
  assert.equal(changed.json.lines.find((l) => l.channel_sku_id === l1.channel_sku_id).product.name, 'Khác');

  // an item of another order, an unknown order, another merchant
  const m2 = await newMerchant('order-links-2');
  expectError(assert, await api('POST', `/api/v1/orders/${both.id}/links`, { token: m2.token, body: { links: [{ channel_sku_id: l1.channel_sku_id, product_id: other.id }] } }), 404);
  expectError(assert, await post(m, `/api/v1/orders/${both.id}/links`, { links: [{ channel_sku_id: 987654321, product_id: other.id }] }), 422);
  expectError(assert, await post(m, `/api/v1/orders/${both.id}/links`, { links: [] }), 422);
  expectError(assert, await post(m, '/api/v1/orders/999999999/links', { links: [{ channel_sku_id: l1.channel_sku_id, product_id: other.id }] }), 404);
});

test('auto-link: matches by code ignoring case and spaces, creates the missing, and says why the rest is unmatched', async () => {
  const codes = ['MATCH-1', ' match-2 ', '', 'NEW-1', 'NEW-1', 'LEFT-1'];
  const { m, conn } = await setup('auto-link', { codes, orders: 0 });
  const pull = await post(m, `/api/v1/connections/${conn.id}/pull-products`);
  assert.equal(pull.status, 202, pull.text);
  await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${pull.json.job.id}`, { token: m.token })).json;
    return j.state === 'done' && j;
  }, 'the product pull to finish');
  const all = await channelSkus(m);
  assert.equal(all.length, 6);
  const p1 = await newProduct(m, { name: 'Một', sku: 'match-1' });
  const p2 = await newProduct(m, { name: 'Hai', sku: 'MATCH-2' });
  const ids = (code) => all.filter((c) => c.seller_sku === code).map((c) => c.id);

  const first = await post(m, '/api/v1/channel-skus/auto-link', { connection_id: conn.id, create_missing: false });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.linked, 2);
  assert.equal(first.json.created, 0);
  assert.equal(first.json.unmatched, 4);
  assert.deepEqual(first.json.unmatched_reasons, { no_seller_sku: 1, no_matching_product: 3, duplicate_product_sku: 0, seller_sku_too_long: 0 });
  assert.equal(first.json.unmatched_items.find((u) => u.id === ids('')[0]).reason, 'no_seller_sku');
  const linkedNow = await channelSkus(m, '&linked=true');
  assert.deepEqual(linkedNow.map((c) => c.product.id).sort(), [p1.id, p2.id].sort());

  // only the selected ones, with products created: one per code
  const chosen = [...ids('NEW-1'), ...ids('')];
  const second = await post(m, '/api/v1/channel-skus/auto-link', { channel_sku_ids: chosen, create_missing: true });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.linked, 2);
  assert.equal(second.json.created, 1);
  assert.equal(second.json.unmatched, 1);
  assert.equal(second.json.unmatched_reasons.no_seller_sku, 1);
  const made = (await get(m, '/api/v1/products?q=new-1')).items;
  assert.equal(made.length, 1);
  assert.equal(made[0].sku, 'NEW-1');
  const newOnes = (await channelSkus(m, '&linked=true')).filter((c) => c.seller_sku === 'NEW-1');
  assert.equal(newOnes.length, 2);
  assert.ok(newOnes.every((c) => c.product.id === made[0].id));
  assert.ok(newOnes.some((c) => made[0].name.startsWith(c.name)), 'named after the TikTok product');
  assert.ok(made[0].image_url.length > 0, 'with the TikTok image');
  assert.equal((await channelSkus(m, '&linked=false')).length, 2, 'LEFT-1 and the blank one are left');

  expectError(assert, await post(m, '/api/v1/channel-skus/auto-link', { channel_sku_ids: ['x'] }), 422);
});

test('auto-link run twice at once creates no duplicate product', async () => {
  const { m, conn } = await setup('auto-twice', { codes: ['DUP-1', 'DUP-2', 'DUP-3'], orders: 10 });
  const body = { connection_id: conn.id, create_missing: true };
  const [a, b] = await Promise.all([post(m, '/api/v1/channel-skus/auto-link', body), post(m, '/api/v1/channel-skus/auto-link', body)]);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  const seen = (await channelSkus(m)).length;
  assert.equal(a.json.created + b.json.created, seen);
  assert.equal(a.json.linked + b.json.linked, seen);
  assert.equal((await get(m, '/api/v1/products')).total, seen);
  assert.equal((await channelSkus(m, '&linked=false')).length, 0);
});

test('two people linking the same SKU to different products at once end with one link and no error', async () => {
  const { m, skus } = await setup('link-race', { orders: 8 });
  const [cs] = await channelSkus(m, `&q=${skus[0].seller_sku}`);
  const ps = [];
  for (let i = 0; i < 6; i++) ps.push(await newProduct(m, { name: `P${i}`, sku: `RACE-${i}` }));
  const results = await Promise.all(ps.map((p) => api('PUT', `/api/v1/channel-skus/${cs.id}/link`, { token: m.token, body: { product_id: p.id } })));
  for (const r of results) assert.equal(r.status, 200, r.text);
  const [now] = (await channelSkus(m, `&q=${skus[0].seller_sku}`));
  assert.ok(ps.some((p) => p.id === now.product.id));
  const linkedCounts = await Promise.all(ps.map(async (p) => (await get(m, `/api/v1/products/${p.id}`)).linked_skus));
  assert.equal(linkedCounts.reduce((x, y) => x + y, 0), 1, 'exactly one link');
  // two new products with the same code at once: one wins, the other is told the code is taken
  const [cs2] = await channelSkus(m, `&q=${skus[1].seller_sku}`);
  const twins = await Promise.all([0, 1].map(() => api('PUT', `/api/v1/channel-skus/${cs2.id}/link`, { token: m.token, body: { new_product: { name: 'Sinh đôi', sku: 'TWIN' } } })));
  assert.deepEqual(twins.map((r) => r.status).sort(), [200, 422]);
  assert.equal((await get(m, '/api/v1/products?q=twin')).total, 1);
});

test('product images: JPEG, PNG or WebP by their bytes, at most 2 MB, served by nginx with a long cache', async () => {
  const m = await newMerchant('images');
  const upload = (bytes, type = 'application/octet-stream') =>
    api('POST', '/api/v1/product-images', { token: m.token, body: bytes, headers: { 'content-type': type } });
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from(`png-${Date.now()}`)]);
  const up = await upload(png, 'image/jpeg');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.content_type, 'image/png', 'the type comes from the bytes, not what the client says');
  assert.match(up.json.url, /^\/media\/products\/[0-9a-f]{64}\.png$/);
  const again = await upload(png);
  assert.equal(again.json.url, up.json.url, 'named by its content');
  const served = await fetch(new URL(up.json.url, process.env.BASE_URL || 'http://127.0.0.1:18080'));
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.match(served.headers.get('cache-control'), /max-age=31536000/);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);

  const jpeg = await upload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  assert.equal(jpeg.json.content_type, 'image/jpeg');
  const webp = await upload(Buffer.concat([Buffer.from('RIFF'), Buffer.from([9, 0, 0, 0]), Buffer.from('WEBPVP8 ')]));
  assert.equal(webp.json.content_type, 'image/webp');

  expectError(assert, await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png'), 415, 'unsupported_image_type');
  expectError(assert, await upload(Buffer.from('GIF89a......')), 415, 'unsupported_image_type');
  expectError(assert, await upload(Buffer.alloc(0)), 422);
  const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0);
  big.set([0xff, 0xd8, 0xff]);
  expectError(assert, await upload(big), 413);
  const justRight = Buffer.alloc(2 * 1024 * 1024, 7);
  justRight.set([0xff, 0xd8, 0xff]);
  assert.equal((await upload(justRight)).status, 201);
  expectError(assert, await api('POST', '/api/v1/product-images', { body: png }), 401);

  const p = await newProduct(m, { name: 'Có ảnh', sku: 'IMG-1', image_url: up.json.url });
  assert.equal(p.image_url, up.json.url);
});

test('pulling a shop\'s products stores every SKU with its names and image, with progress', async () => {
  const { m, conn, skus } = await setup('pull', { codes: ['P-1', 'P-2', 'P-3', 'P-4', 'P-5'], orders: 0 });
  const pull = await post(m, `/api/v1/connections/${conn.id}/pull-products`);
  assert.equal(pull.status, 202, pull.text);
  assert.equal(pull.json.job.kind, 'pull_products');
  const job = await eventually(async () => {
    const j = (await api('GET', `/api/v1/sync-jobs/${pull.json.job.id}`, { token: m.token })).json;
    return (j.state === 'done' || j.state === 'failed') && j;
  }, 'the product pull to finish');
  assert.equal(job.state, 'done', job.error);
  assert.deepEqual(job.progress, { done: 5, total: 5 });
  const list = await channelSkus(m, `&connection_id=${conn.id}`);
  assert.deepEqual(list.map((c) => c.seller_sku).sort(), skus.map((s) => s.seller_sku).sort());
  for (const c of list) {
    assert.ok(c.name.length > 0 && c.sku_name.length > 0, 'product title and SKU name');
    assert.match(c.image_url, /^https?:\/\//);
    assert.ok(Number(c.price) > 0);
    assert.ok(c.product_id.length > 0);
  }
  // linked SKUs keep their link when pulled again
  const p = await newProduct(m, { name: 'Giữ', sku: 'KEEP' });
  await api('PUT', `/api/v1/channel-skus/${list[0].id}/link`, { token: m.token, body: { product_id: p.id } });
  const second = await post(m, `/api/v1/connections/${conn.id}/pull-products`);
  await eventually(async () => (await api('GET', `/api/v1/sync-jobs/${second.json.job.id}`, { token: m.token })).json.state === 'done', 'the second pull');
  assert.equal((await channelSkus(m, '&linked=true'))[0].product.id, p.id);
  assert.equal((await channelSkus(m)).length, 5, 'no duplicates');
  const other = await newMerchant('pull-other');
  expectError(assert, await api('POST', `/api/v1/connections/${conn.id}/pull-products`, { token: other.token }), 404);
});
