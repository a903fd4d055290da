/* POST /sandbox/packages/{package_id}/collect: the carrier collects an arranged package now (IN_TRANSIT, webhook 1),
 * what the live demo does on its own a while after arranging. */
#include "ctl.h"
#include "ff.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

void h_ctl_package_collect(struct request *r)
{
	int64_t id = sb_row(r->params[0], ID_PACKAGE);
	int64_t now = sb_now(r->db, r->arena);
	struct db_param p[] = { P_I64(id) };
	struct db_rows st;
	if (db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	/* lock the row the way a ship call does, so a collect never overtakes an arrangement in flight */
	int n = id > 0 ? db_query(r->db, r->arena, SB_ORDER_STATE, p, 1, &st) : 0;
	struct db_param pl[] = { P_I64(id), P_I64(n > 0 ? db_cell_i64(&st, 0, SB_ORDER_STATE_SHOP_ID) : 0) };
	struct db_rows locked;
	if (n < 0 || (n > 0 && db_query(r->db, r->arena, SB_ORDER_LOCK, pl, 2, &locked) <= 0)) {
		db_rollback(r->db);
		ctl_fail_db(r);
		return;
	}
	const char *status = n > 0 ? db_cell(&locked, 0, SB_ORDER_ROW_STATUS) : NULL;
	if (status == NULL || ff_package_status(status, db_cell(&locked, 0, SB_ORDER_ROW_PAID_TIME) != NULL) == NULL) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No package with this id.");
		return;
	}
	if (strcmp(status, "AWAITING_COLLECTION") != 0) {
		db_rollback(r->db);
		resp_error(r, 409, "not_awaiting_collection",
		           arena_printf(r->arena, "The order is %s: only a package awaiting collection can be collected.", status));
		return;
	}
	if (ff_collect(r->db, r->arena, id, now) != 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "package_id", r->params[0]);
	jw_str(&w, "order_id", sb_ext(r->arena, ID_ORDER, id));
	jw_str(&w, "order_status", "IN_TRANSIT");
	jw_str(&w, "package_status", ff_package_status("IN_TRANSIT", 1));
	jw_int(&w, "collection_time", now);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
