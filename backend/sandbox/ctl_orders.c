/* POST /sandbox/orders/{order_id}/status (webhook 1) and POST /sandbox/shops/{shop_id}/deauthorize (webhook 6). */
#include "ctl.h"
#include "ff.h"
#include "gen.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "webhook.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

/* Moves the order; arranging shipment and the carrier's collection go the way TikTok's own moves go (handover,
 * tracking number and event), so a package moved here looks like one moved through the Fulfillment API.
 * 1 done, 0 no such order, -1 error. */
static int set_status(struct request *r, int64_t id, const char *status, int64_t now, int64_t *updated)
{
	struct db_param p[] = { P_I64(id) };
	struct db_rows st;
	int n = db_query(r->db, r->arena, SB_ORDER_STATE, p, 1, &st);
	if (n <= 0)
		return n;
	const char *from = db_cell(&st, 0, SB_ORDER_STATE_STATUS);
	int rc;
	if (strcmp(from, "AWAITING_SHIPMENT") == 0 && strcmp(status, "AWAITING_COLLECTION") == 0)
		rc = ff_arrange(r->db, r->arena, id, "DROP_OFF", 0, 0, NULL, now);
	else if (strcmp(from, "AWAITING_COLLECTION") == 0 && strcmp(status, "IN_TRANSIT") == 0)
		rc = ff_collect(r->db, r->arena, id, now);
	else
		return gen_order_set_status(r->db, r->arena, id, status, now, updated);
	if (rc != 0 || db_query(r->db, r->arena, SB_ORDER_STATE, p, 1, &st) <= 0)
		return -1;
	*updated = db_cell_i64(&st, 0, SB_ORDER_STATE_UPDATE_TIME);
	return 1;
}

void h_ctl_order_status(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *st = jr_str(&j, j.root, "status", JR_REQUIRED, 1, 40);
	const char *status = gen_known_status(st);
	if (st != NULL && status == NULL)
		jr_fail(&j, "status", "is not a TikTok order status");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t id = sb_row(r->params[0], ID_ORDER), updated = 0;
	int64_t now = sb_now(r->db, r->arena);
	if (db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	int rc = set_status(r, id, status, now, &updated);
	if (rc <= 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		if (rc == 0)
			resp_error(r, 404, "not_found", "No order with this id.");
		else
			ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "id", sb_ext(r->arena, ID_ORDER, id));
	jw_str(&w, "status", status);
	jw_int(&w, "update_time", updated);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_deauthorize(struct request *r)
{
	int64_t shop_id;
	int authorized;
	if (!ctl_shop(r, &shop_id, NULL, &authorized))
		return;
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows rows;
	int64_t now = sb_now(r->db, r->arena), revoked = 0;
	if (db_begin(r->db) != 0 || db_query(r->db, r->arena, SB_SHOP_GET, p, 1, &rows) <= 0)
		goto fail;
	struct db_param ps[] = { P_I64(db_cell_i64(&rows, 0, SB_SHOP_GET_SELLER_ID)) };
	revoked = db_exec(r->db, SB_TOKENS_REVOKE_SELLER, ps, 1, NULL);
	if (revoked < 0 || db_exec(r->db, SB_SHOP_DEAUTHORIZE, p, 1, NULL) < 0)
		goto fail;
	struct wh_event e = { .type = WH_SELLER_DEAUTHORIZATION, .shop_id = shop_id, .timestamp = now,
	                      .message = "The seller has deauthorized your app for this shop." };
	if (authorized && wh_enqueue(r->db, r->arena, &e) != 0)
		goto fail;
	if (db_commit(r->db) != 0)
		goto fail;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "shop_id", r->params[0]);
	jw_int(&w, "revoked_tokens", revoked);
	jw_bool(&w, "webhook_sent", authorized);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
	return;
fail:
	db_rollback(r->db);
	ctl_fail_db(r);
}
