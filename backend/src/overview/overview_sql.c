/* SQL of the overview (home screen): its statements by id (enum stmt), each with its result columns; times go out
 * as Unix seconds (the session is UTC). */
#include "statements.h"

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
	/* merchant; from the counters the orders list's totals read (exact, no scan of orders) */
	[STMT_OVERVIEW_STATUS] = {
		.ncols = OVERVIEW_STATUS__NCOLS,
		.text = "SELECT status, SUM(n) FROM order_counts WHERE merchant_id = ? GROUP BY status HAVING SUM(n) > 0 ORDER BY status",
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
