/* The SQL of after-sales: requests stored from TikTok (never moved back by an older answer), their lines and reject
 * reasons, the list and the detail, answers sent from the app, and the stock rule's reads and writes. */
#include "statements.h"

/* A newer TikTok answer (its update_time not older than the stored one) replaces a column; an older one leaves it. */
#define NEWER(col) col " = IF(VALUES(tt_update_time) >= tt_update_time, VALUES(" col "), " col "), "

/* A request still marked sending whose answer job ended failed (the worker gave up on it, or the shop was disconnected
 * while it waited): TikTok still waits for an answer, so the merchant may answer again. */
#define AS_GAVE_UP "(r.answer_state = 'sending' AND aj.state = 'failed')"
#define AS_ANSWER_STATE "IF(" AS_GAVE_UP ", 'failed', r.answer_state)"

#define AS_SELECT \
	"SELECT r.id, r.connection_id, c.shop_name, r.source, r.external_id, r.external_order_id, r.order_id, r.kind, " \
	"r.status, r.tiktok_status, r.tiktok_type, r.role, r.reason, r.reason_text, r.seller_action, r.deadline, " \
	"r.refund_total, r.currency, r.tt_create_time, r.tt_update_time, " AS_ANSWER_STATE ", r.answer_action, " \
	"r.answer_reason, IF(" AS_GAVE_UP ", aj.error_code, r.answer_code), r.answer_error, r.stock_state, r.stock_slip_id, " \
	"e.code, rc.id, rc.code, "
#define AS_FROM \
	" FROM after_sales_requests r JOIN connections c ON c.id = r.connection_id " \
	"LEFT JOIN export_slips e ON e.id = r.stock_slip_id LEFT JOIN stock_receipts rc ON rc.active_after_sales_id = r.id " \
	"LEFT JOIN sync_jobs aj ON aj.id = r.answer_job_id "
/* merchant, waiting only (0/1), connection or NULL, kind or NULL, status or NULL */
#define AS_FILTER \
	"WHERE r.merchant_id = ? AND (? = 0 OR r.status = 'waiting') AND r.connection_id = COALESCE(?, r.connection_id) " \
	"AND r.kind = COALESCE(?, r.kind) AND r.status = COALESCE(?, r.status) "
#define AS_DEADLINE_KEY "COALESCE(r.deadline, 99999999999)"

