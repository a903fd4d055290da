/* Creating an export slip from an order (guide 1.9.3.3): the rules, then available down and awaiting export up. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

const char *const slip_order_statuses[SLIP_ORDER_STATUS_COUNT] = { "processing", "packing", "shipping", "delivered",
	                                                               "completed" };

int slip_allowed_status(const char *status)
{
	for (int k = 0; k < SLIP_ORDER_STATUS_COUNT; k++)
		if (strcmp(status, slip_order_statuses[k]) == 0)
			return 1;
	return 0;
}

struct slip_new {
	int64_t order_id, warehouse_id, id;
};

static int refuse_status(struct request *r, const char *status)
{
	struct jw w;
	err_open(&w, "order_status_not_allowed",
	         "An export slip can only be added to an order that is processing, packing, shipping, delivered or "
	         "completed.");
	jw_str(&w, "status", status);
	jw_arr_open(&w, "allowed_statuses");
	for (int k = 0; k < SLIP_ORDER_STATUS_COUNT; k++)
		jw_str(&w, NULL, slip_order_statuses[k]);
	jw_arr_close(&w);
	err_close(r, &w, 409);
	return 0;
}

/* Every line must be linked to a product: the error lists those that are not. */
static int refuse_unlinked(struct request *r, const struct db_rows *l)
{
	struct jw w;
	err_open(&w, "order_items_unlinked",
	         "Some items of this order are not linked to a product yet; sync products (Đồng bộ sản phẩm) first.");
	jw_arr_open(&w, "items");
	for (int i = 0; i < l->nrows; i++) {
		if (db_cell(l, i, SLIP_CREATE_CHECK_PRODUCT_ID) != NULL)
			continue;
		jw_obj_open(&w, NULL);
		if (db_cell(l, i, SLIP_CREATE_CHECK_CHANNEL_SKU_ID) != NULL)
			jw_int(&w, "channel_sku_id", db_cell_i64(l, i, SLIP_CREATE_CHECK_CHANNEL_SKU_ID));
		else
			jw_null(&w, "channel_sku_id");
		jw_str(&w, "sku_id", db_cell(l, i, SLIP_CREATE_CHECK_SKU_ID));
		jw_str(&w, "seller_sku", db_cell(l, i, SLIP_CREATE_CHECK_SELLER_SKU));
		jw_str(&w, "product_name", db_cell(l, i, SLIP_CREATE_CHECK_PRODUCT_NAME));
		jw_str(&w, "sku_name", db_cell(l, i, SLIP_CREATE_CHECK_SKU_NAME));
		jw_int(&w, "quantity", db_cell_i64(l, i, SLIP_CREATE_CHECK_QUANTITY));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 422);
	return 0;
}

/* The distinct linked products of the order's lines; 0 when a line is unlinked. */
static int products_of(const struct db_rows *l)
{
	int count = 0;
	for (int i = 0; i < l->nrows; i++) {
		if (db_cell(l, i, SLIP_CREATE_CHECK_PRODUCT_ID) == NULL)
			return 0;
		int seen = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = strcmp(db_cell(l, k, SLIP_CREATE_CHECK_PRODUCT_ID), db_cell(l, i, SLIP_CREATE_CHECK_PRODUCT_ID)) == 0;
		count += !seen;
	}
	return count;
}

/* Refuses with every shortage of the slip's lines (`st`: the locked stock rows, product order). */
static int refuse_short(struct request *r, const struct slip_new *sn, const struct db_rows *st)
{
	struct db_param p[] = { P_I64(sn->id), P_I64(r->auth.merchant_id) };
	struct db_rows l;
	if (db_query(r->db, r->arena, STMT_SLIP_LINES, p, 2, &l) != st->nrows)
		return -1;
	struct jw w;
	err_open(&w, "insufficient_stock", "The warehouse does not have enough available stock for this order.");
	jw_int(&w, "warehouse_id", sn->warehouse_id);
	jw_arr_open(&w, "shortages");
	for (int i = 0; i < st->nrows; i++) {
		int64_t need = db_cell_i64(st, i, SLIP_STOCK_LOCK_QUANTITY), have = db_cell_i64(st, i, SLIP_STOCK_LOCK_AVAILABLE);
		if (have >= need)
			continue;
		jw_obj_open(&w, NULL);
		jw_int(&w, "product_id", db_cell_i64(st, i, SLIP_STOCK_LOCK_PRODUCT_ID));
		jw_str(&w, "name", db_cell(&l, i, SLIP_LINE_NAME));
		jw_str(&w, "sku", db_cell(&l, i, SLIP_LINE_SKU));
		jw_int(&w, "required", need);
		jw_int(&w, "available", have);
		jw_int(&w, "missing", need - have);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 409);
	return 0;
}

/* The order already has a live slip: 409 with that slip. */
static int refuse_live_slip(struct request *r, int64_t slip_id, const char *status, const char *code)
{
	struct jw w;
	err_open(&w, "export_slip_exists", "This order already has an export slip that is not cancelled.");
	jw_int(&w, "export_slip_id", slip_id);
	jw_str(&w, "code", code);
	jw_str(&w, "status", status);
	err_close(r, &w, 409);
	return 0;
}

/* A creation that committed first made the order's live slip: 409 with it, or TX_CHANGED when that slip has been
 * cancelled since (the order may get a slip now). */
