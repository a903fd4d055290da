/* Stock push of a connection: its settings (GET/PUT), push now, and per channel SKU what was last pushed. */
#include "api/common.h"
#include "api/handlers.h"
#include "stock_push/stock_settings.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_WAREHOUSES 50
#define MAX_BUFFER 1000000

int stock_settings_load(struct request *r, int64_t id, struct db_rows *rows)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int n = id > 0 ? db_query(r->db, r->arena, STMT_STOCK_SETTINGS_GET, p, 2, rows) : 0;
	if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No such connection.");
	return n > 0;
}

int stock_settings_load_active(struct request *r, int64_t id, struct db_rows *rows)
{
	if (!stock_settings_load(r, id, rows))
		return 0;
	if (strcmp(db_cell(rows, 0, STOCK_SETTINGS_CONN_STATUS), "active") != 0) {
		refuse_reconnect_required(r);
		return 0;
	}
	return 1;
}

static void answer_settings(struct request *r, int64_t id)
{
	struct db_rows s, wh;
	if (!stock_settings_load(r, id, &s))
		return;
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id), P_I64(id) };
	int n = db_query(r->db, r->arena, STMT_STOCK_SETTINGS_WAREHOUSES, p, 3, &wh);
	if (n < 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "connection_id", id);
	jw_bool(&w, "enabled", db_cell_i64(&s, 0, STOCK_SETTINGS_ENABLED));
	jw_arr_open(&w, "warehouse_ids");
	for (int i = 0; i < n; i++)
		jw_int(&w, NULL, db_cell_i64(&wh, i, STOCK_SETTINGS_WAREHOUSES_WAREHOUSE_ID));
	jw_arr_close(&w);
	jw_int(&w, "buffer", db_cell_i64(&s, 0, STOCK_SETTINGS_BUFFER));
	jw_str(&w, "tiktok_warehouse_id", db_cell(&s, 0, STOCK_SETTINGS_TIKTOK_WAREHOUSE_ID));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_stock_settings_get(struct request *r)
{
	answer_settings(r, req_param_id(r, 0));
}

/* Marks every linked SKU of the connection due a push; <0 on error. */
static int64_t mark_all(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(id) };
	return db_exec(r->db, STMT_STOCK_PUSH_MARK_CONN, p, 2, NULL);
}

/* 1 when warehouse_ids[i] also stands earlier in the array. */
static int listed_before(yajl_val ids, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (YAJL_GET_INTEGER(ids->u.array.values[k]) == YAJL_GET_INTEGER(ids->u.array.values[i]))
			return 1;
	return 0;
}

