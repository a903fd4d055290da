-- Orders pulled from TikTok, their lines grouped per SKU, their status history; sync cursors.
ALTER TABLE connections
  ADD COLUMN sync_enabled       TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Sync all ran: keep polling',
  ADD COLUMN sync_window_start  BIGINT NULL COMMENT 'create_time lower bound (Unix s): 60 days before the click',
  ADD COLUMN poll_cursor        BIGINT NULL COMMENT 'update_time (Unix s, TikTok clock) polled up to',
  ADD COLUMN last_polled_at     DATETIME NULL;

ALTER TABLE sync_jobs ADD COLUMN page_cursor TEXT NULL COMMENT 'resume point (page token) of a paged job';

CREATE TABLE orders (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id        BIGINT UNSIGNED NOT NULL,
  connection_id      BIGINT UNSIGNED NOT NULL,
  channel            VARCHAR(16) NOT NULL DEFAULT 'tiktok',
  external_id        VARCHAR(64) NOT NULL,
  status             VARCHAR(32) NOT NULL,
  channel_status     VARCHAR(64) NOT NULL,
  create_time        BIGINT NOT NULL,
  update_time        BIGINT NOT NULL,
  paid_time          BIGINT NULL,
  buyer_name         VARCHAR(255) NOT NULL DEFAULT '',
  buyer_phone        VARCHAR(64) NOT NULL DEFAULT '',
  buyer_phone_local  VARCHAR(32) NOT NULL DEFAULT '' COMMENT 'digits after the country code, no leading 0: for search',
  buyer_email        VARCHAR(255) NOT NULL DEFAULT '',
  buyer_message      VARCHAR(1000) NOT NULL DEFAULT '',
  currency           CHAR(3) NOT NULL,
  sub_total          DECIMAL(18,2) NOT NULL DEFAULT 0,
  shipping_fee       DECIMAL(18,2) NOT NULL DEFAULT 0,
  seller_discount    DECIMAL(18,2) NOT NULL DEFAULT 0,
  platform_discount  DECIMAL(18,2) NOT NULL DEFAULT 0,
  tax                DECIMAL(18,2) NOT NULL DEFAULT 0,
  total_amount       DECIMAL(18,2) NOT NULL DEFAULT 0,
  original_total_product_price DECIMAL(18,2) NOT NULL DEFAULT 0,
  original_shipping_fee        DECIMAL(18,2) NOT NULL DEFAULT 0,
  recipient_name     VARCHAR(255) NOT NULL DEFAULT '',
  recipient_phone    VARCHAR(64) NOT NULL DEFAULT '',
  full_address       VARCHAR(1000) NOT NULL DEFAULT '',
  address_detail     VARCHAR(500) NOT NULL DEFAULT '',
  postal_code        VARCHAR(32) NOT NULL DEFAULT '',
  region_code        VARCHAR(8) NOT NULL DEFAULT '',
  shipping_provider  VARCHAR(255) NOT NULL DEFAULT '',
  tracking_number    VARCHAR(128) NOT NULL DEFAULT '',
  shipping_type      VARCHAR(32) NOT NULL DEFAULT '',
  is_cod             TINYINT(1) NOT NULL DEFAULT 0,
  cancel_reason      VARCHAR(500) NOT NULL DEFAULT '',
  item_count         INT UNSIGNED NOT NULL DEFAULT 0,
  synced_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_orders_external (connection_id, external_id),
  KEY ix_orders_merchant_created (merchant_id, create_time, id),
  KEY ix_orders_merchant_channel (merchant_id, channel, create_time, id),
  KEY ix_orders_merchant_status (merchant_id, status, create_time, id),
  KEY ix_orders_merchant_conn (merchant_id, connection_id, create_time, id),
  KEY ix_orders_merchant_phone (merchant_id, buyer_phone_local),
  KEY ix_orders_merchant_buyer (merchant_id, buyer_name),
  KEY ix_orders_merchant_external (merchant_id, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_lines (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id    BIGINT UNSIGNED NOT NULL,
  order_id       BIGINT UNSIGNED NOT NULL,
  sku_id         VARCHAR(64) NOT NULL,
  product_id     VARCHAR(64) NOT NULL DEFAULT '',
  seller_sku     VARCHAR(128) NOT NULL DEFAULT '',
  product_name   VARCHAR(500) NOT NULL DEFAULT '',
  sku_name       VARCHAR(255) NOT NULL DEFAULT '',
  image_url      VARCHAR(1000) NOT NULL DEFAULT '',
  quantity       INT UNSIGNED NOT NULL,
  unit_price     DECIMAL(18,2) NOT NULL DEFAULT 0,
  original_price DECIMAL(18,2) NOT NULL DEFAULT 0,
  UNIQUE KEY uq_order_lines_sku (order_id, sku_id),
  KEY ix_order_lines_merchant_sku (merchant_id, sku_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_status_history (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id     BIGINT UNSIGNED NOT NULL,
  order_id        BIGINT UNSIGNED NOT NULL,
  status          VARCHAR(32) NOT NULL,
  channel_status  VARCHAR(64) NOT NULL,
  update_time     BIGINT NOT NULL,
  recorded_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_order_status_history_order (order_id, update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
