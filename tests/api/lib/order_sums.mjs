// A shop's stored orders and every figure derived from them, for the tests that sync orders and check that each one
// is stored once with its per-status totals, days, name words, lines and history.
import assert from 'node:assert/strict';
import { sql } from './db.mjs';

// The shop's stored rows and every figure derived from them, read in one statement (one consistent view).
export function snapshot(connId) {
  const c = Number(connId);
  const [row] = sql(`SELECT
      (SELECT COUNT(*) FROM orders WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(n), 0) FROM order_counts WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM order_counts oc WHERE oc.connection_id = ${c}
         AND oc.n <> (SELECT COUNT(*) FROM orders o WHERE o.connection_id = ${c} AND o.status = oc.status)),
      (SELECT COALESCE(SUM(orders), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(revenue), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE connection_id = ${c} AND status <> 'cancelled'),
      (SELECT COALESCE(SUM(cancelled), 0) FROM order_days WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM orders WHERE connection_id = ${c} AND status = 'cancelled'),
      (SELECT COUNT(*) FROM order_days d WHERE d.connection_id = ${c} AND d.orders <> (SELECT COUNT(*) FROM orders o
         WHERE o.connection_id = ${c} AND FLOOR((o.create_time + 25200) / 86400) = d.day)),
      (SELECT COUNT(*) FROM order_words w JOIN orders o ON o.id = w.order_id WHERE o.connection_id = ${c}),
      (SELECT COUNT(DISTINCT w.order_id) FROM order_words w JOIN orders o ON o.id = w.order_id WHERE o.connection_id = ${c}),
      (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.connection_id = ${c}),
      (SELECT COALESCE(SUM(item_count), 0) FROM orders WHERE connection_id = ${c}),
      (SELECT COUNT(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id WHERE o.connection_id = ${c})`);
  const [orders, counted, countRowsOff, dayOrders, dayRevenue, revenue, dayCancelled, cancelled, dayRowsOff, words,
    ordersWithWords, lines, items, history] = row;
  return { orders: Number(orders), counted: Number(counted), countRowsOff: Number(countRowsOff), dayOrders: Number(dayOrders),
    dayRevenue, revenue, dayCancelled: Number(dayCancelled), cancelled: Number(cancelled), dayRowsOff: Number(dayRowsOff),
    words: Number(words), ordersWithWords: Number(ordersWithWords), lines: Number(lines), items: Number(items), history: Number(history) };
}

export function assertExact(s, n, what) {
  assert.equal(s.orders, n, `${what}: every order once`);
  assert.equal(s.counted, n, `${what}: order_counts adds up to the orders`);
  assert.equal(s.countRowsOff, 0, `${what}: each status's counter equals its orders`);
  assert.equal(s.dayOrders, n, `${what}: order_days adds up to the orders`);
  assert.equal(s.dayRowsOff, 0, `${what}: each day's counter equals its orders`);
  assert.equal(s.dayRevenue, s.revenue, `${what}: order_days' revenue equals the orders' (cancelled left out)`);
  assert.equal(s.dayCancelled, s.cancelled, `${what}: the cancellations counted equal the cancelled orders`);
  assert.equal(s.ordersWithWords, n, `${what}: every order has its name words`);
}
