/* All SQL of the api workers in one place. Times go out as Unix seconds (the session is UTC). */
#include "db/sql.h"

#define PRODUCT_COLS "SELECT p.id, p.name, p.sku, p.unit, CAST(p.price AS CHAR), p.image_url, UNIX_TIMESTAMP(p.created_at), " \
	"UNIX_TIMESTAMP(p.updated_at), (SELECT COUNT(*) FROM channel_skus cs WHERE cs.merchant_id = p.merchant_id " \
	"AND cs.product_id = p.id) FROM products p "
#define CSKU_COLS "SELECT cs.id, cs.connection_id, cs.sku_id, cs.tt_product_id, cs.seller_sku, cs.product_name, cs.sku_name, " \
	"cs.image_url, CAST(cs.price AS CHAR), cs.currency, c.shop_name, p.id, p.name, p.sku, p.unit, p.image_url " \
	"FROM channel_skus cs JOIN connections c ON c.id = cs.connection_id LEFT JOIN products p ON p.id = cs.product_id "
#define CSKU_WHERE "WHERE cs.merchant_id = ? AND (? IS NULL OR cs.connection_id = ?) AND (? IS NULL OR (cs.product_id IS NOT NULL) = ?) " \
	"AND (? IS NULL OR cs.product_id = ?) " \
	"AND (? IS NULL OR cs.seller_sku LIKE CONCAT('%', ?, '%') OR cs.product_name LIKE CONCAT('%', ?, '%') " \
	"OR cs.sku_name LIKE CONCAT('%', ?, '%') OR cs.sku_id = ?)"
/* The columns of enum slip_col, and the filters of the slips list. */
#define SLIP_SELECT                                                                                                   \
	"SELECT s.id, s.order_id, s.warehouse_id, s.status, UNIX_TIMESTAMP(s.created_at), "                            \
	"UNIX_TIMESTAMP(s.exported_at), UNIX_TIMESTAMP(s.cancelled_at), (SELECT u.name FROM users u WHERE u.id = "     \
	"s.created_by), o.external_id, o.status, o.buyer_name, w.name, w.code, w.address, "                            \
	"(SELECT SUM(l.quantity) FROM export_slip_lines l WHERE l.slip_id = s.id), "                                   \
	"(SELECT SUM(l.returned) FROM export_slip_lines l WHERE l.slip_id = s.id), "                                   \
	"(SELECT m.name FROM merchants m WHERE m.id = s.merchant_id) "                                                 \
	"FROM export_slips s JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id "
#define SLIP_FILTER                                                                                                   \
	"WHERE s.merchant_id = ? AND s.status = COALESCE(?, s.status) AND s.warehouse_id = COALESCE(?, s.warehouse_id) " \
	"AND (? IS NULL OR s.id = ? OR o.external_id = ? OR o.buyer_name LIKE CONCAT('%', ?, '%')) "

