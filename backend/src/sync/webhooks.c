/* TikTok's webhook pushes: signature checked in constant time, each notification stored once,
 * answered at once; the work itself is a state change or a job. */
#include "api/handlers.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "mail/reconnect_mail.h"
#include "sync/jobs.h"
#include "tiktok/client.h"
#include "tiktok/webhook_sig.h"
#include <stdio.h>
#include <string.h>

enum {
	WEBHOOK_ORDER_STATUS = 1, WEBHOOK_DEAUTHORIZATION = 6, WEBHOOK_AUTH_EXPIRING = 7, WEBHOOK_CANCELLATION_STATUS = 11,
	WEBHOOK_RETURN_STATUS = 12
};

/* Applies a notification to one connection; returns the outcome recorded on the receipt. */
static const char *apply(struct request *r, int64_t type, const struct db_rows *conn, int i, yajl_val data)
{
	int64_t conn_id = db_cell_i64(conn, i, CONN_SHOP_ID);
	if (type == WEBHOOK_ORDER_STATUS) {
		const char *order_id = tt_str(data, "order_id");
		if (db_cell_i64(conn, i, CONN_SHOP_SYNC_ENABLED) == 0 || order_id == NULL)
			return "ignored"; /* Sync all has not run for this shop */
		return jobs_enqueue(r->db, db_cell_i64(conn, i, CONN_SHOP_MERCHANT_ID), conn_id, "order_fetch", NULL, order_id, 0, NULL) < 0
			? "error" : "queued";
	}
	if (type == WEBHOOK_CANCELLATION_STATUS || type == WEBHOOK_RETURN_STATUS) {
		int ret = type == WEBHOOK_RETURN_STATUS;
		const char *id = tt_str(data, ret ? "return_id" : "cancel_id");
		if (db_cell_i64(conn, i, CONN_SHOP_SYNC_ENABLED) == 0 || id == NULL || *id == '\0' || strlen(id) > 64)
			return "ignored";
		/* the request is read back from TikTok: a late notification cannot move it back */
		const char *payload = arena_printf(r->arena, "%s:%s", ret ? "return" : "cancellation", id);
		return jobs_enqueue(r->db, db_cell_i64(conn, i, CONN_SHOP_MERCHANT_ID), conn_id, "after_sales_fetch", NULL,
		                    payload, 0, NULL) < 0 ? "error" : "queued";
	}
	if (type == WEBHOOK_DEAUTHORIZATION) {
		struct db_param p[] = { P_I64(conn_id) };
		return reconnect_mark(r->db, r->cfg->public_url, conn_id, STMT_CONN_DEAUTHORIZED, p, 1) < 0 ? "error"
			: "reauth_required";
	}
	if (type == WEBHOOK_AUTH_EXPIRING) {
		int64_t when = tt_int(data, "expiration_time");
		struct db_param p[] = { P_I64(when > 0 ? when : 1), P_I64(conn_id) };
		return db_exec(r->db, STMT_CONN_SET_EXPIRY_WARNING, p, 2, NULL) < 0 ? "error" : "expiry_warning";
	}
	return "ignored";
}

void h_webhook_tiktok(struct request *r)
{
	if (!tt_webhook_signature_ok(r->cfg->tiktok_app_key, r->cfg->tiktok_app_secret, r->body, r->body_len,
	                             r->authorization)) {
		log_warn("webhook_refused", "reason=signature bytes=%zu", r->body_len);
		resp_error(r, 401, "invalid_signature", "The webhook signature does not match.");
		return;
	}
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t type = jr_int(&j, j.root, "type", JR_REQUIRED, 0, 1000, 0);
	const char *nid = jr_str(&j, j.root, "tts_notification_id", JR_REQUIRED, 1, 64);
	const char *shop = jr_str(&j, j.root, "shop_id", JR_REQUIRED, 1, 64);
	yajl_val data = jr_obj(&j, j.root, "data", JR_OPTIONAL);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	/* a notification that only queues work (an order, a cancellation or a return to fetch) is stored, queued and
	 * marked in one transaction, one commit; when any step fails nothing is kept and TikTok delivers it again */
	int queues = type == WEBHOOK_ORDER_STATUS || type == WEBHOOK_CANCELLATION_STATUS || type == WEBHOOK_RETURN_STATUS;
	struct db_param ins[] = { P_STR(nid), P_I64(type), P_STR(shop), P_STRN(r->body, r->body_len) };
	int64_t fresh = queues && db_begin(r->db) != 0 ? -1 : db_exec(r->db, STMT_WEBHOOK_RECEIPT_INSERT, ins, 4, NULL);
	if (fresh <= 0) {
		if (queues)
			db_rollback(r->db);
		if (fresh < 0)
			resp_error(r, 503, "database_unavailable", "The notification could not be stored; retry later.");
		else /* delivered before: acknowledged, not processed again */
			resp_empty(r, 200);
		return;
	}
	struct db_param ps[] = { P_STR(shop) };
	struct db_rows conns;
	int n = db_query(r->db, r->arena, STMT_CONN_BY_SHOP, ps, 1, &conns);
	const char *outcome = n < 0 ? "error" : n == 0 ? "ignored" : NULL;
	for (int i = 0; i < n; i++)
		outcome = apply(r, type, &conns, i, data);
	struct db_param po[] = { P_STR(outcome), P_STR(nid) };
	int marked = db_exec(r->db, STMT_WEBHOOK_RECEIPT_OUTCOME, po, 2, NULL) >= 0;
	if (queues && (strcmp(outcome, "error") == 0 || !marked || db_commit(r->db) != 0)) {
		db_rollback(r->db);
		log_warn("webhook_refused", "reason=database type=%lld notification=%s shop=%s", (long long)type, nid, shop);
		resp_error(r, 503, "database_unavailable", "The notification could not be stored; retry later.");
		return;
	}
	log_info("webhook", "type=%lld notification=%s shop=%s outcome=%s", (long long)type, nid, shop, outcome);
	resp_empty(r, 200);
}
