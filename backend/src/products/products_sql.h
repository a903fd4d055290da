/* Statement ids and result columns of products and channel SKUs; the SQL is in products_sql.c. Read columns by these names. */
#ifndef PRODUCTS_PRODUCTS_SQL_H
#define PRODUCTS_PRODUCTS_SQL_H

#include "db/batch.h"

#define PRODUCTS_STATEMENTS \
	STMT_PRODUCT_INSERT, STMT_PRODUCT_GET, STMT_PRODUCT_LIST, STMT_PRODUCT_COUNT, STMT_PRODUCT_UPDATE, \
	STMT_PRODUCT_LOCK, STMT_PRODUCT_DELETE, STMT_PRODUCT_BY_SKU, STMT_PRODUCT_LINKED_SKUS, STMT_MERCHANT_LOCK, \
	STMT_CSKU_GET, STMT_CSKU_LIST, STMT_CSKU_COUNT, STMT_CSKU_LOCK, STMT_CSKU_LINK, STMT_CSKU_UNLINK, \
	STMT_CSKU_AUTOLINK_CANDIDATES, STMT_ORDER_LINE_LINKS, STMT_ORDER_CSKU_IDS, STMT_PRODUCT_SHARE

/* Products and links: result columns by name. */
/* STMT_PRODUCT_GET, STMT_PRODUCT_LIST */
enum product_col {
	PRODUCT_ID, PRODUCT_NAME, PRODUCT_SKU, PRODUCT_UNIT, PRODUCT_PRICE, PRODUCT_IMAGE_URL, PRODUCT_CREATED_AT,
	PRODUCT_UPDATED_AT, PRODUCT_LINKED_SKUS, PRODUCT__NCOLS
};
enum product_linked_col { PRODUCT_LINKED_ID, PRODUCT_LINKED_SELLER_SKU, PRODUCT_LINKED_SKU_ID, PRODUCT_LINKED__NCOLS };
/* STMT_CSKU_GET, STMT_CSKU_LIST */
enum csku_col {
	CSKU_ID, CSKU_CONNECTION_ID, CSKU_SKU_ID, CSKU_TT_PRODUCT_ID, CSKU_SELLER_SKU, CSKU_NAME, CSKU_SKU_NAME,
	CSKU_IMAGE_URL, CSKU_PRICE, CSKU_CURRENCY, CSKU_SHOP_NAME, CSKU_PRODUCT_ID, CSKU_PRODUCT_NAME,
	CSKU_PRODUCT_SKU, CSKU_PRODUCT_UNIT, CSKU_PRODUCT_IMAGE_URL, CSKU__NCOLS
};
enum csku_lock_col { CSKU_LOCK_ID, CSKU_LOCK_PRODUCT_ID, CSKU_LOCK__NCOLS };
/* STMT_CSKU_AUTOLINK_CANDIDATES */
enum csku_autolink_col {
	CSKU_AUTOLINK_ID, CSKU_AUTOLINK_SELLER_SKU, CSKU_AUTOLINK_NAME, CSKU_AUTOLINK_SKU_NAME,
	CSKU_AUTOLINK_IMAGE_URL, CSKU_AUTOLINK_PRICE, CSKU_AUTOLINK_MATCHES, CSKU_AUTOLINK_PRODUCT_ID,
	CSKU_AUTOLINK__NCOLS
};
/* STMT_ORDER_LINE_LINKS, in the order of STMT_ORDER_LINES */
enum line_link_col {
	LINE_LINK_CHANNEL_SKU_ID, LINE_LINK_PRODUCT_ID, LINE_LINK_PRODUCT_NAME, LINE_LINK_PRODUCT_SKU,
	LINE_LINK_PRODUCT_UNIT, LINE_LINK_PRODUCT_IMAGE_URL, LINE_LINK__NCOLS
};
enum csku_ids_col { CSKU_IDS_ID, CSKU_IDS_SKU_ID, CSKU_IDS__NCOLS }; /* sql_channel_sku_ids */
/* Channel SKUs seen in stored orders (first sight kept) and pulled from TikTok's catalog (refreshed). */
extern const struct batch_sql sql_channel_sku_seen;   /* merchant, connection, sku_id, tt product, seller_sku,
                                                         name, sku name, image, price, currency */
extern const struct batch_sql sql_channel_sku_pulled; /* the same ten */
extern const struct batch_sql sql_channel_sku_ids;    /* connection_id, then sku ids */

#endif
