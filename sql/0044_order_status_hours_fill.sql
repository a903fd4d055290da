-- phase: expand
-- order_status_hours filled from the orders, after 0043's triggers: an order written meanwhile is counted by them,
-- then the count read here (which locks the orders it reads until it is written) replaces its hour's row.
INSERT INTO order_status_hours (merchant_id, hour, status, n)
SELECT merchant_id, create_time DIV 3600, status, COUNT(*) FROM orders GROUP BY merchant_id, create_time DIV 3600, status
ON DUPLICATE KEY UPDATE n = VALUES(n);
