-- phase: expand
-- The overview's sync health read per shop through bounded index ranges, in the one statement of GET /api/v1/overview
-- (backend/src/overview/overview_sql.c): a shop's newest Sync all among its few sync_orders jobs, its order_fetch jobs
-- waiting (their count and the oldest receipt) and the newest 20 processed, none of them walking the shop's other
-- jobs, whose number grows with its orders (one order_fetch per webhook, a poll every minute).
ALTER TABLE sync_jobs ADD KEY ix_sync_jobs_kind (merchant_id, connection_id, kind, state, created_at);

-- order_counts (the orders by status, and every list total by shop, channel and status) is written by the order store
-- with its pages; the app never deletes orders, and an order removed by hand leaves these counts true too, as the
-- overview's other counters (trg_overview_orders_del, trg_order_days_del).
DELIMITER ;;
CREATE TRIGGER trg_overview_order_counts_del AFTER DELETE ON orders FOR EACH ROW
  UPDATE order_counts SET n = n - 1 WHERE merchant_id = OLD.merchant_id AND channel = OLD.channel
    AND connection_id = OLD.connection_id AND status = OLD.status;;
DELIMITER ;
