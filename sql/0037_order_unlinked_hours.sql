-- phase: expand
-- The merchant's orders with an unlinked line per hour of creation, kept by triggers on order_unlinked (whoever writes
-- it: the order store, the SKU link procedures): a deep page of "some item unlinked" skips whole hours by these
-- counts, and one of "every item linked" by order_hours' less these (orders/order_page.c), as the whole list does.
CREATE TABLE order_unlinked_hours (
  merchant_id  BIGINT UNSIGNED NOT NULL,
  hour         BIGINT NOT NULL COMMENT 'create_time DIV 3600',
  n            BIGINT NOT NULL DEFAULT 0 COMMENT 'orders created in that hour with an unlinked line',
  PRIMARY KEY (merchant_id, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO order_unlinked_hours (merchant_id, hour, n)
SELECT merchant_id, create_time DIV 3600, COUNT(*) FROM order_unlinked GROUP BY merchant_id, create_time DIV 3600;

CREATE TRIGGER trg_order_unlinked_hours_ins AFTER INSERT ON order_unlinked FOR EACH ROW
  INSERT INTO order_unlinked_hours (merchant_id, hour, n) VALUES (NEW.merchant_id, NEW.create_time DIV 3600, 1)
  ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER trg_order_unlinked_hours_upd AFTER UPDATE ON order_unlinked FOR EACH ROW
  INSERT INTO order_unlinked_hours (merchant_id, hour, n)
  SELECT x.m, x.h, x.d FROM (
    SELECT OLD.merchant_id AS m, OLD.create_time DIV 3600 AS h, -1 AS d
    UNION ALL
    SELECT NEW.merchant_id, NEW.create_time DIV 3600, 1
  ) x
  WHERE NOT (OLD.merchant_id = NEW.merchant_id AND OLD.create_time DIV 3600 = NEW.create_time DIV 3600)
  ON DUPLICATE KEY UPDATE n = order_unlinked_hours.n + VALUES(n);

CREATE TRIGGER trg_order_unlinked_hours_del AFTER DELETE ON order_unlinked FOR EACH ROW
  UPDATE order_unlinked_hours SET n = n - 1 WHERE merchant_id = OLD.merchant_id AND hour = OLD.create_time DIV 3600;
