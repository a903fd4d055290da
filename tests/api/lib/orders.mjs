// The orders list as the API tests read it: one page, or every order a query lists, following next_cursor.
import assert from 'node:assert/strict';
import { api } from './client.mjs';

// One page of GET /api/v1/orders?query (fresh: past the api workers' read cache); answers 200 or fails the test.
export async function listOrders(token, query, { fresh = false } = {}) {
  const headers = fresh ? { 'cache-control': 'no-cache' } : {};
  const res = await api('GET', `/api/v1/orders?${query}`, { token, headers });
  assert.equal(res.status, 200, `${query}: ${res.text}`);
  return res.json;
}

// Every order of the list (query: more parameters, each with its leading &), 200 a page, by cursor.
export async function allOrders(token, query = '', options = {}) {
  const items = [];
  let r = await listOrders(token, `per_page=200${query}`, options);
  items.push(...r.items);
  while (r.next_cursor) {
    r = await listOrders(token, `per_page=200${query}&cursor=${encodeURIComponent(r.next_cursor)}`, options);
    items.push(...r.items);
  }
  return items;
}
