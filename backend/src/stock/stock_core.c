/* The stock core: a change of one stock row with its ledger row, retried transactions, stock lines and amounts. */
#include "stock/stock.h"
#include "api/money.h"
#include "after_sales/after_sales.h"
#include "api/common.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TX_ATTEMPTS 6

int stock_move(struct request *r, int64_t warehouse_id, int64_t product_id, int64_t d_on_hand, int64_t d_available,
               int64_t d_awaiting, const char *doc_type, int64_t doc_id)
{
	int64_t mid = r->auth.merchant_id;
	if (d_on_hand >= 0 && d_available >= 0 && d_awaiting >= 0) {
		struct db_param a[] = { P_I64(mid), P_I64(warehouse_id), P_I64(product_id),
			                P_I64(d_on_hand), P_I64(d_available), P_I64(d_awaiting) };
		if (db_exec(r->db, STMT_STOCK_APPLY, a, 6, NULL) < 0)
			return -1;
	} else {
		struct db_param u[] = { P_I64(d_on_hand), P_I64(d_available), P_I64(d_awaiting),
			                P_I64(warehouse_id), P_I64(product_id), P_I64(mid) };
		if (db_exec(r->db, STMT_STOCK_UPDATE, u, 6, NULL) != 1)
			return -1;
	}
	struct db_param m[] = { P_I64(r->auth.user_id), P_STR(doc_type), P_I64(doc_id), P_I64(d_on_hand),
		                P_I64(d_available), P_I64(d_awaiting), P_I64(warehouse_id), P_I64(product_id), P_I64(mid) };
	return db_exec(r->db, STMT_MOVEMENT_INSERT, m, 9, NULL) == 1 ? 1 : -1;
}

int slip_stock_change(struct request *r, int64_t slip_id, int f_on_hand, int f_available, int f_awaiting,
                      const char *doc_type)
{
	int64_t mid = r->auth.merchant_id;
	struct db_param a[] = { P_I64(f_on_hand), P_I64(f_available), P_I64(f_awaiting), P_I64(slip_id), P_I64(mid) };
	int64_t n = db_exec(r->db, STMT_SLIP_STOCK_APPLY, a, 5, NULL);
	if (n <= 0)
		return -1;
	struct db_param m[] = { P_I64(r->auth.user_id), P_STR(doc_type), P_I64(f_on_hand), P_I64(f_available),
		                P_I64(f_awaiting), P_I64(slip_id), P_I64(mid) };
	return db_exec(r->db, STMT_SLIP_MOVEMENTS, m, 7, NULL) == n ? (int)n : -1;
}

int stock_tx(struct request *r, tx_body body, void *ctx)
{
	for (int attempt = 1;; attempt++) {
		/* READ COMMITTED: under REPEATABLE READ a slip's reads of its lines also locked the gap after them,
		 * so every other new slip's lines waited for this transaction. Stock rows are locked explicitly. */
		if (db_begin_read_committed(r->db) != 0)
			break;
		int rc = body(r, ctx);
		if (rc > 0 && db_commit(r->db) == 0)
			return 1;
		db_rollback(r->db);
		if (rc == 0)
			return 0;
		if (rc == TX_CHANGED ? attempt == TX_ATTEMPTS : !db_deadlock_again(r->db, attempt, TX_ATTEMPTS))
			break;
		log_warn("stock_tx_retry", "attempt=%d reason=%s", attempt, rc == TX_CHANGED ? "changed" : "deadlock");
	}
	fail_db(r);
	return -1;
}

const char *json_scalar_text(yajl_val v)
{
	if (v != NULL && YAJL_IS_STRING(v))
		return v->u.string;
	if (v != NULL && YAJL_IS_NUMBER(v))
		return v->u.number.r;
	return NULL;
}

#define AMOUNT_DIGITS 15

const char *amount_problem(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t ints = 0, decs = 0;
	for (; *p >= '0' && *p <= '9'; p++)
		ints++;
	int dot = *p == '.';
	if (dot)
		for (p++; *p >= '0' && *p <= '9'; p++)
			decs++;
	if (*p != '\0' || ints == 0 || (dot && decs == 0))
		return "not_a_number";
	if (*s == '-') {
		for (p = s + 1; *p != '\0'; p++)
			if (*p >= '1' && *p <= '9')
				return "negative";
	}
	if (decs > 2)
		return "too_many_decimals";
	if (ints > AMOUNT_DIGITS)
		return "too_large";
	return NULL;
}

static int by_product(const void *a, const void *b)
{
	int64_t x = ((const struct stock_line *)a)->product_id, y = ((const struct stock_line *)b)->product_id;
	return (x > y) - (x < y);
}

