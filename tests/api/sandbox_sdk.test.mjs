// An unmodified public TikTok Shop SDK (npm tiktok-shop-sdk), pointed at the sandbox, fetches tokens,
// shops and orders with its own signing. It has TikTok's hosts built in, so only the network is redirected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TikTokShopSDK } from 'tiktok-shop-sdk';
import { control, newSeller, makeOrders, SANDBOX_URL } from './lib/tiktok.mjs';

const TIKTOK_HOSTS = ['https://open-api.tiktokglobalshop.com', 'https://auth.tiktok-shops.com'];
const realFetch = globalThis.fetch;
const seen = [];

before(() => {
  // What a hosts-file entry would do: TikTok's hosts resolve to the sandbox.
  globalThis.fetch = (url, init) => {
    let u = String(url);
    for (const host of TIKTOK_HOSTS) {
      if (u.startsWith(host)) {
        seen.push(new URL(u).pathname);
        u = SANDBOX_URL + u.slice(host.length);
      }
    }
    return realFetch(u, init);
  };
});
after(() => { globalThis.fetch = realFetch; });

test('the SDK gets a token, the authorized shops and the orders', async () => {
  const app = await control('GET', '/sandbox/app');
  const seller = await newSeller(1, 'sdk');
  const shop = seller.shops[0];
  await control('POST', `/sandbox/shops/${shop.id}/products`, { count: 3, skus_per_product: 2 });
  const made = await makeOrders(shop.id, { count: 7, days_back: 10 });
  const { redirect_url } = await control('POST', '/sandbox/authorize', { email: seller.email, password: seller.password, state: 'sdk' });
  const code = new URL(redirect_url).searchParams.get('code');

  const sdk = new TikTokShopSDK({ appKey: app.app_key, appSecret: app.app_secret });
  const token = await sdk.auth.getAccessToken({ auth_code: code, grant_type: 'authorized_code' });
  assert.equal(token.code, 0);
  assert.ok(token.data.access_token);
  assert.ok(token.data.access_token_expire_in > Date.now() / 1000);

  sdk.setAccessToken(token.data.access_token);
  const shops = await sdk.shop.getAuthorizedShops();
  assert.equal(shops.code, 0);
  const found = shops.data.shops.find((s) => s.id === shop.id);
  assert.ok(found, 'the seller\'s shop is listed');
  assert.equal(found.cipher, shop.cipher);

  sdk.setShopCipher(found.cipher);
  const list = await sdk.order.getOrderList({ query: { page_size: 50, sort_field: 'create_time', sort_order: 'DESC' }, body: { create_time_ge: 1 } });
  assert.equal(list.code, 0);
  assert.deepEqual(list.data.orders.map((o) => o.id).sort(), made.map((o) => o.id).sort());

  const ids = made.slice(0, 3).map((o) => o.id);
  const detail = await sdk.order.getOrderDetail({ ids });
  assert.equal(detail.code, 0);
  assert.deepEqual(detail.data.orders.map((o) => o.id).sort(), ids.sort());
  assert.deepEqual([...new Set(seen)].sort(), ['/api/v2/token/get', '/authorization/202309/shops', '/order/202309/orders',
    '/order/202309/orders/search'].sort(), 'every call went to the sandbox');
});

test('a call the SDK signs with another secret is refused with TikTok\'s error', async () => {
  const app = await control('GET', '/sandbox/app');
  const sdk = new TikTokShopSDK({ appKey: app.app_key, appSecret: 'not-the-secret' });
  sdk.setAccessToken('whatever');
  await assert.rejects(sdk.shop.getAuthorizedShops(), (e) => e.code === 106001);
});
