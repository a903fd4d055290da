/* TikTok 202309 order objects: payment, recipient address, packages and one line item per unit. */
#include "tt_order_json.h"
#include "tt.h"
#include "tt_package.h"
#include "ff.h"
#include "sb_sql.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

int tt_order_lines(struct request *r, const struct db_rows *orders, int n, struct db_rows *lines)
{
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = db_cell_i64(orders, i, SB_ORDER_ROW_ID);
	const char *json_ids = sb_json_ids(r->arena, ids, n);
	struct db_param p[] = { P_STR(json_ids) };
	return db_query(r->db, r->arena, SB_LINES_OF_ORDERS, p, 1, lines);
}

static void opt_time(struct jw *w, const char *key, const char *v)
{
	if (v != NULL)
		jw_int(w, key, strtoll(v, NULL, 10));
}

static void write_payment(struct request *r, struct jw *w, const struct db_rows *o, int i)
{
	const char *cur = db_cell(o, i, SB_ORDER_ROW_CURRENCY);
	struct { const char *key; int col; } f[] = {
		{ "sub_total", SB_ORDER_ROW_SUB_TOTAL },
		{ "shipping_fee", SB_ORDER_ROW_SHIPPING_FEE },
		{ "seller_discount", SB_ORDER_ROW_SELLER_DISCOUNT },
		{ "platform_discount", SB_ORDER_ROW_PLATFORM_DISCOUNT },
		{ "total_amount", SB_ORDER_ROW_TOTAL_AMOUNT },
		{ "original_total_product_price", SB_ORDER_ROW_ORIGINAL_PRODUCT_TOTAL },
		{ "original_shipping_fee", SB_ORDER_ROW_ORIGINAL_SHIPPING_FEE },
		{ "shipping_fee_seller_discount", SB_ORDER_ROW_SHIPPING_SELLER_DISCOUNT },
		{ "shipping_fee_platform_discount", SB_ORDER_ROW_SHIPPING_PLATFORM_DISCOUNT },
		{ "tax", SB_ORDER_ROW_TAX },
	};
	jw_obj_open(w, "payment");
	jw_str(w, "currency", cur);
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
		jw_str(w, f[k].key, sb_money(r->arena, db_cell_i64(o, i, f[k].col), cur));
	jw_obj_close(w);
}

static void district_level(struct jw *w, const char *level, const char *level_name, const char *name)
{
	jw_obj_open(w, NULL);
	jw_str(w, "address_level", level);
	jw_str(w, "address_level_name", level_name);
	jw_str(w, "address_name", name);
	jw_obj_close(w);
}

static void write_recipient(struct request *r, struct jw *w, const struct db_rows *o, int i)
{
	const char *detail = db_cell(o, i, SB_ORDER_ROW_ADDRESS_DETAIL), *ward = db_cell(o, i, SB_ORDER_ROW_WARD);
	const char *district = db_cell(o, i, SB_ORDER_ROW_DISTRICT), *province = db_cell(o, i, SB_ORDER_ROW_PROVINCE);
	const char *region = db_cell(o, i, SB_ORDER_ROW_REGION);
	const char *country = strcmp(region, "VN") == 0 ? "Việt Nam" : region;
	jw_obj_open(w, "recipient_address");
	jw_str(w, "name", db_cell(o, i, SB_ORDER_ROW_RECIPIENT_NAME));
	jw_str(w, "phone_number", db_cell(o, i, SB_ORDER_ROW_RECIPIENT_PHONE));
	jw_str(w, "full_address", arena_printf(r->arena, "%s, %s, %s, %s, %s", detail, ward, district, province, country));
	jw_str(w, "address_detail", detail);
	jw_str(w, "address_line1", detail);
	jw_str(w, "address_line2", ward);
	jw_str(w, "address_line3", district);
	jw_str(w, "address_line4", province);
	jw_str(w, "postal_code", db_cell(o, i, SB_ORDER_ROW_POSTAL_CODE));
	jw_str(w, "region_code", region);
	jw_arr_open(w, "district_info");
	district_level(w, "L0", "Country", country);
	district_level(w, "L1", "Province", province);
	district_level(w, "L2", "District", district);
	district_level(w, "L3", "Ward", ward);
	jw_arr_close(w);
	jw_obj_close(w);
}

