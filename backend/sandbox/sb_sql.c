/* All SQL of tts-sandbox in one place: each statement by id with its result columns (designated initializers, so a
 * statement can never slip to another id). Simulated times are Unix seconds (BIGINT); money in smallest units. */
#include "sb_sql.h"
#include "core/log.h"
#include <stddef.h>

#define ORDER_COLS \
	"o.id, o.shop_id, o.status, o.create_time, o.update_time, o.paid_time, o.buyer_user_id, " \
	"o.buyer_email, o.buyer_message, o.cancel_reason, o.cancel_time, o.is_buyer_request_cancel, " \
	"o.shipping_provider, o.tracking_number, o.shipping_type, o.warehouse_id, o.is_cod, " \
	"o.is_on_hold, o.recipient_name, o.recipient_phone, o.address_detail, o.ward, o.district, " \
	"o.province, o.postal_code, o.region, o.currency, o.original_product_total, " \
	"o.seller_discount, o.platform_discount, o.sub_total, o.original_shipping_fee, " \
	"o.shipping_seller_discount, o.shipping_platform_discount, o.shipping_fee, o.tax, o.total_amount, " \
	"o.handover_method, o.pickup_start, o.pickup_end, o.rts_time, o.collection_time "

#define PRODUCT_FILTER \
	"WHERE p.shop_id = ? " \
	"AND (? = 'ALL' OR p.status = ?) " \
	"AND (? IS NULL OR p.create_time >= ?) " \
	"AND (? IS NULL OR p.create_time <= ?) " \
	"AND (? IS NULL OR p.update_time >= ?) " \
	"AND (? IS NULL OR p.update_time <= ?) " \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM skus s WHERE s.product_id = p.id " \
	"     AND JSON_CONTAINS(?, JSON_QUOTE(s.seller_sku)))) "

#define AS_COLS \
	"a.id, a.kind, a.shop_id, a.order_id, a.type, a.status, a.role, a.reason, a.create_time, a.update_time, " \
	"a.next_action, a.deadline, a.refund_subtotal, a.refund_shipping_fee, a.return_tracking_number, o.currency, " \
	"o.shipping_provider, s.authorized "
#define AS_FROM "FROM after_sales a JOIN orders o ON o.id = a.order_id JOIN shops s ON s.id = a.shop_id "

#define IDS_TABLE(alias) "JSON_TABLE(?, '$[*]' COLUMNS (v BIGINT PATH '$')) " alias " "

