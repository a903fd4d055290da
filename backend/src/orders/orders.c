/* Orders: the list's page (its query is order_filter.c's), one order in full, the status mapping table. */
#include "api/common.h"
#include "api/money.h"
#include "api/handlers.h"
#include "orders/order_filter.h"
#include "products/order_links.h"
#include "orders/order_page.h"
#include "stock/order_slips.h"
#include "fulfillment/packages.h"
#include "after_sales/after_sales.h"
#include "api/read_cache.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>
#include "orders/order_status.h"
#include "stock/stock.h"

/* The summary columns id .. buyer_phone, which the list and STMT_ORDER_GET select alike (checked here). */
_Static_assert((int)ORDER_LIST_ID == (int)ORDER_ID, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_CHANNEL == (int)ORDER_CHANNEL, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_CONNECTION_ID == (int)ORDER_CONNECTION_ID, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_SHOP_NAME == (int)ORDER_SHOP_NAME, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_EXTERNAL_ID == (int)ORDER_EXTERNAL_ID, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_STATUS == (int)ORDER_STATUS, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_CHANNEL_STATUS == (int)ORDER_CHANNEL_STATUS, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_CREATE_TIME == (int)ORDER_CREATE_TIME, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_UPDATE_TIME == (int)ORDER_UPDATE_TIME, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_BUYER_NAME == (int)ORDER_BUYER_NAME, "the list and STMT_ORDER_GET share the summary columns");
_Static_assert((int)ORDER_LIST_BUYER_PHONE == (int)ORDER_BUYER_PHONE, "the list and STMT_ORDER_GET share the summary columns");
static void write_summary(struct jw *w, const struct db_rows *rows, int i)
{
	jw_int(w, "id", db_cell_i64(rows, i, ORDER_LIST_ID));
	jw_str(w, "channel", db_cell(rows, i, ORDER_LIST_CHANNEL));
	jw_int(w, "connection_id", db_cell_i64(rows, i, ORDER_LIST_CONNECTION_ID));
	jw_str(w, "shop_name", db_cell(rows, i, ORDER_LIST_SHOP_NAME));
	jw_str(w, "external_id", db_cell(rows, i, ORDER_LIST_EXTERNAL_ID));
	jw_str(w, "status", db_cell(rows, i, ORDER_LIST_STATUS));
	jw_str(w, "channel_status", db_cell(rows, i, ORDER_LIST_CHANNEL_STATUS));
	jw_time(w, "created_at", db_cell_i64(rows, i, ORDER_LIST_CREATE_TIME));
	jw_time(w, "updated_at", db_cell_i64(rows, i, ORDER_LIST_UPDATE_TIME));
	jw_str(w, "buyer_name", db_cell(rows, i, ORDER_LIST_BUYER_NAME));
	jw_str(w, "buyer_phone", db_cell(rows, i, ORDER_LIST_BUYER_PHONE));
}

/* The first ORDER_ITEM_NAMES product names of the order's lines, as the list's row holds them. */
static void write_item_names(struct jw *w, const char *joined)
{
	jw_arr_open(w, "item_names");
	const char *p = joined;
	for (int n = 0; p != NULL && *p != '\0' && n < ORDER_ITEM_NAMES; n++) {
		const char *nl = strchr(p, '\x1f');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		jw_strn(w, NULL, p, len);
		p = nl != NULL ? nl + 1 : NULL;
	}
	jw_arr_close(w);
}

static void write_list_item(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	write_summary(w, rows, i);
	jw_money(w, "total_amount", db_cell(rows, i, ORDER_LIST_TOTAL_AMOUNT));
	jw_str(w, "currency", db_cell(rows, i, ORDER_LIST_CURRENCY));
	jw_int(w, "item_count", db_cell_i64(rows, i, ORDER_LIST_ITEM_COUNT));
	jw_bool(w, "all_linked", db_cell_i64(rows, i, ORDER_LIST_ALL_LINKED) && db_cell_i64(rows, i, ORDER_LIST_ITEM_COUNT) > 0);
	order_slip_summary(w, db_cell(rows, i, ORDER_LIST_EXPORT_SLIP));
	jw_time(w, "ship_by", db_cell_i64(rows, i, ORDER_LIST_SHIP_BY));
	jw_time(w, "label_printed_at", db_cell_i64(rows, i, ORDER_LIST_LABEL_PRINTED_AT));
	write_item_names(w, db_cell(rows, i, ORDER_LIST_ITEM_NAMES));
	jw_obj_close(w);
}

