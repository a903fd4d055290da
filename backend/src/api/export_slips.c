/* Creating an export slip from an order (guide 1.9.3.3): the rules, then available down and awaiting export up. */
#include "api/common.h"
#include "api/handlers.h"
#include "api/stock.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static const char *const allowed_statuses[] = { "processing", "packing", "shipping", "delivered", "completed", NULL };

int slip_allowed_status(const char *status)
{
	for (int k = 0; allowed_statuses[k] != NULL; k++)
		if (strcmp(status, allowed_statuses[k]) == 0)
			return 1;
	return 0;
}

struct slip_new {
	int64_t order_id, warehouse_id, id;
};

/* One product of the order: the sum over its linked lines. */
struct need {
	int64_t product_id, quantity;
	const char *name, *sku;
};

static int refuse_status(struct request *r, const char *status)
{
	struct jw w;
	err_open(&w, "order_status_not_allowed",
	         "An export slip can only be added to an order that is processing, packing, shipping, delivered or "
	         "completed.");
	jw_str(&w, "status", status);
	jw_arr_open(&w, "allowed_statuses");
	for (int k = 0; allowed_statuses[k] != NULL; k++)
		jw_str(&w, NULL, allowed_statuses[k]);
	jw_arr_close(&w);
	err_close(r, &w, 409);
	return 0;
}

static int refuse_live(struct request *r, const struct db_rows *live)
{
	struct jw w;
	char code[DOC_CODE_SIZE];
	doc_code(code, "slip", db_cell_i64(live, 0, SLV_ID));
	err_open(&w, "export_slip_exists", "This order already has an export slip that is not cancelled.");
	jw_int(&w, "export_slip_id", db_cell_i64(live, 0, SLV_ID));
	jw_str(&w, "code", code);
	jw_str(&w, "status", db_cell(live, 0, SLV_STATUS));
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
		if (db_cell(l, i, SOL_PRODUCT_ID) != NULL)
			continue;
		jw_obj_open(&w, NULL);
		if (db_cell(l, i, SOL_CHANNEL_SKU_ID) != NULL)
			jw_int(&w, "channel_sku_id", db_cell_i64(l, i, SOL_CHANNEL_SKU_ID));
		else
			jw_null(&w, "channel_sku_id");
		jw_str(&w, "sku_id", db_cell(l, i, SOL_SKU_ID));
		jw_str(&w, "seller_sku", db_cell(l, i, SOL_SELLER_SKU));
		jw_str(&w, "product_name", db_cell(l, i, SOL_PRODUCT_NAME));
		jw_str(&w, "sku_name", db_cell(l, i, SOL_SKU_NAME));
		jw_int(&w, "quantity", db_cell_i64(l, i, SOL_QUANTITY));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 422);
	return 0;
}

/* Sums the order's lines per product (the rows come ordered by product); 0 when a line is unlinked. */
static int needs_of(struct request *r, const struct db_rows *l, struct need **out)
{
	struct need *n = arena_alloc(r->arena, sizeof(*n) * (size_t)(l->nrows + 1));
	int count = 0;
	for (int i = 0; i < l->nrows; i++) {
		if (db_cell(l, i, SOL_PRODUCT_ID) == NULL)
			return 0;
		int64_t pid = db_cell_i64(l, i, SOL_PRODUCT_ID);
		if (count == 0 || n[count - 1].product_id != pid)
			n[count++] = (struct need){ pid, 0, db_cell(l, i, SOL_NAME), db_cell(l, i, SOL_SKU) };
		n[count - 1].quantity += db_cell_i64(l, i, SOL_QUANTITY);
	}
	*out = n;
	return count;
}

/* Refuses with every shortage once the reservation of product `failed` fell short: the reservations made
 * before it in this transaction are added back to what the warehouse has. */
