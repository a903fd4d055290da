-- The orders list's has_export_slip filter without a status: the live-slip flag of sql/0014 indexed under
-- the merchant alone, so "with a slip" reads its few entries newest first and "without" is the merchant's total
-- less them, instead of walking every order and reading each row for its flag.
ALTER TABLE orders
  ADD KEY ix_orders_merchant_slip (merchant_id, has_live_slip, create_time, id);
