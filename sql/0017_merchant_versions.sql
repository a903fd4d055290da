-- A version of each merchant's data, in two scopes, that the orders list and the overview show: every committed
-- change to those rows raises its scope, so an api worker may answer a repeated read from memory (its read cache)
-- while the version it was read at is still the merchant's. Kept by triggers, so no write path can
-- forget it, in the writer's own transaction (a rolled-back change raises nothing). Each database session raises its
-- own row (CONNECTION_ID() % 64): concurrent writers of one merchant do not queue on one counter; a version is a sum.
--   scope 0, data: orders, their lines and links (all_linked), slips, shop names, stock, products, the low-stock
--     threshold: the orders list and the overview's counts;
--   scope 1, sync health: connections, sync jobs, stock pushes: the overview's health of each shop.
CREATE TABLE merchant_versions (
  merchant_id  BIGINT UNSIGNED NOT NULL,
  scope        TINYINT UNSIGNED NOT NULL,
  shard        SMALLINT UNSIGNED NOT NULL,
  version      BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, scope, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The triggers of orders and their lines skip their raise while the session variable @tts_bulk_load is set (for a bulk
-- load that raised the versions afterwards); sql/0018 redefines every version trigger, from sql/gen/triggers.mjs's
-- table, without that switch.
CREATE TRIGGER trg_version_orders_ins AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE @tts_bulk_load IS NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_orders_upd AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE @tts_bulk_load IS NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_orders_del AFTER DELETE ON orders FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_version_order_lines_ins AFTER INSERT ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE @tts_bulk_load IS NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_order_lines_upd AFTER UPDATE ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE @tts_bulk_load IS NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_order_lines_del AFTER DELETE ON order_lines FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_version_channel_skus_ins AFTER INSERT ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_channel_skus_upd AFTER UPDATE ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_channel_skus_del AFTER DELETE ON channel_skus FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_version_export_slips_ins AFTER INSERT ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_export_slips_upd AFTER UPDATE ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_export_slips_del AFTER DELETE ON export_slips FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_version_stock_ins AFTER INSERT ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_stock_upd AFTER UPDATE ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_stock_del AFTER DELETE ON stock FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_version_products_ins AFTER INSERT ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_products_upd AFTER UPDATE ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_products_del AFTER DELETE ON products FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- a shop's name shows in the orders list (data); its tokens, sync times and errors in the health
CREATE TRIGGER trg_version_connections_ins AFTER INSERT ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_connections_upd AFTER UPDATE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE NOT (OLD.shop_name <=> NEW.shop_name)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_version_connections_del AFTER DELETE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 0, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_connections_ins AFTER INSERT ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_connections_upd AFTER UPDATE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_connections_del AFTER DELETE ON connections FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_health_sync_jobs_ins AFTER INSERT ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_sync_jobs_upd AFTER UPDATE ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_sync_jobs_del AFTER DELETE ON sync_jobs FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1 FROM DUAL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- of a stock push the health shows only whether it failed: every stock change marks its pushes due, not that
CREATE TRIGGER trg_health_stock_push_ins AFTER INSERT ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE NEW.error_code IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_stock_push_upd AFTER UPDATE ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.merchant_id, 1, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE NOT (OLD.error_code <=> NEW.error_code)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_health_stock_push_del AFTER DELETE ON stock_push FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT OLD.merchant_id, 1, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE OLD.error_code IS NOT NULL
  ON DUPLICATE KEY UPDATE version = version + 1;

-- the low-stock threshold counts the overview's low-stock tile
CREATE TRIGGER trg_version_merchants_upd AFTER UPDATE ON merchants FOR EACH ROW
  INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT NEW.id, 0, CONNECTION_ID() % 64, 1
  FROM DUAL WHERE NOT (OLD.low_stock_threshold <=> NEW.low_stock_threshold)
  ON DUPLICATE KEY UPDATE version = version + 1;
