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

