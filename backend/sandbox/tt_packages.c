/* GET /fulfillment/202309/packages/{package_id} (package detail), .../handover_time_slots, and
 * GET /fulfillment/202309/orders/{order_id}/tracking: reads of a package and its carrier's events. */
#include "tt.h"
#include "tt_package.h"
#include "tt_order_json.h"
#include "ff.h"
#include "handlers.h"
#include "sb_sql.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

int tt_package_find(struct request *r, const struct tt_call *c, const char *package_id, int lock, struct db_rows *rows)
{
	int64_t id = sb_row(package_id, ID_PACKAGE);
	struct db_param p[] = { P_I64(id), P_I64(c->shop_id) };
	int n = id > 0 ? db_query(r->db, r->arena, lock ? SB_ORDER_LOCK : SB_ORDER_OF_SHOP, p, 2, rows) : 0;
	if (n < 0)
		return -1;
	return n > 0 && tt_package_status(rows, 0) != NULL;
}

int64_t tt_package_row(struct request *r, const struct tt_call *c, const char *package_id, int lock,
                       struct db_rows *rows)
{
	int found = tt_package_find(r, c, package_id, lock, rows);
	if (found < 0)
		tt_fail_db(r);
	else if (found == 0)
		tt_fail(r, FF_PACKAGE_NOT_FOUND, arena_printf(r->arena, "Package %s does not exist", package_id));
	return found > 0 ? sb_row(package_id, ID_PACKAGE) : 0;
}

const char *tt_package_status(const struct db_rows *o, int i)
{
	return ff_package_status(db_cell(o, i, SB_ORDER_ROW_STATUS), db_cell(o, i, SB_ORDER_ROW_PAID_TIME) != NULL);
}

void tt_package_contents(struct request *r, struct jw *w, const struct db_rows *o, int i, const struct db_rows *l)
{
	const char *order_id = db_cell(o, i, SB_ORDER_ROW_ID);
	jw_arr_open(w, "order_line_item_ids");
	for (int k = 0; k < l->nrows; k++)
		if (strcmp(db_cell(l, k, SB_LINES_OF_ORDERS_ORDER_ID), order_id) == 0)
			jw_str(w, NULL, sb_ext(r->arena, ID_LINE, db_cell_i64(l, k, SB_LINES_OF_ORDERS_ID)));
	jw_arr_close(w);
	jw_arr_open(w, "orders");
	jw_obj_open(w, NULL);
	jw_str(w, "id", sb_ext(r->arena, ID_ORDER, db_cell_i64(o, i, SB_ORDER_ROW_ID)));
	jw_arr_open(w, "skus");
	/* lines come ordered by id and one per unit: the units of a SKU are counted where it first appears */
	for (int k = 0; k < l->nrows; k++) {
		if (strcmp(db_cell(l, k, SB_LINES_OF_ORDERS_ORDER_ID), order_id) != 0)
			continue;
		const char *sku = db_cell(l, k, SB_LINES_OF_ORDERS_SKU_ID);
		int seen = 0, qty = 0;
		for (int m = 0; m < l->nrows; m++) {
			if (strcmp(db_cell(l, m, SB_LINES_OF_ORDERS_ORDER_ID), order_id) != 0 ||
			    strcmp(db_cell(l, m, SB_LINES_OF_ORDERS_SKU_ID), sku) != 0)
				continue;
			seen |= m < k;
			qty++;
		}
		if (seen)
			continue;
		const char *ext = sb_ext(r->arena, ID_SKU, db_cell_i64(l, k, SB_LINES_OF_ORDERS_SKU_ID));
		jw_obj_open(w, NULL);
		jw_str(w, "id", ext);
		jw_str(w, "name", db_cell(l, k, SB_LINES_OF_ORDERS_SKU_NAME));
		jw_str(w, "image_url", arena_printf(r->arena, "%s/sandbox/images/sku/%s.svg", r->cfg->sandbox_url, ext));
		jw_int(w, "quantity", qty);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
	jw_arr_close(w);
}

static void address(struct jw *w, const char *key, const char *name, const char *phone, const char *detail,
                    const char *line2, const char *line3, const char *line4, const char *full, const char *postal,
                    const char *region)
{
	jw_obj_open(w, key);
	jw_str(w, "name", name);
	jw_str(w, "phone_number", phone);
	jw_str(w, "address_detail", detail);
	jw_str(w, "address_line1", detail);
	jw_str(w, "address_line2", line2);
	jw_str(w, "address_line3", line3);
	jw_str(w, "address_line4", line4);
	jw_str(w, "full_address", full);
	jw_str(w, "postal_code", postal);
	jw_str(w, "region_code", region);
	jw_obj_close(w);
}

static void opt_int(struct jw *w, const char *key, const char *v)
{
	if (v != NULL)
		jw_int(w, key, strtoll(v, NULL, 10));
}

void h_tt_package_get(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	struct db_rows o, lines, wh;
	if (tt_package_row(r, &c, r->params[0], 0, &o) == 0)
		return;
	struct db_param pw[] = { P_I64(db_cell_i64(&o, 0, SB_ORDER_ROW_WAREHOUSE_ID)) };
	if (tt_order_lines(r, &o, 1, &lines) < 0 || db_query(r->db, r->arena, SB_WAREHOUSE_GET, pw, 1, &wh) <= 0) {
		tt_fail_db(r);
		return;
	}
	const char *provider = db_cell(&o, 0, SB_ORDER_ROW_SHIPPING_PROVIDER);
	const char *method = db_cell(&o, 0, SB_ORDER_ROW_HANDOVER_METHOD);
	const char *region = db_cell(&o, 0, SB_ORDER_ROW_REGION);
	const char *detail = db_cell(&o, 0, SB_ORDER_ROW_ADDRESS_DETAIL), *ward = db_cell(&o, 0, SB_ORDER_ROW_WARD);
	const char *district = db_cell(&o, 0, SB_ORDER_ROW_DISTRICT), *province = db_cell(&o, 0, SB_ORDER_ROW_PROVINCE);
	const char *street = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_ADDRESS);
	const char *wdistrict = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_DISTRICT);
	const char *city = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_CITY);
	int multi = 0; /* a line of another SKU than the first */
	for (int k = 1; k < lines.nrows; k++)
		multi |= strcmp(db_cell(&lines, k, SB_LINES_OF_ORDERS_SKU_ID), db_cell(&lines, 0, SB_LINES_OF_ORDERS_SKU_ID)) != 0;
	struct jw w;
	tt_open(r, &w);
	jw_str(&w, "package_id", r->params[0]);
	jw_str(&w, "package_status", tt_package_status(&o, 0));
	tt_package_contents(r, &w, &o, 0, &lines);
	jw_bool(&w, "has_multi_skus", multi);
	jw_str(&w, "handover_method", method != NULL ? method : "");
	if (method != NULL && strcmp(method, "PICKUP") == 0) {
		jw_obj_open(&w, "pickup_slot");
		opt_int(&w, "start_time", db_cell(&o, 0, SB_ORDER_ROW_PICKUP_START));
		opt_int(&w, "end_time", db_cell(&o, 0, SB_ORDER_ROW_PICKUP_END));
		jw_obj_close(&w);
	}
	jw_str(&w, "shipping_type", db_cell(&o, 0, SB_ORDER_ROW_SHIPPING_TYPE));
	jw_str(&w, "shipping_provider_name", provider);
	jw_str(&w, "shipping_provider_id", ff_provider_id(r->arena, provider));
	jw_str(&w, "tracking_number", db_cell(&o, 0, SB_ORDER_ROW_TRACKING_NUMBER));
	jw_str(&w, "last_mile_tracking_number", "");
	jw_str(&w, "delivery_option_id", "7129736315545716526");
	jw_str(&w, "delivery_option_name", "Tiêu chuẩn");
	jw_str(&w, "split_and_combine_tag", "DEFAULT");
	jw_str(&w, "note_tag", *db_cell(&o, 0, SB_ORDER_ROW_BUYER_MESSAGE) != '\0' ? "BUYER_NOTED" : "BUYER_UNNOTED");
	jw_int(&w, "create_time", db_cell_i64(&o, 0, SB_ORDER_ROW_PAID_TIME));
	jw_int(&w, "update_time", db_cell_i64(&o, 0, SB_ORDER_ROW_UPDATE_TIME));
	jw_obj_open(&w, "weight");
	jw_str(&w, "value", arena_printf(r->arena, "%d", 250 * lines.nrows));
	jw_str(&w, "unit", "GRAM");
	jw_obj_close(&w);
	jw_obj_open(&w, "dimension");
	jw_str(&w, "length", "20");
	jw_str(&w, "width", "15");
	jw_str(&w, "height", arena_printf(r->arena, "%d", 5 + 3 * lines.nrows));
	jw_str(&w, "unit", "CM");
	jw_obj_close(&w);
	address(&w, "recipient_address", db_cell(&o, 0, SB_ORDER_ROW_RECIPIENT_NAME), db_cell(&o, 0, SB_ORDER_ROW_RECIPIENT_PHONE),
	        detail, ward, district, province,
	        arena_printf(r->arena, "%s, %s, %s, %s", detail, ward, district, province),
	        db_cell(&o, 0, SB_ORDER_ROW_POSTAL_CODE), region);
	address(&w, "sender_address", db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_CONTACT), db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_PHONE),
	        street, wdistrict, city, "", arena_printf(r->arena, "%s, %s, %s", street, wdistrict, city),
	        db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_POSTAL_CODE), region);
	tt_send(r, &c, &w);
}

