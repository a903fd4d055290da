/* SQL of products, channel SKUs and their links: its statements by id (enum stmt), each with its result columns;
 * times go out as Unix seconds (the session is UTC). */
#include "statements.h"

#define PRODUCT_COLS "SELECT p.id, p.name, p.sku, p.unit, CAST(p.price AS CHAR), p.image_url, UNIX_TIMESTAMP(p.created_at), " \
	"UNIX_TIMESTAMP(p.updated_at), (SELECT COUNT(*) FROM channel_skus cs WHERE cs.merchant_id = p.merchant_id " \
	"AND cs.product_id = p.id) FROM products p "
#define CHANNEL_SKU_COLS                                                                                        \
	"SELECT cs.id, cs.connection_id, cs.sku_id, cs.tt_product_id, cs.seller_sku, cs.product_name, cs.sku_name, " \
	"cs.image_url, CAST(cs.price AS CHAR), cs.currency, c.shop_name, p.id, p.name, p.sku, p.unit, p.image_url " \
	"FROM channel_skus cs JOIN connections c ON c.id = cs.connection_id LEFT JOIN products p ON p.id = cs.product_id "
#define CHANNEL_SKU_WHERE                                                                                       \
	"WHERE cs.merchant_id = ? AND (? IS NULL OR cs.connection_id = ?) "                                          \
	"AND (? IS NULL OR (cs.product_id IS NOT NULL) = ?) "                                                          \
	"AND (? IS NULL OR cs.product_id = ?) " \
	"AND (? IS NULL OR cs.seller_sku LIKE CONCAT('%', ?, '%') OR cs.product_name LIKE CONCAT('%', ?, '%') " \
	"OR cs.sku_name LIKE CONCAT('%', ?, '%') OR cs.sku_id = ?)"