const char *const sql_statements[STMT__MAX] = {
	/* STMT_HEALTH */
	"SELECT 1",
	/* STMT_MERCHANT_INSERT */
	"INSERT INTO merchants (name) VALUES (?)",
	/* STMT_USER_INSERT */
	"INSERT INTO users (merchant_id, name, email, password_hash, role) VALUES (?, ?, ?, ?, ?)",
	/* STMT_USER_BY_EMAIL */
	"SELECT u.id, u.merchant_id, u.name, u.email, u.password_hash, u.role, m.name "
	"FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.email = ?",
	/* STMT_USER_GET */
	"SELECT u.id, u.merchant_id, u.name, u.email, u.role, m.name "
	"FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.id = ? AND u.merchant_id = ?",
	/* STMT_LOGIN_FAILURES_GET: run after STMT_LOGIN_FAILURE_ADD in the same transaction (the row is locked) */
	"SELECT failures, UNIX_TIMESTAMP(window_start) FROM login_failures WHERE email = ?",
	/* STMT_LOGIN_FAILURE_ADD: counts an attempt before its password is checked (cleared when it is right) */
	"INSERT INTO login_failures (email, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE "
	"failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
	"window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
	/* STMT_LOGIN_FAILURES_CLEAR */
	"DELETE FROM login_failures WHERE email = ?",
	/* STMT_API_TOKEN_INSERT */
	"INSERT INTO api_tokens (merchant_id, user_id, name, expires_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? DAY)",
	/* STMT_API_TOKEN_LIST */
	"SELECT id, name, UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(expires_at), "
	"UNIX_TIMESTAMP(revoked_at), UNIX_TIMESTAMP(last_used_at) "
	"FROM api_tokens WHERE merchant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	/* STMT_API_TOKEN_COUNT */
	"SELECT COUNT(*) FROM api_tokens WHERE merchant_id = ?",
	/* STMT_API_TOKEN_CHECK */
	"SELECT id FROM api_tokens WHERE id = ? AND merchant_id = ? AND user_id = ? "
	"AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP()",
	/* STMT_API_TOKEN_TOUCH */
	"UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? "
	"AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)",
	/* STMT_API_TOKEN_REVOKE */
	"UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? AND revoked_at IS NULL",
	/* STMT_OAUTH_STATE_INSERT */
	"INSERT INTO oauth_states (nonce, merchant_id, user_id, region, expires_at) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))",
	/* STMT_OAUTH_STATE_GET */
	"SELECT merchant_id, user_id, region, UNIX_TIMESTAMP(expires_at), used_at IS NOT NULL FROM "
	"oauth_states WHERE nonce = ?",
	/* STMT_OAUTH_STATE_USE */
	"UPDATE oauth_states SET used_at = UTC_TIMESTAMP() WHERE nonce = ? AND used_at IS NULL AND expires_at"
	" > UTC_TIMESTAMP()",
	/* STMT_CONN_SHOP_TAKEN */
	"SELECT id FROM connections WHERE channel = 'tiktok' AND shop_id = ? AND merchant_id <> ? "
	"AND status <> 'disconnected' LIMIT 1 FOR UPDATE",
	/* STMT_CONN_UPSERT: a shop connected again is updated in place and becomes active. */
	"INSERT INTO connections (merchant_id, shop_id, shop_cipher, shop_name, shop_code, region, seller_name, open_id, "
	"status, access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, connected_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE shop_cipher = VALUES(shop_cipher), shop_name = VALUES(shop_name), "
	"shop_code = VALUES(shop_code), region = VALUES(region), seller_name = VALUES(seller_name), "
	"open_id = VALUES(open_id), status = 'active', status_reason = NULL, access_token_enc = VALUES(access_token_enc), "
	"refresh_token_enc = VALUES(refresh_token_enc), access_expires_at = VALUES(access_expires_at), "
	"refresh_expires_at = VALUES(refresh_expires_at), expiry_warning_at = NULL, disconnected_at = NULL, "
	"connected_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, last_error_at = NULL",
	/* STMT_CONN_LIST */
	"SELECT c.id, c.shop_id, c.shop_name, c.shop_code, c.region, c.seller_name, c.status, c.status_reason, "
	"UNIX_TIMESTAMP(c.connected_at), UNIX_TIMESTAMP(c.access_expires_at), UNIX_TIMESTAMP(c.expiry_warning_at), "
	"UNIX_TIMESTAMP(c.last_synced_at), c.last_error, UNIX_TIMESTAMP(c.last_error_at), "
	"j.id, j.kind, j.state, j.progress_done, j.progress_total, c.last_error_code "
	"FROM connections c LEFT JOIN sync_jobs j ON j.id = (SELECT MAX(id) FROM sync_jobs s "
	"WHERE s.merchant_id = c.merchant_id AND s.connection_id = c.id AND s.kind = 'sync_orders') "
	"WHERE c.merchant_id = ? AND (c.status <> 'disconnected' OR ? = 1) ORDER BY c.id LIMIT ? OFFSET ?",
	/* STMT_CONN_COUNT: the second parameter is 1 to count disconnected shops too */
	"SELECT COUNT(*) FROM connections WHERE merchant_id = ? AND (status <> 'disconnected' OR ? = 1)",
	/* STMT_CONN_DISCONNECT: tokens are wiped; orders stay. */
	"UPDATE connections SET status = 'disconnected', disconnected_at = UTC_TIMESTAMP(), access_token_enc = '', "
	"refresh_token_enc = '' WHERE id = ? AND merchant_id = ? AND status <> 'disconnected'",
	/* STMT_CONN_BY_SHOP */
	"SELECT id, merchant_id, sync_enabled FROM connections WHERE channel = 'tiktok' AND shop_id = ? AND "
	"status <> 'disconnected'",
	/* STMT_CONN_SET_REAUTH */
	"UPDATE connections SET status = 'reauth_required', status_reason = ? WHERE id = ? AND status = 'active'",
	/* STMT_CONN_DEAUTHORIZED: TikTok's word wins over a refresh that failed first for the same reason */
	"UPDATE connections SET status = 'reauth_required', status_reason = 'deauthorized' WHERE id = ? "
	"AND status <> 'disconnected'",
	/* STMT_CONN_SET_EXPIRY_WARNING */
	"UPDATE connections SET expiry_warning_at = FROM_UNIXTIME(?) WHERE id = ? AND status <> 'disconnected'",
	/* STMT_CONN_GET */
	"SELECT id, merchant_id, shop_id, shop_cipher, access_token_enc, refresh_token_enc, status, "
	"UNIX_TIMESTAMP(access_expires_at), sync_enabled, COALESCE(sync_window_start, 0), COALESCE(poll_cursor, 0) "
	"FROM connections WHERE id = ?",
	/* STMT_CONN_TOKENS_SET */
	"UPDATE connections SET access_token_enc = ?, refresh_token_enc = ?, access_expires_at = FROM_UNIXTIME(?), "
	"refresh_expires_at = FROM_UNIXTIME(?), expiry_warning_at = NULL, last_error = NULL, last_error_code = NULL, "
	"last_error_at = NULL WHERE id = ? AND status = 'active'",
	/* STMT_CONN_CHECKED */
	"UPDATE connections SET last_checked_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, "
	"last_error_at = NULL WHERE id = ?",
	/* STMT_CONN_ERROR */
	"UPDATE connections SET last_error_code = ?, last_error = ?, last_error_at = UTC_TIMESTAMP() WHERE id = ?",
	/* STMT_CONN_CHECK_FAILED */
	"UPDATE connections SET last_checked_at = UTC_TIMESTAMP(), last_error_code = ?, last_error = ?, "
	"last_error_at = UTC_TIMESTAMP() WHERE id = ?",
	/* STMT_CONNS_TO_REFRESH: access tokens with under a day left by TikTok's clock (passed in). */
	"SELECT id, merchant_id FROM connections WHERE status = 'active' AND access_expires_at < FROM_UNIXTIME(?) LIMIT 500",
	/* STMT_CONNS_TO_CHECK */
	"SELECT id, merchant_id FROM connections WHERE status = 'active' AND sync_enabled = 0 "
	"AND (last_checked_at IS NULL OR last_checked_at < UTC_TIMESTAMP() - INTERVAL ? SECOND) LIMIT 500",
	/* STMT_WEBHOOK_RECEIPT_INSERT: a notification id already stored affects no row. */
	"INSERT IGNORE INTO webhook_receipts (notification_id, type, shop_id, outcome, body) VALUES (?, ?, ?, 'received', ?)",
	/* STMT_WEBHOOK_RECEIPT_OUTCOME */
	"UPDATE webhook_receipts SET outcome = ? WHERE notification_id = ?",
	/* STMT_JOB_ENQUEUE: a live job with the same dedupe key makes this a no-op. */
	"INSERT IGNORE INTO sync_jobs (merchant_id, connection_id, kind, dedupe_key, payload, run_after) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	/* STMT_JOB_PICK_QUEUED: the recurring background kinds (scheduler's polls and shop checks) yield to work a
	 * merchant or TikTok started, so a throttled round of polls over many shops cannot hold a Sync all back. */
	"SELECT id FROM sync_jobs WHERE state = 'queued' AND run_after <= UTC_TIMESTAMP() "
	"ORDER BY kind IN ('poll_orders', 'shop_check'), run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	/* STMT_JOB_PICK_EXPIRED: a running job whose worker stopped renewing its lease. */
	"SELECT id FROM sync_jobs WHERE state = 'running' AND lease_expires_at < UTC_TIMESTAMP() "
	"ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
	/* STMT_JOB_TAKE */
	"UPDATE sync_jobs SET state = 'running', lease_owner = ?, lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, "
	"attempts = attempts + 1, started_at = COALESCE(started_at, UTC_TIMESTAMP()) WHERE id = ?",
	/* STMT_JOB_GET */
	"SELECT id, merchant_id, connection_id, kind, payload, attempts, page_cursor FROM sync_jobs WHERE id = ?",
	/* STMT_JOB_HEARTBEAT: no row means the lease was lost to another worker. */
	"UPDATE sync_jobs SET lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, progress_done = ?, progress_total = ? "
	"WHERE id = ? AND lease_owner = ? AND state = 'running'",
	/* STMT_JOB_FINISH */
	"UPDATE sync_jobs SET state = ?, error = ?, error_code = ?, dedupe_key = NULL, finished_at = UTC_TIMESTAMP(), "
	"lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'",
	/* STMT_JOB_RETRY */
	"UPDATE sync_jobs SET state = 'queued', error = ?, error_code = ?, run_after = UTC_TIMESTAMP() + INTERVAL ? SECOND, "
	"lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'",
	/* STMT_JOBS_CANCEL_FOR_CONN */
	"UPDATE sync_jobs SET state = 'failed', error = 'The shop was disconnected.', error_code = 'shop_disconnected', "
	"dedupe_key = NULL, "
	"finished_at = UTC_TIMESTAMP() WHERE connection_id = ? AND merchant_id = ? AND state = 'queued'",
	/* STMT_JOB_FOR_MERCHANT */
	"SELECT id, kind, state, progress_done, progress_total, error, UNIX_TIMESTAMP(started_at), "
	"UNIX_TIMESTAMP(finished_at), connection_id, UNIX_TIMESTAMP(created_at), error_code FROM sync_jobs WHERE id = ? "
	"AND merchant_id = ?",
	/* STMT_JOB_RUN_START */
	"INSERT INTO sync_job_runs (job_id, worker, started_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
	/* STMT_JOB_RUN_END */
	"UPDATE sync_job_runs SET finished_at = UTC_TIMESTAMP(3), outcome = ? WHERE id = ?",
	/* STMT_ORDER_UPDATE: the 31 order fields (as sql_order_insert has them), then id */
	"UPDATE orders SET status = ?, channel_status = ?, create_time = ?, update_time = ?, paid_time = ?, "
	"buyer_name = ?, buyer_phone = ?, buyer_phone_local = ?, buyer_email = ?, buyer_message = ?, currency = ?, "
	"sub_total = ?, shipping_fee = ?, seller_discount = ?, platform_discount = ?, tax = ?, total_amount = ?, "
	"original_total_product_price = ?, original_shipping_fee = ?, recipient_name = ?, recipient_phone = ?, "
	"full_address = ?, address_detail = ?, postal_code = ?, region_code = ?, shipping_provider = ?, "
	"tracking_number = ?, shipping_type = ?, is_cod = ?, cancel_reason = ?, item_count = ?, "
	"synced_at = UTC_TIMESTAMP() WHERE id = ?",
	/* STMT_ORDER_LINES_DELETE */
	"DELETE FROM order_lines WHERE order_id = ?",
	/* STMT_ORDER_GET */
	"SELECT o.id, o.channel, o.connection_id, c.shop_name, o.external_id, o.status, o.channel_status, o.create_time, "
	"o.update_time, o.buyer_name, o.buyer_phone, o.paid_time, o.buyer_email, o.buyer_message, o.currency, "
	"CAST(o.sub_total AS CHAR), CAST(o.shipping_fee AS CHAR), CAST(o.seller_discount AS CHAR), "
	"CAST(o.platform_discount AS CHAR), CAST(o.tax AS CHAR), CAST(o.total_amount AS CHAR), "
	"CAST(o.original_total_product_price AS CHAR), CAST(o.original_shipping_fee AS CHAR), o.recipient_name, "
	"o.recipient_phone, o.full_address, o.address_detail, o.postal_code, o.region_code, o.shipping_provider, "
	"o.tracking_number, o.shipping_type, o.is_cod, o.cancel_reason, o.item_count, c.shop_code, c.region, "
	"CAST(o.original_shipping_fee - o.shipping_fee AS CHAR) "
	"FROM orders o JOIN connections c ON c.id = o.connection_id WHERE o.id = ? AND o.merchant_id = ?",
	/* STMT_ORDER_LINES */
	"SELECT sku_id, product_id, seller_sku, product_name, sku_name, image_url, quantity, CAST(unit_price AS CHAR), "
	"CAST(original_price AS CHAR) FROM order_lines WHERE order_id = ? AND merchant_id = ? ORDER BY id",
	/* STMT_ORDER_HISTORY */
	"SELECT status, channel_status, update_time, UNIX_TIMESTAMP(recorded_at) FROM order_status_history "
	"WHERE order_id = ? AND merchant_id = ? ORDER BY update_time, id",
	/* STMT_JOB_CURSOR_SET */
	"UPDATE sync_jobs SET page_cursor = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
	/* STMT_JOB_BY_DEDUPE */
	"SELECT id FROM sync_jobs WHERE dedupe_key = ?",
	/* STMT_JOB_LIST: the sync log of a merchant, optionally of one connection */
	"SELECT id, kind, state, progress_done, progress_total, error, UNIX_TIMESTAMP(started_at), "
	"UNIX_TIMESTAMP(finished_at), connection_id, UNIX_TIMESTAMP(created_at), error_code FROM sync_jobs "
	"WHERE merchant_id = ? AND (? IS NULL OR connection_id = ?) ORDER BY id DESC LIMIT ? OFFSET ?",
	/* STMT_JOB_COUNT */
	"SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ? AND (? IS NULL OR connection_id = ?)",
	/* STMT_CONN_OWNED */
	"SELECT status FROM connections WHERE id = ? AND merchant_id = ? AND status <> 'disconnected'",
	/* STMT_CONN_ENABLE_SYNC: from the first Sync all on, new and changed orders are polled. */
	"UPDATE connections SET sync_enabled = 1, sync_window_start = LEAST(COALESCE(sync_window_start, ?), ?), "
	"poll_cursor = COALESCE(poll_cursor, ?) WHERE id = ? AND merchant_id = ? AND status = 'active'",
	/* STMT_CONN_SYNCED */
	"UPDATE connections SET last_synced_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, "
	"last_error_at = NULL WHERE id = ?",
	/* STMT_CONN_POLLED */
	"UPDATE connections SET poll_cursor = ?, last_polled_at = UTC_TIMESTAMP(), last_synced_at = UTC_TIMESTAMP(), "
	"last_error = NULL, last_error_code = NULL, last_error_at = NULL WHERE id = ?",
	/* STMT_CONNS_TO_POLL */
	"SELECT id, merchant_id FROM connections WHERE status = 'active' AND sync_enabled = 1 "
	"AND (last_polled_at IS NULL OR last_polled_at < UTC_TIMESTAMP() - INTERVAL ? SECOND) LIMIT 500",
	/* STMT_LOGIN_CLIENT_ADD: counts an attempt of a client address before its password is checked */
	"INSERT INTO login_client_failures (client, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE "
	"failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
	"window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
	/* STMT_LOGIN_CLIENT_GET: after STMT_LOGIN_CLIENT_ADD in the same transaction */
	"SELECT failures, UNIX_TIMESTAMP(window_start) FROM login_client_failures WHERE client = ?",
	/* STMT_LOGIN_CLIENT_REFUND: the attempt did not fail (right password, or not checked) */
	"UPDATE login_client_failures SET failures = failures - 1 WHERE client = ? AND failures > 0",
	/* STMT_CONN_LOCK: held by a page of orders being stored, so a disconnect waits for it or stops it */
	"SELECT status FROM connections WHERE id = ? FOR UPDATE",
	/* STMT_PRODUCT_INSERT: search_text is the name and sku folded by the app (products/fold.h) */
	"INSERT INTO products (merchant_id, name, sku, unit, price, image_url, search_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* STMT_PRODUCT_GET */
	PRODUCT_COLS "WHERE p.id = ? AND p.merchant_id = ?",
	/* STMT_PRODUCT_LIST: q folded like search_text, LIKE wildcards escaped */
	PRODUCT_COLS "WHERE p.merchant_id = ? AND (? IS NULL OR p.search_text LIKE CONCAT('%', ?, '%')) "
	"ORDER BY p.id DESC LIMIT ? OFFSET ?",
	/* STMT_PRODUCT_COUNT */
	"SELECT COUNT(*) FROM products p WHERE p.merchant_id = ? AND (? IS NULL OR p.search_text LIKE CONCAT('%', ?, '%'))",
	/* STMT_PRODUCT_UPDATE */
	"UPDATE products SET name = ?, sku = ?, unit = ?, price = ?, image_url = ?, search_text = ?, "
	"updated_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	/* STMT_PRODUCT_LOCK: the product exists for this merchant and stays until commit */
	"SELECT id FROM products WHERE id = ? AND merchant_id = ? FOR UPDATE",
	/* STMT_PRODUCT_DELETE */
	"DELETE FROM products WHERE id = ? AND merchant_id = ?",
	/* STMT_PRODUCT_BY_SKU: sku compares without case (the column's collation) */
	"SELECT id FROM products WHERE merchant_id = ? AND sku = ? AND id <> ?",
	/* STMT_PRODUCT_LINKED_SKUS: what keeps a product from being deleted */
	"SELECT id, seller_sku, sku_id FROM channel_skus WHERE merchant_id = ? AND product_id = ? ORDER BY id LIMIT 20",
	/* STMT_MERCHANT_LOCK: bulk link changes of one merchant run one at a time */
	"SELECT id FROM merchants WHERE id = ? FOR UPDATE",
	/* STMT_CSKU_GET */
	CSKU_COLS "WHERE cs.id = ? AND cs.merchant_id = ?",
	/* STMT_CSKU_LIST: connection, linked (0/1), product, q (5 times: seller_sku, names, sku_id) */
	CSKU_COLS CSKU_WHERE " ORDER BY cs.id DESC LIMIT ? OFFSET ?",
	/* STMT_CSKU_COUNT */
	"SELECT COUNT(*) FROM channel_skus cs " CSKU_WHERE,
	/* STMT_CSKU_LOCK */
	"SELECT id, product_id FROM channel_skus WHERE id = ? AND merchant_id = ? FOR UPDATE",
	/* STMT_CSKU_LINK: product_id, id, merchant */
	"UPDATE channel_skus SET product_id = ?, linked_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	/* STMT_CSKU_UNLINK */
	"UPDATE channel_skus SET product_id = NULL, linked_at = NULL WHERE id = ? AND merchant_id = ?",
	/* STMT_CSKU_AUTOLINK_CANDIDATES: unlinked SKUs (of a connection, of a list of ids), with the products whose
	 * sku equals their trimmed seller_sku (case ignored by the collation) */
	"SELECT cs.id, TRIM(cs.seller_sku), cs.product_name, cs.sku_name, cs.image_url, CAST(cs.price AS CHAR), "
	"(SELECT COUNT(*) FROM products p WHERE p.merchant_id = cs.merchant_id AND p.sku = TRIM(cs.seller_sku)), "
	"(SELECT MIN(p.id) FROM products p WHERE p.merchant_id = cs.merchant_id AND p.sku = TRIM(cs.seller_sku)) "
	"FROM channel_skus cs WHERE cs.merchant_id = ? AND cs.product_id IS NULL AND (? IS NULL OR cs.connection_id = ?) "
	"AND (? IS NULL OR FIND_IN_SET(cs.id, ?) > 0) ORDER BY cs.id FOR UPDATE",
	/* STMT_ORDER_LINE_LINKS: each line's channel SKU and product, in the order of STMT_ORDER_LINES */
	"SELECT ol.channel_sku_id, p.id, p.name, p.sku, p.unit, p.image_url FROM order_lines ol "
	"LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id LEFT JOIN products p ON p.id = cs.product_id "
	"WHERE ol.order_id = ? AND ol.merchant_id = ? ORDER BY ol.id",
	/* STMT_ORDER_CSKU_IDS: the channel SKUs of an order */
	"SELECT DISTINCT channel_sku_id FROM order_lines WHERE order_id = ? AND merchant_id = ? AND channel_sku_id IS NOT NULL",
	/* STMT_PRODUCT_SHARE: the product exists for this merchant and cannot be deleted until commit */
	"SELECT id FROM products WHERE id = ? AND merchant_id = ? LOCK IN SHARE MODE",
	/* STMT_WAREHOUSE_LIST */
	"SELECT id, name, code, address, is_default, UNIX_TIMESTAMP(created_at) FROM warehouses WHERE merchant_id = ? "
	"ORDER BY is_default DESC, id LIMIT ? OFFSET ?",
	/* STMT_WAREHOUSE_COUNT */
	"SELECT COUNT(*) FROM warehouses WHERE merchant_id = ?",
	/* STMT_WAREHOUSE_GET */
	"SELECT id, name, code, address, is_default, UNIX_TIMESTAMP(created_at) FROM warehouses "
	"WHERE id = ? AND merchant_id = ?",
	/* STMT_WAREHOUSE_INSERT */
	"INSERT INTO warehouses (merchant_id, name, code, address) VALUES (?, ?, ?, ?)",
	/* STMT_WAREHOUSE_UPDATE: NULL keeps a field. */
	"UPDATE warehouses SET name = COALESCE(?, name), code = COALESCE(?, code), address = COALESCE(?, address), "
	"updated_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	/* STMT_PRODUCT_BRIEF */
	"SELECT id, name, sku, unit FROM products WHERE id = ? AND merchant_id = ?",
	/* STMT_STOCK_LIST: merchant, warehouse or NULL, product or NULL, search (3 times) or NULL, low-stock threshold
	 * or NULL, per_page, offset */
	"SELECT s.warehouse_id, w.name, s.product_id, p.name, p.sku, p.unit, s.on_hand, s.available, s.awaiting_export, "
	"UNIX_TIMESTAMP(s.updated_at) FROM stock s JOIN warehouses w ON w.id = s.warehouse_id "
	"JOIN products p ON p.id = s.product_id WHERE s.merchant_id = ? AND s.warehouse_id = COALESCE(?, s.warehouse_id) "
	"AND s.product_id = COALESCE(?, s.product_id) "
	"AND (? IS NULL OR p.name LIKE CONCAT('%', ?, '%') OR p.sku LIKE CONCAT('%', ?, '%')) "
	"AND s.available <= COALESCE(?, s.available) "
	"ORDER BY p.name, p.id, w.id LIMIT ? OFFSET ?",
	/* STMT_STOCK_COUNT */
	"SELECT COUNT(*) FROM stock s JOIN products p ON p.id = s.product_id "
	"WHERE s.merchant_id = ? AND s.warehouse_id = COALESCE(?, s.warehouse_id) "
	"AND s.product_id = COALESCE(?, s.product_id) "
	"AND (? IS NULL OR p.name LIKE CONCAT('%', ?, '%') OR p.sku LIKE CONCAT('%', ?, '%')) "
	"AND s.available <= COALESCE(?, s.available)",
	/* STMT_STOCK_APPLY: adds the deltas (on_hand, available, awaiting_export), creating the row at zero first. */
	"INSERT INTO stock (merchant_id, warehouse_id, product_id, on_hand, available, awaiting_export) "
	"VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE on_hand = on_hand + VALUES(on_hand), "
	"available = available + VALUES(available), awaiting_export = awaiting_export + VALUES(awaiting_export), "
	"updated_at = UTC_TIMESTAMP()",
	/* STMT_STOCK_UPDATE: adds the deltas to a row that exists (a negative delta cannot start a row: the
	 * CHECK applies to the values of an INSERT before ON DUPLICATE KEY would update). */
	"UPDATE stock SET on_hand = on_hand + ?, available = available + ?, awaiting_export = awaiting_export + ?, "
	"updated_at = UTC_TIMESTAMP() WHERE warehouse_id = ? AND product_id = ? AND merchant_id = ?",
	/* STMT_MOVEMENT_INSERT: the ledger row of the change just applied, with the balances after it. */
	"INSERT INTO stock_movements (merchant_id, warehouse_id, product_id, user_id, doc_type, doc_id, d_on_hand, "
	"d_available, d_awaiting, on_hand, available, awaiting_export) "
	"SELECT s.merchant_id, s.warehouse_id, s.product_id, ?, ?, ?, ?, ?, ?, s.on_hand, s.available, s.awaiting_export "
	"FROM stock s WHERE s.warehouse_id = ? AND s.product_id = ? AND s.merchant_id = ?",
	/* STMT_MOVEMENT_LIST: merchant, warehouse or NULL, product or NULL, per_page, offset */
	"SELECT m.id, UNIX_TIMESTAMP(m.created_at), m.warehouse_id, w.name, m.product_id, p.name, p.sku, m.user_id, "
	"u.name, m.doc_type, m.doc_id, m.d_on_hand, m.d_available, m.d_awaiting, m.on_hand, m.available, "
	"m.awaiting_export FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id "
	"JOIN products p ON p.id = m.product_id LEFT JOIN users u ON u.id = m.user_id "
	"WHERE m.merchant_id = ? AND m.warehouse_id = COALESCE(?, m.warehouse_id) "
	"AND m.product_id = COALESCE(?, m.product_id) ORDER BY m.id DESC LIMIT ? OFFSET ?",
	/* STMT_MOVEMENT_COUNT */
	"SELECT COUNT(*) FROM stock_movements m WHERE m.merchant_id = ? AND m.warehouse_id = COALESCE(?, m.warehouse_id) "
	"AND m.product_id = COALESCE(?, m.product_id)",
	/* STMT_RECEIPT_INSERT */
	"INSERT INTO stock_receipts (merchant_id, warehouse_id, kind, export_slip_id, note, created_by) "
	"VALUES (?, ?, ?, ?, ?, ?)",
	/* STMT_RECEIPT_LINE_INSERT */
	"INSERT INTO stock_receipt_lines (merchant_id, receipt_id, product_id, quantity) VALUES (?, ?, ?, ?)",
	/* STMT_RECEIPT_GET */
	"SELECT r.id, r.warehouse_id, r.kind, r.export_slip_id, r.note, UNIX_TIMESTAMP(r.created_at), u.name "
	"FROM stock_receipts r LEFT JOIN users u ON u.id = r.created_by WHERE r.id = ? AND r.merchant_id = ?",
	/* STMT_RECEIPT_LINES */
	"SELECT l.receipt_id, l.product_id, l.quantity, p.name, p.sku, p.unit FROM stock_receipt_lines l "
	"JOIN products p ON p.id = l.product_id WHERE l.receipt_id = ? AND l.merchant_id = ? ORDER BY l.product_id",
	/* STMT_SLIP_RECEIPTS: the return receipts of a slip */
	"SELECT r.id, r.warehouse_id, r.kind, r.export_slip_id, r.note, UNIX_TIMESTAMP(r.created_at), u.name "
	"FROM stock_receipts r LEFT JOIN users u ON u.id = r.created_by WHERE r.export_slip_id = ? "
	"AND r.merchant_id = ? ORDER BY r.id",
	/* STMT_SLIP_ORDER_LINES: each line with its linked product (NULL: unlinked), grouped by product */
	"SELECT ol.channel_sku_id, ol.sku_id, ol.seller_sku, ol.product_name, ol.sku_name, ol.quantity, cs.product_id, "
	"p.name, p.sku FROM order_lines ol "
	"LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
	"LEFT JOIN products p ON p.id = cs.product_id WHERE ol.order_id = ? AND ol.merchant_id = ? "
	"ORDER BY cs.product_id, ol.id",
	/* STMT_SLIP_LIVE_FOR_ORDER: a locking read, so it sees a slip committed since the transaction's snapshot */
	"SELECT id, status FROM export_slips WHERE active_order_id = ? AND merchant_id = ? LOCK IN SHARE MODE",
	/* STMT_SLIP_INSERT */
	"INSERT INTO export_slips (merchant_id, order_id, warehouse_id, active_order_id, created_by) "
	"VALUES (?, ?, ?, ?, ?)",
	/* STMT_SLIP_LOCK */
	"SELECT status, warehouse_id, order_id FROM export_slips WHERE id = ? AND merchant_id = ? FOR UPDATE",
	/* STMT_SLIP_LINES */
	"SELECT l.product_id, l.quantity, l.returned, p.name, p.sku, p.unit FROM export_slip_lines l "
	"JOIN products p ON p.id = l.product_id WHERE l.slip_id = ? AND l.merchant_id = ? ORDER BY l.product_id",
	/* STMT_SLIP_SET_EXPORTED: also the slip's lock (0 rows: gone or not awaiting export) */
	"UPDATE export_slips SET status = 'exported', exported_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND merchant_id = ? AND status = 'awaiting_export'",
	/* STMT_SLIP_SET_CANCELLED: frees the order for a new slip */
	"UPDATE export_slips SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(), active_order_id = NULL "
	"WHERE id = ? AND merchant_id = ? AND status = 'awaiting_export'",
	/* STMT_SLIP_LINE_RETURN: quantity, slip, product, merchant, quantity */
	"UPDATE export_slip_lines SET returned = returned + ? WHERE slip_id = ? AND product_id = ? AND merchant_id = ? "
	"AND returned + ? <= quantity",
	/* STMT_SLIP_GET */
	SLIP_SELECT "WHERE s.id = ? AND s.merchant_id = ?",
	/* STMT_SLIP_LIST: merchant, status or NULL, warehouse or NULL, search, slip id of the search, search, search */
	SLIP_SELECT SLIP_FILTER "ORDER BY s.id DESC LIMIT ? OFFSET ?",
	/* STMT_SLIP_COUNT */
	"SELECT COUNT(*) FROM export_slips s JOIN orders o ON o.id = s.order_id " SLIP_FILTER,
	/* STMT_SLIPS_OF_ORDER */
	SLIP_SELECT "WHERE s.order_id = ? AND s.merchant_id = ? ORDER BY s.id DESC",
	/* STMT_SLIP_CREATE_CHECK: warehouse, order, merchant; a consistent read, no lock (the unique live slip per
	 * order, uq_export_slips_active, serializes creations) */
	"SELECT o.status, (SELECT w.id FROM warehouses w WHERE w.id = ? AND w.merchant_id = o.merchant_id), e.id, "
	"e.status, ol.channel_sku_id, ol.sku_id, ol.seller_sku, ol.product_name, ol.sku_name, ol.quantity, "
	"cs.product_id FROM orders o LEFT JOIN export_slips e ON e.active_order_id = o.id "
	"LEFT JOIN order_lines ol ON ol.order_id = o.id AND ol.merchant_id = o.merchant_id "
	"LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
	"WHERE o.id = ? AND o.merchant_id = ? ORDER BY ol.id",
	/* STMT_SLIP_LINES_FROM_ORDER: slip, order, merchant; one line per linked product, the sum of its order lines
	 * (a SKU unlinked since the check makes fewer lines than it counted: the caller runs the check again). From the
	 * order's lines: MariaDB would rather read every linked SKU of the merchant first (210 rows a slip at 120 SKUs). */
	"INSERT INTO export_slip_lines (merchant_id, slip_id, product_id, quantity) "
	"SELECT ol.merchant_id, ?, cs.product_id, SUM(ol.quantity) FROM order_lines ol "
	"STRAIGHT_JOIN channel_skus cs ON cs.id = ol.channel_sku_id AND cs.merchant_id = ol.merchant_id "
	"WHERE ol.order_id = ? AND ol.merchant_id = ? AND cs.product_id IS NOT NULL GROUP BY cs.product_id ORDER BY cs.product_id",
	/* STMT_SLIP_STOCK_LOCK: warehouse, slip, merchant; the slip's stock rows locked in product order (NULL: no row) */
	"SELECT l.product_id, l.quantity, s.available FROM export_slip_lines l "
	"LEFT JOIN stock s ON s.warehouse_id = ? AND s.product_id = l.product_id AND s.merchant_id = l.merchant_id "
	"WHERE l.slip_id = ? AND l.merchant_id = ? ORDER BY l.product_id FOR UPDATE",
	/* STMT_SLIP_STOCK_APPLY: on hand, available, awaiting export (each -1, 0 or 1 times the line), slip, merchant;
	 * every line's stock row of the slip's warehouse in one statement, in product order */
	"UPDATE export_slips e STRAIGHT_JOIN export_slip_lines l ON l.slip_id = e.id "
	"STRAIGHT_JOIN stock s ON s.warehouse_id = e.warehouse_id AND s.product_id = l.product_id "
	"AND s.merchant_id = e.merchant_id SET s.on_hand = s.on_hand + ? * l.quantity, "
	"s.available = s.available + ? * l.quantity, s.awaiting_export = s.awaiting_export + ? * l.quantity, "
	"s.updated_at = UTC_TIMESTAMP() WHERE e.id = ? AND e.merchant_id = ?",
	/* STMT_SLIP_MOVEMENTS: user, doc_type, the three factors, slip, merchant; the ledger rows of the change just
	 * applied by STMT_SLIP_STOCK_APPLY, with the balances after it */
	"INSERT INTO stock_movements (merchant_id, warehouse_id, product_id, user_id, doc_type, doc_id, d_on_hand, "
	"d_available, d_awaiting, on_hand, available, awaiting_export) "
	"SELECT s.merchant_id, s.warehouse_id, s.product_id, ?, ?, e.id, ? * l.quantity, ? * l.quantity, "
	"? * l.quantity, s.on_hand, s.available, s.awaiting_export FROM export_slips e "
	"STRAIGHT_JOIN export_slip_lines l ON l.slip_id = e.id STRAIGHT_JOIN stock s ON s.warehouse_id = e.warehouse_id "
	"AND s.product_id = l.product_id AND s.merchant_id = e.merchant_id WHERE e.id = ? AND e.merchant_id = ? "
	"ORDER BY l.product_id",
	/* STMT_SLIP_FULL: slip, merchant; the slip and its lines in one read, joins only (no subquery to plan) */
	"SELECT s.id, s.order_id, s.warehouse_id, s.status, UNIX_TIMESTAMP(s.created_at), UNIX_TIMESTAMP(s.exported_at), "
	"UNIX_TIMESTAMP(s.cancelled_at), u.name, o.external_id, o.status, o.buyer_name, w.name, w.code, w.address, 0, 0, "
	"m.name, l.product_id, l.quantity, l.returned, p.name, p.sku, p.unit FROM export_slips s "
	"JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id "
	"JOIN merchants m ON m.id = s.merchant_id LEFT JOIN users u ON u.id = s.created_by "
	"JOIN export_slip_lines l ON l.slip_id = s.id JOIN products p ON p.id = l.product_id "
	"WHERE s.id = ? AND s.merchant_id = ? ORDER BY l.product_id",
	/* STMT_STOCK_SETTINGS_GET: the connection's settings (defaults when never saved) */
	"SELECT c.status, COALESCE(ss.enabled, 0), COALESCE(ss.buffer, 0), COALESCE(ss.tiktok_warehouse_id, '') "
	"FROM connections c LEFT JOIN stock_settings ss ON ss.connection_id = c.id "
	"WHERE c.id = ? AND c.merchant_id = ? AND c.status <> 'disconnected'",
	/* STMT_STOCK_SETTINGS_WAREHOUSES: the chosen ones, else the merchant's default warehouse */
	"SELECT warehouse_id FROM stock_settings_warehouses WHERE connection_id = ? "
	"UNION ALL SELECT id FROM warehouses WHERE merchant_id = ? AND is_default = 1 "
	"AND NOT EXISTS (SELECT 1 FROM stock_settings_warehouses WHERE connection_id = ?) ORDER BY 1",
	/* STMT_STOCK_SETTINGS_UPSERT */
	"INSERT INTO stock_settings (connection_id, merchant_id, enabled, buffer, tiktok_warehouse_id) VALUES (?, ?, ?, ?, ?) "
	"ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), buffer = VALUES(buffer), "
	"tiktok_warehouse_id = VALUES(tiktok_warehouse_id), updated_at = UTC_TIMESTAMP()",
	/* STMT_STOCK_SETTINGS_WH_CLEAR */
	"DELETE FROM stock_settings_warehouses WHERE connection_id = ?",
	/* STMT_STOCK_SETTINGS_WH_ADD: 0 rows when the warehouse is not the merchant's */
	"INSERT IGNORE INTO stock_settings_warehouses (connection_id, warehouse_id) "
	"SELECT ?, id FROM warehouses WHERE id = ? AND merchant_id = ?",
	/* STMT_STOCK_PUSH_MARK_CONN: every linked SKU of an enabled connection is due a push */
	"INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id) "
	"SELECT cs.id, cs.merchant_id, cs.connection_id FROM channel_skus cs "
	"JOIN stock_settings ss ON ss.connection_id = cs.connection_id AND ss.enabled = 1 "
	"WHERE cs.merchant_id = ? AND cs.connection_id = ? AND cs.product_id IS NOT NULL "
	"ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3)",
	/* STMT_STOCK_PUSH_LIST: merchant, connection, failed-only flag twice, limit, offset */
	"SELECT cs.id, cs.sku_id, cs.seller_sku, cs.product_name, cs.sku_name, cs.product_id, COALESCE(sp.dirty, 0), "
	"sp.pushed_qty, UNIX_TIMESTAMP(sp.pushed_at), sp.error_code, sp.error, UNIX_TIMESTAMP(sp.error_at) "
	"FROM channel_skus cs LEFT JOIN stock_push sp ON sp.channel_sku_id = cs.id "
	"WHERE cs.merchant_id = ? AND cs.connection_id = ? AND (? = 0 OR sp.error_code IS NOT NULL) "
	"AND (? = 1 OR cs.product_id IS NOT NULL) ORDER BY cs.id LIMIT ? OFFSET ?",
	/* STMT_STOCK_PUSH_COUNT */
	"SELECT COUNT(*) FROM channel_skus cs LEFT JOIN stock_push sp ON sp.channel_sku_id = cs.id "
	"WHERE cs.merchant_id = ? AND cs.connection_id = ? AND (? = 0 OR sp.error_code IS NOT NULL) "
	"AND (? = 1 OR cs.product_id IS NOT NULL)",
	/* STMT_PUSH_DUE_CONNS: connections with SKUs due a push that no worker holds */
	"SELECT DISTINCT connection_id, merchant_id FROM stock_push WHERE dirty = 1 "
	"AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP()) LIMIT 500",
	/* STMT_PUSH_CLAIM: owner, connection, limit; one worker pushes a SKU at a time */
	"UPDATE stock_push SET lease_owner = ?, lease_until = UTC_TIMESTAMP() + INTERVAL 30 SECOND "
	"WHERE connection_id = ? AND dirty = 1 AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP()) "
	"ORDER BY channel_sku_id LIMIT ?",
	/* STMT_PUSH_CLAIMED: the version and the quantity read in one snapshot, grouped by TikTok product */
	"SELECT sp.channel_sku_id, sp.version, cs.sku_id, cs.tt_product_id, cs.product_id IS NOT NULL, "
	"COALESCE(ss.enabled, 0), GREATEST(0, COALESCE((SELECT SUM(s.available) FROM stock s "
	"JOIN stock_settings_warehouses w ON w.warehouse_id = s.warehouse_id AND w.connection_id = sp.connection_id "
	"WHERE s.merchant_id = cs.merchant_id AND s.product_id = cs.product_id), 0) - COALESCE(ss.buffer, 0)), "
	"COALESCE(ss.tiktok_warehouse_id, '') "
	"FROM stock_push sp JOIN channel_skus cs ON cs.id = sp.channel_sku_id "
	"LEFT JOIN stock_settings ss ON ss.connection_id = sp.connection_id "
	"WHERE sp.connection_id = ? AND sp.lease_owner = ? ORDER BY cs.tt_product_id, cs.id",
	/* STMT_PUSH_DONE: version, version, pushed qty (NULL: nothing pushed), id, version, owner; never older */
	"UPDATE stock_push SET dirty = (version > ?), pushed_version = ?, pushed_qty = COALESCE(?, pushed_qty), "
	"pushed_at = IF(? IS NULL, pushed_at, UTC_TIMESTAMP()), error_code = NULL, error = NULL, error_at = NULL, "
	"lease_owner = NULL, lease_until = NULL WHERE channel_sku_id = ? AND pushed_version < ? AND lease_owner = ?",
	/* STMT_PUSH_REJECTED: version, version, code, error, id, version, owner: TikTok refused this SKU */
	"UPDATE stock_push SET dirty = (version > ?), pushed_version = ?, error_code = ?, error = ?, "
	"error_at = UTC_TIMESTAMP(), lease_owner = NULL, lease_until = NULL "
	"WHERE channel_sku_id = ? AND pushed_version < ? AND lease_owner = ?",
	/* STMT_PUSH_RELEASE: code, error, connection, owner: a transient failure, the SKUs stay due */
	"UPDATE stock_push SET error_code = ?, error = ?, error_at = UTC_TIMESTAMP(), lease_owner = NULL, "
	"lease_until = NULL WHERE connection_id = ? AND lease_owner = ?",
	/* STMT_OVERVIEW_DAILY: merchant, first day; from order_days (sql/0010), kept by triggers with the orders: days in
	 * Vietnam time (UTC+7) as day numbers since 1970, revenue leaving cancelled orders out */
	"SELECT d.connection_id, (SELECT c.shop_name FROM connections c WHERE c.id = d.connection_id), d.day, d.currency, "
	"d.orders, d.revenue FROM order_days d WHERE d.merchant_id = ? AND d.day >= ? AND d.orders > 0 "
	"ORDER BY d.day, d.connection_id, d.currency",
	/* STMT_OVERVIEW_STATUS: merchant; from the counters the orders list's totals read (exact, no scan of orders) */
	"SELECT status, SUM(n) FROM order_counts WHERE merchant_id = ? GROUP BY status HAVING SUM(n) > 0 ORDER BY status",
	/* STMT_PACE_RESERVE: shop, interval, interval: takes the shop's next call slot (at least now) and moves the next one
	 * an interval further, in one locked row change; the session variable @tts_pace_wait keeps how long to wait (ms).
	 * The VALUES are evaluated first, so a new shop waits 0. */
	"INSERT INTO shop_pace (shop_cipher, next_ms) VALUES "
	"(?, (@tts_pace_now := ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)) + (@tts_pace_wait := 0) + ?) "
	"ON DUPLICATE KEY UPDATE next_ms = @tts_pace_now + (@tts_pace_wait := GREATEST(next_ms - @tts_pace_now, 0)) + ?",
	/* STMT_PACE_WAIT: the wait of this session's last reservation */
	"SELECT CAST(@tts_pace_wait AS SIGNED)",
	/* STMT_WRITE_MARK: merchant: this session's last committed transaction (@@last_gtid) becomes the merchant's last
	 * write, unless a later one (a higher sequence number) is already recorded */
	"INSERT INTO merchant_writes (merchant_id, gtid) SELECT ?, @@last_gtid FROM DUAL WHERE @@last_gtid <> '' "
	"ON DUPLICATE KEY UPDATE gtid = IF(CAST(SUBSTRING_INDEX(VALUES(gtid), '-', -1) AS UNSIGNED) > "
	"CAST(SUBSTRING_INDEX(gtid, '-', -1) AS UNSIGNED), VALUES(gtid), gtid)",
	/* STMT_WRITE_GET: merchant */
	"SELECT gtid FROM merchant_writes WHERE merchant_id = ?",
	/* STMT_REPLICA_WAIT: gtid (on the replica): 0 once it has applied it, -1 when it has not within 50 ms */
	"SELECT MASTER_GTID_WAIT(?, 0.05)",
	/* STMT_HEARTBEAT_BEAT (on the primary, by the sync workers) */
	"UPDATE replication_heartbeat SET beat = UTC_TIMESTAMP(6) WHERE id = 1",
	/* STMT_HEARTBEAT_AGE (on the replica): the age of the last beat it applied, ms */
	"SELECT CAST(TIMESTAMPDIFF(MICROSECOND, beat, UTC_TIMESTAMP(6)) / 1000 AS SIGNED) FROM replication_heartbeat WHERE id = 1",
	/* STMT_CONNS_TO_RECONCILE: seconds; shops with push on whose settings and last reconciliation are older than that */
	"SELECT c.id, c.merchant_id FROM connections c JOIN stock_settings ss ON ss.connection_id = c.id AND ss.enabled = 1 "
	"WHERE c.status = 'active' AND ss.updated_at < UTC_TIMESTAMP() - INTERVAL ? SECOND AND NOT EXISTS "
	"(SELECT 1 FROM stock_reconciles r WHERE r.connection_id = c.id AND r.started_at > UTC_TIMESTAMP() - INTERVAL 1 DAY) "
	"LIMIT 500",
	/* STMT_RECONCILE_START: job, merchant, connection; a retried run starts over */
	"INSERT INTO stock_reconciles (job_id, merchant_id, connection_id) VALUES (?, ?, ?) "
	"ON DUPLICATE KEY UPDATE checked = 0, corrected = 0, started_at = UTC_TIMESTAMP(), finished_at = NULL",
	/* STMT_RECONCILE_ITEMS_CLEAR: job */
	"DELETE FROM stock_reconcile_items WHERE job_id = ?",
	/* STMT_RECONCILE_EXPECTED: connection; every linked SKU of a shop with push on and the quantity it should have */
	"SELECT cs.id, cs.sku_id, GREATEST(0, COALESCE((SELECT SUM(s.available) FROM stock s "
	"JOIN stock_settings_warehouses w ON w.warehouse_id = s.warehouse_id AND w.connection_id = cs.connection_id "
	"WHERE s.merchant_id = cs.merchant_id AND s.product_id = cs.product_id), 0) - ss.buffer), "
	"COALESCE((SELECT sp.dirty FROM stock_push sp WHERE sp.channel_sku_id = cs.id), 0), ss.tiktok_warehouse_id "
	"FROM channel_skus cs JOIN stock_settings ss ON ss.connection_id = cs.connection_id AND ss.enabled = 1 "
	"WHERE cs.connection_id = ? AND cs.product_id IS NOT NULL",
	/* STMT_RECONCILE_ITEM_ADD: job, channel SKU, TikTok's quantity, the app's */
	"INSERT IGNORE INTO stock_reconcile_items (job_id, channel_sku_id, tiktok_qty, app_qty) VALUES (?, ?, ?, ?)",
	/* STMT_STOCK_PUSH_MARK_SKU: channel SKU, merchant, connection; due a push */
	"INSERT INTO stock_push (channel_sku_id, merchant_id, connection_id) VALUES (?, ?, ?) "
	"ON DUPLICATE KEY UPDATE version = version + 1, dirty = 1, changed_at = CURRENT_TIMESTAMP(3)",
	/* STMT_RECONCILE_FINISH: checked, corrected, job */
	"UPDATE stock_reconciles SET checked = ?, corrected = ?, finished_at = UTC_TIMESTAMP() WHERE job_id = ?",
	/* STMT_RECONCILE_LATEST: merchant, connection */
	"SELECT r.job_id, j.state, r.checked, r.corrected, UNIX_TIMESTAMP(r.started_at), UNIX_TIMESTAMP(r.finished_at), "
	"j.error_code FROM stock_reconciles r JOIN sync_jobs j ON j.id = r.job_id "
	"WHERE r.merchant_id = ? AND r.connection_id = ? ORDER BY r.job_id DESC LIMIT 1",
	/* STMT_RECONCILE_ITEMS: job, merchant */
	"SELECT i.channel_sku_id, cs.sku_id, cs.seller_sku, cs.product_name, cs.sku_name, i.tiktok_qty, i.app_qty "
	"FROM stock_reconcile_items i JOIN channel_skus cs ON cs.id = i.channel_sku_id "
	"WHERE i.job_id = ? AND cs.merchant_id = ? ORDER BY cs.id LIMIT 500",
	/* STMT_LOW_STOCK_GET: merchant */
	"SELECT low_stock_threshold FROM merchants WHERE id = ?",
	/* STMT_LOW_STOCK_SET: threshold, merchant */
	"UPDATE merchants SET low_stock_threshold = ? WHERE id = ?",
	/* STMT_WEBHOOK_LAG: merchant, connection (twice); webhook notifications are order_fetch jobs created on
	 * receipt: those not processed yet (count, age of the oldest, read through the claim index: few live jobs)
	 * and the slowest receipt-to-processed time of the last 20 processed */
	"SELECT COUNT(*), TIMESTAMPDIFF(SECOND, MIN(j.created_at), UTC_TIMESTAMP()), "
	"(SELECT MAX(TIMESTAMPDIFF(SECOND, d.created_at, d.finished_at)) FROM (SELECT created_at, finished_at "
	"FROM sync_jobs WHERE merchant_id = ? AND connection_id = ? AND kind = 'order_fetch' AND state = 'done' "
	"ORDER BY id DESC LIMIT 20) d) "
	"FROM sync_jobs j FORCE INDEX (ix_sync_jobs_claim) WHERE j.state IN ('queued', 'running') "
	"AND j.merchant_id = ? AND j.connection_id = ? AND j.kind = 'order_fetch'",
	/* STMT_JOB_LEASES_LIKE: owner pattern ('host:%'): the running jobs of one host's workers still under lease */
	"SELECT id, lease_owner FROM sync_jobs WHERE state = 'running' AND lease_expires_at >= UTC_TIMESTAMP() "
	"AND lease_owner LIKE ?",
	/* STMT_JOB_LEASE_EXPIRE: id, owner: the lease ends now, so the next claim takes the job over */
	"UPDATE sync_jobs SET lease_expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
	"WHERE id = ? AND lease_owner = ? AND state = 'running'",
	/* STMT_TIKTOK_WAREHOUSES: connection, merchant; in TikTok's order */
	"SELECT warehouse_id, name, is_default FROM tiktok_warehouses WHERE connection_id = ? AND merchant_id = ? "
	"ORDER BY position",
	/* STMT_TIKTOK_WAREHOUSES_PULL: connection, merchant; when the list was stored and the last pull_warehouses job */
	"SELECT UNIX_TIMESTAMP(c.tiktok_warehouses_at), (SELECT MAX(j.id) FROM sync_jobs j WHERE j.merchant_id = c.merchant_id "
	"AND j.connection_id = c.id AND j.kind = 'pull_warehouses') FROM connections c WHERE c.id = ? AND c.merchant_id = ?",
	/* STMT_TIKTOK_WAREHOUSES_CLEAR: connection, merchant */
	"DELETE FROM tiktok_warehouses WHERE connection_id = ? AND merchant_id = ?",
	/* STMT_TIKTOK_WAREHOUSES_PULLED: connection, merchant */
	"UPDATE connections SET tiktok_warehouses_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	/* STMT_UNLINKED_LINES: merchant, limit, merchant, limit: the order lines of SKUs not linked to a product (from the
	 * unlinked SKUs), and of no known SKU (sql/0015), each counted up to the limit */
	"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM channel_skus cs JOIN order_lines ol ON ol.channel_sku_id = cs.id "
	"WHERE cs.merchant_id = ? AND cs.product_id IS NULL LIMIT ?) t) + (SELECT COUNT(*) FROM (SELECT 1 "
	"FROM order_lines ol WHERE ol.channel_sku_id IS NULL AND ol.merchant_id = ? LIMIT ?) t)",
	/* STMT_MERCHANT_VERSION: merchant; each scope's version, the sum of its sessions' counters, raised by every
	 * committed change of what the scope shows (sql/0017); 0 before the first */
	"SELECT CAST(COALESCE(SUM(IF(scope = 0, version, 0)), 0) AS SIGNED), "
	"CAST(COALESCE(SUM(IF(scope = 1, version, 0)), 0) AS SIGNED) FROM merchant_versions WHERE merchant_id = ?",
};

