/* Stock per warehouse and product (every product, zeros included) and its ledger. */
#include "api/common.h"
#include "api/handlers.h"
#include "stock/low_stock.h"
#include "stock/stock.h"
#include "after_sales/after_sales.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static void write_stock(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	if (db_cell(rows, i, STOCK_WAREHOUSE_ID) != NULL)
		jw_int(w, "warehouse_id", db_cell_i64(rows, i, STOCK_WAREHOUSE_ID));
	else
		jw_null(w, "warehouse_id"); /* a product without stock in any warehouse */
	jw_str(w, "warehouse_name", db_cell(rows, i, STOCK_WAREHOUSE_NAME));
	jw_int(w, "product_id", db_cell_i64(rows, i, STOCK_PRODUCT_ID));
	jw_str(w, "product_name", db_cell(rows, i, STOCK_PRODUCT_NAME));
	jw_str(w, "sku", db_cell(rows, i, STOCK_PRODUCT_SKU));
	jw_str(w, "unit", db_cell(rows, i, STOCK_PRODUCT_UNIT));
	jw_int(w, "on_hand", db_cell_i64(rows, i, STOCK_ON_HAND));
	jw_int(w, "awaiting_export", db_cell_i64(rows, i, STOCK_AWAITING));
	jw_int(w, "available", db_cell_i64(rows, i, STOCK_AVAILABLE));
	jw_time(w, "updated_at", db_cell_i64(rows, i, STOCK_UPDATED_AT));
	jw_obj_close(w);
}

/* ?warehouse_id=&product_id= as NULL-or-value parameters p[1], p[2] after the merchant in p[0]. */
int stock_filter(struct request *r, struct jr *q, struct page *pg, struct db_param *p)
{
	query_errors_init(q, r);
	page_params(q, r, pg);
	int64_t wh = query_int(q, r, "warehouse_id", 1, INT64_MAX, 0);
	int64_t product = query_int(q, r, "product_id", 1, INT64_MAX, 0);
	p[0] = P_I64(r->auth.merchant_id);
	p[1] = wh > 0 ? P_I64(wh) : P_NULL;
	p[2] = product > 0 ? P_I64(product) : P_NULL;
	return 3;
}

int stock_list_params(struct request *r, struct jr *q, struct page *pg, struct db_param *p)
{
	struct db_param f[3];
	stock_filter(r, q, pg, f);
	const char *s = query_str(q, r, "q", 100);
	const char *ns = query_str(q, r, "no_stock", 5);
	int no_stock = ns != NULL && strcmp(ns, "true") == 0;
	if (ns != NULL && !no_stock && strcmp(ns, "false") != 0)
		jr_reject(q, "no_stock", JR_not_a_boolean, "is true or false");
	struct db_param low;
	if (low_stock_param(r, q, &low) < 0)
		return -1;
	p[0] = f[1];
	p[1] = f[1];
	p[2] = f[0];
	p[3] = f[1];
	p[4] = f[2];
	p[5] = P_STR(s);
	p[6] = P_STR(like_text(r->arena, s));
	p[7] = p[6];
	p[8] = low;
	p[9] = low;
	p[10] = no_stock ? P_I64(1) : P_NULL;
	return 11;
}

void h_stock_list(struct request *r)
{
	struct jr q;
	struct page pg;
	struct db_param p[13];
	int n = stock_list_params(r, &q, &pg, p);
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (query_errors_answer(&q, r) != 0)
		return;
	answer_list(r, &pg, STMT_STOCK_COUNT, STMT_STOCK_LIST, p, n, write_stock);
}

/* The ledger row with its document: receipt, return and receipt_cancel are stock_receipts, the slip_* types export
 * slips (a return also names the slip it came back from). */
static void write_movement(struct jw *w, const struct db_rows *rows, int i)
{
	const char *type = db_cell(rows, i, MOVEMENT_DOC_TYPE);
	int64_t doc = db_cell_i64(rows, i, MOVEMENT_DOC_ID);
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, MOVEMENT_ID));
	jw_time(w, "created_at", db_cell_i64(rows, i, MOVEMENT_CREATED_AT));
	jw_int(w, "warehouse_id", db_cell_i64(rows, i, MOVEMENT_WAREHOUSE_ID));
	jw_str(w, "warehouse_name", db_cell(rows, i, MOVEMENT_WAREHOUSE_NAME));
	jw_int(w, "product_id", db_cell_i64(rows, i, MOVEMENT_PRODUCT_ID));
	jw_str(w, "product_name", db_cell(rows, i, MOVEMENT_PRODUCT_NAME));
	jw_str(w, "sku", db_cell(rows, i, MOVEMENT_PRODUCT_SKU));
	jw_str(w, "user_name", db_cell(rows, i, MOVEMENT_USER_NAME));
	jw_obj_open(w, "document");
	jw_str(w, "type", type);
	jw_int(w, "id", doc);
	jw_str(w, "code", db_cell(rows, i, MOVEMENT_DOC_CODE));
	jw_str(w, "note", db_cell(rows, i, MOVEMENT_DOC_NOTE));
	if (db_cell(rows, i, MOVEMENT_EXPORT_SLIP_ID) != NULL)
		jw_int(w, "export_slip_id", db_cell_i64(rows, i, MOVEMENT_EXPORT_SLIP_ID));
	else
		jw_null(w, "export_slip_id");
	as_write_ref(w, "after_sales", rows, i, MOVEMENT_AFTER_SALES_ID, MOVEMENT_AFTER_SALES_EXTERNAL_ID);
	jw_obj_close(w);
	jw_int(w, "d_on_hand", db_cell_i64(rows, i, MOVEMENT_D_ON_HAND));
	jw_int(w, "d_available", db_cell_i64(rows, i, MOVEMENT_D_AVAILABLE));
	jw_int(w, "d_awaiting_export", db_cell_i64(rows, i, MOVEMENT_D_AWAITING));
	jw_int(w, "on_hand", db_cell_i64(rows, i, MOVEMENT_ON_HAND));
	jw_int(w, "available", db_cell_i64(rows, i, MOVEMENT_AVAILABLE));
	jw_int(w, "awaiting_export", db_cell_i64(rows, i, MOVEMENT_AWAITING));
	jw_obj_close(w);
}

void h_movement_list(struct request *r)
{
	struct jr q;
	struct page pg;
	struct db_param p[6];
	int n = stock_filter(r, &q, &pg, p);
	if (query_errors_answer(&q, r) != 0)
		return;
	answer_list(r, &pg, STMT_MOVEMENT_COUNT, STMT_MOVEMENT_LIST, p, n, write_movement);
}
