-- phase: expand
-- The orders list's status and phone searches read index entries only, never the rows they skip:
-- * the status key carries the shop, the channel and the local phone after its order, so a walk of a status newest
--   first checks those filters (and a short phone prefix) in the key itself, and a name search with a status checks
--   each of its word's entries against the key instead of reading the order;
-- * a phone prefix within a status is one range of its own key (counted up to a bound without reading a row),
--   and the phone key carries the shop and the channel for the same reason.
ALTER TABLE orders
  DROP KEY ix_orders_merchant_status,
  ADD KEY ix_orders_merchant_status (merchant_id, status, create_time, id, connection_id, channel, buyer_phone_local),
  DROP KEY ix_orders_merchant_phone,
  ADD KEY ix_orders_merchant_phone (merchant_id, buyer_phone_local, connection_id, channel),
  ADD KEY ix_orders_merchant_status_phone (merchant_id, status, buyer_phone_local, connection_id, channel);
