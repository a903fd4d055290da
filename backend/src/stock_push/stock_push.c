/* Stock push of a connection: its settings (GET/PUT, with a dry run), push now (with a dry run), both refused when
 * they would empty listings unconfirmed; and per channel SKU what TikTok has, what the app sends, and the last push. */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "stock_push/stock_preview.h"
#include "stock_push/stock_settings.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_WAREHOUSES 50
#define MAX_BUFFER 1000000
#define MAX_INCLUDES 1000   /* more than that: the rule off says it better */
#define MAX_CONFIRM 1000000000

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
	struct db_rows s, wh, inc;
	if (!stock_settings_load(r, id, &s))
		return;
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id), P_I64(id) };
	int n = db_query(r->db, r->arena, STMT_STOCK_SETTINGS_WAREHOUSES, p, 3, &wh);
	int ni = n < 0 ? -1 : db_query(r->db, r->arena, STMT_STOCK_PUSH_INCLUDES, p, 2, &inc);
	if (n < 0 || ni < 0) {
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
	jw_bool(&w, "skip_unreceived", db_cell_i64(&s, 0, STOCK_SETTINGS_SKIP_UNRECEIVED));
	jw_arr_open(&w, "included_channel_sku_ids");
	for (int i = 0; i < ni; i++)
		jw_int(&w, NULL, db_cell_i64(&inc, i, STOCK_PUSH_INCLUDES_ID));
	jw_arr_close(&w);
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

/* 1 when ids[i] also stands earlier in the array. */
static int listed_before(yajl_val ids, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (YAJL_GET_INTEGER(ids->u.array.values[k]) == YAJL_GET_INTEGER(ids->u.array.values[i]))
			return 1;
	return 0;
}

/* A field error unless every item of the array is a positive id. */
static void check_ids(struct jr *j, yajl_val ids, const char *field)
{
	for (size_t i = 0; ids != NULL && i < ids->u.array.len; i++)
		if (!YAJL_IS_INTEGER(ids->u.array.values[i]) || YAJL_GET_INTEGER(ids->u.array.values[i]) <= 0) {
			jr_reject(j, field, JR_not_a_whole_number, "must be ids");
			return;
		}
}

/* Adds each distinct id of `ids` to the connection with `stmt` (connection, id, merchant): 0 done, -1 a database
 * error, 1 an id that is not the merchant's (nothing answered). */
static int add_each(struct request *r, int64_t id, yajl_val ids, int stmt)
{
	for (size_t i = 0; ids != NULL && i < ids->u.array.len; i++) {
		if (listed_before(ids, i))
			continue; /* named twice is once */
		struct db_param p[] = { P_I64(id), P_I64(YAJL_GET_INTEGER(ids->u.array.values[i])), P_I64(r->auth.merchant_id) };
		int64_t n = db_exec(r->db, stmt, p, 3, NULL);
		if (n <= 0)
			return n < 0 ? -1 : 1;
	}
	return 0;
}

/* Saves the settings, or with dry_run answers the preview of them and saves nothing. Push on with SKUs going to 0
 * needs confirm_zero: their number. */
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
	int skip = jr_bool(&j, j.root, "skip_unreceived", JR_OPTIONAL, 1);
	yajl_val inc = jr_arr(&j, j.root, "included_channel_sku_ids", JR_OPTIONAL, 0, MAX_INCLUDES);
	int dry_run = jr_bool(&j, j.root, "dry_run", JR_OPTIONAL, 0);
	int64_t confirm = jr_int(&j, j.root, "confirm_zero", JR_OPTIONAL, 0, MAX_CONFIRM, -1);
	check_ids(&j, whs, "warehouse_ids");
	check_ids(&j, inc, "included_channel_sku_ids");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param pc[] = { P_I64(id) };
	struct db_param pu[] = { P_I64(id), P_I64(r->auth.merchant_id), P_I64(enabled), P_I64(buffer), P_STR(twh ? twh : ""),
	                         P_I64(skip) };
	struct stock_preview pv;
	int bad;
	if (db_begin(r->db) != 0)
		goto fail;
	const char *before = audit_snap(r, AUDIT_STOCK_SETTINGS, id);
	if (db_exec(r->db, STMT_STOCK_SETTINGS_UPSERT, pu, 6, NULL) < 0 || db_exec(r->db, STMT_STOCK_SETTINGS_WH_CLEAR, pc, 1, NULL) < 0 ||
	    db_exec(r->db, STMT_STOCK_PUSH_INCLUDES_CLEAR, pc, 1, NULL) < 0)
		goto fail;
	if ((bad = add_each(r, id, whs, STMT_STOCK_SETTINGS_WH_ADD)) < 0)
		goto fail;
	if (bad > 0) {
		db_rollback(r->db);
		resp_error(r, 422, "unknown_warehouse", "A warehouse of warehouse_ids is not one of yours.");
		return;
	}
	if ((bad = add_each(r, id, inc, STMT_STOCK_PUSH_INCLUDE_ADD)) < 0)
		goto fail;
	if (bad > 0) {
		db_rollback(r->db);
		resp_error(r, 422, "unknown_channel_sku", "A SKU of included_channel_sku_ids is not one of this shop's.");
		return;
	}
	/* the preview reads the settings just written, in this transaction */
	if ((dry_run || enabled) && stock_preview_compute(r, id, &pv) != 0)
		goto fail;
	if (dry_run) {
		db_rollback(r->db);
		stock_preview_answer(r, id, &pv);
		return;
	}
	if (enabled && !stock_preview_confirmed(r, &pv, confirm)) {
		db_rollback(r->db);
		return;
	}
	if (mark_all(r, id) < 0 || audit_change(r, AUDIT_STOCK_SETTINGS, id, "update", before) < 0 ||
	    db_commit(r->db) != 0)
		goto fail;
	answer_settings(r, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

/* Push now: every linked SKU pushed again; with dry_run the preview of it. SKUs going to 0 need confirm_zero. */
void h_conn_push_stock(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load(r, id, &s))
		return;
	int dry_run = 0;
	int64_t confirm = -1;
	if (r->body_len > 0) {   /* no body: a push without a dry run or a confirmation */
		struct jr j;
		if (req_json(r, &j) != 0)
			return;
		dry_run = jr_bool(&j, j.root, "dry_run", JR_OPTIONAL, 0);
		confirm = jr_int(&j, j.root, "confirm_zero", JR_OPTIONAL, 0, MAX_CONFIRM, -1);
		if (j.nerr > 0) {
			resp_invalid(r, &j);
			return;
		}
	}
	if (!db_cell_i64(&s, 0, STOCK_SETTINGS_ENABLED)) {
		resp_error(r, 409, "stock_push_off", "Stock push is off for this shop; turn it on first.");
		return;
	}
	struct stock_preview pv;
	if (stock_preview_compute(r, id, &pv) != 0) {
		fail_db(r);
		return;
	}
	if (dry_run) {
		stock_preview_answer(r, id, &pv);
		return;
	}
	if (!stock_preview_confirmed(r, &pv, confirm))
		return;
	int64_t n = db_begin(r->db) == 0 ? mark_all(r, id) : -1;
	if (n < 0 || audit_record(r, AUDIT_CONNECTION, id, "push_stock", NULL, audit_body(r)) < 0 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
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

/* A SKU of the push list: its names, what TikTok has, what the app sends (stock_plan_of), and its last push. */
static void write_push(struct jw *w, const struct db_rows *rows, int i)
{
	struct stock_plan plan;
	stock_plan_of(rows, i, &plan);
	jw_obj_open(w, NULL);
	jw_int(w, "channel_sku_id", db_cell_i64(rows, i, PLAN_ID));
	jw_str(w, "sku_id", db_cell(rows, i, PLAN_SKU_ID));
	jw_str(w, "seller_sku", db_cell(rows, i, PLAN_SELLER_SKU));
	jw_str(w, "product_name", db_cell(rows, i, PLAN_PRODUCT_NAME));
	jw_str(w, "sku_name", db_cell(rows, i, PLAN_SKU_NAME));
	if (db_cell(rows, i, PLAN_PRODUCT_ID) != NULL)
		jw_int(w, "product_id", db_cell_i64(rows, i, PLAN_PRODUCT_ID));
	else
		jw_null(w, "product_id");
	jw_str(w, "action", stock_plan_action_name(plan.action));
	if (plan.action == PLAN_SEND)
		jw_int(w, "quantity", plan.quantity);
	else
		jw_null(w, "quantity");
	if (plan.tiktok_known)
		jw_int(w, "tiktok_quantity", plan.tiktok);
	else
		jw_null(w, "tiktok_quantity");
	jw_bool(w, "included", db_cell_i64(rows, i, PLAN_INCLUDED));
	jw_bool(w, "pending", db_cell_i64(rows, i, PLAN_PENDING));
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
		jr_reject(&q, "failed", JR_not_a_boolean, "is true or false");
	if (query_errors_answer(&q, r) != 0)
		return;
	int only_failed = failed != NULL && (strcmp(failed, "1") == 0 || strcmp(failed, "true") == 0);
	struct db_param p[6] = { P_I64(r->auth.merchant_id), P_I64(id), P_I64(only_failed), P_I64(only_failed) };
	answer_list(r, &pg, STMT_STOCK_PUSH_COUNT, STMT_STOCK_PUSH_LIST, p, 4, write_push);
}
