-- TikTok's sales warehouses of each shop for the stock push settings' picker, pulled by the sync workers (job
-- pull_warehouses): an api request never waits on TikTok (architecture: only the OAuth callback calls it).
CREATE TABLE tiktok_warehouses (
  connection_id  BIGINT UNSIGNED NOT NULL,
  position       INT NOT NULL COMMENT 'the order TikTok lists them in',
  merchant_id    BIGINT UNSIGNED NOT NULL,
  warehouse_id   VARCHAR(64) NOT NULL,
  name           VARCHAR(255) NOT NULL,
  is_default     TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id, position),
  CONSTRAINT fk_tiktok_warehouses_connection FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE connections ADD COLUMN tiktok_warehouses_at DATETIME NULL
  COMMENT 'when pull_warehouses last stored the shop''s list (NULL: never)';
