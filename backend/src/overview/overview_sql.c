/* SQL of the overview (home screen): its statements by id (enum stmt), each with its result columns; times go out
 * as Unix seconds (the session is UTC). */
#include "statements.h"
#include "db/batch.h"

/* merchant; the after-sales requests waiting for an answer: the number kept by the requests' triggers (sql/0030),
 * the nearest deadline one step of ix_after_sales_waiting */
#define OVERVIEW_WAITING_SQL \
	"SELECT 'waiting', NULL, NULL, NULL, NULL, NULL, NULL, (SELECT CAST(COALESCE(SUM(c.n), 0) AS SIGNED) " \
	"FROM overview_counts c WHERE c.merchant_id = m.id AND c.counter = 'after_sales_waiting'), NULL, " \
	"(SELECT MIN(r.deadline) FROM after_sales_requests r WHERE r.merchant_id = m.id AND r.status = 'waiting'), " \
	"NULL, NULL, NULL, NULL, NULL FROM merchants m WHERE m.id = ?"

/* what of a shop's order_fetch jobs in state: a key lookup of ix_sync_jobs_kind each (an IN list of states would
 * read the shop's every order_fetch job: with the shop taken from the row, no range is built) */
#define PENDING(what, state) \
	"SELECT " what " FROM sync_jobs w FORCE INDEX (ix_sync_jobs_kind) WHERE w.merchant_id = c.merchant_id " \
	"AND w.connection_id = c.id AND w.kind = 'order_fetch' AND w.state = '" state "'"
/* later than any job's receipt: the oldest of none */
#define NEVER "TIMESTAMP'9999-12-31 00:00:00'"

const struct sql_statement overview_sql[STMT__MAX] = {
	/* The numbers of the home screen, each part reading counters or a bounded index range (none grows with the
	 * merchant's orders), as rows of (kind, code, id, name, text, text2, money, n, a..g): see overview_sql.h for what
	 * each kind puts where. Values: merchant; the 5 statuses a slip may be made in, today's Vietnam day number,
	 * merchant; merchant, 'cancelled'; merchant (counters); merchant (low stock); merchant (statuses); merchant, the
	 * chart's first day; merchant, how many soonest deadlines; merchant (waiting); merchant (shops). */
	[STMT_OVERVIEW] = {
		.ncols = OVERVIEW__NCOLS,
		/* the settings */
		.text = "SELECT 'settings' AS kind, NULL AS code, NULL AS id, NULL AS name, NULL AS text, NULL AS text2, "
		        "NULL AS money, CAST(m.no_slip_days AS SIGNED) AS n, CAST(m.low_stock_threshold AS SIGNED) AS a, NULL AS b, "
		        "NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g FROM merchants m WHERE m.id = ? "
		        /* orders without a slip per status in the no-slip window (every day when it is 0): a key range per
		         * status (order_slip_days, sql/0030) */
		        "UNION ALL SELECT 'no_slip', d.status, NULL, NULL, NULL, NULL, NULL, CAST(SUM(d.no_slip) AS SIGNED), NULL, "
		        "NULL, NULL, NULL, NULL, NULL, NULL FROM merchants m JOIN order_slip_days d ON d.merchant_id = m.id "
		        "AND d.status IN (?, ?, ?, ?, ?) AND d.day > IF(m.no_slip_days = 0, -2147483648, ? - m.no_slip_days) "
		        "WHERE m.id = ? GROUP BY d.status "
		        /* the cancelled orders with a slip, every day */
		        "UNION ALL SELECT 'with_slip', status, NULL, NULL, NULL, NULL, NULL, CAST(SUM(with_slip) AS SIGNED), NULL, "
		        "NULL, NULL, NULL, NULL, NULL, NULL FROM order_slip_days WHERE merchant_id = ? AND status = ? GROUP BY status "
		        /* the merchant's counters (their shards summed) */
		        "UNION ALL SELECT 'counter', counter, NULL, NULL, NULL, NULL, NULL, CAST(SUM(n) AS SIGNED), NULL, NULL, NULL, "
		        "NULL, NULL, NULL, NULL FROM overview_counts WHERE merchant_id = ? GROUP BY counter "
		        /* the stock rows at or below the threshold */
		        "UNION ALL SELECT 'counter', 'low_stock', NULL, NULL, NULL, NULL, NULL, CAST(COALESCE(SUM(l.n), 0) AS SIGNED), "
		        "NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM merchants m JOIN stock_levels l ON l.merchant_id = m.id "
		        "AND l.available <= m.low_stock_threshold WHERE m.id = ? "
		        /* the orders by status (order_counts) */
		        "UNION ALL SELECT 'status', status, NULL, NULL, NULL, NULL, NULL, CAST(SUM(n) AS SIGNED), NULL, NULL, NULL, "
		        "NULL, NULL, NULL, NULL FROM order_counts WHERE merchant_id = ? GROUP BY status HAVING SUM(n) > 0 "
		        /* the chart: order_days (sql/0010), kept by triggers with the orders, days in Vietnam time (UTC+7) as
		         * day numbers since 1970, revenue leaving cancelled orders out */
		        "UNION ALL SELECT 'day', d.currency, d.connection_id, (SELECT c.shop_name FROM connections c "
		        "WHERE c.id = d.connection_id), NULL, NULL, d.revenue, d.orders, d.day, d.cancelled, NULL, NULL, NULL, NULL, "
		        "NULL FROM order_days d WHERE d.merchant_id = ? AND d.day >= ? AND (d.orders > 0 OR d.cancelled > 0) "
		        /* the soonest ship-by deadlines of the orders to arrange: the first entries of ix_orders_merchant_ship_by */
		        "UNION ALL SELECT 'ship_by', s.external_id, s.id, (SELECT c.shop_name FROM connections c "
		        "WHERE c.id = s.connection_id), NULL, NULL, NULL, NULL, s.ship_by_time, NULL, NULL, NULL, NULL, NULL, NULL "
		        "FROM (SELECT o.id, o.external_id, o.connection_id, o.ship_by_time FROM orders o WHERE o.merchant_id = ? "
		        "AND o.channel_status = 'AWAITING_SHIPMENT' AND o.ship_by_time > 0 ORDER BY o.ship_by_time, o.id LIMIT ?) s "
		        "UNION ALL " OVERVIEW_WAITING_SQL " "
		        /* each shop: its newest Sync all's state, its SKUs whose last stock push failed (counted as the
		         * failed-only push list counts them: ix_stock_push_conn's failed entries), and its webhook lag: the
		         * notifications (order_fetch jobs created on receipt) not processed yet and the age of the oldest
		         * (ix_sync_jobs_kind, sql/0032: the shop's waiting ones only), and the slowest receipt-to-processed
		         * time of the last 20 processed (their ring, webhook_lags) */
		        "UNION ALL SELECT 'shop', c.status, c.id, c.shop_name, c.last_error_code, (SELECT j.state FROM sync_jobs j "
		        "WHERE j.id = (SELECT MAX(s.id) FROM sync_jobs s WHERE s.merchant_id = c.merchant_id "
		        "AND s.connection_id = c.id AND s.kind = 'sync_orders')), NULL, "
		        "(SELECT COUNT(*) FROM stock_push sp JOIN channel_skus cs ON cs.id = sp.channel_sku_id "
		        "AND cs.merchant_id = c.merchant_id AND cs.connection_id = c.id WHERE sp.merchant_id = c.merchant_id "
		        "AND sp.connection_id = c.id AND sp.error_code IS NOT NULL), NULL, UNIX_TIMESTAMP(c.access_expires_at), "
		        "UNIX_TIMESTAMP(c.last_synced_at), UNIX_TIMESTAMP(c.last_error_at), "
		        "(" PENDING("COUNT(*)", "queued") ") + (" PENDING("COUNT(*)", "running") "), "
		        "TIMESTAMPDIFF(SECOND, NULLIF(LEAST(COALESCE((" PENDING("MIN(w.created_at)", "queued") "), " NEVER "), "
		        "COALESCE((" PENDING("MIN(w.created_at)", "running") "), " NEVER ")), " NEVER "), UTC_TIMESTAMP()), "
		        "(SELECT MAX(l.seconds) FROM webhook_lags l WHERE l.connection_id = c.id) "
		        "FROM connections c WHERE c.merchant_id = ? AND c.status <> 'disconnected' "
		        /* the chart's days, the deadlines and the shops in their order */
		        "ORDER BY kind, a, id, code",
	},
	/* merchant: the "waiting" row alone, when the rest of the answer was kept */
	[STMT_OVERVIEW_WAITING] = {
		.ncols = OVERVIEW__NCOLS,
		.text = OVERVIEW_WAITING_SQL,
	},
	/* merchant; the home screen's settings (sql/0022) and the low-stock threshold its tile counts with */
	[STMT_OVERVIEW_SETTINGS_GET] = {
		.ncols = OVERVIEW_SETTINGS__NCOLS,
		.text = "SELECT no_slip_days, low_stock_threshold FROM merchants WHERE id = ?",
	},
	/* days, merchant */
	[STMT_OVERVIEW_SETTINGS_SET] = {
		.text = "UPDATE merchants SET no_slip_days = ? WHERE id = ?",
	},
};

