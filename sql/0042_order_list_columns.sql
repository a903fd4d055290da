-- phase: expand
-- Two per-order lookups of the orders list made columns of the order's own row, so a page reads neither for the
-- orders that need none: item_names, the first product names of its lines (what a packer recognises an order by),
-- written by the order store with the lines (NULL for a row stored before: the list then reads them from the lines,
-- as before); slip_issued, set when an export slip is issued for the order (the list looks its last slip up only
-- then, where before it looked for every order on the page).
ALTER TABLE orders
  ADD item_names VARCHAR(1600) NULL
    COMMENT 'its lines'' first product names joined by U+001F (orders_sql.h: ORDER_ITEM_NAMES); NULL: not written',
  ADD slip_issued TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'an export slip was issued for it (cancelled or not)',
  ALGORITHM=INSTANT;

UPDATE orders SET slip_issued = 1 WHERE id IN (SELECT order_id FROM export_slips);

CREATE OR REPLACE TRIGGER trg_orders_live_slip_ins AFTER INSERT ON export_slips FOR EACH ROW
  UPDATE orders SET slip_issued = 1, has_live_slip = has_live_slip OR NEW.active_order_id <=> id WHERE id = NEW.order_id;
