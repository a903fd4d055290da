-- phase: expand
-- Stock documents a merchant can keep books with: each merchant's own unbroken numbering of slips (PXK), receipts
-- (PNK) and returns (PNT), suppliers and cost prices on receipts, cancellable receipts, amounts on slip lines, and
-- "cái" as the unit of products made without one.

-- A merchant's numbering choices per kind of document; no row means the default prefix without a year part.
CREATE TABLE doc_numbering (
  merchant_id BIGINT UNSIGNED NOT NULL,
  kind        ENUM('slip', 'receipt', 'return') NOT NULL,
  prefix      VARCHAR(10) NOT NULL,
  with_year   TINYINT(1) NOT NULL DEFAULT 0,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (merchant_id, kind),
  CONSTRAINT fk_doc_numbering_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The last number given per merchant, kind and year (0: numbering without a year part). The row is taken inside
-- the transaction that creates the document, so a rolled-back document gives its number back. No foreign key to
-- merchants: its check would share-lock the merchant's row in every document's transaction, and the merchant-wide
-- locks taken on that row (product links) would then wait for slips and receipts.
CREATE TABLE doc_counters (
  merchant_id BIGINT UNSIGNED NOT NULL,
  kind        ENUM('slip', 'receipt', 'return') NOT NULL,
  year        SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  last_no     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, kind, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE suppliers (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(200) NOT NULL,
  phone       VARCHAR(32) NOT NULL DEFAULT '',
  address     VARCHAR(500) NOT NULL DEFAULT '',
  tax_code    VARCHAR(32) NOT NULL DEFAULT '',
  note        VARCHAR(1000) NOT NULL DEFAULT '',
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_suppliers_name (merchant_id, name),
  CONSTRAINT fk_suppliers_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The code a document was given (NULL only for rows written by binaries older than this migration).
ALTER TABLE export_slips ADD COLUMN code VARCHAR(32) NULL, ADD UNIQUE KEY uq_export_slips_code (merchant_id, code);
ALTER TABLE export_slip_lines ADD COLUMN amount DECIMAL(18,2) NOT NULL DEFAULT 0
  COMMENT 'what the order sold the line for: the sum of its order lines unit_price x quantity';
ALTER TABLE stock_receipts
  ADD COLUMN code VARCHAR(32) NULL,
  ADD COLUMN supplier_id BIGINT UNSIGNED NULL,
  ADD COLUMN status ENUM('posted', 'cancelled') NOT NULL DEFAULT 'posted',
  ADD COLUMN cancelled_at DATETIME NULL,
  ADD COLUMN cancelled_by BIGINT UNSIGNED NULL,
  ADD UNIQUE KEY uq_stock_receipts_code (merchant_id, code),
  ADD KEY ix_stock_receipts_list (merchant_id, kind, id),
  ADD CONSTRAINT fk_stock_receipts_supplier FOREIGN KEY (supplier_id) REFERENCES suppliers (id);
ALTER TABLE stock_receipt_lines ADD COLUMN unit_cost DECIMAL(18,2) NOT NULL DEFAULT 0;
ALTER TABLE stock_movements MODIFY COLUMN doc_type
  ENUM('receipt', 'slip_create', 'slip_export', 'slip_cancel', 'return', 'receipt_cancel') NOT NULL;
ALTER TABLE products ALTER COLUMN unit SET DEFAULT 'cái';

-- Existing documents keep the codes they were shown with; each merchant's counter starts past their highest.
UPDATE export_slips SET code = CONCAT('PXK', LPAD(id, 6, '0')) WHERE code IS NULL;
UPDATE stock_receipts SET code = CONCAT(IF(kind = 'receipt', 'PNK', 'PTH'), LPAD(id, 6, '0')) WHERE code IS NULL;
INSERT INTO doc_counters (merchant_id, kind, year, last_no)
  SELECT merchant_id, 'slip', 0, MAX(id) FROM export_slips GROUP BY merchant_id;
INSERT INTO doc_counters (merchant_id, kind, year, last_no)
  SELECT merchant_id, kind, 0, MAX(id) FROM stock_receipts GROUP BY merchant_id, kind;
UPDATE export_slip_lines l JOIN export_slips s ON s.id = l.slip_id
  SET l.amount = (SELECT COALESCE(SUM(ol.unit_price * ol.quantity), 0) FROM order_lines ol
                  JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id
                  WHERE ol.order_id = s.order_id AND ol.merchant_id = s.merchant_id AND cs.product_id = l.product_id);
UPDATE products SET unit = 'cái' WHERE unit = '';