const int sql_columns[STMT__MAX] = {
	[STMT_HEALTH] = ONE__NCOLS,
	[STMT_USER_BY_EMAIL] = USER_LOGIN__NCOLS,
	[STMT_USER_GET] = USER__NCOLS,
	[STMT_LOGIN_FAILURES_GET] = LOGIN_FAILURES__NCOLS,
	[STMT_API_TOKEN_LIST] = API_TOKEN__NCOLS,
	[STMT_API_TOKEN_COUNT] = ONE__NCOLS,
	[STMT_API_TOKEN_CHECK] = ID__NCOLS,
	[STMT_OAUTH_STATE_GET] = OAUTH_STATE__NCOLS,
	[STMT_CONN_SHOP_TAKEN] = ID__NCOLS,
	[STMT_CONN_LIST] = CONN_LIST__NCOLS,
	[STMT_CONN_COUNT] = ONE__NCOLS,
	[STMT_CONN_BY_SHOP] = CONN_SHOP__NCOLS,
	[STMT_CONN_GET] = CONN__NCOLS,
	[STMT_CONNS_TO_REFRESH] = CONN_DUE__NCOLS,
	[STMT_CONNS_TO_CHECK] = CONN_DUE__NCOLS,
	[STMT_JOB_PICK_QUEUED] = ID__NCOLS,
	[STMT_JOB_PICK_EXPIRED] = ID__NCOLS,
	[STMT_JOB_GET] = JOB_ROW__NCOLS,
	[STMT_JOB_FOR_MERCHANT] = JOB__NCOLS,
	[STMT_ORDER_GET] = ORDER__NCOLS,
	[STMT_ORDER_LINES] = ORDER_LINE__NCOLS,
	[STMT_ORDER_HISTORY] = ORDER_HISTORY__NCOLS,
	[STMT_JOB_BY_DEDUPE] = ID__NCOLS,
	[STMT_JOB_LIST] = JOB__NCOLS,
	[STMT_JOB_COUNT] = ONE__NCOLS,
	[STMT_CONN_OWNED] = CONN_OWNED__NCOLS,
	[STMT_CONNS_TO_POLL] = CONN_DUE__NCOLS,
	[STMT_LOGIN_CLIENT_GET] = LOGIN_FAILURES__NCOLS,
	[STMT_CONN_LOCK] = CONN_OWNED__NCOLS,
	[STMT_PRODUCT_GET] = PRODUCT__NCOLS,
	[STMT_PRODUCT_LIST] = PRODUCT__NCOLS,
	[STMT_PRODUCT_COUNT] = ONE__NCOLS,
	[STMT_PRODUCT_LOCK] = ID__NCOLS,
	[STMT_PRODUCT_BY_SKU] = ID__NCOLS,
	[STMT_PRODUCT_LINKED_SKUS] = PRODUCT_LINKED__NCOLS,
	[STMT_MERCHANT_LOCK] = ID__NCOLS,
	[STMT_CSKU_GET] = CSKU__NCOLS,
	[STMT_CSKU_LIST] = CSKU__NCOLS,
	[STMT_CSKU_COUNT] = ONE__NCOLS,
	[STMT_CSKU_LOCK] = CSKU_LOCK__NCOLS,
	[STMT_CSKU_AUTOLINK_CANDIDATES] = AUTOLINK__NCOLS,
	[STMT_ORDER_LINE_LINKS] = LINE_LINK__NCOLS,
	[STMT_ORDER_CSKU_IDS] = ID__NCOLS,
	[STMT_PRODUCT_SHARE] = ID__NCOLS,
	[STMT_WAREHOUSE_LIST] = WH__NCOLS,
	[STMT_WAREHOUSE_COUNT] = ONE__NCOLS,
	[STMT_WAREHOUSE_GET] = WH__NCOLS,
	[STMT_PRODUCT_BRIEF] = PB__NCOLS,
	[STMT_STOCK_LIST] = STOCK__NCOLS,
	[STMT_STOCK_COUNT] = ONE__NCOLS,
	[STMT_MOVEMENT_LIST] = MV__NCOLS,
	[STMT_MOVEMENT_COUNT] = ONE__NCOLS,
	[STMT_RECEIPT_GET] = RC__NCOLS,
	[STMT_RECEIPT_LINES] = RL__NCOLS,
	[STMT_SLIP_RECEIPTS] = RC__NCOLS,
	[STMT_SLIP_ORDER_LINES] = SOL__NCOLS,
	[STMT_SLIP_LIVE_FOR_ORDER] = SLV__NCOLS,
	[STMT_SLIP_LOCK] = SLK__NCOLS,
	[STMT_SLIP_LINES] = SLN__NCOLS,
	[STMT_SLIP_GET] = SLIP__NCOLS,
	[STMT_SLIP_LIST] = SLIP__NCOLS,
	[STMT_SLIP_COUNT] = ONE__NCOLS,
	[STMT_OVERVIEW_DAILY] = OV_DAILY__NCOLS,
	[STMT_OVERVIEW_STATUS] = OV_STATUS__NCOLS,
	[STMT_LOW_STOCK_GET] = ONE__NCOLS,
	[STMT_WEBHOOK_LAG] = WEBHOOK_LAG__NCOLS,
	[STMT_SLIPS_OF_ORDER] = SLIP__NCOLS,
	[STMT_SLIP_CREATE_CHECK] = SCK__NCOLS,
	[STMT_SLIP_STOCK_LOCK] = SST__NCOLS,
	[STMT_SLIP_FULL] = SLF__NCOLS,
	[STMT_STOCK_SETTINGS_GET] = SS__NCOLS,
	[STMT_STOCK_SETTINGS_WAREHOUSES] = SSW__NCOLS,
	[STMT_STOCK_PUSH_LIST] = SP__NCOLS,
	[STMT_STOCK_PUSH_COUNT] = ONE__NCOLS,
	[STMT_PUSH_DUE_CONNS] = PUSH_DUE__NCOLS,
	[STMT_PUSH_CLAIMED] = PC__NCOLS,
	[STMT_PACE_WAIT] = PACE_WAIT__NCOLS,
	[STMT_WRITE_GET] = WRITE__NCOLS,
	[STMT_REPLICA_WAIT] = REPLICA_WAIT__NCOLS,
	[STMT_HEARTBEAT_AGE] = HEARTBEAT__NCOLS,
	[STMT_UNLINKED_LINES] = ONE__NCOLS,
	[STMT_MERCHANT_VERSION] = MVER__NCOLS,
	[STMT_CONNS_TO_RECONCILE] = CONN_DUE__NCOLS,
	[STMT_RECONCILE_EXPECTED] = RX__NCOLS,
	[STMT_RECONCILE_LATEST] = RCL__NCOLS,
	[STMT_RECONCILE_ITEMS] = RI__NCOLS,
	[STMT_JOB_LEASES_LIKE] = JOB_LEASE__NCOLS,
	[STMT_TIKTOK_WAREHOUSES] = TWH__NCOLS,
	[STMT_TIKTOK_WAREHOUSES_PULL] = TWP__NCOLS,
};

