/* The automatic slip rules of a shop ("when shipment is arranged, create the export slip"; "when TikTok reports the
 * package collected, export the slip"): each order worked on once per rule, through the slip buttons' own handlers. */
#include "fulfillment/fulfillment.h"
#include "fulfillment/fulfillment_jobs.h"
#include "fulfillment/slip_calls.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/policy.h"
#include <stdio.h>

static int apply(struct worker *w, struct arena *a, int64_t connection_id, int64_t merchant_id, int stmt, const char *rule)
{
	struct db_param p[] = { P_I64(connection_id) };
	struct db_rows rows;
	int n = db_query(w->db, a, stmt, p, 1, &rows);
	for (int i = 0; i < n; i++) {
		int64_t order = db_cell_i64(&rows, i, FF_RULE_ORDER_ID), user = db_cell_i64(&rows, i, FF_RULE_USER_ID);
		struct slip_outcome o = stmt == STMT_FF_RULE_ARRANGED
			? slip_call_create(w, a, merchant_id, user, "tiktok", order, db_cell_i64(&rows, i, FF_RULE_WAREHOUSE_ID))
			: slip_call_export(w, a, merchant_id, user, "tiktok", order);
		if (o.status >= 500)
			return -1;
		struct db_param r[] = { P_I64(order), P_STR(rule), P_I64(merchant_id), o.ok ? P_NULL : P_STR(o.code),
			                o.ok ? P_NULL : P_STR(o.message) };
		if (db_exec(w->db, STMT_FF_RULE_RAN, r, 5, NULL) < 0)
			return -1;
	}
	return n < 0 ? -1 : n;
}

int ff_rules_run(struct worker *w, struct arena *a, int64_t connection_id, int64_t merchant_id)
{
	int made = apply(w, a, connection_id, merchant_id, STMT_FF_RULE_ARRANGED, "slip_on_arrange");
	int exported = made < 0 ? -1 : apply(w, a, connection_id, merchant_id, STMT_FF_RULE_TRANSIT, "export_on_transit");
	if (made > 0 || exported > 0)
		log_info("fulfillment_rules", "connection=%lld created=%d exported=%d", (long long)connection_id, made, exported);
	return made < 0 || exported < 0 ? -1 : 0;
}

struct job_result job_fulfillment_rules(struct worker *w, struct arena *a, const struct job *j)
{
	if (ff_rules_run(w, a, j->connection_id, j->merchant_id) < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The rules could not be applied.", DB_RETRY_SECONDS };
	return JOB_OK;
}

void fulfillment_schedule(struct worker *w, struct arena *a)
{
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_FF_RULES_DUE, NULL, 0, &rows);
	for (int i = 0; i < n; i++) {
		int64_t conn = db_cell_i64(&rows, i, FF_DUE_CONNECTION_ID);
		char key[48];
		snprintf(key, sizeof(key), "fulfillment_rules:%lld", (long long)conn);
		jobs_enqueue(w->db, db_cell_i64(&rows, i, FF_DUE_MERCHANT_ID), conn, "fulfillment_rules", key, NULL, 0, NULL);
	}
}
