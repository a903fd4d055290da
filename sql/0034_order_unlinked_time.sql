-- phase: expand
-- The orders with an unlinked line carry their order's create time, in a key the orders list reads them by: "some
-- item unlinked" is a walk of this key newest or oldest first (each order then read by its id), and "every item
-- linked" the orders less these, without reading any order's lines. Every writer fills it: the order store with the
-- row, the SKU link procedure from the orders it joins. The DEFAULT lets a binary of the release before write rows
-- while the new one rolls out (such a row sorts as the oldest until its order is stored again).
SET SESSION lock_wait_timeout = 10;

ALTER TABLE order_unlinked
  ADD COLUMN create_time BIGINT NOT NULL DEFAULT 0 COMMENT 'its order''s create_time' AFTER merchant_id,
  ADD KEY ix_order_unlinked_time (merchant_id, create_time, order_id),
  ALGORITHM=INPLACE, LOCK=NONE;

-- one row per order with an unlinked line: a small table beside orders
UPDATE order_unlinked u JOIN orders o ON o.id = u.order_id SET u.create_time = o.create_time;

DELIMITER ;;
CREATE OR REPLACE PROCEDURE tts_overview_recount()
BEGIN
  DELETE FROM order_unlinked;
  INSERT INTO order_unlinked (order_id, merchant_id, create_time, n)
    SELECT ol.order_id, MIN(ol.merchant_id), MIN(o.create_time), LEAST(COUNT(*), 65535) FROM order_lines ol
    JOIN orders o ON o.id = ol.order_id
    LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id
    WHERE cs.product_id IS NULL GROUP BY ol.order_id;
  DELETE FROM order_slip_days;
  INSERT INTO order_slip_days (merchant_id, status, day, connection_id, no_slip, with_slip)
    SELECT merchant_id, status, FLOOR((create_time + 25200) / 86400), connection_id, SUM(has_live_slip = 0),
           SUM(has_live_slip = 1)
    FROM orders GROUP BY merchant_id, status, FLOOR((create_time + 25200) / 86400), connection_id;
  DELETE FROM overview_counts;
  INSERT INTO overview_counts (merchant_id, counter, shard, n)
    SELECT merchant_id, 'orders_unlinked', 0, COUNT(*) FROM order_unlinked GROUP BY merchant_id
    UNION ALL
    SELECT merchant_id, 'orders_to_arrange', 0, COUNT(*) FROM orders WHERE channel_status = 'AWAITING_SHIPMENT'
    GROUP BY merchant_id
    UNION ALL
    SELECT merchant_id, 'unlinked_skus', 0, COUNT(*) FROM channel_skus WHERE product_id IS NULL GROUP BY merchant_id
    UNION ALL
    SELECT merchant_id, 'slips_awaiting_export', 0, COUNT(*) FROM export_slips WHERE status = 'awaiting_export'
    GROUP BY merchant_id
    UNION ALL
    SELECT merchant_id, 'after_sales_waiting', 0, COUNT(*) FROM after_sales_requests WHERE status = 'waiting'
    GROUP BY merchant_id;
  DELETE FROM stock_levels;
  INSERT INTO stock_levels (merchant_id, available, shard, n)
    SELECT merchant_id, available, 0, COUNT(*) FROM stock GROUP BY merchant_id, available;
END;;

-- As sql/0030's, the rows it makes with their order's create time.
CREATE OR REPLACE PROCEDURE tts_overview_sku_orders(IN sku BIGINT UNSIGNED, IN merchant BIGINT UNSIGNED, IN delta INT)
BEGIN
  DECLARE crossed BIGINT DEFAULT 0;
  IF delta < 0 THEN
    DELETE u FROM order_unlinked u JOIN order_lines ol ON ol.order_id = u.order_id
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND u.n = 1;
    SET crossed = -ROW_COUNT();
    UPDATE order_unlinked u JOIN order_lines ol ON ol.order_id = u.order_id SET u.n = u.n - 1
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND u.n > 1;
  ELSE
    UPDATE order_unlinked u JOIN order_lines ol ON ol.order_id = u.order_id SET u.n = u.n + 1
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant;
    INSERT IGNORE INTO order_unlinked (order_id, merchant_id, create_time, n)
      SELECT ol.order_id, ol.merchant_id, o.create_time, 1 FROM order_lines ol JOIN orders o ON o.id = ol.order_id
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant;
    SET crossed = ROW_COUNT();
  END IF;
  IF crossed <> 0 THEN
    INSERT INTO overview_counts (merchant_id, counter, shard, n)
      VALUES (merchant, 'orders_unlinked', CONNECTION_ID() % 16, crossed)
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;;
DELIMITER ;
