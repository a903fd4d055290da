-- phase: expand
-- The merchant's orders with a live export slip per hour of creation, kept by triggers on orders (has_live_slip is
-- set by the slips' own triggers, so every slip made or cancelled passes here): a deep page of "with an export slip"
-- skips whole hours by these counts, and one of "without an export slip" by order_hours' less these
-- (orders/order_page.c), as the whole list does.
CREATE TABLE order_slip_hours (
  merchant_id  BIGINT UNSIGNED NOT NULL,
  hour         BIGINT NOT NULL COMMENT 'create_time DIV 3600',
  n            BIGINT NOT NULL DEFAULT 0 COMMENT 'orders created in that hour with a live slip',
  PRIMARY KEY (merchant_id, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO order_slip_hours (merchant_id, hour, n)
SELECT merchant_id, create_time DIV 3600, COUNT(*) FROM orders WHERE has_live_slip = 1
GROUP BY merchant_id, create_time DIV 3600;

CREATE TRIGGER trg_order_slip_hours_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO order_slip_hours (merchant_id, hour, n)
  SELECT NEW.merchant_id, NEW.create_time DIV 3600, 1 FROM DUAL WHERE NEW.has_live_slip = 1
  ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER trg_order_slip_hours_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_slip_hours (merchant_id, hour, n)
  SELECT x.m, x.h, x.d FROM (
    SELECT OLD.merchant_id AS m, OLD.create_time DIV 3600 AS h, -1 AS d FROM DUAL WHERE OLD.has_live_slip = 1
    UNION ALL
    SELECT NEW.merchant_id, NEW.create_time DIV 3600, 1 FROM DUAL WHERE NEW.has_live_slip = 1
  ) x
  WHERE NOT (OLD.merchant_id = NEW.merchant_id AND OLD.create_time DIV 3600 = NEW.create_time DIV 3600
             AND OLD.has_live_slip = NEW.has_live_slip)
  ON DUPLICATE KEY UPDATE n = order_slip_hours.n + VALUES(n);

CREATE TRIGGER trg_order_slip_hours_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_slip_hours SET n = n - 1
  WHERE OLD.has_live_slip = 1 AND merchant_id = OLD.merchant_id AND hour = OLD.create_time DIV 3600;
