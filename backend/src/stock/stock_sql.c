/* SQL of warehouses, stock, its ledger, receipts and export slips: its statements by id (enum stmt), each with its
 * result columns; times go out as Unix seconds (the session is UTC). */
#include "statements.h"

/* The columns of enum receipt_col. */
#define RECEIPT_SELECT                                                                                                \
	"SELECT r.id, r.warehouse_id, r.kind, r.export_slip_id, r.note, UNIX_TIMESTAMP(r.created_at), u.name, r.code, "  \
	"r.status, UNIX_TIMESTAMP(r.cancelled_at), r.supplier_id, sp.name, w.name, w.code, w.address, m.name, e.code, "  \
	"r.after_sales_id, asr.external_id "                                                                            \
	"FROM stock_receipts r JOIN warehouses w ON w.id = r.warehouse_id JOIN merchants m ON m.id = r.merchant_id "    \
	"LEFT JOIN users u ON u.id = r.created_by LEFT JOIN suppliers sp ON sp.id = r.supplier_id "                     \
	"LEFT JOIN export_slips e ON e.id = r.export_slip_id "                                                          \
	"LEFT JOIN after_sales_requests asr ON asr.id = r.after_sales_id "

/* The products and their stock rows of the stock list, with its filters. */
#define STOCK_FROM                                                                                                    \
	"FROM products p LEFT JOIN stock s ON s.product_id = p.id AND s.merchant_id = p.merchant_id "                   \
	"AND s.warehouse_id = COALESCE(?, s.warehouse_id) "                                                            \
	"LEFT JOIN warehouses w ON w.id = COALESCE(s.warehouse_id, ?) AND w.merchant_id = p.merchant_id "              \
	"WHERE p.merchant_id = ? AND (w.id IS NOT NULL OR ? IS NULL) AND p.id = COALESCE(?, p.id) "                   \
	"AND (? IS NULL OR p.name LIKE CONCAT('%', ?, '%') OR p.sku LIKE CONCAT('%', ?, '%')) "                         \
	"AND (? IS NULL OR s.available <= ?) "                                                                          \
	"AND (? IS NULL OR COALESCE(s.on_hand, 0) = 0) "

/* The columns of enum slip_col, and the filters of the slips list. */
#define SLIP_SELECT                                                                                                   \
	"SELECT s.id, s.order_id, s.warehouse_id, s.status, UNIX_TIMESTAMP(s.created_at), "                            \
	"UNIX_TIMESTAMP(s.exported_at), UNIX_TIMESTAMP(s.cancelled_at), (SELECT u.name FROM users u WHERE u.id = "     \
	"s.created_by), o.external_id, o.status, o.buyer_name, w.name, w.code, w.address, "                            \
	"(SELECT SUM(l.quantity) FROM export_slip_lines l WHERE l.slip_id = s.id), "                                   \
	"(SELECT SUM(l.returned) FROM export_slip_lines l WHERE l.slip_id = s.id), "                                   \
	"(SELECT m.name FROM merchants m WHERE m.id = s.merchant_id), s.code "                                         \
	"FROM export_slips s JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id "
#define SLIP_FILTER                                                                                                   \
	"WHERE s.merchant_id = ? AND s.status = COALESCE(?, s.status) AND s.warehouse_id = COALESCE(?, s.warehouse_id) " \
	"AND (? IS NULL OR s.code = ? OR o.external_id = ? OR o.buyer_name LIKE CONCAT('%', ?, '%')) "