const struct sql_statement products_sql[STMT__MAX] = {
	/* search_text is the name and sku folded by the app (products/fold.h) */
	[STMT_PRODUCT_INSERT] = {
		.text = "INSERT INTO products (merchant_id, name, sku, unit, price, image_url, search_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
	},
	[STMT_PRODUCT_GET] = {
		.ncols = PRODUCT__NCOLS,
		.text = PRODUCT_COLS "WHERE p.id = ? AND p.merchant_id = ?",
	},
	/* q folded like search_text, LIKE wildcards escaped */
	[STMT_PRODUCT_LIST] = {
		.ncols = PRODUCT__NCOLS,
		.text = PRODUCT_COLS "WHERE p.merchant_id = ? AND (? IS NULL OR p.search_text LIKE CONCAT('%', ?, '%')) "
		        "ORDER BY p.id DESC LIMIT ? OFFSET ?",
	},
	[STMT_PRODUCT_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM products p WHERE p.merchant_id = ? AND (? IS NULL OR p.search_text LIKE CONCAT('%', ?, '%'))",
	},
	[STMT_PRODUCT_UPDATE] = {
		.text = "UPDATE products SET name = ?, sku = ?, unit = ?, price = ?, image_url = ?, search_text = ?, "
		        "updated_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	},
	/* the product exists for this merchant and stays until commit */
	[STMT_PRODUCT_LOCK] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM products WHERE id = ? AND merchant_id = ? FOR UPDATE",
	},
	[STMT_PRODUCT_DELETE] = {
		.text = "DELETE FROM products WHERE id = ? AND merchant_id = ?",
	},
	/* sku compares without case (the column's collation) */
	[STMT_PRODUCT_BY_SKU] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM products WHERE merchant_id = ? AND sku = ? AND id <> ?",
	},
	/* what keeps a product from being deleted */
	[STMT_PRODUCT_LINKED_SKUS] = {
		.ncols = PRODUCT_LINKED__NCOLS,
		.text = "SELECT id, seller_sku, sku_id FROM channel_skus WHERE merchant_id = ? AND product_id = ? ORDER BY id LIMIT 20",
	},
	/* link changes of one merchant run one at a time: the row is written (made if new) and held to the commit */
	[STMT_LINK_LOCK] = {
		.text = "INSERT INTO link_locks (merchant_id) VALUES (?) ON DUPLICATE KEY UPDATE merchant_id = merchant_id",
	},
	[STMT_CHANNEL_SKU_GET] = {
		.ncols = CHANNEL_SKU__NCOLS,
		.text = CHANNEL_SKU_COLS "WHERE cs.id = ? AND cs.merchant_id = ?",
	},
	/* connection, linked (0/1), product, q (5 times: seller_sku, names, sku_id) */
	[STMT_CHANNEL_SKU_LIST] = {
		.ncols = CHANNEL_SKU__NCOLS,
		.text = CHANNEL_SKU_COLS CHANNEL_SKU_WHERE " ORDER BY cs.id DESC LIMIT ? OFFSET ?",
	},
	[STMT_CHANNEL_SKU_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM channel_skus cs " CHANNEL_SKU_WHERE,
	},
	[STMT_CHANNEL_SKU_LOCK] = {
		.ncols = CHANNEL_SKU_LOCK__NCOLS,
		.text = "SELECT id, product_id FROM channel_skus WHERE id = ? AND merchant_id = ? FOR UPDATE",
	},
	/* product_id, id, merchant */
	[STMT_CHANNEL_SKU_LINK] = {
		.text = "UPDATE channel_skus SET product_id = ?, linked_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ?",
	},
	[STMT_CHANNEL_SKU_UNLINK] = {
		.text = "UPDATE channel_skus SET product_id = NULL, linked_at = NULL WHERE id = ? AND merchant_id = ?",
	},
	/* unlinked SKUs (of a connection, of a list of ids), with the products whose sku equals their trimmed
	 * seller_sku (case ignored by the collation) */
	[STMT_CHANNEL_SKU_AUTOLINK_CANDIDATES] = {
		.ncols = CHANNEL_SKU_AUTOLINK__NCOLS,
		.text = "SELECT cs.id, TRIM(cs.seller_sku), cs.product_name, cs.sku_name, cs.image_url, CAST(cs.price AS CHAR), "
		        "(SELECT COUNT(*) FROM products p WHERE p.merchant_id = cs.merchant_id AND p.sku = TRIM(cs.seller_sku)), "
		        "(SELECT MIN(p.id) FROM products p WHERE p.merchant_id = cs.merchant_id AND p.sku = TRIM(cs.seller_sku)) "
		        "FROM channel_skus cs WHERE cs.merchant_id = ? AND cs.product_id IS NULL AND (? IS NULL OR cs.connection_id = ?) "
		        "AND (? IS NULL OR FIND_IN_SET(cs.id, ?) > 0) ORDER BY cs.id FOR UPDATE",
	},
	/* each line's channel SKU and product, in the order of STMT_ORDER_LINES */
	[STMT_ORDER_LINE_LINKS] = {
		.ncols = LINE_LINK__NCOLS,
		.text = "SELECT ol.channel_sku_id, p.id, p.name, p.sku, p.unit, p.image_url FROM order_lines ol "
		        "LEFT JOIN channel_skus cs ON cs.id = ol.channel_sku_id LEFT JOIN products p ON p.id = cs.product_id "
		        "WHERE ol.order_id = ? AND ol.merchant_id = ? ORDER BY ol.id",
	},
	/* the channel SKUs of an order */
	[STMT_ORDER_CSKU_IDS] = {
		.ncols = ID__NCOLS,
		.text = "SELECT DISTINCT channel_sku_id FROM order_lines WHERE order_id = ? AND merchant_id = ? AND channel_sku_id IS NOT NULL",
	},
	/* the product exists for this merchant and cannot be deleted until commit */
	[STMT_PRODUCT_SHARE] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM products WHERE id = ? AND merchant_id = ? LOCK IN SHARE MODE",
	},
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

/* locked against a link change until the orders whose lines name them (and count them unlinked) are stored */
const struct batch_sql sql_channel_sku_ids = {
	"SELECT id, sku_id, product_id IS NULL FROM channel_skus WHERE connection_id = ? AND sku_id IN (", "?",
	") LOCK IN SHARE MODE", 1,
};
