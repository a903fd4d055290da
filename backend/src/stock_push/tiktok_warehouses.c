/* A shop's TikTok sales warehouses for the stock push settings' picker: the list the sync workers last pulled
 * (GET, with when and the last pull job), and a new pull (POST: a pull_warehouses job). No request calls TikTok. */
#include "api/common.h"
#include "api/handlers.h"
#include "sync/sync_jobs.h"
#include "stock_push/stock_settings.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_conn_tiktok_warehouses(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s, pull, list;
	if (!stock_settings_load(r, id, &s))
		return;
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_query(r->db, r->arena, STMT_TIKTOK_WAREHOUSES_PULL, p, 2, &pull) != 1 ||
	    db_query(r->db, r->arena, STMT_TIKTOK_WAREHOUSES, p, 2, &list) < 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < list.nrows; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", db_cell(&list, i, TIKTOK_WAREHOUSES_ID));
		jw_str(&w, "name", db_cell(&list, i, TIKTOK_WAREHOUSES_NAME));
		jw_bool(&w, "is_default", db_cell_i64(&list, i, TIKTOK_WAREHOUSES_IS_DEFAULT));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_time(&w, "pulled_at", db_cell_i64(&pull, 0, TIKTOK_WAREHOUSES_PULL_PULLED_AT));
	if (write_job_of(r, &w, "job", db_cell_i64(&pull, 0, TIKTOK_WAREHOUSES_PULL_JOB_ID)) < 0) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_conn_tiktok_warehouses_pull(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load_active(r, id, &s))
		return;
	answer_enqueued(r, id, "pull_warehouses");
}