const struct sb_statement sb_statements[SB_STMT__MAX] = {
	[SB_APP_GET] = {
		.ncols = SB_APP_GET__NCOLS,
		.text = "SELECT app_key, app_secret, service_id, app_name, redirect_url, webhook_url, webhook_retry_scale "
		        "FROM app WHERE id = 1",
	},
	[SB_APP_UPSERT] = {
		.text = "INSERT INTO app (id, app_key, app_secret, service_id, app_name, redirect_url, webhook_url, webhook_retry_scale) "
		        "VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE app_key = VALUES(app_key), "
		        "app_secret = VALUES(app_secret), service_id = VALUES(service_id), app_name = VALUES(app_name), "
		        "redirect_url = VALUES(redirect_url), webhook_url = VALUES(webhook_url), "
		        "webhook_retry_scale = VALUES(webhook_retry_scale)",
	},
	[SB_APP_UPDATE] = {
		.text = "UPDATE app SET app_key = ?, app_secret = ?, service_id = ?, app_name = ?, redirect_url = ?, "
		        "webhook_url = ?, webhook_retry_scale = ? WHERE id = 1",
	},
	[SB_CONTROL_GET] = {
		.ncols = SB_CONTROL_GET__NCOLS,
		.text = "SELECT clock_offset, error_rate, throttle_rate, latency_ms, malformed_rate, fail_path, fail_count "
		        "FROM control WHERE id = 1",
	},
	[SB_CONTROL_FAULTS_SET] = {
		.text = "UPDATE control SET error_rate = ?, throttle_rate = ?, latency_ms = ?, malformed_rate = ?, fail_path = ?, "
		        "fail_count = ? WHERE id = 1",
	},
	[SB_CONTROL_CLOCK_SET] = {
		.text = "UPDATE control SET clock_offset = ? WHERE id = 1",
	},
	[SB_CONTROL_LIVE_GET] = {
		.ncols = SB_CONTROL_LIVE_GET__NCOLS,
		.text = "SELECT live_last_run FROM control WHERE id = 1",
	},
	[SB_CONTROL_LIVE_SET] = {
		.text = "UPDATE control SET live_last_run = ? WHERE id = 1",
	},
	[SB_SELLER_INSERT] = {
		.text = "INSERT INTO sellers (name, email, password_hash, salt, region, live, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	},
	[SB_SELLER_BY_EMAIL] = {
		.ncols = SB_SELLER_BY_EMAIL__NCOLS,
		.text = "SELECT id, name, password_hash, salt, region FROM sellers WHERE email = ?",
	},
	[SB_SELLER_GET] = {
		.ncols = SB_SELLER_GET__NCOLS,
		.text = "SELECT id, name, email, region FROM sellers WHERE id = ?",
	},
	[SB_SHOP_INSERT] = {
		.text = "INSERT INTO shops (seller_id, cipher, name, code, region, seller_type, created_at) VALUES (?, ?, ?, ?, ?, 'LOCAL', ?)",
	},
	[SB_SHOP_GET] = {
		.ncols = SB_SHOP_GET__NCOLS,
		.text = "SELECT id, seller_id, cipher, name, code, region, authorized FROM shops WHERE id = ?",
	},
	[SB_SHOP_BY_CIPHER] = {
		.ncols = SB_SHOP_BY_CIPHER__NCOLS,
		.text = "SELECT id, seller_id, region, authorized FROM shops WHERE cipher = ?",
	},
	[SB_SHOPS_OF_SELLER] = {
		.ncols = SB_SHOPS_OF_SELLER__NCOLS,
		.text = "SELECT id, cipher, name, code, region, seller_type, authorized FROM shops WHERE seller_id = ? ORDER BY id",
	},
	[SB_SHOPS_AUTHORIZED] = {
		.ncols = SB_SHOPS_AUTHORIZED__NCOLS,
		.text = "SELECT id, cipher, name, code, region, seller_type FROM shops WHERE seller_id = ? AND authorized = 1 ORDER BY id",
	},
	[SB_SHOPS_AUTHORIZE_SELLER] = {
		.text = "UPDATE shops SET authorized = 1 WHERE seller_id = ?",
	},
	[SB_SHOP_DEAUTHORIZE] = {
		.text = "UPDATE shops SET authorized = 0 WHERE id = ?",
	},
	[SB_SHOPS_LIVE] = {
		.ncols = SB_SHOPS_LIVE__NCOLS,
		.text = "SELECT s.id, s.region, s.authorized FROM shops s JOIN sellers se ON se.id = s.seller_id WHERE se.live = 1 ORDER BY s.id",
	},
	[SB_WAREHOUSE_INSERT] = {
		.text = "INSERT INTO warehouses (shop_id, name, type, is_default, contact, phone, address, district, city, postal_code) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	[SB_WAREHOUSES_OF_SHOP] = {
		.ncols = SB_WAREHOUSES_OF_SHOP__NCOLS,
		.text = "SELECT id, name, type, is_default, contact, phone, address, district, city, postal_code "
		        "FROM warehouses WHERE shop_id = ? ORDER BY id",
	},
	[SB_WAREHOUSE_OF_SHOP] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM warehouses WHERE id = ? AND shop_id = ?",
	},
	[SB_CONSENT_INSERT] = {
		.text = "INSERT INTO consent_sessions (id, state, region, step, created_at) VALUES (?, ?, ?, 1, ?)",
	},
	[SB_CONSENT_GET] = {
		.ncols = SB_CONSENT_GET__NCOLS,
		.text = "SELECT state, region, seller_id, verify_code, step, created_at FROM consent_sessions WHERE id = ?",
	},
	[SB_CONSENT_LOGIN] = {
		.text = "UPDATE consent_sessions SET seller_id = ?, verify_code = ?, step = 2 WHERE id = ? AND step IN (1, 2)",
	},
	[SB_CONSENT_STEP] = {
		.text = "UPDATE consent_sessions SET step = ? WHERE id = ? AND step = ?",
	},
	[SB_CONSENT_PURGE] = {
		.text = "DELETE FROM consent_sessions WHERE created_at < ?",
	},
	[SB_CODE_INSERT] = {
		.text = "INSERT INTO auth_codes (code, seller_id, expires_at) VALUES (?, ?, ?)",
	},
	/* one row changed when the code is unused and unexpired */
	[SB_CODE_USE] = {
		.text = "UPDATE auth_codes SET used_at = ? WHERE code = ? AND used_at IS NULL AND expires_at > ?",
	},
	[SB_CODE_SELLER] = {
		.ncols = SB_CODE_SELLER__NCOLS,
		.text = "SELECT seller_id FROM auth_codes WHERE code = ?",
	},
	[SB_TOKEN_INSERT] = {
		.text = "INSERT INTO tokens (seller_id, access_token, access_expires, refresh_token, refresh_expires, created_at) "
		        "VALUES (?, ?, ?, ?, ?, ?)",
	},
	[SB_TOKEN_BY_ACCESS] = {
		.ncols = SB_TOKEN_BY_ACCESS__NCOLS,
		.text = "SELECT seller_id, access_expires, revoked FROM tokens WHERE access_token = ?",
	},
	[SB_TOKEN_BY_REFRESH] = {
		.ncols = SB_TOKEN_BY_REFRESH__NCOLS,
		.text = "SELECT seller_id, refresh_expires, revoked FROM tokens WHERE refresh_token = ?",
	},
	[SB_TOKENS_REVOKE_SELLER] = {
		.text = "UPDATE tokens SET revoked = 1 WHERE seller_id = ? AND revoked = 0",
	},
	/* access tokens valid at ? end at ? */
	[SB_TOKENS_EXPIRE_ALL] = {
		.text = "UPDATE tokens SET access_expires = ? WHERE revoked = 0 AND access_expires > ?",
	},
	/* each seller's newest live token whose refresh expiry falls in (?, ?] */
	[SB_TOKENS_NEAR_EXPIRY] = {
		.ncols = SB_TOKENS_NEAR_EXPIRY__NCOLS,
		.text = "SELECT t.id, t.seller_id, t.refresh_expires FROM tokens t WHERE t.revoked = 0 AND t.expiry_notified = 0 "
		        "AND t.refresh_expires > ? AND t.refresh_expires <= ? "
		        "AND t.id = (SELECT MAX(t2.id) FROM tokens t2 WHERE t2.seller_id = t.seller_id AND t2.revoked = 0) LIMIT 50",
	},
	[SB_TOKENS_MARK_NOTIFIED] = {
		.text = "UPDATE tokens SET expiry_notified = 1 WHERE seller_id = ? AND id <= ?",
	},
	[SB_PRODUCT_INSERT] = {
		.text = "INSERT INTO products (shop_id, title, description, status, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)",
	},
	[SB_PRODUCT_COUNT] = {
		.ncols = SB_COUNT__NCOLS,
		.text = "SELECT COUNT(*) FROM products WHERE shop_id = ?",
	},
	[SB_PRODUCT_GET] = {
		.ncols = SB_PRODUCT_GET__NCOLS,
		.text = "SELECT id, title, description, status, create_time, update_time FROM products WHERE id = ? AND shop_id = ?",
	},
	[SB_PRODUCT_TOUCH] = {
		.text = "UPDATE products SET update_time = ? WHERE id = ?",
	},
	[SB_PRODUCT_SEARCH] = {
		.ncols = SB_PRODUCT_SEARCH__NCOLS,
		.text = "SELECT p.id, p.title, p.status, p.create_time, p.update_time FROM products p " PRODUCT_FILTER
		        "AND (? IS NULL OR p.create_time < ? OR (p.create_time = ? AND p.id < ?)) "
		        "ORDER BY p.create_time DESC, p.id DESC LIMIT ?",
	},
	[SB_PRODUCT_SEARCH_COUNT] = {
		.ncols = SB_COUNT__NCOLS,
		.text = "SELECT COUNT(*) FROM products p " PRODUCT_FILTER,
	},
	[SB_SKU_INSERT] = {
		.text = "INSERT INTO skus (product_id, shop_id, seller_sku, attr1_name, attr1_value, attr2_name, attr2_value, price, currency) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	/* the SKU and the refusal its inventory updates get (NULL: none) */
	[SB_SKU_OF_PRODUCT] = {
		.ncols = SB_SKU_OF_PRODUCT__NCOLS,
		.text = "SELECT id, inventory_refusal FROM skus WHERE id = ? AND product_id = ?",
	},
	[SB_SKUS_OF_PRODUCTS] = {
		.ncols = SB_SKUS_OF_PRODUCTS__NCOLS,
		.text = "SELECT s.id, s.product_id, s.seller_sku, s.attr1_name, s.attr1_value, s.attr2_name, s.attr2_value, "
		        "s.price, s.currency FROM " IDS_TABLE("j") "JOIN skus s ON s.product_id = j.v ORDER BY s.product_id, s.id",
	},
	[SB_SKUS_FOR_ORDERS] = {
		.ncols = SB_SKUS_FOR_ORDERS__NCOLS,
		.text = "SELECT s.id, s.product_id, p.title, s.attr1_value, s.attr2_value, s.seller_sku, s.price "
		        "FROM skus s JOIN products p ON p.id = s.product_id WHERE s.shop_id = ? AND p.status = 'ACTIVATE' ORDER BY s.id",
	},
	[SB_INVENTORY_SET] = {
		.text = "INSERT INTO inventory (sku_id, warehouse_id, quantity) VALUES (?, ?, ?) "
		        "ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)",
	},
	[SB_INVENTORY_OF_PRODUCTS] = {
		.ncols = SB_INVENTORY_OF_PRODUCTS__NCOLS,
		.text = "SELECT i.sku_id, i.warehouse_id, i.quantity FROM " IDS_TABLE("j")
		        "JOIN skus s ON s.product_id = j.v JOIN inventory i ON i.sku_id = s.id ORDER BY i.sku_id, i.warehouse_id",
	},
	[SB_ORDER_INSERT] = {
		.text = "INSERT INTO orders (shop_id, status, create_time, update_time, paid_time, buyer_user_id, buyer_email, "
		        "buyer_message, cancel_reason, cancel_time, is_buyer_request_cancel, shipping_provider, tracking_number, "
		        "shipping_type, warehouse_id, is_cod, is_on_hold, recipient_name, recipient_phone, address_detail, ward, "
		        "district, province, postal_code, region, currency, original_product_total, seller_discount, "
		        "platform_discount, sub_total, original_shipping_fee, shipping_seller_discount, "
		        "shipping_platform_discount, shipping_fee, tax, total_amount, handover_method, rts_time, collection_time) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		        "?, ?, ?)",
	},
	[SB_ORDER_COUNT] = {
		.ncols = SB_COUNT__NCOLS,
		.text = "SELECT COUNT(*) FROM orders WHERE shop_id = ?",
	},
	[SB_ORDER_SET_MONEY] = {
		.text = "UPDATE orders SET original_product_total = ?, seller_discount = ?, platform_discount = ?, sub_total = ?, "
		        "original_shipping_fee = ?, shipping_seller_discount = ?, shipping_platform_discount = ?, shipping_fee = ?, "
		        "tax = ?, total_amount = ? WHERE id = ?",
	},
	[SB_LINE_INSERT] = {
		.text = "INSERT INTO order_lines (order_id, sku_id, product_id, product_name, sku_name, seller_sku, original_price, "
		        "seller_discount, platform_discount, sale_price, is_gift) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	/* ids as a JSON array of row ids, then the shop */
	[SB_ORDERS_BY_IDS] = {
		.ncols = SB_ORDER_ROW__NCOLS,
		.text = "SELECT " ORDER_COLS "FROM " IDS_TABLE("j") "JOIN orders o ON o.id = j.v WHERE o.shop_id = ? ORDER BY o.id",
	},
	[SB_LINES_OF_ORDERS] = {
		.ncols = SB_LINES_OF_ORDERS__NCOLS,
		.text = "SELECT l.order_id, l.id, l.sku_id, l.product_id, l.product_name, l.sku_name, l.seller_sku, "
		        "l.original_price, l.seller_discount, l.platform_discount, l.sale_price, l.is_gift "
		        "FROM " IDS_TABLE("j") "JOIN order_lines l ON l.order_id = j.v ORDER BY l.order_id, l.id",
	},
	[SB_ORDER_STATE] = {
		.ncols = SB_ORDER_STATE__NCOLS,
		.text = "SELECT o.id, o.shop_id, o.status, o.create_time, o.update_time, o.paid_time, o.is_on_hold, "
		        "o.tracking_number, s.authorized, s.region, o.shipping_provider FROM orders o JOIN shops s ON s.id = o.shop_id "
		        "WHERE o.id = ?",
	},
	[SB_ORDER_SET_STATUS] = {
		.text = "UPDATE orders SET status = ?, update_time = ?, paid_time = ?, tracking_number = ?, cancel_reason = ?, "
		        "cancel_time = ?, is_on_hold = ? WHERE id = ?",
	},
	[SB_ORDERS_TO_ADVANCE] = {
		.ncols = SB_ID__NCOLS,
		/* not AWAITING_COLLECTION: the carrier collects a while after arranging (SB_ORDERS_TO_COLLECT) */
		.text = "SELECT id FROM orders WHERE shop_id = ? AND status IN ('UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', "
		        "'IN_TRANSIT', 'DELIVERED') ORDER BY RAND() LIMIT ?",
	},
	[SB_WEBHOOK_INSERT] = {
		.text = "INSERT INTO webhooks (type, shop_id, payload, status, next_attempt_ms, created_ms) VALUES (?, ?, '', 'pending', ?, ?)",
	},
	[SB_WEBHOOK_SET_PAYLOAD] = {
		.text = "UPDATE webhooks SET payload = ? WHERE id = ?",
	},
	[SB_WEBHOOKS_DUE] = {
		.ncols = SB_WEBHOOKS_DUE__NCOLS,
		.text = "SELECT id, payload, attempts FROM webhooks WHERE status = 'pending' AND next_attempt_ms <= ? "
		        "AND payload <> '' ORDER BY next_attempt_ms, id LIMIT 20",
	},
	[SB_WEBHOOK_RESULT] = {
		.text = "UPDATE webhooks SET status = ?, attempts = ?, next_attempt_ms = ? WHERE id = ?",
	},
	[SB_ATTEMPT_INSERT] = {
		.text = "INSERT INTO webhook_attempts (webhook_id, attempt, url, sent_ms, http_status, response, error, duration_ms) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	},
	/* filters type, shop, after id (each twice), then the limit */
	[SB_WEBHOOK_LIST] = {
		.ncols = SB_WEBHOOK_LIST__NCOLS,
		.text = "SELECT id, type, shop_id, payload, status, attempts, next_attempt_ms, created_ms FROM webhooks "
		        "WHERE (? IS NULL OR type = ?) AND (? IS NULL OR shop_id = ?) AND (? IS NULL OR id > ?) "
		        "ORDER BY id DESC LIMIT ?",
	},
	[SB_ATTEMPTS_OF] = {
		.ncols = SB_ATTEMPTS_OF__NCOLS,
		.text = "SELECT a.webhook_id, a.attempt, a.url, a.sent_ms, a.http_status, a.response, a.error, a.duration_ms "
		        "FROM " IDS_TABLE("j") "JOIN webhook_attempts a ON a.webhook_id = j.v ORDER BY a.webhook_id, a.attempt",
	},
	[SB_PRODUCTS_OF_SHOP] = {
		.ncols = SB_PRODUCTS_OF_SHOP__NCOLS,
		.text = "SELECT id, title, status FROM products WHERE shop_id = ? ORDER BY id LIMIT 1000",
	},
	[SB_INVENTORY_UPDATE_LOG] = {
		.text = "INSERT INTO inventory_updates (shop_id, product_id, sku_id, warehouse_id, quantity, time) VALUES (?, ?, ?, ?, ?, ?)",
	},
	/* newest last, the last ? of them */
	[SB_INVENTORY_UPDATES] = {
		.ncols = SB_INVENTORY_UPDATES__NCOLS,
		.text = "SELECT * FROM (SELECT id, product_id, sku_id, warehouse_id, quantity, time, "
		        "CAST(UNIX_TIMESTAMP(received_at) * 1000 AS UNSIGNED) FROM inventory_updates WHERE shop_id = ? ORDER BY id DESC LIMIT ?) t "
		        "ORDER BY id",
	},
	/* one more call of this shop and path in this second */
	[SB_RATE_COUNT] = {
		.text = "INSERT INTO shop_calls (shop_id, path, second, calls) VALUES (?, ?, UNIX_TIMESTAMP(), 1) "
		        "ON DUPLICATE KEY UPDATE calls = calls + 1",
	},
	/* the calls of this second so far, and the limit */
	[SB_RATE_STATE] = {
		.ncols = SB_RATE_STATE__NCOLS,
		.text = "SELECT c.calls, l.per_second FROM rate_limit l LEFT JOIN shop_calls c "
		        "ON c.shop_id = ? AND c.path = ? AND c.second = UNIX_TIMESTAMP() WHERE l.id = 1",
	},
	[SB_RATE_THROTTLED] = {
		.text = "UPDATE shop_calls SET throttled = throttled + 1 WHERE shop_id = ? AND path = ? AND second = UNIX_TIMESTAMP()",
	},
	[SB_RATE_GET] = {
		.ncols = SB_RATE_GET__NCOLS,
		.text = "SELECT per_second FROM rate_limit WHERE id = 1",
	},
	[SB_RATE_SET] = {
		.text = "UPDATE rate_limit SET per_second = ? WHERE id = 1",
	},
	/* per path, the busiest second, all calls and the throttled ones */
	[SB_RATE_REPORT] = {
		.ncols = SB_RATE_REPORT__NCOLS,
		.text = "SELECT path, MAX(calls), SUM(calls), SUM(throttled) FROM shop_calls WHERE shop_id = ? GROUP BY path ORDER BY path",
	},
	[SB_SKU_OF_SHOP] = {
		.ncols = SB_SKU_OF_SHOP__NCOLS,
		.text = "SELECT id, product_id FROM skus WHERE id = ? AND shop_id = ?",
	},
	/* the shop's default sales warehouse, else its first */
	[SB_SALES_WAREHOUSE] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM warehouses WHERE shop_id = ? AND type = 'SALES_WAREHOUSE' ORDER BY is_default DESC, id LIMIT 1",
	},
	/* message (NULL clears), SKU */
	[SB_SKU_REFUSAL_SET] = {
		.text = "UPDATE skus SET inventory_refusal = ? WHERE id = ?",
	},
	/* order row id, shop */
	[SB_ORDER_OF_SHOP] = {
		.ncols = SB_ORDER_ROW__NCOLS,
		.text = "SELECT " ORDER_COLS "FROM orders o WHERE o.id = ? AND o.shop_id = ?",
	},
	/* the same, locked until the transaction ends: two ship calls for one package wait for each other */
	[SB_ORDER_LOCK] = {
		.ncols = SB_ORDER_ROW__NCOLS,
		.text = "SELECT " ORDER_COLS "FROM orders o WHERE o.id = ? AND o.shop_id = ? FOR UPDATE",
	},
	/* handover method, pickup slot, arranged at, tracking number, then the order */
	[SB_ORDER_ARRANGE] = {
		.text = "UPDATE orders SET handover_method = ?, pickup_start = ?, pickup_end = ?, rts_time = ?, tracking_number = ? "
		        "WHERE id = ?",
	},
	[SB_ORDER_COLLECTED] = {
		.text = "UPDATE orders SET collection_time = ? WHERE id = ?",
	},
	/* the shop's packages arranged at or before ?, oldest first, the first ? of them */
	[SB_ORDERS_TO_COLLECT] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM orders WHERE status = 'AWAITING_COLLECTION' AND shop_id = ? AND rts_time <= ? "
		        "ORDER BY rts_time, id LIMIT ?",
	},
	[SB_WAREHOUSE_GET] = {
		.ncols = SB_WAREHOUSES_OF_SHOP__NCOLS,
		.text = "SELECT id, name, type, is_default, contact, phone, address, district, city, postal_code "
		        "FROM warehouses WHERE id = ?",
	},
	[SB_TRACKING_INSERT] = {
		.text = "INSERT INTO tracking_events (order_id, time_ms, description) VALUES (?, ?, ?)",
	},
	/* newest first, as carriers show them */
	[SB_TRACKING_OF_ORDER] = {
		.ncols = SB_TRACKING_OF_ORDER__NCOLS,
		.text = "SELECT time_ms, description FROM tracking_events WHERE order_id = ? ORDER BY id DESC",
	},
	/* kind, shop, order, type, status, role, reason, create and update time, next action, deadline, refund */
	[SB_AS_INSERT] = {
		.text = "INSERT INTO after_sales (kind, shop_id, order_id, type, status, role, reason, create_time, update_time, "
		        "next_action, deadline, refund_subtotal, refund_shipping_fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	},
	[SB_AS_LINE_INSERT] = {
		.text = "INSERT INTO after_sale_lines (request_id, line_id) VALUES (?, ?)",
	},
	[SB_AS_RECORD_INSERT] = {
		.text = "INSERT INTO after_sale_records (request_id, event, role, reason, note, images, create_time) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?)",
	},
	/* by row id and kind; the shop is checked by the caller (TikTok's calls) or not at all (control calls) */
	[SB_AS_GET] = {
		.ncols = SB_AS_ROW__NCOLS,
		.text = "SELECT " AS_COLS AS_FROM "WHERE a.id = ? AND a.kind = ?",
	},
	/* the same, locked until the transaction ends: an answer racing the buyer's withdrawal waits for it */
	[SB_AS_LOCK] = {
		.ncols = SB_AS_ROW__NCOLS,
		.text = "SELECT " AS_COLS AS_FROM "WHERE a.id = ? AND a.kind = ? FOR UPDATE",
	},
	/* status, role, update time, next action, deadline, return tracking number (NULL keeps it), then the id */
	[SB_AS_SET_STATE] = {
		.text = "UPDATE after_sales SET status = ?, role = ?, update_time = ?, next_action = ?, deadline = ?, "
		        "return_tracking_number = COALESCE(?, return_tracking_number) WHERE id = ?",
	},
	/* open requests of a kind on the order (lines NULL) or on one of the lines (a JSON array of line row ids) */
	[SB_AS_OPEN_ON_ORDER] = {
		.ncols = SB_COUNT__NCOLS,
		.text = "SELECT COUNT(*) FROM after_sales a WHERE a.order_id = ? AND a.kind = ? AND a.status NOT IN "
		        "('CANCELLATION_REQUEST_COMPLETE', 'CANCELLATION_REQUEST_CANCEL', 'REFUND_OR_RETURN_REQUEST_REJECT', "
		        "'REJECT_RECEIVE_PACKAGE', 'RETURN_OR_REFUND_REQUEST_CANCEL') "
		        "AND (? IS NULL OR EXISTS (SELECT 1 FROM after_sale_lines l WHERE l.request_id = a.id "
		        "AND JSON_CONTAINS(?, CAST(l.line_id AS CHAR))))",
	},
	[SB_AS_LINES_OF] = {
		.ncols = SB_AS_LINES_OF__NCOLS,
		.text = "SELECT al.request_id, l.id, l.sku_id, l.product_name, l.sku_name, l.seller_sku, l.sale_price FROM "
		        IDS_TABLE("j") "JOIN after_sale_lines al ON al.request_id = j.v JOIN order_lines l ON l.id = al.line_id "
		        "ORDER BY al.request_id, l.id",
	},
	[SB_AS_RECORDS_OF] = {
		.ncols = SB_AS_RECORDS_OF__NCOLS,
		.text = "SELECT event, role, reason, note, images, create_time FROM after_sale_records WHERE request_id = ? "
		        "ORDER BY id",
	},
	/* requests whose deadline has passed and that still wait for someone */
	[SB_AS_DUE] = {
		.ncols = SB_AS_DUE__NCOLS,
		.text = "SELECT id FROM after_sales WHERE deadline <= ? ORDER BY deadline, id LIMIT 100",
	},
	/* the buyer asks to cancel (1) or no longer (0); the order changes for the app's polling too */
	[SB_ORDER_BUYER_CANCEL] = {
		.text = "UPDATE orders SET is_buyer_request_cancel = ?, update_time = GREATEST(update_time + 1, ?) WHERE id = ?",
	},
	/* after an approved cancellation: the buyer's reason on the order */
	[SB_ORDER_CANCELLED_BY_BUYER] = {
		.text = "UPDATE orders SET cancel_reason = ?, is_buyer_request_cancel = 0 WHERE id = ?",
	},
	[SB_ORDER_TOUCH] = {
		.text = "UPDATE orders SET update_time = GREATEST(update_time + 1, ?) WHERE id = ?",
	},
	/* the live demo's buyer: an order of the shop in one of the statuses (a JSON array) with no request of the kind */
	[SB_ORDER_FOR_LIVE_REQUEST] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT o.id FROM orders o WHERE o.shop_id = ? AND JSON_CONTAINS(?, JSON_QUOTE(o.status)) "
		        "AND NOT EXISTS (SELECT 1 FROM after_sales a WHERE a.order_id = o.id AND a.kind = ?) ORDER BY RAND() LIMIT 1",
	},
	/* approved returns the live demo's buyers ship back a while after the approval */
	[SB_AS_AWAITING_SHIP] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM after_sales WHERE shop_id = ? AND kind = 'R' AND status = 'AWAITING_BUYER_SHIP' "
		        "AND update_time <= ? ORDER BY id LIMIT 10",
	},
	/* the order's pending cancellation, locked: the carrier collecting the package closes it */
	[SB_AS_PENDING_CANCEL] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM after_sales WHERE order_id = ? AND kind = 'C' AND status = 'CANCELLATION_REQUEST_PENDING' "
		        "FOR UPDATE",
	},
	/* the control API makes a running deadline pass now (the request's own clock, not the sandbox's) */
	[SB_AS_DEADLINE_NOW] = {
		.text = "UPDATE after_sales SET deadline = ? WHERE id = ? AND deadline IS NOT NULL",
	},
	[SB_ORDERS_FOR_REQUESTS] = {
		.ncols = SB_ORDERS_FOR_REQUESTS__NCOLS,
		.text = "SELECT shipping_fee FROM orders WHERE id = ?",
	},
	/* shop, uri, use case, mime type, width, height, size, time */
	[SB_IMAGE_INSERT] = {
		.text = "INSERT INTO images (shop_id, uri, use_case, mime_type, width, height, size, create_time) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	},
	/* uri, shop: an image this shop uploaded */
	[SB_IMAGE_OF_SHOP] = {
		.ncols = SB_ID__NCOLS,
		.text = "SELECT id FROM images WHERE uri = ? AND shop_id = ?",
	},
	/* shop */
	[SB_IMAGES_OF_SHOP] = {
		.ncols = SB_IMAGE__NCOLS,
		.text = "SELECT uri, use_case, mime_type, width, height, size, create_time FROM images WHERE shop_id = ? "
		        "ORDER BY id LIMIT 1000",
	},
	/* path: one of the failures the control API asked for calls to paths that start with fail_path */
	[SB_CONTROL_FAIL_TAKE] = {
		.text = "UPDATE control SET fail_count = fail_count - 1 WHERE id = 1 AND fail_count > 0 "
		        "AND LEFT(?, CHAR_LENGTH(fail_path)) = fail_path",
	},
};

