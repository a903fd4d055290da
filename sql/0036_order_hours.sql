-- phase: expand
-- The merchant's orders per hour of creation (Unix hours: create_time DIV 3600), kept by triggers in the transaction
-- of every order write: a deep page of the merchant's whole list (newest or oldest first) skips whole hours by their
-- counts and walks only the rest of its offset within one hour (orders/order_page.c), instead of walking every order
-- before it. The update trigger moves an order only when its merchant or hour changes (TikTok never changes a
-- create_time; a row changed by hand stays counted right).
CREATE TABLE order_hours (
  merchant_id  BIGINT UNSIGNED NOT NULL,
  hour         BIGINT NOT NULL COMMENT 'create_time DIV 3600',
  n            BIGINT NOT NULL DEFAULT 0 COMMENT 'orders created in that hour',
  PRIMARY KEY (merchant_id, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO order_hours (merchant_id, hour, n)
SELECT merchant_id, create_time DIV 3600, COUNT(*) FROM orders GROUP BY merchant_id, create_time DIV 3600;

CREATE TRIGGER trg_order_hours_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO order_hours (merchant_id, hour, n) VALUES (NEW.merchant_id, NEW.create_time DIV 3600, 1)
  ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER trg_order_hours_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_hours (merchant_id, hour, n)
  SELECT x.m, x.h, x.d FROM (
    SELECT OLD.merchant_id AS m, OLD.create_time DIV 3600 AS h, -1 AS d
    UNION ALL
    SELECT NEW.merchant_id, NEW.create_time DIV 3600, 1
  ) x
  WHERE NOT (OLD.merchant_id = NEW.merchant_id AND OLD.create_time DIV 3600 = NEW.create_time DIV 3600)
  ON DUPLICATE KEY UPDATE n = order_hours.n + VALUES(n);

CREATE TRIGGER trg_order_hours_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_hours SET n = n - 1 WHERE merchant_id = OLD.merchant_id AND hour = OLD.create_time DIV 3600;
