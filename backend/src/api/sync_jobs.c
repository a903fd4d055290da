/* Reading a sync job's state and progress. */
#include "api/common.h"
#include "api/handlers.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_sync_job_get(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_JOB_FOR_MERCHANT, p, 2, &rows) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such sync job.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "id", db_cell_i64(&rows, 0, 0));
	jw_int(&w, "connection_id", db_cell_i64(&rows, 0, 8));
	jw_str(&w, "kind", db_cell(&rows, 0, 1));
	jw_str(&w, "state", db_cell(&rows, 0, 2));
	jw_obj_open(&w, "progress");
	jw_int(&w, "done", db_cell_i64(&rows, 0, 3));
	jw_int(&w, "total", db_cell_i64(&rows, 0, 4));
	jw_obj_close(&w);
	jw_str(&w, "error", db_cell(&rows, 0, 5));
	jw_time(&w, "created_at", db_cell_i64(&rows, 0, 9));
	jw_time(&w, "started_at", db_cell_i64(&rows, 0, 6));
	jw_time(&w, "finished_at", db_cell_i64(&rows, 0, 7));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