const struct sql_statement stock_sql[STMT__MAX] = {
	[STMT_WAREHOUSE_LIST] = {
		.ncols = WAREHOUSE__NCOLS,
		.text = "SELECT id, name, code, address, is_default, UNIX_TIMESTAMP(created_at) FROM warehouses WHERE merchant_id = ? "
		        "ORDER BY is_default DESC, id LIMIT ? OFFSET ?",
	},
	[STMT_WAREHOUSE_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM warehouses WHERE merchant_id = ?",
	},
	[STMT_WAREHOUSE_GET] = {
		.ncols = WAREHOUSE__NCOLS,
		.text = "SELECT id, name, code, address, is_default, UNIX_TIMESTAMP(created_at) FROM warehouses "
		        "WHERE id = ? AND merchant_id = ?",
	},
	[STMT_WAREHOUSE_INSERT] = {
		.text = "INSERT INTO warehouses (merchant_id, name, code, address) VALUES (?, ?, ?, ?)",
	},
	/* NULL keeps a field. */
	[STMT_WAREHOUSE_UPDATE] = {
		.text = "UPDATE warehouses SET name = COALESCE(?, name), code = COALESCE(?, code), address = COALESCE(?, address), "
		        "updated_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	},
	/* product, merchant: the product while the transaction lasts (a share lock) */
	[STMT_PRODUCT_KEEP] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM products WHERE id = ? AND merchant_id = ? LOCK IN SHARE MODE",
	},
	[STMT_PRODUCT_BRIEF] = {
		.ncols = PRODUCT_BRIEF__NCOLS,
		.text = "SELECT id, name, sku, unit FROM products WHERE id = ? AND merchant_id = ?",
	},
	/* Every product, with its stock row in each warehouse (or the filter's warehouse) or zeros when it has none.
	 * warehouse or NULL (twice), merchant, warehouse or NULL (a warehouse not the merchant's lists nothing), product
	 * or NULL, search (3 times) or NULL, low-stock threshold or NULL
	 * (twice; a product without a stock row is not low but without stock), "no stock" (1) or NULL, per_page, offset */
	[STMT_STOCK_LIST] = {
		.ncols = STOCK__NCOLS,
		.text = "SELECT w.id, w.name, p.id, p.name, p.sku, p.unit, COALESCE(s.on_hand, 0), COALESCE(s.available, 0), "
		        "COALESCE(s.awaiting_export, 0), UNIX_TIMESTAMP(s.updated_at) " STOCK_FROM
		        "ORDER BY p.name, p.id, w.id LIMIT ? OFFSET ?",
	},
	[STMT_STOCK_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) " STOCK_FROM,
	},
	/* adds the deltas (on_hand, available, awaiting_export), creating the row at zero first. */
	[STMT_STOCK_APPLY] = {
		.text = "INSERT INTO stock (merchant_id, warehouse_id, product_id, on_hand, available, awaiting_export) "
		        "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE on_hand = on_hand + VALUES(on_hand), "
		        "available = available + VALUES(available), awaiting_export = awaiting_export + VALUES(awaiting_export), "
		        "updated_at = UTC_TIMESTAMP()",
	},
	/* adds the deltas to a row that exists (a negative delta cannot start a row: the CHECK applies to the values
	 * of an INSERT before ON DUPLICATE KEY would update). */
	[STMT_STOCK_UPDATE] = {
		.text = "UPDATE stock SET on_hand = on_hand + ?, available = available + ?, awaiting_export = awaiting_export + ?, "
		        "updated_at = UTC_TIMESTAMP() WHERE warehouse_id = ? AND product_id = ? AND merchant_id = ?",
	},
	/* the ledger row of the change just applied, with the balances after it. */
	[STMT_MOVEMENT_INSERT] = {
		.text = "INSERT INTO stock_movements (merchant_id, warehouse_id, product_id, user_id, doc_type, doc_id, d_on_hand, "
		        "d_available, d_awaiting, on_hand, available, awaiting_export) "
		        "SELECT s.merchant_id, s.warehouse_id, s.product_id, ?, ?, ?, ?, ?, ?, s.on_hand, s.available, s.awaiting_export "
		        "FROM stock s WHERE s.warehouse_id = ? AND s.product_id = ? AND s.merchant_id = ?",
	},
	/* merchant, warehouse or NULL, product or NULL, per_page, offset */
	[STMT_MOVEMENT_LIST] = {
		.ncols = MOVEMENT__NCOLS,
		.text = "SELECT m.id, UNIX_TIMESTAMP(m.created_at), m.warehouse_id, w.name, m.product_id, p.name, p.sku, m.user_id, "
		        "u.name, m.doc_type, m.doc_id, m.d_on_hand, m.d_available, m.d_awaiting, m.on_hand, m.available, "
		        "m.awaiting_export, COALESCE(e.code, rc.code), rc.note, COALESCE(e.id, rc.export_slip_id), m.after_sales_id, "
		        "asr.external_id FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id "
		        "LEFT JOIN after_sales_requests asr ON asr.id = m.after_sales_id "
		        "LEFT JOIN export_slips e ON m.doc_type IN ('slip_create', 'slip_export', 'slip_cancel') AND e.id = m.doc_id "
		        "LEFT JOIN stock_receipts rc ON m.doc_type IN ('receipt', 'return', 'receipt_cancel') AND rc.id = m.doc_id "
		        "JOIN products p ON p.id = m.product_id LEFT JOIN users u ON u.id = m.user_id "
		        "WHERE m.merchant_id = ? AND m.warehouse_id = COALESCE(?, m.warehouse_id) "
		        "AND m.product_id = COALESCE(?, m.product_id) ORDER BY m.id DESC LIMIT ? OFFSET ?",
	},
	[STMT_MOVEMENT_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM stock_movements m WHERE m.merchant_id = ? AND m.warehouse_id = COALESCE(?, m.warehouse_id) "
		        "AND m.product_id = COALESCE(?, m.product_id)",
	},
	[STMT_RECEIPT_INSERT] = {
		.text = "INSERT INTO stock_receipts (merchant_id, warehouse_id, kind, export_slip_id, note, created_by, code, "
		        "supplier_id, after_sales_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	[STMT_RECEIPT_LINE_INSERT] = {
		.text = "INSERT INTO stock_receipt_lines (merchant_id, receipt_id, product_id, quantity, unit_cost) "
		        "VALUES (?, ?, ?, ?, ?)",
	},
	[STMT_RECEIPT_GET] = {
		.ncols = RECEIPT__NCOLS,
		.text = RECEIPT_SELECT "WHERE r.id = ? AND r.merchant_id = ?",
	},
	[STMT_RECEIPT_LINES] = {
		.ncols = RECEIPT_LINE__NCOLS,
		.text = "SELECT l.receipt_id, l.product_id, l.quantity, p.name, p.sku, p.unit, l.unit_cost FROM stock_receipt_lines l "
		        "JOIN products p ON p.id = l.product_id WHERE l.receipt_id = ? AND l.merchant_id = ? ORDER BY l.product_id",
	},
	/* the return receipts of a slip */
	[STMT_SLIP_RECEIPTS] = {
		.ncols = RECEIPT__NCOLS,
		.text = RECEIPT_SELECT "WHERE r.export_slip_id = ? "
		        "AND r.merchant_id = ? ORDER BY r.id",
	},
	/* each line with its linked product (NULL: unlinked), grouped by product */
	[STMT_SLIP_ORDER_LINES] = {
		.ncols = SLIP_ORDER_LINE__NCOLS,
		.text = "SELECT ol.channel_sku_id, ol.sku_id, ol.seller_sku, ol.product_name, ol.sku_name, ol.quantity, cs.product_id, "
		        "p.name, p.sku FROM order_lines ol "
		        "LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
		        "LEFT JOIN products p ON p.id = cs.product_id WHERE ol.order_id = ? AND ol.merchant_id = ? "
		        "ORDER BY cs.product_id, ol.id",
	},
	/* a locking read, so it sees a slip committed since the transaction's snapshot */
	[STMT_SLIP_LIVE_FOR_ORDER] = {
		.ncols = SLIP_LIVE__NCOLS,
		.text = "SELECT id, status, code FROM export_slips WHERE active_order_id = ? AND merchant_id = ? LOCK IN SHARE MODE",
	},
	[STMT_SLIP_INSERT] = {
		.text = "INSERT INTO export_slips (merchant_id, order_id, warehouse_id, active_order_id, created_by) "
		        "VALUES (?, ?, ?, ?, ?)",
	},
	[STMT_SLIP_LOCK] = {
		.ncols = SLIP_LOCK__NCOLS,
		.text = "SELECT status, warehouse_id, order_id FROM export_slips WHERE id = ? AND merchant_id = ? FOR UPDATE",
	},
	[STMT_SLIP_LINES] = {
		.ncols = SLIP_LINE__NCOLS,
		.text = "SELECT l.product_id, l.quantity, l.returned, p.name, p.sku, p.unit, l.amount FROM export_slip_lines l "
		        "JOIN products p ON p.id = l.product_id WHERE l.slip_id = ? AND l.merchant_id = ? ORDER BY l.product_id",
	},
	/* also the slip's lock (0 rows: gone or not awaiting export) */
	[STMT_SLIP_SET_EXPORTED] = {
		.text = "UPDATE export_slips SET status = 'exported', exported_at = UTC_TIMESTAMP() "
		        "WHERE id = ? AND merchant_id = ? AND status = 'awaiting_export'",
	},
	/* frees the order for a new slip */
	[STMT_SLIP_SET_CANCELLED] = {
		.text = "UPDATE export_slips SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(), active_order_id = NULL "
		        "WHERE id = ? AND merchant_id = ? AND status = 'awaiting_export'",
	},
	/* quantity, slip, product, merchant, quantity */
	[STMT_SLIP_LINE_RETURN] = {
		.text = "UPDATE export_slip_lines SET returned = returned + ? WHERE slip_id = ? AND product_id = ? AND merchant_id = ? "
		        "AND returned + ? <= quantity",
	},
	[STMT_SLIP_GET] = {
		.ncols = SLIP__NCOLS,
		.text = SLIP_SELECT "WHERE s.id = ? AND s.merchant_id = ?",
	},
	/* merchant, status or NULL, warehouse or NULL, search, slip id of the search, search, search */
	[STMT_SLIP_LIST] = {
		.ncols = SLIP__NCOLS,
		.text = SLIP_SELECT SLIP_FILTER "ORDER BY s.id DESC LIMIT ? OFFSET ?",
	},
	[STMT_SLIP_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM export_slips s JOIN orders o ON o.id = s.order_id " SLIP_FILTER,
	},
	[STMT_SLIPS_OF_ORDER] = {
		.ncols = SLIP__NCOLS,
		.text = SLIP_SELECT "WHERE s.order_id = ? AND s.merchant_id = ? ORDER BY s.id DESC",
	},
	/* warehouse, order, merchant; a consistent read, no lock (the unique live slip per order,
	 * uq_export_slips_active, serializes creations) */
	[STMT_SLIP_CREATE_CHECK] = {
		.ncols = SLIP_CREATE_CHECK__NCOLS,
		.text = "SELECT o.status, (SELECT w.id FROM warehouses w WHERE w.id = ? AND w.merchant_id = o.merchant_id), e.id, "
		        "e.status, ol.channel_sku_id, ol.sku_id, ol.seller_sku, ol.product_name, ol.sku_name, ol.quantity, "
		        "cs.product_id, e.code FROM orders o LEFT JOIN export_slips e ON e.active_order_id = o.id "
		        "LEFT JOIN order_lines ol ON ol.order_id = o.id AND ol.merchant_id = o.merchant_id "
		        "LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
		        "WHERE o.id = ? AND o.merchant_id = ? ORDER BY ol.id",
	},
	/* slip, order, merchant; one line per linked product, the sum of its order lines (a SKU unlinked since the
	 * check makes fewer lines than it counted: the caller runs the check again). From the order's lines: MariaDB
	 * would rather read every linked SKU of the merchant first (210 rows a slip at 120 SKUs). */
	[STMT_SLIP_LINES_FROM_ORDER] = {
		.text = "INSERT INTO export_slip_lines (merchant_id, slip_id, product_id, quantity, amount) "
		        "SELECT ol.merchant_id, ?, cs.product_id, SUM(ol.quantity), SUM(ol.quantity * ol.unit_price) FROM order_lines ol "
		        "STRAIGHT_JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
		        "WHERE ol.order_id = ? AND ol.merchant_id = ? AND cs.product_id IS NOT NULL GROUP BY cs.product_id ORDER BY cs.product_id",
	},
	/* warehouse, slip, merchant; the slip's stock rows locked in product order (NULL: no row) */
	[STMT_SLIP_STOCK_LOCK] = {
		.ncols = SLIP_STOCK_LOCK__NCOLS,
		.text = "SELECT l.product_id, l.quantity, s.available FROM export_slip_lines l "
		        "LEFT JOIN stock s ON s.warehouse_id = ? AND s.product_id = l.product_id AND s.merchant_id = l.merchant_id "
		        "WHERE l.slip_id = ? AND l.merchant_id = ? ORDER BY l.product_id FOR UPDATE",
	},
	/* on hand, available, awaiting export (each -1, 0 or 1 times the line), slip, merchant; every line's stock row
	 * of the slip's warehouse in one statement, in product order */
	[STMT_SLIP_STOCK_APPLY] = {
		.text = "UPDATE export_slips e STRAIGHT_JOIN export_slip_lines l ON l.slip_id = e.id "
		        "STRAIGHT_JOIN stock s ON s.warehouse_id = e.warehouse_id AND s.product_id = l.product_id "
		        "AND s.merchant_id = e.merchant_id SET s.on_hand = s.on_hand + ? * l.quantity, "
		        "s.available = s.available + ? * l.quantity, s.awaiting_export = s.awaiting_export + ? * l.quantity, "
		        "s.updated_at = UTC_TIMESTAMP() WHERE e.id = ? AND e.merchant_id = ?",
	},
	/* user, doc_type, the three factors, slip, merchant; the ledger rows of the change just applied by
	 * STMT_SLIP_STOCK_APPLY, with the balances after it */
	[STMT_SLIP_MOVEMENTS] = {
		.text = "INSERT INTO stock_movements (merchant_id, warehouse_id, product_id, user_id, doc_type, doc_id, d_on_hand, "
		        "d_available, d_awaiting, on_hand, available, awaiting_export) "
		        "SELECT s.merchant_id, s.warehouse_id, s.product_id, ?, ?, e.id, ? * l.quantity, ? * l.quantity, "
		        "? * l.quantity, s.on_hand, s.available, s.awaiting_export FROM export_slips e "
		        "STRAIGHT_JOIN export_slip_lines l ON l.slip_id = e.id STRAIGHT_JOIN stock s ON s.warehouse_id = e.warehouse_id "
		        "AND s.product_id = l.product_id AND s.merchant_id = e.merchant_id WHERE e.id = ? AND e.merchant_id = ? "
		        "ORDER BY l.product_id",
	},
	/* slip, merchant; the slip and its lines in one read, joins only (no subquery to plan) */
	[STMT_SLIP_FULL] = {
		.ncols = SLIP_FULL__NCOLS,
		.text = "SELECT s.id, s.order_id, s.warehouse_id, s.status, UNIX_TIMESTAMP(s.created_at), UNIX_TIMESTAMP(s.exported_at), "
		        "UNIX_TIMESTAMP(s.cancelled_at), u.name, o.external_id, o.status, o.buyer_name, w.name, w.code, w.address, 0, 0, "
		        "m.name, s.code, l.product_id, l.quantity, l.returned, p.name, p.sku, p.unit, l.amount FROM export_slips s "
		        "JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id "
		        "JOIN merchants m ON m.id = s.merchant_id LEFT JOIN users u ON u.id = s.created_by "
		        "JOIN export_slip_lines l ON l.slip_id = s.id JOIN products p ON p.id = l.product_id "
		        "WHERE s.id = ? AND s.merchant_id = ? ORDER BY l.product_id",
	},
	/* merchant */
	[STMT_LOW_STOCK_GET] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT low_stock_threshold FROM merchants WHERE id = ?",
	},
	/* threshold, merchant */
	[STMT_LOW_STOCK_SET] = {
		.text = "UPDATE merchants SET low_stock_threshold = ? WHERE id = ?",
	},
};