const char *sb_sql[SB_STMT__MAX];
int sb_columns[SB_STMT__MAX];

int sb_statements_load(void)
{
	int rc = 0;
	for (int id = 0; id < SB_STMT__MAX; id++) {
		if (sb_statements[id].text == NULL) {
			log_error("sb_statements_load", "stmt=%d error=\"no SQL for this id in the sandbox's statement table\"", id);
			rc = -1;
		}
		sb_sql[id] = sb_statements[id].text;
		sb_columns[id] = sb_statements[id].ncols;
	}
	return rc;
}

const struct sb_order_search sb_order_search = {
	/* The sort's index named: for ORDER BY … LIMIT MariaDB would otherwise read that index by shop_id alone from the
	 * shop's first entry, not the range after the page token, so each page cost more the further it was. */
	.select = { "SELECT " ORDER_COLS "FROM orders o FORCE INDEX (ix_orders_create) WHERE o.shop_id = ?",
	            "SELECT " ORDER_COLS "FROM orders o FORCE INDEX (ix_orders_update) WHERE o.shop_id = ?" },
	.count = "SELECT COUNT(*) FROM orders o WHERE o.shop_id = ?",
	.status = " AND o.status = ?",
	.create_ge = " AND o.create_time >= ?",
	.create_lt = " AND o.create_time < ?",
	.update_ge = " AND o.update_time >= ?",
	.update_lt = " AND o.update_time < ?",
	.shipping_type = " AND o.shipping_type = ?",
	.buyer = " AND o.buyer_user_id = ?",
	.cancel = " AND o.is_buyer_request_cancel = ?",
	.warehouses = " AND JSON_CONTAINS(?, CAST(o.warehouse_id AS CHAR))",
	.after = {
		{ " AND o.create_time <= ? AND (o.create_time < ? OR o.id < ?)",
		  " AND o.create_time >= ? AND (o.create_time > ? OR o.id > ?)" },
		{ " AND o.update_time <= ? AND (o.update_time < ? OR o.id < ?)",
		  " AND o.update_time >= ? AND (o.update_time > ? OR o.id > ?)" },
	},
	.order = {
		{ " ORDER BY o.create_time DESC, o.id DESC LIMIT ?", " ORDER BY o.create_time ASC, o.id ASC LIMIT ?" },
		{ " ORDER BY o.update_time DESC, o.id DESC LIMIT ?", " ORDER BY o.update_time ASC, o.id ASC LIMIT ?" },
	},
};