const struct sql_statement after_sales_sql[STMT__MAX] = {
	/* merchant, connection, source, external id, external order id, (connection, external order id: the app's
	 * order), kind, status, tiktok status, type, role, reason, reason text, seller action, deadline, refund total,
	 * currency, create time, update time. The reasons are read again when TikTok's status changes; a closed
	 * cancellation the app rejected is shown as rejected. */
	[STMT_AS_UPSERT] = {
		.text = "INSERT INTO after_sales_requests (merchant_id, connection_id, source, external_id, external_order_id, "
		        "order_id, kind, status, tiktok_status, tiktok_type, role, reason, reason_text, seller_action, deadline, "
		        "refund_total, currency, tt_create_time, tt_update_time) "
		        "SELECT ?, ?, ?, ?, ?, (SELECT o.id FROM orders o WHERE o.connection_id = ? AND o.external_id = ?), "
		        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL "
		        "ON DUPLICATE KEY UPDATE order_id = COALESCE(VALUES(order_id), order_id), "
		        "reasons_read_at = IF(VALUES(tt_update_time) >= tt_update_time AND VALUES(tiktok_status) <> tiktok_status, "
		        "NULL, reasons_read_at), "
		        "status = IF(VALUES(tt_update_time) >= tt_update_time, IF(VALUES(status) = 'withdrawn' AND "
		        "answer_action = 'reject' AND answer_state = 'none', 'rejected', VALUES(status)), status), "
		        NEWER("kind") NEWER("tiktok_status") NEWER("tiktok_type") NEWER("role") NEWER("reason")
		        NEWER("reason_text") NEWER("seller_action") NEWER("deadline") NEWER("refund_total") NEWER("currency")
		        "updated_at = IF(VALUES(tt_update_time) >= tt_update_time, UTC_TIMESTAMP(), updated_at), "
		        "tt_update_time = GREATEST(tt_update_time, VALUES(tt_update_time))",
	},
	/* connection, source, external id */
	[STMT_AS_ID_OF] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM after_sales_requests WHERE connection_id = ? AND source = ? AND external_id = ?",
	},
	/* request (the worker's own read: the id comes from a row of this connection) */
	[STMT_AS_RULE_ROW] = {
		.ncols = AS_RULE__NCOLS,
		.text = "SELECT id, merchant_id, kind, status, tiktok_status, stock_state, order_id, answered_by "
		        "FROM after_sales_requests WHERE id = ?",
	},
	/* order, merchant */
	[STMT_AS_ORDER_SLIP] = {
		.ncols = AS_SLIP__NCOLS,
		.text = "SELECT id, status FROM export_slips WHERE order_id = ? AND merchant_id = ? AND status <> 'cancelled' "
		        "ORDER BY id DESC LIMIT 1",
	},
	/* state, slip or NULL, request: the rule acts once */
	[STMT_AS_SET_STOCK_STATE] = {
		.text = "UPDATE after_sales_requests SET stock_state = ?, stock_slip_id = ? WHERE id = ? AND stock_state = ''",
	},
	/* request, merchant, slip: the ledger rows of the slip's cancellation carry the request */
	[STMT_AS_TAG_LEDGER] = {
		.text = "UPDATE stock_movements SET after_sales_id = ? WHERE merchant_id = ? AND doc_type = 'slip_cancel' "
		        "AND doc_id = ? AND after_sales_id IS NULL",
	},
	/* request */
	[STMT_AS_REASONS_CLEAR] = {
		.text = "DELETE FROM after_sales_reject_reasons WHERE request_id = ?",
	},
	/* request */
	[STMT_AS_REASONS_READ] = {
		.text = "UPDATE after_sales_requests SET reasons_read_at = UTC_TIMESTAMP() WHERE id = ?",
	},
	/* connection: requests waiting for an answer whose reject reasons are not read yet */
	[STMT_AS_NEED_REASONS] = {
		.ncols = AS_NEED__NCOLS,
		.text = "SELECT id, source, external_id FROM after_sales_requests WHERE connection_id = ? AND status = 'waiting' "
		        "AND reasons_read_at IS NULL ORDER BY id LIMIT 100",
	},
	/* connection */
	[STMT_AS_SYNC_CURSOR] = {
		.ncols = AS_CURSOR__NCOLS,
		.text = "SELECT cursor_time FROM after_sales_sync WHERE connection_id = ?",
	},
	/* connection, merchant, time polled up to */
	[STMT_AS_SYNC_SET] = {
		.text = "INSERT INTO after_sales_sync (connection_id, merchant_id, cursor_time, polled_at) "
		        "VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
		        "cursor_time = GREATEST(cursor_time, VALUES(cursor_time)), polled_at = UTC_TIMESTAMP()",
	},
	/* poll interval in seconds: shops after Sync all whose requests were not polled that recently */
	[STMT_AS_CONNS_TO_POLL] = {
		.ncols = CONN_DUE__NCOLS,
		.text = "SELECT c.id, c.merchant_id FROM connections c LEFT JOIN after_sales_sync s ON s.connection_id = c.id "
		        "WHERE c.status = 'active' AND c.sync_enabled = 1 "
		        "AND (s.polled_at IS NULL OR s.polled_at < UTC_TIMESTAMP() - INTERVAL ? SECOND) LIMIT 500",
	},
	/* the filters, then the id to continue below, per_page */
	[STMT_AS_LIST_NEWEST] = {
		.ncols = AS__NCOLS,
		.text = AS_SELECT "r.id" AS_FROM AS_FILTER "AND r.id < ? ORDER BY r.id DESC LIMIT ?",
	},
	/* the filters, then the deadline and id to continue after (twice the deadline), per_page: soonest first, those
	 * without a deadline last */
	[STMT_AS_LIST_DEADLINE] = {
		.ncols = AS__NCOLS,
		.text = AS_SELECT AS_DEADLINE_KEY AS_FROM AS_FILTER "AND (" AS_DEADLINE_KEY " > ? OR (" AS_DEADLINE_KEY
		        " = ? AND r.id > ?)) ORDER BY " AS_DEADLINE_KEY ", r.id LIMIT ?",
	},
	/* the filters */
	[STMT_AS_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM after_sales_requests r " AS_FILTER,
	},
	/* request, merchant */
	[STMT_AS_GET] = {
		.ncols = AS__NCOLS,
		.text = AS_SELECT "r.id" AS_FROM "WHERE r.id = ? AND r.merchant_id = ?",
	},
	/* order, merchant */
	[STMT_AS_OF_ORDER] = {
		.ncols = AS__NCOLS,
		.text = AS_SELECT "r.id" AS_FROM "WHERE r.order_id = ? AND r.merchant_id = ? ORDER BY r.id",
	},
	/* request, merchant: the lines with the product each SKU is linked to */
	[STMT_AS_LINES] = {
		.ncols = AS_LINE__NCOLS,
		.text = "SELECT l.sku_id, l.seller_sku, l.product_name, l.sku_name, l.quantity, p.id, p.name, p.sku "
		        "FROM after_sales_lines l JOIN after_sales_requests r ON r.id = l.request_id "
		        "LEFT JOIN channel_skus cs ON cs.connection_id = r.connection_id AND cs.sku_id = l.sku_id "
		        "LEFT JOIN products p ON p.id = cs.product_id AND p.merchant_id = r.merchant_id "
		        "WHERE l.request_id = ? AND r.merchant_id = ? ORDER BY l.sku_id",
	},
	/* request, merchant */
	[STMT_AS_REASONS] = {
		.ncols = AS_REASON__NCOLS,
		.text = "SELECT x.name, x.text FROM after_sales_reject_reasons x JOIN after_sales_requests r ON r.id = x.request_id "
		        "WHERE x.request_id = ? AND r.merchant_id = ? ORDER BY x.position, x.name",
	},
	/* action, reason, note, images, user, request, merchant, cancellations only (0/1): one answer at a time, only
	 * while TikTok waits for one */
	[STMT_AS_ANSWER_CLAIM] = {
		.text = "UPDATE after_sales_requests SET answer_state = 'sending', answer_action = ?, answer_reason = ?, "
		        "answer_note = ?, answer_images = ?, answered_by = ?, answer_code = NULL, answer_error = NULL, "
		        "answer_job_id = NULL WHERE id = ? AND merchant_id = ? AND status = 'waiting' "
		        "AND (answer_state <> 'sending' OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.id = answer_job_id "
		        "AND j.state = 'failed')) AND (? = 0 OR source = 'cancellation')",
	},
	/* job, request, merchant */
	[STMT_AS_ANSWER_JOB] = {
		.text = "UPDATE after_sales_requests SET answer_job_id = ? WHERE id = ? AND merchant_id = ?",
	},
	/* request */
	[STMT_AS_ANSWER_DONE] = {
		.text = "UPDATE after_sales_requests SET answer_state = 'none' WHERE id = ? AND answer_state = 'sending'",
	},
	/* code, why, request: the job gave up before TikTok answered; TikTok still waits for an answer */
	[STMT_AS_ANSWER_FAILED] = {
		.text = "UPDATE after_sales_requests SET answer_state = 'failed', answer_code = ?, answer_error = ? "
		        "WHERE id = ? AND answer_state = 'sending'",
	},
	/* code, TikTok's words, request */
	[STMT_AS_ANSWER_REFUSED] = {
		.text = "UPDATE after_sales_requests SET answer_state = 'refused', answer_code = ?, answer_error = ? "
		        "WHERE id = ? AND answer_state = 'sending'",
	},
	/* request, connection */
	[STMT_AS_ANSWER_ROW] = {
		.ncols = AS_ANS__NCOLS,
		.text = "SELECT source, external_id, kind, tiktok_status, answer_action, answer_reason, answer_note, "
		        "answer_state FROM after_sales_requests WHERE id = ? AND connection_id = ?",
	},
	/* request, merchant, slip: a return's goods received once, against a slip of its own order */
	[STMT_AS_RECEIVE_CLAIM] = {
		.text = "UPDATE after_sales_requests r JOIN export_slips e ON e.order_id = r.order_id AND e.merchant_id = r.merchant_id "
		        "SET r.stock_state = 'received', r.stock_slip_id = e.id WHERE r.id = ? AND r.merchant_id = ? AND e.id = ? "
		        "AND r.kind = 'return' AND NOT EXISTS (SELECT 1 FROM stock_receipts x WHERE x.active_after_sales_id = r.id)",
	},
	/* request, merchant, slip: in the Hủy phiếu transaction the rule runs (the ledger rows are tagged there too) */
	[STMT_AS_CANCEL_CLAIM] = {
		.text = "UPDATE after_sales_requests r JOIN export_slips e ON e.order_id = r.order_id AND e.merchant_id = r.merchant_id "
		        "SET r.stock_state = 'slip_cancelled', r.stock_slip_id = e.id WHERE r.id = ? AND r.merchant_id = ? AND e.id = ? "
		        "AND r.kind = 'cancellation'",
	},
	/* request, merchant */
	[STMT_AS_RECEIVE_ROW] = {
		.ncols = AS_RCV__NCOLS,
		.text = "SELECT r.kind, r.order_id, r.stock_state, "
		        "EXISTS (SELECT 1 FROM stock_receipts x WHERE x.active_after_sales_id = r.id) "
		        "FROM after_sales_requests r WHERE r.id = ? AND r.merchant_id = ?",
	},
	/* request, merchant: its return receipt was cancelled, its goods may be received again */
	[STMT_AS_RECEIPT_CANCELLED] = {
		.text = "UPDATE after_sales_requests SET stock_state = 'return_offered' WHERE id = ? AND merchant_id = ? "
		        "AND stock_state = 'received'",
	},
	/* request, merchant: the photos of the last answer go with a new one */
	[STMT_AS_IMAGES_CLEAR] = {
		.text = "DELETE FROM after_sales_images WHERE request_id = ? AND merchant_id = ?",
	},
	/* merchant, request, position, media key, content type, size */
	[STMT_AS_IMAGE_ADD] = {
		.text = "INSERT INTO after_sales_images (merchant_id, request_id, position, media_key, content_type, size) "
		        "VALUES (?, ?, ?, ?, ?, ?)",
	},
	/* request: the answer's photos in order, with what TikTok answered for those uploaded already */
	[STMT_AS_IMAGES_TO_SEND] = {
		.ncols = AS_IMG__NCOLS,
		.text = "SELECT id, media_key, content_type, tiktok_uri, tiktok_width, tiktok_height FROM after_sales_images "
		        "WHERE request_id = ? ORDER BY position",
	},
	/* TikTok's uri, width, height, image: kept so that a retried job never uploads it again */
	[STMT_AS_IMAGE_UPLOADED] = {
		.text = "UPDATE after_sales_images SET tiktok_uri = ?, tiktok_width = ?, tiktok_height = ? WHERE id = ?",
	},
	/* request, merchant */
	[STMT_AS_IMAGES_OF] = {
		.ncols = AS_IMG_OF__NCOLS,
		.text = "SELECT i.position, i.content_type, i.size, i.tiktok_uri IS NOT NULL FROM after_sales_images i "
		        "WHERE i.request_id = ? AND i.merchant_id = ? ORDER BY i.position",
	},
};