void h_tt_package_slots(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	struct db_rows o;
	if (tt_package_row(r, &c, r->params[0], 0, &o) == 0)
		return;
	struct ff_slot s[FF_MAX_SLOTS];
	int n = ff_slots(c.now, c.region, s);
	struct jw w;
	tt_open(r, &w);
	jw_bool(&w, "can_pickup", 1);
	jw_bool(&w, "can_drop_off", 1);
	jw_bool(&w, "can_van_collection", 0);
	jw_str(&w, "drop_off_point_url", "");
	jw_arr_open(&w, "pickup_slots");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "start_time", s[i].start);
		jw_int(&w, "end_time", s[i].end);
		jw_bool(&w, "avaliable", 1); /* TikTok's spelling */
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}

void h_tt_order_tracking(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	int64_t id = sb_row(r->params[0], ID_ORDER);
	struct db_param p[] = { P_I64(id), P_I64(c.shop_id) };
	struct db_param pt[] = { P_I64(id) };
	struct db_rows o, ev;
	int n = id > 0 ? db_query(r->db, r->arena, SB_ORDER_OF_SHOP, p, 2, &o) : 0;
	if (n < 0 || (n > 0 && db_query(r->db, r->arena, SB_TRACKING_OF_ORDER, pt, 1, &ev) < 0)) {
		tt_fail_db(r);
		return;
	}
	if (n == 0) {
		tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid order_id: order %s does not exist", r->params[0]));
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "tracking");
	for (int i = 0; i < ev.nrows; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "description", db_cell(&ev, i, SB_TRACKING_OF_ORDER_DESCRIPTION));
		jw_int(&w, "update_time_millis", db_cell_i64(&ev, i, SB_TRACKING_OF_ORDER_TIME_MS));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