#define PACKAGE_EXISTS " AND o.paid_time IS NOT NULL AND o.status NOT IN ('UNPAID', 'ON_HOLD')"

const struct sb_package_search sb_package_search = {
	.select = "SELECT " ORDER_COLS "FROM orders o WHERE o.shop_id = ?" PACKAGE_EXISTS,
	.count = "SELECT COUNT(*) FROM orders o WHERE o.shop_id = ?" PACKAGE_EXISTS,
	.create_ge = " AND o.paid_time >= ?",
	.create_lt = " AND o.paid_time < ?",
	.update_ge = " AND o.update_time >= ?",
	.update_lt = " AND o.update_time < ?",
	.statuses = " AND JSON_CONTAINS(?, JSON_QUOTE(o.status))",
	.after = {
		{ " AND o.paid_time <= ? AND (o.paid_time < ? OR o.id < ?)",
		  " AND o.paid_time >= ? AND (o.paid_time > ? OR o.id > ?)" },
		{ " AND o.update_time <= ? AND (o.update_time < ? OR o.id < ?)",
		  " AND o.update_time >= ? AND (o.update_time > ? OR o.id > ?)" },
	},
	.order = {
		{ " ORDER BY o.paid_time DESC, o.id DESC LIMIT ?", " ORDER BY o.paid_time ASC, o.id ASC LIMIT ?" },
		{ " ORDER BY o.update_time DESC, o.id DESC LIMIT ?", " ORDER BY o.update_time ASC, o.id ASC LIMIT ?" },
	},
};