int read_stock_lines(struct request *r, struct jr *j, int required, struct stock_line **out)
{
	yajl_val arr = jr_arr(j, j->root, "lines", required ? JR_REQUIRED : JR_OPTIONAL, 1, 200);
	*out = NULL;
	if (arr == NULL)
		return 0;
	int n = (int)arr->u.array.len;
	struct stock_line *lines = arena_alloc(r->arena, sizeof(*lines) * (size_t)n);
	for (int i = 0; i < n; i++) {
		yajl_val it = arr->u.array.values[i];
		const char *saved = j->prefix;
		j->prefix = arena_printf(r->arena, "lines[%d].", i);
		if (!YAJL_IS_OBJECT(it)) {
			jr_reject(j, "", JR_not_an_object, "must be an object {product_id, quantity}");
		} else {
			lines[i].product_id = jr_int(j, it, "product_id", JR_REQUIRED, 1, INT64_MAX, 0);
			lines[i].quantity = jr_int(j, it, "quantity", JR_REQUIRED, 1, 1000000000, 0);
			lines[i].unit_cost = "0";
			if (jr_has(it, "unit_cost")) {
				yajl_val c = yajl_tree_get(it, (const char *[]){ "unit_cost", NULL }, yajl_t_any);
				const char *cost = json_scalar_text(c);
				if (cost == NULL || amount_problem(cost) != NULL)
					jr_reject(j, "unit_cost", JR_not_an_amount, "must be an amount of 0 or more with at most 2 decimals");
				else
					lines[i].unit_cost = arena_strdup(r->arena, *cost == '-' ? cost + 1 : cost);
			}
			lines[i].index = i;
			for (int k = 0; k < i; k++)
				if (lines[i].product_id > 0 && lines[k].product_id == lines[i].product_id)
					jr_reject(j, "product_id", JR_duplicate, "appears in more than one line");
		}
		j->prefix = saved;
	}
	qsort(lines, (size_t)n, sizeof(*lines), by_product);
	*out = lines;
	return n;
}

void err_open(struct jw *w, const char *code, const char *message)
{
	jw_init(w);
	jw_obj_open(w, NULL);
	jw_obj_open(w, "error");
	jw_str(w, "code", code);
	jw_str(w, "message", message);
	jw_obj_open(w, "details");
}

void err_close(struct request *r, struct jw *w, int status)
{
	jw_obj_close(w);
	jw_obj_close(w);
	jw_obj_close(w);
	resp_json(r, status, w);
	jw_free(w);
}

int warehouse_owned(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	return id > 0 ? db_query(r->db, r->arena, STMT_WAREHOUSE_GET, p, 2, &rows) : 0;
}

int write_receipt(struct request *r, struct jw *w, const struct db_rows *rc, int i)
{
	int64_t id = db_cell_i64(rc, i, RECEIPT_ID);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows l;
	if (db_query(r->db, r->arena, STMT_RECEIPT_LINES, p, 2, &l) < 0)
		return -1;
	jw_obj_open(w, NULL);
	jw_int(w, "id", id);
	jw_str(w, "code", db_cell(rc, i, RECEIPT_CODE));
	jw_str(w, "kind", db_cell(rc, i, RECEIPT_KIND));
	jw_str(w, "status", db_cell(rc, i, RECEIPT_STATUS));
	jw_int(w, "warehouse_id", db_cell_i64(rc, i, RECEIPT_WAREHOUSE_ID));
	jw_obj_open(w, "warehouse");
	jw_int(w, "id", db_cell_i64(rc, i, RECEIPT_WAREHOUSE_ID));
	jw_str(w, "name", db_cell(rc, i, RECEIPT_WAREHOUSE_NAME));
	jw_str(w, "code", db_cell(rc, i, RECEIPT_WAREHOUSE_CODE));
	jw_str(w, "address", db_cell(rc, i, RECEIPT_WAREHOUSE_ADDRESS));
	jw_obj_close(w);
	if (db_cell(rc, i, RECEIPT_SUPPLIER_ID) != NULL) {
		jw_obj_open(w, "supplier");
		jw_int(w, "id", db_cell_i64(rc, i, RECEIPT_SUPPLIER_ID));
		jw_str(w, "name", db_cell(rc, i, RECEIPT_SUPPLIER_NAME));
		jw_obj_close(w);
	} else {
		jw_null(w, "supplier");
	}
	if (db_cell(rc, i, RECEIPT_EXPORT_SLIP_ID) != NULL) {
		jw_int(w, "export_slip_id", db_cell_i64(rc, i, RECEIPT_EXPORT_SLIP_ID));
		jw_str(w, "export_slip_code", db_cell(rc, i, RECEIPT_SLIP_CODE));
	} else {
		jw_null(w, "export_slip_id");
		jw_null(w, "export_slip_code");
	}
	as_write_ref(w, "after_sales", rc, i, RECEIPT_AFTER_SALES_ID, RECEIPT_AFTER_SALES_EXTERNAL_ID);
	jw_str(w, "note", db_cell(rc, i, RECEIPT_NOTE));
	jw_str(w, "merchant_name", db_cell(rc, i, RECEIPT_MERCHANT_NAME));
	jw_str(w, "created_by", db_cell(rc, i, RECEIPT_USER_NAME));
	jw_time(w, "created_at", db_cell_i64(rc, i, RECEIPT_CREATED_AT));
	jw_time(w, "cancelled_at", db_cell_i64(rc, i, RECEIPT_CANCELLED_AT));
	jw_arr_open(w, "lines");
	for (int k = 0; k < l.nrows; k++) {
		jw_obj_open(w, NULL);
		jw_int(w, "product_id", db_cell_i64(&l, k, RECEIPT_LINE_PRODUCT_ID));
		jw_str(w, "name", db_cell(&l, k, RECEIPT_LINE_NAME));
		jw_str(w, "sku", db_cell(&l, k, RECEIPT_LINE_SKU));
		jw_str(w, "unit", db_cell(&l, k, RECEIPT_LINE_UNIT));
		jw_int(w, "quantity", db_cell_i64(&l, k, RECEIPT_LINE_QUANTITY));
		jw_money(w, "unit_cost", db_cell(&l, k, RECEIPT_LINE_UNIT_COST));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
	return 0;
}
