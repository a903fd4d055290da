-- phase: expand
-- The overview's sync health read per shop through bounded index ranges, in the one statement of GET /api/v1/overview
-- (backend/src/overview/overview_sql.c): a shop's newest Sync all among its few sync_orders jobs, its order_fetch jobs
-- waiting (their count and the oldest receipt) and the newest 20 processed, none of them walking the shop's other
-- jobs, whose number grows with its orders (one order_fetch per webhook, a poll every minute).
ALTER TABLE sync_jobs ADD KEY ix_sync_jobs_kind (merchant_id, connection_id, kind, state, created_at);