const struct sb_rr_search sb_rr_search = {
	.select = "SELECT " AS_COLS AS_FROM "WHERE a.shop_id = ? AND a.kind = ?",
	.count = "SELECT COUNT(*) FROM after_sales a JOIN orders o ON o.id = a.order_id WHERE a.shop_id = ? AND a.kind = ?",
	.ids = " AND JSON_CONTAINS(?, CAST(a.id AS CHAR))",
	.orders = " AND JSON_CONTAINS(?, CAST(a.order_id AS CHAR))",
	.buyers = " AND JSON_CONTAINS(?, JSON_QUOTE(o.buyer_user_id))",
	.types = " AND JSON_CONTAINS(?, JSON_QUOTE(a.type))",
	.statuses = " AND JSON_CONTAINS(?, JSON_QUOTE(a.status))",
	.create_ge = " AND a.create_time >= ?",
	.create_lt = " AND a.create_time < ?",
	.update_ge = " AND a.update_time >= ?",
	.update_lt = " AND a.update_time < ?",
	.after = {
		{ " AND a.create_time <= ? AND (a.create_time < ? OR a.id < ?)",
		  " AND a.create_time >= ? AND (a.create_time > ? OR a.id > ?)" },
		{ " AND a.update_time <= ? AND (a.update_time < ? OR a.id < ?)",
		  " AND a.update_time >= ? AND (a.update_time > ? OR a.id > ?)" },
	},
	.order = {
		{ " ORDER BY a.create_time DESC, a.id DESC LIMIT ?", " ORDER BY a.create_time ASC, a.id ASC LIMIT ?" },
		{ " ORDER BY a.update_time DESC, a.id DESC LIMIT ?", " ORDER BY a.update_time ASC, a.id ASC LIMIT ?" },
	},
};
