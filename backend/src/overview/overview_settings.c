/* The home screen's settings (GET/PUT /api/v1/overview/settings): how far back its "no export slip yet" tiles look. */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"

/* A year at most; 0 counts every order. */
#define NO_SLIP_DAYS_MAX 365

static void answer(struct request *r, int64_t no_slip_days)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "no_slip_days", no_slip_days);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_overview_settings_get(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_OVERVIEW_SETTINGS_GET, p, 1, &rows) != 1) {
		fail_db(r);
		return;
	}
	answer(r, db_cell_i64(&rows, 0, OVERVIEW_SETTINGS_NO_SLIP_DAYS));
}

void h_overview_settings_put(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t days = jr_int(&j, j.root, "no_slip_days", JR_REQUIRED, 0, NO_SLIP_DAYS_MAX, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(days), P_I64(r->auth.merchant_id) };
	if (audit_exec(r, STMT_OVERVIEW_SETTINGS_SET, p, 2, NULL, AUDIT_MERCHANT_SETTINGS, r->auth.merchant_id, "overview_update") < 0) {
		fail_db(r);
		return;
	}
	answer(r, days);
}
