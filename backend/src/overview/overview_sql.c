/* SQL of the overview (home screen): its statements by id (enum stmt), each with its result columns; times go out
 * as Unix seconds (the session is UTC). */
#include "statements.h"
#include "db/batch.h"

/* A counter of the merchant's (its shards summed), among the overview_counts rows k of the head's one block */
#define COUNTER(name) "CAST(COALESCE(SUM(IF(k.counter = '" name "', k.n, 0)), 0) AS SIGNED)"
/* the order_slip_days rows d (no_slip or with_slip) of the status given */
#define SLIP_SUM(side) "CAST(COALESCE(SUM(IF(d.status = ?, d." side ", 0)), 0) AS SIGNED)"
/* the order_counts rows of the status given */
#define STATUS_SUM "CAST(COALESCE(SUM(IF(status = ?, n, 0)), 0) AS SIGNED)"

/* what of a shop's order_fetch jobs in state: a key lookup of ix_sync_jobs_kind each (an IN list of states would
 * read the shop's every order_fetch job: with the shop taken from the row, no range is built) */
#define PENDING(what, state) \
	"SELECT " what " FROM sync_jobs w FORCE INDEX (ix_sync_jobs_kind) WHERE w.merchant_id = c.merchant_id " \
	"AND w.connection_id = c.id AND w.kind = 'order_fetch' AND w.state = '" state "'"
/* later than any job's receipt: the oldest of none */
#define NEVER "TIMESTAMP'9999-12-31 00:00:00'"

