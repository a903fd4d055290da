-- Orders with a live export slip: a flag on the order, kept by triggers in the transaction of every slip
-- created or cancelled, and an index of it under the status, so "orders in a status without a slip" and "cancelled
-- after export" (the overview's work-waiting tiles, the orders list's has_export_slip filter) read an index range
-- instead of asking export_slips once per order.
ALTER TABLE orders
  ADD COLUMN has_live_slip TINYINT(1) NOT NULL DEFAULT 0
    COMMENT '1 while the order has a slip that is not cancelled (export_slips.active_order_id)',
  ADD KEY ix_orders_merchant_status_slip (merchant_id, status, has_live_slip, create_time, id);

CREATE TRIGGER trg_orders_live_slip_ins AFTER INSERT ON export_slips FOR EACH ROW
  UPDATE orders SET has_live_slip = 1 WHERE id = NEW.active_order_id;

CREATE TRIGGER trg_orders_live_slip_upd AFTER UPDATE ON export_slips FOR EACH ROW
  UPDATE orders SET has_live_slip = (NEW.active_order_id IS NOT NULL)
  WHERE id = COALESCE(NEW.active_order_id, OLD.active_order_id)
    AND NOT (OLD.active_order_id <=> NEW.active_order_id);

UPDATE orders o JOIN export_slips s ON s.active_order_id = o.id SET o.has_live_slip = 1;
