/* SQL of the stock documents: numbering and its counters, suppliers, the receipts list, receipt cancellation and
 * the set-based stock change of a receipt (one statement for all its lines); times go out as Unix seconds. */
#include "statements.h"

#define RECEIPT_LIST_FILTER                                                                                           \
	"WHERE r.merchant_id = ? AND r.kind = COALESCE(?, r.kind) AND r.status = COALESCE(?, r.status) "               \
	"AND r.warehouse_id = COALESCE(?, r.warehouse_id) AND (? IS NULL OR r.supplier_id = ?) "                      \
	"AND (? IS NULL OR r.code = ? OR r.note LIKE CONCAT('%', ?, '%')) "

const struct sql_statement stock_docs_sql[STMT__MAX] = {
	/* merchant */
	[STMT_NUMBERING_LIST] = {
		.ncols = NUMBERING__NCOLS,
		.text = "SELECT kind, prefix, with_year FROM doc_numbering WHERE merchant_id = ? ORDER BY kind",
	},
	/* merchant, kind, prefix, with_year */
	[STMT_NUMBERING_SET] = {
		.text = "INSERT INTO doc_numbering (merchant_id, kind, prefix, with_year) VALUES (?, ?, ?, ?) "
		        "ON DUPLICATE KEY UPDATE prefix = VALUES(prefix), with_year = VALUES(with_year), updated_at = UTC_TIMESTAMP()",
	},
	/* merchant, kind, year: the next number, the row locked until the transaction ends */
	[STMT_COUNTER_BUMP] = {
		.text = "INSERT INTO doc_counters (merchant_id, kind, year, last_no) VALUES (?, ?, ?, 1) "
		        "ON DUPLICATE KEY UPDATE last_no = last_no + 1",
	},
	/* merchant, kind, year (this transaction's own write) */
	[STMT_COUNTER_GET] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT last_no FROM doc_counters WHERE merchant_id = ? AND kind = ? AND year = ?",
	},
	/* code, slip, merchant */
	[STMT_SLIP_SET_CODE] = {
		.text = "UPDATE export_slips SET code = ? WHERE id = ? AND merchant_id = ?",
	},
	/* merchant, search (3 times) or NULL, per_page, offset */
	[STMT_SUPPLIER_LIST] = {
		.ncols = SUPPLIER__NCOLS,
		.text = "SELECT id, name, phone, address, tax_code, note, UNIX_TIMESTAMP(created_at) FROM suppliers "
		        "WHERE merchant_id = ? AND (? IS NULL OR name LIKE CONCAT('%', ?, '%') OR phone LIKE CONCAT('%', ?, '%')) "
		        "ORDER BY name, id LIMIT ? OFFSET ?",
	},
	[STMT_SUPPLIER_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM suppliers "
		        "WHERE merchant_id = ? AND (? IS NULL OR name LIKE CONCAT('%', ?, '%') OR phone LIKE CONCAT('%', ?, '%'))",
	},
	/* supplier, merchant */
	[STMT_SUPPLIER_GET] = {
		.ncols = SUPPLIER__NCOLS,
		.text = "SELECT id, name, phone, address, tax_code, note, UNIX_TIMESTAMP(created_at) FROM suppliers "
		        "WHERE id = ? AND merchant_id = ?",
	},
	[STMT_SUPPLIER_INSERT] = {
		.text = "INSERT INTO suppliers (merchant_id, name, phone, address, tax_code, note) VALUES (?, ?, ?, ?, ?, ?)",
	},
	/* NULL keeps a field. */
	[STMT_SUPPLIER_UPDATE] = {
		.text = "UPDATE suppliers SET name = COALESCE(?, name), phone = COALESCE(?, phone), address = COALESCE(?, address), "
		        "tax_code = COALESCE(?, tax_code), note = COALESCE(?, note), updated_at = UTC_TIMESTAMP() "
		        "WHERE id = ? AND merchant_id = ?",
	},
	/* a supplier named on a receipt stays (the foreign key refuses) */
	[STMT_SUPPLIER_DELETE] = {
		.text = "DELETE FROM suppliers WHERE id = ? AND merchant_id = ?",
	},
	/* merchant, kind, status, warehouse, supplier (twice), search (3 times), per_page, offset (NULL: any) */
	[STMT_RECEIPT_LIST] = {
		.ncols = RECEIPT_LIST__NCOLS,
		.text = "SELECT r.id, r.code, r.kind, r.status, r.warehouse_id, w.name, r.supplier_id, sp.name, r.export_slip_id, "
		        "r.note, UNIX_TIMESTAMP(r.created_at), u.name, "
		        "(SELECT COUNT(*) FROM stock_receipt_lines l WHERE l.receipt_id = r.id), "
		        "(SELECT SUM(l.quantity) FROM stock_receipt_lines l WHERE l.receipt_id = r.id), "
		        "(SELECT CAST(SUM(l.quantity * l.unit_cost) AS CHAR) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) "
		        "FROM stock_receipts r JOIN warehouses w ON w.id = r.warehouse_id "
		        "LEFT JOIN suppliers sp ON sp.id = r.supplier_id LEFT JOIN users u ON u.id = r.created_by "
		        RECEIPT_LIST_FILTER "ORDER BY r.id DESC LIMIT ? OFFSET ?",
	},
	[STMT_RECEIPT_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM stock_receipts r " RECEIPT_LIST_FILTER,
	},
	/* receipt, merchant */
	[STMT_RECEIPT_LOCK] = {
		.ncols = RECEIPT_LOCK__NCOLS,
		.text = "SELECT kind, status, warehouse_id, after_sales_id FROM stock_receipts WHERE id = ? AND merchant_id = ? "
		        "FOR UPDATE",
	},
	/* warehouse, receipt, merchant; the receipt's stock rows locked in product order */
	[STMT_RECEIPT_STOCK_LOCK] = {
		.ncols = RECEIPT_STOCK__NCOLS,
		.text = "SELECT l.product_id, l.quantity, s.available, p.name, p.sku FROM stock_receipt_lines l "
		        "JOIN products p ON p.id = l.product_id "
		        "LEFT JOIN stock s ON s.warehouse_id = ? AND s.product_id = l.product_id AND s.merchant_id = l.merchant_id "
		        "WHERE l.receipt_id = ? AND l.merchant_id = ? ORDER BY l.product_id FOR UPDATE",
	},
	/* user, receipt, merchant */
	[STMT_RECEIPT_SET_CANCELLED] = {
		.text = "UPDATE stock_receipts SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(), cancelled_by = ? "
		        "WHERE id = ? AND merchant_id = ? AND status = 'posted' AND (kind = 'receipt' OR after_sales_id IS NOT NULL)",
	},
	/* receipt, merchant: every line onto its stock row (created at zero when new), in product order */
	[STMT_RECEIPT_STOCK_ADD] = {
		.text = "INSERT INTO stock (merchant_id, warehouse_id, product_id, on_hand, available, awaiting_export) "
		        "SELECT l.merchant_id, r.warehouse_id, l.product_id, l.quantity, l.quantity, 0 FROM stock_receipts r "
		        "STRAIGHT_JOIN stock_receipt_lines l ON l.receipt_id = r.id WHERE r.id = ? AND r.merchant_id = ? "
		        "ORDER BY l.product_id ON DUPLICATE KEY UPDATE on_hand = stock.on_hand + VALUES(on_hand), "
		        "available = stock.available + VALUES(available), updated_at = UTC_TIMESTAMP()",
	},
	/* receipt, merchant: a cancelled return receipt's quantities are no longer returned on its export slip */
	[STMT_RECEIPT_UNRETURN] = {
		.text = "UPDATE stock_receipts r STRAIGHT_JOIN stock_receipt_lines rl ON rl.receipt_id = r.id "
		        "STRAIGHT_JOIN export_slip_lines l ON l.slip_id = r.export_slip_id AND l.product_id = rl.product_id "
		        "AND l.merchant_id = r.merchant_id SET l.returned = l.returned - rl.quantity "
		        "WHERE r.id = ? AND r.merchant_id = ? AND r.kind = 'return'",
	},
	/* receipt, merchant: every line off its stock row (the CHECK refuses a balance below zero) */
	[STMT_RECEIPT_STOCK_TAKE] = {
		.text = "UPDATE stock_receipts r STRAIGHT_JOIN stock_receipt_lines l ON l.receipt_id = r.id "
		        "STRAIGHT_JOIN stock s ON s.warehouse_id = r.warehouse_id AND s.product_id = l.product_id "
		        "AND s.merchant_id = r.merchant_id SET s.on_hand = s.on_hand - l.quantity, "
		        "s.available = s.available - l.quantity, s.updated_at = UTC_TIMESTAMP() WHERE r.id = ? AND r.merchant_id = ?",
	},
	/* user, doc_type, factor (twice), receipt, merchant: the ledger rows of the change just applied */
	[STMT_RECEIPT_MOVEMENTS] = {
		.text = "INSERT INTO stock_movements (merchant_id, warehouse_id, product_id, user_id, doc_type, doc_id, d_on_hand, "
		        "d_available, d_awaiting, on_hand, available, awaiting_export, after_sales_id) "
		        "SELECT s.merchant_id, s.warehouse_id, s.product_id, ?, ?, r.id, ? * l.quantity, ? * l.quantity, 0, "
		        "s.on_hand, s.available, s.awaiting_export, r.after_sales_id FROM stock_receipts r "
		        "STRAIGHT_JOIN stock_receipt_lines l ON l.receipt_id = r.id STRAIGHT_JOIN stock s ON s.warehouse_id = r.warehouse_id "
		        "AND s.product_id = l.product_id AND s.merchant_id = r.merchant_id WHERE r.id = ? AND r.merchant_id = ? "
		        "ORDER BY l.product_id",
	},
	/* merchant */
	[STMT_IMPORT_WAREHOUSES] = {
		.ncols = IMPORT_WAREHOUSE__NCOLS,
		.text = "SELECT id, code, name, is_default FROM warehouses WHERE merchant_id = ? ORDER BY is_default DESC, id",
	},
	/* unit, product, merchant */
	[STMT_PRODUCT_UNIT_SET] = {
		.text = "UPDATE products SET unit = ?, updated_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	},
};