const struct order_list_sql sql_order_list = {
	.channel = " AND o.channel = ?",
	.connection = " AND o.connection_id = ?",
	.status = " AND o.status = ?",
	.created_from = " AND %s >= ?",     /* the source's time column: a name search's word range narrows by it */
	.created_to = " AND %s < ?",
	.number = " AND (o.external_id = ? OR o.buyer_phone_local LIKE CONCAT(?, '%'))",
	.external = " AND o.external_id = ?",
	.has_slip = " AND o.has_live_slip = 1",     /* sql/0014 */
	.no_slip = " AND o.has_live_slip = 0",
};

const struct batch_sql sql_order_lock = {
	"SELECT id, external_id, update_time, channel_status, create_time, buyer_name FROM orders "
	"WHERE connection_id = ? AND external_id IN (",
	"?", ") FOR UPDATE", 1,
};

const struct batch_sql sql_order_insert = {
	"INSERT INTO orders (merchant_id, connection_id, external_id, status, channel_status, create_time, update_time, "
	"paid_time, buyer_name, buyer_phone, buyer_phone_local, buyer_email, buyer_message, currency, sub_total, "
	"shipping_fee, seller_discount, platform_discount, tax, total_amount, original_total_product_price, "
	"original_shipping_fee, recipient_name, recipient_phone, full_address, address_detail, postal_code, region_code, "
	"shipping_provider, tracking_number, shipping_type, is_cod, cancel_reason, item_count) VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", 34,
};

