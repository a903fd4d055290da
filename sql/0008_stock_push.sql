-- Stock push: per connection settings, and per channel SKU the wanted version against the pushed one.
-- Triggers mark a SKU dirty (version + 1) in the transaction of every change to a stock row or a link;
-- the sync workers push dirty SKUs (push_stock jobs) and record what they pushed, never an older version.
CREATE TABLE stock_settings (
  connection_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  merchant_id          BIGINT UNSIGNED NOT NULL,
  enabled              TINYINT(1) NOT NULL DEFAULT 0,
  buffer               INT NOT NULL DEFAULT 0,
  tiktok_warehouse_id  VARCHAR(64) NOT NULL DEFAULT '' COMMENT '"": the shop default warehouse',
  updated_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_stock_settings_merchant (merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_settings_warehouses (
  connection_id  BIGINT UNSIGNED NOT NULL,
  warehouse_id   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (connection_id, warehouse_id),
  KEY ix_ssw_warehouse (warehouse_id),
  CONSTRAINT fk_ssw_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_push (
  channel_sku_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  merchant_id     BIGINT UNSIGNED NOT NULL,
  connection_id   BIGINT UNSIGNED NOT NULL,
  version         BIGINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped by every change',
  pushed_version  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  dirty           TINYINT(1) NOT NULL DEFAULT 1 COMMENT 'version > pushed_version',
  changed_at      DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  pushed_qty      BIGINT NULL,
  pushed_at       DATETIME NULL,
  error_code      VARCHAR(64) NULL,
  error           VARCHAR(500) NULL,
  error_at        DATETIME NULL,
  lease_owner     VARCHAR(96) NULL COMMENT 'the worker pushing it now: one push of a SKU at a time',
  lease_until     DATETIME NULL,
  KEY ix_stock_push_dirty (dirty, connection_id),
  KEY ix_stock_push_conn (merchant_id, connection_id, error_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER trg_stock_push_ins AFTER INSERT ON stock FOR EACH ROW
  INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id)
  SELECT cs.id, cs.merchant_id, cs.connection_id FROM channel_skus cs
  JOIN stock_settings_warehouses ssw ON ssw.connection_id = cs.connection_id AND ssw.warehouse_id = NEW.warehouse_id
  JOIN stock_settings ss ON ss.connection_id = cs.connection_id AND ss.enabled = 1
  WHERE cs.merchant_id = NEW.merchant_id AND cs.product_id = NEW.product_id
  ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3);

CREATE TRIGGER trg_stock_push_upd AFTER UPDATE ON stock FOR EACH ROW
  INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id)
  SELECT cs.id, cs.merchant_id, cs.connection_id FROM channel_skus cs
  JOIN stock_settings_warehouses ssw ON ssw.connection_id = cs.connection_id AND ssw.warehouse_id = NEW.warehouse_id
  JOIN stock_settings ss ON ss.connection_id = cs.connection_id AND ss.enabled = 1
  WHERE NEW.available <> OLD.available AND cs.merchant_id = NEW.merchant_id AND cs.product_id = NEW.product_id
  ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3);

-- A link added, changed or removed: the SKU's quantity is now another product's (or 0 when unlinked).
CREATE TRIGGER trg_stock_push_link AFTER UPDATE ON channel_skus FOR EACH ROW
  INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id)
  SELECT NEW.id, NEW.merchant_id, NEW.connection_id FROM stock_settings ss
  WHERE ss.connection_id = NEW.connection_id AND ss.enabled = 1 AND NOT (NEW.product_id <=> OLD.product_id)
  ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3);
