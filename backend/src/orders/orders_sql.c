/* SQL of orders (the store, the list, one order): its statements by id (enum stmt), each with its result columns;
 * times go out as Unix seconds (the session is UTC). */
#include "statements.h"

/* an hour's orders: the sum of its rows per status, hours with none left out; ordered by hour (DESC may follow) */
#define ALL_HOURS "CAST(SUM(n) AS SIGNED) AS n FROM order_status_hours WHERE merchant_id = ? GROUP BY merchant_id, hour " \
	"HAVING SUM(n) <> 0 ORDER BY hour"

const struct sql_statement orders_sql[STMT__MAX] = {
	/* the 32 order fields (as sql_order_insert has them), then id */
	[STMT_ORDER_UPDATE] = {
		.text = "UPDATE orders SET status = ?, channel_status = ?, create_time = ?, update_time = ?, paid_time = ?, "
		        "buyer_name = ?, buyer_phone = ?, buyer_phone_local = ?, buyer_email = ?, buyer_message = ?, currency = ?, "
		        "sub_total = ?, shipping_fee = ?, seller_discount = ?, platform_discount = ?, tax = ?, total_amount = ?, "
		        "original_total_product_price = ?, original_shipping_fee = ?, recipient_name = ?, recipient_phone = ?, "
		        "full_address = ?, address_detail = ?, postal_code = ?, region_code = ?, shipping_provider = ?, "
		        "tracking_number = ?, shipping_type = ?, is_cod = ?, cancel_reason = ?, item_count = ?, ship_by_time = ?, "
		        "item_names = ?, synced_at = UTC_TIMESTAMP() WHERE id = ?",
	},
	[STMT_ORDER_LINES_DELETE] = {
		.text = "DELETE FROM order_lines WHERE order_id = ?",
	},
	[STMT_ORDER_GET] = {
		.ncols = ORDER__NCOLS,
		.text = "SELECT o.id, o.channel, o.connection_id, c.shop_name, o.external_id, o.status, o.channel_status, o.create_time, "
		        "o.update_time, o.buyer_name, o.buyer_phone, o.paid_time, o.buyer_email, o.buyer_message, o.currency, "
		        "CAST(o.sub_total AS CHAR), CAST(o.shipping_fee AS CHAR), CAST(o.seller_discount AS CHAR), "
		        "CAST(o.platform_discount AS CHAR), CAST(o.tax AS CHAR), CAST(o.total_amount AS CHAR), "
		        "CAST(o.original_total_product_price AS CHAR), CAST(o.original_shipping_fee AS CHAR), o.recipient_name, "
		        "o.recipient_phone, o.full_address, o.address_detail, o.postal_code, o.region_code, o.shipping_provider, "
		        "o.tracking_number, o.shipping_type, o.is_cod, o.cancel_reason, o.item_count, c.shop_code, c.region, "
		        "CAST(o.original_shipping_fee - o.shipping_fee AS CHAR) "
		        "FROM orders o JOIN connections c ON c.id = o.connection_id WHERE o.id = ? AND o.merchant_id = ?",
	},
	[STMT_ORDER_LINES] = {
		.ncols = ORDER_LINE__NCOLS,
		.text = "SELECT sku_id, product_id, seller_sku, product_name, sku_name, image_url, quantity, CAST(unit_price AS CHAR), "
		        "CAST(original_price AS CHAR) FROM order_lines WHERE order_id = ? AND merchant_id = ? ORDER BY id",
	},
	[STMT_ORDER_HISTORY] = {
		.ncols = ORDER_HISTORY__NCOLS,
		.text = "SELECT status, channel_status, update_time, UNIX_TIMESTAMP(recorded_at) FROM order_status_history "
		        "WHERE order_id = ? AND merchant_id = ? ORDER BY update_time, id",
	},
	[STMT_CONN_SYNCED] = {
		.text = "UPDATE connections SET last_synced_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, "
		        "last_error_at = NULL WHERE id = ?",
	},
	[STMT_CONN_POLLED] = {
		.text = "UPDATE connections SET poll_cursor = ?, last_polled_at = UTC_TIMESTAMP(), last_synced_at = UTC_TIMESTAMP(), "
		        "last_error = NULL, last_error_code = NULL, last_error_at = NULL WHERE id = ?",
	},
	/* held by a page of orders being stored, so a disconnect waits for it or stops it */
	[STMT_CONN_LOCK] = {
		.ncols = CONN_OWNED__NCOLS,
		.text = "SELECT status FROM connections WHERE id = ? FOR UPDATE",
	},
	/* merchant twice: its orders with a line not linked to a product (sql/0030's counter, as the overview shows it),
	 * and all its orders */
	[STMT_UNLINKED_ORDERS] = {
		.ncols = UNLINKED_ORDERS__NCOLS,
		.text = "SELECT (SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM overview_counts WHERE merchant_id = ? "
		        "AND counter = 'orders_unlinked'), "
		        "(SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM order_counts WHERE merchant_id = ?)",
	},
	/* merchant: every order of the merchant, from the counters (a handful of rows, whatever the orders' number) */
	[STMT_ORDER_TOTAL] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM order_counts WHERE merchant_id = ?",
	},
	/* merchant, limit: the merchant's hours with orders (sql/0043: an hour's row per status, summed), from its newest
	 * or from its oldest */
	[STMT_ORDER_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, " ALL_HOURS " DESC LIMIT ?",
	},
	[STMT_ORDER_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, " ALL_HOURS " LIMIT ?",
	},
	/* merchant, status, limit: the same of its orders in one status, through its key (the primary key would read
	 * every status's rows of each hour: a rare status's few hours after all of the merchant's) */
	[STMT_STATUS_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_status_hours FORCE INDEX (ix_order_status_hours_status) "
		        "WHERE merchant_id = ? AND status = ? AND n <> 0 "
		        "ORDER BY hour DESC LIMIT ?",
	},
	[STMT_STATUS_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_status_hours FORCE INDEX (ix_order_status_hours_status) "
		        "WHERE merchant_id = ? AND status = ? AND n <> 0 "
		        "ORDER BY hour LIMIT ?",
	},
	/* merchant, limit: the same of its orders with an unlinked line (sql/0037), and of the others (every item linked) */
	[STMT_UNLINKED_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_unlinked_hours WHERE merchant_id = ? AND n <> 0 ORDER BY hour DESC LIMIT ?",
	},
	[STMT_UNLINKED_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_unlinked_hours WHERE merchant_id = ? AND n <> 0 ORDER BY hour LIMIT ?",
	},
	[STMT_LINKED_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT h.hour, h.n - COALESCE(u.n, 0) FROM (SELECT merchant_id, hour, " ALL_HOURS " DESC LIMIT ?) h "
		        "LEFT JOIN order_unlinked_hours u ON u.merchant_id = h.merchant_id AND u.hour = h.hour "
		        "ORDER BY h.hour DESC",
	},
	[STMT_LINKED_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT h.hour, h.n - COALESCE(u.n, 0) FROM (SELECT merchant_id, hour, " ALL_HOURS " LIMIT ?) h "
		        "LEFT JOIN order_unlinked_hours u ON u.merchant_id = h.merchant_id AND u.hour = h.hour "
		        "ORDER BY h.hour",
	},
	/* the same of its orders with a live export slip (sql/0038), and of the others */
	[STMT_SLIP_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_slip_hours WHERE merchant_id = ? AND n <> 0 ORDER BY hour DESC LIMIT ?",
	},
	[STMT_SLIP_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT hour, n FROM order_slip_hours WHERE merchant_id = ? AND n <> 0 ORDER BY hour LIMIT ?",
	},
	[STMT_NO_SLIP_HOURS_NEWEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT h.hour, h.n - COALESCE(s.n, 0) FROM (SELECT merchant_id, hour, " ALL_HOURS " DESC LIMIT ?) h "
		        "LEFT JOIN order_slip_hours s ON s.merchant_id = h.merchant_id AND s.hour = h.hour "
		        "ORDER BY h.hour DESC",
	},
	[STMT_NO_SLIP_HOURS_OLDEST] = {
		.ncols = ORDER_HOUR__NCOLS,
		.text = "SELECT h.hour, h.n - COALESCE(s.n, 0) FROM (SELECT merchant_id, hour, " ALL_HOURS " LIMIT ?) h "
		        "LEFT JOIN order_slip_hours s ON s.merchant_id = h.merchant_id AND s.hour = h.hour "
		        "ORDER BY h.hour",
	},
	/* merchant, digits: whether an order of the merchant has them as its number (one entry of its key) */
	[STMT_ORDER_NUMBER_TAKEN] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM orders WHERE merchant_id = ? AND external_id = ?",
	},
};

