/* SQL of the overview (home screen): its statements by id (enum stmt), each with its result columns; times go out
 * as Unix seconds (the session is UTC). */
#include "statements.h"
#include "db/batch.h"

const struct sql_statement overview_sql[STMT__MAX] = {
	/* merchant, first day; from order_days (sql/0010), kept by triggers with the orders: days in Vietnam time
	 * (UTC+7) as day numbers since 1970, revenue leaving cancelled orders out */
	[STMT_OVERVIEW_DAILY] = {
		.ncols = OVERVIEW_DAILY__NCOLS,
		.text = "SELECT d.connection_id, (SELECT c.shop_name FROM connections c WHERE c.id = d.connection_id), d.day, d.currency, "
		        "d.orders, d.revenue, d.cancelled FROM order_days d WHERE d.merchant_id = ? AND d.day >= ? "
		        "AND (d.orders > 0 OR d.cancelled > 0) "
		        "ORDER BY d.day, d.connection_id, d.currency",
	},
	/* merchant twice, today's Vietnam day number, merchant, merchant, 'cancelled', merchant, merchant, merchant: every
	 * number of the tiles and the orders by status as rows of (kind, code, number), from the counters of sql/0030
	 * and order_counts: the settings, the orders without a slip per status in the no-slip window (every day when
	 * it is 0), those with a slip per status, the merchant's counters, the stock rows at or below the threshold */
	[STMT_OVERVIEW_TILES] = {
		.ncols = OVERVIEW_TILES__NCOLS,
		.text = "SELECT 'setting', 'no_slip_days', CAST(no_slip_days AS SIGNED) FROM merchants WHERE id = ? "
		        "UNION ALL SELECT 'setting', 'low_stock_threshold', CAST(low_stock_threshold AS SIGNED) FROM merchants "
		        "WHERE id = ? "
		        "UNION ALL SELECT 'no_slip', d.status, CAST(SUM(d.no_slip) AS SIGNED) FROM merchants m "
		        "JOIN order_slip_days d ON d.merchant_id = m.id AND d.day > IF(m.no_slip_days = 0, -2147483648, "
		        "? - m.no_slip_days) WHERE m.id = ? GROUP BY d.status "
		        "UNION ALL SELECT 'with_slip', status, CAST(SUM(with_slip) AS SIGNED) FROM order_slip_days "
		        "WHERE merchant_id = ? AND status = ? GROUP BY status "
		        "UNION ALL SELECT 'counter', counter, CAST(SUM(n) AS SIGNED) FROM overview_counts WHERE merchant_id = ? "
		        "GROUP BY counter "
		        "UNION ALL SELECT 'counter', 'low_stock', CAST(COALESCE(SUM(l.n), 0) AS SIGNED) FROM merchants m "
		        "JOIN stock_levels l ON l.merchant_id = m.id AND l.available <= m.low_stock_threshold WHERE m.id = ? "
		        "UNION ALL SELECT 'status', status, CAST(SUM(n) AS SIGNED) FROM order_counts WHERE merchant_id = ? "
		        "GROUP BY status HAVING SUM(n) > 0",
	},
	/* merchant, connection (twice); webhook notifications are order_fetch jobs created on receipt: those not
	 * processed yet (count, age of the oldest, read through the claim index: few live jobs) and the slowest
	 * receipt-to-processed time of the last 20 processed */
	[STMT_WEBHOOK_LAG] = {
		.ncols = WEBHOOK_LAG__NCOLS,
		.text = "SELECT COUNT(*), TIMESTAMPDIFF(SECOND, MIN(j.created_at), UTC_TIMESTAMP()), "
		        "(SELECT MAX(TIMESTAMPDIFF(SECOND, d.created_at, d.finished_at)) FROM (SELECT created_at, finished_at "
		        "FROM sync_jobs WHERE merchant_id = ? AND connection_id = ? AND kind = 'order_fetch' AND state = 'done' "
		        "ORDER BY id DESC LIMIT 20) d) "
		        "FROM sync_jobs j FORCE INDEX (ix_sync_jobs_claim) WHERE j.state IN ('queued', 'running') "
		        "AND j.merchant_id = ? AND j.connection_id = ? AND j.kind = 'order_fetch'",
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
