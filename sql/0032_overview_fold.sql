-- phase: expand
-- The overview's sync health read per shop in the one statement of GET /api/v1/overview
-- (backend/src/overview/overview_sql.c) without walking the shop's jobs, whose number grows with its orders (one
-- order_fetch per webhook, a poll every minute): its newest Sync all among its few sync_orders jobs and its order_fetch
-- jobs waiting (their count and the oldest receipt) through the index below, and the receipt-to-processed times of the
-- last 20 processed kept in a ring of 20 rows per shop by the trigger below.
ALTER TABLE sync_jobs ADD KEY ix_sync_jobs_kind (merchant_id, connection_id, kind, state, created_at);

-- A shop's webhook notifications processed (n) and the seconds from receipt to processed of the last 20, in slot
-- n % 20 of the one processed n-th.
CREATE TABLE webhook_lag_count (
  connection_id BIGINT UNSIGNED NOT NULL,
  n BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE webhook_lags (
  connection_id BIGINT UNSIGNED NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  seconds BIGINT NOT NULL,
  PRIMARY KEY (connection_id, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the last 20 processed so far, newest in the highest slot
INSERT INTO webhook_lags (connection_id, slot, seconds)
  SELECT connection_id, 20 - rn, lag FROM (
    SELECT connection_id, TIMESTAMPDIFF(SECOND, created_at, finished_at) AS lag,
           ROW_NUMBER() OVER (PARTITION BY connection_id ORDER BY id DESC) AS rn
    FROM sync_jobs WHERE kind = 'order_fetch' AND state = 'done' AND finished_at IS NOT NULL) x
  WHERE rn <= 20;
INSERT INTO webhook_lag_count (connection_id, n) SELECT connection_id, 19 FROM webhook_lags GROUP BY connection_id;

DELIMITER ;;
-- an order_fetch job done: its time from receipt to processed over the oldest of the shop's 20 (LAST_INSERT_ID(expr)
-- hands the row's new n to the next statement of this trigger)
CREATE TRIGGER trg_overview_webhook_lag AFTER UPDATE ON sync_jobs FOR EACH ROW
BEGIN
  IF NEW.kind = 'order_fetch' AND NEW.state = 'done' AND OLD.state <> 'done' AND NEW.finished_at IS NOT NULL THEN
    INSERT INTO webhook_lag_count (connection_id, n) VALUES (NEW.connection_id, LAST_INSERT_ID(0))
      ON DUPLICATE KEY UPDATE n = LAST_INSERT_ID(n + 1);
    INSERT INTO webhook_lags (connection_id, slot, seconds)
      VALUES (NEW.connection_id, LAST_INSERT_ID() % 20, TIMESTAMPDIFF(SECOND, NEW.created_at, NEW.finished_at))
      ON DUPLICATE KEY UPDATE seconds = VALUES(seconds);
  END IF;
END;;
DELIMITER ;

-- order_counts (the orders by status, and every list total by shop, channel and status) is written by the order store
-- with its pages; the app never deletes orders, and an order removed by hand leaves these counts true too, as the
-- overview's other counters (trg_overview_orders_del, trg_order_days_del).
DELIMITER ;;
CREATE TRIGGER trg_overview_order_counts_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_counts SET n = n - 1 WHERE merchant_id = OLD.merchant_id AND channel = OLD.channel
    AND connection_id = OLD.connection_id AND status = OLD.status;;
DELIMITER ;