const struct batch_sql sql_order_line_insert = {
	"INSERT INTO order_lines (merchant_id, order_id, sku_id, product_id, seller_sku, product_name, sku_name, image_url, "
	"quantity, unit_price, original_price, channel_sku_id) VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", 12,
};

const struct batch_sql sql_order_history_insert = {
	"INSERT INTO order_status_history (merchant_id, order_id, status, channel_status, update_time) VALUES ",
	"(?, ?, ?, ?, ?)", "", 5,
};

const struct batch_sql sql_channel_sku_seen = {
	"INSERT IGNORE INTO channel_skus (merchant_id, connection_id, sku_id, tt_product_id, seller_sku, product_name, "
	"sku_name, image_url, price, currency) VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", 10,
};

const struct batch_sql sql_channel_sku_pulled = {
	"INSERT INTO channel_skus (merchant_id, connection_id, sku_id, tt_product_id, seller_sku, product_name, "
	"sku_name, image_url, price, currency) VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	" ON DUPLICATE KEY UPDATE tt_product_id = VALUES(tt_product_id), seller_sku = VALUES(seller_sku), "
	"product_name = VALUES(product_name), sku_name = IF(VALUES(sku_name) = '', sku_name, VALUES(sku_name)), "
	"image_url = IF(VALUES(image_url) = '', image_url, VALUES(image_url)), price = COALESCE(VALUES(price), price), "
	"currency = IF(VALUES(currency) = '', currency, VALUES(currency)), updated_at = UTC_TIMESTAMP()",
	10,
};

