/* The receipts list (GET /api/v1/stock-receipts) and Hủy phiếu nhập: a receipt whose goods are all still available
 * is cancelled, the ledger taking its lines back out. */
#include "api/common.h"
#include "api/money.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "after_sales/stock_rule.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static void write_item(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, RECEIPT_LIST_ID));
	jw_str(w, "code", db_cell(rows, i, RECEIPT_LIST_CODE));
	jw_str(w, "kind", db_cell(rows, i, RECEIPT_LIST_KIND));
	jw_str(w, "status", db_cell(rows, i, RECEIPT_LIST_STATUS));
	jw_int(w, "warehouse_id", db_cell_i64(rows, i, RECEIPT_LIST_WAREHOUSE_ID));
	jw_str(w, "warehouse_name", db_cell(rows, i, RECEIPT_LIST_WAREHOUSE_NAME));
	if (db_cell(rows, i, RECEIPT_LIST_SUPPLIER_ID) != NULL) {
		jw_obj_open(w, "supplier");
		jw_int(w, "id", db_cell_i64(rows, i, RECEIPT_LIST_SUPPLIER_ID));
		jw_str(w, "name", db_cell(rows, i, RECEIPT_LIST_SUPPLIER_NAME));
		jw_obj_close(w);
	} else {
		jw_null(w, "supplier");
	}
	if (db_cell(rows, i, RECEIPT_LIST_EXPORT_SLIP_ID) != NULL)
		jw_int(w, "export_slip_id", db_cell_i64(rows, i, RECEIPT_LIST_EXPORT_SLIP_ID));
	else
		jw_null(w, "export_slip_id");
	jw_str(w, "note", db_cell(rows, i, RECEIPT_LIST_NOTE));
	jw_time(w, "created_at", db_cell_i64(rows, i, RECEIPT_LIST_CREATED_AT));
	jw_str(w, "created_by", db_cell(rows, i, RECEIPT_LIST_USER_NAME));
	jw_int(w, "line_count", db_cell_i64(rows, i, RECEIPT_LIST_LINES));
	jw_int(w, "quantity", db_cell_i64(rows, i, RECEIPT_LIST_QUANTITY));
	jw_money(w, "amount", db_cell(rows, i, RECEIPT_LIST_AMOUNT) != NULL ? db_cell(rows, i, RECEIPT_LIST_AMOUNT) : "0");
	jw_obj_close(w);
}

/* One of `allowed` (NULL-terminated) or absent; anything else is an error in q. */
static const char *query_enum(struct jr *q, struct request *r, const char *name, const char *const *allowed,
                              const char *message)
{
	const char *v = query_str(q, r, name, 32);
	for (int k = 0; v != NULL && allowed[k] != NULL; k++)
		if (strcmp(v, allowed[k]) == 0)
			return v;
	if (v != NULL) {
		const char *list = "";
		for (int k = 0; allowed[k] != NULL; k++)
			list = k ? arena_printf(r->arena, "%s,%s", list, allowed[k]) : allowed[k];
		jr_reject_allowed(q, name, list, message);
	}
	return NULL;
}

/* ?kind=receipt|return&status=posted|cancelled&warehouse_id=&supplier_id=&q= (a code, or words of the note) */
void h_receipt_list(struct request *r)
{
	static const char *const kinds[] = { "receipt", "return", NULL };
	static const char *const statuses[] = { "posted", "cancelled", NULL };
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *kind = query_enum(&q, r, "kind", kinds, "must be receipt or return");
	const char *status = query_enum(&q, r, "status", statuses, "must be posted or cancelled");
	int64_t wh = query_int(&q, r, "warehouse_id", 1, INT64_MAX, 0);
	int64_t supplier = query_int(&q, r, "supplier_id", 1, INT64_MAX, 0);
	const char *s = query_str(&q, r, "q", 100);
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param p[11] = { P_I64(r->auth.merchant_id), P_STR(kind), P_STR(status), wh > 0 ? P_I64(wh) : P_NULL,
		                  supplier > 0 ? P_I64(supplier) : P_NULL, P_I64(supplier), P_STR(s), P_STR(s),
		                  P_STR(like_text(r->arena, s)) };
	answer_list(r, &pg, STMT_RECEIPT_COUNT, STMT_RECEIPT_LIST, p, 9, write_item);
}

