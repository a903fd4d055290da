/* Stock reconciliation of a connection: start one (a stock_reconcile job) and the last one's result, per SKU. */
#include "api/common.h"
#include "api/handlers.h"
#include "sync/sync_jobs.h"
#include "stock_push/stock_settings.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_conn_stock_reconcile(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load_active(r, id, &s))
		return;
	if (!db_cell_i64(&s, 0, STOCK_SETTINGS_ENABLED)) {
		resp_error(r, 409, "stock_push_off", "Stock push is off for this shop; turn it on first.");
		return;
	}
	answer_enqueued(r, id, "stock_reconcile");
}

static void write_items(struct jw *w, const struct db_rows *it)
{
	jw_arr_open(w, "items");
	for (int i = 0; i < it->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_int(w, "channel_sku_id", db_cell_i64(it, i, RECONCILE_ITEMS_CHANNEL_SKU_ID));
		jw_str(w, "sku_id", db_cell(it, i, RECONCILE_ITEMS_SKU_ID));
		jw_str(w, "seller_sku", db_cell(it, i, RECONCILE_ITEMS_SELLER_SKU));
		jw_str(w, "product_name", db_cell(it, i, RECONCILE_ITEMS_PRODUCT_NAME));
		jw_str(w, "sku_name", db_cell(it, i, RECONCILE_ITEMS_SKU_NAME));
		jw_int(w, "tiktok_quantity", db_cell_i64(it, i, RECONCILE_ITEMS_TIKTOK_QTY));
		jw_int(w, "quantity", db_cell_i64(it, i, RECONCILE_ITEMS_APP_QTY));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void h_conn_stock_reconcile_get(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s, last, it = { 0 };
	if (!stock_settings_load(r, id, &s))
		return;
	struct db_param pl[] = { P_I64(r->auth.merchant_id), P_I64(id) };
	int n = db_query(r->db, r->arena, STMT_RECONCILE_LATEST, pl, 2, &last);
	int64_t job_id = n > 0 ? db_cell_i64(&last, 0, RECONCILE_LATEST_JOB_ID) : 0;
	struct db_param pi[] = { P_I64(job_id), P_I64(r->auth.merchant_id) };
	if (n < 0 || (n > 0 && db_query(r->db, r->arena, STMT_RECONCILE_ITEMS, pi, 2, &it) < 0)) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	if (n == 0) {
		jw_null(&w, "reconcile");
	} else {
		jw_obj_open(&w, "reconcile");
		jw_int(&w, "job_id", db_cell_i64(&last, 0, RECONCILE_LATEST_JOB_ID));
		jw_str(&w, "state", db_cell(&last, 0, RECONCILE_LATEST_STATE));
		jw_int(&w, "checked", db_cell_i64(&last, 0, RECONCILE_LATEST_CHECKED));
		jw_int(&w, "corrected", db_cell_i64(&last, 0, RECONCILE_LATEST_CORRECTED));
		jw_time(&w, "started_at", db_cell_i64(&last, 0, RECONCILE_LATEST_STARTED_AT));
		jw_time(&w, "finished_at", db_cell_i64(&last, 0, RECONCILE_LATEST_FINISHED_AT));
		jw_str(&w, "error_code", db_cell(&last, 0, RECONCILE_LATEST_ERROR_CODE));
		write_items(&w, &it);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
