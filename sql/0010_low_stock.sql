-- Low stock (issue 14): one threshold per merchant; a stock row (warehouse, product) is low when its available
-- quantity is at or below it. One number works for every product from the first day, with nothing to fill in.
ALTER TABLE merchants ADD COLUMN low_stock_threshold INT NOT NULL DEFAULT 5
  COMMENT 'a stock row is low when available <= this';