static int refuse_short(struct request *r, int64_t wh, const struct need *n, int count, int failed)
{
	int64_t *have = arena_alloc(r->arena, sizeof(int64_t) * (size_t)count);
	for (int i = 0; i < count; i++) {
		struct db_param p[] = { P_I64(wh), P_I64(n[i].product_id), P_I64(r->auth.merchant_id) };
		struct db_rows s;
		int k = db_query(r->db, r->arena, STMT_STOCK_LOCK, p, 3, &s);
		if (k < 0)
			return -1;
		have[i] = (k > 0 ? db_cell_i64(&s, 0, SL_AVAILABLE) : 0) + (i < failed ? n[i].quantity : 0);
	}
	struct jw w;
	err_open(&w, "insufficient_stock", "The warehouse does not have enough available stock for this order.");
	jw_int(&w, "warehouse_id", wh);
	jw_arr_open(&w, "shortages");
	for (int i = 0; i < count; i++) {
		if (have[i] >= n[i].quantity)
			continue;
		jw_obj_open(&w, NULL);
		jw_int(&w, "product_id", n[i].product_id);
		jw_str(&w, "name", n[i].name);
		jw_str(&w, "sku", n[i].sku);
		jw_int(&w, "required", n[i].quantity);
		jw_int(&w, "available", have[i]);
		jw_int(&w, "missing", n[i].quantity - have[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 409);
	return 0;
}

/* Reserves each product in product order (available − qty, awaiting export + qty, never below zero) with its
 * ledger row; the stock rows stay locked from here to the commit. */
static int reserve(struct request *r, const struct slip_new *sn, const struct need *n, int count)
{
	for (int i = 0; i < count; i++) {
		struct db_param p[] = { P_I64(n[i].quantity), P_I64(n[i].quantity), P_I64(sn->warehouse_id),
			                P_I64(n[i].product_id), P_I64(r->auth.merchant_id), P_I64(n[i].quantity) };
		int64_t k = db_exec(r->db, STMT_STOCK_RESERVE, p, 6, NULL);
		if (k < 0)
			return -1;
		if (k == 0)
			return refuse_short(r, sn->warehouse_id, n, count, i);
		struct db_param m[] = { P_I64(r->auth.user_id), P_STR("slip_create"), P_I64(sn->id), P_I64(0),
			                P_I64(-n[i].quantity), P_I64(n[i].quantity), P_I64(sn->warehouse_id),
			                P_I64(n[i].product_id), P_I64(r->auth.merchant_id) };
		if (db_exec(r->db, STMT_MOVEMENT_INSERT, m, 9, NULL) != 1)
			return -1;
	}
	return 1;
}

static int create_body(struct request *r, void *ctx)
{
	struct slip_new *sn = ctx;
	int64_t mid = r->auth.merchant_id;
	struct db_param po[] = { P_I64(sn->order_id), P_I64(mid) };
	struct db_rows o, live, l;
	int k = db_query(r->db, r->arena, STMT_SLIP_ORDER_LOCK, po, 2, &o);
	if (k <= 0) {
		if (k == 0)
			resp_error(r, 404, "not_found", "No such order.");
		return k;
	}
	if (!slip_allowed_status(db_cell(&o, 0, SO_STATUS)))
		return refuse_status(r, db_cell(&o, 0, SO_STATUS));
	if ((k = db_query(r->db, r->arena, STMT_SLIP_LIVE_FOR_ORDER, po, 2, &live)) != 0)
		return k < 0 ? -1 : refuse_live(r, &live);
	if (db_query(r->db, r->arena, STMT_SLIP_ORDER_LINES, po, 2, &l) < 0)
		return -1;
	if (l.nrows == 0) {
		resp_error(r, 409, "order_has_no_items", "This order has no items to export.");
		return 0;
	}
	struct need *n = NULL;
	int count = needs_of(r, &l, &n);
	if (count == 0)
		return refuse_unlinked(r, &l);
	struct db_param ps[] = { P_I64(mid), P_I64(sn->order_id), P_I64(sn->warehouse_id), P_I64(sn->order_id),
		                 P_I64(r->auth.user_id) };
	if (db_exec(r->db, STMT_SLIP_INSERT, ps, 5, &sn->id) < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		struct db_param pl[] = { P_I64(mid), P_I64(sn->id), P_I64(n[i].product_id), P_I64(n[i].quantity) };
		if (db_exec(r->db, STMT_SLIP_LINE_INSERT, pl, 4, NULL) < 0)
			return -1;
	}
	return reserve(r, sn, n, count);
}

void h_slip_create(struct request *r)
{
	struct slip_new sn = { req_param_id(r, 0), 0, 0 };
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	sn.warehouse_id = jr_int(&j, j.root, "warehouse_id", JR_REQUIRED, 1, INT64_MAX, 0);
	int owned = sn.warehouse_id > 0 ? warehouse_owned(r, sn.warehouse_id) : 1;
	if (owned < 0) {
		fail_db(r);
		return;
	}
	if (owned == 0)
		jr_fail(&j, "warehouse_id", "no such warehouse");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (sn.order_id <= 0) {
		resp_error(r, 404, "not_found", "No such order.");
		return;
	}
	if (stock_tx(r, create_body, &sn) > 0)
		answer_slip(r, 201, sn.id);
}