/* A package's line items carry its tracking number and carrier once shipment is arranged. */
static void write_lines(struct request *r, struct jw *w, const struct db_rows *o, int i,
                        const struct db_rows *l, const char *package_id)
{
	const char *order_id = db_cell(o, i, SB_ORDER_ROW_ID), *cur = db_cell(o, i, SB_ORDER_ROW_CURRENCY);
	const char *status = db_cell(o, i, SB_ORDER_ROW_STATUS);
	const char *package_status = tt_package_status(o, i), *rts = db_cell(o, i, SB_ORDER_ROW_RTS_TIME);
	const char *tracking = db_cell(o, i, SB_ORDER_ROW_TRACKING_NUMBER);
	const char *provider = db_cell(o, i, SB_ORDER_ROW_SHIPPING_PROVIDER);
	int arranged = *tracking != '\0';
	jw_arr_open(w, "line_items");
	for (int k = 0; k < l->nrows; k++) {
		if (strcmp(db_cell(l, k, SB_LINES_OF_ORDERS_ORDER_ID), order_id) != 0)
			continue;
		const char *sku = sb_ext(r->arena, ID_SKU, db_cell_i64(l, k, SB_LINES_OF_ORDERS_SKU_ID));
		jw_obj_open(w, NULL);
		jw_str(w, "id", sb_ext(r->arena, ID_LINE, db_cell_i64(l, k, SB_LINES_OF_ORDERS_ID)));
		jw_str(w, "sku_id", sku);
		jw_str(w, "product_id", sb_ext(r->arena, ID_PRODUCT, db_cell_i64(l, k, SB_LINES_OF_ORDERS_PRODUCT_ID)));
		jw_str(w, "product_name", db_cell(l, k, SB_LINES_OF_ORDERS_PRODUCT_NAME));
		jw_str(w, "sku_name", db_cell(l, k, SB_LINES_OF_ORDERS_SKU_NAME));
		jw_str(w, "sku_image", arena_printf(r->arena, "%s/sandbox/images/sku/%s.svg", r->cfg->sandbox_url, sku));
		jw_str(w, "seller_sku", db_cell(l, k, SB_LINES_OF_ORDERS_SELLER_SKU));
		jw_str(w, "original_price", sb_money(r->arena, db_cell_i64(l, k, SB_LINES_OF_ORDERS_ORIGINAL_PRICE), cur));
		jw_str(w, "seller_discount", sb_money(r->arena, db_cell_i64(l, k, SB_LINES_OF_ORDERS_SELLER_DISCOUNT), cur));
		jw_str(w, "platform_discount", sb_money(r->arena, db_cell_i64(l, k, SB_LINES_OF_ORDERS_PLATFORM_DISCOUNT), cur));
		jw_str(w, "sale_price", sb_money(r->arena, db_cell_i64(l, k, SB_LINES_OF_ORDERS_SALE_PRICE), cur));
		jw_str(w, "currency", cur);
		jw_str(w, "display_status", status);
		jw_str(w, "sku_type", "NORMAL");
		jw_bool(w, "is_gift", db_cell_i64(l, k, SB_LINES_OF_ORDERS_IS_GIFT) != 0);
		if (package_id != NULL) {
			jw_str(w, "package_id", package_id);
			jw_str(w, "package_status", package_status);
		}
		jw_str(w, "tracking_number", tracking);
		jw_str(w, "shipping_provider_name", arranged ? provider : "");
		jw_str(w, "shipping_provider_id", arranged ? ff_provider_id(r->arena, provider) : "");
		opt_time(w, "rts_time", rts);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_order(struct request *r, struct jw *w, const struct db_rows *o, int i, const struct db_rows *l)
{
	int64_t id = db_cell_i64(o, i, SB_ORDER_ROW_ID);
	const char *status = db_cell(o, i, SB_ORDER_ROW_STATUS);
	const char *paid = db_cell(o, i, SB_ORDER_ROW_PAID_TIME);
	const char *package_id = tt_package_status(o, i) != NULL ? sb_ext(r->arena, ID_PACKAGE, id) : NULL;
	const char *provider = db_cell(o, i, SB_ORDER_ROW_SHIPPING_PROVIDER);
	jw_obj_open(w, NULL);
	jw_str(w, "id", sb_ext(r->arena, ID_ORDER, id));
	jw_str(w, "status", status);
	jw_int(w, "create_time", db_cell_i64(o, i, SB_ORDER_ROW_CREATE_TIME));
	jw_int(w, "update_time", db_cell_i64(o, i, SB_ORDER_ROW_UPDATE_TIME));
	opt_time(w, "paid_time", paid);
	jw_str(w, "buyer_email", db_cell(o, i, SB_ORDER_ROW_BUYER_EMAIL));
	jw_str(w, "buyer_message", db_cell(o, i, SB_ORDER_ROW_BUYER_MESSAGE));
	jw_str(w, "user_id", db_cell(o, i, SB_ORDER_ROW_BUYER_USER_ID));
	jw_str(w, "cancel_reason", db_cell(o, i, SB_ORDER_ROW_CANCEL_REASON));
	opt_time(w, "cancel_time", db_cell(o, i, SB_ORDER_ROW_CANCEL_TIME));
	jw_bool(w, "is_buyer_request_cancel", db_cell_i64(o, i, SB_ORDER_ROW_BUYER_REQUEST_CANCEL) != 0);
	jw_str(w, "shipping_provider", provider);
	jw_str(w, "shipping_provider_id", ff_provider_id(r->arena, provider));
	jw_str(w, "tracking_number", db_cell(o, i, SB_ORDER_ROW_TRACKING_NUMBER));
	if (paid != NULL) {
		jw_int(w, "rts_sla_time", strtoll(paid, NULL, 10) + TT_RTS_SLA);
		jw_int(w, "shipping_due_time", strtoll(paid, NULL, 10) + TT_RTS_SLA);
		jw_int(w, "collection_due_time", strtoll(paid, NULL, 10) + TT_COLLECTION_SLA);
	}
	opt_time(w, "rts_time", db_cell(o, i, SB_ORDER_ROW_RTS_TIME));
	opt_time(w, "collection_time", db_cell(o, i, SB_ORDER_ROW_COLLECTION_TIME));
	jw_str(w, "shipping_type", db_cell(o, i, SB_ORDER_ROW_SHIPPING_TYPE));
	jw_str(w, "delivery_type", "HOME_DELIVERY");
	jw_str(w, "fulfillment_type", "FULFILLMENT_BY_SELLER");
	jw_str(w, "warehouse_id", sb_ext(r->arena, ID_WAREHOUSE, db_cell_i64(o, i, SB_ORDER_ROW_WAREHOUSE_ID)));
	jw_bool(w, "is_cod", db_cell_i64(o, i, SB_ORDER_ROW_IS_COD) != 0);
	jw_bool(w, "is_on_hold_order", db_cell_i64(o, i, SB_ORDER_ROW_IS_ON_HOLD) != 0);
	jw_bool(w, "is_sample_order", 0);
	jw_str(w, "payment_method_name", db_cell_i64(o, i, SB_ORDER_ROW_IS_COD) != 0 ? "Thanh toán khi nhận hàng" : "Thẻ tín dụng/Ghi nợ");
	jw_arr_open(w, "packages");
	if (package_id != NULL) {
		jw_obj_open(w, NULL);
		jw_str(w, "id", package_id);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	write_payment(r, w, o, i);
	write_recipient(r, w, o, i);
	write_lines(r, w, o, i, l, package_id);
	jw_obj_close(w);
}

void tt_write_orders(struct request *r, struct jw *w, const struct db_rows *orders, int n,
                     const struct db_rows *lines)
{
	jw_arr_open(w, "orders");
	for (int i = 0; i < n; i++)
		write_order(r, w, orders, i, lines);
	jw_arr_close(w);
}
