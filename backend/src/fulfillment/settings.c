/* A shop's shipping rules (GET/PUT /connections/{id}/fulfillment-settings): whether arranging shipment creates the
 * export slip and whether TikTok's collection exports it; off until the merchant turns them on. */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include "stock/stock.h"

/* The connection's settings row; answers 404 and returns 0 when it is not the caller's, 0 after 500 too. */
static int load(struct request *r, int64_t id, struct db_rows *rows)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int n = id > 0 ? db_query(r->db, r->arena, STMT_FF_SETTINGS_GET, p, 2, rows) : 0;
	if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No such connection.");
	return n > 0;
}

static void answer(struct request *r, int64_t id)
{
	struct db_rows s;
	if (!load(r, id, &s))
		return;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "connection_id", id);
	jw_bool(&w, "slip_on_arrange", db_cell_i64(&s, 0, FF_SETTINGS_SLIP_ON_ARRANGE));
	jw_bool(&w, "export_on_transit", db_cell_i64(&s, 0, FF_SETTINGS_EXPORT_ON_TRANSIT));
	if (db_cell(&s, 0, FF_SETTINGS_WAREHOUSE_ID) != NULL)
		jw_int(&w, "warehouse_id", db_cell_i64(&s, 0, FF_SETTINGS_WAREHOUSE_ID));
	else
		jw_null(&w, "warehouse_id");
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_fulfillment_settings_get(struct request *r)
{
	answer(r, req_param_id(r, 0));
}

void h_fulfillment_settings_put(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	struct jr j;
	if (!load(r, id, &s) || req_json(r, &j) != 0)
		return;
	int slip = jr_bool(&j, j.root, "slip_on_arrange", JR_REQUIRED, 0);
	int export = jr_bool(&j, j.root, "export_on_transit", JR_REQUIRED, 0);
	int64_t wh = jr_int(&j, j.root, "warehouse_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int owned = wh > 0 ? warehouse_owned(r, wh) : 1;
	if (owned < 0) {
		fail_db(r);
		return;
	}
	if (owned == 0) {
		jr_reject(&j, "warehouse_id", JR_not_found, "no such warehouse");
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id), P_I64(slip), P_I64(export), wh > 0 ? P_I64(wh) : P_NULL,
		                P_I64(clock_now()), P_I64(r->auth.user_id) };
	if (audit_exec(r, STMT_FF_SETTINGS_PUT, p, 7, NULL, AUDIT_FULFILLMENT_SETTINGS, id, "update") < 0) {
		fail_db(r);
		return;
	}
	answer(r, id);
}
