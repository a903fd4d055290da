-- The overview's chart without grouping orders: orders and revenue per merchant, shop, day and currency kept by
-- triggers in the transaction of every order write (the chart reads 30 rows per shop instead of grouping a month of
-- orders, however many orders that month holds), and the merchant's low-stock threshold.

-- Days are Vietnam days (UTC+7) as day numbers since 1970; revenue leaves cancelled orders out.
CREATE TABLE order_days (
  merchant_id    BIGINT UNSIGNED NOT NULL,
  day            INT NOT NULL,
  connection_id  BIGINT UNSIGNED NOT NULL,
  currency       CHAR(3) NOT NULL,
  orders         BIGINT NOT NULL DEFAULT 0,
  revenue        DECIMAL(20,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, day, connection_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- These skip their write while the session variable @tts_bulk_load is set (for a bulk load that recounted order_days
-- afterwards); sql/0018 redefines them without that switch.
CREATE TRIGGER trg_order_days_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
  SELECT NEW.merchant_id, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id, NEW.currency, 1,
         IF(NEW.status <> 'cancelled', NEW.total_amount, 0) FROM DUAL WHERE @tts_bulk_load IS NULL
  ON DUPLICATE KEY UPDATE orders = orders + 1, revenue = revenue + VALUES(revenue);

-- An update moves the order out of its old row and into its new one, only when what the chart counts changed.
CREATE TRIGGER trg_order_days_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
  SELECT x.m, x.d, x.c, x.cur, x.n, x.rev FROM (
    SELECT OLD.merchant_id AS m, FLOOR((OLD.create_time + 25200) / 86400) AS d, OLD.connection_id AS c,
           OLD.currency AS cur, -1 AS n, -IF(OLD.status <> 'cancelled', OLD.total_amount, 0) AS rev
    UNION ALL
    SELECT NEW.merchant_id, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id, NEW.currency, 1,
           IF(NEW.status <> 'cancelled', NEW.total_amount, 0)
  ) x
  WHERE @tts_bulk_load IS NULL AND NOT (OLD.merchant_id = NEW.merchant_id AND OLD.connection_id = NEW.connection_id
             AND OLD.create_time = NEW.create_time AND OLD.currency = NEW.currency
             AND OLD.total_amount = NEW.total_amount AND (OLD.status = 'cancelled') = (NEW.status = 'cancelled'))
  ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);

-- The app never deletes orders; a row removed by hand leaves the counters true all the same.
CREATE TRIGGER trg_order_days_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_days SET orders = orders - 1, revenue = revenue - IF(OLD.status <> 'cancelled', OLD.total_amount, 0)
  WHERE merchant_id = OLD.merchant_id AND day = FLOOR((OLD.create_time + 25200) / 86400)
    AND connection_id = OLD.connection_id AND currency = OLD.currency AND @tts_bulk_load IS NULL;

INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
SELECT merchant_id, FLOOR((create_time + 25200) / 86400), connection_id, currency, COUNT(*),
       SUM(IF(status <> 'cancelled', total_amount, 0))
FROM orders GROUP BY merchant_id, FLOOR((create_time + 25200) / 86400), connection_id, currency;

-- Low stock: one threshold per merchant; a stock row (warehouse, product) is low when its available quantity is
-- at or below it. One number works for every product from the first day, with nothing to fill in per product.
ALTER TABLE merchants ADD COLUMN low_stock_threshold INT NOT NULL DEFAULT 5
  COMMENT 'a stock row is low when available <= this';