const struct order_list_sql sql_order_list = {
	.channel = " AND o.channel = ?",
	.connection = " AND o.connection_id = ?",
	.status = " AND o.status = ?",
	.created_from = " AND %s >= ?",     /* the source's time column: a name search's word range narrows by it */
	.created_to = " AND %s < ?",
	.number = " AND (o.external_id = ? OR o.buyer_phone_local LIKE CONCAT(?, '%'))",
	.external = " AND o.external_id = ?",
	.phone_prefix = " AND o.buyer_phone_local LIKE CONCAT(?, '%')",
	.has_slip = " AND o.has_live_slip = 1",     /* sql/0014 */
	.no_slip = " AND o.has_live_slip = 0",
	/* sql/0021: shipping not arranged yet, arranged and awaiting the carrier; the label printed from the app or not */
	.to_arrange = " AND o.channel_status = 'AWAITING_SHIPMENT'",
	.awaiting_collection = " AND o.channel_status = 'AWAITING_COLLECTION'",
	.label_printed = " AND o.label_printed_at IS NOT NULL",
	.label_not_printed = " AND o.label_printed_at IS NULL",
};

const struct batch_sql sql_order_lock = {
	"SELECT o.id, o.external_id, o.update_time, o.channel_status, o.create_time, o.buyer_name, o.has_live_slip, "
	"COALESCE(u.n, 0) FROM orders o LEFT JOIN order_unlinked u ON u.order_id = o.id "
	"WHERE o.connection_id = ? AND o.external_id IN (",
	"?", ") FOR UPDATE", 1,
};

