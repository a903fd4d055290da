/* GET/POST /sandbox/rate-limit (TikTok's per-shop limit, calls a second; 0: none) and GET /sandbox/shops/{shop_id}/calls. */
#include "ctl.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"

#define MAX_PER_SECOND 100000

static void answer_limit(struct request *r)
{
	struct db_rows rows;
	if (db_query(r->db, r->arena, SB_RATE_GET, NULL, 0, &rows) <= 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "per_second", db_cell_i64(&rows, 0, SB_RATE_GET_PER_SECOND));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_rate_get(struct request *r)
{
	answer_limit(r);
}

void h_ctl_rate_set(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t per_second = jr_int(&j, j.root, "per_second", JR_REQUIRED, 0, MAX_PER_SECOND, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(per_second) };
	if (db_exec(r->db, SB_RATE_SET, p, 1, NULL) < 0) {
		ctl_fail_db(r);
		return;
	}
	answer_limit(r);
}

void h_ctl_shop_calls(struct request *r)
{
	int64_t shop_id;
	if (!ctl_shop(r, &shop_id, NULL, NULL))
		return;
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows rows, limit;
	if (db_query(r->db, r->arena, SB_RATE_REPORT, p, 1, &rows) < 0 ||
	    db_query(r->db, r->arena, SB_RATE_GET, NULL, 0, &limit) <= 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "per_second_limit", db_cell_i64(&limit, 0, SB_RATE_GET_PER_SECOND));
	int64_t busiest = 0, throttled = 0;
	jw_arr_open(&w, "paths");
	for (int i = 0; i < rows.nrows; i++) {
		int64_t max = db_cell_i64(&rows, i, SB_RATE_REPORT_MAX_PER_SECOND);
		int64_t t = db_cell_i64(&rows, i, SB_RATE_REPORT_THROTTLED);
		busiest = max > busiest ? max : busiest;
		throttled += t;
		jw_obj_open(&w, NULL);
		jw_str(&w, "path", db_cell(&rows, i, SB_RATE_REPORT_PATH));
		jw_int(&w, "max_per_second", max);
		jw_int(&w, "calls", db_cell_i64(&rows, i, SB_RATE_REPORT_CALLS));
		jw_int(&w, "throttled", t);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_int(&w, "max_per_second", busiest);
	jw_int(&w, "throttled", throttled);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
