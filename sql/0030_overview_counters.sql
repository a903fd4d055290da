-- phase: expand
-- The home screen's tiles kept as counters in the transactions of the writes that change them, so GET
-- /api/v1/overview reads them in one statement instead of counting each list at read time. The order store keeps
-- what its pages of orders change as one delta per chunk (backend/src/orders/order_tally.c); the triggers below keep
-- what other writers change (a slip, a link, stock, an after-sales request), each guarded so that it does nothing
-- for the rows it is not about. tts_overview_recount() rebuilds every counter from the rows (this migration, a bulk
-- load that bypassed the store); it is not for a live database with writers.

-- The lines of an order not linked to a product (no channel SKU, or one without product_id): the orders list's
-- all_linked filter and the overview's "orders with an unlinked item" count orders where it is above 0. Written by
-- the order store with the lines, moved by trg_overview_sku_* when a channel SKU is linked or unlinked.
ALTER TABLE orders ADD COLUMN unlinked_lines SMALLINT UNSIGNED NOT NULL DEFAULT 0
  COMMENT 'its lines not linked to a product (kept with the links)';

-- Orders per app status and Vietnam day of their create time (as order_days counts days), without and with a live
-- export slip: the "no slip yet" tiles sum a window of days, "cancelled with a slip" every day.
CREATE TABLE order_slip_days (
  merchant_id BIGINT UNSIGNED NOT NULL,
  status VARCHAR(32) NOT NULL,
  day INT NOT NULL,
  connection_id BIGINT UNSIGNED NOT NULL,
  no_slip BIGINT NOT NULL DEFAULT 0,
  with_slip BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, status, day, connection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A merchant's other tile counters, split in shards (CONNECTION_ID() % 16, as merchant_versions) so that writers in
-- different sessions rarely wait for each other's row; a number is the sum of its shards.
CREATE TABLE overview_counts (
  merchant_id BIGINT UNSIGNED NOT NULL,
  counter VARCHAR(32) NOT NULL COMMENT 'orders_unlinked, orders_to_arrange, unlinked_skus, slips_awaiting_export, after_sales_waiting',
  shard TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, counter, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Stock rows per available quantity: the low-stock tile is the rows at or below the merchant's threshold, so a new
-- threshold needs no recount.
CREATE TABLE stock_levels (
  merchant_id BIGINT UNSIGNED NOT NULL,
  available BIGINT NOT NULL,
  shard TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, available, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER ;;
-- Every counter from the rows (the orders' unlinked lines first).
CREATE PROCEDURE tts_overview_recount()
BEGIN
  UPDATE orders SET unlinked_lines = 0 WHERE unlinked_lines <> 0;
  UPDATE orders o JOIN (SELECT ol.order_id, COUNT(*) AS n FROM order_lines ol
                        LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id
                        WHERE cs.product_id IS NULL GROUP BY ol.order_id) u ON u.order_id = o.id
    SET o.unlinked_lines = LEAST(u.n, 65535);
  DELETE FROM order_slip_days;
  INSERT INTO order_slip_days (merchant_id, status, day, connection_id, no_slip, with_slip)
    SELECT merchant_id, status, FLOOR((create_time + 25200) / 86400), connection_id, SUM(has_live_slip = 0),
           SUM(has_live_slip = 1)
    FROM orders GROUP BY merchant_id, status, FLOOR((create_time + 25200) / 86400), connection_id;
  DELETE FROM overview_counts;
  INSERT INTO overview_counts (merchant_id, counter, shard, n)
    SELECT merchant_id, 'orders_unlinked', 0, COUNT(*) FROM orders WHERE unlinked_lines > 0 GROUP BY merchant_id
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

-- A channel SKU's orders when it turns linked (delta -1) or unlinked (+1): each order's unlinked_lines, and the
-- merchant's orders_unlinked by the orders that cross 0 (counted by the pass that moves them: ROW_COUNT()). An order
-- has at most one line per channel SKU (uq_order_lines_sku).
CREATE PROCEDURE tts_overview_sku_orders(IN sku BIGINT UNSIGNED, IN merchant BIGINT UNSIGNED, IN delta INT)
BEGIN
  DECLARE crossed BIGINT DEFAULT 0;
  IF delta < 0 THEN
    UPDATE orders o JOIN order_lines ol ON ol.order_id = o.id SET o.unlinked_lines = 0
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND o.unlinked_lines = 1;
    SET crossed = -ROW_COUNT();
    UPDATE orders o JOIN order_lines ol ON ol.order_id = o.id SET o.unlinked_lines = o.unlinked_lines - 1
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND o.unlinked_lines > 1;
  ELSE
    UPDATE orders o JOIN order_lines ol ON ol.order_id = o.id SET o.unlinked_lines = o.unlinked_lines + 1
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND o.unlinked_lines > 0;
    UPDATE orders o JOIN order_lines ol ON ol.order_id = o.id SET o.unlinked_lines = 1
      WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant AND o.unlinked_lines = 0;
    SET crossed = ROW_COUNT();
  END IF;
  IF crossed <> 0 THEN
    INSERT INTO overview_counts (merchant_id, counter, shard, n)
      VALUES (merchant, 'orders_unlinked', CONNECTION_ID() % 16, crossed)
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;;

-- A change to counter of merchant (0 changes nothing).
CREATE PROCEDURE tts_overview_count(IN merchant BIGINT UNSIGNED, IN name VARCHAR(32), IN delta BIGINT)
BEGIN
  IF delta <> 0 THEN
    INSERT INTO overview_counts (merchant_id, counter, shard, n) VALUES (merchant, name, CONNECTION_ID() % 16, delta)
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;;

-- orders: the store writes its own deltas (a chunk at a time); a slip made or cancelled (trg_orders_live_slip_*)
-- moves the order between no_slip and with_slip, out of its old row and into its new one.
CREATE TRIGGER trg_overview_orders_slip AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_slip_days (merchant_id, status, day, connection_id, no_slip, with_slip)
  SELECT x.m, x.s, x.d, x.c, x.n, x.w FROM (
    SELECT OLD.merchant_id AS m, OLD.status AS s, FLOOR((OLD.create_time + 25200) / 86400) AS d,
           OLD.connection_id AS c, -(OLD.has_live_slip = 0) AS n, -(OLD.has_live_slip <> 0) AS w
    UNION ALL
    SELECT NEW.merchant_id, NEW.status, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id,
           (NEW.has_live_slip = 0), (NEW.has_live_slip <> 0)
  ) x
  WHERE OLD.has_live_slip <> NEW.has_live_slip
  ON DUPLICATE KEY UPDATE no_slip = no_slip + VALUES(no_slip), with_slip = with_slip + VALUES(with_slip);;

-- the app never deletes orders; a row removed by hand leaves the counters true all the same
CREATE TRIGGER trg_overview_orders_del AFTER DELETE ON orders FOR EACH ROW
BEGIN
  UPDATE order_slip_days SET no_slip = no_slip - (OLD.has_live_slip = 0), with_slip = with_slip - (OLD.has_live_slip <> 0)
    WHERE merchant_id = OLD.merchant_id AND status = OLD.status AND day = FLOOR((OLD.create_time + 25200) / 86400)
      AND connection_id = OLD.connection_id;
  CALL tts_overview_count(OLD.merchant_id, 'orders_unlinked', -(OLD.unlinked_lines > 0));
  CALL tts_overview_count(OLD.merchant_id, 'orders_to_arrange', -(OLD.channel_status = 'AWAITING_SHIPMENT'));
END;;

-- channel_skus: only a new unlinked SKU, a change between linked and unlinked, or a SKU removed
CREATE TRIGGER trg_overview_sku_ins AFTER INSERT ON channel_skus FOR EACH ROW
BEGIN
  IF NEW.product_id IS NULL THEN
    CALL tts_overview_count(NEW.merchant_id, 'unlinked_skus', 1);
  END IF;
END;;

CREATE TRIGGER trg_overview_sku_upd AFTER UPDATE ON channel_skus FOR EACH ROW
BEGIN
  IF (OLD.product_id IS NULL) <> (NEW.product_id IS NULL) THEN
    CALL tts_overview_count(NEW.merchant_id, 'unlinked_skus', IF(NEW.product_id IS NULL, 1, -1));
    CALL tts_overview_sku_orders(NEW.id, NEW.merchant_id, IF(NEW.product_id IS NULL, 1, -1));
  END IF;
END;;

CREATE TRIGGER trg_overview_sku_del AFTER DELETE ON channel_skus FOR EACH ROW
BEGIN
  IF OLD.product_id IS NULL THEN
    CALL tts_overview_count(OLD.merchant_id, 'unlinked_skus', -1);
  ELSE
    CALL tts_overview_sku_orders(OLD.id, OLD.merchant_id, 1);
  END IF;
END;;

-- export_slips: only a slip entering or leaving awaiting_export
CREATE TRIGGER trg_overview_slips_ins AFTER INSERT ON export_slips FOR EACH ROW
BEGIN
  IF NEW.status = 'awaiting_export' THEN
    CALL tts_overview_count(NEW.merchant_id, 'slips_awaiting_export', 1);
  END IF;
END;;

CREATE TRIGGER trg_overview_slips_upd AFTER UPDATE ON export_slips FOR EACH ROW
BEGIN
  IF (OLD.status = 'awaiting_export') <> (NEW.status = 'awaiting_export') THEN
    CALL tts_overview_count(NEW.merchant_id, 'slips_awaiting_export', IF(NEW.status = 'awaiting_export', 1, -1));
  END IF;
END;;

CREATE TRIGGER trg_overview_slips_del AFTER DELETE ON export_slips FOR EACH ROW
BEGIN
  IF OLD.status = 'awaiting_export' THEN
    CALL tts_overview_count(OLD.merchant_id, 'slips_awaiting_export', -1);
  END IF;
END;;

-- stock: a row moves between levels only when its available quantity changes
CREATE TRIGGER trg_overview_stock_ins AFTER INSERT ON stock FOR EACH ROW
  INSERT INTO stock_levels (merchant_id, available, shard, n) VALUES (NEW.merchant_id, NEW.available, CONNECTION_ID() % 16, 1)
  ON DUPLICATE KEY UPDATE n = n + 1;;

CREATE TRIGGER trg_overview_stock_upd AFTER UPDATE ON stock FOR EACH ROW
  INSERT INTO stock_levels (merchant_id, available, shard, n)
  SELECT x.m, x.a, CONNECTION_ID() % 16, x.d FROM (
    SELECT OLD.merchant_id AS m, OLD.available AS a, -1 AS d
    UNION ALL
    SELECT NEW.merchant_id, NEW.available, 1
  ) x
  WHERE NOT (OLD.available = NEW.available AND OLD.merchant_id = NEW.merchant_id)
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);;

CREATE TRIGGER trg_overview_stock_del AFTER DELETE ON stock FOR EACH ROW
  INSERT INTO stock_levels (merchant_id, available, shard, n) VALUES (OLD.merchant_id, OLD.available, CONNECTION_ID() % 16, -1)
  ON DUPLICATE KEY UPDATE n = n - 1;;

-- after_sales_requests: only a request entering or leaving waiting (the store's upsert is an update)
CREATE TRIGGER trg_overview_after_sales_ins AFTER INSERT ON after_sales_requests FOR EACH ROW
BEGIN
  IF NEW.status = 'waiting' THEN
    CALL tts_overview_count(NEW.merchant_id, 'after_sales_waiting', 1);
  END IF;
END;;

CREATE TRIGGER trg_overview_after_sales_upd AFTER UPDATE ON after_sales_requests FOR EACH ROW
BEGIN
  IF (OLD.status = 'waiting') <> (NEW.status = 'waiting') THEN
    CALL tts_overview_count(NEW.merchant_id, 'after_sales_waiting', IF(NEW.status = 'waiting', 1, -1));
  END IF;
END;;

CREATE TRIGGER trg_overview_after_sales_del AFTER DELETE ON after_sales_requests FOR EACH ROW
BEGIN
  IF OLD.status = 'waiting' THEN
    CALL tts_overview_count(OLD.merchant_id, 'after_sales_waiting', -1);
  END IF;
END;;
DELIMITER ;

CALL tts_overview_recount();
