-- phase: expand
-- Stock push that asks first: what TikTok last had of each SKU (for the preview's up / down / same / to 0), the
-- per-shop rule that leaves SKUs whose product never received stock in the summed warehouses as TikTok has them,
-- and the SKUs a merchant includes anyway.

-- TikTok's quantity of a SKU in one of its warehouses, as last seen: read by the product pull and the
-- reconciliation, written by a push that TikTok accepted. Keyed by TikTok's ids: the pull stores it beside the SKU.
CREATE TABLE tiktok_sku_stock (
  connection_id  BIGINT UNSIGNED NOT NULL,
  sku_id         VARCHAR(64) NOT NULL COMMENT 'TikTok sku id',
  warehouse_id   VARCHAR(64) NOT NULL COMMENT 'TikTok warehouse id',
  merchant_id    BIGINT UNSIGNED NOT NULL,
  quantity       BIGINT NOT NULL,
  seen_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (connection_id, sku_id, warehouse_id),
  CONSTRAINT fk_tiktok_sku_stock_connection FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- On by default: a shop whose warehouses are half set up does not empty its listings.
ALTER TABLE stock_settings ADD COLUMN skip_unreceived TINYINT(1) NOT NULL DEFAULT 1
  COMMENT '1: SKUs whose product never received stock in the summed warehouses are not pushed';

-- SKUs pushed even though their product never received stock there (the merchant manages them: 0 is meant).
CREATE TABLE stock_push_includes (
  channel_sku_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  connection_id   BIGINT UNSIGNED NOT NULL,
  merchant_id     BIGINT UNSIGNED NOT NULL,
  KEY ix_stock_push_includes_conn (connection_id),
  CONSTRAINT fk_stock_push_includes_sku FOREIGN KEY (channel_sku_id) REFERENCES channel_skus (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
