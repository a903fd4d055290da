-- Every inventory update call's SKU quantities as received, for GET /sandbox/shops/{shop_id}/inventory-updates.
CREATE TABLE inventory_updates (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id       BIGINT UNSIGNED NOT NULL,
  product_id    BIGINT UNSIGNED NOT NULL,
  sku_id        BIGINT UNSIGNED NOT NULL,
  warehouse_id  BIGINT UNSIGNED NOT NULL,
  quantity      BIGINT NOT NULL,
  time          BIGINT NOT NULL COMMENT 'the sandbox clock, seconds',
  received_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_inventory_updates_shop (shop_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