/* The page of q asked for (order_page_answer). */
static int answer_page(struct request *r, struct order_page_query *q, const struct page *pg, const char *cursor)
{
	q->page = pg->page;
	q->per_page = pg->per_page;
	q->cursor = cursor;
	return order_page_answer(r, q, write_list_item);
}

void h_order_list(struct request *r)
{
	struct jr j;
	struct order_filter f;
	struct page pg;
	int oldest;
	const char *cursor;
	if (read_filter(r, &j, &f, &pg, &oldest, &cursor) != 0)
		return;
	int64_t version;
	const char *key = arena_printf(r->arena, "orders?%s", r->query);
	if (read_cache_answer(r, key, &version))
		return;
	struct order_page_query q;
	f.number_later = 1; /* a short phone prefix: one statement fewer, planned again in the rare case it is wrong */
	if (!order_list_plan(r, &f, oldest, &q))
		return;
	if (answer_page(r, &q, &pg, cursor) != 0) { /* the digits were an order's number too */
		if (!order_list_replan(r, &f, oldest, &q))
			return;
		answer_page(r, &q, &pg, cursor);
	}
	read_cache_keep(r, key, version);
}

static void write_lines(struct jw *w, const struct db_rows *l, const struct db_rows *links)
{
	jw_arr_open(w, "lines");
	for (int i = 0; i < l->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "sku_id", db_cell(l, i, ORDER_LINE_SKU_ID));
		jw_str(w, "product_id", db_cell(l, i, ORDER_LINE_PRODUCT_ID));
		jw_str(w, "seller_sku", db_cell(l, i, ORDER_LINE_SELLER_SKU));
		jw_str(w, "product_name", db_cell(l, i, ORDER_LINE_PRODUCT_NAME));
		jw_str(w, "sku_name", db_cell(l, i, ORDER_LINE_SKU_NAME));
		jw_str(w, "image_url", db_cell(l, i, ORDER_LINE_IMAGE_URL));
		jw_int(w, "quantity", db_cell_i64(l, i, ORDER_LINE_QUANTITY));
		jw_money(w, "unit_price", db_cell(l, i, ORDER_LINE_UNIT_PRICE));
		jw_money(w, "original_price", db_cell(l, i, ORDER_LINE_ORIGINAL_PRICE));
		order_line_link_write(w, links, i);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_history(struct jw *w, const struct db_rows *h)
{
	jw_arr_open(w, "history");
	for (int i = 0; i < h->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "status", db_cell(h, i, ORDER_HISTORY_STATUS));
		jw_str(w, "channel_status", db_cell(h, i, ORDER_HISTORY_CHANNEL_STATUS));
		jw_time(w, "changed_at", db_cell_i64(h, i, ORDER_HISTORY_UPDATE_TIME));
		jw_time(w, "recorded_at", db_cell_i64(h, i, ORDER_HISTORY_RECORDED_AT));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void h_order_get(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows o, l, h, links;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_ORDER_GET, p, 2, &o) : 0;
	if (n < 0 || (n > 0 && (db_query(r->db, r->arena, STMT_ORDER_LINES, p, 2, &l) < 0 ||
	                        db_query(r->db, r->arena, STMT_ORDER_HISTORY, p, 2, &h) < 0 ||
	                        order_links_load(r, id, &links) < 0))) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such order.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	write_summary(&w, &o, 0);
	jw_str(&w, "shop_code", db_cell(&o, 0, ORDER_SHOP_CODE));
	jw_str(&w, "region", db_cell(&o, 0, ORDER_REGION));
	jw_time(&w, "paid_at", db_cell_i64(&o, 0, ORDER_PAID_TIME));
	jw_str(&w, "buyer_email", db_cell(&o, 0, ORDER_BUYER_EMAIL));
	jw_str(&w, "buyer_message", db_cell(&o, 0, ORDER_BUYER_MESSAGE));
	jw_str(&w, "currency", db_cell(&o, 0, ORDER_CURRENCY));
	jw_money(&w, "total_amount", db_cell(&o, 0, ORDER_TOTAL_AMOUNT));
	jw_int(&w, "item_count", db_cell_i64(&o, 0, ORDER_ITEM_COUNT));
	jw_bool(&w, "all_linked", order_links_all_linked(&links));
	jw_obj_open(&w, "payment");
	/* original_total_product_price - seller_discount - platform_discount + original_shipping_fee
	 * - shipping_discount + tax = total_amount (sub_total and shipping_fee are after their discounts) */
	static const struct { const char *name; int col; } money[] = {
		{ "sub_total", ORDER_SUB_TOTAL }, { "shipping_fee", ORDER_SHIPPING_FEE },
		{ "seller_discount", ORDER_SELLER_DISCOUNT }, { "platform_discount", ORDER_PLATFORM_DISCOUNT },
		{ "tax", ORDER_TAX }, { "total_amount", ORDER_TOTAL_AMOUNT },
		{ "original_total_product_price", ORDER_ORIGINAL_TOTAL_PRODUCT_PRICE },
		{ "original_shipping_fee", ORDER_ORIGINAL_SHIPPING_FEE }, { "shipping_discount", ORDER_SHIPPING_DISCOUNT },
	};
	jw_str(&w, "currency", db_cell(&o, 0, ORDER_CURRENCY));
	for (size_t k = 0; k < sizeof(money) / sizeof(money[0]); k++)
		jw_money(&w, money[k].name, db_cell(&o, 0, money[k].col));
	jw_obj_close(&w);
	jw_obj_open(&w, "recipient");
	jw_str(&w, "name", db_cell(&o, 0, ORDER_RECIPIENT_NAME));
	jw_str(&w, "phone", db_cell(&o, 0, ORDER_RECIPIENT_PHONE));
	jw_str(&w, "full_address", db_cell(&o, 0, ORDER_FULL_ADDRESS));
	jw_str(&w, "address_detail", db_cell(&o, 0, ORDER_ADDRESS_DETAIL));
	jw_str(&w, "postal_code", db_cell(&o, 0, ORDER_POSTAL_CODE));
	jw_str(&w, "region_code", db_cell(&o, 0, ORDER_REGION_CODE));
	jw_obj_close(&w);
	jw_obj_open(&w, "shipping");
	jw_str(&w, "provider", db_cell(&o, 0, ORDER_SHIPPING_PROVIDER));
	jw_str(&w, "tracking_number", db_cell(&o, 0, ORDER_TRACKING_NUMBER));
	jw_str(&w, "type", db_cell(&o, 0, ORDER_SHIPPING_TYPE));
	jw_bool(&w, "is_cod", db_cell_i64(&o, 0, ORDER_IS_COD));
	jw_obj_close(&w);
	jw_str(&w, "cancel_reason", db_cell(&o, 0, ORDER_CANCEL_REASON));
	write_lines(&w, &l, &links);
	write_history(&w, &h);
	if (order_slips_write(r, &w, id, db_cell(&o, 0, ORDER_STATUS)) < 0 || fulfillment_write(r, &w, id) < 0 ||
	    as_write_of_order(r, &w, "after_sales", id) < 0) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_order_statuses(struct request *r)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (size_t i = 0; i < order_nstatuses; i++) {
		const struct order_status *s = &order_statuses[i];
		jw_obj_open(&w, NULL);
		jw_str(&w, "code", s->code);
		jw_str(&w, "vi", s->vi);
		jw_str(&w, "en", s->en);
		jw_bool(&w, "allows_export_slip", slip_allowed_status(s->code));
		jw_arr_open(&w, "tiktok_statuses");
		for (int k = 0; s->tiktok[k] != NULL; k++)
			jw_str(&w, NULL, s->tiktok[k]);
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
