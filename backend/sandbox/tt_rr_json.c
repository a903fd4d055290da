/* Writing TikTok's cancellation and return objects (search answers, control answers) from request rows and their
 * lines: ids, statuses, reasons in the caller's locale, the seller's next action and deadline, refund amounts. */
#include "tt_rr.h"
#include "rr.h"
#include "tt.h"
#include "sb.h"
#include "sb_sql.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

/* Line item ids of requests: their own range, one per order line. */
#define ID_REQUEST_LINE 4035320742111000000LL

int tt_rr_begin(struct request *r, struct tt_call *c)
{
	if (tt_begin(r, TT_SHOP, c) != 0)
		return -1;
	if (rr_expire_due(r->db, r->arena, c->now) < 0) {
		tt_fail_db(r);
		return -1;
	}
	return 0;
}

int tt_rr_lines(struct request *r, const struct db_rows *rows, int n, struct db_rows *lines)
{
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = db_cell_i64(rows, i, SB_AS_ROW_ID);
	struct db_param p[] = { P_STR(sb_json_ids(r->arena, ids, n)) };
	return db_query(r->db, r->arena, SB_AS_LINES_OF, p, 1, lines) < 0 ? -1 : 0;
}

static void refund(struct request *r, struct jw *w, const char *currency, int64_t subtotal, int64_t shipping)
{
	jw_obj_open(w, "refund_amount");
	jw_str(w, "currency", currency);
	jw_str(w, "refund_total", sb_money(r->arena, subtotal + shipping, currency));
	jw_str(w, "refund_subtotal", sb_money(r->arena, subtotal, currency));
	jw_str(w, "refund_shipping_fee", sb_money(r->arena, shipping, currency));
	jw_str(w, "refund_tax", sb_money(r->arena, 0, currency));
	jw_obj_close(w);
}

void tt_rr_write(struct request *r, struct jw *w, const struct db_rows *q, int i, const struct db_rows *lines,
                 const char *locale)
{
	int cancel = *db_cell(q, i, SB_AS_ROW_KIND) == RR_CANCEL;
	int64_t id = db_cell_i64(q, i, SB_AS_ROW_ID);
	const char *reason = db_cell(q, i, SB_AS_ROW_REASON);
	const char *currency = db_cell(q, i, SB_AS_ROW_CURRENCY);
	const char *tracking = db_cell(q, i, SB_AS_ROW_RETURN_TRACKING_NUMBER);
	jw_obj_open(w, NULL);
	jw_str(w, cancel ? "cancel_id" : "return_id", sb_ext(r->arena, cancel ? ID_CANCEL : ID_RETURN, id));
	jw_str(w, "order_id", sb_ext(r->arena, ID_ORDER, db_cell_i64(q, i, SB_AS_ROW_ORDER_ID)));
	jw_str(w, cancel ? "cancel_type" : "return_type", db_cell(q, i, SB_AS_ROW_TYPE));
	jw_str(w, cancel ? "cancel_status" : "return_status", db_cell(q, i, SB_AS_ROW_STATUS));
	jw_str(w, "role", db_cell(q, i, SB_AS_ROW_ROLE));
	jw_str(w, cancel ? "cancel_reason" : "return_reason", reason);
	jw_str(w, cancel ? "cancel_reason_text" : "return_reason_text", rr_reason_text(reason, locale));
	if (!cancel) {
		jw_str(w, "arbitration_status", "");
		jw_str(w, "shipment_type", "PLATFORM");
		jw_str(w, "handover_method", "DROP_OFF");
		jw_str(w, "return_tracking_number", tracking);
		jw_str(w, "return_provider_name", *tracking != '\0' ? db_cell(q, i, SB_AS_ROW_SHIPPING_PROVIDER) : "");
	}
	jw_int(w, "create_time", db_cell_i64(q, i, SB_AS_ROW_CREATE_TIME));
	jw_int(w, "update_time", db_cell_i64(q, i, SB_AS_ROW_UPDATE_TIME));
	jw_arr_open(w, "seller_next_action_response");
	const char *action = db_cell(q, i, SB_AS_ROW_NEXT_ACTION);
	if (action != NULL) {
		jw_obj_open(w, NULL);
		jw_str(w, "action", action);
		jw_int(w, "deadline", db_cell_i64(q, i, SB_AS_ROW_DEADLINE));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	refund(r, w, currency, db_cell_i64(q, i, SB_AS_ROW_REFUND_SUBTOTAL), db_cell_i64(q, i, SB_AS_ROW_REFUND_SHIPPING_FEE));
	jw_arr_open(w, cancel ? "cancel_line_items" : "return_line_items");
	for (int k = 0; k < lines->nrows; k++) {
		if (db_cell_i64(lines, k, SB_AS_LINES_OF_REQUEST_ID) != id)
			continue;
		int64_t line = db_cell_i64(lines, k, SB_AS_LINES_OF_LINE_ID);
		const char *sku = sb_ext(r->arena, ID_SKU, db_cell_i64(lines, k, SB_AS_LINES_OF_SKU_ID));
		jw_obj_open(w, NULL);
		jw_str(w, cancel ? "cancel_line_item_id" : "return_line_item_id", sb_ext(r->arena, ID_REQUEST_LINE, line));
		jw_str(w, "order_line_item_id", sb_ext(r->arena, ID_LINE, line));
		jw_str(w, "sku_id", sku);
		jw_str(w, "sku_name", db_cell(lines, k, SB_AS_LINES_OF_SKU_NAME));
		jw_str(w, "product_name", db_cell(lines, k, SB_AS_LINES_OF_PRODUCT_NAME));
		jw_str(w, "seller_sku", db_cell(lines, k, SB_AS_LINES_OF_SELLER_SKU));
		jw_obj_open(w, "product_image");
		jw_str(w, "url", arena_printf(r->arena, "%s/sandbox/images/sku/%s.svg", r->cfg->sandbox_url, sku));
		jw_int(w, "width", 200);
		jw_int(w, "height", 200);
		jw_obj_close(w);
		refund(r, w, currency, db_cell_i64(lines, k, SB_AS_LINES_OF_SALE_PRICE), 0);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}
