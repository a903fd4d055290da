/* TikTok orders: search (paged) and detail, read into typed structs with lines grouped per SKU. */
#ifndef TIKTOK_ORDERS_H
#define TIKTOK_ORDERS_H
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_line {
	const char *sku_id, *product_id, *seller_sku, *product_name, *sku_name, *image_url;
	const char *sale_price, *original_price;
	int quantity;            /* TikTok sends one line item per unit: counted here */
};

struct tt_order {
	const char *id, *status;
	int64_t create_time, update_time, paid_time;
	const char *buyer_email, *buyer_message, *cancel_reason;
	const char *shipping_provider, *tracking_number, *shipping_type;
	int is_cod;
	const char *currency, *sub_total, *shipping_fee, *seller_discount, *platform_discount, *tax, *total_amount,
		*original_total_product_price, *original_shipping_fee;
	const char *recipient_name, *recipient_phone, *full_address, *address_detail, *postal_code, *region_code;
	int64_t ship_by;         /* rts_sla_time: ship before it (0: none given) */
	const char **packages;   /* TikTok's package ids */
	int npackages;
	struct tt_line *lines;
	int nlines;              /* distinct SKUs */
	int item_count;          /* units */
};

struct tt_order_query {
	int64_t create_time_ge, create_time_lt;   /* 0: no bound */
	int64_t update_time_ge, update_time_lt;
	const char *sort_field;                   /* "create_time" or "update_time" */
	int page_size;                            /* 1..100 */
	const char *page_token;                   /* NULL or "" for the first page */
};

struct tt_order_page {
	struct tt_order *orders;
	int norders;
	const char *next_page_token;              /* "" on the last page */
	int64_t total_count;
};

/* Orders whose create, update or paid time (when paid) lies outside this range are dropped and logged:
 * no real order is from before 2010 or after 2100, and such times overflow and sort first forever. */
#define TT_TIME_MIN 1262304000           /* 2010-01-01 */
#define TT_TIME_MAX 4102444800LL         /* 2100-01-01 */

/* Reads the order list of a search or detail answer in res->data; an order without id or status makes it
 * TT_ERR_MALFORMED. */
enum tt_status tt_order_page_read(struct arena *a, struct tt_order_page *out, struct tt_result *res);

/* POST /order/202309/orders/search, ascending. An order without id or status makes it TT_ERR_MALFORMED. */
enum tt_status tt_orders_search(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                const struct tt_order_query *q, struct arena *a, struct tt_order_page *out,
                                struct tt_result *res);
/* GET /order/202309/orders?ids= (at most 50). */
enum tt_status tt_orders_get(struct tt_client *c, const char *shop_cipher, const char *access_token,
                             const char *const *ids, int nids, struct arena *a, struct tt_order_page *out,
                             struct tt_result *res);

#endif
