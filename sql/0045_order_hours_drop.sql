-- phase: contract
-- order_hours is read by no binary since 0043 (order_status_hours counts the same orders per status too): its
-- triggers and its rows go, and an order stored writes one counter row less.
DROP TRIGGER IF EXISTS trg_order_hours_ins;
DROP TRIGGER IF EXISTS trg_order_hours_upd;
DROP TRIGGER IF EXISTS trg_order_hours_del;
DROP TABLE IF EXISTS order_hours;