const struct batch_sql sql_order_insert = {
	"INSERT INTO orders (merchant_id, connection_id, external_id, status, channel_status, create_time, update_time, "
	"paid_time, buyer_name, buyer_phone, buyer_phone_local, buyer_email, buyer_message, currency, sub_total, "
	"shipping_fee, seller_discount, platform_discount, tax, total_amount, original_total_product_price, "
	"original_shipping_fee, recipient_name, recipient_phone, full_address, address_detail, postal_code, region_code, "
	"shipping_provider, tracking_number, shipping_type, is_cod, cancel_reason, item_count, ship_by_time, item_names) "
	"VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", 36,
};

/* an order's TikTok packages as the order lists them (what is known of each is kept) */
const struct batch_sql sql_order_package_insert = {
	"INSERT INTO order_packages (merchant_id, order_id, connection_id, package_id) VALUES ",
	"(?, ?, ?, ?)", " ON DUPLICATE KEY UPDATE package_id = VALUES(package_id)", 4,
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

/* The order's row of order_unlinked (kept with every write of its lines and links), one probe of its primary key for
 * each order walked: a scalar subquery, since MariaDB would run [NOT] EXISTS as a scan of every merchant's rows. */
const char *const sql_order_has_unlinked =
	" AND (SELECT 1 FROM order_unlinked ou WHERE ou.order_id = o.id) IS NOT NULL";
const char *const sql_order_all_linked = " AND (SELECT 1 FROM order_unlinked ou WHERE ou.order_id = o.id) IS NULL";

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
	           "NOT EXISTS (SELECT 1 FROM order_unlinked ou WHERE ou.order_id = o.id), "
	           /* the last slip, looked up only for an order that ever had one */
	           "IF(o.slip_issued, (SELECT CONCAT(s.id, ' ', s.status, ' ', COALESCE(s.code, '')) FROM export_slips s "
	           "WHERE s.order_id = o.id ORDER BY s.id DESC LIMIT 1), NULL), o.ship_by_time, "
	           "UNIX_TIMESTAMP(o.label_printed_at), "
	           /* what a packer recognises an order by on a phone: its first lines' product names (written with the
	            * lines; sql/0049 for the rows stored before) */
	           "o.item_names",
	/* no filter of its own index (dates, shop, links): the date index, or the shop's; naming them spares planning
	 * the weighing of the other nine (docs/benchmarks.md has what it saves) */
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
	/* sql/0031: the shop and the channel are in these keys too, so a count reads no row */
	.by_phone = { " FROM orders o FORCE INDEX (ix_orders_merchant_phone) WHERE o.merchant_id = ?", "o.id", "o.create_time" },
	.by_status_phone = { " FROM orders o FORCE INDEX (ix_orders_merchant_status_phone) WHERE o.merchant_id = ?", "o.id",
	                     "o.create_time" },
	.from_words = { " FROM order_words w%s STRAIGHT_JOIN orders o ON o.id = w.order_id "
	                "WHERE w.merchant_id = ? AND w.word = ? AND w.create_time >= ? AND w.create_time < ? "
	                "AND o.merchant_id = ?",
	                "w.order_id", "w.create_time" },
	.walk_words = { " FROM (SELECT merchant_id, create_time, order_id, sig FROM order_words WHERE merchant_id = ? "
	                "AND word = ? AND create_time >= ? AND create_time < ? "
	                "ORDER BY create_time DESC, order_id DESC LIMIT " SEARCH_WALK_TEXT ") w%s "
	                "STRAIGHT_JOIN orders o ON o.id = w.order_id WHERE o.merchant_id = ?",
	                "w.order_id", "w.create_time" },
	.walk_words_only = { " FROM (SELECT merchant_id, create_time, order_id, sig FROM order_words WHERE merchant_id = ? "
	                     "AND word = ? AND create_time >= ? AND create_time < ? "
	                     "ORDER BY create_time DESC, order_id DESC LIMIT " SEARCH_WALK_TEXT ") w%s "
	                     "WHERE w.merchant_id = ?",
	                     "w.order_id", "w.create_time" },
	/* words and dates only: the entries alone give the page's ids (an entry is always of one of the merchant's orders,
	 * written with it), so the other words are checked on each entry before any order is read */
	.from_words_only = { " FROM order_words w%s WHERE w.merchant_id = ? AND w.word = ? AND w.create_time >= ? "
	                     "AND w.create_time < ? AND w.merchant_id = ?",
	                     "w.order_id", "w.create_time" },
	/* with a status: each entry looked up in the status key (sql/0031: it carries the shop, the channel and the phone
	 * too), a seventh of reading the order's row, and only the matches' rows are read for the page */
	.from_words_status = { " FROM order_words w%s STRAIGHT_JOIN orders o FORCE INDEX (ix_orders_merchant_status) "
	                       "ON o.merchant_id = w.merchant_id AND o.create_time = w.create_time AND o.id = w.order_id "
	                       "WHERE w.merchant_id = ? AND w.word = ? AND w.create_time >= ? AND w.create_time < ? "
	                       "AND o.merchant_id = ?",
	                       "w.order_id", "w.create_time" },
	.walk_words_status = { " FROM (SELECT merchant_id, create_time, order_id, sig FROM order_words WHERE merchant_id = ? "
	                       "AND word = ? AND create_time >= ? AND create_time < ? "
	                       "ORDER BY create_time DESC, order_id DESC LIMIT " SEARCH_WALK_TEXT ") w%s "
	                       "STRAIGHT_JOIN orders o FORCE INDEX (ix_orders_merchant_status) ON o.merchant_id = w.merchant_id "
	                       "AND o.create_time = w.create_time AND o.id = w.order_id WHERE o.merchant_id = ?",
	                       "w.order_id", "w.create_time" },
	/* sql/0034: the orders with an unlinked line by their create time, each order then read by its id (the list's
	 * other filters are on the order); left to choose, MariaDB would look each one up in a status key's range */
	.from_unlinked = { " FROM order_unlinked u FORCE INDEX (ix_order_unlinked_time) STRAIGHT_JOIN orders o "
	                   "FORCE INDEX (PRIMARY) ON o.id = u.order_id "
	                   "WHERE o.merchant_id = u.merchant_id AND u.merchant_id = ?",
	                   "u.order_id", "u.create_time" },
	/* "every item linked": joined to an orders source before its WHERE, and the orders without a row kept */
	.unlinked_join = " LEFT JOIN order_unlinked ou ON ou.order_id = o.id",
	.no_unlinked = " AND ou.order_id IS NULL",
	/* no filter but the dates: the key alone */
	.unlinked_only = { " FROM order_unlinked u FORCE INDEX (ix_order_unlinked_time) WHERE u.merchant_id = ?",
	                   "u.order_id", "u.create_time" },
	.word_count = "(SELECT COUNT(*) FROM (SELECT 1 FROM order_words WHERE merchant_id = ? AND word = ? "
	              "AND create_time >= ? AND create_time < ? LIMIT ?) t)",
	/* each other word of a name search: its entry of the same order joined to the lead's (at most one: the key),
	 * ahead of the orders, and its word in where; a join costs a tenth of an EXISTS run for each entry */
	.word_join = " STRAIGHT_JOIN order_words w%d ON w%d.merchant_id = w.merchant_id AND w%d.create_time = w.create_time "
	             "AND w%d.order_id = w.order_id",
	.word_also = " AND w%d.word = ?",
	/* the other words' signature (order_words.sig, sql/0035) on the lead's entry, checked before their joins: an
	 * entry lacking one of their bits lacks the word (the bits as a signed value: & reads them unsigned) */
	.word_sig = " AND (~w.sig & ?) = 0",
	.word_of_order = " AND EXISTS (SELECT 1 FROM order_words w2 WHERE w2.merchant_id = o.merchant_id AND w2.word = ? "
	                 "AND w2.create_time = o.create_time AND w2.order_id = o.id)",
	/* a name search's word weighed: the create time of its entry of a rank from the newest in the dates (NULL when
	 * it has fewer) */
	.word_rank = "(SELECT create_time FROM order_words WHERE merchant_id = ? AND word = ? AND create_time >= ? "
	             "AND create_time < ? ORDER BY create_time DESC LIMIT 1 OFFSET ?)",
	.status_count = "(SELECT COUNT(*) FROM (SELECT 1 FROM orders FORCE INDEX (ix_orders_merchant_status) "
	                "WHERE merchant_id = ? AND status = ? AND create_time >= ? AND create_time < ? LIMIT ?) t)",
	.counts = "SELECT CAST(COALESCE(SUM(n), 0) AS SIGNED) FROM order_counts WHERE merchant_id = ?",
	.counts_linked = "SELECT CAST(COALESCE((SELECT SUM(n) FROM order_counts WHERE merchant_id = ?), 0) - "
	                 "COALESCE((SELECT SUM(n) FROM overview_counts WHERE merchant_id = ? "
	                 "AND counter = 'orders_unlinked'), 0) AS SIGNED)",
	.count_channel = " AND channel = ?",
	.count_connection = " AND connection_id = ?",
	.count_status = " AND status = ?",
	.day_counts = "SELECT CAST(COALESCE(SUM(orders), 0) AS SIGNED) FROM order_days WHERE merchant_id = ?",
	/* the same days of one status, with or without a live slip (sql/0030: kept with every order stored) */
	.status_day_counts = "SELECT CAST(COALESCE(SUM(no_slip + with_slip), 0) AS SIGNED) FROM order_slip_days "
	                     "WHERE merchant_id = ? AND status = ?",
	.day_connection = " AND connection_id = ?",
	.day_from = " AND day >= ?",
	.day_to = " AND day < ?",
};

const struct batch_sql sql_order_count_add = {
	"INSERT INTO order_counts (merchant_id, channel, connection_id, status, n) VALUES ",
	"(?, ?, ?, ?, ?)", " ON DUPLICATE KEY UPDATE n = n + VALUES(n)", 5,
};

/* sig is sent as a signed value of the same bits (the parameters are signed), read back into its unsigned bits; an
 * entry there already takes the name's signature */
const struct batch_sql sql_order_words_insert = {
	"INSERT IGNORE INTO order_words (merchant_id, word, create_time, order_id, sig) VALUES ", "(?, ?, ?, ?, CAST(? AS UNSIGNED))",
	" ON DUPLICATE KEY UPDATE sig = VALUES(sig)", 5,
};

const struct batch_sql sql_order_words_delete = { /* merchant_id, create_time, order_id, then the words */
	"DELETE FROM order_words WHERE merchant_id = ? AND create_time = ? AND order_id = ? AND word IN (", "?", ")", 1,
};
