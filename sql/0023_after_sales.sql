-- phase: expand
-- After-sales: the cancellation and return requests buyers raise on TikTok, kept by sync jobs (one row per TikTok
-- request, never moved back by an older answer), the reasons TikTok accepts for refusing each, and the ties between a
-- request and the stock: the return receipt that took its goods back (one at most, by a unique key) and the ledger
-- rows it caused.

CREATE TABLE after_sales_requests (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id       BIGINT UNSIGNED NOT NULL,
  connection_id     BIGINT UNSIGNED NOT NULL,
  source            ENUM('cancellation','return') NOT NULL COMMENT 'which TikTok id space external_id is in',
  external_id       VARCHAR(64) NOT NULL COMMENT 'TikTok''s cancel_id or return_id',
  external_order_id VARCHAR(64) NOT NULL,
  order_id          BIGINT UNSIGNED NULL COMMENT 'the app''s order once synced',
  kind              ENUM('cancellation','return','refund') NOT NULL COMMENT 'refund: money back, goods stay with the buyer',
  status            VARCHAR(16) NOT NULL COMMENT 'waiting, approved, rejected, withdrawn, completed, in_progress, other',
  tiktok_status     VARCHAR(64) NOT NULL,
  tiktok_type       VARCHAR(32) NOT NULL DEFAULT '',
  role              VARCHAR(16) NOT NULL DEFAULT '' COMMENT 'who raised it: BUYER, SELLER, SYSTEM',
  reason            VARCHAR(128) NOT NULL DEFAULT '',
  reason_text       VARCHAR(500) NOT NULL DEFAULT '',
  seller_action     VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'what TikTok waits for from the seller',
  deadline          BIGINT NULL COMMENT 'TikTok''s response deadline (Unix seconds); NULL when nothing is awaited',
  refund_total      DECIMAL(18,2) NOT NULL DEFAULT 0,
  currency          CHAR(3) NOT NULL DEFAULT '',
  tt_create_time    BIGINT NOT NULL DEFAULT 0,
  tt_update_time    BIGINT NOT NULL DEFAULT 0 COMMENT 'an answer older than this one never overwrites it',
  answer_state      ENUM('none','sending','refused') NOT NULL DEFAULT 'none',
  answer_action     VARCHAR(16) NOT NULL DEFAULT '' COMMENT 'approve or reject: the last answer sent from the app',
  answer_reason     VARCHAR(128) NOT NULL DEFAULT '',
  answer_note       VARCHAR(1000) NOT NULL DEFAULT '',
  answer_images     VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'TikTok image ids, comma separated',
  answer_job_id     BIGINT UNSIGNED NULL,
  answer_code       VARCHAR(64) NULL,
  answer_error      VARCHAR(500) NULL COMMENT 'TikTok''s own words when it refused the answer',
  answered_by       BIGINT UNSIGNED NULL,
  stock_state       VARCHAR(16) NOT NULL DEFAULT '' COMMENT 'what the stock rule did: '''' not yet, none, slip_cancelled, return_offered, received',
  stock_slip_id     BIGINT UNSIGNED NULL COMMENT 'the export slip the rule cancelled or offers the return of',
  reasons_read_at   DATETIME NULL,
  created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_after_sales_external (connection_id, source, external_id),
  KEY ix_after_sales_merchant (merchant_id, id),
  KEY ix_after_sales_waiting (merchant_id, status, deadline, id),
  KEY ix_after_sales_order (order_id),
  KEY ix_after_sales_external_order (connection_id, external_order_id),
  CONSTRAINT fk_after_sales_connection FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE after_sales_lines (
  request_id   BIGINT UNSIGNED NOT NULL,
  merchant_id  BIGINT UNSIGNED NOT NULL,
  sku_id       VARCHAR(64) NOT NULL,
  seller_sku   VARCHAR(128) NOT NULL DEFAULT '',
  product_name VARCHAR(500) NOT NULL DEFAULT '',
  sku_name     VARCHAR(255) NOT NULL DEFAULT '',
  quantity     INT UNSIGNED NOT NULL COMMENT 'line items of this SKU (TikTok sends one per unit)',
  PRIMARY KEY (request_id, sku_id),
  CONSTRAINT fk_after_sales_lines_request FOREIGN KEY (request_id) REFERENCES after_sales_requests (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE after_sales_reject_reasons (
  request_id BIGINT UNSIGNED NOT NULL,
  name       VARCHAR(128) NOT NULL COMMENT 'the code TikTok takes back as reject_reason',
  text       VARCHAR(500) NOT NULL DEFAULT '',
  position   INT NOT NULL DEFAULT 0,
  PRIMARY KEY (request_id, name),
  CONSTRAINT fk_after_sales_reasons_request FOREIGN KEY (request_id) REFERENCES after_sales_requests (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE after_sales_sync (
  connection_id BIGINT UNSIGNED NOT NULL,
  merchant_id   BIGINT UNSIGNED NOT NULL,
  cursor_time   BIGINT NOT NULL DEFAULT 0 COMMENT 'update_time polled up to (TikTok''s clock)',
  polled_at     DATETIME NULL,
  PRIMARY KEY (connection_id),
  CONSTRAINT fk_after_sales_sync_connection FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE stock_receipts
  ADD COLUMN after_sales_id BIGINT UNSIGNED NULL COMMENT 'the TikTok return whose goods this return receipt took back',
  ADD UNIQUE KEY uq_stock_receipts_after_sales (after_sales_id);

ALTER TABLE stock_movements
  ADD COLUMN after_sales_id BIGINT UNSIGNED NULL COMMENT 'the cancellation or return request that caused this row';

-- The overview is kept in the read cache while the merchant's data version stands: a request's change raises it.
-- GENERATED by node sql/gen/triggers.mjs from here on: change the script, not these lines.
-- order_days
CREATE OR REPLACE TRIGGER trg_order_days_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
  VALUES (NEW.merchant_id, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id, NEW.currency, 1,
          IF(NEW.status <> 'cancelled', NEW.total_amount, 0))
  ON DUPLICATE KEY UPDATE orders = orders + 1, revenue = revenue + VALUES(revenue);
-- an update moves the order out of its old row and into its new one, only when what the chart counts changed
CREATE OR REPLACE TRIGGER trg_order_days_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
  SELECT x.m, x.d, x.c, x.cur, x.n, x.rev FROM (
    SELECT OLD.merchant_id AS m, FLOOR((OLD.create_time + 25200) / 86400) AS d, OLD.connection_id AS c,
           OLD.currency AS cur, -1 AS n, -IF(OLD.status <> 'cancelled', OLD.total_amount, 0) AS rev
    UNION ALL
    SELECT NEW.merchant_id, FLOOR((NEW.create_time + 25200) / 86400), NEW.connection_id, NEW.currency, 1,
           IF(NEW.status <> 'cancelled', NEW.total_amount, 0)
  ) x
  WHERE NOT (OLD.merchant_id = NEW.merchant_id AND OLD.connection_id = NEW.connection_id
             AND OLD.create_time = NEW.create_time AND OLD.currency = NEW.currency
             AND OLD.total_amount = NEW.total_amount AND (OLD.status = 'cancelled') = (NEW.status = 'cancelled'))
  ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
-- the app never deletes orders; a row removed by hand leaves the counters true all the same
CREATE OR REPLACE TRIGGER trg_order_days_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_days SET orders = orders - 1, revenue = revenue - IF(OLD.status <> 'cancelled', OLD.total_amount, 0)
  WHERE merchant_id = OLD.merchant_id AND day = FLOOR((OLD.create_time + 25200) / 86400)
    AND connection_id = OLD.connection_id AND currency = OLD.currency;

-- merchant_versions, scope 0 (data): orders
CREATE OR REPLACE TRIGGER trg_version_orders_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_orders_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_orders_del AFTER DELETE ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): order_lines
CREATE OR REPLACE TRIGGER trg_version_order_lines_ins AFTER INSERT ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_order_lines_upd AFTER UPDATE ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_order_lines_del AFTER DELETE ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): channel_skus
-- a link changes its orders' all_linked
CREATE OR REPLACE TRIGGER trg_version_channel_skus_ins AFTER INSERT ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_channel_skus_upd AFTER UPDATE ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_channel_skus_del AFTER DELETE ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): export_slips
CREATE OR REPLACE TRIGGER trg_version_export_slips_ins AFTER INSERT ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_export_slips_upd AFTER UPDATE ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_export_slips_del AFTER DELETE ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): stock
CREATE OR REPLACE TRIGGER trg_version_stock_ins AFTER INSERT ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_stock_upd AFTER UPDATE ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_stock_del AFTER DELETE ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): products
CREATE OR REPLACE TRIGGER trg_version_products_ins AFTER INSERT ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_products_upd AFTER UPDATE ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_products_del AFTER DELETE ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): after_sales_requests
-- the overview counts the requests waiting for an answer
CREATE OR REPLACE TRIGGER trg_version_after_sales_requests_ins AFTER INSERT ON after_sales_requests FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_after_sales_requests_upd AFTER UPDATE ON after_sales_requests FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_after_sales_requests_del AFTER DELETE ON after_sales_requests FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): connections
-- a shop's name shows in the orders list: only its change raises the data version
CREATE OR REPLACE TRIGGER trg_version_connections_ins AFTER INSERT ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_connections_upd AFTER UPDATE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL WHERE NOT (OLD.shop_name <=> NEW.shop_name)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_version_connections_del AFTER DELETE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 1 (sync health): connections
-- a shop's tokens, sync times and errors show in its health
CREATE OR REPLACE TRIGGER trg_health_connections_ins AFTER INSERT ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_connections_upd AFTER UPDATE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_connections_del AFTER DELETE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 1 (sync health): sync_jobs
CREATE OR REPLACE TRIGGER trg_health_sync_jobs_ins AFTER INSERT ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_sync_jobs_upd AFTER UPDATE ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_sync_jobs_del AFTER DELETE ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 1 (sync health): stock_push
-- the health shows only whether a push failed: every stock change marks pushes due, not that
CREATE OR REPLACE TRIGGER trg_health_stock_push_ins AFTER INSERT ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL WHERE NEW.error_code IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_stock_push_upd AFTER UPDATE ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL WHERE NOT (OLD.error_code <=> NEW.error_code)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE OR REPLACE TRIGGER trg_health_stock_push_del AFTER DELETE ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL WHERE OLD.error_code IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- merchant_versions, scope 0 (data): merchants
-- the low-stock threshold and the no-slip window count the overview's tiles
CREATE OR REPLACE TRIGGER trg_version_merchants_upd AFTER UPDATE ON merchants FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version)
  SELECT NEW.id, 0, CONNECTION_ID() % 64, 1 FROM DUAL WHERE NOT (OLD.low_stock_threshold <=> NEW.low_stock_threshold AND OLD.no_slip_days <=> NEW.no_slip_days)
  ON DUPLICATE KEY UPDATE version = version + 1;
