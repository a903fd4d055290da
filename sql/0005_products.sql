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
  search_text VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT ''
              COMMENT 'name and sku folded by the app: lower case, Vietnamese diacritics removed',
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_products_sku (merchant_id, sku),
  -- newest first, and a search (LIKE '%q%' on search_text) scans this index alone, never the rows
  KEY ix_products_merchant (merchant_id, id, search_text),
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
  price          DECIMAL(18,2) NULL COMMENT 'TikTok sale price, when known',
  currency       VARCHAR(8) NOT NULL DEFAULT '',
  product_id     BIGINT UNSIGNED NULL COMMENT 'the link: products.id, NULL when unlinked',
  linked_at      DATETIME NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_channel_skus (connection_id, sku_id),
  KEY ix_channel_skus_merchant (merchant_id, connection_id, id),
  KEY ix_channel_skus_product (merchant_id, product_id),
  KEY ix_channel_skus_seller_sku (merchant_id, seller_sku),
  CONSTRAINT fk_channel_skus_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE order_lines
  ADD COLUMN channel_sku_id BIGINT UNSIGNED NULL COMMENT 'channel_skus.id, set when the line is stored',
  ADD KEY ix_order_lines_channel_sku (channel_sku_id);

-- Lines stored before this migration: their channel SKUs, then the link.
INSERT INTO channel_skus (merchant_id, connection_id, sku_id, tt_product_id, seller_sku, product_name, sku_name, image_url)
SELECT o.merchant_id, o.connection_id, ol.sku_id, MAX(ol.product_id), MAX(ol.seller_sku), MAX(ol.product_name),
       MAX(ol.sku_name), MAX(ol.image_url)
FROM order_lines ol JOIN orders o ON o.id = ol.order_id
GROUP BY o.merchant_id, o.connection_id, ol.sku_id
ON DUPLICATE KEY UPDATE seller_sku = VALUES(seller_sku);

UPDATE order_lines ol JOIN orders o ON o.id = ol.order_id
JOIN channel_skus cs ON cs.connection_id = o.connection_id AND cs.sku_id = ol.sku_id
SET ol.channel_sku_id = cs.id
WHERE ol.channel_sku_id IS NULL;
