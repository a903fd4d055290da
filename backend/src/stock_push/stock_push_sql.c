/* SQL of stock push to TikTok (settings, pushes, reconciliation, TikTok warehouses): its statements by id (enum
 * stmt), each with its result columns; times go out as Unix seconds (the session is UTC). */
#include "statements.h"

/* The columns of enum plan_col over channel_skus cs, stock_push sp and stock_settings ss: the summed available stock
 * of the chosen warehouses; whether the product ever received stock there (a ledger row adding on-hand stock; nothing
 * else moves stock before stock arrives, so the walk of ix_movements_stock stops at its first entry: the index is
 * forced because a small ledger tempts the optimizer into the merchant-wide one); an include; TikTok's last known
 * quantity in the TikTok warehouse pushed to (the chosen one, else the shop's default, else the SKU's only one), 0
 * when TikTok lists the SKU elsewhere only, NULL when never seen. */
#define PLAN_SELECT \
	"SELECT cs.id, cs.sku_id, cs.tt_product_id, cs.seller_sku, cs.product_name, cs.sku_name, cs.product_id, " \
	"COALESCE(sp.version, 0), COALESCE(sp.dirty, 0), COALESCE(ss.enabled, 0), " \
	"COALESCE((SELECT SUM(s.available) FROM stock s JOIN stock_settings_warehouses w ON w.warehouse_id = s.warehouse_id " \
	"AND w.connection_id = cs.connection_id WHERE s.merchant_id = cs.merchant_id AND s.product_id = cs.product_id), 0), " \
	"COALESCE(ss.buffer, 0), EXISTS (SELECT 1 FROM stock_settings_warehouses w JOIN stock_movements m FORCE INDEX (ix_movements_stock) " \
	"ON m.merchant_id = cs.merchant_id AND m.warehouse_id = w.warehouse_id AND m.product_id = cs.product_id " \
	"AND m.d_on_hand > 0 WHERE w.connection_id = cs.connection_id), COALESCE(ss.skip_unreceived, 1), " \
	"EXISTS (SELECT 1 FROM stock_push_includes i WHERE i.channel_sku_id = cs.id), " \
	"IF(EXISTS (SELECT 1 FROM tiktok_sku_stock t WHERE t.connection_id = cs.connection_id AND t.sku_id = cs.sku_id), " \
	"COALESCE((SELECT t.quantity FROM tiktok_sku_stock t WHERE t.connection_id = cs.connection_id AND t.sku_id = cs.sku_id " \
	"AND t.warehouse_id = COALESCE(NULLIF(ss.tiktok_warehouse_id, ''), (SELECT tw.warehouse_id FROM tiktok_warehouses tw " \
	"WHERE tw.connection_id = cs.connection_id AND tw.is_default = 1 LIMIT 1), " \
	"IF((SELECT COUNT(*) FROM tiktok_sku_stock t2 WHERE t2.connection_id = cs.connection_id AND t2.sku_id = cs.sku_id) = 1, " \
	"t.warehouse_id, NULL)) LIMIT 1), 0), NULL), COALESCE(ss.tiktok_warehouse_id, '')"