const struct batch_sql sql_channel_sku_ids = {
	"SELECT id, sku_id FROM channel_skus WHERE connection_id = ? AND sku_id IN (", "?", ")", 1,
};

/* An unlinked line of the order, looked up order by order as the list walks (a scalar subquery: as EXISTS, MariaDB
 * would first gather the unlinked lines of every merchant). */
const char *const sql_order_has_unlinked =
	" AND (SELECT 1 FROM order_lines ol LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id "
	"WHERE ol.order_id = o.id AND cs.product_id IS NULL LIMIT 1) IS NOT NULL";
const char *const sql_order_all_linked =
	" AND (SELECT 1 FROM order_lines ol LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id "
	"WHERE ol.order_id = o.id AND cs.product_id IS NULL LIMIT 1) IS NULL";

/* Issue 12: the orders list at a million orders. */
#define TEXT_OF(n) #n
#define NUMBER_TEXT(n) TEXT_OF(n)
#define SEARCH_WALK_TEXT NUMBER_TEXT(ORDER_SEARCH_WALK)
const struct order_page_sql sql_order_page = {
	/* The slip shown is the order's newest: a live one (at most one, and none can be made while it lives) is always
	 * the newest, so ix_export_slips_order gives it without a sort (ordering live first sorted every row's slips). */
	.columns = "SELECT o.id, o.channel, o.connection_id, "
	           "(SELECT c.shop_name FROM connections c WHERE c.id = o.connection_id), o.external_id, o.status, "
	           "o.channel_status, o.create_time, o.update_time, o.buyer_name, o.buyer_phone, "
	           "CAST(o.total_amount AS CHAR), o.currency, o.item_count, "
	           "NOT EXISTS (SELECT 1 FROM order_lines ol LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id "
	           "WHERE ol.order_id = o.id AND cs.product_id IS NULL), "
	           "(SELECT CONCAT(s.id, ' ', s.status) FROM export_slips s WHERE s.order_id = o.id "
	           "ORDER BY s.id DESC LIMIT 1)",
	/* no filter of its own index (dates, shop, links): the date index, or the shop's; naming them spares planning
	 * the weighing of the other nine (about 10 % more lists a second, fresh) */
	.from_orders = { " FROM orders o USE INDEX (ix_orders_merchant_created, ix_orders_merchant_conn) "
	                 "WHERE o.merchant_id = ?", "o.id", "o.create_time" },
	/* The optimizer would rather walk ix_orders_merchant_created for "newest first" and skip the rows of other
	 * statuses, as if each status were spread evenly over time; the newest orders are rarely completed ones. */
	.by_status = { " FROM orders o FORCE INDEX (ix_orders_merchant_status) WHERE o.merchant_id = ?", "o.id",
	               "o.create_time" },
	.by_slip = { " FROM orders o FORCE INDEX (ix_orders_merchant_slip) WHERE o.merchant_id = ?", "o.id", "o.create_time" },
	.by_status_slip = { " FROM orders o FORCE INDEX (ix_orders_merchant_status_slip) WHERE o.merchant_id = ?", "o.id",
	                    "o.create_time" },
	/* an order number or phone (prefix) narrows most: its two indexes, merged for "number OR phone" */
	.by_number = { " FROM orders o FORCE INDEX (ix_orders_merchant_phone, ix_orders_merchant_external) "
	               "WHERE o.merchant_id = ?", "o.id", "o.create_time" },
	.from_words = { " FROM order_words w STRAIGHT_JOIN orders o ON o.id = w.order_id "
	                "WHERE w.merchant_id = ? AND w.word = ? AND w.create_time >= ? AND w.create_time < ? "
	                "AND o.merchant_id = ?",
	                "w.order_id", "w.create_time" },
	.walk_words = { " FROM (SELECT merchant_id, create_time, order_id FROM order_words WHERE merchant_id = ? "
	                "AND word = ? AND create_time >= ? AND create_time < ? "
	                "ORDER BY create_time DESC, order_id DESC LIMIT " SEARCH_WALK_TEXT ") w "
	                "STRAIGHT_JOIN orders o ON o.id = w.order_id WHERE o.merchant_id = ?",
	                "w.order_id", "w.create_time" },
	.walk_words_only = { " FROM (SELECT merchant_id, create_time, order_id FROM order_words WHERE merchant_id = ? "
	                     "AND word = ? AND create_time >= ? AND create_time < ? "
	                     "ORDER BY create_time DESC, order_id DESC LIMIT " SEARCH_WALK_TEXT ") w "
	                     "WHERE w.merchant_id = ?",
	                     "w.order_id", "w.create_time" },
	/* few unlinked lines (STMT_UNLINKED_LINES): their orders, gathered from the unlinked SKUs, rather than a walk of
	 * every order */
	.from_unlinked = { " FROM (SELECT ol.order_id FROM channel_skus cs JOIN order_lines ol ON ol.channel_sku_id = cs.id "
	                   "WHERE cs.merchant_id = ? AND cs.product_id IS NULL UNION SELECT ol.order_id FROM order_lines ol "
	                   "WHERE ol.channel_sku_id IS NULL AND ol.merchant_id = ?) u STRAIGHT_JOIN orders o ON o.id = u.order_id "
	                   "WHERE o.merchant_id = ?", "o.id", "o.create_time" },
	.word_count = "(SELECT COUNT(*) FROM (SELECT 1 FROM order_words WHERE merchant_id = ? AND word = ? "
	              "AND create_time >= ? AND create_time < ? LIMIT ?) t)",
	.word_also = " AND EXISTS (SELECT 1 FROM order_words w2 WHERE w2.merchant_id = w.merchant_id AND w2.word = ? "
	             "AND w2.create_time = w.create_time AND w2.order_id = w.order_id)",
	.counts = "SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM order_counts WHERE merchant_id = ?",
	.count_channel = " AND channel = ?",
	.count_connection = " AND connection_id = ?",
	.count_status = " AND status = ?",
	.day_counts = "SELECT CAST(COALESCE(SUM(orders), 0) AS SIGNED) FROM order_days WHERE merchant_id = ?",
	.day_connection = " AND connection_id = ?",
	.day_from = " AND day >= ?",
	.day_to = " AND day < ?",
};

const struct batch_sql sql_order_count_add = {
	"INSERT INTO order_counts (merchant_id, channel, connection_id, status, n) VALUES ",
	"(?, ?, ?, ?, ?)", " ON DUPLICATE KEY UPDATE n = n + VALUES(n)", 5,
};

const struct batch_sql sql_tiktok_warehouse_insert = {
	"INSERT INTO tiktok_warehouses (connection_id, position, merchant_id, warehouse_id, name, is_default) VALUES ",
	"(?, ?, ?, ?, ?, ?)", "", 6,
};

const struct batch_sql sql_order_words_insert = {
	"INSERT IGNORE INTO order_words (merchant_id, word, create_time, order_id) VALUES ", "(?, ?, ?, ?)", "", 4,
};

const struct batch_sql sql_order_words_delete = { /* merchant_id, create_time, order_id, then the words */
	"DELETE FROM order_words WHERE merchant_id = ? AND create_time = ? AND order_id = ? AND word IN (", "?", ")", 1,
};
