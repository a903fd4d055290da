/* How an export slip reads in JSON: the list item, the full slip, and the warning of a slip whose order TikTok cancelled. */
#include "api/common.h"
#include "api/money.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

/* A code for the merchant to act on, or NULL: the order was cancelled on TikTok after the slip. */
static const char *slip_warning(const struct db_rows *s, int i, int64_t quantity, int64_t returned)
{
	const char *status = db_cell(s, i, SLIP_STATUS);
	if (strcmp(db_cell(s, i, SLIP_ORDER_STATUS), "cancelled") != 0)
		return NULL;
	if (strcmp(status, "awaiting_export") == 0)
		return "order_cancelled_cancel_slip";
	if (strcmp(status, "exported") == 0 && returned < quantity)
		return "order_cancelled_return_goods";
	return NULL;
}

static int write_lines(struct request *r, struct jw *w, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows l;
	if (db_query(r->db, r->arena, STMT_SLIP_LINES, p, 2, &l) < 0)
		return -1;
	jw_arr_open(w, "lines");
	for (int k = 0; k < l.nrows; k++) {
		jw_obj_open(w, NULL);
		jw_int(w, "product_id", db_cell_i64(&l, k, SLIP_LINE_PRODUCT_ID));
		jw_str(w, "name", db_cell(&l, k, SLIP_LINE_NAME));
		jw_str(w, "sku", db_cell(&l, k, SLIP_LINE_SKU));
		jw_str(w, "unit", db_cell(&l, k, SLIP_LINE_UNIT));
		jw_int(w, "quantity", db_cell_i64(&l, k, SLIP_LINE_QUANTITY));
		jw_int(w, "returned", db_cell_i64(&l, k, SLIP_LINE_RETURNED));
		jw_money(w, "amount", db_cell(&l, k, SLIP_LINE_AMOUNT));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	return 0;
}

static int write_returns(struct request *r, struct jw *w, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rc;
	if (db_query(r->db, r->arena, STMT_SLIP_RECEIPTS, p, 2, &rc) < 0)
		return -1;
	jw_arr_open(w, "returns");
	for (int k = 0; k < rc.nrows; k++)
		if (write_receipt(r, w, &rc, k) < 0)
			return -1;
	jw_arr_close(w);
	return 0;
}

/* The slip's own fields, its order and warehouse (the object is left open). */
static void write_head(struct jw *w, const char *key, const struct db_rows *s, int i, int64_t quantity, int64_t returned)
{
	jw_obj_open(w, key);
	jw_int(w, "id", db_cell_i64(s, i, SLIP_ID));
	jw_str(w, "code", db_cell(s, i, SLIP_CODE));
	jw_int(w, "order_id", db_cell_i64(s, i, SLIP_ORDER_ID));
	jw_int(w, "warehouse_id", db_cell_i64(s, i, SLIP_WAREHOUSE_ID));
	jw_str(w, "status", db_cell(s, i, SLIP_STATUS));
	jw_str(w, "warning", slip_warning(s, i, quantity, returned));
	jw_int(w, "quantity", quantity);
	jw_int(w, "returned", returned);
	jw_time(w, "created_at", db_cell_i64(s, i, SLIP_CREATED_AT));
	jw_time(w, "exported_at", db_cell_i64(s, i, SLIP_EXPORTED_AT));
	jw_time(w, "cancelled_at", db_cell_i64(s, i, SLIP_CANCELLED_AT));
	jw_str(w, "created_by", db_cell(s, i, SLIP_CREATED_BY));
	jw_obj_open(w, "order");
	jw_int(w, "id", db_cell_i64(s, i, SLIP_ORDER_ID));
	jw_str(w, "external_id", db_cell(s, i, SLIP_ORDER_EXTERNAL_ID));
	jw_str(w, "status", db_cell(s, i, SLIP_ORDER_STATUS));
	jw_str(w, "buyer_name", db_cell(s, i, SLIP_BUYER_NAME));
	jw_obj_close(w);
	jw_obj_open(w, "warehouse");
	jw_int(w, "id", db_cell_i64(s, i, SLIP_WAREHOUSE_ID));
	jw_str(w, "name", db_cell(s, i, SLIP_WAREHOUSE_NAME));
	jw_str(w, "code", db_cell(s, i, SLIP_WAREHOUSE_CODE));
	jw_str(w, "address", db_cell(s, i, SLIP_WAREHOUSE_ADDRESS));
	jw_obj_close(w);
}

/* full: 0 the list item, 1 with lines and returns. */
int write_slip(struct request *r, struct jw *w, const char *key, const struct db_rows *s, int i, int full)
{
	int64_t id = db_cell_i64(s, i, SLIP_ID);
	write_head(w, key, s, i, db_cell_i64(s, i, SLIP_QUANTITY), db_cell_i64(s, i, SLIP_RETURNED));
	if (full) {
		jw_str(w, "merchant_name", db_cell(s, i, SLIP_MERCHANT_NAME));
		if (write_lines(r, w, id) < 0)
			return -1;
		/* only an exported slip can have return receipts */
		if (strcmp(db_cell(s, i, SLIP_STATUS), "exported") != 0) {
			jw_arr_open(w, "returns");
			jw_arr_close(w);
		} else if (write_returns(r, w, id) < 0) {
			return -1;
		}
	}
	jw_obj_close(w);
	return 0;
}

void answer_slip(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_SLIP_GET, p, 2, &s) : 0;
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such export slip.");
		return;
	}
	struct jw w;
	jw_init(&w);
	if (n < 0 || write_slip(r, &w, NULL, &s, 0, 1) < 0) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	resp_json(r, status, &w);
	jw_free(&w);
}

