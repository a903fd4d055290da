-- phase: expand
-- TikTok's Fulfillment API in the sandbox: each paid order has one package (its TikTok id derives from the order id);
-- arranging shipment records how the package is handed over, and every shipped status move appends a tracking event.
ALTER TABLE orders
  ADD COLUMN handover_method  VARCHAR(16) NULL,         -- PICKUP or DROP_OFF once shipment is arranged
  ADD COLUMN pickup_start     BIGINT NULL,              -- the chosen pickup slot (PICKUP only)
  ADD COLUMN pickup_end       BIGINT NULL,
  ADD COLUMN rts_time         BIGINT NULL,              -- when shipment was arranged (ready to ship)
  ADD COLUMN collection_time  BIGINT NULL,              -- when the carrier collected the package
  ADD KEY ix_orders_paid (shop_id, paid_time, id),
  ADD KEY ix_orders_collect (status, shop_id, rts_time);

-- What the carrier reports about a package, oldest first (GET /fulfillment/202309/orders/{order_id}/tracking).
CREATE TABLE tracking_events (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id     BIGINT UNSIGNED NOT NULL,
  time_ms      BIGINT NOT NULL,                          -- sandbox clock, milliseconds
  description  VARCHAR(300) NOT NULL,
  KEY ix_tracking_order (order_id, id),
  CONSTRAINT fk_tracking_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
