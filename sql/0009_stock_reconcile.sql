-- Stock reconciliation: per run (a stock_reconcile job) how many SKUs were checked against TikTok's
-- quantities and how many differed (those are marked due a push), and per SKU the difference found.
CREATE TABLE stock_reconciles (
  job_id         BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  merchant_id    BIGINT UNSIGNED NOT NULL,
  connection_id  BIGINT UNSIGNED NOT NULL,
  checked        INT NOT NULL DEFAULT 0,
  corrected      INT NOT NULL DEFAULT 0,
  started_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  finished_at    DATETIME NULL,
  KEY ix_stock_reconciles_conn (merchant_id, connection_id, job_id),
  KEY ix_stock_reconciles_due (connection_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_reconcile_items (
  job_id          BIGINT UNSIGNED NOT NULL,
  channel_sku_id  BIGINT UNSIGNED NOT NULL,
  tiktok_qty      BIGINT NOT NULL COMMENT 'what TikTok had',
  app_qty         BIGINT NOT NULL COMMENT 'what the app pushes instead',
  PRIMARY KEY (job_id, channel_sku_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
