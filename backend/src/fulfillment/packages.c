/* An order's packages, pickup slots, label and print state and the automatic rules' results, as stored by the sync
 * jobs; and the request to read an order's pickup slots from TikTok (a job). */
#include "fulfillment/packages.h"
#include "api/common.h"
#include "api/handlers.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include "sync/jobs.h"
#include "sync/sync_jobs.h"
#include <stdio.h>

static void write_package(struct jw *w, const struct db_rows *p, int i, const struct db_rows *s)
{
	jw_obj_open(w, NULL);
	jw_str(w, "package_id", db_cell(p, i, FF_PACKAGE_PACKAGE_ID));
	const char *method = db_cell(p, i, FF_PACKAGE_HANDOVER_METHOD);
	if (method != NULL && *method != '\0')
		jw_str(w, "handover_method", method);
	else
		jw_null(w, "handover_method");
	if (db_cell(p, i, FF_PACKAGE_PICKUP_START) != NULL) {
		jw_obj_open(w, "pickup_slot");
		jw_time(w, "start_time", db_cell_i64(p, i, FF_PACKAGE_PICKUP_START));
		jw_time(w, "end_time", db_cell_i64(p, i, FF_PACKAGE_PICKUP_END));
		jw_obj_close(w);
	} else {
		jw_null(w, "pickup_slot");
	}
	jw_time(w, "arranged_at", db_cell_i64(p, i, FF_PACKAGE_ARRANGED_AT));
	jw_str(w, "tracking_number", db_cell(p, i, FF_PACKAGE_TRACKING_NUMBER));
	jw_obj_open(w, "handover");
	jw_time(w, "read_at", db_cell_i64(p, i, FF_PACKAGE_SLOTS_READ_AT));
	if (db_cell(p, i, FF_PACKAGE_CAN_PICKUP) != NULL) {
		jw_bool(w, "can_pickup", db_cell_i64(p, i, FF_PACKAGE_CAN_PICKUP));
		jw_bool(w, "can_drop_off", db_cell_i64(p, i, FF_PACKAGE_CAN_DROP_OFF));
	} else {
		jw_null(w, "can_pickup");
		jw_null(w, "can_drop_off");
	}
	jw_arr_open(w, "pickup_slots");
	for (int k = 0; k < s->nrows; k++)
		if (db_cell_i64(s, k, FF_SLOT_PACKAGE) == db_cell_i64(p, i, FF_PACKAGE_ID)) {
			jw_obj_open(w, NULL);
			jw_time(w, "start_time", db_cell_i64(s, k, FF_SLOT_START));
			jw_time(w, "end_time", db_cell_i64(s, k, FF_SLOT_END));
			jw_obj_close(w);
		}
	jw_arr_close(w);
	jw_obj_close(w);
	jw_obj_open(w, "label");
	int has = (int)db_cell_i64(p, i, FF_PACKAGE_HAS_LABEL);
	jw_str(w, "state", has ? (db_cell(p, i, FF_PACKAGE_PRINTED_AT) != NULL ? "printed" : "ready")
	                       : db_cell(p, i, FF_PACKAGE_LABEL_ERROR) != NULL ? "refused"
	                       : db_cell(p, i, FF_PACKAGE_ARRANGED_AT) != NULL ? "fetching" : "none");
	jw_int(w, "pages", db_cell_i64(p, i, FF_PACKAGE_LABEL_PAGES));
	jw_str(w, "error", db_cell(p, i, FF_PACKAGE_LABEL_ERROR));
	jw_time(w, "printed_at", db_cell_i64(p, i, FF_PACKAGE_PRINTED_AT));
	jw_str(w, "printed_by", db_cell(p, i, FF_PACKAGE_PRINTED_BY));
	jw_int(w, "print_count", db_cell_i64(p, i, FF_PACKAGE_PRINT_COUNT));
	jw_obj_close(w);
	jw_obj_close(w);
}

int fulfillment_write(struct request *r, struct jw *w, int64_t order_id)
{
	struct db_param p[] = { P_I64(order_id), P_I64(r->auth.merchant_id) };
	struct db_rows o, pk, s, rules;
	if (db_query(r->db, r->arena, STMT_FF_ORDER_SHIPPING, p, 2, &o) < 0 ||
	    db_query(r->db, r->arena, STMT_FF_ORDER_PACKAGES, p, 2, &pk) < 0 ||
	    db_query(r->db, r->arena, STMT_FF_ORDER_SLOTS, p, 2, &s) < 0 ||
	    db_query(r->db, r->arena, STMT_FF_ORDER_RULES, p, 2, &rules) < 0)
		return -1;
	jw_obj_open(w, "fulfillment");
	jw_time(w, "ship_by", o.nrows > 0 ? db_cell_i64(&o, 0, FF_SHIPPING_SHIP_BY) : 0);
	jw_time(w, "label_printed_at", o.nrows > 0 ? db_cell_i64(&o, 0, FF_SHIPPING_LABEL_PRINTED_AT) : 0);
	jw_arr_open(w, "packages");
	for (int i = 0; i < pk.nrows; i++)
		write_package(w, &pk, i, &s);
	jw_arr_close(w);
	jw_arr_open(w, "rules");
	for (int i = 0; i < rules.nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "rule", db_cell(&rules, i, FF_RAN_RULE));
		jw_str(w, "result", db_cell(&rules, i, FF_RAN_CODE) == NULL ? "done" : "refused");
		jw_str(w, "code", db_cell(&rules, i, FF_RAN_CODE));
		jw_str(w, "message", db_cell(&rules, i, FF_RAN_MESSAGE));
		jw_time(w, "at", db_cell_i64(&rules, i, FF_RAN_AT));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
	return 0;
}

void h_order_handover_slots(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_FF_ORDER_OWNED, p, 2, &rows) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such order.");
		return;
	}
	int64_t conn = db_cell_i64(&rows, 0, FF_OWNED_CONNECTION_ID), job = 0;
	const char *key = arena_printf(r->arena, "handover_slots:%lld", (long long)id);
	const char *payload = arena_printf(r->arena, "%lld", (long long)id);
	int queued = jobs_enqueue(r->db, r->auth.merchant_id, conn, "handover_slots", key, payload, 0, &job);
	struct db_param pk[] = { P_STR(key) };
	if (queued == 0 && db_query(r->db, r->arena, STMT_JOB_BY_DEDUPE, pk, 1, &rows) > 0)
		job = db_cell_i64(&rows, 0, ID_ID);
	if (queued < 0 || job == 0) {
		fail_db(r);
		return;
	}
	answer_job(r, job, 202, 1);
}