const struct sql_statement stock_push_sql[STMT__MAX] = {
	/* the connection's settings (defaults when never saved) */
	[STMT_STOCK_SETTINGS_GET] = {
		.ncols = STOCK_SETTINGS__NCOLS,
		.text = "SELECT c.status, COALESCE(ss.enabled, 0), COALESCE(ss.buffer, 0), COALESCE(ss.tiktok_warehouse_id, ''), "
		        "COALESCE(ss.skip_unreceived, 1) "
		        "FROM connections c LEFT JOIN stock_settings ss ON ss.connection_id = c.id "
		        "WHERE c.id = ? AND c.merchant_id = ? AND c.status <> 'disconnected'",
	},
	/* the chosen ones, else the merchant's default warehouse */
	[STMT_STOCK_SETTINGS_WAREHOUSES] = {
		.ncols = STOCK_SETTINGS_WAREHOUSES__NCOLS,
		.text = "SELECT warehouse_id FROM stock_settings_warehouses WHERE connection_id = ? "
		        "UNION ALL SELECT id FROM warehouses WHERE merchant_id = ? AND is_default = 1 "
		        "AND NOT EXISTS (SELECT 1 FROM stock_settings_warehouses WHERE connection_id = ?) ORDER BY 1",
	},
	[STMT_STOCK_SETTINGS_UPSERT] = {
		.text = "INSERT INTO stock_settings (connection_id, merchant_id, enabled, buffer, tiktok_warehouse_id, skip_unreceived) "
		        "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), buffer = VALUES(buffer), "
		        "skip_unreceived = VALUES(skip_unreceived), "
		        "tiktok_warehouse_id = VALUES(tiktok_warehouse_id), updated_at = UTC_TIMESTAMP()",
	},
	[STMT_STOCK_SETTINGS_WH_CLEAR] = {
		.text = "DELETE FROM stock_settings_warehouses WHERE connection_id = ?",
	},
	/* connection, warehouse, merchant; 0 rows when the warehouse is not the merchant's */
	[STMT_STOCK_SETTINGS_WH_ADD] = {
		.text = "INSERT IGNORE INTO stock_settings_warehouses (connection_id, warehouse_id) "
		        "SELECT ?, id FROM warehouses WHERE id = ? AND merchant_id = ?",
	},
	/* every linked SKU of an enabled connection is due a push */
	[STMT_STOCK_PUSH_MARK_CONN] = {
		.text = "INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id) "
		        "SELECT cs.id, cs.merchant_id, cs.connection_id FROM channel_skus cs "
		        "JOIN stock_settings ss ON ss.connection_id = cs.connection_id AND ss.enabled = 1 "
		        "WHERE cs.merchant_id = ? AND cs.connection_id = ? AND cs.product_id IS NOT NULL "
		        "ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3)",
	},
	/* merchant, connection, failed-only flag twice, limit, offset */
	[STMT_STOCK_PUSH_LIST] = {
		.ncols = STOCK_PUSH_LIST__NCOLS,
		.text = PLAN_SELECT ", sp.pushed_qty, UNIX_TIMESTAMP(sp.pushed_at), sp.error_code, sp.error, UNIX_TIMESTAMP(sp.error_at) "
		        "FROM channel_skus cs LEFT JOIN stock_push sp ON sp.channel_sku_id = cs.id "
		        "LEFT JOIN stock_settings ss ON ss.connection_id = cs.connection_id "
		        "WHERE cs.merchant_id = ? AND cs.connection_id = ? AND (? = 0 OR sp.error_code IS NOT NULL) "
		        "AND (? = 1 OR cs.product_id IS NOT NULL) ORDER BY cs.id LIMIT ? OFFSET ?",
	},
	/* merchant, connection: every linked SKU of the shop, for the preview and the reconciliation */
	[STMT_STOCK_PLAN] = {
		.ncols = PLAN__NCOLS,
		.text = PLAN_SELECT " FROM channel_skus cs LEFT JOIN stock_push sp ON sp.channel_sku_id = cs.id "
		        "LEFT JOIN stock_settings ss ON ss.connection_id = cs.connection_id "
		        "WHERE cs.merchant_id = ? AND cs.connection_id = ? AND cs.product_id IS NOT NULL ORDER BY cs.id",
	},
	[STMT_STOCK_PUSH_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM channel_skus cs LEFT JOIN stock_push sp ON sp.channel_sku_id = cs.id "
		        "WHERE cs.merchant_id = ? AND cs.connection_id = ? AND (? = 0 OR sp.error_code IS NOT NULL) "
		        "AND (? = 1 OR cs.product_id IS NOT NULL)",
	},
	/* connections with SKUs due a push that no worker holds */
	[STMT_PUSH_DUE_CONNS] = {
		.ncols = PUSH_DUE__NCOLS,
		.text = "SELECT DISTINCT connection_id, merchant_id FROM stock_push WHERE dirty = 1 "
		        "AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP()) LIMIT 500",
	},
	/* owner, connection, limit; one worker pushes a SKU at a time */
	[STMT_PUSH_CLAIM] = {
		.text = "UPDATE stock_push SET lease_owner = ?, lease_until = UTC_TIMESTAMP() + INTERVAL 30 SECOND "
		        "WHERE connection_id = ? AND dirty = 1 AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP()) "
		        "ORDER BY channel_sku_id LIMIT ?",
	},
	/* the version and the plan read in one snapshot, grouped by TikTok product */
	[STMT_PUSH_CLAIMED] = {
		.ncols = PLAN__NCOLS,
		.text = PLAN_SELECT " FROM stock_push sp JOIN channel_skus cs ON cs.id = sp.channel_sku_id "
		        "LEFT JOIN stock_settings ss ON ss.connection_id = sp.connection_id "
		        "WHERE sp.connection_id = ? AND sp.lease_owner = ? ORDER BY cs.tt_product_id, cs.id",
	},
	/* connection, sku, warehouse, merchant, quantity: what TikTok took */
	[STMT_TIKTOK_SKU_STOCK_SET] = {
		.text = "INSERT INTO tiktok_sku_stock (connection_id, sku_id, warehouse_id, merchant_id, quantity, seen_at) "
		        "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), seen_at = VALUES(seen_at)",
	},
	/* version, version, pushed qty (NULL: nothing pushed), id, version, owner; never older */
	[STMT_PUSH_DONE] = {
		.text = "UPDATE stock_push SET dirty = (version > ?), pushed_version = ?, pushed_qty = COALESCE(?, pushed_qty), "
		        "pushed_at = IF(? IS NULL, pushed_at, UTC_TIMESTAMP()), error_code = NULL, error = NULL, error_at = NULL, "
		        "lease_owner = NULL, lease_until = NULL WHERE channel_sku_id = ? AND pushed_version < ? AND lease_owner = ?",
	},
	/* version, version, code, error, id, version, owner: TikTok refused this SKU */
	[STMT_PUSH_REJECTED] = {
		.text = "UPDATE stock_push SET dirty = (version > ?), pushed_version = ?, error_code = ?, error = ?, "
		        "error_at = UTC_TIMESTAMP(), lease_owner = NULL, lease_until = NULL "
		        "WHERE channel_sku_id = ? AND pushed_version < ? AND lease_owner = ?",
	},
	/* code, error, connection, owner: a transient failure, the SKUs stay due */
	[STMT_PUSH_RELEASE] = {
		.text = "UPDATE stock_push SET error_code = ?, error = ?, error_at = UTC_TIMESTAMP(), lease_owner = NULL, "
		        "lease_until = NULL WHERE connection_id = ? AND lease_owner = ?",
	},
	/* seconds; shops with push on whose settings and last reconciliation are older than that */
	[STMT_CONNS_TO_RECONCILE] = {
		.ncols = CONN_DUE__NCOLS,
		.text = "SELECT c.id, c.merchant_id FROM connections c JOIN stock_settings ss ON ss.connection_id = c.id AND ss.enabled = 1 "
		        "WHERE c.status = 'active' AND ss.updated_at < UTC_TIMESTAMP() - INTERVAL ? SECOND AND NOT EXISTS "
		        "(SELECT 1 FROM stock_reconciles r WHERE r.connection_id = c.id AND r.started_at > UTC_TIMESTAMP() - INTERVAL 1 DAY) "
		        "LIMIT 500",
	},
	/* job, merchant, connection; a retried run starts over */
	[STMT_RECONCILE_START] = {
		.text = "INSERT INTO stock_reconciles (job_id, merchant_id, connection_id) VALUES (?, ?, ?) "
		        "ON DUPLICATE KEY UPDATE checked = 0, corrected = 0, started_at = UTC_TIMESTAMP(), finished_at = NULL",
	},
	/* job */
	[STMT_RECONCILE_ITEMS_CLEAR] = {
		.text = "DELETE FROM stock_reconcile_items WHERE job_id = ?",
	},
	/* job, channel SKU, TikTok's quantity, the app's */
	[STMT_RECONCILE_ITEM_ADD] = {
		.text = "INSERT IGNORE INTO stock_reconcile_items (job_id, channel_sku_id, tiktok_qty, app_qty) VALUES (?, ?, ?, ?)",
	},
	/* channel SKU, merchant, connection; due a push */
	[STMT_STOCK_PUSH_MARK_SKU] = {
		.text = "INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id) VALUES (?, ?, ?) "
		        "ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3)",
	},
	/* checked, corrected, job */
	[STMT_RECONCILE_FINISH] = {
		.text = "UPDATE stock_reconciles SET checked = ?, corrected = ?, finished_at = UTC_TIMESTAMP() WHERE job_id = ?",
	},
	/* merchant, connection */
	[STMT_RECONCILE_LATEST] = {
		.ncols = RECONCILE_LATEST__NCOLS,
		.text = "SELECT r.job_id, j.state, r.checked, r.corrected, UNIX_TIMESTAMP(r.started_at), UNIX_TIMESTAMP(r.finished_at), "
		        "j.error_code FROM stock_reconciles r JOIN sync_jobs j ON j.id = r.job_id "
		        "WHERE r.merchant_id = ? AND r.connection_id = ? ORDER BY r.job_id DESC LIMIT 1",
	},
	/* job, merchant */
	[STMT_RECONCILE_ITEMS] = {
		.ncols = RECONCILE_ITEMS__NCOLS,
		.text = "SELECT i.channel_sku_id, cs.sku_id, cs.seller_sku, cs.product_name, cs.sku_name, i.tiktok_qty, i.app_qty "
		        "FROM stock_reconcile_items i JOIN channel_skus cs ON cs.id = i.channel_sku_id "
		        "WHERE i.job_id = ? AND cs.merchant_id = ? ORDER BY cs.id LIMIT 500",
	},
	/* connection, merchant: the SKUs pushed although their product never received stock */
	[STMT_STOCK_PUSH_INCLUDES] = {
		.ncols = STOCK_PUSH_INCLUDES__NCOLS,
		.text = "SELECT channel_sku_id FROM stock_push_includes WHERE connection_id = ? AND merchant_id = ? ORDER BY 1",
	},
	/* connection */
	[STMT_STOCK_PUSH_INCLUDES_CLEAR] = {
		.text = "DELETE FROM stock_push_includes WHERE connection_id = ?",
	},
	/* connection, channel SKU, merchant; 0 rows when it is not a SKU of this shop of the merchant */
	[STMT_STOCK_PUSH_INCLUDE_ADD] = {
		.text = "INSERT IGNORE INTO stock_push_includes (connection_id, channel_sku_id, merchant_id) "
		        "SELECT connection_id, id, merchant_id FROM channel_skus WHERE connection_id = ? AND id = ? AND merchant_id = ?",
	},
	/* connection, merchant; in TikTok's order */
	[STMT_TIKTOK_WAREHOUSES] = {
		.ncols = TIKTOK_WAREHOUSES__NCOLS,
		.text = "SELECT warehouse_id, name, is_default FROM tiktok_warehouses WHERE connection_id = ? AND merchant_id = ? "
		        "ORDER BY position",
	},
	/* connection, merchant; when the list was stored and the last pull_warehouses job */
	[STMT_TIKTOK_WAREHOUSES_PULL] = {
		.ncols = TIKTOK_WAREHOUSES_PULL__NCOLS,
		.text = "SELECT UNIX_TIMESTAMP(c.tiktok_warehouses_at), (SELECT MAX(j.id) FROM sync_jobs j WHERE j.merchant_id = c.merchant_id "
		        "AND j.connection_id = c.id AND j.kind = 'pull_warehouses') FROM connections c WHERE c.id = ? AND c.merchant_id = ?",
	},
	/* connection, merchant */
	[STMT_TIKTOK_WAREHOUSES_CLEAR] = {
		.text = "DELETE FROM tiktok_warehouses WHERE connection_id = ? AND merchant_id = ?",
	},
	/* connection, merchant */
	[STMT_TIKTOK_WAREHOUSES_PULLED] = {
		.text = "UPDATE connections SET tiktok_warehouses_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	},
};

const struct batch_sql sql_tiktok_sku_stock_seen = {
	"INSERT INTO tiktok_sku_stock (connection_id, sku_id, warehouse_id, merchant_id, quantity, seen_at) VALUES ",
	"(?, ?, ?, ?, ?, UTC_TIMESTAMP())", " ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), seen_at = VALUES(seen_at)", 5,
};

const struct batch_sql sql_tiktok_warehouse_insert = {
	"INSERT INTO tiktok_warehouses (connection_id, position, merchant_id, warehouse_id, name, is_default) VALUES ",
	"(?, ?, ?, ?, ?, ?)", "", 6,
};