/* merchant, status, Vietnam day, connection, orders without a live slip, with one (deltas) */
const struct batch_sql sql_order_slip_days_add = {
	"INSERT INTO order_slip_days (merchant_id, status, day, connection_id, no_slip, with_slip) VALUES ",
	"(?, ?, ?, ?, ?, ?)", " ON DUPLICATE KEY UPDATE no_slip = no_slip + VALUES(no_slip), with_slip = with_slip + VALUES(with_slip)",
	6,
};

/* order, merchant, its unlinked lines (above 0) */
const struct batch_sql sql_order_unlinked_set = {
	"INSERT INTO order_unlinked (order_id, merchant_id, n) VALUES ", "(?, ?, ?)", " ON DUPLICATE KEY UPDATE n = VALUES(n)", 3,
};

/* orders whose lines are all linked now */
const struct batch_sql sql_order_unlinked_drop = {
	"DELETE FROM order_unlinked WHERE order_id IN (", "?", ")", 1,
};

/* merchant, counter, delta: in this session's shard */
const struct batch_sql sql_overview_count_add = {
	"INSERT INTO overview_counts (merchant_id, counter, shard, n) VALUES ", "(?, ?, CONNECTION_ID() % 16, ?)",
	" ON DUPLICATE KEY UPDATE n = n + VALUES(n)", 3,
};

/* The orders list's totals from the counters (merchant first; ONE_VALUE). */
const struct tally_sql sql_tally = {
	.no_slip = "SELECT CAST(COALESCE(SUM(no_slip), 0) AS SIGNED) FROM order_slip_days WHERE merchant_id = ? AND status = ?",
	.with_slip = "SELECT CAST(COALESCE(SUM(with_slip), 0) AS SIGNED) FROM order_slip_days WHERE merchant_id = ? AND status = ?",
	.day_from = " AND day >= ?",
	.day_to = " AND day < ?",
	.counter = "SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM overview_counts WHERE merchant_id = ? AND counter = ?",
};
