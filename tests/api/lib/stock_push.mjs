// Helpers of the stock push tests: a shop's channel SKUs after a product pull, the sandbox's quantities and calls.
import { control } from './tiktok.mjs';
import { eventually } from './db.mjs';
import { call } from './stock.mjs';

// The shop's channel SKUs after a product pull.
export async function pulled(m, conn) {
  const pull = await call(m, 'POST', `/api/v1/connections/${conn.id}/pull-products`, undefined, 202);
  await eventually(async () => (await call(m, 'GET', `/api/v1/sync-jobs/${pull.job.id}`)).state === 'done', 'the product pull');
  return (await call(m, 'GET', `/api/v1/channel-skus?per_page=200&connection_id=${conn.id}`)).items;
}

// The sandbox's quantity of a SKU (summed over its warehouses), or null when never set.
export async function sandboxQty(shop, skuId) {
  const res = await control('GET', `/sandbox/shops/${shop.id}/products`);
  for (const p of res.products) for (const s of p.skus) if (s.id === skuId) return s.inventory.length ? s.inventory.reduce((a, i) => a + i.quantity, 0) : null;
  throw new Error(`no SKU ${skuId} in the sandbox`);
}

export async function updates(shop) {
  return (await control('GET', `/sandbox/shops/${shop.id}/inventory-updates?limit=5000`)).updates;
}

export async function settle(shop, skuId, want, what, timeoutMs = 20000) {
  await eventually(async () => (await sandboxQty(shop, skuId)) === want, `${what}: the sandbox quantity to be ${want}`, { timeoutMs });
}
