-- The TikTok Shop sandbox's state: app registration, control settings, sellers, shops, consent, tokens,
-- catalogue, orders, webhooks. Times of the simulated world are Unix seconds on the sandbox clock.
CREATE TABLE app (
  id                   TINYINT UNSIGNED NOT NULL PRIMARY KEY,   -- always 1: one registered app
  app_key              VARCHAR(100) NOT NULL,
  app_secret           VARCHAR(200) NOT NULL,
  service_id           VARCHAR(100) NOT NULL,
  app_name             VARCHAR(200) NOT NULL,
  redirect_url         VARCHAR(1000) NOT NULL,
  webhook_url          VARCHAR(1000) NOT NULL,
  webhook_retry_scale  DOUBLE NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row (id 1): the clock offset and the faults applied to TikTok's paths.
CREATE TABLE control (
  id              TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  clock_offset    BIGINT NOT NULL DEFAULT 0,
  error_rate      DOUBLE NOT NULL DEFAULT 0,
  throttle_rate   DOUBLE NOT NULL DEFAULT 0,
  latency_ms      INT NOT NULL DEFAULT 0,
  malformed_rate  DOUBLE NOT NULL DEFAULT 0,
  live_last_run   BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO control (id) VALUES (1);

CREATE TABLE sellers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name           VARCHAR(200) NOT NULL,
  email          VARCHAR(254) NOT NULL,
  password_hash  CHAR(64) NOT NULL,
  salt           CHAR(32) NOT NULL,
  region         CHAR(2) NOT NULL,
  live           TINYINT(1) NOT NULL DEFAULT 0,
  created_at     BIGINT NOT NULL,
  UNIQUE KEY uq_sellers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE shops (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seller_id    BIGINT UNSIGNED NOT NULL,
  cipher       VARCHAR(64) NOT NULL,
  name         VARCHAR(200) NOT NULL,
  code         VARCHAR(32) NOT NULL,
  region       CHAR(2) NOT NULL,
  seller_type  VARCHAR(16) NOT NULL DEFAULT 'LOCAL',
  authorized   TINYINT(1) NOT NULL DEFAULT 0,
  created_at   BIGINT NOT NULL,
  UNIQUE KEY uq_shops_cipher (cipher),
  KEY ix_shops_seller (seller_id),
  CONSTRAINT fk_shops_seller FOREIGN KEY (seller_id) REFERENCES sellers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE warehouses (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id       BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(200) NOT NULL,
  type          VARCHAR(32) NOT NULL,
  is_default    TINYINT(1) NOT NULL,
  contact       VARCHAR(200) NOT NULL,
  phone         VARCHAR(32) NOT NULL,
  address       VARCHAR(300) NOT NULL,
  district      VARCHAR(100) NOT NULL,
  city          VARCHAR(100) NOT NULL,
  postal_code   VARCHAR(16) NOT NULL,
  KEY ix_warehouses_shop (shop_id),
  CONSTRAINT fk_warehouses_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The seller's walk through the authorization pages (one row per visit).
CREATE TABLE consent_sessions (
  id           CHAR(32) NOT NULL PRIMARY KEY,
  state        VARCHAR(1000) NOT NULL,
  region       CHAR(2) NOT NULL,
  seller_id    BIGINT UNSIGNED NULL,
  verify_code  CHAR(6) NULL,
  step         TINYINT NOT NULL,          -- 1 logged out, 2 code sent, 3 verified, 4 finished
  created_at   BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_codes (
  code        VARCHAR(64) NOT NULL PRIMARY KEY,
  seller_id   BIGINT UNSIGNED NOT NULL,
  expires_at  BIGINT NOT NULL,
  used_at     BIGINT NULL,
  CONSTRAINT fk_auth_codes_seller FOREIGN KEY (seller_id) REFERENCES sellers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tokens (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seller_id        BIGINT UNSIGNED NOT NULL,
  access_token     VARCHAR(100) NOT NULL,
  access_expires   BIGINT NOT NULL,
  refresh_token    VARCHAR(100) NOT NULL,
  refresh_expires  BIGINT NOT NULL,
  revoked          TINYINT(1) NOT NULL DEFAULT 0,
  expiry_notified  TINYINT(1) NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL,
  UNIQUE KEY uq_tokens_access (access_token),
  UNIQUE KEY uq_tokens_refresh (refresh_token),
  KEY ix_tokens_seller (seller_id),
  CONSTRAINT fk_tokens_seller FOREIGN KEY (seller_id) REFERENCES sellers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id      BIGINT UNSIGNED NOT NULL,
  title        VARCHAR(300) NOT NULL,
  description  TEXT NOT NULL,
  status       VARCHAR(32) NOT NULL,
  create_time  BIGINT NOT NULL,
  update_time  BIGINT NOT NULL,
  KEY ix_products_shop (shop_id, create_time, id),
  CONSTRAINT fk_products_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Prices are in the currency's smallest unit (VND: dong; USD: cents).
CREATE TABLE skus (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id  BIGINT UNSIGNED NOT NULL,
  shop_id     BIGINT UNSIGNED NOT NULL,
  seller_sku  VARCHAR(100) NOT NULL,
  attr1_name  VARCHAR(50) NOT NULL,
  attr1_value VARCHAR(100) NOT NULL,
  attr2_name  VARCHAR(50) NOT NULL,
  attr2_value VARCHAR(100) NOT NULL,
  price       BIGINT NOT NULL,
  currency    CHAR(3) NOT NULL,
  KEY ix_skus_product (product_id),
  KEY ix_skus_shop (shop_id, seller_sku),
  CONSTRAINT fk_skus_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE inventory (
  sku_id        BIGINT UNSIGNED NOT NULL,
  warehouse_id  BIGINT UNSIGNED NOT NULL,
  quantity      BIGINT NOT NULL,
  PRIMARY KEY (sku_id, warehouse_id),
  CONSTRAINT fk_inventory_sku FOREIGN KEY (sku_id) REFERENCES skus (id),
  CONSTRAINT fk_inventory_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Money columns in the currency's smallest unit; see backend/sandbox/gen_order.c for the formulas.
CREATE TABLE orders (
  id                       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id                  BIGINT UNSIGNED NOT NULL,
  status                   VARCHAR(32) NOT NULL,
  create_time              BIGINT NOT NULL,
  update_time              BIGINT NOT NULL,
  paid_time                BIGINT NULL,
  buyer_user_id            VARCHAR(32) NOT NULL,
  buyer_email              VARCHAR(254) NOT NULL,
  buyer_message            VARCHAR(500) NOT NULL,
  cancel_reason            VARCHAR(200) NOT NULL DEFAULT '',
  cancel_time              BIGINT NULL,
  is_buyer_request_cancel  TINYINT(1) NOT NULL DEFAULT 0,
  shipping_provider        VARCHAR(100) NOT NULL,
  tracking_number          VARCHAR(64) NOT NULL DEFAULT '',
  shipping_type            VARCHAR(16) NOT NULL,
  warehouse_id             BIGINT UNSIGNED NOT NULL,
  is_cod                   TINYINT(1) NOT NULL,
  is_on_hold               TINYINT(1) NOT NULL DEFAULT 0,
  recipient_name           VARCHAR(200) NOT NULL,
  recipient_phone          VARCHAR(32) NOT NULL,
  address_detail           VARCHAR(300) NOT NULL,
  ward                     VARCHAR(100) NOT NULL,
  district                 VARCHAR(100) NOT NULL,
  province                 VARCHAR(100) NOT NULL,
  postal_code              VARCHAR(16) NOT NULL,
  region                   CHAR(2) NOT NULL,
  currency                 CHAR(3) NOT NULL,
  original_product_total   BIGINT NOT NULL,
  seller_discount          BIGINT NOT NULL,
  platform_discount        BIGINT NOT NULL,
  sub_total                BIGINT NOT NULL,
  original_shipping_fee    BIGINT NOT NULL,
  shipping_seller_discount BIGINT NOT NULL,
  shipping_platform_discount BIGINT NOT NULL,
  shipping_fee             BIGINT NOT NULL,
  tax                      BIGINT NOT NULL,
  total_amount             BIGINT NOT NULL,
  KEY ix_orders_create (shop_id, create_time, id),
  KEY ix_orders_update (shop_id, update_time, id),
  KEY ix_orders_status (status, update_time),
  CONSTRAINT fk_orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per unit sold (TikTok 202309 has no quantity on line items).
CREATE TABLE order_lines (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id           BIGINT UNSIGNED NOT NULL,
  sku_id             BIGINT UNSIGNED NOT NULL,
  product_id         BIGINT UNSIGNED NOT NULL,
  product_name       VARCHAR(300) NOT NULL,
  sku_name           VARCHAR(200) NOT NULL,
  seller_sku         VARCHAR(100) NOT NULL,
  original_price     BIGINT NOT NULL,
  seller_discount    BIGINT NOT NULL,
  platform_discount  BIGINT NOT NULL,
  sale_price         BIGINT NOT NULL,
  is_gift            TINYINT(1) NOT NULL DEFAULT 0,
  KEY ix_lines_order (order_id, id),
  CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Webhook notifications (one per event) and every delivery attempt with the app's answer.
CREATE TABLE webhooks (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  type             INT NOT NULL,
  shop_id          BIGINT UNSIGNED NOT NULL,
  payload          TEXT NOT NULL,
  status           VARCHAR(16) NOT NULL,   -- pending, delivered, failed
  attempts         INT NOT NULL DEFAULT 0,
  next_attempt_ms  BIGINT NOT NULL,
  created_ms       BIGINT NOT NULL,
  KEY ix_webhooks_due (status, next_attempt_ms)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_attempts (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  webhook_id   BIGINT UNSIGNED NOT NULL,
  attempt      INT NOT NULL,
  url          VARCHAR(1000) NOT NULL,
  sent_ms      BIGINT NOT NULL,
  http_status  INT NOT NULL,              -- 0: no answer
  response     VARCHAR(1000) NOT NULL,
  error        VARCHAR(300) NOT NULL,
  duration_ms  INT NOT NULL,
  KEY ix_attempts_webhook (webhook_id, attempt),
  CONSTRAINT fk_attempts_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
