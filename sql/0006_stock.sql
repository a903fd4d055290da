-- Warehouses, stock per product and warehouse with its ledger, stock and return receipts, export slips.
-- Stock rows keep on_hand = available + awaiting_export, none negative (CHECK); every change is a ledger row.
CREATE TABLE warehouses (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(200) NOT NULL,
  code        VARCHAR(32) NOT NULL,
  address     VARCHAR(500) NOT NULL DEFAULT '',
  is_default  TINYINT(1) NOT NULL DEFAULT 0,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_warehouses_code (merchant_id, code),
  KEY ix_warehouses_merchant (merchant_id, id),
  CONSTRAINT fk_warehouses_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every merchant has a default warehouse from the start: new ones get it with their row, existing ones here.
CREATE TRIGGER trg_merchants_default_warehouse AFTER INSERT ON merchants FOR EACH ROW
  INSERT INTO warehouses (merchant_id, name, code, is_default) VALUES (NEW.id, 'Kho mặc định', 'KHO-01', 1);

INSERT INTO warehouses (merchant_id, name, code, is_default)
  SELECT m.id, 'Kho mặc định', 'KHO-01', 1 FROM merchants m
  WHERE NOT EXISTS (SELECT 1 FROM warehouses w WHERE w.merchant_id = m.id);

CREATE TABLE stock (
  merchant_id     BIGINT UNSIGNED NOT NULL,
  warehouse_id    BIGINT UNSIGNED NOT NULL,
  product_id      BIGINT UNSIGNED NOT NULL,
  on_hand         BIGINT NOT NULL DEFAULT 0,
  available       BIGINT NOT NULL DEFAULT 0,
  awaiting_export BIGINT NOT NULL DEFAULT 0,
  updated_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (warehouse_id, product_id),
  KEY ix_stock_merchant_product (merchant_id, product_id),
  CONSTRAINT fk_stock_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
  CONSTRAINT fk_stock_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_stock_balanced CHECK (on_hand = available + awaiting_export AND available >= 0
                                       AND awaiting_export >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger: one row per change of one stock row, with the document that made it and the balances after it.
CREATE TABLE stock_movements (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  warehouse_id     BIGINT UNSIGNED NOT NULL,
  product_id       BIGINT UNSIGNED NOT NULL,
  user_id          BIGINT UNSIGNED NULL,
  doc_type         ENUM('receipt', 'slip_create', 'slip_export', 'slip_cancel', 'return') NOT NULL,
  doc_id           BIGINT UNSIGNED NOT NULL COMMENT 'stock_receipts.id or export_slips.id',
  d_on_hand        BIGINT NOT NULL,
  d_available      BIGINT NOT NULL,
  d_awaiting       BIGINT NOT NULL,
  on_hand          BIGINT NOT NULL COMMENT 'balances after the change',
  available        BIGINT NOT NULL,
  awaiting_export  BIGINT NOT NULL,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_movements_stock (merchant_id, warehouse_id, product_id, id),
  KEY ix_movements_product (merchant_id, product_id, id),
  KEY ix_movements_merchant (merchant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE export_slips (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  order_id         BIGINT UNSIGNED NOT NULL,
  warehouse_id     BIGINT UNSIGNED NOT NULL,
  status           ENUM('awaiting_export', 'exported', 'cancelled') NOT NULL DEFAULT 'awaiting_export',
  active_order_id  BIGINT UNSIGNED NULL COMMENT 'order_id while not cancelled: one live slip per order',
  created_by       BIGINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  exported_at      DATETIME NULL,
  cancelled_at     DATETIME NULL,
  UNIQUE KEY uq_export_slips_active (active_order_id),
  KEY ix_export_slips_order (order_id, id),
  KEY ix_export_slips_merchant (merchant_id, id),
  KEY ix_export_slips_status (merchant_id, status, id),
  CONSTRAINT fk_export_slips_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_export_slips_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE export_slip_lines (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  slip_id          BIGINT UNSIGNED NOT NULL,
  product_id       BIGINT UNSIGNED NOT NULL,
  quantity         BIGINT NOT NULL,
  returned         BIGINT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_export_slip_lines (slip_id, product_id),
  CONSTRAINT fk_export_slip_lines_slip FOREIGN KEY (slip_id) REFERENCES export_slips (id),
  CONSTRAINT fk_export_slip_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_export_slip_lines CHECK (quantity > 0 AND returned >= 0 AND returned <= quantity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Stock receipts (phiếu nhập) and return receipts (goods of an exported slip coming back: export_slip_id set).
CREATE TABLE stock_receipts (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  warehouse_id     BIGINT UNSIGNED NOT NULL,
  kind             ENUM('receipt', 'return') NOT NULL,
  export_slip_id   BIGINT UNSIGNED NULL,
  note             VARCHAR(1000) NOT NULL DEFAULT '',
  created_by       BIGINT UNSIGNED NULL,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_stock_receipts_merchant (merchant_id, id),
  KEY ix_stock_receipts_slip (export_slip_id),
  CONSTRAINT fk_stock_receipts_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
  CONSTRAINT fk_stock_receipts_slip FOREIGN KEY (export_slip_id) REFERENCES export_slips (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_receipt_lines (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  receipt_id       BIGINT UNSIGNED NOT NULL,
  product_id       BIGINT UNSIGNED NOT NULL,
  quantity         BIGINT NOT NULL,
  UNIQUE KEY uq_stock_receipt_lines (receipt_id, product_id),
  CONSTRAINT fk_stock_receipt_lines_receipt FOREIGN KEY (receipt_id) REFERENCES stock_receipts (id),
  CONSTRAINT fk_stock_receipt_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_stock_receipt_lines CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
