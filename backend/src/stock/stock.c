/* Stock per warehouse and product, its ledger, and stock receipts (phiếu nhập) that add on-hand stock. */
#include "api/common.h"
#include "api/handlers.h"
#include "stock/low_stock.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

static void write_stock(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "warehouse_id", db_cell_i64(rows, i, STOCK_WAREHOUSE_ID));
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

int stock_search(struct request *r, struct jr *q, struct db_param *p)
{
	const char *s = query_str(q, r, "q", 100);
	struct db_param low;
	if (low_stock_param(r, q, &low) < 0)
		return -1;
	p[0] = P_STR(s);
	p[1] = P_STR(like_text(r->arena, s));
	p[2] = p[1];
	p[3] = low;
	return 4;
}

void h_stock_list(struct request *r)
{
	struct jr q;
	struct page pg;
	struct db_param p[10];
	int n = stock_filter(r, &q, &pg, p);
	int k = stock_search(r, &q, p + n);
	if (k < 0) {
		fail_db(r);
		return;
	}
	if (query_errors_answer(&q, r) != 0)
		return;
	answer_list(r, &pg, STMT_STOCK_COUNT, STMT_STOCK_LIST, p, n + k, write_stock);
}

/* The ledger row's document: receipt and return are stock_receipts, the slip_* types export slips. */
static void write_movement(struct jw *w, const struct db_rows *rows, int i)
{
	const char *type = db_cell(rows, i, MOVEMENT_DOC_TYPE);
	int64_t doc = db_cell_i64(rows, i, MOVEMENT_DOC_ID);
	char code[DOC_CODE_SIZE];
	doc_code(code, type, doc);
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
	jw_str(w, "code", code);
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

struct receipt {
	int64_t warehouse_id;
	const char *note;
	struct stock_line *lines;
	int nlines;
	int64_t id;
};

static int receipt_body(struct request *r, void *ctx)
{
	struct receipt *rc = ctx;
	int64_t mid = r->auth.merchant_id;
	/* again under a share lock: a product deleted since the check is a 422 like one that never was, and one not
	 * deleted yet stays until the receipt commits (its deletion then meets the receipt's stock and is refused) */
	struct jr j;
	query_errors_init(&j, r);
	if (check_products(r, &j, rc->lines, rc->nlines, STMT_PRODUCT_KEEP) < 0)
		return -1;
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return 0;
	}
	struct db_param h[] = { P_I64(mid), P_I64(rc->warehouse_id), P_STR("receipt"), P_NULL, P_STR(rc->note),
		                P_I64(r->auth.user_id) };
	if (db_exec(r->db, STMT_RECEIPT_INSERT, h, 6, &rc->id) < 0)
		return -1;
	for (int i = 0; i < rc->nlines; i++) {
		const struct stock_line *l = &rc->lines[i];
		struct db_param p[] = { P_I64(mid), P_I64(rc->id), P_I64(l->product_id), P_I64(l->quantity) };
		if (db_exec(r->db, STMT_RECEIPT_LINE_INSERT, p, 4, NULL) < 0 ||
		    stock_move(r, rc->warehouse_id, l->product_id, l->quantity, l->quantity, 0, "receipt", rc->id) < 0)
			return -1;
	}
	return 1;
}

int check_products(struct request *r, struct jr *j, const struct stock_line *lines, int n, int stmt)
{
	for (int i = 0; i < n; i++) {
		if (i > 0 && lines[i - 1].product_id == lines[i].product_id)
			continue; /* reported as a duplicate already */
		struct db_param p[] = { P_I64(lines[i].product_id), P_I64(r->auth.merchant_id) };
		struct db_rows rows;
		int k = db_query(r->db, r->arena, stmt, p, 2, &rows);
		if (k < 0)
			return -1;
		if (k == 0)
			jr_fail(j, arena_printf(r->arena, "lines[%d].product_id", lines[i].index), "no such product");
	}
	return 0;
}

void answer_receipt(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	struct jw w;
	jw_init(&w);
	int n = db_query(r->db, r->arena, STMT_RECEIPT_GET, p, 2, &rows);
	if (n <= 0 || write_receipt(r, &w, &rows, 0) < 0) {
		jw_free(&w);
		if (n == 0)
			resp_error(r, 404, "not_found", "No such receipt.");
		else
			fail_db(r);
		return;
	}
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_receipt_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct receipt rc = { 0 };
	rc.warehouse_id = jr_int(&j, j.root, "warehouse_id", JR_REQUIRED, 1, INT64_MAX, 0);
	rc.note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	if (rc.note == NULL)
		rc.note = "";
	rc.nlines = read_stock_lines(r, &j, 1, &rc.lines);
	int owned = rc.warehouse_id > 0 ? warehouse_owned(r, rc.warehouse_id) : 1;
	if (owned < 0 || check_products(r, &j, rc.lines, rc.nlines, STMT_PRODUCT_BRIEF) < 0) {
		fail_db(r);
		return;
	}
	if (owned == 0)
		jr_fail(&j, "warehouse_id", "no such warehouse");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (stock_tx(r, receipt_body, &rc) > 0)
		answer_receipt(r, 201, rc.id);
}

void h_receipt_get(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0) {
		resp_error(r, 404, "not_found", "No such receipt.");
		return;
	}
	answer_receipt(r, 200, id);
}