/* 409 receipt_stock_used: the lines whose goods are no longer all available (sold, reserved or exported). */
static int refuse_used(struct request *r, const struct db_rows *st)
{
	struct jw w;
	err_open(&w, "receipt_stock_used",
	         "Some goods of this receipt are no longer available in its warehouse; it cannot be cancelled.");
	jw_arr_open(&w, "lines");
	for (int i = 0; i < st->nrows; i++) {
		int64_t need = db_cell_i64(st, i, RECEIPT_STOCK_QUANTITY), have = db_cell_i64(st, i, RECEIPT_STOCK_AVAILABLE);
		if (have >= need)
			continue;
		jw_obj_open(&w, NULL);
		jw_int(&w, "product_id", db_cell_i64(st, i, RECEIPT_STOCK_PRODUCT_ID));
		jw_str(&w, "name", db_cell(st, i, RECEIPT_STOCK_NAME));
		jw_str(&w, "sku", db_cell(st, i, RECEIPT_STOCK_SKU));
		jw_int(&w, "quantity", need);
		jw_int(&w, "available", have);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 409);
	return 0;
}

static int cancel_body(struct request *r, void *ctx)
{
	int64_t id = *(int64_t *)ctx, mid = r->auth.merchant_id;
	struct db_param p[] = { P_I64(id), P_I64(mid) };
	struct db_rows h, st;
	int k = db_query(r->db, r->arena, STMT_RECEIPT_LOCK, p, 2, &h);
	if (k <= 0) {
		if (k == 0)
			resp_error(r, 404, "not_found", "No such receipt.");
		return k;
	}
	/* a return receipt is cancelled only when it took back a TikTok return's goods: that return may be received again */
	int64_t as_id = db_cell(&h, 0, RECEIPT_LOCK_AFTER_SALES_ID) != NULL ? db_cell_i64(&h, 0, RECEIPT_LOCK_AFTER_SALES_ID) : 0;
	if (strcmp(db_cell(&h, 0, RECEIPT_LOCK_KIND), "receipt") != 0 && as_id == 0) {
		resp_error(r, 409, "receipt_is_return", "A return receipt cannot be cancelled unless it received a TikTok return.");
		return 0;
	}
	if (strcmp(db_cell(&h, 0, RECEIPT_LOCK_STATUS), "posted") != 0) {
		resp_error(r, 409, "receipt_cancelled", "This receipt is cancelled already.");
		return 0;
	}
	struct db_param pl[] = { P_I64(db_cell_i64(&h, 0, RECEIPT_LOCK_WAREHOUSE_ID)), P_I64(id), P_I64(mid) };
	int n = db_query(r->db, r->arena, STMT_RECEIPT_STOCK_LOCK, pl, 3, &st);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (db_cell(&st, i, RECEIPT_STOCK_AVAILABLE) == NULL ||
		    db_cell_i64(&st, i, RECEIPT_STOCK_AVAILABLE) < db_cell_i64(&st, i, RECEIPT_STOCK_QUANTITY))
			return refuse_used(r, &st);
	const char *before = audit_snap(r, AUDIT_STOCK_RECEIPT, id);
	struct db_param pc[] = { P_I64(r->auth.user_id), P_I64(id), P_I64(mid) };
	struct db_param m[] = { P_I64(r->auth.user_id), P_STR("receipt_cancel"), P_I64(-1), P_I64(-1), P_I64(id), P_I64(mid) };
	if (db_exec(r->db, STMT_RECEIPT_SET_CANCELLED, pc, 3, NULL) != 1 ||
	    db_exec(r->db, STMT_RECEIPT_STOCK_TAKE, p, 2, NULL) != n ||
	    db_exec(r->db, STMT_RECEIPT_MOVEMENTS, m, 6, NULL) != n ||
	    (as_id > 0 && (db_exec(r->db, STMT_RECEIPT_UNRETURN, p, 2, NULL) < 0 || as_receipt_cancelled(r, as_id) != 0)))
		return -1;
	return audit_change(r, AUDIT_STOCK_RECEIPT, id, "cancel", before);
}

void h_receipt_cancel(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0) {
		resp_error(r, 404, "not_found", "No such receipt.");
		return;
	}
	if (stock_tx(r, cancel_body, &id) > 0)
		answer_receipt(r, 200, id);
}