/* One read for the slip and its lines; a slip this request just changed has no return receipts yet. */
void answer_new_slip(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	if (db_query(r->db, r->arena, STMT_SLIP_FULL, p, 2, &s) <= 0) {
		fail_db(r); /* it was committed by this request: it has lines */
		return;
	}
	int64_t quantity = 0, returned = 0;
	for (int k = 0; k < s.nrows; k++) {
		quantity += db_cell_i64(&s, k, SLIP_FULL_QUANTITY);
		returned += db_cell_i64(&s, k, SLIP_FULL_RETURNED);
	}
	struct jw w;
	jw_init(&w);
	write_head(&w, NULL, &s, 0, quantity, returned);
	jw_str(&w, "merchant_name", db_cell(&s, 0, SLIP_MERCHANT_NAME));
	jw_arr_open(&w, "lines");
	for (int k = 0; k < s.nrows; k++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "product_id", db_cell_i64(&s, k, SLIP_FULL_PRODUCT_ID));
		jw_str(&w, "name", db_cell(&s, k, SLIP_FULL_NAME));
		jw_str(&w, "sku", db_cell(&s, k, SLIP_FULL_SKU));
		jw_str(&w, "unit", db_cell(&s, k, SLIP_FULL_UNIT));
		jw_int(&w, "quantity", db_cell_i64(&s, k, SLIP_FULL_QUANTITY));
		jw_int(&w, "returned", db_cell_i64(&s, k, SLIP_FULL_RETURNED));
		jw_money(&w, "amount", db_cell(&s, k, SLIP_FULL_AMOUNT));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_arr_open(&w, "returns");
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_slip_get(struct request *r)
{
	answer_slip(r, 200, req_param_id(r, 0));
}

static void write_list_item(struct jw *w, const struct db_rows *rows, int i)
{
	write_slip(NULL, w, NULL, rows, i, 0);
}

static const char *const slip_statuses[] = { "awaiting_export", "exported", "cancelled" };

void h_slip_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *status = query_str(&q, r, "status", 32);
	int known = status == NULL;
	for (int k = 0; k < 3 && !known; k++)
		known = strcmp(status, slip_statuses[k]) == 0;
	if (!known)
		jr_reject_allowed(&q, "status", "awaiting_export,exported,cancelled", "must be awaiting_export, exported or cancelled");
	int64_t wh = query_int(&q, r, "warehouse_id", 1, INT64_MAX, 0);
	const char *s = query_str(&q, r, "q", 100);
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param p[9] = { P_I64(r->auth.merchant_id), P_STR(status), wh > 0 ? P_I64(wh) : P_NULL, P_STR(s),
		                 P_STR(s), P_STR(s), P_STR(like_text(r->arena, s)) };
	answer_list(r, &pg, STMT_SLIP_COUNT, STMT_SLIP_LIST, p, 7, write_list_item);
}
