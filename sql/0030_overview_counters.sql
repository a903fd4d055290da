-- phase: expand
-- The home screen's tiles kept as counters in the transactions of the writes that change them, so GET
-- /api/v1/overview reads them in one statement instead of counting each list at read time. The order store keeps
-- what its pages of orders change as one delta per chunk (backend/src/orders/order_tally.c); the triggers below keep
-- what other writers change (a slip, a link, stock, an after-sales request), each guarded so that it does nothing
-- for the rows it is not about. tts_overview_recount() rebuilds every counter from the rows (this migration, a bulk
-- load that bypassed the store); it is not for a live database with writers.

-- The orders with a line not linked to a product (no channel SKU, or one without product_id), each with the number
-- of such lines: the overview's "orders with an unlinked item" is the number of rows. Written by the order store with
-- the lines, moved by trg_overview_sku_* when a channel SKU is linked or unlinked. A table of its own rather than a
-- column of orders: a link changes thousands of these rows at once, and an update of orders would run the orders'
-- own triggers for each of them.
CREATE TABLE order_unlinked (
  order_id BIGINT UNSIGNED NOT NULL,
  merchant_id BIGINT UNSIGNED NOT NULL,
  n SMALLINT UNSIGNED NOT NULL COMMENT 'its lines not linked to a product, above 0',
  PRIMARY KEY (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
  DELETE FROM order_unlinked;
  INSERT INTO order_unlinked (order_id, merchant_id, n)
    SELECT ol.order_id, MIN(ol.merchant_id), LEAST(COUNT(*), 65535) FROM order_lines ol
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

-- A channel SKU's orders when it turns linked (delta -1) or unlinked (+1): each order's row of order_unlinked, and
-- the merchant's orders_unlinked by the rows that come or go (counted by the statement that makes or removes them:
-- ROW_COUNT()). An order has at most one line per channel SKU (uq_order_lines_sku).
CREATE PROCEDURE tts_overview_sku_orders(IN sku BIGINT UNSIGNED, IN merchant BIGINT UNSIGNED, IN delta INT)
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
    INSERT IGNORE INTO order_unlinked (order_id, merchant_id, n)
      SELECT ol.order_id, ol.merchant_id, 1 FROM order_lines ol WHERE ol.channel_sku_id = sku AND ol.merchant_id = merchant;
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
BEGIN
  IF OLD.has_live_slip <> NEW.has_live_slip THEN
    INSERT INTO order_slip_days (merchant_id, status, day, connection_id, no_slip, with_slip)
    VALUES (OLD.merchant_id, OLD.status, FLOOR((OLD.create_time + 25200) / 86400), OLD.connection_id,
            -(OLD.has_live_slip = 0), -(OLD.has_live_slip <> 0)),
           (NEW.merchant_id, NEW.status, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id,
            (NEW.has_live_slip = 0), (NEW.has_live_slip <> 0))
    ON DUPLICATE KEY UPDATE no_slip = no_slip + VALUES(no_slip), with_slip = with_slip + VALUES(with_slip);
  END IF;
END;;

-- the app never deletes orders; a row removed by hand leaves the counters true all the same
CREATE TRIGGER trg_overview_orders_del AFTER DELETE ON orders FOR EACH ROW
BEGIN
  UPDATE order_slip_days SET no_slip = no_slip - (OLD.has_live_slip = 0), with_slip = with_slip - (OLD.has_live_slip <> 0)
    WHERE merchant_id = OLD.merchant_id AND status = OLD.status AND day = FLOOR((OLD.create_time + 25200) / 86400)
      AND connection_id = OLD.connection_id;
  DELETE FROM order_unlinked WHERE order_id = OLD.id;
  CALL tts_overview_count(OLD.merchant_id, 'orders_unlinked', -ROW_COUNT());
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
BEGIN
  IF NOT (OLD.available = NEW.available AND OLD.merchant_id = NEW.merchant_id) THEN
    INSERT INTO stock_levels (merchant_id, available, shard, n)
    VALUES (OLD.merchant_id, OLD.available, CONNECTION_ID() % 16, -1), (NEW.merchant_id, NEW.available, CONNECTION_ID() % 16, 1)
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;;

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
