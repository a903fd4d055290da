-- Orders with unlinked items: the lines of no known SKU are found per merchant, not among every
-- merchant's, so the orders list's all_linked=false filter and the overview's tile can start from the few unlinked
-- lines of a merchant who links their SKUs instead of walking every order.
ALTER TABLE order_lines
  DROP KEY ix_order_lines_channel_sku,
  ADD KEY ix_order_lines_channel_sku (channel_sku_id, merchant_id);