void h_stock_settings_put(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	struct jr j;
	if (!stock_settings_load(r, id, &s) || req_json(r, &j) != 0)
		return;
	int enabled = jr_bool(&j, j.root, "enabled", JR_REQUIRED, 0);
	int64_t buffer = jr_int(&j, j.root, "buffer", JR_OPTIONAL, 0, MAX_BUFFER, 0);
	const char *twh = jr_str(&j, j.root, "tiktok_warehouse_id", JR_OPTIONAL, 0, 64);
	yajl_val whs = jr_arr(&j, j.root, "warehouse_ids", JR_REQUIRED, 1, MAX_WAREHOUSES);
	for (size_t i = 0; whs != NULL && i < whs->u.array.len; i++)
		if (!YAJL_IS_INTEGER(whs->u.array.values[i]) || YAJL_GET_INTEGER(whs->u.array.values[i]) <= 0)
			jr_fail(&j, "warehouse_ids", "must be warehouse ids");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param pc[] = { P_I64(id) };
	struct db_param pu[] = { P_I64(id), P_I64(r->auth.merchant_id), P_I64(enabled), P_I64(buffer), P_STR(twh ? twh : "") };
	if (db_begin(r->db) != 0)
		goto fail;
	if (db_exec(r->db, STMT_STOCK_SETTINGS_UPSERT, pu, 5, NULL) < 0 || db_exec(r->db, STMT_STOCK_SETTINGS_WH_CLEAR, pc, 1, NULL) < 0)
		goto fail;
	for (size_t i = 0; i < whs->u.array.len; i++) {
		if (listed_before(whs, i))
			continue; /* a warehouse named twice is one of the summed warehouses, once */
		struct db_param pw[] = { P_I64(id), P_I64(YAJL_GET_INTEGER(whs->u.array.values[i])), P_I64(r->auth.merchant_id) };
		int64_t n = db_exec(r->db, STMT_STOCK_SETTINGS_WH_ADD, pw, 3, NULL);
		if (n < 0)
			goto fail;
		if (n == 0) {
			db_rollback(r->db);
			resp_error(r, 422, "unknown_warehouse", "A warehouse of warehouse_ids is not one of yours.");
			return;
		}
	}
	if (mark_all(r, id) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_settings(r, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

void h_conn_push_stock(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load(r, id, &s))
		return;
	if (!db_cell_i64(&s, 0, STOCK_SETTINGS_ENABLED)) {
		resp_error(r, 409, "stock_push_off", "Stock push is off for this shop; turn it on first.");
		return;
	}
	int64_t n = mark_all(r, id);
	if (n < 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_bool(&w, "queued", 1);
	jw_obj_close(&w);
	resp_json(r, 202, &w);
	jw_free(&w);
}

static void write_push(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "channel_sku_id", db_cell_i64(rows, i, STOCK_PUSH_LIST_CHANNEL_SKU_ID));
	jw_str(w, "sku_id", db_cell(rows, i, STOCK_PUSH_LIST_SKU_ID));
	jw_str(w, "seller_sku", db_cell(rows, i, STOCK_PUSH_LIST_SELLER_SKU));
	jw_str(w, "product_name", db_cell(rows, i, STOCK_PUSH_LIST_PRODUCT_NAME));
	jw_str(w, "sku_name", db_cell(rows, i, STOCK_PUSH_LIST_SKU_NAME));
	if (db_cell(rows, i, STOCK_PUSH_LIST_PRODUCT_ID) != NULL)
		jw_int(w, "product_id", db_cell_i64(rows, i, STOCK_PUSH_LIST_PRODUCT_ID));
	else
		jw_null(w, "product_id");
	jw_bool(w, "pending", db_cell_i64(rows, i, STOCK_PUSH_LIST_PENDING));
	if (db_cell(rows, i, STOCK_PUSH_LIST_PUSHED_QTY) != NULL)
		jw_int(w, "pushed_quantity", db_cell_i64(rows, i, STOCK_PUSH_LIST_PUSHED_QTY));
	else
		jw_null(w, "pushed_quantity");
	jw_time(w, "pushed_at", db_cell_i64(rows, i, STOCK_PUSH_LIST_PUSHED_AT));
	if (db_cell(rows, i, STOCK_PUSH_LIST_ERROR_CODE) != NULL) {
		jw_str(w, "error_code", db_cell(rows, i, STOCK_PUSH_LIST_ERROR_CODE));
		jw_str(w, "error", db_cell(rows, i, STOCK_PUSH_LIST_ERROR));
	} else {
		jw_null(w, "error_code");
		jw_null(w, "error");
	}
	jw_time(w, "error_at", db_cell_i64(rows, i, STOCK_PUSH_LIST_ERROR_AT));
	jw_obj_close(w);
}

void h_conn_stock_push_list(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load(r, id, &s))
		return;
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *failed = query_str(&q, r, "failed", 5);
	if (failed != NULL && strcmp(failed, "1") != 0 && strcmp(failed, "true") != 0 && strcmp(failed, "0") != 0 &&
	    strcmp(failed, "false") != 0)
		jr_fail(&q, "failed", "is true or false");
	if (query_errors_answer(&q, r) != 0)
		return;
	int only_failed = failed != NULL && (strcmp(failed, "1") == 0 || strcmp(failed, "true") == 0);
	struct db_param p[6] = { P_I64(r->auth.merchant_id), P_I64(id), P_I64(only_failed), P_I64(only_failed) };
	answer_list(r, &pg, STMT_STOCK_PUSH_COUNT, STMT_STOCK_PUSH_LIST, p, 4, write_push);
}
