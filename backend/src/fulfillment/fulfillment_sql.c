/* SQL of fulfillment: packages and their slots and labels, the shop's rules, bulk runs and their items. Times go out as
 * Unix seconds (the session is UTC). */
#include "statements.h"

const struct sql_statement fulfillment_sql[STMT__MAX] = {
	/* order, merchant */
	[STMT_FF_ORDER_PACKAGES] = {
		.ncols = FF_PACKAGE__NCOLS,
		.text = "SELECT id, package_id, handover_method, pickup_start, pickup_end, UNIX_TIMESTAMP(arranged_at), "
		        "tracking_number, can_pickup, can_drop_off, UNIX_TIMESTAMP(slots_read_at), label_key IS NOT NULL, "
		        "label_pages, label_error, UNIX_TIMESTAMP(printed_at), printed_by, print_count FROM order_packages "
		        "WHERE order_id = ? AND merchant_id = ? ORDER BY id",
	},
	[STMT_FF_ORDER_SLOTS] = {
		.ncols = FF_SLOT__NCOLS,
		.text = "SELECT s.order_package_id, s.start_time, s.end_time FROM package_slots s JOIN order_packages p "
		        "ON p.id = s.order_package_id WHERE p.order_id = ? AND p.merchant_id = ? ORDER BY s.start_time",
	},
	/* connection, merchant: the connection's row, with its settings when set */
	[STMT_FF_SETTINGS_GET] = {
		.ncols = FF_SETTINGS__NCOLS,
		.text = "SELECT c.id, COALESCE(s.slip_on_arrange, 0), COALESCE(s.export_on_transit, 0), s.warehouse_id "
		        "FROM connections c LEFT JOIN fulfillment_settings s ON s.connection_id = c.id "
		        "WHERE c.id = ? AND c.merchant_id = ? AND c.status <> 'disconnected'",
	},
	/* connection, merchant, slip, export, warehouse, now, user: a rule turned on starts from now */
	[STMT_FF_SETTINGS_PUT] = {
		.text = "INSERT INTO fulfillment_settings (connection_id, merchant_id, slip_on_arrange, export_on_transit, "
		        "warehouse_id, rules_since, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
		        "rules_since = IF(VALUES(slip_on_arrange) > slip_on_arrange OR VALUES(export_on_transit) > export_on_transit, "
		        "VALUES(rules_since), rules_since), slip_on_arrange = VALUES(slip_on_arrange), "
		        "export_on_transit = VALUES(export_on_transit), warehouse_id = VALUES(warehouse_id), "
		        "updated_by = VALUES(updated_by)",
	},
	/* merchant, user, action, params, total */
	[STMT_FF_BATCH_INSERT] = {
		.text = "INSERT INTO fulfillment_batches (merchant_id, user_id, action, params, total) VALUES (?, ?, ?, ?, ?)",
	},
	/* batch, merchant */
	[STMT_FF_BATCH_GET] = {
		.ncols = FF_BATCH__NCOLS,
		.text = "SELECT b.id, b.action, b.params, b.total, "
		        "(SELECT COUNT(*) FROM fulfillment_batch_items i WHERE i.batch_id = b.id AND i.state = 'done'), "
		        "(SELECT COUNT(*) FROM fulfillment_batch_items i WHERE i.batch_id = b.id AND i.state = 'failed'), "
		        "b.document_key IS NOT NULL, b.document_pages, UNIX_TIMESTAMP(b.created_at), UNIX_TIMESTAMP(b.finished_at), "
		        "b.document_key, b.user_id FROM fulfillment_batches b WHERE b.id = ? AND b.merchant_id = ?",
	},
	/* batch, merchant */
	[STMT_FF_BATCH_ITEMS] = {
		.ncols = FF_ITEM__NCOLS,
		.text = "SELECT i.position, i.order_id, o.external_id, i.state, i.code, i.message, o.channel_status "
		        "FROM fulfillment_batch_items i JOIN orders o ON o.id = i.order_id "
		        "WHERE i.batch_id = ? AND o.merchant_id = ? ORDER BY i.position",
	},
	/* batch, connection, limit */
	[STMT_FF_ITEMS_QUEUED] = {
		.ncols = FF_ITEM__NCOLS,
		.text = "SELECT i.position, i.order_id, o.external_id, i.state, i.code, i.message, o.channel_status "
		        "FROM fulfillment_batch_items i JOIN orders o ON o.id = i.order_id "
		        "WHERE i.batch_id = ? AND i.connection_id = ? AND i.state = 'queued' ORDER BY i.position LIMIT ?",
	},
	/* state, code, message, batch, position */
	[STMT_FF_ITEM_SET] = {
		.text = "UPDATE fulfillment_batch_items SET state = ?, code = ?, message = ? WHERE batch_id = ? AND position = ? "
		        "AND state = 'queued'",
	},
	/* batch: held while the last job of a run merges its document */
	[STMT_FF_BATCH_LOCK] = {
		.ncols = FF_LOCK__NCOLS,
		.text = "SELECT (SELECT COUNT(*) FROM fulfillment_batch_items i WHERE i.batch_id = b.id AND i.state = 'queued'), "
		        "b.document_key IS NOT NULL OR b.finished_at IS NOT NULL, b.action, b.total FROM fulfillment_batches b "
		        "WHERE b.id = ? FOR UPDATE",
	},
	/* key (NULL: none), pages, batch */
	[STMT_FF_BATCH_DOCUMENT] = {
		.text = "UPDATE fulfillment_batches SET document_key = ?, document_pages = ?, finished_at = UTC_TIMESTAMP() "
		        "WHERE id = ?",
	},
	/* order */
	[STMT_FF_PACKAGES_OF] = {
		.ncols = FF_PKG__NCOLS,
		.text = "SELECT id, package_id, order_id, label_key FROM order_packages WHERE order_id = ? ORDER BY id",
	},
	/* method, start, end, id */
	[STMT_FF_PACKAGE_ARRANGED] = {
		.text = "UPDATE order_packages SET handover_method = ?, pickup_start = ?, pickup_end = ?, "
		        "arranged_at = UTC_TIMESTAMP(), label_error = NULL WHERE id = ?",
	},
	/* can_pickup, can_drop_off, id */
	[STMT_FF_PACKAGE_SLOTS_READ] = {
		.text = "UPDATE order_packages SET can_pickup = ?, can_drop_off = ?, slots_read_at = UTC_TIMESTAMP() WHERE id = ?",
	},
	[STMT_FF_PACKAGE_SLOTS_CLEAR] = {
		.text = "DELETE FROM package_slots WHERE order_package_id = ?",
	},
	/* key, pages, tracking number twice (kept when TikTok gave none), id */
	[STMT_FF_PACKAGE_LABEL] = {
		.text = "UPDATE order_packages SET label_key = ?, label_pages = ?, "
		        "tracking_number = IF(? = '', tracking_number, ?), "
		        "label_fetched_at = UTC_TIMESTAMP(), label_error = NULL WHERE id = ?",
	},
	/* TikTok's words, id */
	[STMT_FF_PACKAGE_LABEL_ERROR] = {
		.text = "UPDATE order_packages SET label_error = ? WHERE id = ?",
	},
	/* connection: packages arranged from the app whose label is not kept yet */
	[STMT_FF_LABELS_DUE] = {
		.ncols = FF_PKG__NCOLS,
		.text = "SELECT id, package_id, order_id, label_key FROM order_packages WHERE connection_id = ? "
		        "AND arranged_at IS NOT NULL AND label_fetched_at IS NULL AND label_error IS NULL ORDER BY id LIMIT 100",
	},
	/* printed_by, batch */
	[STMT_FF_PRINTED] = {
		.text = "UPDATE order_packages p JOIN fulfillment_batch_items i ON i.order_id = p.order_id "
		        "SET p.printed_at = UTC_TIMESTAMP(), p.printed_by = ?, p.print_count = p.print_count + 1 "
		        "WHERE i.batch_id = ? AND i.state = 'done' AND p.label_key IS NOT NULL",
	},
	/* batch */
	[STMT_FF_ORDERS_PRINTED] = {
		.text = "UPDATE orders o JOIN fulfillment_batch_items i ON i.order_id = o.id "
		        "SET o.label_printed_at = COALESCE(o.label_printed_at, UTC_TIMESTAMP()) "
		        "WHERE i.batch_id = ? AND i.state = 'done'",
	},
	/* batch: the labels to merge, in the order the ids were given */
	[STMT_FF_LABEL_KEYS] = {
		.ncols = FF_KEY__NCOLS,
		.text = "SELECT p.label_key, p.order_id FROM fulfillment_batch_items i JOIN order_packages p ON p.order_id = i.order_id "
		        "WHERE i.batch_id = ? AND i.state = 'done' AND p.label_key IS NOT NULL ORDER BY i.position, p.id",
	},
	/* order, merchant */
	[STMT_FF_LIVE_SLIP] = {
		.ncols = FF_SLIP__NCOLS,
		.text = "SELECT id, status FROM export_slips WHERE active_order_id = ? AND merchant_id = ?",
	},
	/* shops with a rule on and an order it has not worked on yet */
	[STMT_FF_RULES_DUE] = {
		.ncols = FF_DUE__NCOLS,
		.text = "SELECT s.connection_id, s.merchant_id FROM fulfillment_settings s "
		        "JOIN connections c ON c.id = s.connection_id AND c.status = 'active' "
		        "WHERE (s.slip_on_arrange = 1 AND EXISTS (SELECT 1 FROM orders o WHERE o.merchant_id = s.merchant_id "
		        "AND o.channel_status = 'AWAITING_COLLECTION' AND o.connection_id = s.connection_id "
		        "AND o.has_live_slip = 0 AND o.update_time >= s.rules_since AND NOT EXISTS (SELECT 1 FROM "
		        "fulfillment_rule_runs r WHERE r.order_id = o.id AND r.rule = 'slip_on_arrange'))) "
		        "OR (s.export_on_transit = 1 AND EXISTS (SELECT 1 FROM orders o WHERE o.merchant_id = s.merchant_id "
		        "AND o.channel_status IN ('IN_TRANSIT', 'DELIVERED', 'COMPLETED') AND o.connection_id = s.connection_id "
		        "AND o.has_live_slip = 1 AND o.update_time >= s.rules_since AND EXISTS (SELECT 1 FROM export_slips e "
		        "WHERE e.active_order_id = o.id AND e.status = 'awaiting_export') AND NOT EXISTS (SELECT 1 FROM "
		        "fulfillment_rule_runs r WHERE r.order_id = o.id AND r.rule = 'export_on_transit'))) LIMIT 50",
	},
	/* connection: orders whose shipment is arranged, without a slip; with the rule's user and warehouse */
	[STMT_FF_RULE_ARRANGED] = {
		.ncols = FF_RULE__NCOLS,
		.text = "SELECT o.id, s.updated_by, COALESCE(s.warehouse_id, (SELECT w.id FROM warehouses w WHERE "
		        "w.merchant_id = s.merchant_id AND w.is_default = 1 LIMIT 1)), NULL FROM fulfillment_settings s "
		        "JOIN orders o ON o.merchant_id = s.merchant_id AND o.connection_id = s.connection_id "
		        "WHERE s.connection_id = ? AND s.slip_on_arrange = 1 AND o.channel_status = 'AWAITING_COLLECTION' "
		        "AND o.has_live_slip = 0 AND o.update_time >= s.rules_since AND NOT EXISTS (SELECT 1 FROM "
		        "fulfillment_rule_runs r WHERE r.order_id = o.id AND r.rule = 'slip_on_arrange') ORDER BY o.id LIMIT 100",
	},
	/* connection: orders the carrier has collected whose slip awaits export */
	[STMT_FF_RULE_TRANSIT] = {
		.ncols = FF_RULE__NCOLS,
		.text = "SELECT o.id, s.updated_by, NULL, e.id FROM fulfillment_settings s "
		        "JOIN orders o ON o.merchant_id = s.merchant_id AND o.connection_id = s.connection_id "
		        "JOIN export_slips e ON e.active_order_id = o.id AND e.status = 'awaiting_export' "
		        "WHERE s.connection_id = ? AND s.export_on_transit = 1 "
		        "AND o.channel_status IN ('IN_TRANSIT', 'DELIVERED', 'COMPLETED') AND o.update_time >= s.rules_since "
		        "AND NOT EXISTS (SELECT 1 FROM fulfillment_rule_runs r WHERE r.order_id = o.id "
		        "AND r.rule = 'export_on_transit') ORDER BY o.id LIMIT 100",
	},
	/* order, rule, merchant, code, message: when two runs of a rule meet on an order, the one that made or exported the
	 * slip is what is kept (the other was refused because of it) */
	[STMT_FF_RULE_RAN] = {
		.text = "INSERT INTO fulfillment_rule_runs (order_id, rule, merchant_id, code, message) VALUES (?, ?, ?, ?, ?) "
		        "ON DUPLICATE KEY UPDATE message = IF(VALUES(code) IS NULL, NULL, message), "
		        "code = IF(VALUES(code) IS NULL, NULL, code)",
	},
	/* order, merchant */
	[STMT_FF_ORDER_RULES] = {
		.ncols = FF_RAN__NCOLS,
		.text = "SELECT rule, code, message, UNIX_TIMESTAMP(ran_at) FROM fulfillment_rule_runs "
		        "WHERE order_id = ? AND merchant_id = ? ORDER BY rule",
	},
	/* order, merchant */
	[STMT_FF_ORDER_OWNED] = {
		.ncols = FF_OWNED__NCOLS,
		.text = "SELECT id, connection_id FROM orders WHERE id = ? AND merchant_id = ?",
	},
	/* batch: a run whose every order is settled as it starts (labels all kept already) */
	[STMT_FF_ITEMS_DONE] = {
		.text = "UPDATE fulfillment_batch_items SET state = 'done' WHERE batch_id = ? AND state = 'queued'",
	},
	/* order, merchant */
	[STMT_FF_ORDER_SHIPPING] = {
		.ncols = FF_SHIPPING__NCOLS,
		.text = "SELECT ship_by_time, UNIX_TIMESTAMP(label_printed_at) FROM orders WHERE id = ? AND merchant_id = ?",
	},
};

const struct batch_sql sql_ff_orders_owned = {
	"SELECT id, connection_id FROM orders WHERE merchant_id = ? AND id IN (", "?", ")", 1,
};

const struct batch_sql sql_ff_labels_missing = {
	"SELECT COUNT(*) FROM orders o WHERE o.merchant_id = ? AND o.id IN (", "?",
	") AND (NOT EXISTS (SELECT 1 FROM order_packages p WHERE p.order_id = o.id) OR EXISTS (SELECT 1 FROM order_packages p "
	"WHERE p.order_id = o.id AND p.label_key IS NULL))", 1,
};

const struct batch_sql sql_ff_item_insert = {
	"INSERT INTO fulfillment_batch_items (batch_id, position, order_id, connection_id) VALUES ", "(?, ?, ?, ?)", "", 4,
};

const struct batch_sql sql_ff_slot_insert = {
	"INSERT IGNORE INTO package_slots (order_package_id, start_time, end_time) VALUES ", "(?, ?, ?)", "", 3,
};
