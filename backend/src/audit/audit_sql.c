/* SQL of the audit log. The snapshots read an entity's fields as one JSON object (secrets are never selected); each
 * filters by the merchant like every statement. Times go out as Unix seconds. */
#include "statements.h"

/* merchant, user (2), entity (2), action (2), from (2), to (2), before id (2) */
#define AUDIT_FILTER                                                                                                  \
	"FROM audit_log a LEFT JOIN users u ON u.id = a.user_id AND u.merchant_id = a.merchant_id "                    \
	"LEFT JOIN api_tokens t ON t.id = a.api_token_id AND t.merchant_id = a.merchant_id "                           \
	"WHERE a.merchant_id = ? AND (? IS NULL OR a.user_id = ?) AND (? IS NULL OR a.entity = ?) "                    \
	"AND (? IS NULL OR a.action = ?) AND (? IS NULL OR a.at >= FROM_UNIXTIME(?)) "                                  \
	"AND (? IS NULL OR a.at < FROM_UNIXTIME(?)) AND (? IS NULL OR a.id < ?) "
#define AUDIT_COLUMNS                                                                                                 \
	"SELECT a.id, UNIX_TIMESTAMP(a.at), a.actor, a.user_id, u.name, a.api_token_id, t.name, a.entity, "           \
	"a.entity_id, a.action, a.before_json, a.after_json, a.request_id "

const struct sql_statement audit_sql[STMT__MAX] = {
	/* merchant, actor, user, api token, entity, entity id, action, before, after, request id */
	[STMT_AUDIT_INSERT] = {
		.text = "INSERT INTO audit_log (merchant_id, actor, user_id, api_token_id, entity, entity_id, action, "
		        "before_json, after_json, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	/* the filter's values, then how many (newest first) */
	[STMT_AUDIT_LIST] = {
		.ncols = AUDIT__NCOLS,
		.text = AUDIT_COLUMNS AUDIT_FILTER "ORDER BY a.id DESC LIMIT ?",
	},
	[STMT_AUDIT_EXPORT] = {
		.ncols = AUDIT__NCOLS,
		.text = AUDIT_COLUMNS AUDIT_FILTER "ORDER BY a.id DESC LIMIT ?",
	},
	/* merchant */
	[STMT_AUDIT_RETENTION_GET] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT audit_retention_days FROM merchants WHERE id = ?",
	},
	/* days, merchant */
	[STMT_AUDIT_RETENTION_SET] = {
		.text = "UPDATE merchants SET audit_retention_days = ? WHERE id = ?",
	},
	/* batch size: rows past their merchant's retention; a plain read, so it locks nothing the changes write */
	[STMT_AUDIT_EXPIRED] = {
		.ncols = ID__NCOLS,
		.text = "SELECT a.id FROM merchants m JOIN audit_log a FORCE INDEX (ix_audit_at) ON a.merchant_id = m.id "
		        "AND a.at < UTC_TIMESTAMP() - INTERVAL m.audit_retention_days DAY LIMIT ?",
	},
	/* id: one expired row, by its primary key (the only lock a deletion takes) */
	[STMT_AUDIT_DELETE] = {
		.text = "DELETE FROM audit_log WHERE id = ?",
	},
	/* the snapshots: id, merchant */
	[STMT_AUDIT_SNAP_PRODUCT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('name', name, 'sku', sku, 'unit', unit, 'price', price, 'image_url', image_url) "
		        "FROM products WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_CHANNEL_SKU] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('seller_sku', seller_sku, 'sku_name', sku_name, 'product_id', product_id) "
		        "FROM channel_skus WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_WAREHOUSE] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('name', name, 'code', code, 'address', address, 'is_default', is_default = 1) "
		        "FROM warehouses WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_SUPPLIER] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('name', name, 'phone', phone, 'address', address, 'tax_code', tax_code, "
		        "'note', note) FROM suppliers WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_RECEIPT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('code', code, 'kind', kind, 'status', status, 'warehouse_id', warehouse_id, "
		        "'supplier_id', supplier_id, 'export_slip_id', export_slip_id, 'note', note) "
		        "FROM stock_receipts WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_SLIP] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('code', code, 'status', status, 'order_id', order_id, 'warehouse_id', warehouse_id) "
		        "FROM export_slips WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_CONNECTION] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('shop_name', shop_name, 'shop_id', shop_id, 'status', status, "
		        "'sync_enabled', sync_enabled = 1) FROM connections WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_API_TOKEN] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('name', name, 'expires_at', UNIX_TIMESTAMP(expires_at), "
		        "'revoked', revoked_at IS NOT NULL) FROM api_tokens WHERE id = ? AND merchant_id = ?",
	},
	/* the merchant's own settings: id (the merchant), merchant */
	[STMT_AUDIT_SNAP_MERCHANT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('low_stock_threshold', low_stock_threshold, 'no_slip_days', no_slip_days, "
		        "'audit_retention_days', audit_retention_days) FROM merchants WHERE id = ? AND id = ?",
	},
	/* connection, merchant */
	[STMT_AUDIT_SNAP_STOCK_SETTINGS] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('enabled', s.enabled = 1, 'buffer', s.buffer, 'tiktok_warehouse_id', "
		        "s.tiktok_warehouse_id, 'skip_unreceived', s.skip_unreceived = 1, 'warehouse_ids', "
		        "(SELECT JSON_ARRAYAGG(w.warehouse_id) FROM stock_settings_warehouses w "
		        "WHERE w.connection_id = s.connection_id)) "
		        "FROM stock_settings s WHERE s.connection_id = ? AND s.merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_FULFILLMENT_SETTINGS] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('slip_on_arrange', slip_on_arrange = 1, 'export_on_transit', "
		        "export_on_transit = 1, 'warehouse_id', warehouse_id) "
		        "FROM fulfillment_settings WHERE connection_id = ? AND merchant_id = ?",
	},
	/* id (the merchant), merchant */
	/* a person: never the password hash */
	[STMT_AUDIT_SNAP_USER] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECT('name', name, 'email', email, 'role', role, 'disabled', disabled_at IS NOT NULL) "
		        "FROM users WHERE id = ? AND merchant_id = ?",
	},
	[STMT_AUDIT_SNAP_NUMBERING] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT JSON_OBJECTAGG(kind, JSON_OBJECT('prefix', prefix, 'with_year', with_year = 1)) "
		        "FROM doc_numbering WHERE merchant_id = ? AND merchant_id = ?",
	},
};