const struct sql_statement overview_sql[STMT__MAX] = {
	/* The numbers of the home screen, each part reading counters or a bounded index range (none grows with the
	 * merchant's orders), as rows of (kind, code, id, name, text, text2, money, n, a..h): see overview_sql.h for what
	 * each kind puts where. As few query blocks as the tables allow (the server plans each again at every execution):
	 * the counters of one table read as columns of one row (SUM(IF ...)), never a GROUP BY; the shop names by a join;
	 * no ORDER BY over the whole (the C code orders the rows of each kind). Values: merchant (nearest deadline),
	 * merchant (head); merchant (low stock); the 5 statuses a slip may be made in and 'cancelled' (the sums), the same
	 * 6 (IN), 'cancelled', today's Vietnam day number, merchant (slips); the app's 9 statuses, merchant (statuses);
	 * merchant, the chart's first day; merchant, how many soonest deadlines; merchant (shops). */
	[STMT_OVERVIEW] = {
		.ncols = OVERVIEW__NCOLS,
		/* the settings, the merchant's counters (sql/0030: orders with an unlinked line, orders to arrange, unlinked
		 * SKUs, slips awaiting export, after-sales requests waiting) and the waiting requests' nearest deadline (one
		 * step of ix_after_sales_waiting) */
		.text = "SELECT 'head' AS kind, NULL AS code, NULL AS id, NULL AS name, NULL AS text, NULL AS text2, "
		        "NULL AS money, CAST(m.no_slip_days AS SIGNED) AS n, CAST(m.low_stock_threshold AS SIGNED) AS a, "
		        COUNTER("orders_unlinked") " AS b, " COUNTER("orders_to_arrange") " AS c, "
		        COUNTER("unlinked_skus") " AS d, " COUNTER("slips_awaiting_export") " AS e, "
		        COUNTER("after_sales_waiting") " AS f, (SELECT MIN(r.deadline) FROM after_sales_requests r "
		        "WHERE r.merchant_id = ? AND r.status = 'waiting') AS g, NULL AS h "
		        "FROM merchants m LEFT JOIN overview_counts k ON k.merchant_id = m.id WHERE m.id = ? "
		        /* the stock rows at or below the threshold (stock_levels) */
		        "UNION ALL SELECT 'low_stock', NULL, NULL, NULL, NULL, NULL, NULL, CAST(COALESCE(SUM(l.n), 0) AS SIGNED), "
		        "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM merchants m JOIN stock_levels l "
		        "ON l.merchant_id = m.id AND l.available <= m.low_stock_threshold WHERE m.id = ? "
		        /* orders without a slip per status in the no-slip window (every day when it is 0), and the cancelled
		         * orders with a slip, every day: a key range per status of order_slip_days (sql/0030) */
		        "UNION ALL SELECT 'slips', NULL, NULL, NULL, NULL, NULL, NULL, " SLIP_SUM("no_slip") ", "
		        SLIP_SUM("no_slip") ", " SLIP_SUM("no_slip") ", " SLIP_SUM("no_slip") ", " SLIP_SUM("no_slip") ", "
		        SLIP_SUM("with_slip") ", NULL, NULL, NULL FROM merchants m JOIN order_slip_days d "
		        "ON d.merchant_id = m.id AND d.status IN (?, ?, ?, ?, ?, ?) "
		        "AND (d.status = ? OR d.day > IF(m.no_slip_days = 0, -2147483648, ? - m.no_slip_days)) WHERE m.id = ? "
		        /* the orders by status (order_counts) */
		        "UNION ALL SELECT 'statuses', NULL, NULL, NULL, NULL, NULL, NULL, " STATUS_SUM ", " STATUS_SUM ", "
		        STATUS_SUM ", " STATUS_SUM ", " STATUS_SUM ", " STATUS_SUM ", " STATUS_SUM ", " STATUS_SUM ", "
		        STATUS_SUM " FROM order_counts WHERE merchant_id = ? "
		        /* the chart: order_days (sql/0010), kept by triggers with the orders, days in Vietnam time (UTC+7) as
		         * day numbers since 1970, revenue leaving cancelled orders out */
		        "UNION ALL SELECT 'day', d.currency, d.connection_id, c.shop_name, NULL, NULL, d.revenue, d.orders, d.day, "
		        "d.cancelled, NULL, NULL, NULL, NULL, NULL, NULL FROM order_days d LEFT JOIN connections c "
		        "ON c.id = d.connection_id WHERE d.merchant_id = ? AND d.day >= ? AND (d.orders > 0 OR d.cancelled > 0) "
		        /* the soonest ship-by deadlines of the orders to arrange: the first entries of ix_orders_merchant_ship_by */
		        "UNION ALL (SELECT 'ship_by', o.external_id, o.id, c.shop_name, NULL, NULL, NULL, NULL, o.ship_by_time, "
		        "NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM orders o LEFT JOIN connections c ON c.id = o.connection_id "
		        "WHERE o.merchant_id = ? AND o.channel_status = 'AWAITING_SHIPMENT' AND o.ship_by_time > 0 "
		        "ORDER BY o.ship_by_time, o.id LIMIT ?) "
		        /* each shop: its newest Sync all's state (among its few sync_orders jobs), its SKUs whose last stock
		         * push failed (counted as the failed-only push list counts them: ix_stock_push_conn's failed entries),
		         * and its webhook lag: the notifications (order_fetch jobs created on receipt) not processed yet and
		         * the age of the oldest (ix_sync_jobs_kind, sql/0032: the shop's waiting ones only), and the slowest
		         * receipt-to-processed time of the last 20 processed (their ring, webhook_lags) */
		        "UNION ALL SELECT 'shop', c.status, c.id, c.shop_name, c.last_error_code, (SELECT s.state FROM sync_jobs s "
		        "FORCE INDEX (ix_sync_jobs_kind) WHERE s.merchant_id = c.merchant_id AND s.connection_id = c.id "
		        "AND s.kind = 'sync_orders' ORDER BY s.id DESC LIMIT 1), NULL, "
		        "(SELECT COUNT(*) FROM stock_push sp JOIN channel_skus cs ON cs.id = sp.channel_sku_id "
		        "AND cs.merchant_id = c.merchant_id AND cs.connection_id = c.id WHERE sp.merchant_id = c.merchant_id "
		        "AND sp.connection_id = c.id AND sp.error_code IS NOT NULL), NULL, UNIX_TIMESTAMP(c.access_expires_at), "
		        "UNIX_TIMESTAMP(c.last_synced_at), UNIX_TIMESTAMP(c.last_error_at), "
		        "(" PENDING("COUNT(*)", "queued") ") + (" PENDING("COUNT(*)", "running") "), "
		        "TIMESTAMPDIFF(SECOND, NULLIF(LEAST(COALESCE((" PENDING("MIN(w.created_at)", "queued") "), " NEVER "), "
		        "COALESCE((" PENDING("MIN(w.created_at)", "running") "), " NEVER ")), " NEVER "), UTC_TIMESTAMP()), "
		        "(SELECT MAX(l.seconds) FROM webhook_lags l WHERE l.connection_id = c.id), NULL "
		        "FROM connections c WHERE c.merchant_id = ? AND c.status <> 'disconnected'",
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

/* order, merchant, its create time, its unlinked lines (above 0) */
const struct batch_sql sql_order_unlinked_set = {
	"INSERT INTO order_unlinked (order_id, merchant_id, create_time, n) VALUES ", "(?, ?, ?, ?)",
	" ON DUPLICATE KEY UPDATE create_time = VALUES(create_time), n = VALUES(n)", 4,
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