static int refuse_live(struct request *r, int64_t order_id)
{
	struct db_param po[] = { P_I64(order_id), P_I64(r->auth.merchant_id) };
	struct db_rows live;
	int n = db_query(r->db, r->arena, STMT_SLIP_LIVE_FOR_ORDER, po, 2, &live);
	if (n <= 0)
		return n < 0 ? -1 : TX_CHANGED;
	return refuse_live_slip(r, db_cell_i64(&live, 0, SLIP_LIVE_ID), db_cell(&live, 0, SLIP_LIVE_STATUS),
	                        db_cell(&live, 0, SLIP_LIVE_CODE));
}

static int refuse_warehouse(struct request *r)
{
	struct jr j;
	query_errors_init(&j, r);
	jr_reject(&j, "warehouse_id", JR_not_found, "no such warehouse");
	resp_invalid(r, &j);
	return 0;
}

/* Reserves the slip's lines (available − qty, awaiting export + qty, never below zero) with their ledger rows:
 * the stock rows are locked in product order first, so racing slips wait rather than deadlock. */
static int reserve(struct request *r, const struct slip_new *sn, int count)
{
	int64_t mid = r->auth.merchant_id;
	struct db_param pl[] = { P_I64(sn->warehouse_id), P_I64(sn->id), P_I64(mid) };
	struct db_rows st;
	if (db_query(r->db, r->arena, STMT_SLIP_STOCK_LOCK, pl, 3, &st) != count)
		return -1;
	for (int i = 0; i < count; i++)
		if (db_cell(&st, i, SLIP_STOCK_LOCK_AVAILABLE) == NULL ||
		    db_cell_i64(&st, i, SLIP_STOCK_LOCK_AVAILABLE) < db_cell_i64(&st, i, SLIP_STOCK_LOCK_QUANTITY))
			return refuse_short(r, sn, &st);
	if (slip_stock_change(r, sn->id, 0, -1, 1, "slip_create") != count)
		return -1;
	/* the number last: the merchant's counter row is held from here to the commit, not while stock is locked */
	char code[DOC_CODE_SIZE];
	if (doc_number_take(r, DOC_SLIP, code) < 0)
		return -1;
	struct db_param pc[] = { P_STR(code), P_I64(sn->id), P_I64(mid) };
	return db_exec(r->db, STMT_SLIP_SET_CODE, pc, 3, NULL) == 1 ? 1 : -1;
}

static int create_body(struct request *r, void *ctx)
{
	struct slip_new *sn = ctx;
	int64_t mid = r->auth.merchant_id;
	struct db_param pc[] = { P_I64(sn->warehouse_id), P_I64(sn->order_id), P_I64(mid) };
	struct db_rows l;
	int k = db_query(r->db, r->arena, STMT_SLIP_CREATE_CHECK, pc, 3, &l);
	if (k <= 0) {
		if (k < 0)
			return -1;
		if ((k = warehouse_owned(r, sn->warehouse_id)) <= 0)
			return k < 0 ? -1 : refuse_warehouse(r);
		resp_error(r, 404, "not_found", "No such order.");
		return 0;
	}
	if (db_cell(&l, 0, SLIP_CREATE_CHECK_WAREHOUSE_ID) == NULL)
		return refuse_warehouse(r);
	if (!slip_allowed_status(db_cell(&l, 0, SLIP_CREATE_CHECK_STATUS)))
		return refuse_status(r, db_cell(&l, 0, SLIP_CREATE_CHECK_STATUS));
	/* the live slip as the check saw it: reading it again could find it cancelled since */
	if (db_cell(&l, 0, SLIP_CREATE_CHECK_LIVE_ID) != NULL)
		return refuse_live_slip(r, db_cell_i64(&l, 0, SLIP_CREATE_CHECK_LIVE_ID),
		                        db_cell(&l, 0, SLIP_CREATE_CHECK_LIVE_STATUS), db_cell(&l, 0, SLIP_CREATE_CHECK_LIVE_CODE));
	if (db_cell(&l, 0, SLIP_CREATE_CHECK_QUANTITY) == NULL) {
		resp_error(r, 409, "order_has_no_items", "This order has no items to export.");
		return 0;
	}
	int count = products_of(&l);
	if (count == 0)
		return refuse_unlinked(r, &l);
	struct db_param ps[] = { P_I64(mid), P_I64(sn->order_id), P_I64(sn->warehouse_id), P_I64(sn->order_id),
		                 P_I64(r->auth.user_id) };
	if (db_exec(r->db, STMT_SLIP_INSERT, ps, 5, &sn->id) < 0)
		return db_errno(r->db) == DB_ER_DUP_ENTRY ? refuse_live(r, sn->order_id) : -1;
	struct db_param pl[] = { P_I64(sn->id), P_I64(sn->order_id), P_I64(mid) };
	int64_t lines = db_exec(r->db, STMT_SLIP_LINES_FROM_ORDER, pl, 3, NULL);
	if (lines < 0)
		return -1;
	if (lines != count)
		return TX_CHANGED; /* a link changed since the check: nothing is kept, the check runs again */
	int rc = reserve(r, sn, count);
	if (rc > 0 && audit_change(r, AUDIT_EXPORT_SLIP, sn->id, "create", NULL) < 0)
		return -1;
	return rc;
}

void h_slip_create(struct request *r)
{
	struct slip_new sn = { req_param_id(r, 0), 0, 0 };
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	sn.warehouse_id = jr_int(&j, j.root, "warehouse_id", JR_REQUIRED, 1, INT64_MAX, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (sn.order_id <= 0) {
		int owned = warehouse_owned(r, sn.warehouse_id);
		if (owned < 0)
			fail_db(r);
		else if (owned == 0)
			refuse_warehouse(r);
		else
			resp_error(r, 404, "not_found", "No such order.");
		return;
	}
	if (stock_tx(r, create_body, &sn) > 0)
		answer_new_slip(r, 201, sn.id);
}
