-- The merchant's product catalog and the marketplace SKUs (channel SKUs) linked to it.
-- The link is channel_skus.product_id (NULL: unlinked); order lines point at their channel SKU.
CREATE TABLE products (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(255) NOT NULL,
  sku         VARCHAR(64) NOT NULL,
  unit        VARCHAR(32) NOT NULL DEFAULT '',
  price       DECIMAL(18,2) NOT NULL DEFAULT 0,
  image_url   VARCHAR(1000) NOT NULL DEFAULT '',
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_products_sku (merchant_id, sku),
  KEY ix_products_merchant (merchant_id, id),
  CONSTRAINT fk_products_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channel_skus (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id    BIGINT UNSIGNED NOT NULL,
  connection_id  BIGINT UNSIGNED NOT NULL,
  sku_id         VARCHAR(64) NOT NULL COMMENT 'TikTok sku id',
  tt_product_id  VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'TikTok product id',
  seller_sku     VARCHAR(128) NOT NULL DEFAULT '',
  product_name   VARCHAR(500) NOT NULL DEFAULT '',
  sku_name       VARCHAR(255) NOT NULL DEFAULT '',
  image_url      VARCHAR(1000) NOT NULL DEFAULT '',
  product_id     BIGINT UNSIGNED NULL COMMENT 'the link: products.id, NULL when unlinked',
  linked_at      DATETIME NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_channel_skus (connection_id, sku_id),
  KEY ix_channel_skus_merchant (merchant_id, connection_id, id),
  KEY ix_channel_skus_product (merchant_id, product_id),
  CONSTRAINT fk_channel_skus_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE order_lines
  ADD COLUMN channel_sku_id BIGINT UNSIGNED NULL COMMENT 'channel_skus.id, set when the line is stored',
  ADD KEY ix_order_lines_channel_sku (channel_sku_id);
